// PDF through pdf.js (injected by the host): text items joined into lines by end-of-line flags and
// baselines, paragraphs from wider vertical gaps; document info as metadata when it looks real,
// else the title a reader sees: the first page's largest heading.
import type { ArticleMeta } from '../archive/article'
import { parseMachineDate } from './dates'
import { isJunkTitle } from './junk-title'
import { largestHeading, RunningLines } from './pdf-heading'
import { errorMessage, type ParsedDocument } from './parsed'
import { ImportError, type ImportEnvironment, type PdfDocumentLike } from './types'

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

export async function parsePdf(
  bytes: Uint8Array,
  fileName: string,
  env: ImportEnvironment
): Promise<ParsedDocument> {
  const pdf = await openPdf(bytes, fileName, env)
  try {
    const { text, heading } = await documentText(pdf)
    if (text.trim() === '') {
      throw new ImportError('empty', fileName, 'no text layer (scanned PDF?)')
    }
    const { meta, fallback } = await documentMeta(pdf, fileName)
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

/** The document's text, and the first page's largest heading ('' if none stands out). */
async function documentText(pdf: PdfDocumentLike): Promise<{ text: string; heading: string }> {
  const pages: string[] = []
  const running = new RunningLines()
  let firstPage: PdfLine[] = []
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    const content = await page.getTextContent()
    const lines = pageLines(content.items)
    if (n === 1) firstPage = lines
    running.addPage(lines)
    pages.push(pageText(lines))
    page.cleanup?.()
  }
  return { text: pages.join('\n\n'), heading: largestHeading(firstPage, running.keys()) }
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
