// Repeats as a researcher meets them: a copy of a sample article pasted in shows on the Sources
// page as counted once, without a reload; the copy deleted, it is gone from there; and the saved
// repeats are not rebuilt at the next start (only the written articles are read again).
import { readFileSync } from 'node:fs'
import { test, expect } from '../support/fixtures'

const SEED = readFileSync(
  new URL('../../resources/sample/004_b4b2c6069bb6b6f2.txt', import.meta.url),
  'utf8'
)

test('a pasted copy of an article is counted once on the Sources page, and leaves when deleted', async ({
  library,
  page
}) => {
  await expect(library.heading).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Sources' }).click()
  const repeats = page.getByRole('region', { name: 'Sources counted once' })
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(repeats).toHaveCount(0)

  // The copy: the article's body, its first line left out and one word changed.
  const body = SEED.split('\n').slice(1).join('\n').replace('révélation', 'découverte')
  await page.getByRole('button', { name: 'Paste text…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paste text as an article' })
  await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill('Copie de la dépêche')
  await dialog.getByRole('textbox', { name: 'Text' }).fill(body)
  await dialog.getByRole('button', { name: 'Import text' }).click()
  await expect(library.reportDialog()).toContainText('1 imported')
  await library.closeReport()

  await nav.getByRole('link', { name: 'Sources' }).click()
  await expect(repeats).toContainText('“Copie de la dépêche” repeats', { timeout: 15_000 })
  await page.screenshot({ path: test.info().outputPath('repeats.png'), fullPage: true })

  // After a reload the saved repeats are read back: nothing to read again, the same line.
  await page.reload()
  await expect(repeats).toContainText('“Copie de la dépêche” repeats', { timeout: 15_000 })

  await nav.getByRole('link', { name: 'Library' }).click()
  await library.articleLink('Copie de la dépêche').click()
  await page.getByRole('button', { name: 'Delete article' }).click()
  await page
    .getByRole('dialog', { name: 'Delete this article?' })
    .getByRole('button', { name: 'Delete' })
    .click()
  await expect(library.heading).toBeVisible()
  await nav.getByRole('link', { name: 'Sources' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(repeats).toHaveCount(0, { timeout: 15_000 })
})
