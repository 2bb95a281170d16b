// A recognised page as text: Tesseract's blocks, paragraphs, lines and words, in its reading order
// (column by column), become paragraphs separated by blank lines, each line's words joined by a
// space and a paragraph's lines joined into one flowing line, a word cut by a hyphen at a line's
// end joined again. The text is built already normalized, so every word keeps its offsets in it.
import { normalizeText } from '../text/normalize'
import type { HeadingLine } from '../import/pdf-heading'
import type { OcrPage, OcrWord, ScanWord } from './types'

export interface PageLayout {
  /** The page's text, normalized (normalizeText leaves it as it is). */
  text: string
  /** Each word's span in `text` and its box in page pixels. */
  words: ScanWord[]
  /** The page's lines with their height, for the title (the largest heading). */
  lines: HeadingLine[]
}

const INVISIBLE_OR_SPACE = /[\s\u200B\u2060\uFEFF\u00AD\u180E]+/gu
/** A line ending in a letter then a hyphen: the word goes on at the next line. */
const CUT_WORD = /\p{L}-$/u
const STARTS_LOWER = /^\p{Ll}/u
// eslint-disable-next-line no-control-regex -- control characters never belong in a word
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g

/** A word's text as it can stand in a normalized line: NFC, no inner space, no invisible mark. */
function cleanWord(word: OcrWord): string {
  return word.text.normalize('NFC').replace(INVISIBLE_OR_SPACE, '').replace(CONTROL, '')
}

interface Line {
  words: Array<{ word: OcrWord; clean: string }>
  top: number
  bottom: number
  /** The line's type size: Tesseract's row height, else its tallest word. */
  size: number
  /** Where its baseline is at its left end (else its bottom). */
  baseline: number
}

/** A line spaced this much more than the block's usual pitch starts a new paragraph. */
const PARAGRAPH_PITCH = 1.5
/** Type this much larger or smaller than the previous line's is another paragraph (a headline). */
const SIZE_CHANGE = 1.3

export function layoutPage(page: OcrPage): PageLayout {
  let text = ''
  const words: ScanWord[] = []
  const lines: HeadingLine[] = []
  for (const block of page.blocks) {
    const blockLines = block.paragraphs.flatMap((paragraph) =>
      paragraph.lines.flatMap((line): Line[] => {
        const kept = line.words
          .map((word) => ({ word, clean: cleanWord(word) }))
          .filter(({ clean }) => clean !== '')
        if (kept.length === 0) return []
        const bottom = Math.max(...kept.map(({ word }) => word.bbox.y1))
        const tallest = Math.max(...kept.map(({ word }) => word.bbox.y1 - word.bbox.y0))
        return [
          {
            words: kept,
            top: Math.min(...kept.map(({ word }) => word.bbox.y0)),
            bottom,
            size: line.size ?? tallest,
            baseline: line.baseline ?? bottom
          }
        ]
      })
    )
    const pitch = usualPitch(blockLines)
    let cut = false
    blockLines.forEach((line, index) => {
      lines.push({
        text: line.words.map((w) => w.clean).join(' '),
        y: -line.bottom,
        size: line.size
      })
      const previous = blockLines[index - 1]
      const newParagraph = !previous || startsParagraph(previous, line, pitch)
      line.words.forEach(({ word, clean }, i) => {
        if (i === 0 && newParagraph) {
          if (text !== '') text += '\n\n'
        } else if (i === 0 && cut && STARTS_LOWER.test(clean)) {
          text = text.slice(0, -1) // the hyphen goes; the word's first half keeps its box
          const last = words.at(-1)
          if (last) last.end -= 1
        } else {
          text += ' '
        }
        const start = text.length
        text += clean
        words.push({ start, end: text.length, ...boxOf(word), c: Math.round(word.confidence) })
      })
      cut = CUT_WORD.test(line.words.at(-1)!.clean)
    })
  }
  if (normalizeText(text) !== text) return relocate(normalizeText(text), text, words, lines)
  return { text, words, lines }
}

/** The block's usual distance from one line's baseline to the next's: its median. */
function usualPitch(lines: readonly Line[]): number {
  const pitches = lines
    .slice(1)
    .map((line, i) => line.baseline - lines[i]!.baseline)
    .filter((pitch) => pitch > 0)
    .sort((a, b) => a - b)
  return pitches[Math.floor((pitches.length - 1) / 2)] ?? Infinity
}

function startsParagraph(previous: Line, line: Line, pitch: number): boolean {
  const sizes = [previous.size, line.size].sort((a, b) => a - b)
  if (sizes[0]! > 0 && sizes[1]! / sizes[0]! > SIZE_CHANGE) return true
  const step = line.baseline - previous.baseline
  // A jump back up (another column or frame Tesseract kept in the block); baselines are compared
  // at the lines' left ends, so a skewed page's short last line does not count as one.
  if (step < -line.size / 2) return true
  // Spacing is measured against the smaller of the usual pitch and 1.6 type sizes, so that a
  // block of one-line paragraphs (every gap a paragraph gap) still splits.
  const usual = Math.min(pitch, line.size * 1.6)
  return step > usual * PARAGRAPH_PITCH
}

function boxOf(word: OcrWord): { x: number; y: number; w: number; h: number } {
  const { x0, y0, x1, y1 } = word.bbox
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) }
}

/**
 * Normalization changed the text after all (a character class this file does not clean): each
 * word is found again, in order, in the normalized text; a word not found is dropped.
 */
function relocate(
  normalized: string,
  built: string,
  words: ScanWord[],
  lines: HeadingLine[]
): PageLayout {
  const moved: ScanWord[] = []
  let cursor = 0
  for (const word of words) {
    const needle = normalizeText(built.slice(word.start, word.end))
    if (needle === '') continue
    const at = normalized.indexOf(needle, cursor)
    if (at < 0 || at - cursor > 64 + needle.length) continue
    moved.push({ ...word, start: at, end: at + needle.length })
    cursor = at + needle.length
  }
  return { text: normalized, words: moved, lines }
}
