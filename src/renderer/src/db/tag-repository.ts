// The codebook in Dexie: the only code that writes tags. Merge and delete apply the plans of
// core/archive/codebook in one transaction over tags and passages, and hand back what undo needs.
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
    private readonly newId: () => string = () => crypto.randomUUID()
  ) {}

  list(): Promise<Tag[]> {
    return this.db.tags.toArray()
  }

  get(id: string): Promise<Tag | undefined> {
    return this.db.tags.get(id)
  }

  /** Creates a tag; CodebookError 'empty' | 'duplicate' | 'notFound' (parent) | 'invalidColor'. */
  async create(input: NewTag): Promise<Tag> {
    return this.db.transaction('rw', this.db.tags, async () => {
      const tags = await this.db.tags.toArray()
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
        description: input.description?.trim() ?? ''
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
      const tags = await this.db.tags.toArray()
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
      const tag: Tag = {
        ...previous,
        name,
        parentId,
        color,
        description:
          changes.description === undefined ? previous.description : changes.description.trim(),
        updatedAt: this.now().toISOString()
      }
      await this.db.tags.put(tag)
      return { tag, previous }
    })
  }

  /**
   * Merges `sourceId` into `targetId` (see planMerge): every passage re-pointed, children moved,
   * the source removed, all or nothing. CodebookError 'notFound' | 'mergeIntoSelf' |
   * 'mergeIntoDescendant'.
   */
  merge(sourceId: string, targetId: string): Promise<CodebookChange> {
    return this.applyPlan(sourceId, (tags, passages) =>
      planMerge(tags, passages, sourceId, targetId)
    )
  }

  /** Deletes a tag (see planDelete): passages keep their other tags, children move up. */
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
      const tags = change.previous.tags.filter((tag) => removed.has(tag.id))
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

  private applyPlan(
    root: string,
    makePlan: (tags: Tag[], passages: Passage[]) => CodebookPlan
  ): Promise<CodebookChange> {
    return this.db.transaction('rw', this.db.tags, this.db.passages, async () => {
      const tags = await this.db.tags.toArray()
      // Only tags in the root's branch can disappear, so only their passages can change.
      const branch = descendantIds(tags, root)
      const passages = await this.db.passages.where('tagIds').anyOf(branch).distinct().toArray()
      const plan = makePlan(tags, passages)
      const tagsById = new Map(tags.map((tag) => [tag.id, tag]))
      const passagesById = new Map(passages.map((passage) => [passage.id, passage]))
      const previous: CodebookSnapshot = {
        tags: [...plan.updatedTags.map((tag) => tag.id), ...plan.removedTagIds]
          .map((id) => tagsById.get(id))
          .filter((tag): tag is Tag => tag !== undefined),
        passages: plan.updatedPassages
          .map((passage) => passagesById.get(passage.id))
          .filter((passage): passage is Passage => passage !== undefined)
      }
      const updatedAt = this.now().toISOString()
      const written: CodebookPlan = {
        ...plan,
        updatedTags: plan.updatedTags.map((tag) => ({ ...tag, updatedAt })),
        updatedPassages: plan.updatedPassages.map((passage) => ({ ...passage, updatedAt }))
      }
      await this.db.tags.bulkPut(written.updatedTags)
      await this.db.tags.bulkDelete(written.removedTagIds)
      await this.db.passages.bulkPut(written.updatedPassages)
      return { plan: written, previous }
    })
  }
}
