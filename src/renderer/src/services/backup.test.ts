// Backup → restore against fake-indexeddb: every table of the sample archive and of a generated
// 10,000-article archive comes back equal; the preview counts what a restore adds, replaces and
// removes; a restore that fails halfway leaves nothing behind; a restore can be undone.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { syntheticArticles, syntheticCodebook } from '../../../../bench/synthetic/archive'
import { BackupError, writeBackup } from '@core/backup/backup'
import { bytesOf, streamOf } from '../../../../test/backup/backup-test-support'
import { sampleDossier, sampleSnapshot } from '../../../../test/dossier/test-fixture'
import {
  activeArchiveName,
  cleanUpArchives,
  pendingRestoreUndo,
  switchToRestored,
  undoRestore,
  type ArchiveStores,
  type KeyValueStore
} from '@renderer/db/active-archive'
import { LiasseDatabase } from '@renderer/db/database'
import { archiveTables } from '@renderer/db/change-log'
import { PassageRepository } from '@renderer/db/passage-repository'
import { backupSources, backupStream, previewRestore, restoreInto } from './backup'

const opened: string[] = []

function database(): LiasseDatabase {
  const name = `backup-test-${Math.random().toString(36).slice(2)}`
  opened.push(name)
  return new LiasseDatabase(name)
}

afterEach(async () => {
  for (const name of opened.splice(0)) await Dexie.delete(name)
})

async function seedSample(db: LiasseDatabase): Promise<void> {
  const snapshot = await sampleSnapshot()
  await db.articles.bulkAdd(snapshot.articles)
  await db.articleTexts.bulkAdd(
    [...snapshot.texts].map(([articleId, text]) => ({
      articleId,
      text,
      paragraphs: [{ start: 0, end: text.length }]
    }))
  )
  await db.passages.bulkAdd(snapshot.passages)
  await db.tags.bulkAdd(snapshot.tags)
  await db.events.bulkAdd(snapshot.events)
  await db.links.bulkAdd(snapshot.links)
  await db.dossiers.bulkAdd([sampleDossier()])
  await db.settings.bulkAdd([
    { key: 'authorName', value: 'Camille' },
    { key: 'sampleLoaded', value: true }
  ])
  // The trash is a table like the others: a deleted passage, with its links, travels too.
  const linked = snapshot.links[0]!
  await new PassageRepository(db).moveToTrash(linked.passageId)
}

async function seedSynthetic(db: LiasseDatabase, count: number): Promise<void> {
  const { tags, events } = syntheticCodebook()
  await db.tags.bulkAdd(tags)
  await db.events.bulkAdd(events)
  for (let from = 0; from < count; from += 2000) {
    const chunk = syntheticArticles(from, Math.min(count, from + 2000))
    await db.articles.bulkAdd(chunk.articles)
    await db.articleTexts.bulkAdd(chunk.texts)
    await db.passages.bulkAdd(chunk.passages)
    await db.links.bulkAdd(chunk.links)
  }
}

/** Every table of two databases compared record for record; the number of records compared. */
async function expectSameArchive(a: Dexie, b: Dexie): Promise<number> {
  let compared = 0
  expect(
    archiveTables(b)
      .map((t) => t.name)
      .sort()
  ).toEqual(
    archiveTables(a)
      .map((t) => t.name)
      .sort()
  )
  for (const table of archiveTables(a)) {
    const left = await table.toArray()
    const right = await b.table(table.name).toArray()
    expect(right.length, table.name).toBe(left.length)
    expect(right, table.name).toEqual(left)
    compared += left.length
  }
  return compared
}

async function backupBytes(db: LiasseDatabase): Promise<Uint8Array> {
  return bytesOf(
    await backupStream(db, { appVersion: 'test', now: new Date('2026-03-01T09:00:00Z') })
  )
}

async function restoreFresh(bytes: Uint8Array): Promise<LiasseDatabase> {
  const target = database()
  target.close()
  await restoreInto(target.name, streamOf(bytes, 65536))
  return new LiasseDatabase(target.name)
}

function memoryStore(): KeyValueStore {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key)
  }
}

describe('backup and restore', () => {
  it('round trip on the sample archive: every record of every table equal', async () => {
    const source = database()
    await seedSample(source)
    const restored = await restoreFresh(await backupBytes(source))
    expect(await restored.trash.count()).toBe(1)
    const compared = await expectSameArchive(source, restored)
    expect(compared).toBeGreaterThan(30)
    // The restore is a write like any other: the restored archive's log names every record once.
    expect(await restored.changes.where('seq').above(0).count()).toBe(compared)
    console.info(`backup round trip, sample archive: ${compared} records compared`)
  })

  it('a scanned article comes back with its page images and words', async () => {
    const source = database()
    await seedSample(source)
    const [article] = await source.articles.toArray()
    await source.articles.put({
      ...article!,
      scan: { pages: 1, recognisedPages: 1, language: 'fra', confidence: 88 }
    })
    await source.scanPages.add({
      id: `${article!.id}:0`,
      articleId: article!.id,
      page: 0,
      width: 2,
      height: 1,
      mime: 'image/jpeg',
      image: '/9j/4AAQSkZJRgABAQ==',
      words: [{ start: 0, end: 4, x: 0, y: 0, w: 2, h: 1, c: 42 }],
      source: 'ocr',
      start: 0
    })
    const restored = await restoreFresh(await backupBytes(source))
    await expectSameArchive(source, restored)
    expect(await restored.scanPages.where('articleId').equals(article!.id).toArray()).toEqual(
      await source.scanPages.toArray()
    )
  })

  it('a backup taken during an import leaves out its journal, which would report a false interruption', async () => {
    const source = database()
    await seedSample(source)
    await source.settings.bulkAdd([
      { key: 'importJournal', value: { startedAt: '2026-03-01T09:00:00Z', total: 2, names: [] } },
      { key: 'importJournal:done:0000000', value: { index: 0, articleId: 'x' } }
    ])
    const restored = await restoreFresh(await backupBytes(source))
    const keys = (await restored.settings.toArray()).map((record) => record.key).sort()
    expect(keys).toEqual(['authorName', 'sampleLoaded'])
  })

  it('round trip on a generated 10,000-article archive', { timeout: 180_000 }, async () => {
    const source = database()
    await seedSynthetic(source, 10_000)
    const started = performance.now()
    const bytes = await backupBytes(source)
    const wrote = performance.now()
    const restored = await restoreFresh(bytes)
    const read = performance.now()
    expect(await restored.articles.count()).toBe(10_000)
    const compared = await expectSameArchive(source, restored)
    expect(compared).toBeGreaterThan(20_000)
    console.info(
      `backup round trip, 10,000 articles: ${compared} records compared; ` +
        `${(bytes.length / 1e6).toFixed(1)} MB; backup ${Math.round(wrote - started)} ms, ` +
        `restore ${Math.round(read - wrote)} ms (fake-indexeddb)`
    )
  })

  it('preview: what the restore adds, replaces and removes', async () => {
    const db = database()
    await seedSample(db)
    const bytes = await backupBytes(db)
    // After the backup: one article deleted (the backup adds it back), one tag renamed (replaced),
    // one event added (removed by the restore).
    const [article] = await db.articles.limit(1).toArray()
    await db.articles.delete(article!.id)
    const [tag] = await db.tags.limit(1).toArray()
    await db.tags.update(tag!.id, { name: 'Renommé' })
    const [event] = await db.events.limit(1).toArray()
    await db.events.add({ ...event!, id: 'event-new' })
    const preview = await previewRestore(db, streamOf(bytes))
    const by = Object.fromEntries(preview.tables.map((t) => [t.table, t]))
    expect(by['articles']).toMatchObject({ added: 1, replaced: 0, removed: 0 })
    expect(by['articles']!.inBackup).toBe((await db.articles.count()) + 1)
    expect(by['tags']).toMatchObject({ added: 0, replaced: 1, removed: 0 })
    expect(by['events']).toMatchObject({ added: 0, replaced: 0, removed: 1 })
    expect(by['passages']).toMatchObject({ added: 0, replaced: 0, removed: 0 })
    // The archive is as it was: a preview writes nothing.
    expect(await db.events.get('event-new')).toBeDefined()
  })

  it('a restore that fails halfway leaves no database and the archive unchanged', async () => {
    const source = database()
    await seedSample(source)
    const bytes = await backupBytes(source)
    const before = await backupBytes(source)
    const target = database()
    target.close()
    const cut = bytes.slice(0, Math.floor(bytes.length * 0.8))
    const error = await restoreInto(target.name, streamOf(cut)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackupError)
    expect(await Dexie.exists(target.name)).toBe(false)
    expect(await backupBytes(source)).toEqual(before)
    // The same with small transactions: several committed, one maybe in flight, when it fails.
    const small = { records: 3, bytes: 1e9 }
    const again = await restoreInto(target.name, streamOf(cut), undefined, small).catch(
      (e: unknown) => e
    )
    expect(again).toBeInstanceOf(BackupError)
    expect(await Dexie.exists(target.name)).toBe(false)
  })

  it('a restore in many small transactions: the same archive, progress up to every record', async () => {
    const source = database()
    await seedSample(source)
    const bytes = await backupBytes(source)
    const target = database()
    target.close()
    const seen: number[] = []
    const written = await restoreInto(target.name, streamOf(bytes), (p) => seen.push(p.records), {
      records: 4,
      bytes: 2000
    })
    const total = Object.values(written).reduce((a, b) => a + b, 0)
    expect(seen.length).toBeGreaterThan(2)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(seen.at(-1)).toBe(total)
    const restored = new LiasseDatabase(target.name)
    expect(await expectSameArchive(source, restored)).toBe(total)
  })

  it('a restore refused by the database halfway (same text twice) leaves nothing', async () => {
    const source = database()
    await seedSample(source)
    const articles = await source.articles.toArray()
    // Valid records one by one, but two articles with one text: the unique index refuses them
    // once every other table (written first here) is in the new database.
    const twin = { ...articles[0]!, id: 'article-twin' }
    const sources = backupSources(source).map((s) =>
      s.name === 'articles'
        ? {
            ...s,
            records: (async function* () {
              yield* articles
              yield twin
            })()
          }
        : s
    )
    sources.reverse()
    const bytes = await bytesOf(
      writeBackup(
        { createdAt: '2026-03-01T09:00:00.000Z', appVersion: 't', schemaVersion: 5, counts: {} },
        sources
      )
    )
    const target = database()
    target.close()
    await expect(restoreInto(target.name, streamOf(bytes))).rejects.toThrow()
    expect(await Dexie.exists(target.name)).toBe(false)
    // The same in transactions of 2 records: the refused one comes after others have committed.
    const small = { records: 2, bytes: 1e9 }
    await expect(restoreInto(target.name, streamOf(bytes), undefined, small)).rejects.toThrow()
    expect(await Dexie.exists(target.name)).toBe(false)
    expect(await source.articles.count()).toBe(articles.length)
  })

  it('switch to the restored archive, undo it, and clean up at the next start', async () => {
    const stores: ArchiveStores = { local: memoryStore(), session: memoryStore() }
    const original = database()
    await seedSample(original)
    original.close()
    expect(activeArchiveName(stores)).toBe('liasse')
    stores.local.setItem('liasse.activeDatabase', original.name)
    const restored = await restoreFresh(await backupBytes(original))
    switchToRestored(restored.name, stores)
    expect(activeArchiveName(stores)).toBe(restored.name)
    expect(pendingRestoreUndo(stores)).toEqual({ previous: original.name, restored: restored.name })
    // A reload in the same session keeps both.
    expect(await cleanUpArchives(stores)).toEqual([])
    expect(undoRestore(stores)).toBe(true)
    expect(activeArchiveName(stores)).toBe(original.name)
    expect(pendingRestoreUndo(stores)).toBeNull()
    expect(await cleanUpArchives(stores)).toEqual([restored.name])
    expect(await Dexie.exists(restored.name)).toBe(false)
    expect(await Dexie.exists(original.name)).toBe(true)

    // Restore again, then a new session (the app closed): the replaced archive is deleted.
    const again = await restoreFresh(await backupBytes(original))
    switchToRestored(again.name, stores)
    const nextSession: ArchiveStores = { local: stores.local, session: memoryStore() }
    expect(pendingRestoreUndo(nextSession)).toBeNull()
    expect(await cleanUpArchives(nextSession)).toEqual([original.name])
    expect(activeArchiveName(nextSession)).toBe(again.name)
    expect(await Dexie.exists(original.name)).toBe(false)
  })

  it('hostile files: preview and restore end in a BackupError, the archive unchanged', async () => {
    const source = database()
    await seedSample(source)
    const bytes = await backupBytes(source)
    const before = await backupBytes(source)
    let cases = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 500 }),
          fc.nat({ max: bytes.length - 1 }).map((n) => bytes.slice(0, n)),
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([at, bit]) => {
            const flipped = bytes.slice()
            // Past gzip's 10-byte header, whose time and OS bytes no reader uses; and not in the
            // deflate stream's last byte (just before the 8-byte trailer), whose high bits may be
            // padding after the end of the data: flipping one of those leaves the same file.
            let index = 10 + (at % (bytes.length - 10))
            if (index === bytes.length - 9) index -= 1
            flipped[index]! ^= 1 << bit
            return flipped
          })
        ),
        async (input) => {
          cases++
          const target = `backup-test-hostile-${cases}`
          await expect(previewRestore(source, streamOf(input))).rejects.toBeInstanceOf(BackupError)
          await expect(restoreInto(target, streamOf(input))).rejects.toBeInstanceOf(BackupError)
          expect(await Dexie.exists(target)).toBe(false)
        }
      ),
      { numRuns: 150 }
    )
    expect(await backupBytes(source)).toEqual(before)
    console.info(`restore: ${cases} hostile files tried, archive unchanged`)
  }, 120_000)
})
