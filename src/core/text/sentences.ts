// Sentence boundaries in French and English prose, enough to take a lead sentence as a title:
// abbreviations and initials ("M. Assange", "J. Assange", "U.S.") do not end a sentence.
import type { Span } from '../archive/article'

/** Words that end with a period without ending the sentence (compared without the period). */
const ABBREVIATIONS = new Set([
  'm',
  'mm',
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'dr',
  'pr',
  'mgr',
  'st',
  'ste',
  'mr',
  'mrs',
  'ms',
  'prof',
  'gen',
  'gén',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'capt',
  'sgt',
  'cf',
  'p',
  'pp',
  'vol',
  'n°',
  'fig',
  'env',
  'av',
  'bd',
  'vs'
])

const TERMINATOR = /[.!?…]+[»"”’)\]]*(?=\s|$)/g

/** Sentence spans within `range` of `text` (the whole text by default). */
export function sentenceSpans(text: string, range: Span = { start: 0, end: text.length }): Span[] {
  const slice = text.slice(range.start, range.end)
  const spans: Span[] = []
  let start = skipSpaces(slice, 0)
  for (const match of slice.matchAll(TERMINATOR)) {
    const end = match.index + match[0].length
    if (end <= start || !endsSentence(slice, match.index, end)) continue
    spans.push({ start: range.start + start, end: range.start + end })
    start = skipSpaces(slice, end)
  }
  if (start < slice.length) spans.push({ start: range.start + start, end: range.end })
  return spans
}

function skipSpaces(text: string, from: number): number {
  let i = from
  while (i < text.length && /\s/.test(text.charAt(i))) i++
  return i
}

/** A terminator ends a sentence when what follows starts a new one and it is no abbreviation. */
function endsSentence(text: string, terminatorAt: number, end: number): boolean {
  const next = text.slice(skipSpaces(text, end)).charAt(0)
  if (next !== '' && !/[\p{Lu}\p{N}«"“'‘([—–-]/u.test(next)) return false
  if (text.charAt(terminatorAt) !== '.' || text.slice(terminatorAt, end).startsWith('..')) {
    return true
  }
  const word = /([\p{L}\p{N}°.]+)$/u.exec(text.slice(0, terminatorAt))?.[1] ?? ''
  if (word.includes('.')) return false
  if (/^\p{Lu}$/u.test(word)) return false
  return !ABBREVIATIONS.has(word.toLowerCase())
}
