// The import contract: bytes in (a file, a drop, a paste), one ImportedArticle out, or one ImportError
// whose code the UI turns into a specific, translated message.
import type { ArticleMeta, SourceFormat, Span } from '../archive/article'
import type { ParsedDocument } from './parsed'
import type { RgbaImage, ScanHost, ScanPageDraft } from '../scan/read-scan'
import type { ScanLimits, ScanSummary } from '../scan/types'

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
  /**
   * Images gathered as the next pages of one article (the first page is this source itself):
   * a clipping photographed in several shots, a scanner's one file per page.
   */
  morePages?: Array<{ name: string; bytes: Uint8Array }>
}

export interface ImportedArticle {
  text: string
  paragraphs: Span[]
  meta: ArticleMeta
  sourceName: string
  sourceFormat: SourceFormat
  sha256: string
  /** A scan's stored pages (images, word boxes) and summary; absent for born-digital files. */
  scan?: { summary: ScanSummary; pages: ScanPageDraft[] }
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
  /** A PDF or TIFF with more pages than the limit set in Settings (checked before reading any). */
  | 'tooManyPages'
  /** An image whose header announces more pixels than Liasse decodes (a decompression bomb). */
  | 'imageTooLarge'
  /** A scan or image, and no recognition engine in this host. */
  | 'noOcr'

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
  /** Recognition of scans and images; without it they are refused with `noOcr`. */
  scan?: ScanEnvironment
}

/** The host's side of scans: the recognition pool, and the canvases that decode and draw pages. */
export interface ScanEnvironment extends ScanHost {
  /** Decodes a PNG, JPEG or WebP file (its size already checked from its header). */
  decodeImage(bytes: Uint8Array, format: 'png' | 'jpeg' | 'webp'): Promise<RgbaImage>
  /** Draws page `pageNumber` (1-based) of a PDF opened by getPdfDocument, `scale` × 72 dpi. */
  renderPdfPage(pdf: PdfDocumentLike, pageNumber: number, scale: number): Promise<RgbaImage>
}

/** What one import is told beyond the file: the scan limits of Settings, Cancel, page progress. */
export interface ScanImportOptions {
  limits?: ScanLimits
  signal?: AbortSignal
  onPage?(progress: { done: number; total: number }): void
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
