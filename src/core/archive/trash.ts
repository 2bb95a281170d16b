// The trash: what one delete removed (an article with its text, passages and their links; a tag
// with what it patched on passages; …), kept whole for a while so that it can be put back.
import type { Article, ArticleText } from './article'
import type { Passage, Tag } from './passage'
import type { Dossier } from '../dossier/types'
import type { EventLink, TimelineEvent } from '../timeline/types'

export type TrashKind = 'article' | 'passage' | 'tag' | 'event' | 'dossier'

export const DEFAULT_TRASH_RETENTION_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

/** What a delete of a tag changed on records that stayed: restored by patching, not replacing. */
export interface TrashPatches {
  /** Passages that lost tag ids: their tag ids before the delete. */
  passageTagIds: { passageId: string; tagIds: string[] }[]
  /** Sub-tags moved up a level: their parent before the delete. */
  tagParents: { tagId: string; parentId: string | null }[]
}

/** Records removed from the archive's tables by one delete. Every list may be empty. */
export interface TrashRecords {
  articles: Article[]
  articleTexts: ArticleText[]
  passages: Passage[]
  tags: Tag[]
  events: TimelineEvent[]
  links: EventLink[]
  dossiers: Dossier[]
}

export interface TrashEntry {
  id: string
  kind: TrashKind
  /** The title or name of what the user deleted, as it was then. */
  label: string
  /** ISO date of the delete. */
  deletedAt: string
  records: TrashRecords
  patches: TrashPatches
}

export function emptyRecords(): TrashRecords {
  return {
    articles: [],
    articleTexts: [],
    passages: [],
    tags: [],
    events: [],
    links: [],
    dossiers: []
  }
}

export function emptyPatches(): TrashPatches {
  return { passageTagIds: [], tagParents: [] }
}

/** Counts of what hangs on an entry besides its main record, for "3 passages, 2 links". */
export interface TrashSummary {
  passages: number
  links: number
  tags: number
  taggedPassages: number
}

export function summarize(entry: TrashEntry): TrashSummary {
  return {
    passages: entry.records.passages.length,
    links: entry.records.links.length,
    // The deleted tag itself is the entry; only other tags count (none today: children move up,
    // and the redirects of tags once merged into it, kept with it, are no tags to the user).
    tags: Math.max(
      0,
      entry.records.tags.filter((tag) => tag.mergedInto === undefined).length -
        (entry.kind === 'tag' ? 1 : 0)
    ),
    taggedPassages: entry.patches.passageTagIds.length
  }
}

/** Whole days left before the entry is purged (0 when due), rounded up as people count them. */
export function daysLeft(entry: Pick<TrashEntry, 'deletedAt'>, now: Date, retentionDays: number) {
  const due = Date.parse(entry.deletedAt) + retentionDays * DAY_MS
  return Math.max(0, Math.ceil((due - now.getTime()) / DAY_MS))
}

/** The oldest `deletedAt` an entry may have and still be kept. */
export function retentionCutoff(now: Date, retentionDays: number): string {
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString()
}

/** A retention is a whole number of days, 1 to 3650; anything else is refused. */
export function isValidRetention(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= 3650
}

/**
 * A delete removes "most of the archive" when it takes half the articles or more of an archive
 * larger than `threshold` articles: then the user types a word before the delete is enabled.
 */
export const TYPED_CONFIRMATION_THRESHOLD = 20
export function needsTypedConfirmation(deleting: number, total: number): boolean {
  return total > TYPED_CONFIRMATION_THRESHOLD && deleting * 2 >= total
}

/** What the tables hold now, as far as restoring needs to know. */
export interface Present {
  articles: ReadonlySet<string>
  passages: ReadonlySet<string>
  events: ReadonlySet<string>
  tags: ReadonlySet<string>
}

/** A record an entry could not put back, because something it hangs on is gone. */
export interface Dropped {
  passages: Passage[]
  links: EventLink[]
}

export interface RestorePlan {
  /** Records to write back as they are. */
  records: TrashRecords
  /** Records whose end is missing from the tables: handed on to the entry holding that end, or dropped. */
  dropped: Dropped
}

/**
 * Splits an entry's records into those that can go back (each passage's article and each link's
 * passage and event exist, or come back with the entry) and those that cannot.
 */
export function planRestore(entry: TrashEntry, present: Present): RestorePlan {
  const { records } = entry
  const articles = new Set([...present.articles, ...records.articles.map((a) => a.id)])
  const passages: Passage[] = []
  const droppedPassages: Passage[] = []
  for (const passage of records.passages)
    (articles.has(passage.articleId) ? passages : droppedPassages).push(passage)
  const passageIds = new Set([...present.passages, ...passages.map((p) => p.id)])
  const eventIds = new Set([...present.events, ...records.events.map((e) => e.id)])
  const links: EventLink[] = []
  const droppedLinks: EventLink[] = []
  for (const link of records.links)
    (passageIds.has(link.passageId) && eventIds.has(link.eventId) ? links : droppedLinks).push(link)
  return {
    records: { ...records, passages, links },
    dropped: { passages: droppedPassages, links: droppedLinks }
  }
}

/**
 * Tag ids a passage carries once a deleted tag comes back: the ones it had before the delete
 * (those that still exist), then any it gained since.
 */
export function patchedTagIds(
  current: readonly string[],
  before: readonly string[],
  existingTags: ReadonlySet<string>
): string[] {
  const result = before.filter((id) => existingTags.has(id))
  for (const id of current) if (!result.includes(id)) result.push(id)
  return result
}

/** The entry that holds a record with this id in one of its lists, if any (not `except`). */
export function entryHolding(
  entries: readonly TrashEntry[],
  list: 'articles' | 'passages' | 'events',
  id: string,
  except: string
): TrashEntry | undefined {
  return entries.find((e) => e.id !== except && e.records[list].some((record) => record.id === id))
}
