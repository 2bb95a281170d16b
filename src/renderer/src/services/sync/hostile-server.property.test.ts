// Data from a sync server is untrusted input like any file. A server (here a fake one, answering
// the replication endpoints with what fast-check makes) hands out documents that are malformed in
// every way it can think of, mixed with good ones: each bad one is refused with a reason, the
// good ones are stored, and nothing of the bad ones reaches the archive. An answer that is not
// JSON at all stops the pull with an error, and the archive and the checkpoint stay as they were.
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '@renderer/db'
import { CouchDatabase } from './couch-client'
import { Replicator } from './replicator'

const HASH = 'a'.repeat(32)
let n = 0

/** A tag document as a good server sends it. */
function goodTag(key: string, name: string): Record<string, unknown> {
  return {
    _id: `tag:${key}`,
    _rev: `1-${HASH}`,
    _revisions: { start: 1, ids: [HASH] },
    type: 'tag',
    id: key,
    name,
    parentId: null,
    color: '#1b7f3b',
    description: '',
    author: 'Ana',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z'
  }
}

/** Ways a document can be wrong, each applied to a good one. */
const hostile = fc.oneof(
  fc
    .string()
    .map((rev) => ({ why: 'rev', doc: (d: Record<string, unknown>) => ({ ...d, _rev: rev }) })),
  // Not a Liasse document at all: ignored (never stored, never refused: it is not ours).
  fc.constantFrom('design', 'foreign').map((kind) => ({
    why: 'ignored',
    doc: (d: Record<string, unknown>) =>
      kind === 'design' ? { ...d, _id: '_design/liasse' } : { ...d, _id: `notes:${String(d.id)}` }
  })),
  fc
    .constantFrom<[string, unknown]>(
      ['type', 'article'],
      ['name', 42],
      ['name', '   '],
      ['name', null],
      ['color', 'red'],
      ['color', { r: 1 }],
      ['parentId', 7],
      ['createdAt', 'yesterday'],
      ['id', 'another'],
      ['description', ['a']],
      ['updatedAt', undefined]
    )
    .map(([field, value]) => ({
      why: 'schema',
      doc: (d: Record<string, unknown>) => ({ ...d, [field]: value })
    })),
  fc.anything().map((revisions) => ({
    why: 'history',
    doc: (d: Record<string, unknown>) => ({ ...d, _revisions: revisions ?? { start: 2, ids: [] } })
  })),
  fc.constant({
    why: 'attachment',
    doc: (d: Record<string, unknown>) => ({
      ...d,
      _id: `text:${String(d.id)}`,
      type: 'text',
      articleId: d.id,
      paragraphs: [],
      _attachments: { text: { content_type: 'text/plain', data: '//79/w==' } }
    })
  })
)

/** A server answering _changes, _bulk_get and _local with the documents given. */
function fakeServer(docs: Array<Record<string, unknown>>, garbled = false): typeof fetch {
  const locals = new Map<string, string>()
  return async (input, init) => {
    const url = new URL(String(input))
    const path = url.pathname.replace(/^\/team/, '')
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status })
    if (path === '/_changes') {
      if (Number(url.searchParams.get('since')) > 0) return json({ results: [], last_seq: 1 })
      if (garbled) return new Response('{"results": [ {"id": ', { status: 200 })
      return json({
        results: docs.map((doc, i) => ({
          id: typeof doc._id === 'string' ? doc._id : `tag:x${i}`,
          seq: i + 1,
          changes: [{ rev: typeof doc._rev === 'string' ? doc._rev : `1-${HASH}` }]
        })),
        last_seq: 1
      })
    }
    if (path === '/_bulk_get')
      return json({ results: docs.map((doc) => ({ id: doc._id, docs: [{ ok: doc }] })) })
    if (path.startsWith('/_local/')) {
      if ((init?.method ?? 'GET') === 'PUT') {
        locals.set(path, String(init?.body))
        return json({ ok: true, rev: '0-1' }, 201)
      }
      const stored = locals.get(path)
      return stored ? new Response(stored) : json({ error: 'not_found' }, 404)
    }
    return json({ error: 'not_found' }, 404)
  }
}

async function snapshot(archive: Archive): Promise<string> {
  const tables = ['articles', 'articleTexts', 'passages', 'tags', 'events', 'links', 'dossiers']
  const contents = await Promise.all(tables.map((t) => archive.db.table(t).toArray()))
  return JSON.stringify(contents)
}

describe('a hostile sync server', () => {
  it('each bad document is refused with its reason; the good ones are stored, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostile, { minLength: 1, maxLength: 6 }),
        fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 3 }),
        async (bad, goodNames) => {
          const archive = openArchive(`hostile-${++n}`)
          const own = await archive.tags.create({ name: 'Déjà là', author: 'Moi' })
          const good = goodNames.map((name, i) => goodTag(`good${i}`, `${name} ${i}`))
          const docs = bad.map(({ doc }, i) => doc(goodTag(`bad${i}`, `Mauvais ${i}`)))
          const sync = new Replicator(
            archive.db,
            new CouchDatabase('http://couch.test/team', fakeServer([...docs, ...good]))
          )
          const report = await sync.pull()
          // Every good tag is there, as sent; the archive's own tag is untouched.
          for (const doc of good)
            expect((await archive.db.tags.get(String(doc.id)))?.name).toBe(doc.name)
          expect(await archive.db.tags.get(own.id)).toEqual(own)
          // Nothing of a bad document: no record, no text, nothing else in any table.
          expect(await archive.db.tags.count()).toBe(1 + good.length)
          for (const t of ['articles', 'articleTexts', 'passages', 'events', 'links', 'dossiers'])
            expect(await archive.db.table(t).count(), t).toBe(0)
          // And each one refused, with a reason.
          const refusable = bad.filter(({ why }) => why !== 'ignored').length
          expect(report.refused.length).toBeGreaterThanOrEqual(refusable)
          for (const refusal of report.refused) expect(refusal.problem.length).toBeGreaterThan(3)
          archive.db.close()
        }
      ),
      { numRuns: 60 }
    )
  }, 120_000)

  it('a document over 8 MB is refused, the others stored', async () => {
    const archive = openArchive(`hostile-${++n}`)
    const huge = { ...goodTag('huge', 'Énorme'), description: 'x'.repeat(8_100_000) }
    const sync = new Replicator(
      archive.db,
      new CouchDatabase('http://couch.test/team', fakeServer([huge, goodTag('ok', 'Bon')]))
    )
    const report = await sync.pull()
    expect(report.refused).toEqual([{ id: 'tag:huge', problem: 'larger than 8 MB' }])
    expect(await archive.db.tags.toCollection().primaryKeys()).toEqual(['ok'])
  })

  it('an answer that is not JSON stops the pull: the archive and the checkpoint stay', async () => {
    const archive = openArchive(`hostile-${++n}`)
    await archive.tags.create({ name: 'Déjà là', author: 'Moi' })
    const before = await snapshot(archive)
    const stateBefore = await archive.db.syncState.count()
    const sync = new Replicator(
      archive.db,
      new CouchDatabase('http://couch.test/team', fakeServer([goodTag('a', 'A')], true))
    )
    await expect(sync.pull()).rejects.toThrow('the answer is not JSON')
    expect(await snapshot(archive)).toBe(before)
    // The replica's own id may be made; no checkpoint is.
    const keys = (await archive.db.syncState.toArray()).map((row) => row.key)
    expect(keys.filter((key) => key !== 'replica')).toHaveLength(0)
    expect(stateBefore).toBe(0)
  })
})
