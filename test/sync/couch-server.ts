// A CouchDB-compatible server for tests: pouchdb-server (express-pouchdb over LevelDB) started on
// a free loopback port, its data, config and log in a temporary folder, stopped by its process
// id. `restart` starts it again on the same folder (the kill-and-resume tests).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const BIN = resolve('node_modules/pouchdb-server/bin/pouchdb-server')

export interface CouchServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string
  dir: string
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

/** Starts the server on `port` (which must be free: another server would answer for it), or on a free one. */
export async function startCouchServer(port?: number): Promise<CouchServer> {
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
    pid: () => child?.pid,
    kill,
    restart: start,
    stop: async () => {
      await kill()
      rmSync(dir, { recursive: true, force: true })
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
