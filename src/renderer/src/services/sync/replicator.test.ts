// Two Liasse archives (fake-indexeddb) replicating through a CouchDB-compatible server started for
// the test (pouchdb-server on a loopback port, stopped by its process id): records go across in
// both directions, edits made offline on both sides become a conflict kept on both replicas with
// the same winner, deletes replicate, and a hostile document is refused with nothing stored.
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ImportedArticle } from '@core/import/types'
import { sha256Hex } from '@core/text/hash'
import { normalizeText, paragraphSpans } from '@core/text/normalize'
import { openArchive, type Archive } from '@renderer/db'
import { startCouchServer, type CouchServer } from '../../../../../test/sync/couch-server'
import { CouchDatabase } from './couch-client'
import { Replicator } from './replicator'

let server: CouchServer
let n = 0
let dbUrl: string

async function imported(title: string, body: string): Promise<ImportedArticle> {
  const text = normalizeText(body)
  return {
    text,
    paragraphs: paragraphSpans(text),
    meta: { title, outlet: 'Le Monde', author: '', published: null, language: 'fr' },
    sourceName: `${title}.txt`,
    sourceFormat: 'txt',
    sha256: await sha256Hex(text)
  }
}

beforeAll(async () => {
  server = await startCouchServer()
}, 30_000)
afterAll(async () => server?.stop())

beforeEach(async () => {
  dbUrl = `${server.url}/team-${++n}`
  const created = await fetch(dbUrl, { method: 'PUT' })
  expect(created.status).toBe(201)
})

function replica(name: string): { archive: Archive; sync: Replicator } {
  const archive = openArchive(`${name}-${n}`)
  return { archive, sync: new Replicator(archive.db, new CouchDatabase(dbUrl)) }
}

describe('replication through a CouchDB server', () => {
  it('sends a replica’s records and the other receives them, then back', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const article = await ana.archive.articles.add(
      await imported('Les échanges', 'WikiLeaks écrit à Donald Trump Jr pendant la campagne.')
    )
    const tag = await ana.archive.tags.create({ name: 'Impôts', author: 'Ana' })
    const pushed = await ana.sync.push()
    expect(pushed.sent).toBe(3) // the article, its text, the tag

    const pulled = await ben.sync.pull()
    expect(pulled).toMatchObject({ received: 3, refused: [], conflicts: [] })
    expect(await ben.archive.db.articles.get(article.id)).toEqual(article)
    expect((await ben.archive.db.articleTexts.get(article.id))?.text).toBe(
      'WikiLeaks écrit à Donald Trump Jr pendant la campagne.'
    )
    expect(await ben.archive.db.tags.get(tag.id)).toEqual(tag)

    // What Ben received is not sent back; what he changes is.
    expect((await ben.sync.push()).sent).toBe(0)
    await ben.archive.tags.update(tag.id, { name: 'Fiscalité' })
    expect((await ben.sync.push()).sent).toBe(1)
    expect(await ana.sync.pull()).toMatchObject({ received: 1, conflicts: [] })
    expect((await ana.archive.db.tags.get(tag.id))?.name).toBe('Fiscalité')
    // Nothing new either way.
    expect((await ana.sync.push()).sent).toBe(0)
    expect((await ben.sync.pull()).received).toBe(0)
  })

  it('edits made on both sides offline become one conflict, with the same winner on both', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const tag = await ana.archive.tags.create({ name: 'Impôts', author: 'Ana' })
    await ana.sync.push()
    await ben.sync.pull()

    await ana.archive.tags.update(tag.id, { name: 'Impôts (Ana)' })
    await ben.archive.tags.update(tag.id, { name: 'Impôts (Ben)' })
    await ana.sync.push()
    await ben.sync.push()
    const anaPull = await ana.sync.pull()
    const benPull = await ben.sync.pull()
    expect(anaPull.conflicts).toEqual([`tag:${tag.id}`])
    expect(benPull.conflicts).toEqual([`tag:${tag.id}`])
    const [anaTag, benTag] = await Promise.all([
      ana.archive.db.tags.get(tag.id),
      ben.archive.db.tags.get(tag.id)
    ])
    expect(anaTag?.name).toBe(benTag?.name)
    // The losing edit is kept, on both replicas.
    for (const side of [ana, ben]) {
      const meta = await side.archive.db.syncDocs.get(`tag:${tag.id}`)
      expect(meta?.conflicts).toHaveLength(1)
      const names = Object.values(meta!.bodies).map((b) => (b as unknown as { name: string }).name)
      expect(names.sort()).toEqual(['Impôts (Ana)', 'Impôts (Ben)'])
    }
    // The server agrees: the same winner, the other kept as a conflict.
    const onServer = await (await fetch(`${dbUrl}/tag:${tag.id}?conflicts=true`)).json()
    expect(onServer.name).toBe(anaTag?.name)
    expect(onServer._conflicts).toHaveLength(1)

    // Ana resolves it, keeping Ben's name: one revision, the other branch deleted, everywhere.
    const meta = await ana.archive.db.syncDocs.get(`tag:${tag.id}`)
    const bens = Object.values(meta!.bodies).find((b) => b && b.name === 'Impôts (Ben)')!
    await ana.sync.resolveConflict(`tag:${tag.id}`, bens)
    expect((await ana.archive.db.tags.get(tag.id))?.name).toBe('Impôts (Ben)')
    expect(await ana.archive.db.syncDocs.where('conflicted').equals(1).count()).toBe(0)
    expect((await ana.sync.push()).sent).toBe(2)
    expect((await ben.sync.pull()).conflicts).toEqual([])
    expect((await ben.archive.db.tags.get(tag.id))?.name).toBe('Impôts (Ben)')
    expect((await ben.archive.db.syncDocs.get(`tag:${tag.id}`))?.conflicts).toEqual([])
    const resolved = await (await fetch(`${dbUrl}/tag:${tag.id}?conflicts=true`)).json()
    expect(resolved.name).toBe('Impôts (Ben)')
    expect(resolved._conflicts).toBeUndefined()
    // Nothing left to send either way.
    expect((await ana.sync.push()).sent).toBe(0)
    expect((await ben.sync.push()).sent).toBe(0)
  })

  it('an edit not pushed yet survives a pull bringing the other side’s edit: a conflict, both kept', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const tag = await ana.archive.tags.create({ name: 'Impôts', author: 'Ana' })
    await ana.sync.push()
    await ben.sync.pull()
    await ana.archive.tags.update(tag.id, { name: 'Impôts (Ana)' })
    await ben.archive.tags.update(tag.id, { name: 'Impôts (Ben)' })
    await ana.sync.push()
    // Ben pulls before he pushes, as the sync loop does.
    expect((await ben.sync.pull()).conflicts).toEqual([`tag:${tag.id}`])
    const meta = await ben.archive.db.syncDocs.get(`tag:${tag.id}`)
    const names = Object.values(meta!.bodies).map((b) => (b as unknown as { name: string }).name)
    expect(names.sort()).toEqual(['Impôts (Ana)', 'Impôts (Ben)'])
    expect((await ben.sync.push()).sent).toBe(1)
    expect((await ana.sync.pull()).conflicts).toEqual([`tag:${tag.id}`])
    expect((await ana.archive.db.tags.get(tag.id))?.name).toBe(
      (await ben.archive.db.tags.get(tag.id))?.name
    )
  })

  it('a delete replicates as a tombstone', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const tag = await ana.archive.tags.create({ name: 'Impôts', author: 'Ana' })
    await ana.sync.push()
    await ben.sync.pull()
    await ana.archive.db.tags.delete(tag.id)
    expect((await ana.sync.push()).sent).toBe(1)
    await ben.sync.pull()
    expect(await ben.archive.db.tags.get(tag.id)).toBeUndefined()
    const onServer = await fetch(`${dbUrl}/tag:${tag.id}`)
    expect(onServer.status).toBe(404)
  })

  it('refuses documents that fail the record schemas, naming why, and stores nothing of them', async () => {
    const ben = replica('ben')
    const hostile = [
      { _id: 'tag:t1', type: 'tag', id: 't1', name: 42 },
      { _id: 'tag:t2', type: 'article', id: 't2' },
      { _id: 'passage:p1', type: 'passage', id: 'other' }
    ]
    for (const doc of hostile) {
      const response = await fetch(`${dbUrl}/${doc._id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(doc)
      })
      expect(response.status).toBe(201)
    }
    const before = await ben.archive.db.changes.count()
    const report = await ben.sync.pull()
    expect(report.received).toBe(0)
    expect(report.refused.map((r) => r.id).sort()).toEqual(['passage:p1', 'tag:t1', 'tag:t2'])
    expect(report.refused.find((r) => r.id === 'tag:t2')?.problem).toBe(
      'tag:t2: its type is not tag'
    )
    expect(await ben.archive.db.tags.count()).toBe(0)
    expect(await ben.archive.db.syncDocs.count()).toBe(0)
    expect(await ben.archive.db.changes.count()).toBe(before)
  })

  it('an article both replicas have (same text) stays one: the local copy gives way, its passages move', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const body = 'WikiLeaks écrit à Donald Trump Jr pendant la campagne présidentielle.'
    const anas = await ana.archive.articles.add(await imported('Les échanges', body))
    const bens = await ben.archive.articles.add(await imported('Les échanges', body))
    expect(bens.id).not.toBe(anas.id)
    const passage = await ben.archive.passages.create({
      articleId: bens.id,
      start: 0,
      end: 9,
      tagIds: [],
      note: 'Vu par Ben',
      author: 'Ben'
    })
    await ana.sync.push()
    expect(await ben.sync.pull()).toMatchObject({ received: 2, refused: [] })
    expect(await ben.archive.db.articles.toCollection().primaryKeys()).toEqual([anas.id])
    expect((await ben.archive.db.articleTexts.get(anas.id))?.text).toBe(body)
    expect(await ben.archive.db.articleTexts.get(bens.id)).toBeUndefined()
    expect((await ben.archive.db.passages.get(passage.id))?.articleId).toBe(anas.id)
    // Ben's own copy never reaches the team; his passage does, on the team's article.
    await ben.sync.push()
    await ana.sync.pull()
    expect(await ana.archive.db.articles.count()).toBe(1)
    expect((await ana.archive.db.passages.get(passage.id))?.articleId).toBe(anas.id)
    const all = await (await fetch(`${dbUrl}/_all_docs`)).json()
    expect(all.rows.map((r: { id: string }) => r.id).sort()).toEqual(
      [`article:${anas.id}`, `passage:${passage.id}`, `text:${anas.id}`].sort()
    )
  })

  it('the same passage linked to the same event on both sides is one link; different roles conflict', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const article = await ana.archive.articles.add(
      await imported('Les échanges', 'WikiLeaks écrit à Donald Trump Jr pendant la campagne.')
    )
    const passage = await ana.archive.passages.create({
      articleId: article.id,
      start: 0,
      end: 9,
      tagIds: [],
      note: '',
      author: 'Ana'
    })
    const event = await ana.archive.events.createEvent({
      author: 'Ana',
      title: 'Premier message',
      date: { start: '2016-09-20', precision: 'day', approximate: false },
      place: '',
      participants: [],
      description: '',
      status: 'confirmed'
    })
    await ana.sync.push()
    await ben.sync.pull()
    const [anas] = await ana.archive.events.link(event.id, [passage.id], 'reports', 'Ana')
    const [bens] = await ben.archive.events.link(event.id, [passage.id], 'contradicts', 'Ben')
    expect(bens!.id).toBe(anas!.id)
    await ana.sync.push()
    await ben.sync.push()
    const anaPull = await ana.sync.pull()
    await ben.sync.pull()
    expect(anaPull.conflicts).toEqual([`link:${anas!.id}`])
    expect(await ana.archive.db.links.count()).toBe(1)
    expect(await ben.archive.db.links.count()).toBe(1)
    expect((await ana.archive.db.links.get(anas!.id))?.role).toBe(
      (await ben.archive.db.links.get(anas!.id))?.role
    )
  })

  it('a 20 MB text travels as its document’s attachment and arrives whole', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const sentence = 'Le 21 octobre 2016, WikiLeaks écrit à Donald Trump Jr. — « Hey Donald » 🇺🇸. '
    const body = sentence.repeat(Math.ceil(20_000_000 / sentence.length))
    const article = await ana.archive.articles.add(await imported('Très long', body))
    expect((await ana.sync.push()).sent).toBe(2)
    const onServer = await (await fetch(`${dbUrl}/text:${article.id}`)).json()
    expect(onServer.text).toBeUndefined()
    expect(onServer._attachments.text.length).toBeGreaterThan(20_000_000)
    expect(await ben.sync.pull()).toMatchObject({ received: 2, refused: [] })
    const received = await ben.archive.db.articleTexts.get(article.id)
    expect(received?.text.length).toBe(normalizeText(body).length)
    expect(received?.text === normalizeText(body)).toBe(true)
    // Nothing new to send back.
    expect((await ben.sync.push()).sent).toBe(0)
  }, 120_000)

  it('checkpoints: a second pull starts where the first stopped', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    for (let i = 0; i < 5; i++) await ana.archive.tags.create({ name: `Tag ${i}`, author: 'Ana' })
    await ana.sync.push()
    expect((await ben.sync.pull()).received).toBe(5)
    const local = await ben.archive.db.syncState.toArray()
    expect(local.some((row) => String(row.key).startsWith('liasse-'))).toBe(true)
    await ana.archive.tags.create({ name: 'Tag 5', author: 'Ana' })
    await ana.sync.push()
    expect((await ben.sync.pull()).received).toBe(1)
  })
})
