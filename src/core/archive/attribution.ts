// Who did what: the name of whoever created a record and of whoever last changed it by hand, on
// every record a user makes (articles, passages, tags, events, links, dossiers).
//
// The name is the team server's user when team sync is configured (teammates see each other by
// the account they sync with), else the author name set in Settings, else none. Absent fields
// mean "not known" (records written before, or by someone who set no name): the key is then left
// out rather than written empty, so that a record without them round-trips unchanged.
//
// `changedBy` goes with `updatedAt`: it is stamped where a person's action stamps `updatedAt`,
// never by automatic writes that every replica makes the same way (anchors resolved again after a
// text changed, the fold of merged tags, repeat index, migrations). Replicas making the same
// automatic write must make the same revision (its id hashes the parent and the body), so that
// body must not depend on who ran it; it would otherwise raise a conflict between teammates.

/** The attribution fields a record may carry. */
export interface Attribution {
  /** Who created the record (absent when unknown). */
  createdBy?: string
  /** Who last changed it by hand (absent when unknown). */
  changedBy?: string
}

/** The longest name kept: enough for any account or author name, not a place to store data. */
export const MAX_ATTRIBUTION_LENGTH = 200

/** The name stamped on what the user writes: the sync account, else the author name, else ''. */
export function whoAmI(authorName: string, syncUser: string): string {
  const name = syncUser.trim() || authorName.trim()
  return name.slice(0, MAX_ATTRIBUTION_LENGTH)
}

/** The fields of a new record made by `who` (none when the name is unknown). */
export function createdBy(who: string): Attribution {
  return who ? { createdBy: who, changedBy: who } : {}
}

/**
 * The record as changed by `who`: `changedBy` set to them, or removed when they are unknown (the
 * previous editor's name would then claim a change they did not make).
 */
export function changedBy<T extends Attribution>(record: T, who: string): T {
  if (who) return { ...record, changedBy: who }
  if (!('changedBy' in record)) return record
  const { changedBy: _previous, ...rest } = record
  void _previous
  return rest as T
}

/** A record's attribution as the UI shows it: only the parts that are known. */
export interface AttributionLine {
  createdBy: string | null
  createdAt: string | null
  changedBy: string | null
  changedAt: string | null
}

/**
 * What to say about who made a record: its creator (or, for records written before, its
 * `author`, which was the creator's name) with the creation date, and its last editor with the
 * date of the change when someone changed it after creating it.
 */
export function attributionOf(
  record: Attribution & { createdAt: string; updatedAt: string; author?: string }
): AttributionLine {
  const creator = record.createdBy ?? (record.author?.trim() || null)
  const changed = record.updatedAt !== record.createdAt
  return {
    createdBy: creator,
    createdAt: record.createdAt || null,
    changedBy: changed ? (record.changedBy ?? null) : null,
    changedAt: changed ? record.updatedAt : null
  }
}
