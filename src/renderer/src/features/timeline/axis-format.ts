// Locale-aware labels of the time axis: ticks, the visible range, event dates. Everything is in
// UTC, like the event intervals (calendar dates placed as UTC days; see core/timeline/event-dates).
import type { TickUnit } from '@core/timeline/layout'

export type AxisPrecision = 'year' | 'month' | 'day'

const formats = new Map<string, Intl.DateTimeFormat>()

const STYLES = {
  year: { year: 'numeric' },
  monthShort: { month: 'short' },
  month: { month: 'short', year: 'numeric' },
  monthLong: { month: 'long', year: 'numeric' },
  dayOnly: { day: 'numeric' },
  dayMonth: { day: 'numeric', month: 'short' },
  day: { day: 'numeric', month: 'short', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
  dayTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  instant: {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short'
  }
} satisfies Record<string, Intl.DateTimeFormatOptions>

type Style = keyof typeof STYLES

export function formatAt(locale: string, style: Style, time: number): string {
  const key = `${locale}|${style}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone: 'UTC' })
    formats.set(key, format)
  }
  return format.format(time)
}

/**
 * A tick's label: short between major ticks ("Feb", "11", "14:00"), with the larger unit at major
 * ticks and on the first tick, which gives the context ("Jan 2016", "1 Feb", "21 Oct 2016").
 */
export function tickLabel(
  locale: string,
  unit: TickUnit,
  time: number,
  major: boolean,
  first: boolean
): string {
  switch (unit) {
    case 'year':
      return formatAt(locale, 'year', time)
    case 'month':
      return formatAt(locale, major || first ? 'month' : 'monthShort', time)
    case 'day':
      return formatAt(locale, first ? 'day' : major ? 'dayMonth' : 'dayOnly', time)
    case 'hour':
      return formatAt(locale, first ? 'dayTime' : major ? 'dayMonth' : 'time', time)
  }
}

/** One edge of the visible range, as precise as the ticks: "2016", "Sep 2016", "21 Oct 2016". */
export function edgeLabel(locale: string, unit: TickUnit, time: number): string {
  const style: Style =
    unit === 'year' ? 'year' : unit === 'month' ? 'month' : unit === 'day' ? 'day' : 'dayTime'
  return formatAt(locale, style, time)
}

const PRECISION_STYLE: Record<AxisPrecision, Style> = {
  year: 'year',
  month: 'monthLong',
  day: 'day'
}

/** Start of the last period of precision `precision` before `end` (UTC). */
function lastPeriodStart(end: number, precision: AxisPrecision): number {
  const date = new Date(end - 1)
  if (precision === 'year') date.setUTCMonth(0, 1)
  else if (precision === 'month') date.setUTCDate(1)
  date.setUTCHours(0, 0, 0, 0)
  return date.getTime()
}

/**
 * An event's date from its interval and precision: "2016", "October 2016", "21 Oct 2016",
 * "3 Oct 2016 – 12 Oct 2016", or an instant "21 Oct 2016, 14:05 UTC" (an interval under a day).
 */
export function periodLabel(
  locale: string,
  interval: readonly [number, number],
  precision: AxisPrecision
): string {
  const [start, end] = interval
  if (precision === 'day' && end - start < 86_400_000) return formatAt(locale, 'instant', start)
  const style = PRECISION_STYLE[precision]
  const last = lastPeriodStart(end, precision)
  const first = formatAt(locale, style, start)
  return last > start ? `${first} – ${formatAt(locale, style, last)}` : first
}

/** A span of time at the precision of the axis, for groups: "Oct 2016", "3 Oct 2016 – 12 Oct 2016". */
export function spanLabel(locale: string, unit: TickUnit, start: number, end: number): string {
  const a = edgeLabel(locale, unit, start)
  const b = edgeLabel(locale, unit, end)
  return a === b ? a : `${a} – ${b}`
}
