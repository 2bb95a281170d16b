// One canonical form for captured text, shared by every importer, so that offsets, hashes and
// duplicate detection do not depend on line endings, stray spaces or invisible characters.
import type { Span } from '../archive/article'

/**
 * Invisible characters that only get in the way of search and anchoring: zero-width space, word
 * joiner, BOM, soft hyphen, Mongolian vowel separator. ZWJ/ZWNJ (U+200C/D) are kept on purpose:
 * they change how emoji sequences and Persian or Indic words render.
 */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u180E]/g
/** Control characters other than tab and line feed: never meaningful in an article. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g
/** Horizontal white space, including the no-break and thin spaces of French typography. */
const HORIZONTAL_SPACE_RUN = /[\t \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g
const NO_BREAK_ONLY = /^[\u00A0\u202F]+$/

/**
 * NFC, LF line ends, invisible characters removed, spaces folded and lines trimmed, at most one
 * blank line between paragraphs, no white space at either end.
 */
export function normalizeText(raw: string): string {
  const unified = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- vertical tab and form feed break paragraphs
    .replace(/[\u000B\u000C\u2029]/g, '\n\n')
    .replace(/\u2028/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
  return unified
    .split('\n')
    .map(normalizeLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function normalizeLine(line: string): string {
  return line.replace(HORIZONTAL_SPACE_RUN, foldSpaceRun).trim()
}

/**
 * A lone no-break or thin space is typography ("aussi :", "5 €") and stays; a tab or any longer
 * run is layout noise from the capture and becomes one plain space.
 */
function foldSpaceRun(run: string): string {
  if (run.length === 1) return run === '\t' ? ' ' : run
  return NO_BREAK_ONLY.test(run) ? run.charAt(0) : ' '
}

/** Paragraphs of a normalized text: the blocks between blank lines, as spans over that text. */
export function paragraphSpans(text: string): Span[] {
  const spans: Span[] = []
  for (const match of text.matchAll(/[^\n]+(?:\n[^\n]+)*/g)) {
    spans.push({ start: match.index, end: match.index + match[0].length })
  }
  return spans
}
