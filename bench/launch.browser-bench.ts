// Launch with the search index saved (issue 19): on an on-disk profile (as the desktop app has)
// holding N synthetic articles, the first launch builds the search index and saves it (the
// baseline, measured in the same run); each later launch reads it back and catches up from the
// change log. Per launch: navigation to the library's first rows, to search answering on the
// whole archive, and a query's answer then (not partial). Written to bench/report-launch.json.
// LIASSE_LAUNCH_SIZES=10000 runs a size alone (default "10000,100000").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test, type Page } from '@playwright/test'
import { median } from './harness'
import config from './playwright.config'
import { syntheticRareWord } from './synthetic/archive'

const SIZES = (process.env.LIASSE_LAUNCH_SIZES ?? '10000,100000').split(',').map(Number)
const LAUNCHES = 3

interface Launch {
  origin: string
  /** Navigation to the library's first rows drawn, the app ready. */
  firstRowsMs: number
  /** Navigation to the search index ready on the whole archive. */
  searchReadyMs: number
  /** The worker's own time from its start to ready (read back, or built). */
  workerMs: number
  /** Where the worker's time went: read, restore, catchUp. */
  timings: Record<string, number>
  /** A rare word's query, asked once ready: results total, and the worker's time. */
  query: { total: number; ms: number; partial: boolean }
  pageHeapMb: number
}

async function launch(page: Page, word: string): Promise<Launch> {
  // A new document each time (not a move within the app's hash routes).
  await page.goto(`./?launch=${Date.now()}`)
  await page.waitForFunction(
    () => document.body.dataset.appReady === 'true' && !!document.querySelector('tr.library-row'),
    undefined,
    { polling: 'raf', timeout: 300_000 }
  )
  const firstRowsMs = await page.evaluate(() => performance.now())
  await expect(page.locator('body[data-search-index="ready"]')).toBeAttached({
    timeout: 3_600_000
  })
  const ready = await page.evaluate(() => ({
    at: performance.getEntriesByName('liasse:search-ready')[0]?.startTime ?? NaN,
    origin: document.body.dataset.searchIndexOrigin ?? '',
    timings: JSON.parse(document.body.dataset.searchIndexTimings ?? '{}') as Record<string, number>,
    workerMs: Number(document.body.dataset.searchIndexMs)
  }))
  // The query as the search view sends it, through the app's own store (a move within the app).
  await page.evaluate((q) => (location.hash = `#/search?q=${encodeURIComponent(q)}`), word)
  const section = page.locator('section.search')
  await expect(section).toHaveAttribute('data-answered', word, { timeout: 60_000 })
  const query = await section.evaluate((el) => ({
    total: Number((el as HTMLElement).dataset.total ?? NaN),
    ms: Number((el as HTMLElement).dataset.workerMs),
    partial: (el as HTMLElement).dataset.partial === 'true'
  }))
  if (process.env.LIASSE_LAUNCH_DEBUG) {
    const totals: Record<string, number> = {}
    const n = Number(process.env.LIASSE_LAUNCH_DEBUG)
    const words = [0, 1, n / 4, n / 2, (3 * n) / 4, n - 1].map((i) => syntheticRareWord(i))
    for (const q of [...words, 'ministre', 'élection']) {
      await page.evaluate((t) => (location.hash = `#/search?q=${encodeURIComponent(t)}`), q)
      await expect(section).toHaveAttribute('data-answered', q, { timeout: 60_000 })
      totals[q] = Number(await section.getAttribute('data-total'))
    }
    console.log('debug totals', JSON.stringify(totals))
  }
  const client = await page.context().newCDPSession(page)
  await client.send('Performance.enable')
  await client.send('HeapProfiler.collectGarbage')
  const { metrics } = await client.send('Performance.getMetrics')
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
  await client.detach()
  return {
    origin: ready.origin,
    firstRowsMs: Math.round(firstRowsMs),
    searchReadyMs: Math.round(ready.at),
    workerMs: ready.workerMs,
    timings: ready.timings,
    query,
    pageHeapMb: Math.round(heap / 2 ** 20)
  }
}

test('launch with the saved search index', async () => {
  test.setTimeout(3 * 3_600_000)
  const rows: Record<string, unknown>[] = []
  for (const count of SIZES) {
    const profile = mkdtempSync(join(tmpdir(), 'liasse-launch-bench-'))
    const context = await chromium.launchPersistentContext(profile, {
      baseURL: config.use?.baseURL,
      viewport: config.use?.viewport,
      locale: config.use?.locale,
      executablePath: config.use?.launchOptions?.executablePath,
      args: config.use?.launchOptions?.args
    })
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto(`./bench-archive.html?count=${count}`)
      await expect(page.locator('body[data-seeded="true"]')).toBeAttached({ timeout: 3_600_000 })
      const word = syntheticRareWord(Math.floor(count / 2))
      const first = await launch(page, word)
      const later: Launch[] = []
      for (let i = 0; i < LAUNCHES; i++) later.push(await launch(page, word))
      console.log(JSON.stringify({ count, first, later }))
      expect(first.origin).toBe('built')
      for (const run of later) {
        expect(run.origin).toBe('saved')
        expect(run.query.total).toBeGreaterThanOrEqual(1)
        expect(run.query.partial).toBe(false)
      }
      rows.push({
        articles: count,
        'first launch: search ready ms (index built, baseline)': first.searchReadyMs,
        'launch: first rows ms (median)': median(later.map((r) => r.firstRowsMs)),
        'launch: search ready ms (median)': median(later.map((r) => r.searchReadyMs)),
        'worker: read back + catch up ms (median)': median(later.map((r) => r.workerMs)),
        'ratio built / saved': Number(
          (first.workerMs / median(later.map((r) => r.workerMs))).toFixed(1)
        ),
        'query ms once ready (median)': median(later.map((r) => r.query.ms)),
        'page heap MB': median(later.map((r) => r.pageHeapMb))
      })
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
  console.table(rows)
  writeFileSync(
    join(import.meta.dirname, 'report-launch.json'),
    JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)
  )
})
