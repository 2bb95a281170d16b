// A small benchmark harness: medians of repeated runs, each case measured side by side with its
// baseline in the same process, printed as a table and written to bench/report.json.
import { writeFileSync } from 'node:fs'

export interface BenchRow {
  name: string
  baselineName: string
  medianMs: number
  baselineMedianMs: number
  /** How many times slower than the baseline (median / baseline median). */
  ratio: number
  runs: number
}

const rows: BenchRow[] = []

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The value below which `p` % of the values fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** Runs case and baseline alternately (so machine noise hits both alike) and records medians. */
export async function compare(
  name: string,
  fn: () => unknown,
  baselineName: string,
  baseline: () => unknown,
  { runs = 30, warmup = 3 } = {}
): Promise<BenchRow> {
  for (let i = 0; i < warmup; i++) {
    await fn()
    await baseline()
  }
  const samples: number[] = []
  const baseSamples: number[] = []
  for (let i = 0; i < runs; i++) {
    samples.push(await time(fn))
    baseSamples.push(await time(baseline))
  }
  const row: BenchRow = {
    name,
    baselineName,
    medianMs: median(samples),
    baselineMedianMs: median(baseSamples),
    ratio: median(samples) / Math.max(median(baseSamples), 1e-6),
    runs
  }
  rows.push(row)
  return row
}

export function writeReport(path: string): void {
  const table = rows.map((r) => ({
    case: r.name,
    'median ms': r.medianMs.toFixed(3),
    baseline: r.baselineName,
    'baseline ms': r.baselineMedianMs.toFixed(3),
    ratio: r.ratio.toFixed(1)
  }))
  console.table(table)
  writeFileSync(
    path,
    JSON.stringify({ node: process.version, date: new Date().toISOString(), rows }, null, 2)
  )
}
