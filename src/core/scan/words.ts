// Words on a page and places in the text: the words under a passage (to outline them on the page),
// the word under a click (to go to that place in the text), and the words' offsets carried through
// an edit of the text (a correction of a misread word), with a character diff of the two texts.
import diff from 'fast-diff'
import type { Span } from '../archive/article'
import type { Box, ScanWord } from './types'

/** Words of a page that overlap `span` (sorted by offset, as stored). */
export function wordsInSpan(words: readonly ScanWord[], span: Span): ScanWord[] {
  return words.filter((word) => word.start < span.end && word.end > span.start)
}

/**
 * The boxes to outline for `span`: its words' boxes, those on one line merged into one, so that a
 * sentence shows as a few bands, not a row of small boxes.
 */
export function outlineBoxes(words: readonly ScanWord[], span: Span): Box[] {
  const boxes: Box[] = []
  for (const word of wordsInSpan(words, span)) {
    const last = boxes.at(-1)
    const sameLine =
      last &&
      word.x >= last.x &&
      Math.abs(word.y + word.h / 2 - (last.y + last.h / 2)) < Math.max(word.h, last.h) / 2
    if (last && sameLine) {
      const right = Math.max(last.x + last.w, word.x + word.w)
      const bottom = Math.max(last.y + last.h, word.y + word.h)
      last.y = Math.min(last.y, word.y)
      last.w = right - last.x
      last.h = bottom - last.y
    } else {
      boxes.push({ x: word.x, y: word.y, w: word.w, h: word.h })
    }
  }
  return boxes
}

/** The smallest box holding `boxes`, or null for none. */
export function unionBox(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null
  const x = Math.min(...boxes.map((b) => b.x))
  const y = Math.min(...boxes.map((b) => b.y))
  const right = Math.max(...boxes.map((b) => b.x + b.w))
  const bottom = Math.max(...boxes.map((b) => b.y + b.h))
  return { x, y, w: right - x, h: bottom - y }
}

/**
 * The word at a point of the page (image pixels): the word whose box holds it, else the nearest
 * within `reach` pixels; undefined when the click is on a margin or a picture.
 */
export function wordAtPoint(
  words: readonly ScanWord[],
  x: number,
  y: number,
  reach = 24
): ScanWord | undefined {
  let best: ScanWord | undefined
  let bestDistance = reach
  for (const word of words) {
    const dx = Math.max(word.x - x, 0, x - (word.x + word.w))
    const dy = Math.max(word.y - y, 0, y - (word.y + word.h))
    const distance = Math.hypot(dx, dy)
    if (distance === 0) return word
    if (distance < bestDistance) {
      best = word
      bestDistance = distance
    }
  }
  return best
}

/** A page's words and text start carried from `before` to `after` (see remapWords). */
export function remapPage<P extends { words: ScanWord[]; start?: number }>(
  page: P,
  before: string,
  after: string
): P {
  const words = remapWords(page.words, before, after)
  if (page.start === undefined) return { ...page, words }
  return { ...page, words, start: offsetMap(before, after)(page.start, 'start') }
}

/**
 * Each word's offsets in `after`, a corrected version of `before`: offsets in unchanged stretches
 * move with the edits before them; a word whose ends were rewritten keeps the edit's new stretch
 * (a corrected "Trurnp" → "Trump" still outlines the same box); a word deleted outright is dropped.
 */
export function remapWords(words: readonly ScanWord[], before: string, after: string): ScanWord[] {
  if (before === after) return [...words]
  const map = offsetMap(before, after)
  const space = (text: string, at: number): boolean =>
    at < 0 || at >= text.length || /\s/u.test(text[at]!)
  const moved: ScanWord[] = []
  for (const word of words) {
    let start = map(word.start, 'start')
    let end = map(word.end, 'end')
    // A word deleted outright is dropped.
    if (end <= start) continue
    // Letters typed against the word ("a" corrected to "avait") make it longer, not a new word.
    if (space(before, word.end)) while (!space(after, end)) end++
    if (space(before, word.start - 1)) while (!space(after, start - 1)) start--
    if (end > start) moved.push({ ...word, start, end })
  }
  return moved
}

/**
 * A function from an offset of `before` to one of `after`. An offset inside a deleted or replaced
 * stretch goes to the start of what replaced it (`start`), or its end (`end`).
 */
export function offsetMap(
  before: string,
  after: string
): (offset: number, side: 'start' | 'end') => number {
  // Stretches of `before` [from, to) and where they went in `after` [at, atEnd).
  const runs: Array<{ from: number; to: number; at: number; atEnd: number; equal: boolean }> = []
  let from = 0
  let at = 0
  // Semantic clean-up: a deleted word goes as a whole, not as a shifted run of letters.
  for (const [op, text] of diff(before, after, undefined, true)) {
    if (op === diff.EQUAL) {
      runs.push({ from, to: from + text.length, at, atEnd: at + text.length, equal: true })
      from += text.length
      at += text.length
    } else if (op === diff.DELETE) {
      const last = runs.at(-1)
      if (last && !last.equal) last.to += text.length
      else runs.push({ from, to: from + text.length, at, atEnd: at, equal: false })
      from += text.length
    } else {
      const last = runs.at(-1)
      if (last && !last.equal && last.to === from) last.atEnd += text.length
      else runs.push({ from, to: from, at, atEnd: at + text.length, equal: false })
      at += text.length
    }
  }
  // Pure insertions cover no offset of `before`: the runs around them place them.
  const covering = runs.filter((run) => run.to > run.from)
  return (offset, side) => {
    if (offset <= 0) return side === 'start' ? (covering[0]?.at ?? 0) : 0
    if (offset >= before.length && side === 'start') return after.length
    // The run holding `offset`: from <= offset < to for a start, from < offset <= to for an end.
    let lo = 0
    let hi = covering.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const run = covering[mid]!
      const past = side === 'start' ? run.to <= offset : run.to < offset
      if (past) lo = mid + 1
      else hi = mid
    }
    const run = covering[lo]
    if (!run) return after.length
    if (run.equal) return run.at + (offset - run.from)
    // Inside a rewritten stretch: a start goes to what replaced it, an end past it.
    return side === 'start' ? run.at : run.atEnd
  }
}
