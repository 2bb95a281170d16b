// A document in conflict as the Conflicts view shows it: what it is, what it is called, its
// versions (the winner first), the fields they disagree on, and who made each where the record
// says so.
import { splitDocId, type DocBody, type SyncedTable } from './documents'

export interface ConflictVersion {
  rev: string
  /** Null for a deletion. */
  body: DocBody | null
}

export interface ConflictSummary {
  id: string
  table: SyncedTable | null
  label: string
  /** The winner first, then the other live leaves, then the deletions made against it. */
  versions: ConflictVersion[]
  /** Fields whose values differ between versions, in the order first met. */
  differing: string[]
}

/** Fields not compared: the same in every version by construction, or shown apart (when, who). */
const NOT_COMPARED = new Set(['type', 'id', 'createdAt', 'updatedAt', 'createdBy', 'changedBy'])

/** What a record is called, from its title, name or quote; else its key. */
export function labelOf(body: DocBody | null | undefined, id: string): string {
  const fields = (body ?? {}) as Record<string, unknown>
  const quote = (fields.quote as { exact?: unknown } | undefined)?.exact
  const name = fields.title ?? fields.name ?? quote ?? splitDocId(id)?.key ?? id
  return String(name)
}

export function summarizeConflict(meta: {
  id: string
  winner: string
  conflicts: readonly string[]
  deletions?: readonly string[]
  bodies: Readonly<Record<string, DocBody | null>>
}): ConflictSummary {
  const versions = [meta.winner, ...meta.conflicts, ...(meta.deletions ?? [])].map((rev) => ({
    rev,
    body: meta.bodies[rev] ?? null
  }))
  const fields = new Set<string>()
  for (const { body } of versions) for (const field of Object.keys(body ?? {})) fields.add(field)
  const differing = [...fields].filter(
    (field) =>
      !NOT_COMPARED.has(field) &&
      new Set(versions.map(({ body }) => JSON.stringify(body?.[field] ?? null))).size > 1
  )
  return {
    id: meta.id,
    table: splitDocId(meta.id)?.table ?? null,
    label: labelOf(meta.bodies[meta.winner], meta.id),
    versions,
    differing
  }
}

/**
 * Who made a version, where the record says: whoever last changed it (`changedBy`, on any record
 * written since it exists), else an annotation's, event's or dossier's author (its creator). An
 * article's `author` is its byline, not who edited it: an article names its editor only through
 * `changedBy`, and texts name no one.
 */
export function versionAuthor(body: DocBody | null): string {
  if (!body || body.type === 'text') return ''
  if (typeof body.changedBy === 'string' && body.changedBy !== '') return body.changedBy
  if (body.type === 'article') return ''
  return typeof body.author === 'string' ? body.author : ''
}

/** When a version was made (its `updatedAt`), if it says. */
export function versionTime(body: DocBody | null): Date | null {
  const stamp = body?.updatedAt
  if (typeof stamp !== 'string') return null
  const date = new Date(stamp)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * A version chosen field by field: the winner (the first version), each field in `picks` taken
 * from the version chosen for it (its index in `versions`; a field that version lacks is left
 * out). A deletion offers no field. Null when the winner is a deletion.
 */
export function composeVersion(
  versions: readonly ConflictVersion[],
  picks: Readonly<Record<string, number>>
): DocBody | null {
  const winner = versions[0]?.body
  if (!winner) return null
  const body: Record<string, unknown> = { ...winner }
  for (const [field, index] of Object.entries(picks)) {
    const from = versions[index]?.body
    if (!from) continue
    if (field in from) body[field] = from[field]
    else delete body[field]
  }
  return body as DocBody
}
