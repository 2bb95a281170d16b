// Find in a text as a reader does: case and accents ignored, every run of white space one space,
// typographic apostrophes and œ/æ/ß written out, with each match given back in the original text's
// offsets (UTF-16 code units), which folding shifts (NFD, ligatures, space runs).
import type { Span } from '../archive/article'

/** A text folded for search, with the way back to the original offsets. */
export interface FoldedText {
  /** Lower case, no diacritics, one space for each run of white space, ligatures written out. */
  folded: string
  /** For each code unit of `folded`: where the stretch of the original it comes from begins. */
  starts: Uint32Array
  /** For each code unit of `folded`: where that stretch of the original ends (exclusive). */
  ends: Uint32Array
}

/** Letters written out so that "coeur" finds "cœur" (and the other way round), as French needs. */
const WRITTEN_OUT: Readonly<Record<string, string>> = {
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  ẞ: 'ss',
  '\u2018': "'",
  '\u2019': "'",
  '\u02BC': "'"
}

const MARK = /\p{M}/u
const MARKS = /\p{M}+/gu
const SPACE = /\s/u

/** Folds one stretch of the original: a character with the combining marks that follow it. */
function foldCluster(cluster: string): string {
  const written = WRITTEN_OUT[cluster]
  if (written !== undefined) return written
  return cluster.normalize('NFD').replace(MARKS, '').toLowerCase()
}

/**
 * Folds `text` for search, keeping for every folded code unit the stretch of `text` it comes
 * from. The stretches are a character (a surrogate pair counts as one) with the combining marks
 * that follow it, or a run of white space; folding each alone gives what folding the whole text
 * would, since NFD only reorders marks inside such a stretch.
 */
export function foldText(text: string): FoldedText {
  const pieces: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  const push = (piece: string, start: number, end: number): void => {
    pieces.push(piece)
    for (let k = 0; k < piece.length; k++) {
      starts.push(start)
      ends.push(end)
    }
  }
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code < 0x80 && !isAsciiSpace(code) && !(i + 1 < text.length && startsMark(text, i + 1))) {
      // Most of a Latin text: no normalize() call for a plain ASCII character.
      push(code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : text[i]!, i, i + 1)
      i++
      continue
    }
    if (isSpaceAt(text, i)) {
      let j = i + 1
      while (j < text.length && isSpaceAt(text, j)) j++
      push(' ', i, j)
      i = j
      continue
    }
    // One character (both halves of a surrogate pair) and the marks that follow it.
    let j = i + markLength(text, i)
    while (j < text.length && startsMark(text, j)) j += markLength(text, j)
    push(foldCluster(text.slice(i, j)), i, j)
    i = j
  }
  return { folded: pieces.join(''), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) }
}

function isAsciiSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d)
}

function isSpaceAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  return code < 0x80 ? isAsciiSpace(code) : SPACE.test(text[index]!)
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function markLength(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length ? 2 : 1
}

function startsMark(text: string, index: number): boolean {
  if (text.charCodeAt(index) < 0x300) return false
  return MARK.test(text.slice(index, index + markLength(text, index)))
}

/** The query folded as the text is (an empty result means there is nothing to look for). */
export function foldQuery(query: string): string {
  return foldText(query).folded
}

/**
 * Every match of `query` in the folded text, in order, as spans of the original text. Matches do
 * not overlap (as in a browser's find: "aa" in "aaaa" is found twice); an empty query, or one that
 * folds to nothing (only combining marks), finds nothing. `limit` caps the number of matches.
 */
export function findInText(text: FoldedText, query: string, limit = Infinity): Span[] {
  const needle = foldQuery(query)
  const matches: Span[] = []
  if (needle.length === 0) return matches
  let at = text.folded.indexOf(needle)
  while (at >= 0 && matches.length < limit) {
    const last = at + needle.length - 1
    const start = text.starts[at]!
    const end = text.ends[last]!
    // A match that begins inside a stretch already taken by the previous one (a ligature split
    // in two) would give the same original text twice: it is skipped.
    const previous = matches[matches.length - 1]
    if (!previous || start >= previous.end) matches.push({ start, end })
    at = text.folded.indexOf(needle, at + needle.length)
  }
  return matches
}

/** Index of the first match that begins at or after `offset` (wrapping to 0 past the last one). */
export function matchAtOrAfter(matches: readonly Span[], offset: number): number {
  let low = 0
  let high = matches.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (matches[mid]!.start < offset) low = mid + 1
    else high = mid
  }
  return low < matches.length ? low : 0
}
