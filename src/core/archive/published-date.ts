// Publication dates as users read and type them: parsing what they type (2017-11-14, 2017-11,
// 2017), comparing dates of mixed precision, and the parts a locale-aware formatter needs.
import type { DatePrecision, PublishedDate } from './article'

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into a stated date; null when it is not a real date. */
export function parseUserDate(input: string): PublishedDate | null {
  const match = PATTERN.exec(input.trim())
  if (!match) return null
  const [, year, month, day] = match
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return null
  if (day !== undefined) {
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
    if (date.getUTCDate() !== Number(day)) return null
  }
  const precision: DatePrecision = day ? 'day' : month ? 'month' : 'year'
  return { value: input.trim(), precision, qualifier: 'stated' }
}

/**
 * Orders dates of mixed precision by their first day (2017 < 2017-01 < 2017-01-01 only by
 * precision, coarser first), unknown dates last.
 */
export function compareDates(a: PublishedDate | null, b: PublishedDate | null): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0
  const byValue = padded(a.value).localeCompare(padded(b.value))
  return byValue !== 0 ? byValue : a.value.length - b.value.length
}

function padded(value: string): string {
  return (value + '-01-01').slice(0, 10)
}

/** Year, month (1–12) and day as numbers, as far as the precision goes. */
export function dateParts(date: PublishedDate): { year: number; month?: number; day?: number } {
  const [year, month, day] = date.value.split('-').map(Number)
  return {
    year: year ?? 0,
    ...(date.precision !== 'year' && month ? { month } : {}),
    ...(date.precision === 'day' && day ? { day } : {})
  }
}
