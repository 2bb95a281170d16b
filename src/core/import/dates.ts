// Dates written in French or English prose ("21 octobre 2016", "lundi 13 novembre", "November 14,
// 2017", "2017-11", "14/11/2017"), found with their position so that callers can tell stamps apart.
import type { DatePrecision } from '../archive/article'

export interface DateMention {
  index: number
  length: number
  /** Null when the text leaves the year implied ("lundi 13 novembre"). */
  year: number | null
  /** 1 to 12, null for a bare year. */
  month: number | null
  day: number | null
  /** 0 (Sunday) to 6, when a weekday is written before the day. */
  weekday: number | null
}

export interface DateValue {
  /** ISO 8601 at its precision: `2017`, `2017-11` or `2017-11-14`. */
  value: string
  precision: DatePrecision
}

const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  january: 1,
  jan: 1,
  février: 2,
  fevrier: 2,
  févr: 2,
  fevr: 2,
  fév: 2,
  fev: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  mar: 3,
  avril: 4,
  avr: 4,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  jun: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  jul: 7,
  août: 8,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  september: 9,
  sept: 9,
  sep: 9,
  octobre: 10,
  october: 10,
  oct: 10,
  novembre: 11,
  november: 11,
  nov: 11,
  décembre: 12,
  decembre: 12,
  déc: 12,
  december: 12,
  dec: 12
}

const WEEKDAYS: Record<string, number> = {
  dimanche: 0,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6
}

/** Longest names first, so that `sept` does not stop `septembre` half-way. */
const alternation = (names: string[]): string =>
  [...names].sort((a, b) => b.length - a.length).join('|')
const MONTH = `(${alternation(Object.keys(MONTHS))})\\.?`
const WEEKDAY = `(?:(${alternation(Object.keys(WEEKDAYS))}),?\\s+)?`
const BEFORE = '(?<![\\p{L}\\p{N}])'
const AFTER = '(?![\\p{L}\\p{N}])'
const YEAR = '(\\d{4})'

type Groups = (string | undefined)[]
interface Pattern {
  regex: RegExp
  read(groups: Groups): Omit<DateMention, 'index' | 'length'>
}

const num = (value: string | undefined): number | null =>
  value === undefined ? null : Number.parseInt(value, 10)
const month = (name: string | undefined): number | null =>
  name === undefined ? null : (MONTHS[name.toLowerCase()] ?? null)
const weekday = (name: string | undefined): number | null =>
  name === undefined ? null : (WEEKDAYS[name.toLowerCase()] ?? null)

const PATTERNS: Pattern[] = [
  {
    // 13 novembre 2017, lundi 13 novembre, 1er mars, 14 November 2017
    regex: new RegExp(
      `${BEFORE}${WEEKDAY}(\\d{1,2})(?:er|st|nd|rd|th)?\\s+${MONTH}(?:,?\\s+${YEAR})?${AFTER}`,
      'giu'
    ),
    read: ([, wd, d, m, y]) => ({
      year: num(y),
      month: month(m),
      day: num(d),
      weekday: weekday(wd)
    })
  },
  {
    // November 14, 2017; Monday, November 13
    regex: new RegExp(
      `${BEFORE}${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+${YEAR})?${AFTER}`,
      'giu'
    ),
    read: ([, wd, m, d, y]) => ({
      year: num(y),
      month: month(m),
      day: num(d),
      weekday: weekday(wd)
    })
  },
  {
    // juillet 2017, November 2017
    regex: new RegExp(`${BEFORE}${MONTH}\\s+(?:de\\s+|of\\s+)?${YEAR}${AFTER}`, 'giu'),
    read: ([, m, y]) => ({ year: num(y), month: month(m), day: null, weekday: null })
  },
  {
    // 2017-11-14, 2017-11 (ISO, also inside a timestamp)
    regex: /(?<![\p{N}-])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\p{N}])/gu,
    read: ([, y, m, d]) => ({ year: num(y), month: num(m), day: num(d), weekday: null })
  },
  {
    // 14/11/2017, 14.11.2017: day first, as French and most non-US sources write it
    regex: /(?<![\p{N}/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\p{N}])/gu,
    read: ([, d, m, y]) => ({ year: num(y), month: num(m), day: num(d), weekday: null })
  },
  {
    // a bare year: "la campagne de 2016"
    regex: /(?<![\p{L}\p{N}@#/.,])(1[89]\d{2}|20\d{2})(?![\p{L}\p{N}]|[.,/]\d)/gu,
    read: ([, y]) => ({ year: num(y), month: null, day: null, weekday: null })
  }
]

/** Every date written in `text`, in reading order, overlaps resolved in favour of the longest. */
export function findDateMentions(text: string): DateMention[] {
  const found: DateMention[] = []
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern.regex)) {
      const mention = { index: match.index, length: match[0].length, ...pattern.read([...match]) }
      if (isValid(mention)) found.push(mention)
    }
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length)
  const kept: DateMention[] = []
  for (const mention of found) {
    const last = kept.at(-1)
    if (!last || mention.index >= last.index + last.length) kept.push(mention)
  }
  return kept
}

function isValid(m: DateMention): boolean {
  if (m.year === null && (m.day === null || m.month === null)) return false
  if (m.year !== null && (m.year < 1000 || m.year > 2999)) return false
  if (m.month === null) return m.day === null
  if (m.month < 1 || m.month > 12) return false
  if (m.day === null) return true
  return m.day >= 1 && m.day <= daysInMonth(m.year ?? 2000, m.month)
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay()
}

/** The ISO value of a mention whose year is known (or given), at the precision it was written. */
export function mentionValue(m: DateMention, year = m.year): DateValue | null {
  if (year === null) return null
  const yyyy = String(year).padStart(4, '0')
  if (m.month === null) return { value: yyyy, precision: 'year' }
  const mm = String(m.month).padStart(2, '0')
  if (m.day === null) return { value: `${yyyy}-${mm}`, precision: 'month' }
  return { value: `${yyyy}-${mm}-${String(m.day).padStart(2, '0')}`, precision: 'day' }
}

/**
 * The year of "lundi 13 novembre": the one, among the years the text mentions (latest first, then
 * the year after it), on which that day falls on that weekday; null when nothing settles it.
 */
export function impliedYear(m: DateMention, anchorYears: number[]): number | null {
  if (m.year !== null) return m.year
  if (m.weekday === null || m.month === null || m.day === null || anchorYears.length === 0) {
    return null
  }
  const latest = Math.max(...anchorYears)
  for (const year of [latest, latest + 1, latest - 1]) {
    if (m.day <= daysInMonth(year, m.month) && weekdayOf(year, m.month, m.day) === m.weekday) {
      return year
    }
  }
  return null
}

/** Reads a machine date (`2017-11-14T10:32:00+01:00`, `D:20171114…`, `2017-11`), as written. */
export function parseMachineDate(raw: string): DateValue | null {
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(raw.trim())
  const iso = pdf ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T\s]|$)/.exec(raw.trim())
  const parts = pdf ?? iso
  if (!parts) return null
  const mention: DateMention = {
    index: 0,
    length: 0,
    year: num(parts[1]),
    month: num(parts[2]),
    day: parts[2] === undefined ? null : num(parts[3]),
    weekday: null
  }
  return isValid(mention) ? mentionValue(mention) : null
}
