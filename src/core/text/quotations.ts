// Quoted material in press prose: « guillemets », “curly” and „low“ quotes, and "straight" double
// quotes, paired within a paragraph. A quoted message is one unit: sentences and passages are never
// cut inside. Single quotes are left out: ’ and ' are apostrophes far more often than quotes.
import type { Span } from '../archive/article'

/** How deep quotations nest at most; deeper opening marks are strays (keeps this linear). */
const MAX_DEPTH = 16

/** Opening marks and the mark that closes each. */
const PAIRS: Record<string, string> = { '«': '»', '“': '”', '„': '“' }

/**
 * The spans of quotations in `range` of `text` (marks included), outermost only, in text order.
 * Guillemets and curly quotes pair by nesting; an unmatched closing mark is ignored and an
 * unmatched opening one drops out (the quotations inside it still count). Straight quotes pair
 * in order, an opening one being one not preceded by a letter or digit, and never across a line
 * break. No quotation runs past a blank line (a paragraph break): an unclosed mark there is a typo
 * or a quotation continued in the next paragraph, and is left out.
 */
export function quotationSpans(text: string, range: Span = { start: 0, end: text.length }): Span[] {
  const spans: Span[] = []
  let stack: { close: string; at: number }[] = []
  let straight: number | null = null
  for (let i = range.start; i < range.end; i++) {
    const c = text.charAt(i)
    if (c === '\n') {
      straight = null
      if (/^\n[ \t\u00a0]*\n/.test(text.slice(i, i + 40))) stack = []
      continue
    }
    if (c === '"') {
      if (straight !== null) {
        spans.push({ start: straight, end: i + 1 })
        straight = null
      } else if (i === range.start || !/[\p{L}\p{N}]/u.test(text.charAt(i - 1))) {
        straight = i
      }
      continue
    }
    // "“" closes „ and opens a curly quotation: it closes when a „ is waiting for it.
    const waiting = stack.findLastIndex((open) => open.close === c)
    if (waiting !== -1) {
      const open = stack[waiting]
      stack = stack.slice(0, waiting)
      if (open) spans.push({ start: open.at, end: i + 1 })
      continue
    }
    const close = PAIRS[c]
    if (close !== undefined) stack.push({ close, at: i })
    if (stack.length > MAX_DEPTH) stack.shift() // a run of stray marks: forget the oldest
  }
  return outermost(spans)
}

/** Outermost spans only, sorted; overlapping spans (a mispaired mark) merge. */
function outermost(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const out: Span[] = []
  for (const span of spans) {
    const last = out.at(-1)
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end)
    else out.push({ ...span })
  }
  return out
}

/** True when `offset` falls strictly inside one of `spans` (after its opening mark). */
export function insideQuotation(spans: readonly Span[], offset: number): boolean {
  return spans.some((span) => offset > span.start && offset < span.end)
}
