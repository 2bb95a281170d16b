// Events (what happened, when, where, who), the links from passages to them, and the dates of
// events with their precision: the vocabulary of the timeline and of corroboration.
import type { Attribution } from '../archive/attribution'

export type EventStatus = 'confirmed' | 'disputed' | 'unverified'

export type EventPrecision = 'year' | 'month' | 'day'

/**
 * When an event happened, as precisely as known and no more: a month-precision event is a
 * month, not its first day. `end` makes a range (same precision). `approximate` marks "around".
 */
export interface EventDate {
  /** ISO 8601 at its precision: `2016`, `2016-10` or `2016-10-21`. */
  start: string
  /** Inclusive end of a range, at the same precision as start; absent for a single date. */
  end?: string
  precision: EventPrecision
  approximate: boolean
  /** Local time `HH:MM`, only with day precision. */
  time?: string
  /** IANA time zone of `time` (`Europe/Paris`); absent means unknown. */
  timeZone?: string
}

export interface TimelineEvent extends Attribution {
  id: string
  createdAt: string
  updatedAt: string
  author: string
  title: string
  /** null for an event whose date is unknown: listed apart, never placed on the axis. */
  date: EventDate | null
  place: string
  participants: string[]
  description: string
  status: EventStatus
}

/** How a passage bears on an event. */
export type LinkRole = 'reports' | 'contradicts' | 'mentions'

/**
 * The id of the link from a passage to an event: made of both, so that two members linking the
 * same passage to the same event on two machines make one link (their roles, if they differ, a
 * conflict to resolve) rather than two.
 */
export function linkIdOf(eventId: string, passageId: string): string {
  return `${eventId}~${passageId}`
}

export interface EventLink extends Attribution {
  id: string
  createdAt: string
  updatedAt: string
  author: string
  eventId: string
  passageId: string
  role: LinkRole
  note: string
}
