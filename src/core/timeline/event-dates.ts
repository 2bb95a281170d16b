// Event dates as users type them (`2016-10-21`, `~2016-10`, `2016-10-03/2016-10-12`) and as the
// timeline places them: the whole span a date of some precision covers, never a made-up day.
import { parseUserDate } from '../archive/published-date'
import type { EventDate, EventPrecision } from './types'

/** Half-open interval [start, end) in milliseconds since the epoch. */
export type EventInterval = [start: number, end: number]

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/
const INPUT =
  /^(~)?\s*([0-9-]+)(?:\s*\/\s*([0-9-]+))?(?:[T\s]+(\d{2}:\d{2}))?(?:\s+([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*))?$/
/** Coarser to finer: a day says more than a month, a month more than a year. */
export const PRECISION_RANK: Record<EventPrecision, number> = { year: 0, month: 1, day: 2 }
const MINUTE = 60_000

/**
 * Reads what a user types: `2016`, `2016-10`, `2016-10-21`, a range `2016-10-03/2016-10-12`
 * (ISO 8601 interval, both ends at the same precision), `~` in front for "around", and for a
 * single day an optional time and IANA zone (`2016-11-08T18:35 America/New_York`). Null when the
 * input is no such date or breaks a rule of `validateEventDate`.
 */
export function parseEventDate(input: string): EventDate | null {
  const match = INPUT.exec(input.trim())
  if (!match) return null
  const [, tilde, startText = '', endText, time, timeZone] = match
  const start = parseUserDate(startText)
  const end = endText === undefined ? null : parseUserDate(endText)
  if (!start || (endText !== undefined && !end)) return null
  const date: EventDate = {
    start: start.value,
    precision: start.precision,
    approximate: tilde !== undefined
  }
  // A range whose ends coincide is the single date: one way to write each date keeps keys stable.
  if (end && end.value !== start.value) date.end = end.value
  if (end && end.precision !== start.precision) return null
  if (time !== undefined) date.time = time
  if (timeZone !== undefined) date.timeZone = timeZone
  return validateEventDate(date).length === 0 ? date : null
}

/** The input form of a date, the inverse of `parseEventDate` (also the key of a suggestion). */
export function formatEventDateInput(date: EventDate): string {
  let text = (date.approximate ? '~' : '') + date.start + (date.end ? `/${date.end}` : '')
  if (date.time) text += `T${date.time}`
  if (date.time && date.timeZone) text += ` ${date.timeZone}`
  return text
}

export type EventDateProblem =
  | 'invalidStart'
  | 'invalidEnd'
  | 'precisionMismatch'
  | 'endBeforeStart'
  | 'timeWithoutDay'
  | 'timeWithRange'
  | 'invalidTime'
  | 'invalidTimeZone'
  | 'timeZoneWithoutTime'

/** Every rule the date breaks; empty when it is sound. */
export function validateEventDate(date: EventDate): EventDateProblem[] {
  const problems: EventDateProblem[] = []
  const start = parseUserDate(date.start)
  if (!start || start.precision !== date.precision) problems.push('invalidStart')
  if (date.end !== undefined) {
    const end = parseUserDate(date.end)
    if (!end) problems.push('invalidEnd')
    else if (end.precision !== date.precision) problems.push('precisionMismatch')
    else if (start && end.value < start.value) problems.push('endBeforeStart')
  }
  if (date.time !== undefined) {
    if (date.precision !== 'day') problems.push('timeWithoutDay')
    // One time for two days would say nothing about which one it belongs to.
    if (date.end !== undefined) problems.push('timeWithRange')
    if (!TIME.test(date.time)) problems.push('invalidTime')
  }
  if (date.timeZone !== undefined) {
    if (date.time === undefined) problems.push('timeZoneWithoutTime')
    if (!isTimeZone(date.timeZone)) problems.push('invalidTimeZone')
  }
  return problems
}

/**
 * The span the timeline gives a date: a year is the whole year, a month the whole month, a range
 * runs to the end of its last period. Dates without a zone are calendar dates, placed as UTC days
 * so that they never shift with the reader's zone. A time with an IANA zone is a real instant,
 * placed as that minute (UTC); a time without a zone could be anywhere within ±14 h, so it is
 * placed as its whole day. An invalid date yields an empty interval at 0.
 */
export function eventInterval(date: EventDate): EventInterval {
  const first = periodStart(date.start)
  const last = periodStart(date.end ?? date.start)
  if (first === null || last === null) return [0, 0]
  if (date.precision === 'day' && date.time && date.timeZone && !date.end) {
    const instant = zonedInstant(date.start, date.time, date.timeZone)
    if (instant !== null) return [instant, instant + MINUTE]
  }
  return [first, nextPeriod(last, date.precision)]
}

/**
 * Interval start first; on a tie the coarser date first (2016 before 2016-01 before 2016-01-01),
 * then the longer span; undated (null) last.
 */
export function compareEventDates(a: EventDate | null, b: EventDate | null): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0
  const [aStart, aEnd] = eventInterval(a)
  const [bStart, bEnd] = eventInterval(b)
  return (
    aStart - bStart ||
    PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision] ||
    bEnd - aEnd ||
    Number(a.approximate) - Number(b.approximate)
  )
}

function utc(year: number, monthIndex: number, day: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, day)
  return date.getTime()
}

function periodStart(value: string): number | null {
  const [year, month = 1, day = 1] = value.split('-').map(Number)
  if (year === undefined || !Number.isFinite(year)) return null
  return utc(year, month - 1, day)
}

function nextPeriod(startMs: number, precision: EventPrecision): number {
  const date = new Date(startMs)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  const day = date.getUTCDate()
  if (precision === 'year') return utc(year + 1, 0, 1)
  if (precision === 'month') return utc(year, month + 1, 1)
  return utc(year, month, day + 1)
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The UTC instant of a wall-clock time in an IANA zone (two passes settle DST transitions). */
function zonedInstant(day: string, time: string, zone: string): number | null {
  if (!isTimeZone(zone) || !TIME.test(time)) return null
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number)
  const [hour = 0, minute = 0] = time.split(':').map(Number)
  const wall = utc(year, month - 1, date) + (hour * 60 + minute) * MINUTE
  let guess = wall - offsetAt(wall, zone)
  guess = wall - offsetAt(guess, zone)
  return guess
}

/** Offset of `zone` from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric'
  }).formatToParts(new Date(instant))
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc =
    utc(part('year'), part('month') - 1, part('day')) +
    ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000
  return asUtc - Math.floor(instant / 1000) * 1000
}
