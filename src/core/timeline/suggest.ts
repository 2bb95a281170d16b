// Dated episodes proposed from the archive: the calendar dates articles write (absolute, partial,
// "la veille"), each year settled from the article's own context, then clustered across sources.
import type { Chrono, ParsedResult, Parser } from 'chrono-node/en'
import * as chronoEn from 'chrono-node/en'
import * as chronoFr from 'chrono-node/fr'
import type { Article, Span } from '../archive/article'
import { isCaption, isStamp, stripDateline } from '../import/captured-lines'
import { findDateMentions as findWrittenDates, weekdayOf, type DateMention } from '../import/dates'
import { paragraphSpans } from '../text/normalize'
import { sentenceSpans } from '../text/sentences'
import { foldForSearch } from '../archive/library-view'
import { sourceKey, type ArticleWithText, type RepeatGroup } from './corroboration'
import {
  compareEventDates,
  eventInterval,
  formatEventDateInput,
  validateEventDate
} from './event-dates'
import type { EventDate } from './types'

/**
 * How the date of a mention was read: written in full (`absolute`), day and month written with
 * the year taken from context (`partial`), or counted from another date (`relative`: "la veille").
 */
export type MentionBasis = 'absolute' | 'partial' | 'relative'

/** A date an article writes, where, and in which sentence (the passage a suggestion proposes). */
export interface EventDateMention {
  articleId: string
  date: EventDate
  /** Span of the date expression in the normalized text. */
  start: number
  end: number
  /** Span of the sentence holding it. */
  sentence: Span
  /**
   * How sure the reading is, 0–1: 0.95 for a date written in full, 0.85–0.3 for a year taken
   * from context (a same day written with its year earlier, a nearby year, a matching weekday,
   * the publication date), less for a relative date the further its anchor is.
   */
  confidence: number
  basis: MentionBasis
}

export interface SuggestOptions {
  /** Suggestion keys the user rejected: never proposed again. */
  dismissed?: ReadonlySet<string>
  /** Repeats (wire copies) from `detectRepeats`: counted once, under the source they repeat. */
  repeats?: readonly RepeatGroup[]
  /** Mentions read with less confidence than this are left out (default 0: all). */
  minConfidence?: number
}

/** A candidate event: one date (day, month or range) and every mention of it in the archive. */
export interface EventSuggestion {
  /** The date in input form (`2016-10-21`, `2016-06`, `2016-09/2017-07`): stable, for `dismissed`. */
  key: string
  date: EventDate
  /** In archive order, then text order. */
  mentions: EventDateMention[]
  /**
   * Distinct independent sources: by outlet, each article without an outlet counting alone (an
   * unknown outlet is not evidence that two articles share one), repeats folded into their
   * original's source.
   */
  sourceCount: number
  /** The source keys behind `sourceCount` (see `sourceKey`). */
  sources: string[]
  articleCount: number
  /** A proposed title: the best mention's sentence, without a leading date, shortened. */
  label: string
  /** The best mention's confidence. */
  confidence: number
}

const LABEL_MAX = 120
/** A label shorter than this says too little to name an event ("Salut Don."). */
const LABEL_MIN = 40
const DAY_MS = 86_400_000

/** "la veille", "le lendemain", "the next day"…: days from the date they lean on. */
const RELATIVE_WORDS: Record<string, number> = {
  'avant-veille': -2,
  veille: -1,
  lendemain: 1,
  surlendemain: 2,
  next: 1,
  following: 1,
  previous: -1,
  preceding: -1,
  before: -1,
  after: 1
}
const RELATIVE_FR =
  /^(?:(?:le|la|l['’])\s*)?(avant-veille|veille|surlendemain|lendemain)(?:\s+(?:au\s+)?(?:soir|matin|midi|apres-midi))?$/u
const RELATIVE_EN =
  /^(?:the\s+)?(?:(next|following|previous|preceding)\s+day|day\s+(before|after))$/u
/** What chrono-node's French and English parsers lack among those expressions. */
const FIND_RELATIVE_FR =
  /(?<![\p{L}])(?:(?:le|la|l['’])\s*)?(?:avant-veille|surlendemain|lendemain)(?![\p{L}])/iu
const FIND_RELATIVE_EN =
  /(?<![\p{L}])(?:the\s+)?(?:(?:following|previous|preceding)\s+day|day\s+after)(?![\p{L}])/iu
/** "la veille de l'élection", "the day before the vote": anchored on what follows, not before. */
const ATTACHED_FR = /^\s*(?:de|du|des|d['’])(?![\p{L}])\s*(?:(?:le|l['’])\s*)?/iu
const ATTACHED_EN = /^\s*(?:(?:of\s+)?(?:the|a|an|his|her|their|its|this|that)\s+|of\s+|on\s+)/iu
const APPROXIMATE =
  /(?:^|[^\p{L}])(?:vers|autour\s+du|aux\s+alentours\s+du|environ|around|about|circa|approximately|c\.)\s*(?:le\s+|la\s+|l['’]|the\s+|du\s+)?$/iu
const RANGE_BETWEEN = /^\s*(?:et|à|au|a|and|to|until|through|[-–—])\s*$/iu
const RANGE_BEFORE = /(?:^|[^\p{L}])(?:entre|de|d['’]|depuis|from|between)\s*$/iu
const TIME_OR_NOTHING = /^\s*(?:(?:à|at|,|-|–|\|)?\s*\d{1,2}\s*[h:]\s*\d{0,2}\s*(?:am|pm)?)?\s*$/iu
/** Worth running the other locale's parser only when its month names or phrases appear. */
const ENGLISH_HINT =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|august|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?:day before|day after|next day|following day|previous day)\b/iu
const FRENCH_HINT =
  /\d{1,2}(?:er)?\s+(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec)|veille|lendemain/iu
/** Date-only lines count as stamps only among this many non-blank lines at either edge. */
const EDGE_LINES = 3

interface Parsers {
  fr: Chrono
  en: Chrono
}
let parsers: Parsers | null = null

function relativeParser(pattern: RegExp): Parser {
  return {
    pattern: () => pattern,
    // The value is never used (the offset is read from the words); only the span matters.
    extract: (context) =>
      context.createParsingComponents({
        year: context.refDate.getFullYear(),
        month: context.refDate.getMonth() + 1,
        day: context.refDate.getDate()
      })
  }
}

/** chrono-node's casual French and English parsers, taught "le lendemain" and "the day after". */
function chronoParsers(): Parsers {
  if (parsers) return parsers
  const fr = chronoFr.casual.clone()
  fr.parsers.push(relativeParser(FIND_RELATIVE_FR))
  const en = chronoEn.casual.clone()
  en.parsers.push(relativeParser(FIND_RELATIVE_EN))
  parsers = { fr, en }
  return parsers
}

interface Until {
  year: number | null
  month: number
  day: number | null
}

interface Candidate {
  start: number
  end: number
  kind: 'day' | 'month' | 'relative'
  year: number | null
  month: number
  day: number | null
  weekday: number | null
  until: Until | null
  time: string | null
  /** Days from the anchor, for a relative date. */
  offset: number
  /** A relative date that leans on what follows it ("la veille du 3 octobre"). */
  attachedLength: number | null
  approximate: boolean
}

interface Layout {
  text: string
  paragraphs: Span[]
  paragraphStarts: number[]
  /** Sentence spans of the paragraphs asked about so far, by paragraph index. */
  sentencesByParagraph: Map<number, Span[]>
  nonBlankLineStarts: number[]
}

interface Publication {
  year: number
  /** End (exclusive, ms) of the publication date when it is stated or inferred, else null. */
  end: number | null
}

/**
 * Every event date an article writes: "20 septembre 2016", "November 8, 2016", "juin 2016",
 * "entre septembre 2016 et juillet 2017"; "le 21 octobre" and "lundi 13 novembre" with the year
 * taken from the same day written in full earlier, else the nearest year written before, else the
 * publication date, always keeping the date at or before a stated or inferred publication date
 * and checking a written weekday; "la veille", "le lendemain", "the next day" counted from the
 * day written just before (or from the date they govern: "la veille du 3 octobre"). Left out:
 * bare years ("la campagne de 2016" names no event; they only serve as context), weekdays alone,
 * words relative to the writer's now ("hier", "demain"), and dates in publication stamps,
 * datelines and photo captions.
 */
export function findDateMentions(article: Article, text: string): EventDateMention[] {
  const written = findWrittenDates(text)
  const layout = layoutOf(text)
  const candidates = mergeRanges(text, collectCandidates(article, text, written))
    .filter((c) => !isFurniture(text, layout, c))
    .map((c) => inContext(text, c))
  const publication = publicationOf(article)
  const resolved = resolveCalendar(candidates, written, publication, layout)
  const all = resolveRelative(candidates, resolved, layout)
  return all.map(({ candidate, date, confidence, basis }) => ({
    articleId: article.id,
    date,
    start: candidate.start,
    end: candidate.end,
    sentence: sentenceAt(layout, candidate.start),
    confidence: Math.round(confidence * 100) / 100,
    basis
  }))
}

/** chrono-node's readings checked against an explicit date, then the month-level dates it misses. */
function collectCandidates(article: Article, text: string, written: DateMention[]): Candidate[] {
  const { fr, en } = chronoParsers()
  const english = article.language === 'en'
  const locales: Chrono[] = english ? [en] : [fr]
  if (english ? FRENCH_HINT.test(text) : ENGLISH_HINT.test(text)) locales.push(english ? fr : en)
  // A fixed reference: the parsers' guesses for missing parts are never used, only what is written.
  const reference = new Date(Date.UTC(2000, 0, 1, 12))
  const kept: Candidate[] = []
  // Day-and-month dates the shared finder reads: what makes a chrono-node result a written date.
  const calendar = written.filter((m) => m.day !== null && m.month !== null)
  for (const chrono of locales) {
    for (const result of chrono.parse(text, reference)) {
      const candidate = fromChrono(result, calendar)
      if (candidate && !kept.some((k) => overlaps(k, candidate))) kept.push(candidate)
    }
  }
  for (const m of written) {
    if (m.month === null) continue
    const candidate: Candidate = {
      ...blank(m.index, m.index + m.length),
      kind: m.day === null ? 'month' : 'day',
      year: m.year,
      month: m.month,
      day: m.day,
      weekday: m.weekday
    }
    if (!kept.some((k) => overlaps(k, candidate))) kept.push(candidate)
  }
  return kept.sort((a, b) => a.start - b.start)
}

function blank(start: number, end: number): Candidate {
  return {
    start,
    end,
    kind: 'day',
    year: null,
    month: 1,
    day: null,
    weekday: null,
    until: null,
    time: null,
    offset: 0,
    attachedLength: null,
    approximate: false
  }
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end
}

function fromChrono(result: ParsedResult, calendar: readonly DateMention[]): Candidate | null {
  // chrono-node may take in a comma or space around the date (", lundi 13 novembre").
  const lead = /^[^\p{L}\p{N}]*/u.exec(result.text)?.[0].length ?? 0
  const trail = /[^\p{L}\p{N}.]*$/u.exec(result.text)?.[0].length ?? 0
  const start = result.index + lead
  const end = Math.max(start, result.index + result.text.length - trail)
  const relative = relativeOf(result.text)
  if (relative) return { ...blank(start, end), kind: 'relative', offset: relative.offset }
  const s = result.start
  if (!s.isCertain('day') || !s.isCertain('month')) return null
  // "demain", "hier", "1/3" also come with a day and a month: only a written date is kept.
  const written = calendar.some((m) => m.index < end && start < m.index + m.length)
  if (!written) return null
  const month = s.get('month')
  const day = s.get('day')
  if (month === null || day === null) return null
  const e = result.end
  const endMonth = e?.get('month') ?? null
  const until: Until | null =
    e && e.isCertain('day') && e.isCertain('month') && endMonth !== null
      ? { year: e.isCertain('year') ? e.get('year') : null, month: endMonth, day: e.get('day') }
      : null
  let year = s.isCertain('year') ? s.get('year') : null
  // "du 3 au 5 octobre 2016": the year written once, for both ends.
  if (year === null && until?.year != null) {
    year =
      until.month < month || (until.month === month && (until.day ?? 0) < day)
        ? until.year - 1
        : until.year
  }
  const hour = s.isCertain('hour') ? s.get('hour') : null
  const minute = s.get('minute') ?? 0
  return {
    ...blank(start, end),
    kind: 'day',
    year,
    month,
    day,
    weekday: s.isCertain('weekday') ? s.get('weekday') : null,
    until,
    time: hour !== null && !until ? `${pad(hour)}:${pad(minute)}` : null
  }
}

/**
 * The offset of a relative expression, and what, written right after it, would make it lean on
 * the following words instead ("la veille de…", "the day before the…"); "the next day" never does.
 */
function relativeOf(expression: string): { offset: number; attached: RegExp | null } | null {
  const folded = foldForSearch(expression).replace(/\s+/g, ' ').trim()
  const fr = RELATIVE_FR.exec(folded)
  if (fr?.[1]) return { offset: RELATIVE_WORDS[fr[1]] ?? 0, attached: ATTACHED_FR }
  const en = RELATIVE_EN.exec(folded)
  if (en?.[1]) return { offset: RELATIVE_WORDS[en[1]] ?? 0, attached: null }
  if (en?.[2]) return { offset: RELATIVE_WORDS[en[2]] ?? 0, attached: ATTACHED_EN }
  return null
}

/** Reads around a candidate: "vers le…" makes it approximate; "la veille du…" attaches it. */
function inContext(text: string, c: Candidate): Candidate {
  const approximate = APPROXIMATE.test(text.slice(Math.max(0, c.start - 30), c.start))
  if (c.kind !== 'relative') return { ...c, approximate }
  const attached = relativeOf(text.slice(c.start, c.end))?.attached?.exec(
    text.slice(c.end, c.end + 40)
  )
  return { ...c, approximate, attachedLength: attached ? attached[0].length : null }
}

/** "entre septembre 2016 et juillet 2017", "from June to August 2016" → one month range. */
function mergeRanges(text: string, candidates: Candidate[]): Candidate[] {
  const merged: Candidate[] = []
  for (let i = 0; i < candidates.length; i++) {
    const first = candidates[i]
    const second = candidates[i + 1]
    if (!first) continue
    if (
      second &&
      first.kind === 'month' &&
      second.kind === 'month' &&
      first.year !== null &&
      second.year !== null &&
      RANGE_BETWEEN.test(text.slice(first.end, second.start)) &&
      RANGE_BEFORE.test(text.slice(Math.max(0, first.start - 20), first.start)) &&
      (second.year > first.year || (second.year === first.year && second.month > first.month))
    ) {
      merged.push({
        ...first,
        end: second.end,
        until: { year: second.year, month: second.month, day: null }
      })
      i++
      continue
    }
    merged.push(first)
  }
  return merged
}

/** Publication stamps ("Publié le…", " date 2017-11"), agency datelines, captions: not events. */
function isFurniture(text: string, layout: Layout, c: Candidate): boolean {
  const lineStart = text.lastIndexOf('\n', c.start - 1) + 1
  const lineEndAt = text.indexOf('\n', c.end)
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt
  const line = text.slice(lineStart, lineEnd)
  if (isStamp(line.trim()) || isCaption(line.trim())) return true
  const leading = line.length - line.trimStart().length
  const removed = line.trim().length - stripDateline(line).length
  if (removed > 0 && c.start < lineStart + leading + removed) return true
  const lineNumber = lastIndexAtOrBefore(layout.nonBlankLineStarts, c.start)
  const lastLine = layout.nonBlankLineStarts.length - 1
  const nearEdge = lineNumber < EDGE_LINES || lastLine - lineNumber < EDGE_LINES
  const prefix = text.slice(lineStart, c.start)
  const rest = text.slice(c.end, lineEnd)
  return nearEdge && /^\s*(?:le|on)?\s*$/iu.test(prefix) && TIME_OR_NOTHING.test(rest)
}

function publicationOf(article: Article): Publication | null {
  const published = article.published
  if (!published) return null
  const year = Number(published.value.slice(0, 4))
  if (published.qualifier === 'notBefore') return { year, end: null }
  const date: EventDate = {
    start: published.value,
    precision: published.precision,
    approximate: false
  }
  return { year, end: eventInterval(date)[1] }
}

interface Resolved {
  candidate: Candidate
  date: EventDate
  confidence: number
  basis: MentionBasis
}

/** Days, months and ranges in text order, each partial date's year settled from what precedes. */
function resolveCalendar(
  candidates: Candidate[],
  written: DateMention[],
  publication: Publication | null,
  layout: Layout
): Resolved[] {
  const years = written.filter((m) => m.year !== null)
  const fullDates = new Map<string, number>()
  const resolved: Resolved[] = []
  let next = 0
  let context: { year: number; at: number } | null = null
  for (const c of candidates) {
    for (; next < years.length; next++) {
      const m = years[next]
      if (!m || m.index + m.length > c.start) break
      context = { year: m.year ?? 0, at: m.index }
    }
    if (c.kind === 'relative') continue
    let year = c.year
    let confidence = c.kind === 'day' ? 0.95 : 0.9
    let basis: MentionBasis = 'absolute'
    if (year === null) {
      const found = resolveYear(c, fullDates, context, publication, layout)
      if (!found) continue
      ;({ year, confidence } = found)
      basis = 'partial'
    } else if (
      c.weekday !== null &&
      c.day !== null &&
      weekdayOf(year, c.month, c.day) !== c.weekday
    ) {
      confidence = 0.5
    }
    const date = toEventDate(c, year)
    if (!date) continue
    if (basis === 'absolute' && c.day !== null) fullDates.set(`${c.month}-${c.day}`, year)
    resolved.push({ candidate: c, date, confidence, basis })
    context = { year, at: c.start }
  }
  return resolved
}

/**
 * The year of a day written without one: the year of the same day written in full earlier, else
 * the nearest year written before (surer within the same or previous paragraph), else the
 * publication's. A year that would put the date after a stated or inferred publication date
 * gives way to the year before; a written weekday must match.
 */
function resolveYear(
  c: Candidate,
  fullDates: Map<string, number>,
  context: { year: number; at: number } | null,
  publication: Publication | null,
  layout: Layout
): { year: number; confidence: number } | null {
  const options: Array<{ year: number; confidence: number }> = []
  const same = c.day === null ? undefined : fullDates.get(`${c.month}-${c.day}`)
  if (same !== undefined) options.push({ year: same, confidence: 0.85 })
  if (context) {
    const distance = paragraphIndex(layout, c.start) - paragraphIndex(layout, context.at)
    options.push({ year: context.year, confidence: distance <= 1 ? 0.75 : 0.6 })
  }
  if (publication) {
    options.push({ year: publication.year, confidence: publication.end === null ? 0.35 : 0.5 })
  }
  const fits = (year: number): boolean =>
    publication?.end == null || dayStart(year, c.month, c.day ?? 1) < publication.end
  const bounded = options.flatMap((option) => {
    if (fits(option.year)) return [option]
    return fits(option.year - 1)
      ? [{ year: option.year - 1, confidence: option.confidence - 0.1 }]
      : []
  })
  if (c.weekday === null || c.day === null) return bounded[0] ?? null
  const day = c.day
  const matches = (year: number): boolean => weekdayOf(year, c.month, day) === c.weekday
  const confirmed = bounded.find((option) => matches(option.year))
  if (confirmed) return { year: confirmed.year, confidence: Math.max(confirmed.confidence, 0.85) }
  // The weekday settles it among neighbouring years ("lundi 13 novembre" after a 2016 context).
  for (const option of bounded) {
    for (const year of [option.year + 1, option.year - 1]) {
      if (fits(year) && matches(year)) return { year, confidence: option.confidence - 0.1 }
    }
  }
  const first = bounded[0]
  return first ? { year: first.year, confidence: 0.3 } : null
}

function resolveRelative(
  candidates: Candidate[],
  resolved: Resolved[],
  layout: Layout
): Resolved[] {
  const all = [...resolved]
  for (const c of candidates) {
    if (c.kind !== 'relative') continue
    const anchor = anchorOf(c, all)
    if (!anchor) continue
    const shifted = shiftDay(anchor.date.start, c.offset)
    if (!shifted) continue
    const distance = Math.abs(
      paragraphIndex(layout, c.start) - paragraphIndex(layout, anchor.candidate.start)
    )
    const factor = distance === 0 ? 0.8 : distance <= 3 ? 0.6 : 0.4
    all.push({
      candidate: c,
      date: { start: shifted, precision: 'day', approximate: false },
      confidence: anchor.confidence * factor,
      basis: 'relative'
    })
    all.sort((a, b) => a.candidate.start - b.candidate.start)
  }
  return all
}

/** The single day a relative date leans on, or null when it leans on something else. */
function anchorOf(c: Candidate, all: Resolved[]): Resolved | null {
  const isDay = (r: Resolved): boolean => r.date.precision === 'day' && r.date.end === undefined
  if (c.attachedLength !== null) {
    const limit = c.end + c.attachedLength
    return (
      all.find((r) => isDay(r) && r.candidate.start >= c.end && r.candidate.start <= limit) ?? null
    )
  }
  // Only a written date anchors: chaining "le lendemain" on "la veille" would compound guesses,
  // and a narrative's relative words usually lean on its main date, not on a flashback.
  let best: Resolved | null = null
  for (const r of all) {
    if (r.candidate.start >= c.start) break
    if (isDay(r) && r.basis !== 'relative') best = r
  }
  return best
}

function toEventDate(c: Candidate, year: number): EventDate | null {
  const start = iso(year, c.month, c.day)
  if (!start) return null
  const date: EventDate = {
    start,
    precision: c.day === null ? 'month' : 'day',
    approximate: c.approximate
  }
  if (c.until) {
    let endYear = c.until.year ?? year
    if (
      c.until.year === null &&
      (c.until.month < c.month || (c.until.month === c.month && (c.until.day ?? 0) < (c.day ?? 0)))
    ) {
      endYear++
    }
    const end = iso(endYear, c.until.month, c.day === null ? null : c.until.day)
    if (!end) return null
    if (end !== start) date.end = end
  }
  if (c.time && !date.end) date.time = c.time
  return validateEventDate(date).length === 0 ? date : null
}

function iso(year: number, month: number, day: number | null): string | null {
  if (year < 1000 || year > 2999 || month < 1 || month > 12) return null
  const yyyyMm = `${year}-${pad(month)}`
  if (day === null) return yyyyMm
  if (new Date(dayStart(year, month, day)).getUTCDate() !== day) return null
  return `${yyyyMm}-${pad(day)}`
}

function dayStart(year: number, month: number, day: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date.getTime()
}

function shiftDay(value: string, days: number): string | null {
  const [year = 0, month = 1, day = 1] = value.split('-').map(Number)
  const shifted = new Date(dayStart(year, month, day) + days * DAY_MS)
  return iso(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate())
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function layoutOf(text: string): Layout {
  const paragraphs = paragraphSpans(text)
  const nonBlankLineStarts: number[] = []
  let lineStart = 0
  for (const line of text.split('\n')) {
    if (line.trim() !== '') nonBlankLineStarts.push(lineStart)
    lineStart += line.length + 1
  }
  return {
    text,
    paragraphs,
    paragraphStarts: paragraphs.map((p) => p.start),
    sentencesByParagraph: new Map(),
    nonBlankLineStarts
  }
}

/** Index of the last span (or start) at or before `offset` (binary search), 0 when none. */
function lastIndexAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if ((starts[middle] ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  return low
}

function paragraphIndex(layout: Layout, offset: number): number {
  return lastIndexAtOrBefore(layout.paragraphStarts, offset)
}

/**
 * The sentence holding `offset`, split within its paragraph (a heading without a final period
 * stays a sentence of its own). Only paragraphs holding a date are split, once: most hold none.
 */
function sentenceAt(layout: Layout, offset: number): Span {
  const index = paragraphIndex(layout, offset)
  let sentences = layout.sentencesByParagraph.get(index)
  if (!sentences) {
    const paragraph = layout.paragraphs[index] ?? { start: 0, end: layout.text.length }
    sentences = sentenceSpans(layout.text, paragraph)
    layout.sentencesByParagraph.set(index, sentences)
  }
  const sentence = lastIndexAtOrBefore(
    sentences.map((s) => s.start),
    offset
  )
  return sentences[sentence] ?? { start: offset, end: offset }
}

interface Cluster {
  key: string
  mentions: EventDateMention[]
  order: Map<string, number>
  sources: Set<string>
  articles: Set<string>
}

/**
 * Candidate events across articles: mentions clustered by date (same day; months and ranges
 * apart, at their own precision), sorted by independent sources (most first), then date. Left
 * out: dismissed keys, and dates after an article's stated or inferred publication date (an
 * article cannot report what had not happened: such a date is a misreading or a plan). A
 * publication date known only as "not before" bounds nothing.
 */
export function suggestEvents(
  items: readonly ArticleWithText[],
  options: SuggestOptions = {}
): EventSuggestion[] {
  const dismissed = options.dismissed ?? new Set<string>()
  const minConfidence = options.minConfidence ?? 0
  const originals = new Map<string, string>()
  for (const group of options.repeats ?? []) {
    for (const id of group.articleIds) originals.set(id, group.originalId)
  }
  const byId = new Map(items.map(({ article }) => [article.id, article]))
  const sourceOf = (article: Article): string => {
    const original = byId.get(originals.get(article.id) ?? article.id) ?? article
    return sourceKey(original, 'outlet')
  }
  const texts = new Map(items.map(({ article, text }) => [article.id, text]))
  const clusters = new Map<string, Cluster>()
  items.forEach(({ article, text }, index) => {
    const end = publicationOf(article)?.end ?? null
    const source = sourceOf(article)
    for (const mention of findDateMentions(article, text)) {
      if (mention.confidence < minConfidence) continue
      if (end !== null && eventInterval(mention.date)[0] >= end) continue
      const key = keyOf(mention.date)
      if (dismissed.has(key)) continue
      let cluster = clusters.get(key)
      if (!cluster) {
        cluster = { key, mentions: [], order: new Map(), sources: new Set(), articles: new Set() }
        clusters.set(key, cluster)
      }
      cluster.mentions.push(mention)
      cluster.order.set(article.id, index)
      cluster.sources.add(source)
      cluster.articles.add(article.id)
    }
  })
  const suggestions = [...clusters.values()].map((cluster) => toSuggestion(cluster, texts))
  return suggestions.sort(
    (a, b) =>
      b.sourceCount - a.sourceCount ||
      compareEventDates(a.date, b.date) ||
      a.key.localeCompare(b.key)
  )
}

/** The input form of a date without time or "around": what clusters mentions together. */
function keyOf(date: EventDate): string {
  return formatEventDateInput({
    start: date.start,
    precision: date.precision,
    approximate: false,
    ...(date.end ? { end: date.end } : {})
  })
}

function toSuggestion(cluster: Cluster, texts: Map<string, string>): EventSuggestion {
  const first = cluster.mentions[0]
  if (!first) throw new Error('empty cluster')
  const date: EventDate = {
    start: first.date.start,
    precision: first.date.precision,
    // "Around" only when every article says so; one exact mention makes the date exact.
    approximate: cluster.mentions.every((m) => m.date.approximate)
  }
  if (first.date.end) date.end = first.date.end
  const times = new Set(cluster.mentions.map((m) => m.date.time))
  const time = first.date.time
  if (times.size === 1 && time) date.time = time
  const best = bestMention(cluster, texts)
  return {
    key: cluster.key,
    date,
    mentions: cluster.mentions,
    sourceCount: cluster.sources.size,
    sources: [...cluster.sources],
    articleCount: cluster.articles.size,
    label: labelOf(best, texts.get(best.articleId) ?? ''),
    confidence: Math.max(...cluster.mentions.map((m) => m.confidence))
  }
}

/**
 * The mention to draw a title from: one whose sentence says something (not just "Salut Don."),
 * then the surest, then one heading its sentence (a chronology entry), then the first.
 */
function bestMention(cluster: Cluster, texts: Map<string, string>): EventDateMention {
  const textOf = (m: EventDateMention): string => texts.get(m.articleId) ?? ''
  const short = (m: EventDateMention): boolean => sentenceLabel(m, textOf(m)).length < LABEL_MIN
  return [...cluster.mentions].sort(
    (a, b) =>
      Number(short(a)) - Number(short(b)) ||
      b.confidence - a.confidence ||
      Number(leadsSentence(textOf(b), b)) - Number(leadsSentence(textOf(a), a)) ||
      (cluster.order.get(a.articleId) ?? 0) - (cluster.order.get(b.articleId) ?? 0) ||
      a.start - b.start
  )[0] as EventDateMention
}

function leadsSentence(text: string, m: EventDateMention): boolean {
  return /^\s*(?:(?:le|la|l['’]|the|on|en|in)\s+)?$/iu.test(text.slice(m.sentence.start, m.start))
}

/** The sentence, minus a leading date ("21 octobre 2016: WikiLeaks écrit…" → "WikiLeaks écrit…"). */
function sentenceLabel(m: EventDateMention, text: string): string {
  return stripLeadingDate(text, m, m.sentence.start, m.sentence.end)
}

function stripLeadingDate(text: string, m: EventDateMention, from: number, to: number): string {
  let label = text.slice(from, to)
  if (/^\s*(?:(?:le|la|l['’]|the|on|en|in)\s+)?$/iu.test(text.slice(from, m.start))) {
    const rest = text.slice(m.end, to).replace(/^[\s,:;.–—-]+/u, '')
    if (rest.length >= 10) label = rest.charAt(0).toLocaleUpperCase() + rest.slice(1)
  }
  // A list bullet or dash opening the sentence is layout, not part of a title.
  return label
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[•·▪‣◦*–—-]\s*/u, '')
}

/** The sentence without its leading date; its paragraph when the sentence says too little. */
function labelOf(m: EventDateMention, text: string): string {
  let label = sentenceLabel(m, text)
  if (label.length < LABEL_MIN) {
    const blank = text.lastIndexOf('\n\n', m.start)
    const from = blank === -1 ? 0 : blank + 2
    const after = text.indexOf('\n\n', m.end)
    label = stripLeadingDate(text, m, from, after === -1 ? text.length : after)
  }
  if (label.length <= LABEL_MAX) return label
  const cut = label.slice(0, LABEL_MAX - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > LABEL_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`
}
