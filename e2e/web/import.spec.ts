// Import as a user meets it: the file chooser with four formats, drag-and-drop, paste, duplicates,
// broken files refused with a clear reason and nothing else changed, everything kept on reload.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from '../support/fixtures'
import { CP1252_TITLE, DOCX_TITLE, DROPPED_TITLE, HTML_TITLE, PDF_TITLE } from '../support/files'

async function dropFile(page: Page, path: string): Promise<void> {
  const data = readFileSync(path).toString('base64')
  const transfer = await page.evaluateHandle(
    ({ name, data }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
      const dt = new DataTransfer()
      dt.items.add(new File([bytes], name))
      return dt
    },
    { name: basename(path), data }
  )
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer })
  await expect(page.getByText('Drop files to import them')).toBeVisible()
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })
}

test('HTML, Windows-1252 text, PDF and DOCX import through the file chooser and stay after a reload', async ({
  library,
  files,
  page
}) => {
  await library.importFiles([files.html, files.cp1252, files.pdf, files.docx])
  const report = library.reportDialog()
  await expect(report).toContainText('4 imported, 0 already in the archive, 0 failed')
  await library.closeReport()
  await expect(library.rows()).toHaveCount(9)
  for (const title of [HTML_TITLE, CP1252_TITLE, PDF_TITLE, DOCX_TITLE]) {
    await expect(library.articleLink(title)).toBeVisible()
  }
  await expect(page.getByRole('row', { name: new RegExp(HTML_TITLE) })).toContainText(
    'Le Quotidien'
  )

  // Imported HTML never runs script.
  expect(
    await page.evaluate(() => (window as unknown as { __liassePwned?: string }).__liassePwned)
  ).toBeUndefined()
  await expect(page).not.toHaveTitle('pwned')

  await page.reload()
  await expect(library.rows()).toHaveCount(9)
  await library.articleLink(CP1252_TITLE).click()
  await expect(page.getByRole('region', { name: /^Article text/ })).toContainText(
    'À la fin de l’été, l’œuvre coûte 5 € — “très cher”'
  )

  await page.getByRole('link', { name: 'Back to the library' }).click()
  await library.articleLink(HTML_TITLE).click()
  const body = page.getByRole('region', { name: /^Article text/ })
  await expect(body).toContainText('les salles de lecture accueillent de nouveau les chercheurs')
  await expect(body).not.toContainText('__liassePwned')
  await expect(page.locator('.reader-meta')).toContainText('Camille Dubois')
})

test('importing the same file again is reported as a duplicate and not stored twice', async ({
  library,
  files
}) => {
  await library.importFiles([files.docx])
  await library.closeReport()
  await expect(library.rows()).toHaveCount(6)
  await library.importFiles([files.docx])
  await expect(library.reportDialog()).toContainText(
    '0 imported, 1 already in the archive, 0 failed'
  )
  await expect(library.reportDialog()).toContainText(`Already in the archive as “${DOCX_TITLE}”`)
  await library.closeReport()
  await expect(library.rows()).toHaveCount(6)
})

test('a corrupt PDF and a binary file named .txt get clear errors and change nothing else', async ({
  library,
  files,
  page
}) => {
  await library.importFiles([files.corruptPdf, files.binaryTxt])
  const report = library.reportDialog()
  await expect(report).toContainText('0 imported, 0 already in the archive, 2 failed')
  await expect(report.getByRole('listitem').filter({ hasText: 'casse.pdf' })).toContainText(
    'The file is damaged and cannot be opened.'
  )
  await expect(
    report.getByRole('listitem').filter({ hasText: 'image-deguisee.txt' })
  ).toContainText('cannot be read as text')
  await library.closeReport()
  await expect(library.rows()).toHaveCount(5)
  await page.reload()
  await expect(library.rows()).toHaveCount(5)
})

test('a file dropped on the window is imported', async ({ library, files, page }) => {
  await dropFile(page, files.dropped)
  await expect(library.reportDialog()).toContainText('1 imported')
  await library.closeReport()
  await expect(library.articleLink(DROPPED_TITLE)).toBeVisible()
  await expect(library.rows()).toHaveCount(6)
})

test('pasted text becomes an article with the title given', async ({ library, page }) => {
  await page.getByRole('button', { name: 'Paste text…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paste text as an article' })
  await dialog.getByRole('button', { name: 'Import text' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Paste some text first.')
  await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill('Dépêche collée')
  await dialog
    .getByRole('textbox', { name: 'Text' })
    .fill('Première ligne de la dépêche.\n\nDeuxième paragraphe, avec des accents : ça marche.')
  await dialog.getByRole('button', { name: 'Import text' }).click()
  await expect(library.reportDialog()).toContainText('1 imported')
  await library.closeReport()
  await library.articleLink('Dépêche collée').click()
  await expect(page.getByRole('region', { name: /^Article text/ }).locator('p')).toHaveCount(2)
})
