// The changes feed's longpoll against a real CouchDB-compatible server: it returns when a change
// comes, and ends on our own timeout or when aborted even where the server ignores its timeout.
// A server without _bulk_get is read with open_revs per document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCouchServer, type CouchServer } from '../../../../../test/sync/couch-server'
import { CouchDatabase } from './couch-client'

let server: CouchServer
let db: CouchDatabase

beforeAll(async () => {
  server = await startCouchServer()
  await fetch(`${server.url}/feed`, { method: 'PUT' })
  db = new CouchDatabase(`${server.url}/feed`)
}, 30_000)
afterAll(async () => server?.stop())

const put = (id: string): Promise<Response> =>
  fetch(`${server.url}/feed/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: '{"type":"tag"}'
  })

describe('waiting on the changes feed', () => {
  it('returns true as soon as a change comes', async () => {
    const { lastSeq } = await db.changes(0, 100)
    // Before its 60 s timeout (the test's own is shorter): the change ended the wait.
    const waiting = db.waitForChanges(lastSeq, 60_000)
    setTimeout(() => void put('tag:a'), 300)
    expect(await waiting).toBe(true)
  })

  it('ends on its own timeout, and at once when aborted', async () => {
    const { lastSeq } = await db.changes(0, 100)
    // pouchdb-server ignores the feed's own timeout: only ours can end this wait.
    expect(await db.waitForChanges(lastSeq, 1_200)).toBe(false)
    const controller = new AbortController()
    const waiting = db.waitForChanges(lastSeq, 60_000, controller.signal)
    setTimeout(() => controller.abort(), 200)
    expect(await waiting).toBe(false)
  })

  it('returns at once when changes are already there', async () => {
    await put('tag:b')
    expect(await db.waitForChanges(0, 10_000)).toBe(true)
  })
})

describe('a server without _bulk_get', () => {
  it('is read with open_revs per document instead, with the same revisions and histories', async () => {
    await fetch(`${server.url}/nobulk`, { method: 'PUT' })
    const first = await (
      await fetch(`${server.url}/nobulk/tag:x`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{"type":"tag","name":"un"}'
      })
    ).json()
    await fetch(`${server.url}/nobulk/tag:x`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ _rev: first.rev, type: 'tag', name: 'deux' })
    })
    const asked: string[] = []
    const without = new CouchDatabase(`${server.url}/nobulk`, async (input, init) => {
      asked.push(new URL(String(input)).pathname)
      if (String(input).includes('/_bulk_get'))
        return new Response('{"error":"not_found","reason":"missing"}', { status: 404 })
      return fetch(input, init)
    })
    const { rows } = await without.changes(0, 10)
    const wanted = rows.flatMap((row) => row.revs.map((rev) => ({ id: row.id, rev })))
    const fetched = await without.bulkGet(wanted)
    expect(fetched.errors).toEqual([])
    expect(fetched.docs).toHaveLength(1)
    expect(fetched.docs[0]).toMatchObject({ _id: 'tag:x', name: 'deux' })
    expect((fetched.docs[0]!._revisions as { ids: string[] }).ids).toHaveLength(2)
    // Asked once, then straight to open_revs for the next documents.
    await without.bulkGet(wanted)
    expect(asked.filter((path) => path.endsWith('/_bulk_get'))).toHaveLength(1)
    expect(
      asked.filter((path) => path.endsWith('/tag:x') || path.endsWith('/tag%3Ax'))
    ).toHaveLength(2)
  })
})
