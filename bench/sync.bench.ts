// Team sync at scale (issue 21): the first push and the first pull of a synthetic archive
// (bench/synthetic/archive.ts: ~3 KB articles with their texts, a passage and a link every ten
// articles, the codebook and events) through a pouchdb-server started here, against PouchDB
// (memory adapter) replicating the same documents (same `_id`s, the bodies Liasse sends) to and
// from the same server in the same run; then the time one edit takes to show on another replica.
// Liasse's archives are fake-indexeddb (in memory), as PouchDB's are memdown: what a replica
// stores stays in this process's heap on both sides, so "retained" heap is the data itself, and
// the working memory of a run is its peak above what it ends up retaining.
//
// 10,000 articles by default; LIASSE_BENCH_SYNC_100K=1 adds 100,000 (give Node a larger heap:
// NODE_OPTIONS=--max-old-space-size=12000); LIASSE_BENCH_QUICK=1 runs 500 only (smoke).
// Figures go to bench/report-sync.json.
import 'fake-indexeddb/auto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import PouchDB from 'pouchdb-core'
import httpAdapter from 'pouchdb-adapter-http'
import memoryAdapter from 'pouchdb-adapter-memory'
import replication from 'pouchdb-replication'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { bodyOf, docIdOf, wireBody, type SyncedTable } from '@core/sync/documents'
import { openArchive, type Archive } from '@renderer/db'
import { CouchDatabase } from '@renderer/services/sync/couch-client'
import { Replicator } from '@renderer/services/sync/replicator'
import { startCouchServer, type CouchServer } from '../test/sync/couch-server'
import { median } from './harness'
import { syntheticArticles, syntheticCodebook, syntheticTagId } from './synthetic/archive'

PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication)

/** The PouchDB calls this bench makes beyond test/sync/pouchdb.d.ts's. */
interface PouchBulk {
  bulkDocs(docs: object[]): Promise<Array<{ ok?: boolean; error?: string }>>
  info(): Promise<{ doc_count: number }>
}
const bulk = (db: PouchDB): PouchBulk => db as unknown as PouchBulk

const QUICK = process.env.LIASSE_BENCH_QUICK === '1'
const SIZES = QUICK
  ? [500]
  : process.env.LIASSE_BENCH_SYNC_100K === '1'
    ? [10_000, 100_000]
    : [10_000]
const LATENCY_RUNS = QUICK ? 3 : 10
/** Articles generated and written per transaction while the archive is built. */
const BUILD_CHUNK = 2_000

// A full GC between phases, so that "start" and "retained" heap are what is live.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const heapMb = (): number => process.memoryUsage().heapUsed / 1048576
const rssMb = (): number => process.memoryUsage().rss / 1048576

interface Memory {
  /** Live heap after a GC, before the run. */
  startHeapMb: number
  /** Highest heap used while it ran, above the start. */
  peakHeapOverStartMb: number
  /** Live heap after a GC once it ended, above the start: what the replica now stores. */
  retainedHeapMb: number
  /** Highest RSS while it ran, above the RSS at the start. */
  peakRssOverStartMb: number
}

interface Run {
  ms: number
  docs: number
  docsPerSecond: number
  memory: Memory
  /** CPU seconds of this process (the replica) and of pouchdb-server while it ran. */
  clientCpuS: number
  serverCpuS: number
  /** Wall time with at least one HTTP request in flight. */
  httpMs: number
  /** Requests made, by endpoint. */
  requests: Record<string, number>
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command's name.
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/**
 * Every HTTP request both replicas make goes through this fetch: the wall time with one or more
 * in flight (PouchDB keeps several), and a count by endpoint.
 */
const http = {
  inFlight: 0,
  since: 0,
  busyMs: 0,
  requests: {} as Record<string, number>,
  reset(): void {
    this.busyMs = 0
    this.requests = {}
  }
}
const timedFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  const path = url.pathname.replace(/^\/[^/]+/, '')
  const endpoint = `${init?.method ?? 'GET'} ${
    path.startsWith('/_local/')
      ? '/_local/…'
      : path.startsWith('/_')
        ? path
        : path.length > 1
          ? '/{doc}'
          : '/'
  }`
  http.requests[endpoint] = (http.requests[endpoint] ?? 0) + 1
  if (http.inFlight++ === 0) http.since = performance.now()
  try {
    // PouchDB's pull passes its own AbortSignal (a polyfill's), which Node's fetch refuses.
    const signal = init?.signal instanceof AbortSignal ? init.signal : undefined
    return await fetch(input, { ...init, signal })
  } finally {
    if (--http.inFlight === 0) http.busyMs += performance.now() - http.since
  }
}

/**
 * With LIASSE_BENCH_SYNC_PROFILE=<folder>, each measured run writes a V8 CPU profile there
 * (`<label>.cpuprofile`, for Chrome's DevTools or a script): this process only, not the server.
 */
const PROFILE_DIR = process.env.LIASSE_BENCH_SYNC_PROFILE
let profiler: Session | undefined

async function startProfile(): Promise<void> {
  if (!PROFILE_DIR) return
  if (!profiler) {
    profiler = new Session()
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.setSamplingInterval', { interval: 500 })
  }
  await profiler.post('Profiler.start')
}

async function stopProfile(label: string): Promise<void> {
  if (!PROFILE_DIR || !profiler) return
  const { profile } = await profiler.post('Profiler.stop')
  mkdirSync(PROFILE_DIR, { recursive: true })
  writeFileSync(join(PROFILE_DIR, `${label}.cpuprofile`), JSON.stringify(profile))
}

/** Runs `fn`, sampling heap and RSS every 50 ms (the event loop turns between IndexedDB steps). */
async function measured(
  label: string,
  docs: () => number,
  fn: () => Promise<unknown>
): Promise<Run> {
  gc()
  const startHeap = heapMb()
  const startRss = rssMb()
  let peakHeap = startHeap
  let peakRss = startRss
  const sample = (): void => {
    peakHeap = Math.max(peakHeap, heapMb())
    peakRss = Math.max(peakRss, rssMb())
  }
  const timer = setInterval(sample, 50)
  http.reset()
  const serverCpu = cpuSecondsOf(server.pid())
  const clientCpu = process.cpuUsage()
  await startProfile()
  const start = performance.now()
  try {
    await fn()
  } finally {
    clearInterval(timer)
  }
  await stopProfile(label)
  const ms = performance.now() - start
  const cpu = process.cpuUsage(clientCpu)
  const serverCpuS = cpuSecondsOf(server.pid()) - serverCpu
  sample()
  gc()
  const count = docs()
  return {
    ms,
    docs: count,
    docsPerSecond: count / (ms / 1000),
    memory: {
      startHeapMb: startHeap,
      peakHeapOverStartMb: peakHeap - startHeap,
      retainedHeapMb: heapMb() - startHeap,
      peakRssOverStartMb: peakRss - startRss
    },
    clientCpuS: (cpu.user + cpu.system) / 1e6,
    serverCpuS,
    httpMs: http.busyMs,
    requests: { ...http.requests }
  }
}

let server: CouchServer
let databases = 0
const report: Record<string, unknown>[] = []

beforeAll(async () => {
  server = await startCouchServer()
}, 30_000)

/** Written after each size, so that a long run cut short still leaves what it measured. */
function writeSyncReport(): void {
  writeFileSync(
    'bench/report-sync.json',
    JSON.stringify(
      { node: process.version, date: new Date().toISOString(), loadavg: loadavg(), sizes: report },
      null,
      2
    )
  )
}

afterAll(async () => {
  profiler?.disconnect()
  await server?.stop()
  writeSyncReport()
})

async function newDatabase(name: string): Promise<string> {
  const url = `${server.url}/${name}-${++databases}`
  const created = await fetch(url, { method: 'PUT' })
  expect(created.status).toBe(201)
  return url
}

/** The server's database as PouchDB's HTTP adapter reaches it, through the timed fetch. */
const remote = (url: string): PouchDB =>
  new PouchDB(url, { fetch: timedFetch } as unknown as { adapter?: string })

const docOf = (table: SyncedTable, key: string, record: object): object => ({
  ...wireBody(bodyOf(table, record)),
  _id: docIdOf(table, key)
})

/**
 * The synthetic archive written into `archive` chunk by chunk, each chunk one transaction through
 * the tables (the change log hears them, as push needs), and handed to `docs` as the documents
 * Liasse sends for them. Returns how many documents and how many bytes of text.
 */
async function build(
  archive: Archive,
  size: number,
  docs: (batch: object[]) => Promise<void>
): Promise<{ docs: number; textBytes: number }> {
  const { db } = archive
  const { tags, events } = syntheticCodebook()
  await db.transaction('rw', db.tags, db.events, async () => {
    await db.tags.bulkAdd(tags)
    await db.events.bulkAdd(events)
  })
  await docs([
    ...tags.map((t) => docOf('tags', t.id, t)),
    ...events.map((e) => docOf('events', e.id, e))
  ])
  let count = tags.length + events.length
  let textBytes = 0
  for (let from = 0; from < size; from += BUILD_CHUNK) {
    const chunk = syntheticArticles(from, Math.min(size, from + BUILD_CHUNK))
    await db.transaction('rw', [db.articles, db.articleTexts, db.passages, db.links], async () => {
      await db.articles.bulkAdd(chunk.articles)
      await db.articleTexts.bulkAdd(chunk.texts)
      await db.passages.bulkAdd(chunk.passages)
      await db.links.bulkAdd(chunk.links)
    })
    const batch = [
      ...chunk.articles.map((a) => docOf('articles', a.id, a)),
      ...chunk.texts.map((t) => docOf('articleTexts', t.articleId, t)),
      ...chunk.passages.map((p) => docOf('passages', p.id, p)),
      ...chunk.links.map((l) => docOf('links', l.id, l))
    ]
    for (let k = 0; k < batch.length; k += 1_000) await docs(batch.slice(k, k + 1_000))
    count += batch.length
    for (const t of chunk.texts) textBytes += Buffer.byteLength(t.text)
  }
  return { docs: count, textBytes }
}

const fmt = (run: Run): string =>
  `${(run.ms / 1000).toFixed(1)} s, ${run.docsPerSecond.toFixed(0)} docs/s, heap peak +${run.memory.peakHeapOverStartMb.toFixed(0)} MB (retained +${run.memory.retainedHeapMb.toFixed(0)} MB), RSS peak +${run.memory.peakRssOverStartMb.toFixed(0)} MB; CPU ${run.clientCpuS.toFixed(1)} s here, ${run.serverCpuS.toFixed(1)} s in the server; HTTP in flight ${(run.httpMs / 1000).toFixed(1)} s; ${JSON.stringify(run.requests)}`

for (const size of SIZES) {
  test(
    `first push and first pull of ${size.toLocaleString('en')} articles, against PouchDB; one edit's latency`,
    async () => {
      const row: Record<string, unknown> = { articles: size }
      report.push(row)
      const log = (line: string): void => console.log(`[sync ${size}] ${line}`)

      // The same documents, in Liasse's archive and in a memory PouchDB.
      const source = openArchive(`bench-sync-source-${size}`)
      const pouchSource = new PouchDB(`bench-pouch-source-${size}`, { adapter: 'memory' })
      let start = performance.now()
      const built = await build(source, size, async (batch) => {
        const results = await bulk(pouchSource).bulkDocs(batch)
        const failed = results.find((r) => r.error)
        if (failed) throw new Error(`PouchDB refused a document: ${failed.error}`)
      })
      const docs = built.docs
      row.documents = docs
      row.meanTextBytes = Math.round(built.textBytes / size)
      log(
        `built ${docs} documents (${row.meanTextBytes} B of text an article) in ${((performance.now() - start) / 1000).toFixed(1)} s`
      )
      expect((await bulk(pouchSource).info()).doc_count).toBe(docs)

      // First push: Liasse, then PouchDB, each to an empty database of the same server.
      const liasseDb = await newDatabase(`liasse-${size}`)
      const pusher = new Replicator(source.db, new CouchDatabase(liasseDb, timedFetch))
      let sent = 0
      const liassePush = await measured(
        `liasse-push-${size}`,
        () => sent,
        async () => {
          sent = (await pusher.push()).sent
        }
      )
      expect(sent).toBe(docs)
      log(`Liasse first push: ${fmt(liassePush)}`)

      const pouchDb = await newDatabase(`pouch-${size}`)
      let written = 0
      const pouchPush = await measured(
        `pouchdb-push-${size}`,
        () => written,
        async () => {
          written = (await pouchSource.replicate.to(remote(pouchDb))).docs_written
        }
      )
      expect(written).toBe(docs)
      log(`PouchDB push: ${fmt(pouchPush)}`)
      await pouchSource.destroy()
      row.push = {
        liasse: liassePush,
        pouchdb: pouchPush,
        ratio: liassePush.docsPerSecond / pouchPush.docsPerSecond
      }
      log(
        `push ratio (Liasse rate / PouchDB rate): ×${(row.push as { ratio: number }).ratio.toFixed(2)}`
      )

      // First pull: a fresh Liasse archive, then a fresh memory PouchDB.
      const sink = openArchive(`bench-sync-sink-${size}`)
      const puller = new Replicator(sink.db, new CouchDatabase(liasseDb, timedFetch))
      let received = 0
      const liassePull = await measured(
        `liasse-pull-${size}`,
        () => received,
        async () => {
          const pulled = await puller.pull()
          expect(pulled.refused).toEqual([])
          expect(pulled.conflicts).toEqual([])
          received = pulled.received
        }
      )
      expect(received).toBe(docs)
      expect(await sink.db.articles.count()).toBe(size)
      const probe = syntheticArticles(size - 1, size)
      expect(await sink.db.articleTexts.get(probe.texts[0]!.articleId)).toEqual(probe.texts[0])
      log(`Liasse first pull: ${fmt(liassePull)}`)

      const pouchSink = new PouchDB(`bench-pouch-sink-${size}`, { adapter: 'memory' })
      let read = 0
      const pouchPull = await measured(
        `pouchdb-pull-${size}`,
        () => read,
        async () => {
          read = (await pouchSink.replicate.from(remote(pouchDb))).docs_written
        }
      )
      expect(read).toBe(docs)
      log(`PouchDB pull: ${fmt(pouchPull)}`)
      await pouchSink.destroy()
      row.pull = {
        liasse: liassePull,
        pouchdb: pouchPull,
        ratio: liassePull.docsPerSecond / pouchPull.docsPerSecond
      }
      log(
        `pull ratio (Liasse rate / PouchDB rate): ×${(row.pull as { ratio: number }).ratio.toFixed(2)}`
      )

      // Each replica's first round the other way: nothing to move, but the pusher's first pull
      // reads the whole changes feed (its own revisions) and the puller's first push its whole
      // change log (what the pull wrote), as a SyncSession's first rounds do.
      start = performance.now()
      expect((await pusher.pull()).received).toBe(0)
      const echoPull = performance.now() - start
      start = performance.now()
      expect((await puller.push()).sent).toBe(0)
      const echoPush = performance.now() - start
      row.firstRoundBack = { pusherPullMs: echoPull, pullerPushMs: echoPush }
      log(
        `nothing to move: the pusher's first pull ${(echoPull / 1000).toFixed(1)} s, the puller's first push ${(echoPush / 1000).toFixed(1)} s`
      )

      // One edit's latency: the source renames a tag and runs a round (pull, then push, as a
      // SyncSession does once a local write wakes it); the sink waits on the changes feed
      // (longpoll), pulls, and looks at its table. From the edit to the new name in the sink's.
      const tagId = syntheticTagId(3)
      const samples: number[] = []
      const pushedAt: number[] = []
      for (let i = 0; i <= LATENCY_RUNS; i++) {
        const name = `Renommée ${size} ${i}`
        const seen = (async (): Promise<number> => {
          for (;;) {
            await puller.waitForRemote(30_000)
            await puller.pull()
            if ((await sink.db.tags.get(tagId))?.name === name) return performance.now()
          }
        })()
        // Let the sink's longpoll reach the server first, as it would be waiting there.
        await new Promise((r) => setTimeout(r, 200))
        const edited = performance.now()
        await source.tags.update(tagId, { name })
        await pusher.pull()
        await pusher.push()
        const pushed = performance.now()
        const visible = await seen
        if (i === 0) continue // warm-up
        samples.push(visible - edited)
        pushedAt.push(pushed - edited)
      }
      row.editLatency = {
        runs: samples.length,
        medianMs: median(samples),
        minMs: Math.min(...samples),
        maxMs: Math.max(...samples),
        medianEditAndPushMs: median(pushedAt)
      }
      log(
        `one edit to the other replica: median ${median(samples).toFixed(0)} ms (${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)}), of which edit + round on the source ${median(pushedAt).toFixed(0)} ms`
      )
      row.loadavg = loadavg()
      writeSyncReport()

      source.db.close()
      sink.db.close()
    },
    6 * 3600_000
  )
}
