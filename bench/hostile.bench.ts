// Hostile input and super-linear risks, timed here rather than in the unit tests (which assert only
// that each is refused, or right): zip bombs refused by safeUnzip, by the Word importer and by the
// incoming-file reader; a page nested 100,000 deep; Find on a long text; date disagreements on a
// large archive. Each against a baseline measured in the same run.
// LIASSE_BENCH_QUICK=1 (npm run test:bench-smoke): a few runs at small sizes, to check it runs.
import { inflateSync, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, expect, test } from 'vitest'
import { exportBundle } from '../src/core/dossier/bundle'
import { readIncomingFile } from '../src/core/dossier/read-incoming'
import { importSource } from '../src/core/import/import'
import { findInText, foldText } from '../src/core/text/find-in-text'
import { normalizeText } from '../src/core/text/normalize'
import type { ArticleWithText } from '../src/core/timeline/corroboration'
import { findDateDisagreements } from '../src/core/timeline/disagreements'
import { suggestEvents } from '../src/core/timeline/suggest'
import { listZip, safeUnzip } from '../src/core/zip/safe-unzip'
import { sampleSnapshot } from '../test/dossier/test-fixture'
import { createTestImportEnvironment } from '../test/import/test-env'
import { article } from '../test/timeline/test-fixture'
import { deflatedZeros, rawZip } from '../test/zip/test-zips'
import { compare, writeReport } from './harness'

const QUICK = process.env.LIASSE_BENCH_QUICK === '1'
const RUNS = QUICK ? { runs: 3, warmup: 1 } : { runs: 20 }
const BOMB_BYTES = QUICK ? 1 << 20 : 8 << 20

afterAll(() => writeReport('bench/report-hostile.json'))

/** Runs `fn`, which must throw; the error is swallowed (the unit tests check which error). */
function refusing(fn: () => unknown): () => Promise<void> {
  return async () => {
    try {
      await fn()
    } catch {
      return
    }
    throw new Error('not refused')
  }
}

test('safeUnzip: an honest zip, and bombs refused', async () => {
  let seed = 7
  const files = Object.fromEntries(
    Array.from({ length: 50 }, (_, i) => [
      `texts/${i}.txt`,
      Uint8Array.from({ length: 20_000 }, (_, j) =>
        j % 3 ? 97 + (j % 26) : (seed = (seed * 48271) % 2147483647) & 0xff
      )
    ])
  )
  const honest = zipSync(files)
  const read = await compare(
    'safeUnzip: 50 entries, 1 MB',
    () => safeUnzip(honest),
    'fflate unzipSync',
    () => unzipSync(honest),
    RUNS
  )
  expect(read.medianMs).toBeGreaterThan(0)

  const bomb = deflatedZeros(BOMB_BYTES)
  const declared = rawZip([
    { name: 'z', data: bomb.data, method: 8, declaredSize: 1 << 30, crc32: bomb.crc32 }
  ])
  // Refused from the central directory: as fast as listing it.
  await compare(
    'safeUnzip refuses 1 GiB declared',
    refusing(() => safeUnzip(declared)),
    'listZip (the directory alone)',
    () => listZip(declared),
    RUNS
  )
  const lying = rawZip(
    Array.from({ length: 5 }, (_, i) => ({
      name: `z${i}`,
      data: bomb.data,
      method: 8,
      declaredSize: 1024
    }))
  )
  // Stops at the first lie: far less than inflating one entry whole.
  await compare(
    'safeUnzip refuses 5 entries lying (1 KiB declared)',
    refusing(() => safeUnzip(lying)),
    'fflate inflateSync of one entry',
    () => inflateSync(bomb.data),
    RUNS
  )
})

test('importers refuse a Word bomb and a page nested 100,000 deep', async () => {
  const env = createTestImportEnvironment()
  const now = new Date('2025-01-01T00:00:00Z')
  const bomb = deflatedZeros(BOMB_BYTES)
  const word = rawZip([
    { name: '[Content_Types].xml', data: strToU8('<Types/>') },
    { name: 'word/document.xml', data: bomb.data, method: 8, declaredSize: 0xfffffff0 }
  ])
  await compare(
    'importSource refuses a Word bomb',
    refusing(() => importSource({ name: 'bomb.docx', bytes: word }, env, { now })),
    'listZip (the directory alone)',
    () => listZip(word),
    RUNS
  )
  const depth = QUICK ? 10_000 : 100_000
  const html = `<html><body>${'<div>'.repeat(depth)}<p>x</p>${'</div>'.repeat(depth)}</body></html>`
  const bytes = strToU8(html)
  await compare(
    `importSource refuses a page nested ${depth} deep`,
    refusing(() => importSource({ name: 'deep.html', bytes }, env, { now })),
    'TextDecoder + indexOf over the page',
    () => new TextDecoder().decode(bytes).indexOf('<p>'),
    RUNS
  )
})

test('readIncomingFile refuses a bundle holding a gigabyte of zeros', async () => {
  const snapshot = await sampleSnapshot()
  const receiver = { ...snapshot, dossiers: [] }
  const now = '2026-03-01T09:00:00.000Z'
  const bundle = exportBundle(
    { dossier: null, snapshot, articleIds: [snapshot.articles[0]!.id] },
    { now, appVersion: 'bench' }
  )
  const zeros = deflatedZeros(BOMB_BYTES)
  const entries = Object.entries(unzipSync(bundle)).map(([name, data]) => ({ name, data }))
  const bomb = rawZip([
    ...entries,
    {
      name: 'texts/zeros.txt',
      data: zeros.data,
      method: 8,
      declaredSize: 1 << 30,
      crc32: zeros.crc32
    }
  ])
  let next = 0
  const context = { now, author: 'Receiver', newId: () => `new-${++next}` }
  await compare(
    'readIncomingFile refuses a bundle bomb',
    refusing(() => readIncomingFile({ fileName: 'b.liasse', bytes: bomb }, receiver, context)),
    'listZip (the directory alone)',
    () => listZip(bomb),
    RUNS
  )
})

test('Find in a long text', async () => {
  const paragraph = 'Le président a évoqué « la veille » des élections. '
  const text = paragraph.repeat(QUICK ? 400 : 4000)
  const folded = foldText(text)
  const lower = text.toLowerCase()
  await compare(
    `findInText: ${text.length} characters, every match`,
    () => findInText(folded, 'elections'),
    'indexOf loop over the same text',
    () => {
      const found: number[] = []
      for (let at = lower.indexOf('élections'); at >= 0; at = lower.indexOf('élections', at + 1))
        found.push(at)
      return found
    },
    RUNS
  )
  await compare(
    `foldText: ${text.length} characters`,
    () => foldText(text),
    'String.normalize NFD + toLowerCase',
    () => text.normalize('NFD').toLowerCase(),
    RUNS
  )
})

test('date disagreements on a large archive of routine news', async () => {
  const count = QUICK ? 300 : 3000
  const items: ArticleWithText[] = Array.from({ length: count }, (_, i) => ({
    article: article(`x${i}`, { outlet: `Outlet ${i % 40}` }),
    text: normalizeText(
      `Le ${1 + (i % 28)} mars 2020, le conseil Ville${i % 50} a voté le budget de Ville${i % 50} ` +
        `et demandé un rapport au préfet Martin. Le maire Durand${i % 7} a publié le compte rendu.`
    )
  }))
  const suggestions = suggestEvents(items, { repeats: [] })
  await compare(
    `findDateDisagreements: ${count} articles`,
    () => findDateDisagreements(items, suggestions, { repeats: [] }),
    'suggestEvents on the same articles',
    () => suggestEvents(items, { repeats: [] }),
    QUICK ? RUNS : { runs: 5, warmup: 1 }
  )
})
