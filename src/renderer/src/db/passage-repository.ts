// Passages in Dexie: the only code that writes them. A change of an article's text and of every
// anchor on it is one transaction, so the archive never holds anchors resolved against another text.
import type { Article, ArticleText, Span } from '@core/archive/article'
import { changedBy, createdBy } from '@core/archive/attribution'
import { CodebookError } from '@core/archive/codebook'
import type { Passage } from '@core/archive/passage'
import { newPassage, type AnchorUpdate, type PassageAnchor } from '@core/archive/passages'
import { ImportError } from '@core/import/types'
import { sha256Hex } from '@core/text/hash'
import type { EventLink } from '@core/timeline/types'
import { remapPage } from '@core/scan/words'
import type { ScanPage } from '@core/scan/types'
import type { LiasseDatabase } from './database'
import { trashEntry } from './trash-repository'

export interface NewPassageRecord {
  articleId: string
  /** Offsets over the article's normalized text; white space at the edges is trimmed off. */
  start: number
  end: number
  tagIds: readonly string[]
  note: string
  author: string
}

export interface PassageChanges {
  tagIds?: readonly string[]
  note?: string
}

/** The article as it was before its text was replaced: put back by `restoreArticleText`. */
export interface ArticleTextSnapshot {
  article: Article
  text: ArticleText
  passages: Passage[]
  /** A scan's pages as they were (their words' offsets count in the old text). */
  scanPages?: ScanPage[]
}

/**
 * The anchors handed to replaceArticleText do not match the article's passages (one was added or
 * removed since they were computed, or they were resolved against another text): compute again.
 */
export class AnchorMismatchError extends Error {
  override readonly name = 'AnchorMismatchError'
}

function sameAnchor(a: PassageAnchor, b: PassageAnchor): boolean {
  return (
    a.status === b.status &&
    a.start === b.start &&
    a.end === b.end &&
    a.score === b.score &&
    a.textSha256 === b.textSha256
  )
}

export class PassageRepository {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Who is writing (see core/archive/attribution): stamped on what a person creates or changes. */
    private readonly who: () => string = () => ''
  ) {}

  listAll(): Promise<Passage[]> {
    return this.db.passages.toArray()
  }

  listByArticle(articleId: string): Promise<Passage[]> {
    return this.db.passages.where('articleId').equals(articleId).toArray()
  }

  get(id: string): Promise<Passage | undefined> {
    return this.db.passages.get(id)
  }

  /**
   * Codes a span of an article. Throws when the article is unknown, a RangeError for an empty
   * span, CodebookError('notFound') for an unknown tag.
   */
  async create(input: NewPassageRecord): Promise<Passage> {
    const { db } = this
    return db.transaction('rw', db.passages, db.articles, db.articleTexts, db.tags, async () => {
      const article = await db.articles.get(input.articleId)
      const text = await db.articleTexts.get(input.articleId)
      if (!article || !text) throw new Error(`No article ${input.articleId}`)
      await this.checkTags(input.tagIds)
      const passage: Passage = {
        ...newPassage({
          id: this.newId(),
          stamp: this.now().toISOString(),
          author: input.author,
          articleId: article.id,
          text: text.text,
          textSha256: article.sha256,
          start: input.start,
          end: input.end,
          tagIds: input.tagIds,
          note: input.note
        }),
        ...createdBy(this.who())
      }
      await db.passages.add(passage)
      return passage
    })
  }

  /** Changes tags and/or note; returns the stored passage and the previous record (for undo). */
  async update(
    id: string,
    changes: PassageChanges
  ): Promise<{ passage: Passage; previous: Passage }> {
    return this.db.transaction('rw', this.db.passages, this.db.tags, async () => {
      const previous = await this.db.passages.get(id)
      if (!previous) throw new Error(`No passage ${id}`)
      if (changes.tagIds) await this.checkTags(changes.tagIds)
      const passage: Passage = changedBy(
        {
          ...previous,
          tagIds: changes.tagIds ? [...new Set(changes.tagIds)] : previous.tagIds,
          note: changes.note ?? previous.note,
          updatedAt: this.now().toISOString()
        },
        this.who()
      )
      await this.db.passages.put(passage)
      return { passage, previous }
    })
  }

  /** Deletes a passage; returns the deleted record (undefined if there was none) for undo. */
  async delete(id: string): Promise<Passage | undefined> {
    return this.db.transaction('rw', this.db.passages, async () => {
      const previous = await this.db.passages.get(id)
      if (previous) await this.db.passages.delete(id)
      return previous
    })
  }

  /**
   * Moves a passage to the trash with its links to events, in one transaction; the label is its
   * quote. Undefined when there was no such passage.
   */
  async moveToTrash(
    id: string
  ): Promise<{ passage: Passage; links: EventLink[]; trashId: string } | undefined> {
    const { db } = this
    return db.transaction('rw', db.passages, db.links, db.trash, async () => {
      const passage = await db.passages.get(id)
      if (!passage) return undefined
      const links = await db.links.where('passageId').equals(id).toArray()
      await db.links.bulkDelete(links.map((link) => link.id))
      await db.passages.delete(id)
      const label = passage.quote.exact.replace(/\s+/g, ' ').trim()
      const entry = trashEntry(
        'passage',
        label,
        { passages: [passage], links },
        this.now(),
        this.newId()
      )
      await db.trash.add(entry)
      return { passage, links, trashId: entry.id }
    })
  }

  /**
   * Deletes every passage of an article and returns them (for undo). Called inside a wider
   * transaction, Dexie nests it there, so it can join an article's deletion.
   */
  async deleteByArticle(articleId: string): Promise<Passage[]> {
    return this.db.transaction('rw', this.db.passages, async () => {
      const passages = await this.listByArticle(articleId)
      await this.db.passages.bulkDelete(passages.map((passage) => passage.id))
      return passages
    })
  }

  /**
   * Re-attaches a passage the user placed again by hand (see core/archive/reattach): stored as
   * given, with the user as its last editor. Returns the stored record.
   */
  async reattach(next: Passage): Promise<Passage> {
    const passage = changedBy(next, this.who())
    await this.db.transaction('rw', this.db.passages, async () => {
      await this.db.passages.put(passage)
    })
    return passage
  }

  /** Puts passages back exactly as they were (undo of delete, update, deleteByArticle). */
  async restore(passages: readonly Passage[]): Promise<void> {
    await this.db.transaction('rw', this.db.passages, async () => {
      await this.db.passages.bulkPut([...passages])
    })
  }

  /**
   * Stores new anchors (after resolving against the current text), all or nothing. Passages
   * deleted meanwhile are skipped; an anchor equal to the stored one is not rewritten, so that
   * re-resolving on every opening does not touch `updatedAt`. Returns how many were written.
   * Automatic (every replica resolves the same way): `changedBy` is left as it was, so that the
   * body does not depend on who ran it (see core/archive/attribution).
   */
  async saveAnchors(updates: readonly AnchorUpdate[]): Promise<number> {
    return this.db.transaction('rw', this.db.passages, async () => {
      const current = await this.db.passages.bulkGet(updates.map((update) => update.passageId))
      const updatedAt = this.now().toISOString()
      const changed: Passage[] = []
      updates.forEach((update, index) => {
        const passage = current[index]
        if (passage && !sameAnchor(passage.anchor, update.anchor)) {
          changed.push({ ...passage, anchor: { ...update.anchor }, updatedAt })
        }
      })
      await this.db.passages.bulkPut(changed)
      return changed.length
    })
  }

  /**
   * Replaces an article's text (an edit or a re-import) with every anchor on it, in one
   * transaction. `anchors` must cover exactly the article's passages, resolved against `newText`
   * (see reanchorPassages), else AnchorMismatchError. ImportError('duplicate') when another
   * article already holds this text. `newText` must already be normalized (normalizeText).
   * Returns the stored article and what restoreArticleText needs to undo.
   */
  async replaceArticleText(
    articleId: string,
    newText: string,
    paragraphs: readonly Span[],
    sha256: string,
    anchors: readonly AnchorUpdate[]
  ): Promise<{ article: Article; previous: ArticleTextSnapshot }> {
    // Hashed before the transaction: awaiting Web Crypto inside it would let IndexedDB commit early.
    if ((await sha256Hex(newText)) !== sha256) {
      throw new Error(`sha256 does not match the new text of article ${articleId}`)
    }
    const { db } = this
    const tables = [db.articles, db.articleTexts, db.passages, db.scanPages]
    return db.transaction('rw', tables, async () => {
      const article = await db.articles.get(articleId)
      const text = await db.articleTexts.get(articleId)
      if (!article || !text) throw new Error(`No article ${articleId}`)
      const holder = await db.articles.where('sha256').equals(sha256).first()
      if (holder && holder.id !== articleId) {
        throw new ImportError('duplicate', article.sourceName, holder.title)
      }
      const passages = await this.listByArticle(articleId)
      const byPassage = new Map(anchors.map((update) => [update.passageId, update.anchor]))
      const coversExactly =
        byPassage.size === anchors.length &&
        byPassage.size === passages.length &&
        passages.every((passage) => byPassage.has(passage.id))
      if (!coversExactly) {
        throw new AnchorMismatchError(`Anchors do not match the passages of article ${articleId}`)
      }
      for (const anchor of byPassage.values()) {
        const inside =
          anchor.start >= 0 && anchor.start <= anchor.end && anchor.end <= newText.length
        if (anchor.textSha256 !== sha256 || !inside) {
          throw new AnchorMismatchError(`Anchor not resolved against the new text of ${articleId}`)
        }
      }
      const updatedAt = this.now().toISOString()
      // The text is the user's edit (or re-import); the anchors follow it automatically, so the
      // passages keep their `changedBy`: re-anchoring is not a change of theirs by this user.
      const next: Article = changedBy(
        {
          ...article,
          sha256,
          textLength: newText.length,
          paragraphCount: paragraphs.length,
          updatedAt
        },
        this.who()
      )
      // A scan's words follow the edit (a corrected word keeps its box on the page).
      const scanPages = article.scan
        ? await db.scanPages.where('articleId').equals(articleId).toArray()
        : []
      if (scanPages.length) {
        await db.scanPages.bulkPut(scanPages.map((page) => remapPage(page, text.text, newText)))
      }
      await db.articleTexts.put({ articleId, text: newText, paragraphs: [...paragraphs] })
      await db.articles.put(next)
      await db.passages.bulkPut(
        passages.map((passage) => ({
          ...passage,
          anchor: { ...(byPassage.get(passage.id) ?? passage.anchor) },
          updatedAt
        }))
      )
      return { article: next, previous: { article, text, passages, scanPages } }
    })
  }

  /** Undoes replaceArticleText: the old text, article record and passages, together. */
  async restoreArticleText(previous: ArticleTextSnapshot): Promise<void> {
    const { db } = this
    await db.transaction(
      'rw',
      [db.articles, db.articleTexts, db.passages, db.scanPages],
      async () => {
        await db.articleTexts.put(previous.text)
        await db.articles.put(previous.article)
        await db.passages.bulkPut(previous.passages)
        await db.scanPages.bulkPut(previous.scanPages ?? [])
      }
    )
  }

  private async checkTags(tagIds: readonly string[]): Promise<void> {
    const tags = await this.db.tags.bulkGet([...new Set(tagIds)])
    const missing = tags.findIndex((tag) => tag === undefined)
    if (missing >= 0) throw new CodebookError('notFound', [...new Set(tagIds)][missing])
  }
}
