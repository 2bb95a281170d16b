// The codebook in Dexie: the only code that writes tags. Merge and delete apply the plans of
// core/archive/codebook in one transaction over tags and passages, and hand back what undo needs.
// A merged tag stays as a redirect (`mergedInto`, see core/archive/tag-redirects): passages a
// teammate tagged with it while offline arrive later and are folded onto the merged tag.
import { changedBy, createdBy } from '@core/archive/attribution'
import {
  CodebookError,
  canMove,
  descendantIds,
  isTagColor,
  nextTagColor,
  planDelete,
  planMerge,
  validateTagName,
  type CodebookPlan
} from '@core/archive/codebook'
import type { Passage, Tag } from '@core/archive/passage'
import {
  liveTags,
  needsFold,
  resolveTagId,
  resolveTagIds,
  tagRedirects
} from '@core/archive/tag-redirects'
import type { LiasseDatabase } from './database'
import { trashEntry } from './trash-repository'

export interface NewTag {
  name: string
  author: string
  parentId?: string | null
  /** `#rrggbb`; the least used palette colour when absent. */
  color?: string
  description?: string
}

export interface TagChanges {
  name?: string
  /** null moves the tag to the top of the codebook. */
  parentId?: string | null
  color?: string
  description?: string
}

/** The exact records a change overwrote or removed: putting them back undoes it. */
export interface CodebookSnapshot {
  tags: Tag[]
  passages: Passage[]
}

/** What a fold rewrote. */
export interface FoldResult {
  /** Passages that carried a redirect tag and now carry the tag it leads to. */
  passages: number
  /** Tags created under a redirect tag, moved under the tag it leads to. */
  tags: number
}

export interface CodebookChange {
  /** What was written, with the new `updatedAt`. */
  plan: CodebookPlan
  previous: CodebookSnapshot
}

/** Names are stored trimmed with spaces folded, as the sibling check compares them. */
function cleanName(name: string): string {
  return name.trim().replace(/\s+/g, ' ')
}

export class TagRepository {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Who is writing (see core/archive/attribution): stamped on what a person creates or changes. */
    private readonly who: () => string = () => ''
  ) {}

  /** The codebook: every tag but the redirects left by merges. */
  async list(): Promise<Tag[]> {
    return liveTags(await this.db.tags.toArray())
  }

  /** Every tag record, redirects included (readers that resolve passages' tag ids need them). */
  listAll(): Promise<Tag[]> {
    return this.db.tags.toArray()
  }

  get(id: string): Promise<Tag | undefined> {
    return this.db.tags.get(id)
  }

  /** Creates a tag; CodebookError 'empty' | 'duplicate' | 'notFound' (parent) | 'invalidColor'. */
  async create(input: NewTag): Promise<Tag> {
    return this.db.transaction('rw', this.db.tags, async () => {
      // A redirect's name is free again, and nothing goes under a redirect.
      const tags = liveTags(await this.db.tags.toArray())
      const parentId = input.parentId ?? null
      if (parentId !== null && !tags.some((tag) => tag.id === parentId)) {
        throw new CodebookError('notFound', parentId)
      }
      const invalid = validateTagName(tags, input.name, parentId)
      if (invalid) throw new CodebookError(invalid, input.name)
      const color = input.color ?? nextTagColor(tags)
      if (!isTagColor(color)) throw new CodebookError('invalidColor', color)
      const stamp = this.now().toISOString()
      const tag: Tag = {
        id: this.newId(),
        createdAt: stamp,
        updatedAt: stamp,
        author: input.author,
        name: cleanName(input.name),
        parentId,
        color: color.toLowerCase(),
        description: input.description?.trim() ?? '',
        ...createdBy(this.who())
      }
      await this.db.tags.add(tag)
      return tag
    })
  }

  /**
   * Renames, recolours, redescribes or moves a tag. CodebookError 'notFound', 'cycle' (moved under
   * itself or a descendant), 'empty' | 'duplicate' (name, at the new place), 'invalidColor'.
   * Returns the stored tag and the previous record (undo: `restore({ tags: [previous] })`).
   */
  async update(id: string, changes: TagChanges): Promise<{ tag: Tag; previous: Tag }> {
    return this.db.transaction('rw', this.db.tags, async () => {
      const tags = liveTags(await this.db.tags.toArray())
      const previous = tags.find((tag) => tag.id === id)
      if (!previous) throw new CodebookError('notFound', id)
      const parentId = changes.parentId === undefined ? previous.parentId : changes.parentId
      if (parentId !== previous.parentId) {
        if (parentId !== null && !tags.some((tag) => tag.id === parentId)) {
          throw new CodebookError('notFound', parentId)
        }
        if (!canMove(tags, id, parentId)) throw new CodebookError('cycle', id)
      }
      const name = changes.name === undefined ? previous.name : cleanName(changes.name)
      if (name !== previous.name || parentId !== previous.parentId) {
        const invalid = validateTagName(tags, name, parentId, id)
        if (invalid) throw new CodebookError(invalid, name)
      }
      const color = changes.color === undefined ? previous.color : changes.color.toLowerCase()
      if (!isTagColor(color)) throw new CodebookError('invalidColor', color)
      const tag: Tag = changedBy(
        {
          ...previous,
          name,
          parentId,
          color,
          description:
            changes.description === undefined ? previous.description : changes.description.trim(),
          updatedAt: this.now().toISOString()
        },
        this.who()
      )
      await this.db.tags.put(tag)
      return { tag, previous }
    })
  }

  /**
   * Merges `sourceId` into `targetId` (see planMerge): every passage re-pointed, children moved,
   * the source kept as a redirect to the target (out of the codebook), all or nothing.
   * CodebookError 'notFound' | 'mergeIntoSelf' | 'mergeIntoDescendant'.
   */
  merge(sourceId: string, targetId: string): Promise<CodebookChange> {
    const { db } = this
    return db.transaction('rw', db.tags, db.passages, async () => {
      const change = await this.applyPlan(sourceId, (tags, passages) =>
        planMerge(tags, passages, sourceId, targetId)
      )
      // Anything else still carrying a redirect is folded too; undo puts it back as it was.
      const folded = await this.fold()
      return {
        plan: change.plan,
        previous: {
          tags: [...change.previous.tags, ...folded.previous.tags],
          passages: [...change.previous.passages, ...folded.previous.passages]
        }
      }
    })
  }

  /**
   * Deletes a tag (see planDelete): passages keep their other tags, children move up. The
   * redirects that led to it go with it (in `previous`, so that undo and the trash bring them back).
   */
  delete(id: string): Promise<CodebookChange> {
    return this.applyPlan(id, (tags, passages) => planDelete(tags, passages, id))
  }

  /**
   * Deletes a tag as `delete` does and keeps in a trash entry the tag, the tag ids its passages
   * had and the parent its sub-tags had, so that restoring patches them back.
   */
  async moveToTrash(id: string): Promise<CodebookChange & { trashId: string }> {
    const { db } = this
    return db.transaction('rw', db.tags, db.passages, db.trash, async () => {
      const change = await this.delete(id)
      const removed = new Set(change.plan.removedTagIds)
      // The deleted tag first (the trash restores its sub-tags under it), then its redirects.
      const tags = change.previous.tags
        .filter((tag) => removed.has(tag.id))
        .sort((a, b) => Number(b.id === id) - Number(a.id === id))
      const entry = trashEntry(
        'tag',
        tags.find((tag) => tag.id === id)?.name ?? '',
        { tags },
        this.now(),
        this.newId(),
        {
          passageTagIds: change.previous.passages.map((p) => ({
            passageId: p.id,
            tagIds: p.tagIds
          })),
          tagParents: change.previous.tags
            .filter((tag) => !removed.has(tag.id))
            .map((tag) => ({ tagId: tag.id, parentId: tag.parentId }))
        }
      )
      await db.trash.add(entry)
      return { ...change, trashId: entry.id }
    })
  }

  /** Puts back records exactly as they were (the undo of update, merge and delete). */
  async restore(snapshot: Partial<CodebookSnapshot>): Promise<void> {
    await this.db.transaction('rw', this.db.tags, this.db.passages, async () => {
      if (snapshot.tags?.length) await this.db.tags.bulkPut(snapshot.tags)
      if (snapshot.passages?.length) await this.db.passages.bulkPut(snapshot.passages)
    })
  }

  /**
   * Rewrites the passages that carry a redirect tag so that they carry the tag it leads to instead
   * (once), and moves tags created under a redirect under that tag: what a teammate coded while
   * offline, with a tag merged meanwhile, lands on the merged tag. Only these passages: by default
   * those the tagIds index finds under a redirect tag (nothing read when there are none); given
   * `passageIds` (the records a replication just wrote), only those. Written through the
   * repository, so the change log sends the result on. `updatedAt` and `changedBy` are left as
   * they were: every replica that folds the same passage writes the very same record, hence the
   * same revision (its id hashes the parent and the body, so the body must not say who folded),
   * and no conflict arises between teammates' folds.
   */
  async foldRedirects(passageIds?: readonly string[]): Promise<FoldResult> {
    return (await this.fold(passageIds)).result
  }

  /** foldRedirects, with the records it overwrote. */
  private fold(
    passageIds?: readonly string[]
  ): Promise<{ result: FoldResult; previous: CodebookSnapshot }> {
    const { db } = this
    return db.transaction('rw', db.tags, db.passages, async () => {
      const all = await db.tags.toArray()
      const redirects = tagRedirects(all)
      const previous: CodebookSnapshot = { tags: [], passages: [] }
      if (redirects.size === 0) return { result: { passages: 0, tags: 0 }, previous }
      const candidates =
        passageIds === undefined
          ? await db.passages
              .where('tagIds')
              .anyOf([...redirects.keys()])
              .distinct()
              .toArray()
          : (await db.passages.bulkGet([...new Set(passageIds)])).filter(
              (passage): passage is Passage => passage !== undefined
            )
      previous.passages = candidates.filter((passage) => needsFold(passage.tagIds, redirects))
      const passages = previous.passages.map((passage) => ({
        ...passage,
        tagIds: resolveTagIds(passage.tagIds, redirects)
      }))
      await db.passages.bulkPut(passages)
      const live = liveTags(all)
      const liveIds = new Set(live.map((tag) => tag.id))
      const tags = live.flatMap((tag) => {
        if (tag.parentId === null || !redirects.has(tag.parentId)) return []
        const parentId = resolveTagId(tag.parentId, redirects)
        // Under a live tag, and never under itself or below itself.
        if (!liveIds.has(parentId) || !canMove(live, tag.id, parentId)) return []
        previous.tags.push(tag)
        return [{ ...tag, parentId }]
      })
      await db.tags.bulkPut(tags)
      return { result: { passages: passages.length, tags: tags.length }, previous }
    })
  }

  private applyPlan(
    root: string,
    makePlan: (tags: Tag[], passages: Passage[]) => CodebookPlan
  ): Promise<CodebookChange> {
    return this.db.transaction('rw', this.db.tags, this.db.passages, async () => {
      const all = await this.db.tags.toArray()
      const tags = liveTags(all)
      const redirects = tagRedirects(all)
      // Only tags in the root's branch can disappear, so only their passages can change: those
      // that carry them, or a redirect leading to them (not folded yet), read as they resolve.
      const branch = new Set(descendantIds(tags, root))
      const aliases = [...redirects.keys()].filter((id) => branch.has(resolveTagId(id, redirects)))
      const stored = await this.db.passages
        .where('tagIds')
        .anyOf([...branch, ...aliases])
        .distinct()
        .toArray()
      const passages = stored.map((passage) =>
        needsFold(passage.tagIds, redirects)
          ? { ...passage, tagIds: resolveTagIds(passage.tagIds, redirects) }
          : passage
      )
      const plan = makePlan(tags, passages)
      const tagsById = new Map(all.map((tag) => [tag.id, tag]))
      const passagesById = new Map(stored.map((passage) => [passage.id, passage]))
      // Redirects to a deleted tag go with it: kept in `previous`, they come back with it.
      const gone = aliases.filter((id) => {
        const target = resolveTagId(id, redirects)
        return target in plan.replacedBy && plan.replacedBy[target] === null
      })
      const removedTagIds = [...plan.removedTagIds, ...gone]
      const previous: CodebookSnapshot = {
        tags: [...plan.updatedTags.map((tag) => tag.id), ...removedTagIds]
          .map((id) => tagsById.get(id))
          .filter((tag): tag is Tag => tag !== undefined),
        passages: plan.updatedPassages
          .map((passage) => passagesById.get(passage.id))
          .filter((passage): passage is Passage => passage !== undefined)
      }
      const updatedAt = this.now().toISOString()
      // A merge or delete the user asked for: what it rewrites is their change.
      const who = this.who()
      const written: CodebookPlan = {
        ...plan,
        updatedTags: plan.updatedTags.map((tag) => changedBy({ ...tag, updatedAt }, who)),
        removedTagIds,
        updatedPassages: plan.updatedPassages.map((passage) =>
          changedBy({ ...passage, updatedAt }, who)
        ),
        replacedBy: { ...plan.replacedBy, ...Object.fromEntries(gone.map((id) => [id, null])) }
      }
      // A merged tag stays, out of the codebook, as a redirect to the tag that absorbed it.
      const redirected = plan.removedTagIds.flatMap((id) => {
        const tag = tagsById.get(id)
        const into = plan.replacedBy[id]
        return tag && into ? [changedBy({ ...tag, mergedInto: into, updatedAt }, who)] : []
      })
      const deleted = removedTagIds.filter((id) => !plan.replacedBy[id])
      await this.db.tags.bulkPut([...written.updatedTags, ...redirected])
      await this.db.tags.bulkDelete(deleted)
      await this.db.passages.bulkPut(written.updatedPassages)
      return { plan: written, previous }
    })
  }
}
