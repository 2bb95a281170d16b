// Scans (issue 22): how well and how fast Liasse reads page images, against the Tesseract command
// line (Debian's `tesseract`, fra+eng) on the same pages in the same run. The pages come from
// bench/ocr/corpus.ts (drawn from a seed, text known); error rates from bench/ocr/error-rates.ts.
//
// - "Liasse as shipped" is the app's path: importSource with the Node scan environment
//   (test/scan/node-scan.ts: the JavaScript PNG/JPEG decoder, prepareForOcr with KEPT_STEPS,
//   tesseract.js workers set with RECOGNITION_PARAMETERS (automatic page segmentation, PSM 3),
//   layoutPage, the stored JPEG), language left to Liasse ('auto': a one-page file is read with
//   fra+eng). The CLI reads the same file with -l fra+eng, page by page alternately with Liasse,
//   so that the shared machine's load weighs on both alike.
// - Historical comparison: tesseract.js' own default segmentation (PSM 6, one uniform block),
//   which the app used before, on the two-column and caption pages only.
// - Each preprocessing step is measured on its own (shipped engine + layoutPage on the prepared
//   image, the calls readScan makes), on the French page of each class.
// - Pages/minute: Liasse one page at a time on a warm worker pool of the app's size
//   (max(1, cores − 1)) — on 2 cores that is 1 worker, like for like with the CLI, which is run
//   with OMP_THREAD_LIMIT=1 (and once without, to show what its threads give); then 2 workers.
// - Memory per worker: the bench process's RSS before and after a pool's workers have loaded
//   fra+eng and read a page (tesseract.js' Node workers are threads of this process).
//
// Not part of `npm test`: only `npm run bench` or
// `npx vitest run --config bench/vitest.config.mts bench/ocr.bench.ts` runs it.
// Without `tesseract` on the PATH the CLI rows are skipped with a line saying so.
// LIASSE_BENCH_QUICK=1: the clean, skew and columns classes only, no step variants.
// LIASSE_BENCH_OCR_OUT=<file>: where the figures go (default bench/report-ocr.json), e.g. for a
// second run of the speed test alone (`-t speed`).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createScheduler, createWorker, PSM, type Scheduler } from 'tesseract.js'
import { afterAll, expect, test } from 'vitest'
import { importSource } from '../src/core/import/import'
import { ImportError, type ImportEnvironment } from '../src/core/import/types'
import { layoutPage } from '../src/core/scan/layout'
import { encodePgm } from '../src/core/scan/pgm'
import { KEPT_STEPS, prepareForOcr, type PrepareSteps } from '../src/core/scan/preprocess'
import { readScan, toGray } from '../src/core/scan/read-scan'
import { ocrPageOf } from '../src/core/scan/tesseract-result'
import { DEFAULT_SCAN_LIMITS, type GrayImage, type OcrEngine } from '../src/core/scan/types'
import { createTestImportEnvironment } from '../test/import/test-env'
import { createNodeScanEnvironment, decodeImageNode, languageFolder } from '../test/scan/node-scan'
import { DEGRADED, makeCorpus, PAGE_CLASSES, type CorpusPage, type PageClass } from './ocr/corpus'
import { RateTally, normalizeForRates } from './ocr/error-rates'

const QUICK = process.env.LIASSE_BENCH_QUICK === '1'
const OUT = process.env.LIASSE_BENCH_OCR_OUT ?? 'bench/report-ocr.json'
const classes: readonly PageClass[] = QUICK ? ['clean', 'skew', 'columns'] : PAGE_CLASSES
const corpus = makeCorpus({ classes, pagesPerClass: 1 })
const cores = availableParallelism()
const appPool = Math.max(1, cores - 1)

const cli = spawnSync('tesseract', ['--version'], { encoding: 'utf8' })
const cliMissing =
  cli.error || cli.status !== 0
    ? 'tesseract is not on the PATH (apt-get install tesseract-ocr tesseract-ocr-fra)'
    : ''
const cliLanguages = cliMissing
  ? ''
  : spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout
const cliReason =
  cliMissing ||
  (/\bfra\b/.test(cliLanguages) && /\beng\b/.test(cliLanguages)
    ? ''
    : 'tesseract has no fra or eng data')
if (cliReason) console.log(`Tesseract CLI rows skipped: ${cliReason}`)

/** Whether a measurement is left out of this run; its reason is printed, one line. */
function leftOut(name: string, reasons: string[]): boolean {
  const reason = reasons.find(Boolean)
  if (reason) console.log(`${name} skipped: ${reason}`)
  return reason !== undefined
}
const QUICK_REASON = QUICK
  ? 'LIASSE_BENCH_QUICK=1 asks for the short run (clean, skew and columns, no variants)'
  : ''
const hasTime = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0

const folder = mkdtempSync(join(tmpdir(), 'liasse-ocr-bench-'))
const fileOf = (page: CorpusPage): string =>
  join(folder, `${page.id}.${page.format === 'png' ? 'png' : 'jpg'}`)
for (const page of corpus) writeFileSync(fileOf(page), page.bytes)

/** The app's scan host, as shipped: PSM 3 workers, KEPT_STEPS, a pool of the app's size. */
const scan = createNodeScanEnvironment(appPool)
const env: ImportEnvironment = { ...createTestImportEnvironment(), scan }

/**
 * HISTORICAL: tesseract.js' default page segmentation, PSM 6 ("one uniform block of text"), as
 * the workers were made before RECOGNITION_PARAMETERS; one worker, fra+eng only.
 */
function singleBlockEngine(): OcrEngine & { terminate(): Promise<void> } {
  let scheduler: Promise<Scheduler> | undefined
  const made = async (): Promise<Scheduler> => {
    const s = createScheduler()
    const worker = await createWorker(['fra', 'eng'], 1, {
      langPath: languageFolder(),
      gzip: true,
      cacheMethod: 'none'
    })
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK })
    s.addWorker(worker)
    return s
  }
  return {
    async recognize(image: GrayImage) {
      scheduler ??= made()
      const result = await (
        await scheduler
      ).addJob('recognize', encodePgm(image) as never, {}, { blocks: true, text: false })
      return ocrPageOf(result.data.blocks, image.width, image.height)
    },
    async terminate() {
      if (scheduler) await (await scheduler).terminate()
      scheduler = undefined
    }
  }
}

interface ClassRow {
  cer: number
  wer: number
}
const report: {
  machine: { cores: number; appPool: number; node: string; loadavg: Record<string, number[]> }
  pages: Array<{ id: string; chars: number; width: number; height: number }>
  liasse: Record<string, Record<string, ClassRow>>
  cli: Record<string, ClassRow>
  steps: Record<string, Record<string, ClassRow>>
  speed: Record<string, number>
  pageMs: Record<string, { liasse: number; cli?: number }>
  memory: Record<string, number>
  order: Record<string, unknown>
  paragraphs: Record<string, { expected: number; found: number }>
  texts: Record<string, { shipped?: string; psm6?: string; cli?: string }>
} = {
  machine: { cores, appPool, node: process.version, loadavg: { start: loadavg() } },
  pages: corpus.map((p) => ({
    id: p.id,
    chars: normalizeForRates(p.text).length,
    width: p.width,
    height: p.height
  })),
  liasse: {},
  cli: {},
  steps: {},
  speed: {},
  pageMs: {},
  memory: {},
  order: {},
  paragraphs: {},
  texts: {}
}

afterAll(async () => {
  await scan.terminate()
  rmSync(folder, { recursive: true, force: true })
  report.machine.loadavg.end = loadavg()
  writeFileSync(OUT, JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2))
})

/** Error rates per class, and over all degraded classes together, for one reader's texts. */
function rates(texts: Map<string, string>, pages: readonly CorpusPage[]): Record<string, ClassRow> {
  const tallies = new Map<string, RateTally>()
  const tally = (key: string): RateTally => {
    let t = tallies.get(key)
    if (!t) tallies.set(key, (t = new RateTally()))
    return t
  }
  for (const page of pages) {
    const text = texts.get(page.id)
    if (text === undefined) continue
    tally(page.pageClass).add(page.text, text)
    if (DEGRADED.includes(page.pageClass)) tally('degraded (all)').add(page.text, text)
  }
  return Object.fromEntries([...tallies].map(([key, t]) => [key, { cer: t.cer, wer: t.wer }]))
}

const pct = (value: number): string => `${(value * 100).toFixed(2)} %`
const both = (row: ClassRow | undefined): string =>
  row ? `${pct(row.cer)} / ${pct(row.wer)}` : '–'

/**
 * Where a drawn line is in a text: the first of its 3-word runs found there (OCR may have
 * misread a word or two), or −1.
 */
function lineAt(text: string, line: string): number {
  const flat = normalizeForRates(text)
  const words = normalizeForRates(line).split(' ')
  for (let i = 0; i + 3 <= Math.max(3, words.length); i++) {
    const run = words.slice(i, i + 3).join(' ')
    const at = flat.indexOf(run)
    if (at >= 0 && flat.indexOf(run, at + 1) < 0) return at
  }
  return -1
}

/** Column by column: every found line of column 0 before every found line of column 1. */
function columnOrder(
  page: CorpusPage,
  text: string
): { columnByColumn: boolean; found: number; lines: number; inversions: number } {
  const placed = page.lines
    .filter((line) => line.text.split(' ').length >= 3)
    .map((line) => ({ ...line, at: lineAt(text, line.text) }))
  const found = placed.filter((line) => line.at >= 0)
  const lastOfFirst = Math.max(...found.filter((l) => l.column === 0).map((l) => l.at))
  const firstOfSecond = Math.min(...found.filter((l) => l.column === 1).map((l) => l.at))
  let inversions = 0
  for (let i = 1; i < found.length; i++) if (found[i]!.at < found[i - 1]!.at) inversions++
  return {
    columnByColumn: lastOfFirst < firstOfSecond,
    found: found.length,
    lines: placed.length,
    inversions
  }
}

const shippedTexts = new Map<string, string>()
const psm6Texts = new Map<string, string>()
const cliTexts = new Map<string, string>()

/** One page through the app's path; a page where nothing is recognised counts as empty text. */
async function importPage(page: CorpusPage, importEnv: ImportEnvironment): Promise<string> {
  const article = await importSource(
    { name: fileOf(page).split('/').at(-1)!, bytes: page.bytes },
    importEnv
  ).catch((error: unknown) => {
    if (error instanceof ImportError && error.code === 'empty') return { text: '' }
    throw error
  })
  return article.text
}

/** The CLI on one page (`threads`: OMP_THREAD_LIMIT), with its peak RSS when /usr/bin/time is. */
function runCli(page: CorpusPage, threads: string | undefined): { text: string; maxRssKb: number } {
  const envVars = { ...process.env, ...(threads ? { OMP_THREAD_LIMIT: threads } : {}) }
  const args = [fileOf(page), '-', '-l', 'fra+eng']
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', 'tesseract', ...args], {
        encoding: 'utf8',
        env: envVars
      })
    : spawnSync('tesseract', args, { encoding: 'utf8', env: envVars })
  if (result.status !== 0) throw new Error(`tesseract failed on ${page.id}: ${result.stderr}`)
  const rss = hasTime ? Number(result.stderr.trim().split('\n').at(-1)) : 0
  return { text: result.stdout, maxRssKb: rss }
}

let warmed = false

test('memory per worker: one tesseract.js worker loaded with fra+eng, after one page', async () => {
  global.gc?.()
  const before = process.memoryUsage().rss
  await importPage(corpus[0]!, env)
  warmed = true
  const after = process.memoryUsage().rss
  report.memory['rss delta, first worker (fra+eng, one page read), MB'] = (after - before) / 2 ** 20
  console.log(`RSS delta of the first worker: ${((after - before) / 2 ** 20).toFixed(0)} MB`)
})

test('speed and error rates: Liasse as shipped and the Tesseract CLI, page by page', async () => {
  // Warm the pool first, so that pages/minute count pages, not the worker's start.
  if (!warmed) await importPage(corpus[0]!, env)
  report.machine.loadavg.speed = loadavg()
  let liasseMs = 0
  let cliMs = 0
  let maxRss = 0
  for (const page of corpus) {
    let t = performance.now()
    const text = await importPage(page, env)
    const ms = performance.now() - t
    liasseMs += ms
    shippedTexts.set(page.id, text)
    report.pageMs[page.id] = { liasse: ms }
    report.texts[page.id] = { ...report.texts[page.id], shipped: text }
    report.paragraphs[page.id] = {
      expected: page.text.split('\n\n').length,
      found: text.split('\n\n').length
    }
    if (cliReason) continue
    t = performance.now()
    const fromCli = runCli(page, '1')
    const cliPageMs = performance.now() - t
    cliMs += cliPageMs
    report.pageMs[page.id]!.cli = cliPageMs
    cliTexts.set(page.id, fromCli.text)
    report.texts[page.id] = { ...report.texts[page.id], cli: fromCli.text }
    maxRss = Math.max(maxRss, fromCli.maxRssKb)
  }
  report.machine.loadavg.speedEnd = loadavg()
  const liasseRate = corpus.length / (liasseMs / 60_000)
  report.speed[`Liasse as shipped, pool of ${appPool} (app size), pages/min`] = liasseRate
  report.liasse.shipped = rates(shippedTexts, corpus)
  if (!cliReason) {
    const cliRate = corpus.length / (cliMs / 60_000)
    report.speed['CLI, OMP_THREAD_LIMIT=1, pages/min'] = cliRate
    report.speed['Liasse / CLI (one thread)'] = liasseRate / cliRate
    if (hasTime) report.memory['CLI peak RSS (one process, fra+eng), MB'] = maxRss / 1024
    report.cli = rates(cliTexts, corpus)
  }
  console.table(
    Object.entries(report.liasse.shipped).map(([cls, r]) => ({
      class: cls,
      'Liasse CER / WER': both(r),
      'CLI CER / WER': both(report.cli[cls])
    }))
  )
  console.log(JSON.stringify(report.speed), JSON.stringify(report.machine.loadavg))
  expect(report.liasse.shipped.clean!.cer).toBeLessThan(0.02)
})

test.skipIf(leftOut('CLI with its own threads', [QUICK_REASON, cliReason]))(
  'CLI with its own threads (clean + columns pages)',
  () => {
    const some = corpus.filter((p) => p.pageClass === 'clean' || p.pageClass === 'columns')
    const started = performance.now()
    for (const page of some) runCli(page, undefined)
    report.speed['CLI, default threads, pages/min (clean + columns)'] =
      some.length / ((performance.now() - started) / 60_000)
  }
)

test('HISTORICAL: tesseract.js default segmentation (PSM 6) on the columns and caption pages', async () => {
  const engine = singleBlockEngine()
  try {
    const psm6Env: ImportEnvironment = { ...env, scan: { ...scan, engine } }
    const pages = corpus.filter((p) => p.pageClass === 'columns' || p.pageClass === 'caption')
    for (const page of pages) {
      const text = await importPage(page, psm6Env)
      psm6Texts.set(page.id, text)
      report.texts[page.id] = { ...report.texts[page.id], psm6: text }
    }
    report.liasse.psm6 = rates(psm6Texts, pages)
    console.log('PSM 6', JSON.stringify(report.liasse.psm6))
  } finally {
    await engine.terminate()
  }
})

test('two-column reading order: Liasse as shipped, PSM 6 (historical) and the CLI', () => {
  for (const page of corpus.filter((p) => p.pageClass === 'columns')) {
    const shipped = columnOrder(page, shippedTexts.get(page.id) ?? '')
    const psm6 = psm6Texts.has(page.id) ? columnOrder(page, psm6Texts.get(page.id)!) : undefined
    const fromCli = cliTexts.has(page.id) ? columnOrder(page, cliTexts.get(page.id)!) : undefined
    report.order[page.id] = { 'Liasse as shipped': shipped, 'PSM 6': psm6, cli: fromCli }
    console.log(page.id, JSON.stringify(report.order[page.id]))
    // Measured, not asserted here: src/core/scan/reading-order.test.ts asserts it on the app's engine.
  }
})

const VARIANTS: Record<string, PrepareSteps> = {
  none: { borders: false, deskew: false, binarise: false },
  borders: { borders: true, deskew: false, binarise: false },
  deskew: { borders: false, deskew: true, binarise: false },
  otsu: { borders: false, deskew: false, binarise: 'otsu' },
  sauvola: { borders: false, deskew: false, binarise: 'sauvola' },
  'denoise (always)': { borders: false, deskew: false, binarise: false, denoise: true },
  'borders + deskew': { borders: true, deskew: true, binarise: false },
  'KEPT_STEPS (deskew + denoise auto)': KEPT_STEPS
}

test.skipIf(leftOut('Preprocessing steps', [QUICK_REASON]))(
  'each preprocessing step on its own (French page of each class, shipped engine)',
  async () => {
    const pages = corpus.filter((p) => p.language === 'fra')
    const grays = new Map<string, GrayImage>()
    for (const page of pages)
      grays.set(page.id, toGray(await decodeImageNode(page.bytes, page.format)))
    for (const [name, steps] of Object.entries(VARIANTS)) {
      const texts = new Map<string, string>()
      let prepareMs = 0
      for (const page of pages) {
        const t = performance.now()
        const prepared = prepareForOcr(grays.get(page.id)!, steps)
        prepareMs += performance.now() - t
        const ocr = await scan.engine.recognize(prepared.image, 'fra+eng')
        texts.set(page.id, layoutPage(ocr).text)
      }
      report.steps[name] = rates(texts, pages)
      report.speed[`prepareForOcr (${name}), ms/page`] = prepareMs / pages.length
      console.log(
        name,
        `${(prepareMs / pages.length).toFixed(0)} ms/page`,
        Object.entries(report.steps[name])
          .map(([cls, r]) => `${cls} ${pct(r.cer)}/${pct(r.wer)}`)
          .join(', ')
      )
    }
  }
)

test.skipIf(
  leftOut('Two workers', [
    QUICK_REASON,
    cores < 2 ? 'one core: two workers cannot read side by side' : ''
  ])
)('throughput with 2 workers (readScan over the French pages, shipped engine)', async () => {
  global.gc?.()
  const before = process.memoryUsage().rss
  const two = createNodeScanEnvironment(2)
  try {
    const sources = corpus
      .filter((page) => page.language === 'fra')
      .map((page) => ({
        kind: 'image' as const,
        image: () => decodeImageNode(page.bytes, page.format)
      }))
    const limits = { ...DEFAULT_SCAN_LIMITS, language: 'fra+eng' as const }
    // Warm: both workers made and loaded.
    await readScan(2, (i) => sources[i]!, two, { limits })
    report.memory['rss delta, a pool of 2 workers (fra+eng, pages read), MB'] =
      (process.memoryUsage().rss - before) / 2 ** 20
    const started = performance.now()
    await readScan(sources.length, (i) => sources[i]!, two, { limits })
    report.speed['Liasse, pool of 2, pages/min'] =
      sources.length / ((performance.now() - started) / 60_000)
    console.log(JSON.stringify(report.speed), JSON.stringify(report.memory))
  } finally {
    await two.terminate()
  }
})
