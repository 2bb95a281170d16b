// Bench harness, not part of the app (bench/writes.browser-bench.ts): the app's write paths —
// restore, import, merge — each timed against one raw IndexedDB transaction putting the same
// records (`indexedDB.open`, one `readwrite` transaction, one `put` per record, no Dexie, no change
// log), in the same page and run. Each case writes into a database of its own, deleted after.
// `window.liasseWrites` holds the functions; `body[data-ready]` says the page is loaded.
import Dexie from 'dexie'
import { writeBackup, readBackup, type BackupSource } from '../../src/core/backup/backup'
import { importBatch, type BatchSteps } from '../../src/core/archive/import-batch'
import { importSource } from '../../src/core/import/import'
import type { ImportSource } from '../../src/core/import/types'
import type { MergePlan } from '../../src/core/dossier/bundle-merge'
import { LATEST_VERSION, LiasseDatabase, SCHEMA_VERSIONS } from '../../src/renderer/src/db/database'
import { changeLogMiddleware } from '../../src/renderer/src/db/change-log'
import { ArticleRepository } from '../../src/renderer/src/db/article-repository'
import { DossierRepository } from '../../src/renderer/src/db/dossier-repository'
import { ImportJournal } from '../../src/renderer/src/db/import-journal'
import { restoreInto } from '../../src/renderer/src/services/backup'
import { browserImportEnvironment } from '../../src/renderer/src/services/import-environment'
import { syntheticArticles, syntheticCodebook } from '../synthetic/archive'

type Records = Record<string, unknown[]>

/** The same tables and indexes as the app, with the app's change log middleware or without. */
class PlainDatabase extends Dexie {
  constructor(name: string, logged: boolean) {
    super(name)
    for (const { version, stores } of SCHEMA_VERSIONS) this.version(version).stores(stores)
    if (logged) this.use(changeLogMiddleware(() => undefined))
  }
}

const count = (records: Records): number =>
  Object.values(records).reduce((sum, list) => sum + list.length, 0)

/** Deletes `name`, then lets the app's schema create it (untimed). */
async function freshSchema(name: string): Promise<void> {
  await Dexie.delete(name)
  const db = new LiasseDatabase(name)
  await db.open()
  db.close()
}

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** The baseline: one raw IndexedDB transaction putting every record, timed to its commit. */
async function rawPut(records: Records): Promise<number> {
  const name = 'bench-raw'
  await freshSchema(name)
  const idb = await openRaw(name)
  const start = performance.now()
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(Object.keys(records), 'readwrite')
    for (const [table, list] of Object.entries(records)) {
      const store = tx.objectStore(table)
      for (const record of list) store.put(record)
    }
    tx.oncomplete = () => resolve()
    tx.onerror = tx.onabort = () => reject(tx.error)
  })
  const ms = performance.now() - start
  idb.close()
  await Dexie.delete(name)
  return ms
}

/** The same records through Dexie in one transaction, with the change log or without. */
async function dexiePut(records: Records, logged: boolean): Promise<number> {
  const name = 'bench-dexie'
  await freshSchema(name)
  const db = new PlainDatabase(name, logged)
  await db.open()
  const start = performance.now()
  // One transaction over every table (typed loosely: Dexie's types recurse on a subclass).
  type Run = (mode: 'rw', tables: string[], scope: () => Promise<void>) => Promise<void>
  await (db.transaction as unknown as Run).call(db, 'rw', Object.keys(records), async () => {
    for (const [table, list] of Object.entries(records)) await db.table(table).bulkAdd(list)
  })
  const ms = performance.now() - start
  db.close()
  await Dexie.delete(name)
  return ms
}

let archive: Records = {}
let backup: Blob = new Blob()
let sources: ImportSource[] = []
let imported: Records = {}

/** Generates `n` synthetic articles (with the codebook, passages and links) and their backup. */
async function prepare(n: number): Promise<{ records: number; backupBytes: number }> {
  const chunk = syntheticArticles(0, n)
  const { tags, events } = syntheticCodebook()
  archive = {
    articles: chunk.articles,
    articleTexts: chunk.texts,
    passages: chunk.passages,
    links: chunk.links,
    tags,
    events,
    settings: [{ key: 'sampleLoaded', value: true }]
  }
  const backupSources: BackupSource[] = Object.entries(archive).map(([name, list]) => ({
    name,
    key: name === 'articleTexts' ? 'articleId' : name === 'settings' ? 'key' : 'id',
    records: (async function* () {
      yield* list
    })()
  }))
  const counts = Object.fromEntries(Object.entries(archive).map(([k, v]) => [k, v.length]))
  const stream = writeBackup(
    {
      createdAt: new Date(0).toISOString(),
      appVersion: 'bench',
      schemaVersion: LATEST_VERSION,
      counts
    },
    backupSources
  )
  backup = await new Response(stream).blob()
  const encoder = new TextEncoder()
  sources = chunk.texts.map((text, i) => ({
    name: `article-${String(i).padStart(6, '0')}.txt`,
    bytes: encoder.encode(`${chunk.articles[i]!.title}\n\n${text.text}`)
  }))
  return { records: count(archive), backupBytes: backup.size }
}

/** Reading the backup alone: gunzip, split, parse and check every record, nothing written. */
async function parseBackup(): Promise<number> {
  const start = performance.now()
  let records = 0
  for await (const item of readBackup(backup.stream(), { schemaVersion: LATEST_VERSION }))
    if (item.kind === 'record') records++
  if (records !== count(archive)) throw new Error(`read ${records} records`)
  return performance.now() - start
}

async function restore(): Promise<number> {
  const name = 'bench-restore'
  await Dexie.delete(name)
  const start = performance.now()
  const written = await restoreInto(name, backup.stream())
  const ms = performance.now() - start
  const total = Object.values(written).reduce((a, b) => a + b, 0)
  await Dexie.delete(name)
  if (total !== count(archive)) throw new Error(`restored ${total} records`)
  return ms
}

/** The import steps of stores/import.ts over a repository of `db`. */
function importSteps(
  db: LiasseDatabase,
  env: Awaited<ReturnType<typeof browserImportEnvironment>>
): BatchSteps {
  const articles = new ArticleRepository(db)
  return {
    parse: (source) => importSource(source, env),
    store: (item, index) => articles.add(item, index),
    storeGroup: (items) => articles.addMany(items),
    findPrevious: (item) => articles.findPreviousVersion(item)
  }
}

/** The import of the synthetic files as text, journal and all; keeps what it wrote. */
async function runImport(): Promise<number> {
  const name = 'bench-import'
  await freshSchema(name)
  const env = await browserImportEnvironment()
  const db = new LiasseDatabase(name)
  await db.open()
  const journal = new ImportJournal(db)
  const start = performance.now()
  await journal.start(sources.map((s) => s.name))
  const report = await importBatch(sources, importSteps(db, env))
  const ms = performance.now() - start
  const stored = report.outcomes.filter((o) => o.status === 'imported').length
  if (stored !== sources.length) throw new Error(`imported ${stored} files`)
  imported = {
    articles: await db.articles.toArray(),
    articleTexts: await db.articleTexts.toArray(),
    settings: await db.settings.toArray()
  }
  await journal.clear()
  db.close()
  await Dexie.delete(name)
  return ms
}

/** Parsing the files alone (what import does before any write). */
async function parseImport(): Promise<number> {
  const env = await browserImportEnvironment()
  const start = performance.now()
  for (const source of sources) await importSource(source, env)
  return performance.now() - start
}

const mergeRecords = (): Records => ({
  articles: archive.articles!,
  articleTexts: archive.articleTexts!,
  tags: archive.tags!,
  passages: archive.passages!,
  events: archive.events!,
  links: archive.links!
})

/** A merge of the whole synthetic archive into an empty one (every record new). */
async function merge(): Promise<number> {
  const name = 'bench-merge'
  await freshSchema(name)
  const db = new LiasseDatabase(name)
  await db.open()
  const r = mergeRecords()
  const plan = {
    put: {
      articles: r.articles,
      texts: r.articleTexts,
      tags: r.tags,
      passages: r.passages,
      events: r.events,
      links: r.links,
      dossiers: []
    }
  } as unknown as MergePlan
  const start = performance.now()
  await new DossierRepository(db).applyMerge(plan)
  const ms = performance.now() - start
  db.close()
  await Dexie.delete(name)
  return ms
}

const liasseWrites = {
  prepare,
  parseBackup,
  restore,
  rawRestore: () => rawPut(archive),
  dexieRestore: (logged: boolean) => dexiePut(archive, logged),
  runImport,
  parseImport,
  rawImport: () => rawPut(imported),
  importedRecords: () => count(imported),
  merge,
  rawMerge: () => rawPut(mergeRecords()),
  dexieMerge: (logged: boolean) => dexiePut(mergeRecords(), logged)
}

declare global {
  interface Window {
    liasseWrites?: typeof liasseWrites
  }
}

window.liasseWrites = liasseWrites
document.getElementById('status')!.textContent = 'Ready'
document.body.dataset.ready = 'true'
