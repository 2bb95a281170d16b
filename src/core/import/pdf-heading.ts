// The title a reader sees on a PDF's first page: its largest heading. Used when the document info
// has no title or only a placeholder ("about:blank" from a browser's print to PDF).
import { isFurniture } from './captured-lines'
import { isJunkTitle } from './junk-title'

/** A line of text on a page, as the PDF parser builds them from pdf.js text items. */
export interface HeadingLine {
  text: string
  /** Baseline, in PDF units: it decreases down the page. */
  y: number
  /** Font height, in PDF units. */
  size: number
}

/** A heading is set clearly larger than the body text: by 15 % at least. */
const HEADING_RATIO = 1.15
/** Lines within 10 % of each other's size belong to the same heading. */
const SAME_SIZE = 0.1
/** A heading's lines follow each other at most this many font sizes apart. */
const MAX_LINE_GAP = 2
const MAX_HEADING_LENGTH = 200
/** Running headers and footers are short: a title, a section name, a page number. */
const MAX_RUNNING_LENGTH = 80

/**
 * What a line is as a running header or footer: case, digits (page numbers, dates) and spacing
 * aside, "LE MONDE — 3/12" on page 3 and "Le Monde — 4/12" on page 4 are the same line.
 */
export function runningKey(text: string): string | null {
  const key = text
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase()
    .replace(/\p{N}+/gu, '#')
  return key === '' || key.length > MAX_RUNNING_LENGTH ? null : key
}

/**
 * Tracks the short lines repeated on every page of a document, page by page, so that a long
 * document is never held in memory: only the first page's short lines are kept.
 */
export class RunningLines {
  private repeated: Set<string> | null = null
  private pages = 0

  addPage(lines: readonly HeadingLine[]): void {
    const keys = new Set(lines.flatMap((line) => runningKey(line.text) ?? []))
    this.repeated = this.repeated
      ? new Set([...this.repeated].filter((key) => keys.has(key)))
      : keys
    this.pages++
  }

  /** Keys of the lines found on every page; none for a single page, where nothing repeats. */
  keys(): ReadonlySet<string> {
    return this.pages >= 2 && this.repeated ? this.repeated : new Set()
  }
}

/**
 * The first page's largest heading: the lines set in the page's largest type (clearly larger than
 * its body text), joined when they follow each other, past running headers (`running`, keys from
 * runningKey), page furniture (a one-word masthead, a date stamp, a photo credit) and placeholders.
 * When the largest type holds none, the next size down is tried. Empty when no line stands out.
 */
export function largestHeading(
  lines: readonly HeadingLine[],
  running: ReadonlySet<string> = new Set()
): string {
  const body = bodySize(lines)
  if (body === undefined) return ''
  const shown = lines.filter((line) => {
    const key = runningKey(line.text)
    return key === null || !running.has(key)
  })
  // Largest first; among equal sizes, the one higher on the page.
  const headings = headingBlocks(shown)
    .filter((block) => block.size >= body * HEADING_RATIO)
    .sort((a, b) => b.size - a.size || b.top - a.top)
  return headings.find((block) => isHeadingText(block.text))?.text ?? ''
}

interface Block {
  text: string
  size: number
  /** The first line's baseline. */
  top: number
}

/** Consecutive lines of about the same size, close below each other, form one heading. */
function headingBlocks(lines: readonly HeadingLine[]): Block[] {
  const blocks: Block[] = []
  let current: (Block & { y: number }) | null = null
  for (const line of lines) {
    const text = line.text.replace(/\s+/gu, ' ').trim()
    if (text === '') continue
    const gap = current ? current.y - line.y : 0
    if (
      current &&
      Math.abs(line.size - current.size) <= current.size * SAME_SIZE &&
      gap > 0 &&
      gap <= current.size * MAX_LINE_GAP
    ) {
      // A heading broken after a hyphen ("Jean-" / "Pierre") keeps the hyphen and no space.
      current.text += /\p{L}-$/u.test(current.text) ? text : ` ${text}`
      current.y = line.y
      continue
    }
    if (current) blocks.push(current)
    current = { text, size: line.size, top: line.y, y: line.y }
  }
  if (current) blocks.push(current)
  return blocks.map(({ text, size, top }) => ({ text, size, top }))
}

function isHeadingText(text: string): boolean {
  return text.length <= MAX_HEADING_LENGTH && !isFurniture(text) && !isJunkTitle(text)
}

/** The body text's size: the median font size, each line weighted by its length. */
function bodySize(lines: readonly HeadingLine[]): number | undefined {
  const sized = lines
    .map((line) => ({ size: line.size, weight: line.text.trim().length }))
    .filter((line) => line.weight > 0 && line.size > 0)
    .sort((a, b) => a.size - b.size)
  const total = sized.reduce((sum, line) => sum + line.weight, 0)
  let seen = 0
  for (const line of sized) {
    seen += line.weight
    if (seen * 2 >= total) return line.size
  }
  return undefined
}
