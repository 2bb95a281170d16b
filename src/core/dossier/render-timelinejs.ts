// The dossier's events as TimelineJS3 JSON (Knight Lab), for a timeline on a web page: one slide
// per dated event, dates at their precision, the corroboration count in the slide's text.
import { compareEventDates } from '../timeline/event-dates'
import type { EventDate } from '../timeline/types'
import type { DossierDocument, DossierLabels } from './types'

/** A TimelineJS date: only the parts the event's precision knows (no day on a month). */
export interface TimelineJsDate {
  year: number
  month?: number
  day?: number
  hour?: number
  minute?: number
}

/** TimelineJS renders `headline` and `text` as HTML: every user string in them is escaped. */
export interface TimelineJsText {
  headline: string
  text: string
}

export interface TimelineJsEvent {
  start_date: TimelineJsDate
  end_date?: TimelineJsDate
  display_date: string
  text: TimelineJsText
  group: string
  unique_id: string
}

export interface TimelineJsDocument {
  title: { text: TimelineJsText }
  events: TimelineJsEvent[]
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Escaped, with line breaks kept as `<br>` (the only markup we add). */
function escapeLines(text: string): string {
  return escapeHtml(text.trim()).replace(/\r?\n/g, '<br>')
}

function timelineDate(value: string, time: string | undefined): TimelineJsDate | null {
  const [year, month, day] = value.split('-').map(Number)
  if (year === undefined || !Number.isInteger(year)) return null
  const date: TimelineJsDate = { year }
  if (month !== undefined && Number.isInteger(month)) date.month = month
  if (date.month !== undefined && day !== undefined && Number.isInteger(day)) date.day = day
  // A time exists only with day precision (EventDate's rule); keep it only when it parses.
  const clock = date.day !== undefined && time ? /^(\d{1,2}):(\d{2})$/.exec(time) : null
  if (clock) {
    date.hour = Number(clock[1])
    date.minute = Number(clock[2])
  }
  return date
}

function eventDates(date: EventDate): Pick<TimelineJsEvent, 'start_date' | 'end_date'> | null {
  const start = timelineDate(date.start, date.end ? undefined : date.time)
  if (!start) return null
  const end = date.end ? timelineDate(date.end, undefined) : null
  return end ? { start_date: start, end_date: end } : { start_date: start }
}

/**
 * TimelineJS3 JSON of the dossier's events, by date. Undated events are left out: TimelineJS
 * requires a `start_date` on every slide and would refuse the whole file otherwise (the dossier's
 * other formats list them apart).
 */
export function renderTimelineJs(doc: DossierDocument, labels: DossierLabels): TimelineJsDocument {
  const events: TimelineJsEvent[] = []
  const dated = doc.events
    .filter((entry) => entry.event.date !== null)
    .sort(
      (a, b) =>
        compareEventDates(a.event.date, b.event.date) || a.event.title.localeCompare(b.event.title)
    )
  for (const entry of dated) {
    const { event } = entry
    const dates = eventDates(event.date!)
    if (!dates) continue
    const lines = [escapeLines(event.description), escapeHtml(labels.supporting(entry.supporting))]
    if (entry.contradicting > 0) lines.push(escapeHtml(labels.contradicting(entry.contradicting)))
    events.push({
      ...dates,
      display_date: escapeHtml(labels.formatEventDate(event.date)),
      text: { headline: escapeHtml(event.title), text: lines.filter(Boolean).join('<br>') },
      group: labels.statuses[event.status],
      unique_id: event.id
    })
  }
  return {
    title: {
      text: {
        headline: escapeHtml(doc.dossier.title),
        text: escapeLines(doc.dossier.subtitle)
      }
    },
    events
  }
}

export function renderTimelineJsJson(doc: DossierDocument, labels: DossierLabels): string {
  return JSON.stringify(renderTimelineJs(doc, labels), null, 2) + '\n'
}
