// The reader's page view, as logic apart from the DOM: which page holds a place of the text, what
// to outline on a page for a passage or a selection, where a click or Enter on the page goes in
// the text, and which keys turn pages. ReaderPageView.vue draws what this computes.
import type { Span } from '@core/archive/article'
import { LOW_CONFIDENCE, type Box, type ScanPage, type ScanWord } from '@core/scan/types'
import { outlineBoxes, wordAtPoint, wordsInSpan } from '@core/scan/words'

/** A page as the reader keeps it: everything but its image, read only when the page is shown. */
export type PageInfo = Omit<ScanPage, 'image'> & { hasImage: boolean }

export function pageInfo(page: ScanPage): PageInfo {
  const { image, ...rest } = page
  return { ...rest, hasImage: image !== '' && page.width > 0 && page.height > 0 }
}

/**
 * Where each page begins in the text: as recorded on the page. Else a recognised page begins at
 * its first word. A page without
 * words (it had a text layer, or nothing was recognised on it) has no offset of its own: the pages
 * of such a run share the stretch between the pages around them evenly, which is right for one
 * page and close for several (their texts were joined in page order).
 */
export function pageStarts(pages: readonly PageInfo[], textLength: number): number[] {
  // Pages say where their text begins (`start`, set on import and carried through edits); pages
  // written without it (by another tool, or by hand) are placed by their words, as below.
  if (pages.every((page) => page.start !== undefined)) {
    return pages.map((page, i) => (i === 0 ? 0 : Math.min(page.start!, textLength)))
  }
  const known = pages.map((page) => (page.words.length > 0 ? page.words[0]!.start : null))
  const ends = pages.map((page) => (page.words.length > 0 ? page.words.at(-1)!.end : null))
  const starts: number[] = []
  let i = 0
  while (i < pages.length) {
    const start = known[i]
    if (start !== null && start !== undefined) {
      starts.push(i === 0 ? 0 : start)
      i++
      continue
    }
    // A run of pages without words, from i to j - 1, between the previous page's last word and
    // the next known page's first one.
    let j = i
    while (j < pages.length && known[j] === null) j++
    const from = i === 0 ? 0 : (ends[i - 1] ?? starts[i - 1] ?? 0)
    const to = j < pages.length ? known[j]! : textLength
    const share = Math.max(0, to - from) / (j - i)
    for (let k = i; k < j; k++) starts.push(Math.round(from + share * (k - i)))
    i = j
  }
  return starts
}

/** The page holding `offset`: the last one beginning at or before it. */
export function pageAt(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  let found = 0
  while (low <= high) {
    const mid = (low + high) >> 1
    if (starts[mid]! <= offset) {
      found = mid
      low = mid + 1
    } else high = mid - 1
  }
  return found
}

/** The page to show for a span: the first with words in it, else the page holding its start. */
export function pageForSpan(
  pages: readonly PageInfo[],
  starts: readonly number[],
  span: Span
): number {
  const first = pageAt(starts, span.start)
  const last = pageAt(starts, Math.max(span.start, span.end - 1))
  for (let index = first; index <= last; index++) {
    if (wordsInSpan(pages[index]?.words ?? [], span).length > 0) return index
  }
  return first
}

/** The boxes to draw on `page` for `span` (none on a page that was not recognised). */
export function outlinesOn(page: PageInfo | undefined, span: Span | null): Box[] {
  if (!page || !span || page.source !== 'ocr') return []
  return outlineBoxes(page.words, span)
}

/** A point of the displayed image (CSS pixels in `rect`) in the stored image's pixels. */
export function toImagePoint(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
  page: { width: number; height: number }
): { x: number; y: number } {
  return {
    x: ((clientX - rect.left) * page.width) / Math.max(rect.width, 1),
    y: ((clientY - rect.top) * page.height) / Math.max(rect.height, 1)
  }
}

/** The span a click selects in the text: the word under it, or none (a margin, a picture). */
export function spanAtPoint(page: PageInfo, x: number, y: number): Span | null {
  if (page.source !== 'ocr') return null
  // The reach scales with the page, so that a click between two words of a large scan still lands.
  const reach = Math.max(24, Math.max(page.width, page.height) / 80)
  const word = wordAtPoint(page.words, x, y, reach)
  return word ? { start: word.start, end: word.end } : null
}

/**
 * Where Enter on the page goes in the text: the outlined words (the part of `span` on this page),
 * else the page's first word, else the place where the page's text begins.
 */
export function spanForEnter(
  page: PageInfo,
  pageStart: number,
  span: Span | null,
  textLength: number
): Span {
  const words = span && page.source === 'ocr' ? wordsInSpan(page.words, span) : []
  if (words.length > 0) return { start: words[0]!.start, end: words.at(-1)!.end }
  const first = page.words[0]
  if (first) return { start: first.start, end: first.end }
  const start = Math.min(pageStart, textLength)
  return { start, end: Math.min(start + 1, textLength) }
}

/** The page a key turns to from `current` (of `count`), or null when the key does not turn pages. */
export function pageForKey(key: string, current: number, count: number): number | null {
  const last = Math.max(count - 1, 0)
  switch (key) {
    case 'ArrowLeft':
    case 'PageUp':
      return Math.max(current - 1, 0)
    case 'ArrowRight':
    case 'PageDown':
      return Math.min(current + 1, last)
    case 'Home':
      return 0
    case 'End':
      return last
    default:
      return null
  }
}

/** A word recognised with low confidence, to mark in the text. */
export interface DoubtfulWord extends Span {
  /** Confidence, 0–100. */
  c: number
}

/** Words under LOW_CONFIDENCE on recognised pages, in text order, without overlaps. */
export function doubtfulWords(pages: readonly PageInfo[]): DoubtfulWord[] {
  const words: ScanWord[] = []
  for (const page of pages) {
    if (page.source !== 'ocr') continue
    for (const word of page.words)
      if (word.c < LOW_CONFIDENCE && word.end > word.start) words.push(word)
  }
  words.sort((a, b) => a.start - b.start)
  const result: DoubtfulWord[] = []
  for (const word of words) {
    const last = result.at(-1)
    if (last && word.start < last.end) continue
    result.push({ start: word.start, end: word.end, c: word.c })
  }
  return result
}
