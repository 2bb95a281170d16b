// Migrations: an archive written by each earlier schema version, filled with every record type that
// version has, opens under the latest version with every record unchanged and every index answering.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ArticleRepository } from './article-repository'
import { CHANGES, counterRow, UNLOGGED, type ChangeEntry } from './change-log'
import { LATEST_VERSION, LiasseDatabase, SCHEMA_VERSIONS } from './database'
import { DossierRepository } from './dossier-repository'
import { EventRepository } from './event-repository'
import { PassageRepository } from './passage-repository'
import { SettingsRepository } from './settings-repository'
import { TagRepository } from './tag-repository'

/**
 * The earlier versions this file writes an archive for. When a new schema version ships, the
 * version before it must be added here (the last test fails until then), and the records below
 * must cover any table it adds.
 */
const TESTED_VERSIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9]

type Records = Record<string, Record<string, unknown>[]>

/** Realistic records of every table, made by the repositories themselves on a scratch archive. */
async function makeRecords(): Promise<Records> {
  const db = new LiasseDatabase(`migration-source-${Math.random()}`)
  let clock = Date.UTC(2026, 0, 5, 8, 0, 0)
  const now = (): Date => new Date((clock += 60_000))
  const articles = new ArticleRepository(db, now)
  const tags = new TagRepository(db, now)
  const passages = new PassageRepository(db, now)
  const events = new EventRepository(db, now)
  const dossiers = new DossierRepository(db, now)
  const text =
    'Le 21 octobre 2016, WikiLeaks propose de publier les déclarations d’impôts de Donald Trump.\n\n' +
    'Le lendemain, la presse suisse s’en fait l’écho.'
  const article = await articles.add({
    text,
    paragraphs: [
      { start: 0, end: 89 },
      { start: 91, end: text.length }
    ],
    meta: {
      title: 'WikiLeaks et les impôts',
      outlet: 'RTS',
      author: 'Ana Ruiz',
      published: { value: '2016-10-22', precision: 'day', qualifier: 'stated' },
      language: 'fr'
    },
    sourceName: 'rts-2016-10-22.html',
    sourceFormat: 'html',
    sha256: 'a'.repeat(64)
  })
  await articles.add({
    text: 'A second article, undated.',
    paragraphs: [{ start: 0, end: 26 }],
    meta: { title: 'Undated', outlet: '', author: '', published: null, language: 'en' },
    sourceName: 'undated.txt',
    sourceFormat: 'txt',
    sha256: 'b'.repeat(64)
  })
  const parent = await tags.create({ name: 'Fiscalité', author: 'Ana', description: 'Impôts' })
  const child = await tags.create({ name: 'Déclarations', author: 'Ana', parentId: parent.id })
  const start = text.indexOf('WikiLeaks')
  const passage = await passages.create({
    articleId: article.id,
    start,
    end: start + 'WikiLeaks propose de publier'.length,
    tagIds: [parent.id, child.id],
    note: 'Première mention',
    author: 'Ana'
  })
  const event = await events.createEvent({
    author: 'Ana',
    title: 'Proposition de WikiLeaks',
    date: { start: '2016-10-21', precision: 'day', approximate: false },
    place: 'Internet',
    participants: ['WikiLeaks', 'Donald Trump Jr'],
    description: 'Message direct',
    status: 'confirmed'
  })
  await events.link(event.id, [passage.id], 'reports', 'Ana', 'source primaire')
  await dossiers.create('Dossier impôts', 'Ana')
  // A scan: its page (image and words) in scanPages, from version 10.
  const scanText = 'Une coupure numérisée.'
  await articles.add({
    text: scanText,
    paragraphs: [{ start: 0, end: scanText.length }],
    meta: { title: 'Coupure', outlet: '', author: '', published: null, language: 'fr' },
    sourceName: 'coupure.png',
    sourceFormat: 'image',
    sha256: 'd'.repeat(64),
    scan: {
      summary: { pages: 1, recognisedPages: 1, language: 'fra', confidence: 91 },
      pages: [
        {
          page: 0,
          width: 40,
          height: 20,
          mime: 'image/jpeg',
          image: 'AAAA',
          words: [{ start: 0, end: 3, x: 1, y: 2, w: 10, h: 8, c: 91 }],
          source: 'ocr',
          start: 0
        }
      ]
    }
  })
  const settings = new SettingsRepository(db)
  await settings.set('locale', 'fr')
  await settings.set('authorName', 'Ana Ruiz')
  await settings.set('sampleLoaded', true)
  // A third article, deleted: the trash holds it.
  const deleted = await articles.add({
    text: 'A deleted article.',
    paragraphs: [{ start: 0, end: 18 }],
    meta: { title: 'Deleted', outlet: '', author: '', published: null, language: 'en' },
    sourceName: 'deleted.txt',
    sourceFormat: 'txt',
    sha256: 'c'.repeat(64)
  })
  await articles.remove(deleted.id)

  const records: Records = {}
  for (const table of db.tables) {
    if (UNLOGGED.has(table.name)) continue
    records[table.name] = (await table.toArray()) as Record<string, unknown>[]
  }
  await db.delete()
  return records
}

/** The tables a version declares, counting those of the versions before it. */
function allTablesUpTo(version: number): string[] {
  const names = new Set<string>()
  for (const declared of SCHEMA_VERSIONS.filter((v) => v.version <= version))
    for (const name of Object.keys(declared.stores)) names.add(name)
  return [...names].sort()
}

/** The archive's own tables at a version: without the change log and derived caches. */
function tablesUpTo(version: number): string[] {
  return allTablesUpTo(version).filter((name) => !UNLOGGED.has(name))
}

/** Writes an archive with exactly the schema of `version`, as that release of Liasse did. */
async function writeOldArchive(name: string, version: number, records: Records): Promise<void> {
  const old = new Dexie(name)
  for (const declared of SCHEMA_VERSIONS.filter((v) => v.version <= version))
    old.version(declared.version).stores(declared.stores)
  await old.open()
  expect(old.verno).toBe(version)
  for (const table of tablesUpTo(version)) await old.table(table).bulkAdd(records[table]!)
  if (version >= 6) {
    // From v6 on, every write left its log entry: one per record, numbered from 1.
    let seq = 0
    for (const table of tablesUpTo(version)) {
      const key = old.table(table).schema.primKey.keyPath as string
      await old
        .table(CHANGES)
        .bulkAdd(
          records[table]!.map((r) => ({ table, key: String(r[key]), seq: ++seq, op: 'put' }))
        )
    }
    await old.table(CHANGES).put(counterRow(seq))
  }
  old.close()
}

const byKey = (rows: unknown[], key: string) =>
  [...(rows as Record<string, string>[])].sort((a, b) => a[key]!.localeCompare(b[key]!))

let records: Records
const opened: string[] = []

beforeAll(async () => {
  records = await makeRecords()
})
afterEach(async () => {
  for (const name of opened.splice(0)) await Dexie.delete(name)
})

describe.each(TESTED_VERSIONS)('an archive written by version %i', (version) => {
  it('has records for every table of that version', () => {
    for (const table of tablesUpTo(version))
      expect(records[table]?.length, table).toBeGreaterThan(0)
  })

  it('opens under the latest version with every record unchanged and every index answering', async () => {
    const name = `migration-v${version}-${Math.random()}`
    opened.push(name)
    await writeOldArchive(name, version, records)

    const db = new LiasseDatabase(name)
    await db.open()
    expect(db.verno).toBe(LATEST_VERSION)
    for (const table of tablesUpTo(version)) {
      const key = db.table(table).schema.primKey.keyPath as string
      expect(byKey(await db.table(table).toArray(), key), table).toEqual(
        byKey(records[table]!, key)
      )
    }
    for (const table of allTablesUpTo(LATEST_VERSION).filter(
      (t) => !allTablesUpTo(version).includes(t) && t !== 'changes'
    ))
      expect(await db.table(table).count(), `${table} starts empty`).toBe(0)

    // The change log starts with one entry for each record there was, numbered from 1.
    const logged = (await db.changes.orderBy('seq').toArray()) as ChangeEntry[]
    const expected = tablesUpTo(version).flatMap((table) => {
      const key = db.table(table).schema.primKey.keyPath as string
      return records[table]!.map((record) => `${table}:${String(record[key])}`)
    })
    expect(logged.map((entry) => `${entry.table}:${entry.key}`).sort()).toEqual(expected.sort())
    expect(logged.map((entry) => entry.seq)).toEqual(logged.map((_, i) => i + 1))
    expect(logged.every((entry) => entry.op === 'put')).toBe(true)

    // The indexes the repositories query, including those added after `version`.
    const [article] = records.articles as { id: string; sha256: string; sourceName: string }[]
    expect((await db.articles.where('sha256').equals(article!.sha256).first())?.id).toBe(
      article!.id
    )
    expect(await db.articles.where('sourceName').equals(article!.sourceName).count()).toBe(1)
    expect(await db.articles.where('published.value').above('2000').count()).toBe(1)
    expect(await db.articles.orderBy('importedAt').count()).toBe(3)
    const passage = records.passages![0] as { id: string; articleId: string; tagIds: string[] }
    const inV2 = version >= 2
    expect(await db.passages.where('articleId').equals(passage.articleId).count()).toBe(
      inV2 ? 1 : 0
    )
    expect(await db.passages.where('tagIds').equals(passage.tagIds[1]!).count()).toBe(inV2 ? 1 : 0)
    const child = (records.tags as { id: string; parentId: string | null }[]).find(
      (tag) => tag.parentId
    )!
    expect(await db.tags.where('parentId').equals(child.parentId!).count()).toBe(inV2 ? 1 : 0)
    const inV3 = version >= 3
    const link = records.links![0] as { eventId: string; passageId: string }
    expect(
      await db.links.where('[eventId+passageId]').equals([link.eventId, link.passageId]).count()
    ).toBe(inV3 ? 1 : 0)
    expect(await db.links.where('passageId').equals(link.passageId).count()).toBe(inV3 ? 1 : 0)
    expect(await db.events.where('date.start').equals('2016-10-21').count()).toBe(inV3 ? 1 : 0)
    expect(await db.dossiers.orderBy('title').count()).toBe(version >= 4 ? 1 : 0)
    expect(await db.trash.orderBy('deletedAt').count()).toBe(version >= 5 ? 1 : 0)
    expect((await db.settings.get('authorName'))?.value).toBe('Ana Ruiz')
    db.close()
  })
})

it('writes an archive for every schema version before the latest', () => {
  const earlier = SCHEMA_VERSIONS.map((v) => v.version).filter((v) => v !== LATEST_VERSION)
  expect(TESTED_VERSIONS).toEqual(earlier)
})

it('declares the versions in increasing order, none edited away', () => {
  expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(
    Array.from({ length: LATEST_VERSION }, (_, i) => i + 1)
  )
})
