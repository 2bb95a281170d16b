// Turning a span the user selected into the selectors a passage stores: the quote with up to 32
// characters of context on each side (enough to tell repeated words apart) and the offsets.
import type { PassageSelectors } from './types'

/** Context length kept on each side, as in the Hypothesis client: long enough to disambiguate. */
export const CONTEXT_LENGTH = 32

/** True when offset `at` falls between the two halves of a surrogate pair (an emoji, say). */
export function splitsSurrogatePair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false
  const before = text.charCodeAt(at - 1)
  const after = text.charCodeAt(at)
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff
}

/**
 * Selectors for the span [start, end) of `text`. Throws a RangeError for an empty or
 * out-of-range span, or one that would cut a character in half: such a passage could never be
 * shown or found again as the user saw it.
 */
export function describeSpan(text: string, start: number, end: number): PassageSelectors {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`span offsets must be integers, got [${start}, ${end})`)
  }
  if (start < 0 || end > text.length || start >= end) {
    throw new RangeError(`span [${start}, ${end}) is empty or outside 0..${text.length}`)
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new RangeError(`span [${start}, ${end}) splits a surrogate pair`)
  }
  // Context stops short rather than keep half a character at its far end.
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH)
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH)
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd)
    },
    position: { type: 'TextPositionSelector', start, end }
  }
}
