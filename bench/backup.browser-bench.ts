// Backup and restore of 10,000 synthetic articles in Chromium with real IndexedDB, through the
// Settings UI: the time to write the backup (a download), to preview it, and to restore it (written
// into a fresh database, then the app reloaded on it), with the file's size. Too long for the
// end-to-end suite (minutes); the round trip itself is tested record by record in the unit tests.
// Written to bench/report-backup.json. LIASSE_BACKUP_SIZE changes the number of articles.
import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { LibraryPage } from '../e2e/support/library-page'
import { seedSyntheticArchive } from '../e2e/support/synthetic'

const SIZE = Number(process.env.LIASSE_BACKUP_SIZE ?? 10_000)
const SIZE_TEXT = SIZE.toLocaleString('en-US')

test(`${SIZE_TEXT} articles: backed up and restored in the browser, the preview says nothing changes`, async ({
  page
}, testInfo) => {
  test.setTimeout(420_000)
  await seedSyntheticArchive(page, SIZE, { timeout: 150_000 })
  const library = new LibraryPage(page)
  await library.open()
  await expect(page.getByText(`${SIZE_TEXT} articles`)).toBeVisible({ timeout: 60_000 })
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Backup' })

  let started = Date.now()
  const downloading = page.waitForEvent('download', { timeout: 120_000 })
  await section.getByRole('button', { name: 'Back up now…' }).click()
  const download = await downloading
  const backupPath = testInfo.outputPath('10k.liasse-backup')
  await download.saveAs(backupPath)
  const backupMs = Date.now() - started

  started = Date.now()
  const chooser = page.waitForEvent('filechooser')
  await section.getByRole('button', { name: 'Restore from a file…' }).click()
  await (await chooser).setFiles(backupPath)
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' })
  await expect(dialog).toBeVisible({ timeout: 120_000 })
  const previewMs = Date.now() - started
  await expect(dialog.getByRole('row', { name: /^Articles / }).getByRole('cell')).toHaveText([
    SIZE_TEXT,
    '0',
    '0',
    '0'
  ])
  started = Date.now()
  let writtenMs = ''
  page.on('console', (message) => {
    const match = /^Restore written in (\d+) ms$/.exec(message.text())
    if (match) writtenMs = match[1]!
  })
  await dialog.getByRole('button', { name: 'Restore' }).click()
  await expect(page.getByText(/Archive restored from the backup/)).toBeVisible({
    timeout: 180_000
  })
  const restoreMs = Date.now() - started
  await nav.getByRole('link', { name: 'Library' }).click()
  await expect(page.getByText(`${SIZE_TEXT} articles`)).toBeVisible({ timeout: 60_000 })
  const { size } = statSync(backupPath)
  for (const [type, value] of [
    ['backup ms', backupMs],
    ['preview ms', previewMs],
    ['restore written ms', writtenMs],
    ['restore ms (with reload)', restoreMs],
    ['backup bytes', size]
  ] as const) {
    testInfo.annotations.push({ type, description: String(value) })
  }
  writeFileSync(
    join(import.meta.dirname, 'report-backup.json'),
    JSON.stringify(
      {
        articles: SIZE,
        backupMs,
        previewMs,
        restoreWrittenMs: Number(writtenMs),
        restoreMs,
        bytes: size
      },
      null,
      2
    ) + '\n'
  )
  console.info(
    `${SIZE_TEXT} articles in Chromium: backup ${backupMs} ms, preview ${previewMs} ms, ` +
      `restore written ${writtenMs} ms, restored and reloaded ${restoreMs} ms, ` +
      `${(size / 1e6).toFixed(1)} MB`
  )
})
