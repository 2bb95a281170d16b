// Three-way merges of a record two replicas changed apart, from the revision they last shared:
// where only one side changed a field, the fields merge; a passage's tags merge as sets; the same
// field changed on both sides differently is a conflict the user sees. Texts never merge (the
// passages follow through their quote selectors instead), nor do trash entries.
//
// The merge is a pure function of (base, winner, loser), with the winner by CouchDB's rule: every
// replica that meets the same conflict makes the same merged body, hence the same revision (its
// hash is of parent and body), and their merges do not conflict again.
import { canonicalJson, type DocBody } from './documents'

export type MergeResult = { ok: true; body: DocBody } | { ok: false; fields: string[] }

/** Document types whose records never merge field by field. */
const WHOLE = new Set(['text', 'trash'])

/**
 * Fields that only make sense together: a passage's anchoring (the quote, its position and the
 * anchor found for it), an article's text fingerprint (hash, length, paragraphs). A group merges
 * as one field.
 */
const GROUPS: Record<string, string[][]> = {
  passage: [['quote', 'position', 'anchor']],
  article: [['sha256', 'textLength', 'paragraphCount']]
}

/**
 * When and by whom the record last changed: both sides change them with any edit, so they never
 * conflict; they come together from the later edit (the greater JSON on a tie, so that every
 * replica picks the same).
 */
const LATEST = ['updatedAt', 'changedBy']

/** Fields whose values are sets: both sides' additions kept, both sides' removals applied. */
const SETS: Record<string, Set<string>> = {
  passage: new Set(['tagIds'])
}

const ABSENT = '\u0000absent'

function valueKey(body: DocBody, fields: readonly string[]): string {
  return fields.map((field) => (field in body ? canonicalJson(body[field]) : ABSENT)).join('\u0001')
}

/** A set field merged: what base had, less what either side removed, plus what either added. */
function mergeSet(base: unknown, ours: unknown, theirs: unknown): unknown[] {
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
  const key = (item: unknown): string => canonicalJson(item)
  const had = new Set(list(base).map(key))
  const mine = new Set(list(ours).map(key))
  const yours = new Set(list(theirs).map(key))
  const result: unknown[] = []
  const seen = new Set<string>()
  for (const item of [...list(ours), ...list(theirs)]) {
    const k = key(item)
    if (seen.has(k)) continue
    const removed = had.has(k) && (!mine.has(k) || !yours.has(k))
    if (removed) continue
    seen.add(k)
    result.push(item)
  }
  return result
}

/** The side edited last, by `updatedAt`; on a tie the one with the greater JSON. */
function later(ours: DocBody, theirs: DocBody): DocBody {
  const a = String(ours.updatedAt ?? '')
  const b = String(theirs.updatedAt ?? '')
  if (a !== b) return a > b ? ours : theirs
  return canonicalJson(ours) >= canonicalJson(theirs) ? ours : theirs
}

/**
 * Merges `ours` (the winning revision) and `theirs` (a losing one) from `base`, the revision both
 * come from. `updatedAt` and `changedBy` come from the later edit. Fails with the fields changed
 * differently on both sides.
 */
export function mergeThreeWay(base: DocBody, ours: DocBody, theirs: DocBody): MergeResult {
  const type = ours.type
  if (theirs.type !== type || base.type !== type) return { ok: false, fields: ['type'] }
  if (WHOLE.has(type))
    return canonicalJson(ours) === canonicalJson(theirs)
      ? { ok: true, body: ours }
      : { ok: false, fields: type === 'text' ? ['text'] : ['records'] }
  const groups = [...(GROUPS[type] ?? []), LATEST]
  const grouped = new Set(groups.flat())
  const names = new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)])
  const units: string[][] = [
    ...groups.filter((group) => group.some((field) => names.has(field))),
    ...[...names].filter((field) => !grouped.has(field)).map((field) => [field])
  ]
  const merged: Record<string, unknown> = {}
  const clashes: string[] = []
  const take = (from: DocBody, fields: readonly string[]): void => {
    for (const field of fields) if (field in from) merged[field] = from[field]
  }
  for (const unit of units) {
    const [first] = unit as [string]
    const b = valueKey(base, unit)
    const o = valueKey(ours, unit)
    const t = valueKey(theirs, unit)
    if (o === t || t === b) take(ours, unit)
    else if (o === b) take(theirs, unit)
    else if (unit === LATEST) take(later(ours, theirs), unit)
    else if (unit.length === 1 && SETS[type]?.has(first))
      merged[first] = mergeSet(base[first], ours[first], theirs[first])
    else clashes.push(...unit)
  }
  if (clashes.length > 0) return { ok: false, fields: clashes }
  return { ok: true, body: merged as DocBody }
}
