// The import journal: what a running import batch is doing, kept in the archive itself so that an
// import cut short (window closed, page killed) is reported on the next start. The "done" mark of
// each file is written in the same transaction as its article, so the journal is always exact.
import type { Article } from '@core/archive/article'
import type { LiasseDatabase, SettingRecord } from './database'

/** Every key of the journal starts with this (a backup leaves them out). */
export const IMPORT_JOURNAL_PREFIX = 'importJournal'
const HEADER_KEY = IMPORT_JOURNAL_PREFIX
const DONE_PREFIX = `${IMPORT_JOURNAL_PREFIX}:done:`

export interface ImportJournalHeader {
  startedAt: string
  total: number
  /** The batch's file names, in order. */
  names: string[]
}

export interface ImportJournalDone {
  index: number
  articleId: string
}

export interface ImportJournalState {
  header: ImportJournalHeader
  done: ImportJournalDone[]
}

/** The mark of one stored file: put by the article's own transaction (see ArticleRepository.add). */
export function journalDoneRecord(index: number, article: Pick<Article, 'id'>): SettingRecord {
  const value: ImportJournalDone = { index, articleId: article.id }
  return { key: DONE_PREFIX + String(index).padStart(7, '0'), value }
}

export class ImportJournal {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Opens the journal of a new batch (any leftover of an earlier one is dropped). */
  async start(names: readonly string[]): Promise<void> {
    const { db } = this
    await db.transaction('rw', db.settings, async () => {
      await db.settings.where('key').startsWith(DONE_PREFIX).delete()
      const header: ImportJournalHeader = {
        startedAt: this.now().toISOString(),
        total: names.length,
        names: [...names]
      }
      await db.settings.put({ key: HEADER_KEY, value: header })
    })
  }

  /** The journal left in the archive, if a batch is running or was cut short. */
  async read(): Promise<ImportJournalState | undefined> {
    const { db } = this
    return db.transaction('r', db.settings, async () => {
      const record = await db.settings.get(HEADER_KEY)
      if (!record) return undefined
      const done = await db.settings.where('key').startsWith(DONE_PREFIX).toArray()
      return {
        header: record.value as ImportJournalHeader,
        done: done.map((r) => r.value as ImportJournalDone)
      }
    })
  }

  /** Closes the journal: the batch ended (or its report was shown). */
  async clear(): Promise<void> {
    const { db } = this
    await db.transaction('rw', db.settings, async () => {
      await db.settings.where('key').startsWith(DONE_PREFIX).delete()
      await db.settings.delete(HEADER_KEY)
    })
  }
}
