// Test connection against a real CouchDB-compatible server (pouchdb-server, started here): each
// way of failing has its own answer, checked in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startCouchServer,
  startPlainServer,
  type CouchServer
} from '../../../../../test/sync/couch-server'
import { serverOrigin, testConnection } from './connection'

let couch: CouchServer
let notCouch: { url: string; stop: () => Promise<void> }
let notCouchUrl: string

beforeAll(async () => {
  couch = await startCouchServer()
  await fetch(`${couch.url}/team`, { method: 'PUT' })
  notCouch = await startPlainServer()
  notCouchUrl = notCouch.url
}, 30_000)

afterAll(async () => {
  await couch?.stop()
  await notCouch?.stop()
})

describe('the server address', () => {
  it('must be HTTPS, or HTTP on this computer only', () => {
    expect(serverOrigin('https://couch.example.org/')).toEqual({
      origin: 'https://couch.example.org'
    })
    expect(serverOrigin('http://127.0.0.1:5984')).toEqual({ origin: 'http://127.0.0.1:5984' })
    expect(serverOrigin('http://localhost:5984')).toEqual({ origin: 'http://localhost:5984' })
    expect(serverOrigin('http://couch.example.org')).toEqual({ problem: 'insecure' })
    expect(serverOrigin('ftp://couch.example.org')).toEqual({ problem: 'badAddress' })
    expect(serverOrigin('couch')).toEqual({ problem: 'badAddress' })
  })
})

describe('Test connection', () => {
  const config = (server: string, database = 'team', user = '') => ({ server, database, user })

  it('passes on a CouchDB with the database', async () => {
    expect(await testConnection(config(couch.url), '')).toEqual({ ok: true })
  })

  it('tells each failure apart', async () => {
    expect(await testConnection(config('http://127.0.0.1:1'), '')).toMatchObject({
      ok: false,
      problem: 'unreachable'
    })
    expect(await testConnection(config(notCouchUrl), '')).toMatchObject({
      ok: false,
      problem: 'notCouch'
    })
    expect(await testConnection(config(couch.url, 'team', 'ana'), 'wrong')).toMatchObject({
      ok: false,
      problem: 'badCredentials'
    })
    expect(await testConnection(config(couch.url, 'missing'), '')).toEqual({
      ok: false,
      problem: 'missingDatabase',
      detail: 'missing'
    })
    expect(await testConnection(config('http://team.example.org'), '')).toMatchObject({
      ok: false,
      problem: 'insecure'
    })
  })
})
