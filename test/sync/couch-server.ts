// A CouchDB-compatible server for tests: pouchdb-server (express-pouchdb over LevelDB) started on
// a free loopback port, its data, config and log in a temporary folder, stopped by its process
// id. `restart` starts it again on the same folder (the kill-and-resume tests).
//
// With LIASSE_COUCHDB_URL set (`http://admin:password@127.0.0.1:5984`, a server admin's name and
// password), the tests run against that CouchDB instead (docs/team-server.md): nothing is started,
// `url` is its origin without the credentials, and this process's `fetch` sends them (Basic) on
// every request to that origin that carries no Authorization of its own, as the tests' fetches
// were written for pouchdb-server's admin party. A database a test creates through `fetch` is made
// public as on pouchdb-server (its `_security` emptied: the pages of the e2e connect without a
// name), and deleted by `stop`. Such a server cannot be killed: `canKillServer` is false and
// `kill`/`restart` throw, so the kill-and-resume tests skip.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const BIN = resolve('node_modules/pouchdb-server/bin/pouchdb-server')

export interface CouchServer {
  /** `http://127.0.0.1:<port>`, no trailing slash (never with credentials). */
  url: string
  /** Its data folder; empty for a server this test did not start (LIASSE_COUCHDB_URL). */
  dir: string
  /** A server admin's name and password (LIASSE_COUCHDB_URL); null on pouchdb-server's admin party. */
  admin: { user: string; password: string } | null
  pid: () => number | undefined
  /** Stops it (SIGKILL: as a crash would, nothing flushed on the way out). */
  kill: () => Promise<void>
  /** Starts it again on the same folder and port. */
  restart: () => Promise<void>
  /** Stops it and removes its folder. */
  stop: () => Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}`)
    try {
      const response = await fetch(`${url}/`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`pouchdb-server did not answer on ${url} within 20 s`)
}

/** True when something already listens on this loopback port. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createConnection({ host: '127.0.0.1', port })
    probe.once('connect', () => {
      probe.destroy()
      done(true)
    })
    probe.once('error', () => done(false))
  })
}

/** The CouchDB the tests should use instead of starting pouchdb-server, if any. */
const EXTERNAL = process.env.LIASSE_COUCHDB_URL?.trim() || undefined

/** False when the tests run against a server they did not start (LIASSE_COUCHDB_URL). */
export const canKillServer = EXTERNAL === undefined

/** Starts the server on `port` (which must be free: another server would answer for it), or on a free one. */
export async function startCouchServer(port?: number): Promise<CouchServer> {
  // Then the port a test asks for is ignored: the tests use that server's, and an e2e page reaches
  // it when the harness build's CSP names it (LIASSE_SYNC_ORIGINS at build time, docs/team-server.md).
  if (EXTERNAL !== undefined) return externalServer(EXTERNAL)
  if (port !== undefined && (await portTaken(port)))
    throw new Error(`port ${port} is already in use: another test server is running there`)
  const dir = mkdtempSync(join(tmpdir(), 'liasse-couch-'))
  port ??= await freePort()
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    child = spawn(
      process.execPath,
      [BIN, '--port', String(port), '--host', '127.0.0.1', '--dir', dir, '--no-stdout-logs'],
      { cwd: dir, stdio: 'ignore' }
    )
    await waitUntilUp(url, child)
  }
  const kill = async (): Promise<void> => {
    const running = child
    if (!running || running.exitCode !== null || running.pid === undefined) return
    const exited = new Promise((r) => running.once('exit', r))
    process.kill(running.pid, 'SIGKILL')
    await exited
  }
  await start()
  return {
    url,
    dir,
    admin: null,
    pid: () => child?.pid,
    kill,
    restart: start,
    stop: async () => {
      await kill()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** The databases tests created on the external server, deleted by `stop`. */
const created = new Set<string>()
let authenticating = false

/**
 * Makes this process's `fetch` send the admin's credentials to `origin` (unless a request has
 * its own Authorization), and a database created there public, as on pouchdb-server.
 */
function authenticateFetch(origin: string, authorization: string): void {
  if (authenticating) return
  authenticating = true
  const plain = globalThis.fetch
  globalThis.fetch = async (input, init) => {
    // The address first: a Request made from a Request takes its body, so only ours are remade.
    const url = new URL(input instanceof Request ? input.url : input)
    if (url.origin !== origin) return plain(input, init)
    const request = new Request(input, init)
    const headers = new Headers(request.headers)
    if (!headers.has('authorization')) headers.set('authorization', authorization)
    const response = await plain(new Request(request, { headers }))
    const database = /^\/([^/_][^/]*)\/?$/.exec(url.pathname)?.[1]
    if (request.method === 'PUT' && database && response.status === 201) {
      created.add(database)
      const opened = await plain(`${origin}/${database}/_security`, {
        method: 'PUT',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({
          admins: { names: [], roles: [] },
          members: { names: [], roles: [] }
        })
      })
      if (!opened.ok) throw new Error(`could not open ${database} to all: ${opened.status}`)
    }
    return response
  }
}

async function externalServer(address: string): Promise<CouchServer> {
  let parsed: URL
  try {
    parsed = new URL(address)
  } catch {
    throw new Error('LIASSE_COUCHDB_URL is not a URL (e.g. http://admin:password@127.0.0.1:5984)')
  }
  const url = parsed.origin
  const user = decodeURIComponent(parsed.username)
  const password = decodeURIComponent(parsed.password)
  if (user === '')
    throw new Error('LIASSE_COUCHDB_URL must carry a server admin: http://admin:password@host:port')
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  authenticateFetch(url, authorization)
  const session = await fetch(`${url}/_session`).catch((error: unknown) => {
    throw new Error(`LIASSE_COUCHDB_URL: ${url} does not answer (${String(error)})`)
  })
  const roles = ((await session.json().catch(() => ({}))) as { userCtx?: { roles?: string[] } })
    .userCtx?.roles
  if (session.status === 401)
    throw new Error(`LIASSE_COUCHDB_URL: ${url} refused the name and password of ${user}`)
  if (!session.ok || !roles?.includes('_admin'))
    throw new Error(
      `LIASSE_COUCHDB_URL: ${user} is not a server admin of ${url} (${session.status})`
    )
  const cannot = (): Promise<void> =>
    Promise.reject(
      new Error(
        `cannot kill or restart a server this test did not start (LIASSE_COUCHDB_URL=${url}): skip this test when canKillServer is false`
      )
    )
  return {
    url,
    dir: '',
    admin: { user, password },
    pid: () => undefined,
    kill: cannot,
    restart: cannot,
    stop: async () => {
      for (const database of created) {
        await fetch(`${url}/${database}`, { method: 'DELETE' })
        created.delete(database)
      }
    }
  }
}

/** An HTTP server that answers JSON but is not a CouchDB (for Test connection's "not CouchDB"). */
export async function startPlainServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { createServer: createHttpServer } = await import('node:http')
  const server = createHttpServer((_request, response) => {
    response.setHeader('Content-Type', 'application/json')
    response.end('{"hello":"world"}')
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((done) => server.close(() => done()))
  }
}
