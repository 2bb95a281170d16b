// Backup and restore as a researcher meets them: the whole archive downloaded as one file, the
// archive changed, the backup restored after a preview that counts what comes back and what goes,
// then the restore undone.
import { test, expect } from '../support/fixtures'
import { HTML_TITLE } from '../support/files'

const SAMPLE = 5

test('back up, change the archive, restore after a preview, undo the restore', async ({
  library,
  page,
  files
}, testInfo) => {
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(library.rows()).toHaveCount(SAMPLE)

  // Back up from Settings: a download of one .liasse-backup file.
  await nav.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Backup' })
  await expect(section).toBeVisible()
  await expect(section).toContainText('Automatic backups are a feature of the desktop app')
  const downloading = page.waitForEvent('download')
  await section.getByRole('button', { name: 'Back up now…' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^liasse-\d{4}-\d{2}-\d{2}-\d{4}\.liasse-backup$/)
  const backupPath = testInfo.outputPath('archive.liasse-backup')
  await download.saveAs(backupPath)
  await expect(page.getByText('Backup saved.')).toBeVisible()
  await section.screenshot({ path: 'test-results/h2-settings-backup.png' })

  // Change the archive: one article imported, one deleted.
  await nav.getByRole('link', { name: 'Library' }).click()
  await library.importFiles([files.html])
  await library.reportDialog().getByRole('button', { name: 'Close' }).click()
  await expect(library.articleLink(HTML_TITLE)).toBeVisible()
  const deleted = library.rows().nth(1).getByRole('link').first()
  const deletedTitle = (await deleted.innerText()).trim()
  await deleted.click()
  await page.getByRole('button', { name: 'Delete article' }).click()
  await page
    .getByRole('dialog', { name: 'Delete this article?' })
    .getByRole('button', { name: 'Delete' })
    .click()
  await expect(library.heading).toBeVisible()
  await expect(library.rows()).toHaveCount(SAMPLE)
  await expect(library.articleLink(deletedTitle)).toHaveCount(0)

  // Restore: the preview says what comes back and what goes.
  await nav.getByRole('link', { name: 'Settings' }).click()
  const chooser = page.waitForEvent('filechooser')
  await section.getByRole('button', { name: 'Restore from a file…' }).click()
  await (await chooser).setFiles(backupPath)
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' })
  await expect(dialog).toBeVisible()
  const articles = dialog.getByRole('row', { name: /^Articles / })
  await expect(articles.getByRole('cell')).toHaveText([String(SAMPLE), '1', '0', '1'])
  const texts = dialog.getByRole('row', { name: /^Article texts / })
  await expect(texts.getByRole('cell')).toHaveText([String(SAMPLE), '1', '0', '1'])
  await expect(dialog).toContainText('You can undo the restore until you close Liasse.')
  await dialog.screenshot({ path: 'test-results/h2-restore-preview.png' })
  await dialog.getByRole('button', { name: 'Restore' }).click()

  // The app reloads on the restored archive: the deleted article is back, the imported one gone.
  await expect(page.getByText(/Archive restored from the backup \(\d+ records\)\./)).toBeVisible({
    timeout: 30_000
  })
  await expect(section.getByRole('button', { name: 'Undo restore' })).toBeVisible()
  await page.screenshot({ path: 'test-results/h2-restored.png' })
  await nav.getByRole('link', { name: 'Library' }).click()
  await expect(library.rows()).toHaveCount(SAMPLE)
  await expect(library.articleLink(deletedTitle)).toBeVisible()
  await expect(library.articleLink(HTML_TITLE)).toHaveCount(0)

  // Undo: the archive as it was before the restore.
  await nav.getByRole('link', { name: 'Settings' }).click()
  await section.getByRole('button', { name: 'Undo restore' }).click()
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })
  await nav.getByRole('link', { name: 'Library' }).click()
  await expect(library.articleLink(HTML_TITLE)).toBeVisible()
  await expect(library.articleLink(deletedTitle)).toHaveCount(0)
  await expect(library.rows()).toHaveCount(SAMPLE)
  await nav.getByRole('link', { name: 'Settings' }).click()
  await expect(section.getByRole('button', { name: 'Undo restore' })).toHaveCount(0)
})

test('a file that is not a backup is refused with a clear message, the archive untouched', async ({
  library,
  page,
  files
}) => {
  // The File menu's "Restore from backup…" (desktop) lands on Settings with the button focused.
  await page.goto('./#/settings?restore=1')
  const section = page.getByRole('region', { name: 'Backup' })
  await expect(section.getByRole('button', { name: 'Restore from a file…' })).toBeFocused()
  const chooser = page.waitForEvent('filechooser')
  await page.keyboard.press('Enter')
  await (await chooser).setFiles(files.html)
  await expect(section.getByRole('alert')).toContainText(
    'This file is not a Liasse backup. Nothing was changed.'
  )
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Library' })
    .click()
  await expect(library.rows()).toHaveCount(SAMPLE)
})
