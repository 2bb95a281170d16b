// The dossier's events as an inline SVG figure: a time axis where each date covers exactly the span
// its precision allows (a month is a bar across the month), approximate dates dashed, undated below.
import { escapeMarkup } from '../text/markup'
import { eventInterval } from '../timeline/event-dates'
import type { DossierDocument, DossierEvent, DossierLabels } from './types'

const DAY = 86_400_000
const WIDTH = 760
const MARGIN = 16
const ROW = 50
const BAR = 10
const TITLE_SIZE = 13
const DETAIL_SIZE = 11
const LINE = 18
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

export interface TimelineSvgOptions {
  /**
   * Adds the SVG namespace, needed when the figure is saved as its own `.svg` file; inline in
   * HTML5 it is implied, and leaving it out keeps the page free of any URL at all.
   */
  standalone?: boolean
}

interface Placed {
  entry: DossierEvent
  start: number
  end: number
}

/** Rounded coordinates keep the markup short and stable across platforms. */
function num(value: number): string {
  return String(Math.round(value * 10) / 10)
}

/** "2 independent sources, 1 contradicting source": what a reader weighs an event by. */
export function sourceCounts(entry: DossierEvent, labels: DossierLabels): string {
  const parts = [labels.supporting(entry.supporting)]
  if (entry.contradicting > 0) parts.push(labels.contradicting(entry.contradicting))
  return parts.join(', ')
}

/** Text width cannot be measured without a DOM; this estimate only keeps labels inside the frame. */
function estimateWidth(text: string, size: number): number {
  return text.length * size * 0.56
}

/** `text`, cut at a word with "…" when its estimated width (bold: wider) exceeds `max`. */
function fitText(text: string, size: number, max: number, bold = false): string {
  const perChar = size * (bold ? 0.62 : 0.56)
  if (text.length * perChar <= max) return text
  const room = Math.max(1, Math.floor(max / perChar) - 1)
  const cut = text.slice(0, room)
  const space = cut.lastIndexOf(' ')
  return `${(space > room * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`
}

function utcParts(ms: number): { year: number; month: number; day: number } {
  const date = new Date(ms)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() }
}

function utc(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to the 1900s.
  const date = new Date(0)
  date.setUTCFullYear(year, month, day)
  return date.getTime()
}

/** Tick marks on calendar boundaries (years, months or days), about a dozen at most. */
function axisTicks(from: number, to: number, lang: string): { at: number; label: string }[] {
  const span = to - from
  const first = utcParts(from)
  const ticks: { at: number; label: string }[] = []
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })
  if (span > 3 * 365 * DAY) {
    const years = span / (365.25 * DAY)
    const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((s) => years / s <= 12) ?? 1000
    const yearLabel = format({ year: 'numeric' })
    for (let year = Math.ceil(first.year / step) * step; ; year += step) {
      const at = utc(year, 0, 1)
      if (at > to) break
      if (at >= from) ticks.push({ at, label: yearLabel.format(at) })
    }
  } else if (span > 62 * DAY) {
    const months = span / (30.44 * DAY)
    const step = [1, 2, 3, 6, 12].find((s) => months / s <= 12) ?? 12
    const withYear = format({ month: 'short', year: 'numeric' })
    const monthOnly = format({ month: 'short' })
    let index = first.year * 12 + first.month
    index = Math.ceil(index / step) * step
    for (; ; index += step) {
      const at = utc(Math.floor(index / 12), index % 12, 1)
      if (at > to) break
      if (at < from) continue
      // The year once at the start and at each January, so that no tick is ambiguous.
      const label = ticks.length === 0 || index % 12 === 0 ? withYear : monthOnly
      ticks.push({ at, label: label.format(at) })
    }
  } else {
    const days = span / DAY
    const step = [1, 2, 7, 14].find((s) => days / s <= 12) ?? 14
    const dayLabel = format({ day: 'numeric', month: 'short' })
    for (let at = utc(first.year, first.month, first.day + 1); at <= to; at += step * DAY) {
      ticks.push({ at, label: dayLabel.format(at) })
    }
  }
  return ticks
}

/** One figure of a timeline cut to fit pages: its SVG and which events it shows (1-based). */
export interface TimelinePart {
  svg: string
  from: number
  to: number
  total: number
}

/**
 * Tallest part, in the figure's units: scaled to the text column (A4: 174 mm for 760 units,
 * Letter: 180 mm), 840 units take at most 199 mm of the page, which leaves room for the section's
 * heading and the caption on a Letter page (240 mm of text). 15 dated events per part.
 */
export const TIMELINE_PART_HEIGHT = 840

/** Room a part takes above and below its rows: margins, the axis and its tick labels. */
const AXIS_BLOCK = 6 + 18 + LINE + 4
const DATED_OVERHEAD = MARGIN + AXIS_BLOCK + MARGIN

/** The figure for `doc.events`, as one SVG (see `renderTimelineParts`). */
export function renderTimelineSvg(
  doc: DossierDocument,
  labels: DossierLabels,
  options: TimelineSvgOptions = {}
): string {
  return renderTimelineParts(doc, labels, { ...options, maxHeight: Infinity })[0]!.svg
}

/**
 * The figure for `doc.events`: one row per dated event, in date order, its bar spanning the whole
 * interval its date stands for (a day is at least a thin visible mark); approximate dates get a
 * dashed outline and a lighter fill; undated events are listed as text under the axis.
 *
 * A printed page cannot hold a figure taller than itself: Chromium slices it across pages, through
 * rows of text, after leaving the heading alone on a blank page. So the figure comes in parts of
 * at most `maxHeight` units, balanced, each with the same axis (the same dates at the same place),
 * undated events after the dated ones.
 */
export function renderTimelineParts(
  doc: DossierDocument,
  labels: DossierLabels,
  options: TimelineSvgOptions & { maxHeight?: number } = {}
): TimelinePart[] {
  const maxHeight = options.maxHeight ?? TIMELINE_PART_HEIGHT
  const placed: Placed[] = []
  const undated: DossierEvent[] = []
  for (const entry of doc.events) {
    const date = entry.event.date
    const interval = date ? eventInterval(date) : null
    if (!interval || interval[1] <= interval[0]) undated.push(entry)
    else placed.push({ entry, start: interval[0], end: interval[1] })
  }

  let from = Math.min(...placed.map((p) => p.start))
  let to = Math.max(...placed.map((p) => p.end))
  if (placed.length > 0) {
    // A figure of one day would stretch it across the page; a week at least keeps scale honest.
    if (to - from < 7 * DAY) {
      const middle = (from + to) / 2
      from = middle - 3.5 * DAY
      to = middle + 3.5 * DAY
    }
    const pad = (to - from) * 0.03
    from -= pad
    to += pad
  }
  const inner = WIDTH - 2 * MARGIN
  const x = (ms: number) => MARGIN + ((ms - from) / (to - from)) * inner
  const ticks = placed.length > 0 ? axisTicks(from, to, labels.lang) : []

  // Dated rows in balanced runs; undated lines after them, in the last run while it has room.
  const perPart = Math.max(1, Math.floor((maxHeight - DATED_OVERHEAD) / ROW))
  const datedParts = placed.length > 0 ? Math.max(1, Math.ceil(placed.length / perPart)) : 0
  const runs: { dated: Placed[]; undated: DossierEvent[] }[] = []
  for (let part = 0, start = 0; part < datedParts; part += 1) {
    const size = Math.ceil((placed.length - start) / (datedParts - part))
    runs.push({ dated: placed.slice(start, start + size), undated: [] })
    start += size
  }
  // As `renderPart` lays them out: rows and axis (or the undated heading alone), undated lines.
  const heightOf = (dated: number, undatedLines: number): number =>
    (dated > 0 ? MARGIN + dated * ROW + AXIS_BLOCK : MARGIN + TITLE_SIZE) +
    undatedLines * LINE +
    MARGIN
  for (const entry of undated) {
    let run = runs.at(-1)
    if (!run || heightOf(run.dated.length, run.undated.length + 1) > maxHeight) {
      run = { dated: [], undated: [] }
      runs.push(run)
    }
    run.undated.push(entry)
  }
  if (runs.length === 0) runs.push({ dated: [], undated: [] })

  const total = doc.events.length
  let shown = 0
  return runs.map((run, index) => {
    const first = shown + 1
    shown += run.dated.length + run.undated.length
    const svg = renderPart(run, {
      labels,
      x,
      ticks,
      standalone: options.standalone === true,
      id: runs.length > 1 ? `-${index + 1}` : '',
      title:
        runs.length > 1
          ? `${labels.timelineFigure} (${labels.timelinePart(first, shown, total)})`
          : labels.timelineFigure
    })
    return { svg, from: first, to: shown, total }
  })
}

function renderPart(
  run: { dated: Placed[]; undated: DossierEvent[] },
  context: {
    labels: DossierLabels
    x: (ms: number) => number
    ticks: { at: number; label: string }[]
    standalone: boolean
    /** Suffix of the title's and description's ids, unique per part in one page. */
    id: string
    title: string
  }
): string {
  const { labels, x, ticks } = context
  const placed = run.dated
  const parts: string[] = []
  const rowsTop = MARGIN
  const axisY = rowsTop + placed.length * ROW + 6

  if (placed.length > 0) {
    for (const tick of ticks) {
      const tx = num(x(tick.at))
      parts.push(
        `<line x1="${tx}" y1="${rowsTop}" x2="${tx}" y2="${axisY + 5}" stroke="#d9d9d9" stroke-width="1"/>`,
        `<text x="${tx}" y="${axisY + 18}" font-size="${DETAIL_SIZE}" fill="#555" text-anchor="middle">${escapeMarkup(tick.label)}</text>`
      )
    }
    parts.push(
      `<line x1="${MARGIN}" y1="${axisY}" x2="${WIDTH - MARGIN}" y2="${axisY}" stroke="#333" stroke-width="1"/>`
    )
  }

  placed.forEach((item, index) => {
    const { entry } = item
    const date = entry.event.date!
    const top = rowsTop + index * ROW
    const barY = top + ROW - BAR - 8
    const x0 = x(item.start)
    const width = Math.max(x(item.end) - x0, 3)
    const dateText = labels.formatEventDate(date)
    const detail = `${dateText} · ${sourceCounts(entry, labels)}`
    // Long titles are cut to the frame; the full title stays in the tooltip and the description.
    const title = fitText(entry.event.title, TITLE_SIZE, WIDTH - 2 * MARGIN, true)
    const textWidth = Math.max(
      estimateWidth(title, TITLE_SIZE) * 1.11,
      estimateWidth(detail, DETAIL_SIZE)
    )
    // Labels read from the bar's start, or end at its end when the bar sits in the right half.
    let anchor = 'start'
    let tx = x0
    if (x0 > WIDTH / 2) {
      anchor = 'end'
      tx = Math.max(x0 + width, Math.min(WIDTH - MARGIN, MARGIN + textWidth))
    } else if (tx + textWidth > WIDTH - MARGIN) {
      tx = Math.max(MARGIN, WIDTH - MARGIN - textWidth)
    }
    const dashed = date.approximate ? ' stroke-dasharray="4 3"' : ''
    const fill = date.approximate ? '#9ecae1' : '#2b6cb0'
    parts.push(
      `<g class="event" data-event-id="${escapeMarkup(entry.event.id)}">`,
      `<title>${escapeMarkup(`${entry.event.title} — ${detail}`)}</title>`,
      `<rect class="event-bar" data-precision="${date.precision}"${date.end ? ' data-range="true"' : ''}${date.approximate ? ' data-approximate="true"' : ''} x="${num(x0)}" y="${num(barY)}" width="${num(width)}" height="${BAR}" rx="2" fill="${fill}" stroke="#1a4a80" stroke-width="1"${dashed}/>`,
      `<text x="${num(tx)}" y="${num(top + TITLE_SIZE)}" font-size="${TITLE_SIZE}" font-weight="600" fill="#111" text-anchor="${anchor}">${escapeMarkup(title)}</text>`,
      `<text x="${num(tx)}" y="${num(top + TITLE_SIZE + 13)}" font-size="${DETAIL_SIZE}" fill="#444" text-anchor="${anchor}">${escapeMarkup(detail)}</text>`,
      `</g>`
    )
  })

  const undated = run.undated
  let y = placed.length > 0 ? axisY + 18 + LINE + 4 : MARGIN + TITLE_SIZE
  if (undated.length > 0) {
    parts.push(
      `<text class="undated-heading" x="${MARGIN}" y="${y}" font-size="${TITLE_SIZE}" font-weight="600" fill="#111">${escapeMarkup(labels.undated)}</text>`
    )
    for (const entry of undated) {
      y += LINE
      parts.push(
        `<text class="undated-event" data-event-id="${escapeMarkup(entry.event.id)}" x="${MARGIN + 8}" y="${y}" font-size="${DETAIL_SIZE + 1}" fill="#333">• ${escapeMarkup(fitText(`${entry.event.title} · ${sourceCounts(entry, labels)}`, DETAIL_SIZE + 1, WIDTH - 2 * MARGIN - 20))}</text>`
      )
    }
  }
  const height = Math.ceil(y + MARGIN)

  // role="img" hides the parts from assistive technology, so the description says it all in words.
  const description = [...placed.map((item) => item.entry), ...undated]
    .map((entry) => {
      const when = entry.event.date ? labels.formatEventDate(entry.event.date) : labels.undated
      return `${entry.event.title} (${when}; ${sourceCounts(entry, labels)})`
    })
    .join('; ')
  const xmlns = context.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : ''
  const title = `timeline-title${context.id}`
  const desc = `timeline-desc${context.id}`
  return (
    `<svg${xmlns} class="timeline-svg" role="img" aria-labelledby="${title} ${desc}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="${escapeMarkup(FONT)}">` +
    `<title id="${title}">${escapeMarkup(context.title)}</title>` +
    `<desc id="${desc}">${escapeMarkup(description)}</desc>` +
    parts.join('') +
    `</svg>`
  )
}
