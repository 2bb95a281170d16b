// Articles and their texts: the only code that reads or writes them in Dexie. An article and its
// text are written in one transaction, so the archive never holds one without the other.
import type { Article, ArticleMeta, ArticleText } from '@core/archive/article'
import type { ImportedArticle } from '@core/import/types'
import { ImportError } from '@core/import/types'
import type { LiasseDatabase } from './database'

export class ArticleRepository {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID()
  ) {}

  list(): Promise<Article[]> {
    return this.db.articles.toArray()
  }

  count(): Promise<number> {
    return this.db.articles.count()
  }

  get(id: string): Promise<Article | undefined> {
    return this.db.articles.get(id)
  }

  text(id: string): Promise<ArticleText | undefined> {
    return this.db.articleTexts.get(id)
  }

  allTexts(): Promise<ArticleText[]> {
    return this.db.articleTexts.toArray()
  }

  findBySha256(sha256: string): Promise<Article | undefined> {
    return this.db.articles.where('sha256').equals(sha256).first()
  }

  /**
   * Stores an imported article with its text, atomically. A text already in the archive is
   * refused with ImportError('duplicate') naming the article that holds it.
   */
  async add(imported: ImportedArticle): Promise<Article> {
    return this.db.transaction('rw', this.db.articles, this.db.articleTexts, async () => {
      const existing = await this.findBySha256(imported.sha256)
      if (existing) throw new ImportError('duplicate', imported.sourceName, existing.title)
      const stamp = this.now().toISOString()
      const article: Article = {
        id: this.newId(),
        createdAt: stamp,
        updatedAt: stamp,
        importedAt: stamp,
        ...imported.meta,
        sourceName: imported.sourceName,
        sourceFormat: imported.sourceFormat,
        sha256: imported.sha256,
        textLength: imported.text.length,
        paragraphCount: imported.paragraphs.length
      }
      await this.db.articles.add(article)
      await this.db.articleTexts.add({
        articleId: article.id,
        text: imported.text,
        paragraphs: imported.paragraphs
      })
      return article
    })
  }

  /** Saves edited metadata; returns the updated record. */
  async updateMeta(id: string, meta: Partial<ArticleMeta>): Promise<Article> {
    return this.db.transaction('rw', this.db.articles, async () => {
      const current = await this.db.articles.get(id)
      if (!current) throw new Error(`No article ${id}`)
      const next: Article = { ...current, ...meta, id, updatedAt: this.now().toISOString() }
      await this.db.articles.put(next)
      return next
    })
  }

  /** Puts back a deleted article and its text exactly as they were (undo of a delete). */
  async restore(article: Article, text: ArticleText): Promise<void> {
    await this.db.transaction('rw', this.db.articles, this.db.articleTexts, async () => {
      await this.db.articles.put(article)
      await this.db.articleTexts.put(text)
    })
  }

  /** Removes an article and its text together. */
  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.articles, this.db.articleTexts, async () => {
      await this.db.articles.delete(id)
      await this.db.articleTexts.delete(id)
    })
  }
}
