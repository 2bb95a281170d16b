// Tags merged into another stay as redirects (`mergedInto`): a passage written by a teammate who
// was offline during the merge still names the old tag, and must land on the merged one. These
// pure helpers are how every reader sees the codebook: redirects never listed, passages' tag ids
// followed to the live tag they now mean.
import type { Passage, Tag } from './passage'

/** Redirect tag id → the tag it was merged into (one step; resolveTagId follows the chain). */
export type TagRedirects = ReadonlyMap<string, string>

export function isRedirect(tag: Pick<Tag, 'mergedInto'>): boolean {
  return tag.mergedInto !== undefined
}

/** The tags a user sees: every tag that is not a redirect. */
export function liveTags<T extends Pick<Tag, 'mergedInto'>>(tags: readonly T[]): T[] {
  return tags.filter((tag) => !isRedirect(tag))
}

export function tagRedirects(tags: readonly Tag[]): Map<string, string> {
  const redirects = new Map<string, string>()
  for (const tag of tags) if (tag.mergedInto !== undefined) redirects.set(tag.id, tag.mergedInto)
  return redirects
}

/**
 * The tag `id` now means: its redirects followed (A→B→C gives C). A cycle cannot be made by merge
 * (it refuses a merge into the tag itself or below it) but could come from corrupt or conflicting
 * data; then `id` is given back unchanged, so the coding is kept, not guessed.
 */
export function resolveTagId(id: string, redirects: TagRedirects): string {
  let current = id
  const seen = new Set<string>([id])
  for (let next = redirects.get(current); next !== undefined; next = redirects.get(current)) {
    if (seen.has(next)) return id
    seen.add(next)
    current = next
  }
  return current
}

/** A passage's tag ids with redirects followed, each once, in their first order. */
export function resolveTagIds(tagIds: readonly string[], redirects: TagRedirects): string[] {
  if (redirects.size === 0) return [...new Set(tagIds)]
  return [...new Set(tagIds.map((id) => resolveTagId(id, redirects)))]
}

/** Whether resolving would change these tag ids (a passage the fold must rewrite). */
export function needsFold(tagIds: readonly string[], redirects: TagRedirects): boolean {
  const resolved = resolveTagIds(tagIds, redirects)
  return resolved.length !== tagIds.length || resolved.some((id, i) => id !== tagIds[i])
}

/**
 * Records as a reader should see them: the redirect tags left out and every passage carrying the
 * live tags. Exports and bundles go through it, so that no file holds a redirect.
 */
export function withRedirectsResolved<S extends { tags: Tag[]; passages: Passage[] }>(
  records: S
): S {
  const redirects = tagRedirects(records.tags)
  if (redirects.size === 0) return records
  return {
    ...records,
    tags: liveTags(records.tags),
    passages: records.passages.map((passage) =>
      needsFold(passage.tagIds, redirects)
        ? { ...passage, tagIds: resolveTagIds(passage.tagIds, redirects) }
        : passage
    )
  }
}
