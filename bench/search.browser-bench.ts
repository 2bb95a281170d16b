// Search in the real app (web build, Chromium, real IndexedDB) on synthetic archives of 10,000 and
// 100,000 articles: how fast the search worker indexes what is stored (against raw Dexie bulkPut
// of the same records, measured in the same run by the seeding harness), then queries typed in
// the search box: the worker's own time and the time until the results are drawn, p50 and p95.
// LIASSE_BENCH_SEARCH_SIZES="1000" makes a smoke run; the default is "10000,100000".
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { seedSyntheticArchive } from '../e2e/support/synthetic'
import { median, percentile } from './harness'
import { syntheticRareWord } from './synthetic/archive'

const sizes = (process.env.LIASSE_BENCH_SEARCH_SIZES ?? '10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0)

const P95_TARGET_MS = 50

function queries(count: number): string[] {
  const list = [
    'élection ',
    'report ',
    'ministre ',
    'campagne présidentielle ',
    'Dupont ',
    'négoc',
    'enquête ',
    'parlement ',
    '"la campagne"',
    'wikileaks -trump '
  ]
  for (let i = 0; i < 10; i++) list.push(`${syntheticRareWord(Math.floor((i * count) / 10))} `)
  return list
}

/** Types a query into the search box and waits for its results; returns worker and drawn times. */
async function ask(page: Page, query: string): Promise<{ workerMs: number; drawnMs: number }> {
  return page.evaluate(async (text) => {
    const box = document.getElementById('search-box') as HTMLInputElement
    const section = document.querySelector('section.search') as HTMLElement
    const started = performance.now()
    box.value = text
    box.dispatchEvent(new Event('input', { bubbles: true }))
    await new Promise<void>((resolve) => {
      const done = (): boolean => section.dataset.answered === text
      if (done()) return resolve()
      const observer = new MutationObserver(() => {
        if (!done()) return
        observer.disconnect()
        resolve()
      })
      observer.observe(section, { attributes: true })
    })
    // Drawn: the next frame after the answer is in the DOM.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    return { workerMs: Number(section.dataset.workerMs), drawnMs: performance.now() - started }
  }, query)
}

interface Row {
  articles: number
  bulkPutArticlesPerSecond: number
  indexArticlesPerSecond: number
  storePlusIndexRatio: number
  indexBuildMs: number
  workerP50Ms: number
  workerP95Ms: number
  drawnP50Ms: number
  drawnP95Ms: number
  pageHeapMb: number
  storageBytesPerArticle: number
}

const rows: Row[] = []

test.afterAll(() => {
  console.table(rows)
  writeFileSync(
    join(import.meta.dirname, 'report-search-browser.json'),
    JSON.stringify({ date: new Date().toISOString(), p95TargetMs: P95_TARGET_MS, rows }, null, 2)
  )
})

for (const size of sizes) {
  test(`search on ${size.toLocaleString('en')} synthetic articles`, async ({ page }) => {
    test.setTimeout(60 * 60_000)
    const seeded = await seedSyntheticArchive(page, size, { timeout: 600_000 + size * 10 })
    await page.goto('./#/search')
    await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 120_000 })
    await expect(page.locator('body[data-search-index="ready"]')).toBeAttached({
      timeout: 3_600_000
    })
    const indexBuildMs = Number(await page.locator('body').getAttribute('data-search-index-ms'))
    const list = queries(size)
    for (const q of list) await ask(page, q) // warm-up
    const worker: number[] = []
    const drawn: number[] = []
    for (let round = 0; round < 3; round++) {
      for (const q of list) {
        // A different text first, so that each query is really asked again.
        await ask(page, `${q}x`)
        const sample = await ask(page, q)
        worker.push(sample.workerMs)
        drawn.push(sample.drawnMs)
      }
    }
    const client = await page.context().newCDPSession(page)
    await client.send('Performance.enable')
    await client.send('HeapProfiler.collectGarbage')
    const { metrics } = await client.send('Performance.getMetrics')
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
    const storage = await page.evaluate(() => navigator.storage.estimate())
    const indexRate = size / (indexBuildMs / 1000)
    rows.push({
      articles: size,
      bulkPutArticlesPerSecond: Math.round(seeded.articlesPerSecond),
      indexArticlesPerSecond: Math.round(indexRate),
      // Storing then indexing one article, against storing it alone.
      storePlusIndexRatio: Number(
        (1 / seeded.articlesPerSecond / (1 / seeded.articlesPerSecond + 1 / indexRate)).toFixed(3)
      ),
      indexBuildMs,
      workerP50Ms: Number(median(worker).toFixed(2)),
      workerP95Ms: Number(percentile(worker, 95).toFixed(2)),
      drawnP50Ms: Number(median(drawn).toFixed(1)),
      drawnP95Ms: Number(percentile(drawn, 95).toFixed(1)),
      pageHeapMb: Math.round(heap / 2 ** 20),
      storageBytesPerArticle: Math.round((storage.usage ?? 0) / size)
    })
    expect(worker.length).toBe(list.length * 3)
  })
}
