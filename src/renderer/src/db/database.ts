// The one Dexie class of the archive. Every schema version stays declared, in order, forever:
// a shipped version is never edited, a change is a new entry in SCHEMA_VERSIONS with its upgrade.
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie'
import type { Article, ArticleText } from '@core/archive/article'
import type { Passage, Tag } from '@core/archive/passage'
import type { TrashEntry } from '@core/archive/trash'
import {
  archiveTables,
  CHANGES,
  changeLogMiddleware,
  counterRow,
  type ChangeEntry
} from './change-log'
import type { Dossier } from '@core/dossier/types'
import type { EventLink, TimelineEvent } from '@core/timeline/types'
import type { RepeatEdge, RepeatPrint } from '@core/timeline/corroboration'
import type { DocBody } from '@core/sync/documents'
import type { RevTree } from '@core/sync/revisions'
import type { ScanPage } from '@core/scan/types'

export interface SettingRecord {
  key: string
  value: unknown
}

/** One part of the saved search index (see search-index-store.ts). */
export interface SearchIndexRecord {
  id: string
  value: unknown
}

/** What sync keeps of one replicated document (see services/sync/replicator.ts). */
export interface SyncDocRecord {
  /** The document id, `<type>:<key>`. */
  id: string
  tree: RevTree
  winner: string
  /** Live leaves that lost to the winner: the document is in conflict while there are any. */
  conflicts: string[]
  /**
   * Deletions (a move to the trash) made against the revision the live winner comes from: an
   * edit against a trashing, in conflict until someone chooses.
   */
  deletions?: string[]
  /** 1 while there are conflicts or open deletions, else 0 (IndexedDB cannot index booleans). */
  conflicted: 0 | 1
  /** Revisions made here that the server has not been sent yet (a resolved conflict's). */
  unsent?: string[]
  /** The bodies of the leaves this replica holds (null for a deletion), by revision. */
  bodies: Record<string, DocBody | null>
  /**
   * Bodies of the last few revisions before the leaves (not for texts, which never merge): the
   * base a three-way merge starts from when two replicas changed the record apart.
   */
  history?: Record<string, DocBody>
}

/** A replication's checkpoint, or the replica's own id (`key` 'replica'). */
export interface SyncStateRecord {
  key: string
  value: unknown
}

export interface SchemaVersion {
  version: number
  /** Dexie store strings of the tables this version adds or changes. */
  stores: Readonly<Record<string, string>>
  /** Fills what the version adds from the data of the one before, in the upgrade transaction. */
  upgrade?: (trans: Transaction) => Promise<void>
}

/**
 * Starts the change log of an archive that had none: one entry for every record there is, so that
 * a reader starting from sequence 0 (a first sync) meets every record, as CouchDB's changes
 * feed lists every document.
 */
async function seedChangeLog(trans: Transaction): Promise<void> {
  let last = 0
  // The stores there at this step of the upgrade: a later version's tables are not made yet.
  const stores = trans.idbtrans.objectStoreNames
  for (const table of archiveTables(trans.db).filter((t) => stores.contains(t.name))) {
    const keys = await trans.table(table.name).toCollection().primaryKeys()
    const entries: ChangeEntry[] = keys.map((key) => ({
      table: table.name,
      key: String(key),
      seq: ++last,
      op: 'put'
    }))
    await trans.table(CHANGES).bulkPut(entries)
  }
  await trans.table(CHANGES).put(counterRow(last))
}

/**
 * Every schema the archive ever had, oldest first. Exported so that the migration tests declare
 * the very same earlier versions when they write an old archive.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  // v1: articles (metadata only, listed often), their texts (read when an article opens), settings.
  {
    version: 1,
    stores: {
      articles: 'id, &sha256, title, outlet, published.value, language, importedAt, updatedAt',
      articleTexts: 'articleId',
      settings: 'key'
    }
  },
  // v2: passages (by article for the reader, by tag for the passages view) and the codebook;
  // articles also indexed by source file name (re-import of a newer version). Indexes and new
  // tables only, so no upgrade function: v1 data is untouched.
  {
    version: 2,
    stores: {
      articles:
        'id, &sha256, title, outlet, published.value, language, importedAt, updatedAt, sourceName',
      passages: 'id, articleId, *tagIds, updatedAt',
      tags: 'id, parentId, name, updatedAt'
    }
  },
  // v3: events and the links from passages to them. New tables only: no upgrade function.
  {
    version: 3,
    stores: {
      events: 'id, date.start, status, updatedAt',
      links: 'id, eventId, passageId, [eventId+passageId], updatedAt'
    }
  },
  // v4: dossiers (composed exports). New table only: no upgrade function.
  { version: 4, stores: { dossiers: 'id, title, updatedAt' } },
  // v5: the trash, one entry per delete, purged by age. New table only: no upgrade function.
  { version: 5, stores: { trash: 'id, deletedAt, kind' } },
  // v6: the durable change log (change-log.ts), one entry per record by [table+key] with its
  // sequence number, started with every record already there; and the saved search index.
  {
    version: 6,
    stores: { changes: '[table+key], &seq', searchIndex: 'id' },
    upgrade: seedChangeLog
  },
  // v7: what repeat detection keeps (db/repeat-index.ts): each article's print, by its sampled
  // shingles, and the links found between prints. Derived tables, unlogged, built on first use.
  {
    version: 7,
    stores: { repeatPrints: 'id, *sample', repeatEdges: '[a+b], a, b' }
  },
  // v8: team sync (services/sync): each replicated document's revision tree, winner and the
  // bodies of its leaves; the checkpoints of each replication. Local state, never synced, unlogged.
  { version: 8, stores: { syncDocs: 'id', syncState: 'key' } },
  // v9: the documents in conflict found by index (the Conflicts view and its count).
  { version: 9, stores: { syncDocs: 'id, conflicted' } },
  // v10: scanned pages (core/scan): each page's image and recognised words, by article for the
  // reader. New table only: no upgrade function.
  { version: 10, stores: { scanPages: 'id, articleId' } }
]

export const LATEST_VERSION = SCHEMA_VERSIONS.at(-1)!.version

export class LiasseDatabase extends Dexie {
  articles!: EntityTable<Article, 'id'>
  articleTexts!: EntityTable<ArticleText, 'articleId'>
  settings!: EntityTable<SettingRecord, 'key'>
  passages!: EntityTable<Passage, 'id'>
  tags!: EntityTable<Tag, 'id'>
  events!: EntityTable<TimelineEvent, 'id'>
  links!: EntityTable<EventLink, 'id'>
  dossiers!: EntityTable<Dossier, 'id'>
  trash!: EntityTable<TrashEntry, 'id'>
  changes!: Table<ChangeEntry, [string, string]>
  searchIndex!: EntityTable<SearchIndexRecord, 'id'>
  repeatPrints!: EntityTable<RepeatPrint, 'id'>
  repeatEdges!: Table<RepeatEdge, [string, string]>
  syncDocs!: EntityTable<SyncDocRecord, 'id'>
  syncState!: EntityTable<SyncStateRecord, 'key'>
  scanPages!: EntityTable<ScanPage, 'id'>

  /** Hear each committed read-write transaction's log entries (see change-feed.ts). */
  readonly commits = new Set<(entries: ChangeEntry[]) => void>()

  constructor(name = 'liasse') {
    super(name)
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores)
      if (upgrade) declared.upgrade(upgrade)
    }
    // Every connection writes the log, whoever opens it: no write can go unlogged.
    this.use(
      changeLogMiddleware((entries) => {
        for (const hear of this.commits) hear(entries)
      })
    )
  }
}
