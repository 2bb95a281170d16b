// The trash in Dexie: restoring an entry, purging entries by age or on demand, and removing what a
// purge leaves without its ends. Deletes write their entries in the repositories' own transactions.
import {
  emptyPatches,
  emptyRecords,
  patchedTagIds,
  planRestore,
  retentionCutoff,
  type TrashEntry,
  type TrashKind,
  type TrashPatches,
  type TrashRecords
} from '@core/archive/trash'
import type { LiasseDatabase } from './database'

export class TrashError extends Error {
  override readonly name = 'TrashError'
  constructor(
    readonly code: 'notFound' | 'articleExists',
    detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

/** Builds an entry; the caller adds it to `db.trash` in the transaction of its delete. */
export function trashEntry(
  kind: TrashKind,
  label: string,
  records: Partial<TrashRecords>,
  deletedAt: Date,
  id: string,
  patches: Partial<TrashPatches> = {}
): TrashEntry {
  return {
    id,
    kind,
    label,
    deletedAt: deletedAt.toISOString(),
    records: { ...emptyRecords(), ...records },
    patches: { ...emptyPatches(), ...patches }
  }
}

/** What a restore put back, and what it could not. */
export interface RestoreResult {
  entry: TrashEntry
  restored: { articles: number; passages: number; links: number; tags: number }
  /** Put back later with the entry that holds their missing end (still in the trash). */
  handedOn: { passages: number; links: number }
  /** Lost for good: their article, passage or event is neither in the archive nor in the trash. */
  lost: { passages: number; links: number }
}

export interface PurgeResult {
  entries: number
  /** Links and passages removed because an end of theirs is gone for good. */
  orphanLinks: number
  orphanPassages: number
}

export class TrashRepository {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Every entry, most recent delete first. */
  async list(): Promise<TrashEntry[]> {
    return (await this.db.trash.orderBy('deletedAt').toArray()).reverse()
  }

  get(id: string): Promise<TrashEntry | undefined> {
    return this.db.trash.get(id)
  }

  count(): Promise<number> {
    return this.db.trash.count()
  }

  private allTables() {
    const { db } = this
    return [
      db.articles,
      db.articleTexts,
      db.passages,
      db.tags,
      db.events,
      db.links,
      db.dossiers,
      db.trash,
      db.scanPages
    ]
  }

  /**
   * Puts an entry's records back and removes the entry, in one transaction. A passage whose
   * article, or a link whose passage or event, is not in the archive goes to the trash entry that
   * holds that end (so it comes back with it), or is lost if no entry holds it.
   */
  async restore(id: string): Promise<RestoreResult> {
    const { db } = this
    return db.transaction('rw', this.allTables(), async () => {
      const entry = await db.trash.get(id)
      if (!entry) throw new TrashError('notFound', id)
      const { records, patches } = entry
      for (const article of records.articles) {
        const same = await db.articles.where('sha256').equals(article.sha256).first()
        if (same && same.id !== article.id) throw new TrashError('articleExists', same.title)
      }
      const existing = async (table: 'articles' | 'passages' | 'events' | 'tags', ids: string[]) =>
        new Set(
          (await db.table(table).bulkGet([...new Set(ids)]))
            .filter((record): record is { id: string } => record !== undefined)
            .map((record) => record.id)
        )
      const plan = planRestore(entry, {
        articles: await existing(
          'articles',
          records.passages.map((p) => p.articleId)
        ),
        passages: await existing(
          'passages',
          records.links.map((l) => l.passageId)
        ),
        events: await existing(
          'events',
          records.links.map((l) => l.eventId)
        ),
        tags: new Set()
      })
      const tagIds = new Set((await db.tags.toCollection().primaryKeys()) as string[])
      for (const tag of records.tags) tagIds.add(tag.id)
      const tags = records.tags.map((tag) =>
        tag.parentId !== null && !tagIds.has(tag.parentId) ? { ...tag, parentId: null } : tag
      )
      const put = plan.records
      await db.articles.bulkPut(put.articles)
      await db.articleTexts.bulkPut(put.articleTexts)
      await db.tags.bulkPut(tags)
      await db.passages.bulkPut(put.passages)
      await db.events.bulkPut(put.events)
      await db.links.bulkPut(put.links)
      await db.dossiers.bulkPut(put.dossiers)
      await db.trash.delete(id)

      const others = await db.trash.toArray()
      const changed = new Set<TrashEntry>()
      // Sub-tags that moved up go back under the restored tag, unless the user moved them since.
      const deletedTag = records.tags[0]
      for (const { tagId, parentId } of patches.tagParents) {
        const child = await db.tags.get(tagId)
        if (
          child &&
          child.parentId === (deletedTag?.parentId ?? null) &&
          tagIds.has(parentId ?? '')
        )
          await db.tags.put({ ...child, parentId })
      }
      // Passages get the restored tag back, in the archive or in the trash entry that holds them.
      for (const { passageId, tagIds: before } of patches.passageTagIds) {
        const passage = await db.passages.get(passageId)
        if (passage) {
          await db.passages.put({
            ...passage,
            tagIds: patchedTagIds(passage.tagIds, before, tagIds)
          })
          continue
        }
        for (const other of others) {
          const held = other.records.passages.find((p) => p.id === passageId)
          if (!held) continue
          held.tagIds = patchedTagIds(held.tagIds, before, tagIds)
          changed.add(other)
        }
      }
      const handedOn = { passages: 0, links: 0 }
      const lost = { passages: 0, links: 0 }
      for (const passage of plan.dropped.passages) {
        const holder = others.find((o) =>
          o.records.articles.some((a) => a.id === passage.articleId)
        )
        if (!holder) {
          lost.passages += 1
          continue
        }
        holder.records.passages.push(passage)
        changed.add(holder)
        handedOn.passages += 1
      }
      for (const link of plan.dropped.links) {
        const passageHere = await db.passages.get(link.passageId)
        const holder = passageHere
          ? others.find((o) => o.records.events.some((e) => e.id === link.eventId))
          : others.find((o) => o.records.passages.some((p) => p.id === link.passageId))
        if (!holder) {
          lost.links += 1
          continue
        }
        holder.records.links.push(link)
        changed.add(holder)
        handedOn.links += 1
      }
      await db.trash.bulkPut([...changed])
      return {
        entry,
        restored: {
          articles: put.articles.length,
          passages: put.passages.length,
          links: put.links.length,
          tags: tags.length
        },
        handedOn,
        lost
      }
    })
  }

  /** Deletes one entry for good. */
  async remove(id: string): Promise<PurgeResult> {
    return this.purge(() => this.db.trash.where(':id').equals(id).primaryKeys())
  }

  /** Deletes every entry for good ("Empty trash"). */
  async empty(): Promise<PurgeResult> {
    return this.purge(() => this.db.trash.toCollection().primaryKeys())
  }

  /** Deletes the entries older than the retention (at start-up), found by the `deletedAt` index. */
  async purgeExpired(retentionDays: number): Promise<PurgeResult> {
    const cutoff = retentionCutoff(this.now(), retentionDays)
    return this.purge(() => this.db.trash.where('deletedAt').below(cutoff).primaryKeys())
  }

  /**
   * Deletes the chosen entries, then what can never have its ends again because of them: an
   * article, passage or event of a purged entry is gone for good unless the archive or an entry
   * left holds it; passages of a gone article and links of a gone passage or event are removed,
   * in the archive (found by index) and in the entries left. Reads nothing else when nothing is
   * chosen, and no whole table of the archive ever: a dangling record that has nothing to do with
   * the purged entries (left by an older version) is the integrity check's to find.
   */
  private async purge(choose: () => PromiseLike<string[]>): Promise<PurgeResult> {
    const { db } = this
    return db.transaction('rw', this.allTables(), async () => {
      const goneIds = new Set(await choose())
      if (goneIds.size === 0) return { entries: 0, orphanLinks: 0, orphanPassages: 0 }
      // The trash is small, and whoever purges shows it: read whole, it gives the entries left.
      const all = await db.trash.toArray()
      const gone = all.filter((entry) => goneIds.has(entry.id))
      const kept = all.filter((entry) => !goneIds.has(entry.id))
      await db.trash.bulkDelete(gone.map((entry) => entry.id))

      /** Of `ids`, those neither in `table` nor in an entry left (per `held`). */
      const goneForGood = async (
        table: 'articles' | 'passages' | 'events',
        ids: Iterable<string>,
        held: (records: TrashRecords) => { id: string }[]
      ): Promise<string[]> => {
        const candidates = new Set(ids)
        for (const entry of kept) for (const r of held(entry.records)) candidates.delete(r.id)
        if (candidates.size === 0) return []
        const present = (await db
          .table(table)
          .where(':id')
          .anyOf([...candidates])
          .primaryKeys()) as string[]
        for (const id of present) candidates.delete(id)
        return [...candidates]
      }
      const idsIn = (pick: (records: TrashRecords) => { id: string }[]) =>
        gone.flatMap((entry) => pick(entry.records).map((r) => r.id))

      const articles = new Set(
        await goneForGood(
          'articles',
          idsIn((r) => r.articles),
          (r) => r.articles
        )
      )
      const events = new Set(
        await goneForGood(
          'events',
          idsIn((r) => r.events),
          (r) => r.events
        )
      )

      // Passages first: a passage that goes takes its links' last hope with it.
      const orphanPassages = articles.size
        ? ((await db.passages
            .where('articleId')
            .anyOf([...articles])
            .primaryKeys()) as string[])
        : []
      await db.passages.bulkDelete(orphanPassages)
      // A deleted article's scanned pages stay in their table while it is in the trash (no image is
      // copied into an entry); they go with the article, for good.
      if (articles.size)
        await db.scanPages
          .where('articleId')
          .anyOf([...articles])
          .delete()
      const changed = new Set<TrashEntry>()
      const droppedPassages: string[] = []
      for (const entry of kept) {
        const left = entry.records.passages.filter((p) => !articles.has(p.articleId))
        if (left.length === entry.records.passages.length) continue
        for (const p of entry.records.passages)
          if (articles.has(p.articleId)) droppedPassages.push(p.id)
        entry.records.passages = left
        changed.add(entry)
      }
      const passages = new Set(
        await goneForGood(
          'passages',
          [...idsIn((r) => r.passages), ...orphanPassages, ...droppedPassages],
          (r) => r.passages
        )
      )

      const orphanLinks = new Set<string>()
      if (passages.size)
        for (const key of await db.links
          .where('passageId')
          .anyOf([...passages])
          .primaryKeys())
          orphanLinks.add(key)
      if (events.size)
        for (const key of await db.links
          .where('eventId')
          .anyOf([...events])
          .primaryKeys())
          orphanLinks.add(key)
      await db.links.bulkDelete([...orphanLinks])
      let keptLinksDropped = 0
      for (const entry of kept) {
        const left = entry.records.links.filter(
          (l) => !passages.has(l.passageId) && !events.has(l.eventId)
        )
        if (left.length === entry.records.links.length) continue
        keptLinksDropped += entry.records.links.length - left.length
        entry.records.links = left
        changed.add(entry)
      }
      await db.trash.bulkPut([...changed])
      return {
        entries: gone.length,
        orphanLinks: orphanLinks.size + keptLinksDropped,
        orphanPassages: orphanPassages.length + droppedPassages.length
      }
    })
  }
}
