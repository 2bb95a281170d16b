// What every format parser returns: the captured text (before normalization) and the metadata the
// format itself carries; the importer normalizes the text and fills the gaps from it.
import type { ArticleMeta } from '../archive/article'
import type { ScanRead } from '../scan/read-scan'

export interface ParsedDocument {
  text: string
  /** Metadata the format states (HTML meta tags, front matter): wins over text heuristics. */
  meta: Partial<ArticleMeta>
  /** Weaker hints (a PDF's creation date), used only where the text itself gives nothing. */
  fallback?: Partial<ArticleMeta>
  /** A scan's pages and summary; `text` is then already normalized (the words' offsets hold). */
  scan?: ScanRead
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
