// Bench and test harness, not part of the app: writes a synthetic archive (bench/synthetic) into
// the app's own IndexedDB database, so that the app opened next on this origin finds it there.
//
// `bench-archive.html?count=10000` (default 1,000) `&seed=…` `&chunk=2000` `&reset=1` (delete the
// database first) `&texts=0` (metadata only). Chunks of articles are generated then written with
// raw Dexie bulkPut, one transaction each (article, text, passage and link together). The codebook
// goes first, and `sampleLoaded` is set so the app does not add its sample archive. When done:
// `body[data-seeded="true"]` and `window.liasseSeed` with the timings.
import Dexie from 'dexie'
import { SYNTHETIC_DEFAULT_SEED, syntheticArticles, syntheticCodebook } from '../synthetic/archive'
import { LiasseDatabase } from '../../src/renderer/src/db/database'

export interface SeedTiming {
  count: number
  seed: number
  /** Wall time from the start to the last commit. */
  ms: number
  /** Time spent generating records (main thread). */
  generateMs: number
  /** Time spent in bulkPut transactions, to their commit: raw Dexie write throughput. */
  writeMs: number
  articlesPerSecond: number
}

declare global {
  interface Window {
    liasseSeed?: SeedTiming
  }
}

const params = new URLSearchParams(location.search)
const count = Math.max(0, Number(params.get('count') ?? 1000))
const seed = Number(params.get('seed') ?? SYNTHETIC_DEFAULT_SEED)
const chunkSize = Math.max(1, Number(params.get('chunk') ?? 2000))
const withTexts = params.get('texts') !== '0'

const progress = document.getElementById('progress') as HTMLProgressElement
const status = document.getElementById('status')!

async function seedArchive(): Promise<SeedTiming> {
  if (params.get('reset') === '1') await Dexie.delete('liasse')
  const db = new LiasseDatabase('liasse')
  const start = performance.now()
  let generateMs = 0
  let writeMs = 0
  const { tags, events } = syntheticCodebook(seed)
  await db.transaction('rw', [db.tags, db.events, db.settings], async () => {
    await db.tags.bulkPut(tags)
    await db.events.bulkPut(events)
    await db.settings.put({ key: 'sampleLoaded', value: true })
  })
  for (let from = 0; from < count; from += chunkSize) {
    const to = Math.min(count, from + chunkSize)
    let t = performance.now()
    const chunk = syntheticArticles(from, to, seed)
    generateMs += performance.now() - t
    t = performance.now()
    await db.transaction('rw', [db.articles, db.articleTexts, db.passages, db.links], async () => {
      await db.articles.bulkPut(chunk.articles)
      if (withTexts) await db.articleTexts.bulkPut(chunk.texts)
      await db.passages.bulkPut(chunk.passages)
      await db.links.bulkPut(chunk.links)
    })
    writeMs += performance.now() - t
    progress.value = to / count
    status.textContent = `${to.toLocaleString('en')} / ${count.toLocaleString('en')} articles written`
  }
  db.close()
  const ms = performance.now() - start
  return { count, seed, ms, generateMs, writeMs, articlesPerSecond: count / (writeMs / 1000) }
}

seedArchive().then(
  (timing) => {
    window.liasseSeed = timing
    progress.value = 1
    status.textContent = `${count.toLocaleString('en')} articles written in ${Math.round(timing.ms)} ms`
    document.body.dataset.seeded = 'true'
  },
  (error: unknown) => {
    status.textContent = `Failed: ${String(error)}`
    document.body.dataset.seeded = 'error'
  }
)
