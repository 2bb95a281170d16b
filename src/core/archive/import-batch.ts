// Imports many files one after another with progress and cancel. Each file is parsed, then stored
// atomically, so a failing or cancelled file never leaves anything half-stored. With `storeGroup`,
// parsed files are gathered into groups written in one transaction each, the write of one group
// running while the next files are parsed; a group whose transaction fails is stored again file
// by file, so a bad file is still reported alone and the others are kept.
import type { Article } from './article'
import { isQuotaExceeded } from './quota'
import {
  ImportError,
  type ImportErrorCode,
  type ImportSource,
  type ImportedArticle
} from '../import/types'

export interface BatchProgress {
  /** Files finished so far. */
  done: number
  total: number
  /** The file being worked on. */
  current: string
  /** Pages of the current file read so far (a scan being recognised). */
  page?: { done: number; total: number }
}

export type BatchOutcome =
  | { status: 'imported'; name: string; article: Article }
  | { status: 'duplicate'; name: string; existingTitle: string }
  /** The same source (file name and format) is in the archive with another text: not stored,
   * offered to the user as a replacement of that article's text after a preview. */
  | {
      status: 'newerVersion'
      name: string
      articleId: string
      existingTitle: string
      imported: ImportedArticle
    }
  | {
      status: 'failed'
      name: string
      /** `quota`: the disk is full or the storage quota is reached; nothing of the file was written. */
      code: Exclude<ImportErrorCode, 'duplicate'> | 'unknown' | 'quota'
      detail: string
    }

export interface BatchReport {
  outcomes: BatchOutcome[]
  /** True when the user cancelled; the files before the cancel are kept. */
  cancelled: boolean
  /**
   * Files never tried: after a full disk (`stopped: 'quota'`, the next files would fail too), or
   * after the window was closed mid-import (`interrupted`, rebuilt from the import journal).
   */
  notImported?: string[]
  stopped?: 'quota'
  /** The report of an import the app did not see to its end (closed or killed). */
  interrupted?: { startedAt: string; total: number }
}

export interface BatchSteps {
  /** Parses one file; `onPage` reports a scan's pages as they are recognised. */
  parse(
    source: ImportSource,
    onPage?: (page: { done: number; total: number }) => void
  ): Promise<ImportedArticle>
  /** Stores one article; `index` is the file's place in the batch (for the import journal). */
  store(imported: ImportedArticle, index: number): Promise<Article>
  /** The article an import is a newer version of (same source, other text), if any. */
  findPrevious?(imported: ImportedArticle): Promise<Pick<Article, 'id' | 'title'> | undefined>
  /**
   * Stores several parsed files in one transaction, all or none, deciding for each in order what
   * `findPrevious` then `store` would (a newer version of an article, a text already there or
   * earlier in the group, or stored). Any failure fails the whole group.
   */
  storeGroup?(items: readonly GroupItem[]): Promise<GroupResult[]>
  onProgress?(progress: BatchProgress): void
  signal?: AbortSignal
}

export interface GroupItem {
  imported: ImportedArticle
  /** The file's place in the batch (for the import journal). */
  index: number
}

export type GroupResult =
  | { status: 'stored'; article: Article }
  | { status: 'duplicate'; existingTitle: string }
  | { status: 'newerVersion'; previous: Pick<Article, 'id' | 'title'> }

/** A group is written once it holds this many files, this many characters of text, or is this old. */
export const GROUP_FILES = 200
export const GROUP_CHARS = 8_000_000
export const GROUP_MS = 250

interface Parsed extends GroupItem {
  name: string
}

export async function importBatch(
  sources: ImportSource[],
  steps: BatchSteps
): Promise<BatchReport> {
  const total = sources.length
  /** Outcomes by the file's index: a file in a group being written has none yet. */
  const slots: BatchOutcome[] = []
  let finished = 0
  const settle = (index: number, outcome: BatchOutcome): void => {
    slots[index] = outcome
    finished++
  }
  /** The index of the file that met a full disk: nothing after it is tried. */
  let quotaAt: number | undefined
  let group: Parsed[] = []
  let groupChars = 0
  let groupStarted = 0
  /** The group being written, if any (never rejects). */
  let inFlight: Promise<void> = Promise.resolve()

  const storeAlone = async (item: Parsed): Promise<void> => {
    const outcome = await storeOne(item, steps)
    settle(item.index, outcome)
    if (outcome.status === 'failed' && outcome.code === 'quota') quotaAt ??= item.index
  }
  const writeGroup = async (items: Parsed[]): Promise<void> => {
    let results: GroupResult[] | undefined
    try {
      results = await steps.storeGroup!(items.map(({ imported, index }) => ({ imported, index })))
    } catch {
      // One of them (or the disk) refused the group: file by file, to report the culprit alone.
      for (const item of items) {
        if (quotaAt !== undefined) return
        await storeAlone(item)
      }
      return
    }
    items.forEach((item, i) => settle(item.index, groupOutcome(item, results[i]!)))
  }
  const flush = async (): Promise<void> => {
    await inFlight
    if (group.length === 0 || quotaAt !== undefined) return
    inFlight = writeGroup(group)
    group = []
    groupChars = 0
  }
  const report = async (cancelled: boolean): Promise<BatchReport> => {
    await flush()
    await inFlight
    steps.onProgress?.({ done: total, total, current: '' })
    if (quotaAt !== undefined) {
      const notImported = sources.slice(quotaAt + 1).map((s) => s.name)
      const outcomes = slots.slice(0, quotaAt + 1).filter((o) => o !== undefined)
      return { outcomes, cancelled: false, stopped: 'quota', notImported }
    }
    return { outcomes: slots.filter((o) => o !== undefined), cancelled }
  }

  for (const [index, source] of sources.entries()) {
    // Files parsed before Cancel are still kept: each group is stored atomically.
    if (steps.signal?.aborted) return report(true)
    // A full disk fails every next file the same way: stop, and say which files were not tried.
    if (quotaAt !== undefined) break
    steps.onProgress?.({ done: finished, total, current: source.name })
    let imported: ImportedArticle
    try {
      imported = await steps.parse(source, (page) =>
        steps.onProgress?.({ done: finished, total, current: source.name, page })
      )
    } catch (error) {
      // Cancelled in the middle of a file (a long scan): that file is not stored, nor reported failed.
      if (steps.signal?.aborted) return report(true)
      settle(index, failure(source.name, error))
      continue
    }
    const item: Parsed = { imported, index, name: source.name }
    if (!steps.storeGroup) {
      await storeAlone(item)
      continue
    }
    if (group.length === 0) groupStarted = Date.now()
    group.push(item)
    // A scan's page images weigh in the group as much as its text does.
    groupChars +=
      imported.text.length +
      (imported.scan?.pages.reduce((n, page) => n + page.image.length, 0) ?? 0)
    if (
      group.length >= GROUP_FILES ||
      groupChars >= GROUP_CHARS ||
      Date.now() - groupStarted >= GROUP_MS
    )
      await flush()
  }
  return report(false)
}

function groupOutcome(item: Parsed, result: GroupResult): BatchOutcome {
  const { name, imported } = item
  switch (result.status) {
    case 'stored':
      return { status: 'imported', name, article: result.article }
    case 'duplicate':
      return { status: 'duplicate', name, existingTitle: result.existingTitle }
    case 'newerVersion':
      return {
        status: 'newerVersion',
        name,
        articleId: result.previous.id,
        existingTitle: result.previous.title,
        imported
      }
  }
}

/** A parsed file stored in a transaction of its own. */
async function storeOne(
  { imported, index, name }: Parsed,
  steps: BatchSteps
): Promise<BatchOutcome> {
  try {
    const previous = await steps.findPrevious?.(imported)
    if (previous) {
      return {
        status: 'newerVersion',
        name,
        articleId: previous.id,
        existingTitle: previous.title,
        imported
      }
    }
    const article = await steps.store(imported, index)
    return { status: 'imported', name, article }
  } catch (error) {
    return failure(name, error)
  }
}

function failure(name: string, error: unknown): BatchOutcome {
  if (error instanceof ImportError) {
    if (error.code === 'duplicate') {
      return { status: 'duplicate', name, existingTitle: error.detail }
    }
    return { status: 'failed', name, code: error.code, detail: error.detail }
  }
  if (isQuotaExceeded(error)) return { status: 'failed', name, code: 'quota', detail: '' }
  const detail = error instanceof Error ? error.message : String(error)
  return { status: 'failed', name, code: 'unknown', detail }
}

export function summarize(report: BatchReport): {
  imported: number
  duplicates: number
  failed: number
  newer: number
} {
  const count = (status: BatchOutcome['status']): number =>
    report.outcomes.filter((o) => o.status === status).length
  return {
    imported: count('imported'),
    duplicates: count('duplicate'),
    failed: count('failed'),
    newer: count('newerVersion')
  }
}
