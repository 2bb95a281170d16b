// Reading a colleague's large bundle in the app (the worker of e2e/web/incoming-worker.spec.ts):
// how long the read takes to the merge preview, how long typing takes to show meanwhile, and the
// longest stall of the UI thread (gaps between ticks of a 10 ms timer) against the same page idle
// for as long (the baseline, same run). Medians of ROUNDS reads, written to
// bench/report-incoming.json. LIASSE_BENCH_INCOMING_ARTICLES sets the bundle's size (default 6,000).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { median } from './harness'
import { syntheticBundle } from './synthetic/bundle'

const ARTICLES = Number(process.env.LIASSE_BENCH_INCOMING_ARTICLES ?? 6000)
const ROUNDS = 3

async function watchMainThread(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { maxGap: number; gapTimer: number }
    let last = performance.now()
    w.maxGap = 0
    w.gapTimer = window.setInterval(() => {
      const now = performance.now()
      w.maxGap = Math.max(w.maxGap, now - last)
      last = now
    }, 10)
  })
}

const maxGap = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const w = window as unknown as { maxGap: number; gapTimer: number }
    clearInterval(w.gapTimer)
    return w.maxGap
  })

test(`a bundle of ${ARTICLES} articles read in the worker`, async ({ page }, testInfo) => {
  test.setTimeout(600_000)
  const path = testInfo.outputPath('grande-archive.liasse')
  const bytes = await syntheticBundle(ARTICLES)
  writeFileSync(path, bytes)
  await page.goto('./')
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dossiers' })
    .click()
  const importButton = page.getByRole('button', { name: 'Import a bundle or annotations…' })
  const reading = page.getByRole('status').filter({ hasText: 'Reading grande-archive.liasse' })
  const titleBox = page.getByRole('textbox', { name: 'Title of the new dossier' })
  const dialog = page.getByRole('dialog', { name: 'Merge grande-archive.liasse into this archive' })

  const read: number[] = []
  const typing: number[] = []
  const stall: number[] = []
  const idleStall: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    await watchMainThread(page)
    const chooser = page.waitForEvent('filechooser')
    const started = Date.now()
    await importButton.click()
    await (await chooser).setFiles(path)
    await expect(reading).toBeVisible()
    const typed = Date.now()
    await titleBox.fill(`Typed while reading ${round}`)
    await expect(titleBox).toHaveValue(`Typed while reading ${round}`)
    typing.push(Date.now() - typed)
    await expect(dialog).toBeVisible({ timeout: 300_000 })
    const readMs = Date.now() - started
    read.push(readMs)
    stall.push(await maxGap(page))
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toHaveCount(0)
    // Baseline: the same page, idle for as long as the read took.
    await watchMainThread(page)
    await page.waitForTimeout(readMs)
    idleStall.push(await maxGap(page))
  }
  const row = {
    articles: ARTICLES,
    bundleMB: Number((bytes.byteLength / 1e6).toFixed(1)),
    readMedianMs: median(read),
    typingMedianMs: median(typing),
    stallMedianMs: Math.round(median(stall)),
    idleStallMedianMs: Math.round(median(idleStall)),
    stallRatio: Number((median(stall) / Math.max(median(idleStall), 1)).toFixed(1)),
    runs: ROUNDS
  }
  console.table([row])
  writeFileSync(
    join(import.meta.dirname, 'report-incoming.json'),
    JSON.stringify({ date: new Date().toISOString(), rows: [row] }, null, 2)
  )
})
