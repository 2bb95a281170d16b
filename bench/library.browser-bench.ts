// The library at 10,000 and 100,000 synthetic articles (bench/synthetic), in Chromium with real,
// on-disk IndexedDB (a persistent profile, as the desktop app has): seeding throughput (raw Dexie
// bulkPut, the baseline any import is compared with), launch to an interactive library, sort by
// each column, filter typing, scroll frames, JS heap and storage per article.
//
// Timings are taken by the page itself. Sort and filter: the input is dispatched at the start of a
// frame (in a requestAnimationFrame callback), then a MessageChannel message is posted once the
// table has changed; it is delivered when that frame's work is done (Vue's patch, style, layout,
// paint), so the time is what the user waits for, without the wait for the next vsync. Scroll:
// the window is scrolled by a fixed step each frame; the frame's main-thread work is timed the same
// way, and the intervals between animation frames are recorded too.
// Written to bench/report-library.json. LIASSE_LIBRARY_SIZES=10000 runs a size alone.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test'
import type { SeedTiming } from '../e2e/support/synthetic'
import { filterArticles } from '../src/core/archive/library-view'
import { syntheticArticles } from './synthetic/archive'
import { median } from './harness'
import config from './playwright.config'

const SIZES = (process.env.LIASSE_LIBRARY_SIZES ?? '10000,100000').split(',').map(Number)
const LAUNCHES = 5
const SORT_ROUNDS = 3
/** Fresh launches for the filter-to-one-row and first-sort rows. */
const FRESH_LAUNCHES = 3
const SCROLL_FRAMES = 150
const SCROLL_STEP = 120
const QUERIES = ['m', 'mo', 'monde', 'le monde', 'reuters exclusive', 'élection', 'zzzz', '']
const COLUMNS = ['Title', 'Outlet', 'Date', 'Language', 'Imported'] as const

const p95 = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0
const round = (value: number, digits = 1): number => Number(value.toFixed(digits))

interface SizeReport {
  articles: number
  seeding: {
    bulkPutArticlesPerSecond: number
    generateMs: number
    writeMs: number
    totalMs: number
  }
  launch: {
    medianMs: number
    runsMs: number[]
    completeMedianMs: number
    marksMedianMs: Record<string, number>
    targetMs: number
  }
  sort: {
    column: string
    firstMs: number
    medianMs: number
    maxMs: number
  }[]
  filter: { query: string; medianMs: number; medianWorkMs: number; rows: number }[]
  /** One unique article's file name typed as soon as the first rows are drawn, then after load. */
  filterToOne: {
    query: string
    /** Input to the list showing the filter's answer over the rows read so far. */
    whileLoadingAnswerMedianMs: number
    /** Input to the one matching row drawn (it may be in a part of the list not read yet). */
    whileLoadingRowMedianMs: number
    /** How many runs typed before the whole list was read (else the list was complete already). */
    typedWhileLoading: number
    /** The first filter once the whole list is read (no filter typed before). */
    afterLoadFirstMedianMs: number
    runs: { answerMs: number; rowMs: number; loading: boolean; afterLoadMs: number }[]
  }
  /** The first click on each column after a fresh launch (its order computed), medians. */
  firstSort: { column: string; medianMs: number; runsMs: number[] }[]
  scroll: {
    frameWorkP95Ms: number
    frameWorkMedianMs: number
    rafDeltaP95Ms: number
    rafDeltaMedianMs: number
  }
  jsHeapUsedMB: number
  storage: { usageMB: number; bytesPerArticle: number }
}

interface Launch {
  /** Navigation to the first rows drawn with the app ready: the library answers from here on. */
  firstRowsMs: number
  /** Navigation to the whole list read (sort and filter over every article). */
  completeMs: number
  /** Where the time goes: the archive store's marks and the page's own milestones. */
  marks: Record<string, number>
}

async function launch(page: Page): Promise<Launch> {
  await page.goto('./')
  await page.waitForFunction(
    () => document.body.dataset.appReady === 'true' && !!document.querySelector('tr.library-row'),
    undefined,
    { polling: 'raf', timeout: 300_000 }
  )
  const firstRowsMs = await page.evaluate(() => performance.now())
  await page.waitForFunction(
    () => document.querySelector('section.library')?.getAttribute('data-complete') === 'true',
    undefined,
    { polling: 50, timeout: 300_000 }
  )
  const completeMs = await page.evaluate(() => performance.now())
  const marks = await page.evaluate(() => {
    const out: Record<string, number> = {}
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    out.domContentLoaded = nav.domContentLoadedEventEnd
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.name.startsWith('liasse:')) out[mark.name.slice(7)] = mark.startTime
    }
    return out
  })
  return { firstRowsMs, completeMs, marks }
}

/** Clicks a sort button at the start of a frame; ms until that frame's work is done. */
function timeSort(page: Page, column: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const button = [...document.querySelectorAll<HTMLButtonElement>('button.sort-button')].find(
          (b) => b.getAttribute('aria-label') === `Sort by ${name}`
        )!
        const header = button.closest('th')!
        const before = header.getAttribute('aria-sort')
        requestAnimationFrame(() => {
          const start = performance.now()
          button.click()
          const done = (): void => {
            const channel = new MessageChannel()
            channel.port1.onmessage = () => resolve(performance.now() - start)
            channel.port2.postMessage(null)
          }
          // The click's re-render is a microtask away; wait for it, then for the frame's end.
          const check = (): void => {
            if (header.getAttribute('aria-sort') !== before) requestAnimationFrame(done)
            else queueMicrotask(check)
          }
          queueMicrotask(check)
        })
      }),
    column
  )
}

/** Sets the filter at the start of a frame; ms until the list shows the new result, and rows. */
function timeFilter(page: Page, query: string): Promise<{ ms: number; rows: number }> {
  return page.evaluate(
    (text) =>
      new Promise<{ ms: number; rows: number }>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('#library-filter')!
        const section = document.querySelector('section.library')!
        requestAnimationFrame(() => {
          const start = performance.now()
          const observer = new MutationObserver(() => {
            observer.disconnect()
            const channel = new MessageChannel()
            channel.port1.onmessage = () => {
              const table = document.querySelector('table.library-table')
              resolve({
                ms: performance.now() - start,
                rows: table ? Number(table.getAttribute('aria-rowcount')) - 1 : 0
              })
            }
            channel.port2.postMessage(null)
          })
          // The section says which filter it shows (data-filter) once the list is patched.
          observer.observe(section, { attributes: true, attributeFilter: ['data-filter'] })
          input.value = text
          input.dispatchEvent(new Event('input', { bubbles: true }))
        })
      }),
    query
  )
}

/**
 * Types `text` into the filter at the start of a frame: ms until the section says it shows that
 * filter (the answer over the rows read so far), and until the table holds exactly one row.
 */
function timeFilterToOne(
  page: Page,
  text: string
): Promise<{ answerMs: number; rowMs: number; loading: boolean }> {
  return page.evaluate(
    (query) =>
      new Promise<{ answerMs: number; rowMs: number; loading: boolean }>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('#library-filter')!
        const section = document.querySelector('section.library')!
        const loading = section.getAttribute('data-complete') !== 'true'
        let answerMs = -1
        requestAnimationFrame(() => {
          const start = performance.now()
          const endOfFrame = (then: (ms: number) => void): void => {
            const channel = new MessageChannel()
            channel.port1.onmessage = () => then(performance.now() - start)
            channel.port2.postMessage(null)
          }
          const check = (): void => {
            if (answerMs < 0 && section.getAttribute('data-filter') === query) {
              answerMs = 0
              endOfFrame((ms) => (answerMs = ms))
            }
            const table = document.querySelector('table.library-table')
            if (answerMs >= 0 && table?.getAttribute('aria-rowcount') === '2') {
              observer.disconnect()
              endOfFrame((rowMs) => resolve({ answerMs: answerMs || rowMs, rowMs, loading }))
            }
          }
          const observer = new MutationObserver(check)
          observer.observe(section, { attributes: true, childList: true, subtree: true })
          input.value = query
          input.dispatchEvent(new Event('input', { bubbles: true }))
        })
      }),
    text
  )
}

/** A file name that only one article has, among articles not on the first screen. */
function uniqueQuery(count: number): string {
  const { articles } = syntheticArticles(0, count)
  // The first screen is the newest 200; the list is read in id order: take one from its middle.
  const byId = [...articles].sort((a, b) => (a.id < b.id ? -1 : 1))
  for (let i = Math.floor(count / 2); i < count; i++) {
    const name = byId[i]!.sourceName
    if (filterArticles(articles, name).length === 1) return name
  }
  throw new Error('no unique file name')
}

function scroll(
  page: Page,
  frames: number,
  step: number
): Promise<{ work: number[]; deltas: number[] }> {
  return page.evaluate(
    ({ frames, step }) =>
      new Promise<{ work: number[]; deltas: number[] }>((resolve) => {
        window.scrollTo(0, 0)
        const work: number[] = []
        const deltas: number[] = []
        let last = 0
        let frame = 0
        const tick = (now: number): void => {
          if (last) deltas.push(now - last)
          last = now
          if (frame++ >= frames) return resolve({ work, deltas })
          const start = performance.now()
          window.scrollBy(0, step)
          // A scroll event fires before this frame's paint; the list patches from its handler.
          window.dispatchEvent(new Event('scroll'))
          const channel = new MessageChannel()
          channel.port1.onmessage = () => work.push(performance.now() - start)
          channel.port2.postMessage(null)
          requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }),
    { frames, step }
  )
}

async function measureSize(
  context: BrowserContext,
  count: number,
  profileDir: string
): Promise<SizeReport> {
  // The profile's own first tab: a second tab would be in the background, without animation frames.
  const page = context.pages()[0] ?? (await context.newPage())
  const seededFile = join(profileDir, 'liasse-seeded.json')
  let seed: SeedTiming
  if (existsSync(seededFile)) seed = JSON.parse(readFileSync(seededFile, 'utf8')) as SeedTiming
  else {
    await page.goto(`./bench-archive.html?count=${count}`)
    await expect(page.locator('body[data-seeded="true"]')).toBeAttached({ timeout: 3_600_000 })
    seed = await page.evaluate(() => window.liasseSeed!)
    writeFileSync(seededFile, JSON.stringify(seed))
  }
  console.log(`seeded ${count}: ${JSON.stringify(seed)}`)

  const runs: Launch[] = []
  for (let i = 0; i < LAUNCHES; i++) runs.push(await launch(page))
  console.log(`launch ${count}: ${JSON.stringify(runs)}`)
  const launches = runs.map((r) => r.firstRowsMs)
  await expect(page.getByText(`${count.toLocaleString('en')} articles`)).toBeVisible()

  // Sort: each column both ways, several rounds; the first click on a column computes its keys.
  const sortSamples = new Map<string, number[]>(COLUMNS.map((c) => [c, []]))
  for (let r = 0; r < SORT_ROUNDS; r++) {
    for (const column of COLUMNS) {
      sortSamples.get(column)!.push(await timeSort(page, column))
      sortSamples.get(column)!.push(await timeSort(page, column))
    }
  }
  const sort = COLUMNS.map((column) => {
    const samples = sortSamples.get(column)!
    return {
      column,
      firstMs: round(samples[0]!),
      medianMs: round(median(samples)),
      maxMs: round(Math.max(...samples))
    }
  })

  console.log(`sort ${count}: ${JSON.stringify(sort)}`)

  // Filter: the whole query at once (typing faster than the debounce), several rounds.
  const filterSamples = new Map<string, { ms: number[]; rows: number }>()
  for (let r = 0; r < 3; r++) {
    for (const query of QUERIES) {
      const { ms, rows } = await timeFilter(page, query)
      const entry = filterSamples.get(query) ?? { ms: [], rows }
      entry.ms.push(ms)
      filterSamples.set(query, entry)
    }
  }
  const filter = [...filterSamples].map(([query, { ms, rows }]) => ({
    query,
    medianMs: round(median(ms)),
    // The view filters at each keystroke (it used to wait 60 ms for the next key, included here).
    medianWorkMs: round(median(ms)),
    rows
  }))

  console.log(`filter ${count}: ${JSON.stringify(filter)}`)

  // Filter to one row from a fresh launch: typed as soon as the first rows are drawn (while the
  // list is read), then once the whole list is read; and the first click on each column.
  const query = uniqueQuery(count)
  const toOne: SizeReport['filterToOne']['runs'] = []
  const firstSorts = new Map<string, number[]>(COLUMNS.map((c) => [c, []]))
  for (let r = 0; r < FRESH_LAUNCHES; r++) {
    await page.goto('./')
    await page.waitForFunction(
      () => document.body.dataset.appReady === 'true' && !!document.querySelector('tr.library-row'),
      undefined,
      { polling: 'raf', timeout: 300_000 }
    )
    const loading = await timeFilterToOne(page, query)
    await page.waitForFunction(
      () => document.querySelector('section.library')?.getAttribute('data-complete') === 'true',
      undefined,
      { polling: 50, timeout: 300_000 }
    )
    await timeFilter(page, '')
    await page.goto('./')
    await page.waitForFunction(
      () => document.querySelector('section.library')?.getAttribute('data-complete') === 'true',
      undefined,
      { polling: 50, timeout: 300_000 }
    )
    const after = await timeFilterToOne(page, query)
    await timeFilter(page, '')
    toOne.push({
      answerMs: round(loading.answerMs),
      rowMs: round(loading.rowMs),
      loading: loading.loading,
      afterLoadMs: round(after.rowMs)
    })
    await page.goto('./')
    await page.waitForFunction(
      () => document.querySelector('section.library')?.getAttribute('data-complete') === 'true',
      undefined,
      { polling: 50, timeout: 300_000 }
    )
    for (const column of COLUMNS) firstSorts.get(column)!.push(await timeSort(page, column))
  }
  const filterToOne: SizeReport['filterToOne'] = {
    query,
    whileLoadingAnswerMedianMs: round(median(toOne.map((r) => r.answerMs))),
    whileLoadingRowMedianMs: round(median(toOne.map((r) => r.rowMs))),
    typedWhileLoading: toOne.filter((r) => r.loading).length,
    afterLoadFirstMedianMs: round(median(toOne.map((r) => r.afterLoadMs))),
    runs: toOne
  }
  const firstSort = COLUMNS.map((column) => {
    const runs = firstSorts.get(column)!
    return { column, medianMs: round(median(runs)), runsMs: runs.map((v) => round(v)) }
  })
  console.log(`filter to one ${count}: ${JSON.stringify(filterToOne)}`)
  console.log(`first sort ${count}: ${JSON.stringify(firstSort)}`)

  // Scroll the whole list quickly from the top, after a warm-up pass.
  await scroll(page, 30, SCROLL_STEP)
  const scrolled = await scroll(page, SCROLL_FRAMES, SCROLL_STEP)

  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0)
  return {
    articles: count,
    seeding: {
      bulkPutArticlesPerSecond: round(seed.articlesPerSecond, 0),
      generateMs: round(seed.generateMs, 0),
      writeMs: round(seed.writeMs, 0),
      totalMs: round(seed.ms, 0)
    },
    launch: {
      medianMs: round(median(launches), 0),
      runsMs: launches.map((v) => round(v, 0)),
      completeMedianMs: round(median(runs.map((r) => r.completeMs)), 0),
      marksMedianMs: Object.fromEntries(
        Object.keys(runs[0]!.marks).map((name) => [
          name,
          round(median(runs.map((r) => r.marks[name] ?? 0)), 0)
        ])
      ),
      targetMs: 2000
    },
    sort,
    filter,
    filterToOne,
    firstSort,
    scroll: {
      frameWorkP95Ms: round(p95(scrolled.work)),
      frameWorkMedianMs: round(median(scrolled.work)),
      rafDeltaP95Ms: round(p95(scrolled.deltas)),
      rafDeltaMedianMs: round(median(scrolled.deltas))
    },
    jsHeapUsedMB: round(heap / 2 ** 20),
    storage: { usageMB: round(usage / 2 ** 20), bytesPerArticle: round(usage / count, 0) }
  }
}

test('library at 10,000 and 100,000 articles', async () => {
  test.setTimeout(3 * 3_600_000)
  const reports: SizeReport[] = []
  for (const count of SIZES) {
    // A fresh on-disk profile per size: the archive holds exactly `count` articles.
    // LIASSE_LIBRARY_PROFILE=/some/dir keeps each size's profile (dir-10000…) to measure again
    // without seeding again.
    const kept = process.env.LIASSE_LIBRARY_PROFILE
    const profile = kept ? `${kept}-${count}` : mkdtempSync(join(tmpdir(), 'liasse-library-bench-'))
    mkdirSync(profile, { recursive: true })
    const context = await chromium.launchPersistentContext(profile, {
      baseURL: config.use?.baseURL,
      viewport: config.use?.viewport,
      locale: config.use?.locale,
      executablePath: config.use?.launchOptions?.executablePath,
      args: config.use?.launchOptions?.args
    })
    try {
      reports.push(await measureSize(context, count, profile))
    } finally {
      await context.close()
      if (!kept) rmSync(profile, { recursive: true, force: true })
    }
    console.log(JSON.stringify(reports.at(-1), null, 2))
  }
  console.table(
    reports.map((r) => ({
      articles: r.articles,
      'bulkPut art/s': r.seeding.bulkPutArticlesPerSecond,
      'launch ms': r.launch.medianMs,
      'sort median ms (max)': r.sort
        .map((s) => `${s.column} ${s.medianMs} (${s.maxMs})`)
        .join(', '),
      'filter work ms': Math.max(...r.filter.map((f) => f.medianWorkMs)),
      'filter to one ms (loading answer / row / after load)': `${r.filterToOne.whileLoadingAnswerMedianMs} / ${r.filterToOne.whileLoadingRowMedianMs} / ${r.filterToOne.afterLoadFirstMedianMs}`,
      'first sort ms': r.firstSort.map((s) => `${s.column} ${s.medianMs}`).join(', '),
      'scroll p95 work/raf ms': `${r.scroll.frameWorkP95Ms} / ${r.scroll.rafDeltaP95Ms}`,
      'heap MB': r.jsHeapUsedMB,
      'bytes/article': r.storage.bytesPerArticle
    }))
  )
  writeFileSync(
    join(import.meta.dirname, 'report-library.json'),
    JSON.stringify({ date: new Date().toISOString(), sizes: reports }, null, 2)
  )
  for (const r of reports) expect(r.launch.medianMs).toBeGreaterThan(0)
})
