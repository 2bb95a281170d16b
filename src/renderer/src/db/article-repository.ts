// Articles and their texts: the only code that reads or writes them in Dexie. An article and its
// text are written in one transaction, so the archive never holds one without the other.
import type { Article, ArticleMeta, ArticleText } from '@core/archive/article'
import { changedBy, createdBy } from '@core/archive/attribution'
import type { Passage } from '@core/archive/passage'
import type { EventLink } from '@core/timeline/types'
import type { ImportedArticle } from '@core/import/types'
import { ImportError } from '@core/import/types'
import type { GroupItem, GroupResult } from '@core/archive/import-batch'
import { scanPageId, type ScanPage } from '@core/scan/types'
import type { LiasseDatabase, SettingRecord } from './database'
import { journalDoneRecord } from './import-journal'
import { trashEntry } from './trash-repository'

/** What deleting an article took away, and the trash entry that holds it. */
export interface RemovedArticle {
  article: Article
  text: ArticleText
  passages: Passage[]
  links: EventLink[]
  trashId: string
}

export class ArticleRepository {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Who is writing (see core/archive/attribution): stamped on what a person creates or changes. */
    private readonly who: () => string = () => ''
  ) {}

  /**
   * Every article, `size` at a time in id order: each read is short, so that the page stays
   * responsive while 100,000 records are read and copied in (one getAll would block it).
   */
  async *listInChunks(size: number): AsyncGenerator<Article[]> {
    let chunk = await this.db.articles.orderBy(':id').limit(size).toArray()
    while (chunk.length > 0) {
      yield chunk
      if (chunk.length < size) return
      chunk = await this.db.articles.where(':id').above(chunk.at(-1)!.id).limit(size).toArray()
    }
  }

  /** The most recently published articles (the library's first screen), from the date index. */
  newestPublished(limit: number): Promise<Article[]> {
    return this.db.articles.orderBy('published.value').reverse().limit(limit).toArray()
  }

  count(): Promise<number> {
    return this.db.articles.count()
  }

  /** The articles of these ids, in order (undefined where there is none). */
  bulkGet(ids: readonly string[]): Promise<(Article | undefined)[]> {
    return this.db.articles.bulkGet([...ids])
  }

  get(id: string): Promise<Article | undefined> {
    return this.db.articles.get(id)
  }

  text(id: string): Promise<ArticleText | undefined> {
    return this.db.articleTexts.get(id)
  }

  /** The texts of these articles, in order (undefined where there is none). */
  textsOf(ids: readonly string[]): Promise<(ArticleText | undefined)[]> {
    return this.db.articleTexts.bulkGet([...ids])
  }

  /**
   * The article an import is a newer version of: same source file name and format, another text.
   * Pasted text has no source to compare, so it never matches.
   */
  async findPreviousVersion(imported: ImportedArticle): Promise<Article | undefined> {
    if (imported.sourceFormat === 'paste') return undefined
    const sameSource = await this.db.articles
      .where('sourceName')
      .equals(imported.sourceName)
      .toArray()
    return sameSource.find(
      (a) => a.sourceFormat === imported.sourceFormat && a.sha256 !== imported.sha256
    )
  }

  findBySha256(sha256: string): Promise<Article | undefined> {
    return this.db.articles.where('sha256').equals(sha256).first()
  }

  /** The article record of an imported file, stamped now. */
  private articleOf(imported: ImportedArticle): Article {
    const stamp = this.now().toISOString()
    return {
      id: this.newId(),
      createdAt: stamp,
      updatedAt: stamp,
      importedAt: stamp,
      ...imported.meta,
      sourceName: imported.sourceName,
      sourceFormat: imported.sourceFormat,
      sha256: imported.sha256,
      textLength: imported.text.length,
      paragraphCount: imported.paragraphs.length,
      ...(imported.scan ? { scan: imported.scan.summary } : {}),
      ...createdBy(this.who())
    }
  }

  private static textOf(article: Article, imported: ImportedArticle): ArticleText {
    return { articleId: article.id, text: imported.text, paragraphs: imported.paragraphs }
  }

  /** A scan's pages as stored records, tied to their article. */
  private static pagesOf(article: Article, imported: ImportedArticle): ScanPage[] {
    return (imported.scan?.pages ?? []).map((page) => ({
      ...page,
      id: scanPageId(article.id, page.page),
      articleId: article.id
    }))
  }

  /**
   * Stores an imported article with its text, atomically. A text already in the archive is
   * refused with ImportError('duplicate') naming the article that holds it. `journalIndex`, in
   * an import batch, marks the file as done in the import journal within the same transaction.
   */
  async add(imported: ImportedArticle, journalIndex?: number): Promise<Article> {
    const { db } = this
    return db.transaction(
      'rw',
      [db.articles, db.articleTexts, db.settings, db.scanPages],
      async () => {
        const existing = await this.findBySha256(imported.sha256)
        if (existing) throw new ImportError('duplicate', imported.sourceName, existing.title)
        const article = this.articleOf(imported)
        await this.db.articles.add(article)
        await this.db.articleTexts.add(ArticleRepository.textOf(article, imported))
        await this.db.scanPages.bulkAdd(ArticleRepository.pagesOf(article, imported))
        if (journalIndex !== undefined)
          await db.settings.put(journalDoneRecord(journalIndex, article))
        return article
      }
    )
  }

  /**
   * Stores a group of imported files in one transaction, all or none, each with its import journal
   * mark. For each file, in order, what findPreviousVersion then add would decide one file at a
   * time: a newer version of an article already there (or earlier in the group), not stored; a
   * text already there (or earlier in the group), not stored; else stored. The archive is read
   * with two index queries for the whole group, not two per file.
   */
  async addMany(items: readonly GroupItem[]): Promise<GroupResult[]> {
    const { db } = this
    return db.transaction(
      'rw',
      [db.articles, db.articleTexts, db.settings, db.scanPages],
      async () => {
        const hashes = [...new Set(items.map((item) => item.imported.sha256))]
        const names = [
          ...new Set(
            items
              .filter((item) => item.imported.sourceFormat !== 'paste')
              .map((item) => item.imported.sourceName)
          )
        ]
        const [sameText, sameSource] = await Promise.all([
          db.articles.where('sha256').anyOf(hashes).toArray(),
          names.length ? db.articles.where('sourceName').anyOf(names).toArray() : []
        ])
        const byHash = new Map(sameText.map((article) => [article.sha256, article]))
        const bySource = new Map<string, Article[]>()
        const addSource = (article: Article): void => {
          const list = bySource.get(article.sourceName)
          if (list) list.push(article)
          else bySource.set(article.sourceName, [article])
        }
        sameSource.forEach(addSource)
        const articles: Article[] = []
        const texts: ArticleText[] = []
        const marks: SettingRecord[] = []
        const pages: ScanPage[] = []
        const results = items.map(({ imported, index }): GroupResult => {
          if (imported.sourceFormat !== 'paste') {
            const previous = bySource
              .get(imported.sourceName)
              ?.find(
                (a) => a.sourceFormat === imported.sourceFormat && a.sha256 !== imported.sha256
              )
            if (previous) return { status: 'newerVersion', previous }
          }
          const existing = byHash.get(imported.sha256)
          if (existing) return { status: 'duplicate', existingTitle: existing.title }
          const article = this.articleOf(imported)
          byHash.set(article.sha256, article)
          addSource(article)
          articles.push(article)
          texts.push(ArticleRepository.textOf(article, imported))
          pages.push(...ArticleRepository.pagesOf(article, imported))
          marks.push(journalDoneRecord(index, article))
          return { status: 'stored', article }
        })
        await db.articles.bulkAdd(articles)
        await db.articleTexts.bulkAdd(texts)
        await db.settings.bulkPut(marks)
        await db.scanPages.bulkAdd(pages)
        return results
      }
    )
  }

  /** Saves edited metadata; returns the updated record. */
  async updateMeta(id: string, meta: Partial<ArticleMeta>): Promise<Article> {
    return this.db.transaction('rw', this.db.articles, async () => {
      const current = await this.db.articles.get(id)
      if (!current) throw new Error(`No article ${id}`)
      const next: Article = changedBy(
        { ...current, ...meta, id, updatedAt: this.now().toISOString() },
        this.who()
      )
      await this.db.articles.put(next)
      return next
    })
  }

  /** Puts back a deleted article, its text and its passages exactly as they were (undo). */
  async restore(
    article: Article,
    text: ArticleText,
    passages: readonly Passage[] = []
  ): Promise<void> {
    const { db } = this
    await db.transaction('rw', db.articles, db.articleTexts, db.passages, async () => {
      await db.articles.put(article)
      await db.articleTexts.put(text)
      await db.passages.bulkPut([...passages])
    })
  }

  /**
   * Moves an article to the trash with its text, its passages and their links to events, in one
   * transaction: no passage outlives its article, no link its passage. Returns what was removed
   * and the trash entry (restoring it undoes the delete).
   */
  async remove(id: string): Promise<RemovedArticle | undefined> {
    const { db } = this
    const tables = [db.articles, db.articleTexts, db.passages, db.links, db.trash]
    return db.transaction('rw', tables, async () => {
      const [article, text] = await Promise.all([db.articles.get(id), db.articleTexts.get(id)])
      if (!article || !text) return undefined
      const passages = await db.passages.where('articleId').equals(id).toArray()
      const passageIds = passages.map((passage) => passage.id)
      const links = await db.links.where('passageId').anyOf(passageIds).toArray()
      await db.links.bulkDelete(links.map((link) => link.id))
      await db.passages.bulkDelete(passageIds)
      await db.articles.delete(id)
      await db.articleTexts.delete(id)
      const entry = trashEntry(
        'article',
        article.title,
        { articles: [article], articleTexts: [text], passages, links },
        this.now(),
        this.newId()
      )
      await db.trash.add(entry)
      return { article, text, passages, links, trashId: entry.id }
    })
  }
}
