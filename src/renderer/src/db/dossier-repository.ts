// Dossiers, and the archive read whole for an export: the only code that writes dossiers. A
// snapshot is read in one transaction, so an export never mixes records from before and after
// an edit made meanwhile.
import type { ArchiveSnapshot, Dossier, DossierScope } from '@core/dossier/types'
import { changedBy, createdBy } from '@core/archive/attribution'
import type { ArchiveRecords } from '@core/dossier/bundle'
import type { MergePlan } from '@core/dossier/bundle-merge'
import { receiverFor, type ReceiverSource } from '@core/dossier/merge-receiver'
import type { Collection, EntityTable, IDType, InsertType } from 'dexie'
import { foldForSearch } from '@core/archive/library-view'
import { newDossier, normalizeSections } from '@core/dossier/build'
import { snapshotForScope, type ScopeSource } from '@core/dossier/scope-reads'
import type { LiasseDatabase } from './database'
import { trashEntry } from './trash-repository'
import { liveTags } from '@core/archive/tag-redirects'

type MergeTables = MergePlan['put']

/** What a merge replaced and added: putting `previous` back and deleting `added` undoes it. */
export interface MergeUndo {
  previous: MergeTables
  added: { [K in keyof MergeTables]: string[] }
}

export type DossierChanges = Partial<
  Omit<Dossier, 'id' | 'createdAt' | 'updatedAt' | 'author' | 'createdBy' | 'changedBy'>
>

export class DossierError extends Error {
  override readonly name = 'DossierError'
  constructor(
    readonly code: 'emptyTitle' | 'notFound',
    detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

function found<T>(records: (T | undefined)[]): T[] {
  return records.filter((r): r is T => r !== undefined)
}

/** Records read in pages of primary keys, so that no one read holds a whole large table. */
const PAGE = 1000

async function inPages<T, K extends keyof T & string>(
  table: EntityTable<T, K>,
  key: K
): Promise<T[]> {
  const all: T[] = []
  for (let last: string | null = null; ;) {
    const from: Collection<T, IDType<T, K>, InsertType<T, K>> = last === null
      ? table.orderBy(':id')
      : table.where(':id').above(last)
    const page: T[] = await from.limit(PAGE).toArray()
    all.push(...page)
    if (page.length < PAGE) return all
    last = String(page[page.length - 1]![key])
  }
}

export class DossierRepository {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
    /** Who is writing (see core/archive/attribution): stamped on what a person creates or changes. */
    private readonly who: () => string = () => ''
  ) {}

  list(): Promise<Dossier[]> {
    return this.db.dossiers.orderBy('updatedAt').reverse().toArray()
  }

  get(id: string): Promise<Dossier | undefined> {
    return this.db.dossiers.get(id)
  }

  async create(title: string, author: string): Promise<Dossier> {
    const trimmed = title.trim()
    if (!trimmed) throw new DossierError('emptyTitle')
    const dossier: Dossier = {
      ...newDossier({ id: this.newId(), stamp: this.now().toISOString(), author, title: trimmed }),
      ...createdBy(this.who())
    }
    await this.db.dossiers.add(dossier)
    return dossier
  }

  /** Applies changes; hands back the record as it was, for undo. */
  async update(id: string, changes: DossierChanges): Promise<{ previous: Dossier; next: Dossier }> {
    return this.db.transaction('rw', this.db.dossiers, async () => {
      const previous = await this.db.dossiers.get(id)
      if (!previous) throw new DossierError('notFound', id)
      if (changes.title !== undefined && !changes.title.trim()) throw new DossierError('emptyTitle')
      const next: Dossier = changedBy(
        {
          ...previous,
          ...changes,
          ...(changes.sections ? { sections: normalizeSections(changes.sections) } : {}),
          updatedAt: this.now().toISOString()
        },
        this.who()
      )
      await this.db.dossiers.put(next)
      return { previous, next }
    })
  }

  async remove(id: string): Promise<Dossier | undefined> {
    return this.db.transaction('rw', this.db.dossiers, async () => {
      const previous = await this.db.dossiers.get(id)
      if (previous) await this.db.dossiers.delete(id)
      return previous
    })
  }

  /** Moves a dossier to the trash; returns it with its trash entry's id (undefined if none). */
  async moveToTrash(id: string): Promise<{ dossier: Dossier; trashId: string } | undefined> {
    const { db } = this
    return db.transaction('rw', db.dossiers, db.trash, async () => {
      const dossier = await db.dossiers.get(id)
      if (!dossier) return undefined
      await db.dossiers.delete(id)
      const entry = trashEntry(
        'dossier',
        dossier.title,
        { dossiers: [dossier] },
        this.now(),
        this.newId()
      )
      await db.trash.add(entry)
      return { dossier, trashId: entry.id }
    })
  }

  /** Puts records back exactly as they were (undo of a delete or an edit). */
  async restore(dossiers: readonly Dossier[]): Promise<void> {
    await this.db.dossiers.bulkPut([...dossiers])
  }

  /**
   * The whole archive, read consistently, table by table in pages of primary keys (a backup or a
   * full-archive bundle; a dossier reads snapshotFor its scope).
   */
  async snapshot(): Promise<ArchiveSnapshot> {
    const db = this.db
    return db.transaction(
      'r',
      [db.articles, db.articleTexts, db.passages, db.tags, db.events, db.links],
      async () => {
        const [articles, texts, passages, tags, events, links] = await Promise.all([
          inPages(db.articles, 'id'),
          inPages(db.articleTexts, 'articleId'),
          inPages(db.passages, 'id'),
          inPages(db.tags, 'id'),
          inPages(db.events, 'id'),
          inPages(db.links, 'id')
        ])
        return {
          articles,
          texts: new Map(texts.map((t) => [t.articleId, t.text])),
          passages,
          tags,
          events,
          links
        }
      }
    )
  }

  /**
   * What a dossier of this scope draws on, read consistently and by index (snapshotForScope):
   * the passages its criteria can select, their articles and texts, their links, events and tags.
   * An archive of 100,000 articles holds some 300 MB of text; a dossier cites a few hundred.
   */
  async snapshotFor(scope: DossierScope): Promise<ArchiveSnapshot> {
    const db = this.db
    return db.transaction(
      'r',
      [db.articles, db.articleTexts, db.passages, db.tags, db.events, db.links],
      () => snapshotForScope(this.scopeSource(), scope)
    )
  }

  /** The archive's records by id and by index, for snapshotForScope. */
  private scopeSource(): ScopeSource {
    const db = this.db
    return {
      articles: async (ids) => found(await db.articles.bulkGet([...ids])),
      articleIdsOf: async ({ outlets, from, to }) => {
        let ids: Set<string> | null = null
        if (outlets.length > 0) {
          // The outlets as the index holds them (keys only), compared folded.
          const folded = new Set(outlets.map((o) => foldForSearch(o.trim())))
          const keys = (await db.articles.orderBy('outlet').uniqueKeys()) as string[]
          const matching = keys.filter((k) => folded.has(foldForSearch(String(k).trim())))
          ids = new Set(await db.articles.where('outlet').anyOf(matching).primaryKeys())
        }
        if (from || to) {
          // Dates at any precision ("2016", "2016-10"): from the year of `from` to `to`, refined
          // by selectPassages; articles without a date are not in the index, nor in the range.
          const index = db.articles.where('published.value')
          const range =
            from && to
              ? index.between(from.slice(0, 4), to, true, true)
              : from
                ? index.aboveOrEqual(from.slice(0, 4))
                : index.belowOrEqual(to!)
          const dated = await range.primaryKeys()
          ids = ids ? new Set(dated.filter((id) => ids!.has(id))) : new Set(dated)
        }
        return [...(ids ?? [])]
      },
      texts: async (ids) =>
        new Map(found(await db.articleTexts.bulkGet([...ids])).map((t) => [t.articleId, t.text])),
      passages: async (ids) => found(await db.passages.bulkGet([...ids])),
      passagesOn: (ids) =>
        db.passages
          .where('articleId')
          .anyOf([...ids])
          .toArray(),
      passagesTagged: (ids) =>
        db.passages
          .where('tagIds')
          .anyOf([...ids])
          .distinct()
          .toArray(),
      everyPassage: () => inPages(db.passages, 'id'),
      tags: async (ids) => found(await db.tags.bulkGet([...ids])),
      tagsUnder: (ids) =>
        db.tags
          .where('parentId')
          .anyOf([...ids])
          .toArray(),
      events: async (ids) => found(await db.events.bulkGet([...ids])),
      linksTo: (ids) =>
        db.links
          .where('eventId')
          .anyOf([...ids])
          .toArray(),
      linksFrom: (ids) =>
        db.links
          .where('passageId')
          .anyOf([...ids])
          .toArray()
    }
  }

  /**
   * The receiver's records by id and by index, nothing read whole but the codebook: what
   * readIncomingFile and receiverFor ask for. Called within a transaction, reads in it.
   */
  receiverSource(): ReceiverSource {
    const db = this.db
    return {
      articles: async (ids) => found(await db.articles.bulkGet([...ids])),
      articlesBySha256: (hashes) =>
        db.articles
          .where('sha256')
          .anyOf([...hashes])
          .toArray(),
      texts: async (ids) =>
        new Map(found(await db.articleTexts.bulkGet([...ids])).map((t) => [t.articleId, t.text])),
      // The codebook a bundle's tags are matched against: no redirect left by a merge.
      codebook: async () => liveTags(await db.tags.toArray()),
      passages: async (ids) => found(await db.passages.bulkGet([...ids])),
      passagesOn: (articleIds) =>
        db.passages
          .where('articleId')
          .anyOf([...articleIds])
          .toArray(),
      events: async (ids) => found(await db.events.bulkGet([...ids])),
      links: async (ids) => found(await db.links.bulkGet([...ids])),
      linksFrom: (passageIds) =>
        db.links
          .where('passageId')
          .anyOf([...passageIds])
          .toArray(),
      dossiers: async (ids) => found(await db.dossiers.bulkGet([...ids]))
    }
  }

  /**
   * The receiver side of a merge of `incoming`, read consistently: what planMerge compares the
   * incoming records with (see receiverFor), not the whole archive.
   */
  async mergeReceiver(incoming: ArchiveRecords): Promise<ArchiveRecords> {
    const db = this.db
    return db.transaction('r', this.mergeTables(), () =>
      receiverFor(this.receiverSource(), incoming)
    )
  }

  /** The whole archive with its dossiers (tests, and a merge's before and after in them). */
  async records(): Promise<ArchiveRecords> {
    const [snapshot, dossiers] = await Promise.all([this.snapshot(), this.db.dossiers.toArray()])
    return { ...snapshot, dossiers }
  }

  /**
   * Writes a merge plan in one transaction: every record of every table, or none (a failure
   * half-way rolls everything back). Hands back what it replaced and added, for undo.
   */
  async applyMerge(plan: MergePlan): Promise<MergeUndo> {
    const db = this.db
    return db.transaction('rw', this.mergeTables(), async () => {
      const { put } = plan
      /** What a table holds of the records about to be written, and which of them are new. */
      const before = async <T>(
        table: { bulkGet(keys: string[]): PromiseLike<(T | undefined)[]> },
        ids: string[]
      ) => {
        const found = await table.bulkGet(ids)
        return {
          previous: found.filter((r): r is T => r !== undefined),
          added: ids.filter((_, i) => found[i] === undefined)
        }
      }
      const ids = (records: { id: string }[]) => records.map((r) => r.id)
      const [articles, texts, tags, passages, events, links, dossiers] = await Promise.all([
        before(db.articles, ids(put.articles)),
        before(
          db.articleTexts,
          put.texts.map((r) => r.articleId)
        ),
        before(db.tags, ids(put.tags)),
        before(db.passages, ids(put.passages)),
        before(db.events, ids(put.events)),
        before(db.links, ids(put.links)),
        before(db.dossiers, ids(put.dossiers))
      ])
      // One text per article (sha256 is unique): the plan never gives two articles one text.
      await db.articleTexts.bulkPut(put.texts)
      await db.articles.bulkPut(put.articles)
      await db.tags.bulkPut(put.tags)
      await db.passages.bulkPut(put.passages)
      await db.events.bulkPut(put.events)
      await db.links.bulkPut(put.links)
      await db.dossiers.bulkPut(put.dossiers)
      return {
        previous: {
          articles: articles.previous,
          texts: texts.previous,
          tags: tags.previous,
          passages: passages.previous,
          events: events.previous,
          links: links.previous,
          dossiers: dossiers.previous
        },
        added: {
          articles: articles.added,
          texts: texts.added,
          tags: tags.added,
          passages: passages.added,
          events: events.added,
          links: links.added,
          dossiers: dossiers.added
        }
      }
    })
  }

  /** Every table a merge writes. */
  private mergeTables() {
    const db = this.db
    return [db.articles, db.articleTexts, db.tags, db.passages, db.events, db.links, db.dossiers]
  }

  /** Undoes a merge: what it added is removed, what it replaced is put back. */
  async revertMerge(undo: MergeUndo): Promise<void> {
    const db = this.db
    await db.transaction('rw', this.mergeTables(), async () => {
      await db.links.bulkDelete(undo.added.links)
      await db.passages.bulkDelete(undo.added.passages)
      await db.events.bulkDelete(undo.added.events)
      await db.tags.bulkDelete(undo.added.tags)
      await db.dossiers.bulkDelete(undo.added.dossiers)
      await db.articles.bulkDelete(undo.added.articles)
      await db.articleTexts.bulkDelete(undo.added.texts)
      await db.articleTexts.bulkPut(undo.previous.texts)
      await db.articles.bulkPut(undo.previous.articles)
      await db.tags.bulkPut(undo.previous.tags)
      await db.passages.bulkPut(undo.previous.passages)
      await db.events.bulkPut(undo.previous.events)
      await db.links.bulkPut(undo.previous.links)
      await db.dossiers.bulkPut(undo.previous.dossiers)
    })
  }
}
