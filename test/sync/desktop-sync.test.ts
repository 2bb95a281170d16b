// Sync on the desktop, end to end without Electron: the renderer's fetch (platform/electron.ts)
// goes over a stand-in for the preload bridge, through the main process's IPC pipeline (sender
// check, request guard) to the sync bridge, which carries it with Node's fetch to a CouchDB-
// compatible server started for the test. A replica syncs that way like any other, and nothing
// goes to any origin but the one configured.
import 'fake-indexeddb/auto'
import { join, resolve } from 'node:path'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvokeChannel, IpcRequest, IpcResponse, IpcResult, LiasseBridge } from '@shared/ipc'
import { makeAppLocation } from '../../src/main/app-origin'
import { processInvoke } from '../../src/main/ipc-core'
import { SyncBridge } from '../../src/main/sync-bridge'
import { syncFetch } from '@renderer/platform/electron'
import { openArchive } from '@renderer/db'
import { CouchDatabase } from '@renderer/services/sync/couch-client'
import { Replicator } from '@renderer/services/sync/replicator'
import { startCouchServer, type CouchServer } from './couch-server'

const index = resolve('/opt/Liasse/resources/app.asar/out/renderer/index.html')
const location = makeAppLocation(undefined, index)
let server: CouchServer
let frameUrl = pathToFileURL(index).href
const refusals: string[] = []

const sync = new SyncBridge({
  fetch: (input, init) => fetch(input, init),
  safeStorage: {
    isEncryptionAvailable: () => false,
    encryptString: () => Buffer.alloc(0),
    decryptString: () => ''
  },
  credentialsFile: join(mkdtempSync(join(tmpdir(), 'liasse-desktop-sync-')), 'credentials.json'),
  warn: (message) => refusals.push(message)
})

/** What main's handlers do for the sync channels (src/main/ipc.ts). */
const handlers: Partial<Record<InvokeChannel, (request: never) => Promise<unknown>>> = {
  'liasse:sync:server': async (request: IpcRequest<'liasse:sync:server'>) => {
    sync.setServer(request.server)
    return null
  },
  'liasse:sync:request': async (request: IpcRequest<'liasse:sync:request'>) =>
    sync.request(request),
  'liasse:sync:abort': async (request: IpcRequest<'liasse:sync:abort'>) => {
    sync.abort(request.id)
    return null
  }
}

/** The preload's bridge, with main's pipeline behind it. */
const bridge = {
  invoke<C extends InvokeChannel>(channel: C, request: IpcRequest<C>) {
    return processInvoke({
      channel,
      handler: handlers[channel] as never,
      context: {},
      sender: { frameUrl, isMainFrame: true, isOurWindow: true },
      location,
      args: [request],
      log: { info: () => undefined, warn: (message: string) => refusals.push(message) }
    }) as Promise<IpcResult<IpcResponse<C>>>
  },
  onMenuCommand: () => () => undefined
} as LiasseBridge

beforeAll(async () => {
  server = await startCouchServer()
  expect((await fetch(`${server.url}/team`, { method: 'PUT' })).status).toBe(201)
}, 30_000)
afterAll(async () => server?.stop())

describe('desktop sync through the main process', () => {
  it('a replica syncs through main to the configured server', async () => {
    const ana = openArchive('desktop-ana')
    const ben = openArchive('desktop-ben')
    const carried = syncFetch(bridge)
    expect((await bridge.invoke('liasse:sync:server', { server: server.url })).ok).toBe(true)
    const tag = await ana.tags.create({ name: 'Impôts', author: 'Ana' })
    const anaSync = new Replicator(ana.db, new CouchDatabase(`${server.url}/team`, carried))
    expect((await anaSync.push()).sent).toBe(1)
    // Ben syncs straight with the server (as the web build does): the same documents.
    const benSync = new Replicator(ben.db, new CouchDatabase(`${server.url}/team`))
    await benSync.pull()
    expect((await ben.db.tags.get(tag.id))?.name).toBe('Impôts')
    await ben.tags.update(tag.id, { name: 'Fiscalité' })
    await benSync.push()
    expect((await anaSync.pull()).received).toBe(1)
    expect((await ana.db.tags.get(tag.id))?.name).toBe('Fiscalité')
  })

  it('refuses any other origin, and any sender but the app’s page', async () => {
    const carried = syncFetch(bridge)
    await expect(carried('https://tracker.example.net/collect')).rejects.toThrow(
      'not the team server'
    )
    const elsewhere = new CouchDatabase('http://127.0.0.1:9/team', carried)
    await expect(elsewhere.changes(0, 10)).rejects.toMatchObject({ status: 0 })
    expect(
      refusals.some((m) => m.includes('not the team server (https://tracker.example.net)'))
    ).toBe(true)
    frameUrl = 'https://evil.example.org/'
    await expect(carried(`${server.url}/team`)).rejects.toThrow()
    frameUrl = pathToFileURL(index).href
    expect((await carried(`${server.url}/team`)).status).toBe(200)
  })
})
