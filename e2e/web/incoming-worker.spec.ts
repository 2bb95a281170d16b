// A colleague's large bundle is read in a worker: the window keeps answering while it is unzipped,
// checked, hashed and planned, Cancel stops the read at once, and the preview opens as before.
import { writeFileSync } from 'node:fs'
import { syntheticBundle } from '../../bench/synthetic/bundle'
import { test, expect } from '../support/fixtures'

const ARTICLES = 6_000

test('a bundle of 6,000 articles is read off the UI thread: typing answers, Cancel stops it', async ({
  library,
  page
}, testInfo) => {
  test.setTimeout(180_000)
  await expect(library.heading).toBeVisible()
  const path = testInfo.outputPath('grande-archive.liasse')
  const bytes = await syntheticBundle(ARTICLES)
  writeFileSync(path, bytes)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dossiers' })
    .click()
  const importButton = page.getByRole('button', { name: 'Import a bundle or annotations…' })
  const reading = page.getByRole('status').filter({ hasText: 'Reading grande-archive.liasse' })
  const titleBox = page.getByRole('textbox', { name: 'Title of the new dossier' })

  // First read: cancelled while it runs; nothing is added.
  let chooser = page.waitForEvent('filechooser')
  await importButton.click()
  await (await chooser).setFiles(path)
  await expect(reading).toBeVisible()
  await page.screenshot({ path: 'test-results/h5-reading-with-cancel.png' })
  await reading.getByRole('button', { name: 'Cancel reading' }).click()
  await expect(page.getByText('Reading grande-archive.liasse was cancelled')).toBeVisible()
  await expect(reading).toHaveCount(0)
  await expect(importButton).toBeEnabled()

  // Second read, to the end: the page keeps answering while the worker works (how long the read
  // takes and how long the UI thread stalls meanwhile: bench/incoming.browser-bench.ts).
  chooser = page.waitForEvent('filechooser')
  await importButton.click()
  await (await chooser).setFiles(path)
  await expect(reading).toBeVisible()
  await titleBox.fill('Typed while reading')
  await expect(titleBox).toHaveValue('Typed while reading')
  const stillReading = await reading.isVisible()
  const dialog = page.getByRole('dialog', { name: 'Merge grande-archive.liasse into this archive' })
  await expect(dialog).toBeVisible({ timeout: 120_000 })
  const summary = dialog.getByRole('table', { name: 'What the file brings' })
  await expect(
    summary
      .getByRole('row', { name: /^Articles/ })
      .getByRole('cell')
      .nth(0)
  ).toHaveText(String(ARTICLES))
  await page.screenshot({ path: 'test-results/h5-big-bundle-preview.png' })
  // The typing was taken and shown while the read was still under way.
  expect(stillReading).toBe(true)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toHaveCount(0)
})
