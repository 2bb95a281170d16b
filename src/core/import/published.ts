// The publication date a captured text gives away: a stamp or dateline (stated), the text's own
// "now" (inferred), or else the latest date it mentions, which it cannot predate (notBefore).
import type { DateQualifier, PublishedDate } from '../archive/article'
import { findDateMentions, impliedYear, mentionValue, type DateMention } from './dates'

const STAMP_KEYWORD = new RegExp(
  '^\\s*(?:(?:publié|publiée|published|posted|first published|date|dated)|' +
    '(mis à jour|mise à jour|modifié|modifiée|actualisé|actualisée|updated|last updated))' +
    '\\s*(?:le|on|:|,|-)?\\s*$',
  'iu'
)
const TIME_OR_NOTHING = /^\s*(?:(?:à|at|,|-|–|\|)?\s*\d{1,2}\s*[h:]\s*\d{0,2}\s*(?:am|pm)?)?\s*$/iu
const NOW_MARKER = /(?:^|[^\p{L}])(?:ce|cet|this|today,?|aujourd['’]hui,?|ce jour,?)\s+$/iu
/** Date-only lines are stamps only among this many non-blank lines at the top or the bottom. */
const EDGE_LINES = 3

interface LineOf {
  prefix: string
  rest: string
}

/** Stated, else inferred, else notBefore; null when the text mentions no usable date. */
export function derivePublished(text: string, now = new Date()): PublishedDate | null {
  const mentions = findDateMentions(text)
  return statedDate(text, mentions) ?? inferredDate(text, mentions) ?? latestDate(mentions, now)
}

function published(m: DateMention, qualifier: DateQualifier, year = m.year): PublishedDate | null {
  const value = mentionValue(m, year)
  return value ? { ...value, qualifier } : null
}

/** The rest of the line before and after a mention. */
function lineOf(text: string, m: DateMention): LineOf {
  const start = text.lastIndexOf('\n', m.index - 1) + 1
  const endAt = text.indexOf('\n', m.index + m.length)
  return {
    prefix: text.slice(start, m.index),
    rest: text.slice(m.index + m.length, endAt === -1 ? text.length : endAt)
  }
}

/** Start offsets of the non-blank lines, computed once so that placing a mention stays cheap. */
function nonBlankLineStarts(text: string): number[] {
  return Array.from(text.matchAll(/^.+$/gm), (match) => match.index)
}

/** Index, among the non-blank lines, of the line holding `offset` (binary search). */
function lineIndexAt(starts: number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if ((starts[middle] ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * "Publié le 14 novembre 2017", " date 2017-11 …", a date alone on one of the first or last lines,
 * "PARIS, 14 nov 2017 (AFP) -". A publication stamp wins over an update stamp.
 */
function statedDate(text: string, mentions: DateMention[]): PublishedDate | null {
  const lineStarts = nonBlankLineStarts(text)
  const lastLine = lineStarts.length - 1
  let updated: PublishedDate | null = null
  for (const m of mentions) {
    if (m.year === null) continue
    const { prefix, rest } = lineOf(text, m)
    const lineNumber = lineIndexAt(lineStarts, m.index)
    const keyword = STAMP_KEYWORD.exec(prefix)
    if (keyword?.[1] !== undefined) {
      updated ??= published(m, 'stated')
      continue
    }
    const nearEdge = lineNumber < EDGE_LINES || lastLine - lineNumber < EDGE_LINES
    const dateOnly = nearEdge && /^\s*(?:le|on)?\s*$/iu.test(prefix) && TIME_OR_NOTHING.test(rest)
    const dateline = /^\s*\p{Lu}[\p{Lu}\s'’.-]+,\s*$/u.test(prefix) && /^\s*\(\p{L}+\)/u.test(rest)
    if (keyword || dateOnly || dateline) return published(m, 'stated')
  }
  return updated
}

/** "a révélé ce 13 novembre 2017", else "lundi 13 novembre" whose weekday settles the year. */
function inferredDate(text: string, mentions: DateMention[]): PublishedDate | null {
  const years = mentions.flatMap((m) => (m.year === null ? [] : [m.year]))
  let latest: PublishedDate | null = null
  for (const m of mentions) {
    const year = impliedYear(m, years)
    if (year === null) continue
    const before = text.slice(Math.max(0, m.index - 20), m.index)
    if (NOW_MARKER.test(before)) return published(m, 'inferred', year)
    const date = m.year === null ? published(m, 'inferred', year) : null
    if (date && (!latest || date.value > latest.value)) latest = date
  }
  return latest
}

/** The latest date the text mentions, ignoring any after `now` (plans, forecasts). */
function latestDate(mentions: DateMention[], now: Date): PublishedDate | null {
  const today = now.toISOString().slice(0, 10)
  let latest: PublishedDate | null = null
  for (const m of mentions) {
    const date = published(m, 'notBefore')
    // ISO strings compare in time order, and "2017-07" < "2017-07-11": the more precise one wins.
    if (date && date.value <= today && (!latest || date.value > latest.value)) latest = date
  }
  return latest
}
