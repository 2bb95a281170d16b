// Dated episodes proposed from the archive: the calendar dates articles write (absolute, partial,
// "la veille"), each year settled from the article's own context, then clustered across sources.
import type { Chrono, ParsedResult, Parser } from 'chrono-node/en'
import * as chronoEn from 'chrono-node/en'
import * as chronoFr from 'chrono-node/fr'
import type { Article, Span } from '../archive/article'
import { isCaption, isStamp, stripDateline } from '../import/captured-lines'
import { findDateMentions as findWrittenDates, weekdayOf, type DateMention } from '../import/dates'
import { paragraphSpans } from '../text/normalize'
import { insideQuotation } from '../text/quotations'
import { capSentence, sentenceSpans } from '../text/sentences'
import { governedBy, quotesIn } from './clauses'
import { titleOf, unclear } from './titles'
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
  /**
   * The passage a suggestion proposes (coded as a passage linked to the event on acceptance;
   * the name is historical): the whole sentence when the date governs its main clause, a dated
   * chronology line with the paragraph(s) telling what happened that day, or, for a date that
   * governs only a subordinate clause, parenthesis or the like, that clause. It never starts or
   * ends inside a quotation.
   */
  sentence: Span
  /**
   * The clause the date governs, within the passage: the main clause for a main date (the
   * sentence without its subordinate and incidental clauses, as one span from its start to its
   * end), the subordinate clause or parenthesis holding it, or the noun phrase it dates ("une
   * rencontre en juin 2016 de Trump Jr avec une avocate russe"). What a comparison of two
   * articles' accounts of the same happening should compare.
   */
  clause: Span
  /**
   * True when the date governs the sentence's main clause: the sentence is about this date. A
   * date in a subordinate clause or dating a noun phrase is secondary: its passage is its clause
   * and it never gives a suggestion its title from the sentence's main clause.
   */
  main: boolean
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
  /**
   * A proposed title, editable before accepting: a short statement of who did what, made from the
   * clause the best mention's date governs (see `titleOf`), about 80 characters at most.
   */
  label: string
  /** The best mention's confidence. */
  confidence: number
}

const DAY_MS = 86_400_000
/** Mentions whose titles are compared for a suggestion, at most (a date many articles name). */
const TITLE_CONTENDERS = 12

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
  /** Quotations of the paragraphs split so far (see `quotesIn`), by paragraph index. */
  quotesByParagraph: Map<number, Span[]>
  nonBlankLineStarts: number[]
  /**
   * What each line asked about so far is, by its start: a stamp or a caption, and how many
   * characters its dateline takes. Read once a line, not once a date (a long line holds many).
   */
  lineFacts: Map<number, { furniture: boolean; leading: number; dateline: number }>
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
  const places = placesOf(
    layout,
    all.map((r) => r.candidate),
    candidates
  )
  return all.map(({ candidate, date, confidence, basis }, i) => ({
    articleId: article.id,
    date,
    start: candidate.start,
    end: candidate.end,
    ...(places[i] ?? { sentence: candidate, clause: candidate, main: true }),
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
  for (const candidate of monthsWithoutYear(text)) {
    if (!kept.some((k) => overlaps(k, candidate))) kept.push(candidate)
  }
  return kept.sort((a, b) => a.start - b.start)
}

const MONTHS_FR: Record<string, number> = {
  janvier: 1,
  février: 2,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  août: 8,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
  decembre: 12
}
const MONTHS_EN: Record<string, number> = {
  January: 1,
  February: 2,
  March: 3,
  April: 4,
  May: 5,
  June: 6,
  July: 7,
  August: 8,
  September: 9,
  October: 10,
  November: 11,
  December: 12
}
const monthAlternation = (names: Record<string, number>): string =>
  Object.keys(names)
    .sort((a, b) => b.length - a.length)
    .join('|')
/** The month names first (a plain scan), then what precedes and follows each is checked. */
const MONTH_WORD_FR = new RegExp(`(?:${monthAlternation(MONTHS_FR)})(?![\\p{L}\\p{N}-])`, 'giu')
const MONTH_WORD_EN = new RegExp(`(?:${monthAlternation(MONTHS_EN)})(?![\\p{L}\\p{N}-])`, 'gu')
const QUALIFIER_FR = `(?:(?:au\\s+)?début\\s+(?:d['’]|de\\s+)?|(?:à\\s+la\\s+)?fin\\s+(?:d['’]|de\\s+)?|(?:à\\s+la\\s+)?mi-)`
/** Group 1: the qualifier, part of the date's span ("début mars"); the preposition is not. */
const BEFORE_MONTH_FR = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:(?:en|dès|depuis|jusqu['’]en|courant|au\\s+mois\\s+de)\\s+|au\\s+mois\\s+d['’]\\s*)(${QUALIFIER_FR})?|(${QUALIFIER_FR}))$`,
  'iu'
)
const BEFORE_MONTH_EN =
  /(?<![\p{L}\p{N}])(?:(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Dd]uring|[Tt]hrough(?:out)?|(?:[Tt]he\s+)?(?:end|beginning|start|middle)\s+of)\s+(?:the\s+)?((?:[Ee]arly|[Ll]ate|[Mm]id-)\s*)?|((?:[Ee]arly|[Ll]ate|[Mm]id-)\s*))$/u
const AFTER_MONTH_FR = /^\s+(?:de\s+|d['’])?\d/u
const AFTER_MONTH_EN = /^,?\s+(?:of\s+)?\d/u

/**
 * A month written without a year, only after a preposition or a "début"/"early" that makes it a
 * date: "en avril", "début mars", "fin juin", "à la mi-mai", "au mois d'août", "in April",
 * "early March", "by late June". A bare "mai", "May" or "march" is also an ordinary word. The
 * qualifier ("début", "early", "mi-") is part of the span, the preposition is not.
 */
function monthsWithoutYear(text: string): Candidate[] {
  const found: Candidate[] = []
  for (const [word, before, after, names] of [
    [MONTH_WORD_FR, BEFORE_MONTH_FR, AFTER_MONTH_FR, MONTHS_FR],
    [MONTH_WORD_EN, BEFORE_MONTH_EN, AFTER_MONTH_EN, MONTHS_EN]
  ] as const) {
    for (const match of text.matchAll(word)) {
      const month = names[names === MONTHS_FR ? match[0].toLowerCase() : match[0]]
      if (month === undefined) continue
      const end = match.index + match[0].length
      const lead = before.exec(text.slice(Math.max(0, match.index - 30), match.index))
      if (!lead || after.test(text.slice(end, end + 12))) continue
      const qualifier = (lead[1] ?? lead[2] ?? '').length
      found.push({ ...blank(match.index - qualifier, end), kind: 'month', month })
    }
  }
  return found
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
  let facts = layout.lineFacts.get(lineStart)
  if (!facts) {
    const line = text.slice(lineStart, lineEnd)
    const trimmed = line.trim()
    facts = {
      furniture: isStamp(trimmed) || isCaption(trimmed),
      leading: line.length - line.trimStart().length,
      dateline: trimmed.length - stripDateline(line).length
    }
    layout.lineFacts.set(lineStart, facts)
  }
  if (facts.furniture) return true
  const { leading, dateline: removed } = facts
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
    quotesByParagraph: new Map(),
    nonBlankLineStarts,
    lineFacts: new Map()
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
 * stays a sentence of its own, a bulleted line too). Only paragraphs holding a date are split,
 * once: most hold none. Sentences a quotation runs across are joined: never cut inside one.
 */
function sentenceAt(layout: Layout, offset: number): Span {
  const index = paragraphIndex(layout, offset)
  let sentences = layout.sentencesByParagraph.get(index)
  if (!sentences) {
    const paragraph = layout.paragraphs[index] ?? { start: 0, end: layout.text.length }
    const quotes = quotesIn(layout.text, paragraph)
    sentences = sentencesOf(layout.text, paragraph, quotes)
    layout.sentencesByParagraph.set(index, sentences)
    layout.quotesByParagraph.set(index, quotes)
  }
  const sentence = lastIndexAtOrBefore(
    sentences.map((s) => s.start),
    offset
  )
  return sentences[sentence] ?? { start: offset, end: offset }
}

/** A list item's mark at the start of a line. */
const BULLET_LINE = /\n[ \t]*(?=[•·▪‣◦*–—-]\s)/gu

function sentencesOf(text: string, paragraph: Span, quotes: readonly Span[]): Span[] {
  // Bulleted lines are items of their own, whatever their punctuation.
  const items: Span[] = []
  let from = paragraph.start
  for (const match of text.slice(paragraph.start, paragraph.end).matchAll(BULLET_LINE)) {
    const at = paragraph.start + match.index
    if (at > from) items.push({ start: from, end: at })
    from = at + match[0].length
  }
  items.push({ start: from, end: paragraph.end })
  const sentences: Span[] = []
  for (const item of items) {
    for (const span of sentenceSpans(text, item)) {
      const last = sentences.at(-1)
      const end = trimEnd(text, span)
      if (last && last.end >= item.start && insideQuotation(quotes, last.end)) last.end = end
      else if (last && last.end >= item.start && insideQuotation(quotes, span.start)) last.end = end
      else {
        // A list item's mark is layout, not part of the passage.
        const start = trimStart(text, span)
        const mark = /^[•·▪‣◦*–—-]\s+/u.exec(text.slice(start, Math.min(end, start + 4)))
        sentences.push({ start: start + (mark ? mark[0].length : 0), end })
      }
    }
  }
  // Sentences joined across a quotation stay bounded too (an unclosed quote runs on).
  return sentences.flatMap((sentence) => capSentence(text, sentence))
}

function trimStart(text: string, span: Span): number {
  let start = span.start
  while (start < span.end && /\s/u.test(text.charAt(start))) start++
  return start
}

function trimEnd(text: string, span: Span): number {
  let end = span.end
  while (end > span.start && /\s/u.test(text.charAt(end - 1))) end--
  return end
}

/** "16 décembre 2016: …" opening its paragraph: an entry of a dated chronology. */
const ENTRY_LEAD = /^[ \t]*(?:[•·▪‣◦*–—-]\s*)?(?:(?:le|the|on)\s+)?$/iu
const ENTRY_AFTER = /^\s*(?::|\s[–—-]\s)/u
/** Paragraphs an entry's passage takes after its dated line, at most. */
const ENTRY_PARAGRAPHS = 2

/**
 * Where each date sits: its passage, the clause it governs, and whether it governs the main
 * clause of its sentence (see `governedBy`). The dated line of a chronology goes with the
 * paragraphs after it that tell what happened, up to the next dated line, a heading or
 * `ENTRY_PARAGRAPHS` paragraphs.
 */
function placesOf(
  layout: Layout,
  dates: readonly Candidate[],
  all: readonly Candidate[]
): Array<Pick<EventDateMention, 'sentence' | 'clause' | 'main'>> {
  const { text } = layout
  const sentences = dates.map((d) => sentenceAt(layout, d.start))
  const bySentence = new Map<number, number[]>()
  sentences.forEach((s, i) => bySentence.set(s.start, [...(bySentence.get(s.start) ?? []), i]))
  const places: Array<Pick<EventDateMention, 'sentence' | 'clause' | 'main'>> = []
  for (const indexes of bySentence.values()) {
    const first = indexes[0] ?? 0
    const sentence = sentences[first] ?? { start: 0, end: 0 }
    const governed = governedBy(
      text,
      sentence,
      indexes.map((i) => dates[i] ?? { start: 0, end: 0 }),
      layout.quotesByParagraph.get(paragraphIndex(layout, sentence.start))
    )
    indexes.forEach((i, k) => {
      const date = dates[i]
      const g = governed[k]
      if (!date || !g) return
      const entry = entryOf(layout, date, all) ?? embedOf(layout, date)
      if (entry) places[i] = entry
      else if (g.main) places[i] = { sentence, clause: g.clause, main: true }
      else {
        // An attribution's date ("…, a révélé ce 13 novembre 2017 The Atlantic") dates the
        // telling of the whole sentence: its passage is the sentence.
        const passage =
          g.segment && g.segment.kind !== 'attribution'
            ? { start: g.segment.start, end: g.segment.end }
            : sentence
        places[i] = { sentence: passage, clause: g.clause, main: false }
      }
    })
  }
  return places
}

/** An embedded post's signature: "… — Donald Trump Jr. (@DonaldJTrumpJr) 14 novembre 2017". */
const EMBED_SIGNATURE = /\s[—–]\s[^—–\n]{1,80}\(@\w+\)\s*(?:[\p{L}]+,?\s+)?$/u

/** The passage of a post quoted with its signature, dated by `date`: the post, or null. */
function embedOf(
  layout: Layout,
  date: Candidate
): Pick<EventDateMention, 'sentence' | 'clause' | 'main'> | null {
  const { text } = layout
  const paragraph = layout.paragraphs[paragraphIndex(layout, date.start)]
  if (!paragraph) return null
  const before = text.slice(paragraph.start, date.start)
  const signature = EMBED_SIGNATURE.exec(before)
  if (!signature || text.slice(date.end, paragraph.end).trim() !== '') return null
  const start = trimStart(text, paragraph)
  return {
    sentence: { start, end: trimEnd(text, paragraph) },
    clause: { start, end: paragraph.start + signature.index },
    main: true
  }
}

/** The passage of a chronology entry whose dated line opens with `date`, or null. */
function entryOf(
  layout: Layout,
  date: Candidate,
  all: readonly Candidate[]
): Pick<EventDateMention, 'sentence' | 'clause' | 'main'> | null {
  const { text } = layout
  const index = paragraphIndex(layout, date.start)
  const paragraph = layout.paragraphs[index]
  if (!paragraph || text.slice(paragraph.start, paragraph.end).includes('\n')) return null
  if (!ENTRY_LEAD.test(text.slice(paragraph.start, date.start))) return null
  if (!ENTRY_AFTER.test(text.slice(date.end, paragraph.end))) return null
  const line = { start: trimStart(text, paragraph), end: trimEnd(text, paragraph) }
  let end = line.end
  for (let next = index + 1; next <= index + ENTRY_PARAGRAPHS; next++) {
    const p = layout.paragraphs[next]
    if (!p) break
    const body = text.slice(p.start, p.end).trim()
    // A heading, a credit or a reading suggestion ends the entry, as does the next dated line.
    if (!/[.!?…»"”'’)]$/u.test(body) || /^[^.!?]{0,40}:\s/u.test(body)) break
    const lead = all.find((c) => c.start >= p.start && c.start < p.end)
    if (lead && ENTRY_LEAD.test(text.slice(p.start, lead.start))) break
    end = trimEnd(text, p)
  }
  const clauseStart =
    date.end + (/^\s*:?\s*/u.exec(text.slice(date.end, line.end))?.[0].length ?? 0)
  return {
    sentence: { start: line.start, end },
    clause: { start: Math.min(clauseStart, line.end), end: line.end },
    main: true
  }
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
  const datesByArticle = new Map<string, Span[]>()
  items.forEach(({ article, text }, index) => {
    const end = publicationOf(article)?.end ?? null
    const source = sourceOf(article)
    const mentions = findDateMentions(article, text)
    datesByArticle.set(
      article.id,
      mentions.map((m) => ({ start: m.start, end: m.end }))
    )
    for (const mention of mentions) {
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
  const suggestions = [...clusters.values()].map((cluster) =>
    toSuggestion(cluster, texts, datesByArticle)
  )
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

function toSuggestion(
  cluster: Cluster,
  texts: Map<string, string>,
  dates: Map<string, Span[]>
): EventSuggestion {
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
  const { title } = bestTitle(cluster, texts, dates)
  return {
    key: cluster.key,
    date,
    mentions: cluster.mentions,
    sourceCount: cluster.sources.size,
    sources: [...cluster.sources],
    articleCount: cluster.articles.size,
    label: title,
    confidence: Math.max(...cluster.mentions.map((m) => m.confidence))
  }
}

/**
 * The title and the mention it is drawn from: mentions whose date governs their sentence's main
 * clause first (a secondary date never titles an event with its sentence's main clause), then the
 * surest, then the clearest title (one naming who did what, whole, not opening on a pronoun),
 * then a chronology entry, then archive and text order.
 */
function bestTitle(
  cluster: Cluster,
  texts: Map<string, string>,
  dates: Map<string, Span[]>
): { mention: EventDateMention; title: string } {
  // Only the mentions tied first on main clause and sureness can give the title (a dozen at most).
  const ranked = [...cluster.mentions].sort(
    (a, b) => Number(b.main) - Number(a.main) || b.confidence - a.confidence
  )
  const top = ranked[0]
  const contenders = ranked
    .filter((m) => m.main === top?.main && m.confidence === top.confidence)
    .slice(0, TITLE_CONTENDERS)
  const scored = contenders.map((m) => {
    const title = titleOf(texts.get(m.articleId) ?? '', m, dates.get(m.articleId) ?? [])
    return { mention: m, title, unclear: unclear(title) }
  })
  const best = scored.sort(
    (a, b) =>
      Number(b.mention.main) - Number(a.mention.main) ||
      b.mention.confidence - a.mention.confidence ||
      a.unclear - b.unclear ||
      Number(isEntry(b.mention)) - Number(isEntry(a.mention)) ||
      (cluster.order.get(a.mention.articleId) ?? 0) -
        (cluster.order.get(b.mention.articleId) ?? 0) ||
      a.mention.start - b.mention.start
  )[0]
  if (!best) throw new Error('empty cluster')
  return { mention: best.mention, title: best.title }
}

/** A chronology entry: its passage runs past its dated line. */
function isEntry(m: EventDateMention): boolean {
  return m.main && m.clause.start >= m.end && m.sentence.end > m.clause.end
}
