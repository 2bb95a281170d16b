// The import contract: bytes in (a file, a drop, a paste), one ImportedArticle out, or one ImportError
// whose code the UI turns into a specific, translated message.
import type { ArticleMeta, SourceFormat, Span } from '../archive/article'
import type { ParsedDocument } from './parsed'

/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

export interface ImportSource {
  /** File name as the user sees it (`article.html`), or a label for pasted text. */
  name: string
  bytes: Uint8Array
  /** `paste` for text pasted into the app: read as UTF-8 text whatever its name. */
  kind?: 'file' | 'paste'
  /** The file's size when it was over MAX_IMPORT_BYTES and so not read (bytes is then empty). */
  oversize?: number
}

export interface ImportedArticle {
  text: string
  paragraphs: Span[]
  meta: ArticleMeta
  sourceName: string
  sourceFormat: SourceFormat
  sha256: string
}

export type ImportErrorCode =
  | 'unsupportedFormat'
  | 'empty'
  | 'unreadable'
  | 'tooLarge'
  | 'corrupt'
  | 'duplicate'
  /** A Word file that would unpack to far more than its size (a zip bomb), or too many parts. */
  | 'zipBomb'
  /** A zip under a Word name that is no Word document (a bundle, a project, an archive). */
  | 'notWord'
  /** A page nested so deeply that parsing it would freeze the app for minutes. */
  | 'tooComplex'

export class ImportError extends Error {
  override readonly name = 'ImportError'
  constructor(
    readonly code: ImportErrorCode,
    readonly fileName: string,
    /** A short technical detail (for the log and a "details" line), never the main message. */
    readonly detail = ''
  ) {
    super(`${code}: ${fileName}${detail ? ` (${detail})` : ''}`)
  }
}

/**
 * What the importer needs from its host, so that core stays free of DOM and Node imports:
 * the renderer passes DOMParser/DOMPurify/pdf.js-with-worker, tests pass jsdom and pdf.js legacy.
 */
export interface ImportEnvironment {
  /** Parses HTML into an inert document (scripts never run). */
  parseHtml(html: string): Document
  /** DOMPurify-compatible sanitizer bound to a window. */
  sanitize(html: string): string
  /** pdf.js' `getDocument`, already configured for its host. */
  getPdfDocument(data: Uint8Array): { promise: Promise<PdfDocumentLike>; destroy(): Promise<void> }
  /**
   * Reads a Word file elsewhere (the renderer: in a worker, off the UI thread); without it, core's
   * parseDocx runs here. Either way it throws ImportError for a file it refuses.
   */
  parseDocx?(bytes: Uint8Array, fileName: string): Promise<ParsedDocument>
}

/** The part of pdf.js' PDFDocumentProxy the importer uses. */
export interface PdfDocumentLike {
  numPages: number
  getPage(n: number): Promise<{
    // `type` is only there so pdf.js' marked-content items (which have no `str`) fit this shape.
    getTextContent(): Promise<{
      items: Array<{ str?: string; hasEOL?: boolean; transform?: number[]; type?: string }>
    }>
    cleanup?(): void
  }>
  /** `info` is typed `object` because pdf.js declares it `Object`; its values are read as unknown. */
  getMetadata(): Promise<{ info?: object; metadata?: { get(name: string): unknown } | null }>
  destroy(): Promise<void>
}
