// PDF through pdf.js (injected by the host): text items joined into lines by end-of-line flags and
// baselines, paragraphs from wider vertical gaps; document info as metadata when it looks real,
// else the title a reader sees: the first page's largest heading.
import type { ArticleMeta } from '../archive/article'
import { parseMachineDate } from './dates'
import { isJunkTitle } from './junk-title'
import { largestHeading, RunningLines } from './pdf-heading'
import { errorMessage, type ParsedDocument } from './parsed'
import { readScan, type PageSource } from '../scan/read-scan'
import { DEFAULT_SCAN_LIMITS } from '../scan/types'
import {
  ImportError,
  type ImportEnvironment,
  type PdfDocumentLike,
  type ScanEnvironment,
  type ScanImportOptions
} from './types'

interface PdfTextItem {
  str?: string
  hasEOL?: boolean
  transform?: number[]
}

interface PdfLine {
  text: string
  /** Baseline, in PDF units: it decreases down the page. */
  y: number
  size: number
}

/** A gap this much wider than the page's usual line spacing separates paragraphs. */
const PARAGRAPH_GAP_RATIO = 1.4
const DEFAULT_FONT_SIZE = 12
const PLACEHOLDER_AUTHOR =
  /^(?:unknown|inconnu|administrat(?:or|eur)|admin|user|utilisateur|owner)$/iu

/** Pages are drawn for recognition at 300 dpi, and never over this many pixels. */
const OCR_DPI = 300
const MAX_RENDER_PIXELS = 16_000_000
/** A page with fewer letters than this in its text layer is a scan (a stray page number aside). */
const MIN_LAYER_LETTERS = 3

export async function parsePdf(
  bytes: Uint8Array,
  fileName: string,
  env: ImportEnvironment,
  options: ScanImportOptions = {}
): Promise<ParsedDocument> {
  const pdf = await openPdf(bytes, fileName, env)
  try {
    const limits = options.limits ?? DEFAULT_SCAN_LIMITS
    if (pdf.numPages > limits.maxPages) {
      throw new ImportError(
        'tooManyPages',
        fileName,
        `${pdf.numPages} pages, limit ${limits.maxPages}`
      )
    }
    const layer = await documentText(pdf)
    const { meta, fallback } = await documentMeta(pdf, fileName)
    if (layer.scanned.length > 0 && env.scan) {
      const read = await recognisePdf(pdf, layer.pages, env.scan, { ...options, limits })
      if (read.text.trim() === '') throw new ImportError('empty', fileName, 'no text recognised')
      if (meta.title === undefined && read.heading !== '') meta.title = read.heading
      return { text: read.text, meta, fallback, scan: read }
    }
    const { text, heading } = layer
    if (text.trim() === '') {
      throw new ImportError('empty', fileName, 'no text layer (scanned PDF?)')
    }
    // No title, or a placeholder ("about:blank", "Untitled"): the first page's heading instead;
    // without one, the importer derives the title from the text's first lines.
    if (meta.title === undefined && heading !== '') meta.title = heading
    return { text, meta, fallback }
  } finally {
    await pdf.destroy()
  }
}

async function openPdf(
  bytes: Uint8Array,
  fileName: string,
  env: ImportEnvironment
): Promise<PdfDocumentLike> {
  // pdf.js may transfer the buffer it is given to its worker: hand it a copy, not the caller's.
  const task = env.getPdfDocument(bytes.slice())
  try {
    return await task.promise
  } catch (error) {
    await task.destroy().catch(() => undefined)
    const name = error instanceof Error ? error.name : ''
    if (name === 'PasswordException') {
      throw new ImportError('unreadable', fileName, 'password-protected PDF')
    }
    throw new ImportError('corrupt', fileName, errorMessage(error))
  }
}

interface LayerText {
  text: string
  heading: string
  /** Each page's text layer and lines. */
  pages: Array<{ text: string; lines: PdfLine[] }>
  /** Pages (0-based) with no text layer to speak of: scans. */
  scanned: number[]
}

/** The document's text layer, page by page, and the first page's largest heading. */
async function documentText(pdf: PdfDocumentLike): Promise<LayerText> {
  const pages: LayerText['pages'] = []
  const scanned: number[] = []
  const running = new RunningLines()
  let firstPage: PdfLine[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    const content = await page.getTextContent()
    const lines = pageLines(content.items)
    if (n === 1) firstPage = lines
    running.addPage(lines)
    const text = pageText(lines)
    pages.push({ text, lines })
    if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_LAYER_LETTERS) scanned.push(n - 1)
    page.cleanup?.()
  }
  return {
    text: pages.map((page) => page.text).join('\n\n'),
    heading: largestHeading(firstPage, running.keys()),
    pages,
    scanned
  }
}

/**
 * A scanned or mixed PDF: pages with a text layer keep it, the others are drawn and recognised.
 * Every page is drawn for the facsimile, one at a time as the recognition pool asks for them.
 */
function recognisePdf(
  pdf: PdfDocumentLike,
  layer: LayerText['pages'],
  scan: ScanEnvironment,
  options: ScanImportOptions & { limits: NonNullable<ScanImportOptions['limits']> }
): ReturnType<typeof readScan> {
  const draw = (n: number) => async () => {
    const page = await pdf.getPage(n)
    const view = (page as { view?: number[] }).view ?? [0, 0, 612, 792]
    const area = Math.abs((view[2]! - view[0]!) * (view[3]! - view[1]!)) || 612 * 792
    const scale = Math.min(OCR_DPI / 72, Math.sqrt(MAX_RENDER_PIXELS / area))
    return scan.renderPdfPage(pdf, n, scale)
  }
  const pageAt = (index: number): PageSource => {
    const { text, lines } = layer[index]!
    const letters = text.match(/\p{L}/gu)?.length ?? 0
    return letters >= MIN_LAYER_LETTERS
      ? { kind: 'text', text, lines, image: draw(index + 1) }
      : { kind: 'image', image: draw(index + 1) }
  }
  return readScan(layer.length, pageAt, scan, options)
}

/** Items on one baseline form a line; `hasEOL` or a new baseline ends it. */
export function pageLines(items: PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = []
  let current: PdfLine | null = null
  for (const item of items) {
    if (item.str === undefined) continue
    const y: number = item.transform?.[5] ?? current?.y ?? 0
    const size: number = Math.abs(item.transform?.[3] ?? 0) || current?.size || DEFAULT_FONT_SIZE
    // Half a font size of tolerance keeps superscripts and subscripts on their line.
    if (current && item.str !== '' && Math.abs(y - current.y) > current.size / 2) {
      lines.push(current)
      current = null
    }
    current ??= { text: '', y, size }
    current.text += item.str
    if (item.hasEOL) {
      lines.push(current)
      current = null
    }
  }
  if (current) lines.push(current)
  return lines
}

/** Lines joined with line breaks; a blank line where the vertical gap is clearly wider. */
export function pageText(lines: PdfLine[]): string {
  const spacing = usualSpacing(lines)
  return lines
    .map((line, i) => {
      const previous = lines[i - 1]
      if (!previous) return line.text
      const gap = previous.y - line.y
      // A negative gap is a jump back up the page: a new column or a new frame.
      const newParagraph = gap < 0 || gap > spacing * PARAGRAPH_GAP_RATIO
      return `${newParagraph ? '\n\n' : '\n'}${line.text}`
    })
    .join('')
}

/**
 * The page's line spacing: the median gap between baselines, capped at 1.5 font sizes so that a
 * page of one-line paragraphs (where every gap is a paragraph gap) still splits.
 */
function usualSpacing(lines: PdfLine[]): number {
  const gaps = lines
    .slice(1)
    .map((line, i) => (lines[i]?.y ?? line.y) - line.y)
    .filter((gap) => gap > 0)
  const fontSize = median(lines.map((line) => line.size)) ?? DEFAULT_FONT_SIZE
  return Math.min(median(gaps) ?? Infinity, fontSize * 1.5)
}

/** The lower median, or undefined for no values. */
function median(values: number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}

async function documentMeta(
  pdf: PdfDocumentLike,
  fileName: string
): Promise<Pick<ParsedDocument, 'meta' | 'fallback'>> {
  const info: Partial<Record<string, unknown>> =
    (await pdf.getMetadata().catch(() => null))?.info ?? {}
  const text = (key: string): string => {
    const value = info[key]
    return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : ''
  }
  const meta: Partial<ArticleMeta> = {}
  const title = text('Title')
  const author = text('Author')
  if (!isJunkTitle(title, fileName)) meta.title = title
  if (author && !PLACEHOLDER_AUTHOR.test(author)) meta.author = author
  // The creation date is often the day a web page was printed to PDF, not its publication:
  // it is only a fallback for texts that give no date at all.
  const created = parseMachineDate(text('CreationDate'))
  const fallback: Partial<ArticleMeta> = created
    ? { published: { ...created, qualifier: 'stated' } }
    : {}
  return { meta, fallback }
}
