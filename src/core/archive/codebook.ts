// The codebook's rules as pure functions over Tag[] and Passage[]: tree, paths, validation, and the
// plans for merge and delete, so that the repository only applies them and Node tests cover them.
import { foldForSearch } from './library-view'
import type { Passage, Tag } from './passage'
import { liveTags, resolveTagIds, tagRedirects } from './tag-redirects'

/** Why a codebook change was refused; the UI translates the code (`codebook.error.<code>`). */
export type CodebookErrorCode =
  | 'empty'
  | 'duplicate'
  | 'notFound'
  | 'cycle'
  | 'mergeIntoSelf'
  | 'mergeIntoDescendant'
  | 'invalidColor'

export class CodebookError extends Error {
  override readonly name = 'CodebookError'
  constructor(
    readonly code: CodebookErrorCode,
    /** A technical detail for the log (an id, a name), never the message shown. */
    readonly detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

export interface TagNode {
  tag: Tag
  /** 0 at the top of the codebook. */
  depth: number
  children: TagNode[]
}

// Base sensitivity sorts "Élections" with "Elections", not after "Z"; numeric puts "2" before "10".
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
// Breaks ties between names that differ only by case or accents, so that the order is stable.
const tieBreaker = new Intl.Collator(undefined, { sensitivity: 'variant', numeric: true })

function compareTags(a: Tag, b: Tag): number {
  return (
    collator.compare(a.name, b.name) || tieBreaker.compare(a.name, b.name) || (a.id < b.id ? -1 : 1)
  )
}

/** The key two sibling names must not share: trimmed, spaces folded, case and accents ignored. */
export function tagNameKey(name: string): string {
  return foldForSearch(name.trim().replace(/\s+/g, ' '))
}

function byId(tags: readonly Tag[]): Map<string, Tag> {
  return new Map(tags.map((tag) => [tag.id, tag]))
}

function childrenByParent(tags: readonly Tag[]): Map<string | null, Tag[]> {
  const ids = byId(tags)
  const map = new Map<string | null, Tag[]>()
  for (const tag of tags) {
    // A parent missing from the list (a half-merged bundle) puts the tag at the top, never loses it.
    const parent = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null
    const siblings = map.get(parent)
    if (siblings) siblings.push(tag)
    else map.set(parent, [tag])
  }
  return map
}

/** The codebook as a tree, each level sorted by name. Every tag appears exactly once. */
export function buildTagTree(tags: readonly Tag[]): TagNode[] {
  const children = childrenByParent(tags)
  const placed = new Set<string>()
  const build = (parent: string | null, depth: number): TagNode[] =>
    (children.get(parent) ?? [])
      .filter((tag) => !placed.has(tag.id))
      .sort(compareTags)
      .map((tag) => {
        placed.add(tag.id)
        return { tag, depth, children: build(tag.id, depth + 1) }
      })
  const roots = build(null, 0)
  // Tags caught in a parent cycle (only corrupt data can hold one) are shown at the top.
  const stranded = tags.filter((tag) => !placed.has(tag.id)).sort(compareTags)
  for (const tag of stranded) {
    if (placed.has(tag.id)) continue
    placed.add(tag.id)
    roots.push({ tag, depth: 0, children: build(tag.id, 1) })
  }
  return roots.sort((a, b) => compareTags(a.tag, b.tag))
}

/** The tree flattened in display order (depth-first), for lists and keyboard navigation. */
export function flattenTagTree(nodes: readonly TagNode[]): TagNode[] {
  return nodes.flatMap((node) => [node, ...flattenTagTree(node.children)])
}

/** What a codebook filter shows. */
export interface TagFilter {
  /** Tags whose name holds every word of the query. */
  matches: Set<string>
  /** The matches and their ancestors, so that each match stays in its branch. */
  visible: Set<string>
}

/**
 * The tags a codebook filter shows: those whose name holds every word of `query`, case and accents
 * ignored (folded as the library's filter folds), with their ancestors. Null for a blank query,
 * which filters nothing.
 */
export function filterTags(tags: readonly Tag[], query: string): TagFilter | null {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return null
  const ids = byId(tags)
  const matches = new Set<string>()
  const visible = new Set<string>()
  for (const tag of tags) {
    const name = foldForSearch(tag.name)
    if (!words.every((word) => name.includes(word))) continue
    matches.add(tag.id)
    visible.add(tag.id)
    for (const ancestor of ancestorsIn(ids, tag.id)) visible.add(ancestor)
  }
  return { matches, visible }
}

/** One line of the codebook list. */
export interface TagRow {
  node: TagNode
  /** Some of its children would show: the row gets a disclosure button. */
  hasChildren: boolean
  /** Its children show (false when it has none). */
  expanded: boolean
}

/**
 * The codebook's rows in display order: only the tags in `visible` (every tag when null), and
 * nothing below a tag in `collapsed`.
 */
export function visibleTagRows(
  nodes: readonly TagNode[],
  visible: ReadonlySet<string> | null,
  collapsed: ReadonlySet<string>
): TagRow[] {
  const rows: TagRow[] = []
  const walk = (level: readonly TagNode[]): void => {
    for (const node of level) {
      if (visible && !visible.has(node.tag.id)) continue
      const children = visible
        ? node.children.filter((child) => visible.has(child.tag.id))
        : node.children
      const hasChildren = children.length > 0
      const expanded = hasChildren && !collapsed.has(node.tag.id)
      rows.push({ node, hasChildren, expanded })
      if (expanded) walk(children)
    }
  }
  walk(nodes)
  return rows
}

function ancestorsIn(ids: ReadonlyMap<string, Tag>, id: string): string[] {
  const result: string[] = []
  const seen = new Set([id])
  let parent = ids.get(id)?.parentId ?? null
  while (parent !== null && ids.has(parent) && !seen.has(parent)) {
    result.push(parent)
    seen.add(parent)
    parent = ids.get(parent)?.parentId ?? null
  }
  return result
}

/** Ancestors of a tag, nearest first (the tag itself excluded); stops on a cycle. */
export function ancestorIds(tags: readonly Tag[], id: string): string[] {
  return ancestorsIn(byId(tags), id)
}

/** "Parent › Child" for a tag; an empty string for an unknown id. */
export function tagPath(tags: readonly Tag[], id: string): string {
  const ids = byId(tags)
  const tag = ids.get(id)
  if (!tag) return ''
  const names = ancestorsIn(ids, id)
    .reverse()
    .map((ancestor) => ids.get(ancestor)?.name ?? '')
  return [...names, tag.name].join(' › ')
}

/** The tag and everything below it, the tag first; empty for an unknown id. */
export function descendantIds(tags: readonly Tag[], id: string): string[] {
  if (!tags.some((tag) => tag.id === id)) return []
  const children = childrenByParent(tags)
  const result: string[] = []
  const seen = new Set<string>()
  const visit = (current: string): void => {
    if (seen.has(current)) return
    seen.add(current)
    result.push(current)
    for (const child of children.get(current) ?? []) visit(child.id)
  }
  visit(id)
  return result
}

/**
 * Whether `name` can be given to a tag under `parentId`: not blank, and no sibling already has it
 * up to case, accents and spacing ("Économie" = "economie"). `exceptId` is the tag being renamed.
 */
export function validateTagName(
  tags: readonly Tag[],
  name: string,
  parentId: string | null,
  exceptId?: string
): 'empty' | 'duplicate' | null {
  const key = tagNameKey(name)
  if (!key) return 'empty'
  const clash = tags.some(
    (tag) => tag.id !== exceptId && tag.parentId === parentId && tagNameKey(tag.name) === key
  )
  return clash ? 'duplicate' : null
}

/**
 * Whether tag `id` may be moved under `newParentId` (null: to the top). False when that would make
 * a cycle (under itself or one of its descendants) or when either tag does not exist.
 */
export function canMove(tags: readonly Tag[], id: string, newParentId: string | null): boolean {
  if (!tags.some((tag) => tag.id === id)) return false
  if (newParentId === null) return true
  if (!tags.some((tag) => tag.id === newParentId)) return false
  return !descendantIds(tags, id).includes(newParentId)
}

/** What a merge or a delete changes; the repository applies it in one transaction. */
export interface CodebookPlan {
  /** Tags that stay but change (a new parent), as they must be stored (`updatedAt` untouched). */
  updatedTags: Tag[]
  /** Tags that disappear. */
  removedTagIds: string[]
  /** Passages whose `tagIds` change, as they must be stored (`updatedAt` untouched). */
  updatedPassages: Passage[]
  /** Where each removed tag's passages went: the tag that absorbed it, or null when deleted. */
  replacedBy: Record<string, string | null>
}

/** A working copy of the codebook that merge and delete edit before producing their plan. */
class CodebookDraft {
  private readonly tags: Map<string, Tag>
  private readonly original: Map<string, Tag>
  private readonly redirect = new Map<string, string | null>()

  constructor(tags: readonly Tag[]) {
    this.original = byId(tags)
    this.tags = new Map(this.original)
  }

  get(id: string): Tag | undefined {
    return this.tags.get(id)
  }

  private children(parentId: string): Tag[] {
    return [...this.tags.values()].filter((tag) => tag.parentId === parentId).sort(compareTags)
  }

  private siblingNamed(
    parentId: string | null,
    name: string,
    exceptIds: string[]
  ): Tag | undefined {
    const key = tagNameKey(name)
    return [...this.tags.values()].find(
      (tag) =>
        tag.parentId === parentId && !exceptIds.includes(tag.id) && tagNameKey(tag.name) === key
    )
  }

  /**
   * Puts a child at its new place. If a tag of the same name already sits there, the child is
   * merged into it rather than left as a duplicate sibling: two "Chômage" under one parent would
   * break the codebook's one rule, and they are the same code to the researcher.
   */
  private place(child: Tag, parentId: string | null, leaving: string): void {
    const clash = this.siblingNamed(parentId, child.name, [child.id, leaving])
    if (clash) this.merge(child.id, clash.id)
    else this.tags.set(child.id, { ...child, parentId })
  }

  merge(sourceId: string, targetId: string): void {
    for (const child of this.children(sourceId)) this.place(child, targetId, sourceId)
    this.tags.delete(sourceId)
    this.redirect.set(sourceId, targetId)
  }

  delete(id: string): void {
    const parentId = this.tags.get(id)?.parentId ?? null
    for (const child of this.children(id)) this.place(child, parentId, id)
    this.tags.delete(id)
    this.redirect.set(id, null)
  }

  /** Follows merges through (a child merged into a tag that was itself merged later). */
  private finalId(id: string): string | null {
    let current: string | null = id
    const seen = new Set<string>()
    while (current !== null && this.redirect.has(current) && !seen.has(current)) {
      seen.add(current)
      current = this.redirect.get(current) ?? null
    }
    return current
  }

  plan(passages: readonly Passage[]): CodebookPlan {
    const updatedTags = [...this.tags.values()].filter((tag) => tag !== this.original.get(tag.id))
    const updatedPassages: Passage[] = []
    for (const passage of passages) {
      if (!passage.tagIds.some((id) => this.redirect.has(id))) continue
      const tagIds: string[] = []
      for (const id of passage.tagIds) {
        const next = this.finalId(id)
        if (next !== null && !tagIds.includes(next)) tagIds.push(next)
      }
      updatedPassages.push({ ...passage, tagIds })
    }
    const replacedBy: Record<string, string | null> = {}
    for (const id of this.redirect.keys()) replacedBy[id] = this.finalId(id)
    return { updatedTags, removedTagIds: [...this.redirect.keys()], updatedPassages, replacedBy }
  }
}

/**
 * Merging `sourceId` into `targetId`: the source's passages carry the target instead (once, even
 * when they carried both), its children move under the target, and the source disappears.
 * Refused into itself or into one of its own descendants (that would cut the branch loose).
 */
export function planMerge(
  tags: readonly Tag[],
  passages: readonly Passage[],
  sourceId: string,
  targetId: string
): CodebookPlan {
  const draft = new CodebookDraft(tags)
  if (!draft.get(sourceId)) throw new CodebookError('notFound', sourceId)
  if (!draft.get(targetId)) throw new CodebookError('notFound', targetId)
  if (sourceId === targetId) throw new CodebookError('mergeIntoSelf', sourceId)
  if (descendantIds(tags, sourceId).includes(targetId)) {
    throw new CodebookError('mergeIntoDescendant', targetId)
  }
  draft.merge(sourceId, targetId)
  return draft.plan(passages)
}

/**
 * Deleting a tag: passages lose that tag and keep their others; a passage left with no tag is
 * still kept (its quote and note are the researcher's work, and it stays findable by article).
 * The tag's children move up to its parent rather than being deleted with it: deleting a grouping
 * level should not silently take a whole branch of the codebook along.
 */
export function planDelete(
  tags: readonly Tag[],
  passages: readonly Passage[],
  id: string
): CodebookPlan {
  const draft = new CodebookDraft(tags)
  if (!draft.get(id)) throw new CodebookError('notFound', id)
  draft.delete(id)
  return draft.plan(passages)
}

export interface TagCount {
  /** Passages carrying the tag itself. */
  own: number
  /** Distinct passages carrying the tag or any tag below it. */
  withChildren: number
}

/**
 * Passage counts for every tag of the codebook (zero included). `tags` may hold redirects (merged
 * tags): they get no count, and a passage carrying one counts under the tag it leads to, once.
 * Unknown tag ids on passages are ignored.
 */
export function passageCounts(
  allTags: readonly Tag[],
  passages: readonly Passage[]
): Map<string, TagCount> {
  const tags = liveTags(allTags)
  const redirects = tagRedirects(allTags)
  const counts = new Map<string, TagCount>(tags.map((tag) => [tag.id, { own: 0, withChildren: 0 }]))
  const ids = byId(tags)
  const lineage = new Map(tags.map((tag) => [tag.id, [tag.id, ...ancestorsIn(ids, tag.id)]]))
  for (const passage of passages) {
    const reached = new Set<string>()
    for (const id of resolveTagIds(passage.tagIds, redirects)) {
      const count = counts.get(id)
      if (!count) continue
      count.own += 1
      for (const ancestor of lineage.get(id) ?? []) reached.add(ancestor)
    }
    for (const id of reached) {
      const count = counts.get(id)
      if (count) count.withChildren += 1
    }
  }
  return counts
}

/**
 * Highlight colours: light enough that dark text (#1a1a1a) on them reaches 7:1 (WCAG AAA), and
 * saturated enough to stand apart from the white page and from each other.
 */
export const TAG_PALETTE: readonly string[] = [
  '#fcd34d', // yellow
  '#93c5fd', // blue
  '#86efac', // green
  '#f9a8d4', // pink
  '#fdba74', // orange
  '#c4b5fd', // violet
  '#5eead4', // teal
  '#fca5a5', // red
  '#bef264', // lime
  '#67e8f9', // cyan
  '#a5b4fc', // indigo
  '#d6d3d1' // stone
]

/** The palette colour used least so far (earliest in the palette on a tie). */
export function nextTagColor(tags: readonly Tag[]): string {
  const used = new Map<string, number>()
  for (const tag of tags) {
    const color = tag.color.toLowerCase()
    used.set(color, (used.get(color) ?? 0) + 1)
  }
  let best = TAG_PALETTE[0] ?? '#fcd34d'
  let fewest = Infinity
  for (const color of TAG_PALETTE) {
    const count = used.get(color) ?? 0
    if (count < fewest) {
      best = color
      fewest = count
    }
  }
  return best
}

/** Whether a string is a colour the codebook stores (`#rrggbb`). */
export function isTagColor(color: string): boolean {
  return /^#[0-9a-f]{6}$/i.test(color)
}
