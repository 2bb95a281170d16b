// Imports many files one after another with progress and cancel. Each file is parsed, then stored
// in its own transaction, so a failing or cancelled file never leaves anything half-stored.
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
  parse(source: ImportSource): Promise<ImportedArticle>
  /** Stores one article; `index` is the file's place in the batch (for the import journal). */
  store(imported: ImportedArticle, index: number): Promise<Article>
  /** The article an import is a newer version of (same source, other text), if any. */
  findPrevious?(imported: ImportedArticle): Promise<Pick<Article, 'id' | 'title'> | undefined>
  onProgress?(progress: BatchProgress): void
  signal?: AbortSignal
}

export async function importBatch(
  sources: ImportSource[],
  steps: BatchSteps
): Promise<BatchReport> {
  const outcomes: BatchOutcome[] = []
  const total = sources.length
  for (const [index, source] of sources.entries()) {
    if (steps.signal?.aborted) return { outcomes, cancelled: true }
    steps.onProgress?.({ done: index, total, current: source.name })
    const outcome = await importOne(source, index, steps)
    outcomes.push(outcome)
    // A full disk fails every next file the same way: stop, and say which files were not tried.
    if (outcome.status === 'failed' && outcome.code === 'quota') {
      const notImported = sources.slice(index + 1).map((s) => s.name)
      steps.onProgress?.({ done: total, total, current: '' })
      return { outcomes, cancelled: false, stopped: 'quota', notImported }
    }
    // A file parsed while the user pressed Cancel is still kept: it was stored atomically.
  }
  steps.onProgress?.({ done: total, total, current: '' })
  return { outcomes, cancelled: false }
}

async function importOne(
  source: ImportSource,
  index: number,
  steps: BatchSteps
): Promise<BatchOutcome> {
  try {
    const imported = await steps.parse(source)
    const previous = await steps.findPrevious?.(imported)
    if (previous) {
      return {
        status: 'newerVersion',
        name: source.name,
        articleId: previous.id,
        existingTitle: previous.title,
        imported
      }
    }
    const article = await steps.store(imported, index)
    return { status: 'imported', name: source.name, article }
  } catch (error) {
    if (error instanceof ImportError) {
      if (error.code === 'duplicate') {
        return { status: 'duplicate', name: source.name, existingTitle: error.detail }
      }
      return { status: 'failed', name: source.name, code: error.code, detail: error.detail }
    }
    if (isQuotaExceeded(error))
      return { status: 'failed', name: source.name, code: 'quota', detail: '' }
    const detail = error instanceof Error ? error.message : String(error)
    return { status: 'failed', name: source.name, code: 'unknown', detail }
  }
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
