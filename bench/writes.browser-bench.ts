// The app's write paths in Chromium with real IndexedDB on a profile on disk (the harness page
// bench/web/bench-writes.ts): restore of a backup, import of text files, merge of a bundle's
// records, each against one raw IndexedDB transaction putting the same records (no Dexie, no
// change log), alternately in the same page. Also where a restore's time goes: reading the backup
// alone, and the same records through Dexie in one transaction with and without the change log.
// LIASSE_BENCH_WRITES_SIZE sets the articles (default 5,000), LIASSE_BENCH_WRITES_ROUNDS the runs
// (default 3). Written to bench/report-writes.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test, type Page } from '@playwright/test'
import { median } from './harness'
import config from './playwright.config'

const SIZE = Number(process.env.LIASSE_BENCH_WRITES_SIZE ?? 5000)
const ROUNDS = Number(process.env.LIASSE_BENCH_WRITES_ROUNDS ?? 3)
const ONLY = (process.env.LIASSE_BENCH_WRITES_ONLY ?? 'restore,import,merge').split(',')

/** The timed functions of bench/web/bench-writes.ts (a page, not in this project). */
type Op =
  | 'parseBackup'
  | 'restore'
  | 'rawRestore'
  | 'dexieRestore'
  | 'runImport'
  | 'parseImport'
  | 'rawImport'
  | 'merge'
  | 'rawMerge'
  | 'dexieMerge'
interface Writes {
  prepare(n: number): Promise<{ records: number; backupBytes: number }>
  importedRecords(): number
}
type Harness = { liasseWrites: Writes & Record<Op, (arg?: boolean) => Promise<number>> }

const call = (page: Page, op: Op, arg?: boolean): Promise<number> =>
  page.evaluate(([op, arg]) => (window as unknown as Harness).liasseWrites[op](arg), [
    op,
    arg
  ] as const)

interface Row {
  case: string
  medianMs: number
  baseline: string
  baselineMedianMs: number
  /** Case rate / baseline rate (baseline ms / case ms): 1 is as fast as the raw put. */
  rateRatio: number
  articlesPerSecond: number
  baselineArticlesPerSecond: number
  records: number
  samples: number[]
  baselineSamples: number[]
}

test(`restore, import and merge of ${SIZE} articles against raw IndexedDB puts`, async () => {
  test.setTimeout(3_600_000)
  const profile = mkdtempSync(join(tmpdir(), 'liasse-writes-bench-'))
  const context = await chromium.launchPersistentContext(profile, {
    baseURL: config.use?.baseURL,
    executablePath: config.use?.launchOptions?.executablePath,
    args: config.use?.launchOptions?.args
  })
  const rows: Row[] = []
  const extra: Record<string, number> = {}
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('console', (m) => {
      if (m.type() === 'error') console.error(m.text())
    })
    await page.goto('./bench-writes.html')
    await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 30_000 })
    const prepared = await page.evaluate(
      (n) => (window as unknown as Harness).liasseWrites.prepare(n),
      SIZE
    )
    extra.backupBytes = prepared.backupBytes

    const compare = async (
      name: string,
      op: Op,
      baselineName: string,
      baseline: Op,
      records: () => Promise<number>,
      side: Record<string, [Op, boolean?]> = {}
    ): Promise<void> => {
      const samples: number[] = []
      const baseSamples: number[] = []
      const sides: Record<string, number[]> = {}
      for (let round = 0; round < ROUNDS; round++) {
        samples.push(await call(page, op))
        baseSamples.push(await call(page, baseline))
        for (const [label, [sideOp, arg]] of Object.entries(side))
          (sides[label] ??= []).push(await call(page, sideOp, arg))
      }
      const medianMs = median(samples)
      const baselineMedianMs = median(baseSamples)
      rows.push({
        case: name,
        medianMs: Math.round(medianMs),
        baseline: baselineName,
        baselineMedianMs: Math.round(baselineMedianMs),
        rateRatio: Number((baselineMedianMs / medianMs).toFixed(2)),
        articlesPerSecond: Math.round(SIZE / (medianMs / 1000)),
        baselineArticlesPerSecond: Math.round(SIZE / (baselineMedianMs / 1000)),
        records: await records(),
        samples: samples.map(Math.round),
        baselineSamples: baseSamples.map(Math.round)
      })
      for (const [label, values] of Object.entries(sides))
        extra[`${name}: ${label} ms`] = Math.round(median(values))
      console.log(JSON.stringify(rows.at(-1)), JSON.stringify(extra))
    }

    const archiveRecords = (): Promise<number> => Promise.resolve(prepared.records)
    if (ONLY.includes('restore'))
      await compare(
        'restore (restoreInto, whole backup)',
        'restore',
        'raw IndexedDB: one transaction, put × every record',
        'rawRestore',
        archiveRecords,
        {
          'reading the backup alone': ['parseBackup'],
          'Dexie bulkAdd, one transaction, with the log': ['dexieRestore', true],
          'Dexie bulkAdd, one transaction, no log': ['dexieRestore', false]
        }
      )
    if (ONLY.includes('merge'))
      await compare(
        'merge (applyMerge, every record new)',
        'merge',
        'raw IndexedDB: one transaction, put × every record',
        'rawMerge',
        archiveRecords,
        { 'Dexie bulkAdd, one transaction, no log': ['dexieMerge', false] }
      )
    if (ONLY.includes('import')) {
      // The raw baseline puts what the import wrote: it must have run once first.
      await call(page, 'runImport')
      await compare(
        'import (importBatch of .txt files, parse + store + journal)',
        'runImport',
        'raw IndexedDB: one transaction, put × every record written',
        'rawImport',
        () => page.evaluate(() => (window as unknown as Harness).liasseWrites.importedRecords()),
        { 'parsing the files alone': ['parseImport'] }
      )
    }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
  console.table(
    rows.map((r) => ({
      case: r.case,
      'median ms': r.medianMs,
      'art/s': r.articlesPerSecond,
      'raw ms': r.baselineMedianMs,
      'raw art/s': r.baselineArticlesPerSecond,
      'rate ratio': r.rateRatio
    }))
  )
  console.table(extra)
  writeFileSync(
    join(import.meta.dirname, 'report-writes.json'),
    JSON.stringify({ date: new Date().toISOString(), articles: SIZE, rows, extra }, null, 2) + '\n'
  )
  for (const r of rows) expect(r.medianMs).toBeGreaterThan(0)
})
