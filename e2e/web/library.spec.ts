// The library on first run: the sample archive, sensible titles, filter, sort, the reader with
// accents intact, details edited and kept, the interface in French.
import { readFileSync } from 'node:fs'
import { test, expect } from '../support/fixtures'

test('first run shows the five sample articles with sensible titles', async ({ library }) => {
  await expect(library.rows()).toHaveCount(5)
  await expect(
    library.articleLink('WikiLeaks : les échanges très embarrassants de Donald Trump Jr')
  ).toBeVisible()
  await expect(
    library.articleLink('Des échanges secrets entre Trump Jr et Wikileaks durant la campagne')
  ).toBeVisible()
  const titles = await library.table.getByRole('link').allTextContents()
  for (const title of titles.map((t) => t.trim())) {
    // Stamps, datelines and photo credits must not stand in for a title.
    expect(title).not.toMatch(/^(Publié|date\b)|Getty Images|^\s*$/)
    expect(title.length).toBeLessThan(140)
  }
  await expect(library.page.getByText('Business Insider France')).toBeVisible()
})

test('the filter ignores accents and the columns sort', async ({ library, page }) => {
  await library.filter.fill('ambassadeur')
  await expect(library.rows()).toHaveCount(0)
  await library.filter.fill('embarrassants')
  await expect(library.rows()).toHaveCount(1)
  await library.filter.fill('echanges')
  await expect(library.rows()).toHaveCount(2)
  await library.filter.fill('')
  await expect(library.rows()).toHaveCount(5)

  const titleHeader = page.getByRole('columnheader', { name: /Title/ })
  await page.getByRole('button', { name: 'Sort by Title' }).click()
  await expect(titleHeader).toHaveAttribute('aria-sort', 'ascending')
  const ascending = (await library.table.getByRole('link').allTextContents()).map((t) => t.trim())
  expect(ascending).toEqual(
    [...ascending].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' }))
  )
  await page.getByRole('button', { name: 'Sort by Title' }).click()
  await expect(titleHeader).toHaveAttribute('aria-sort', 'descending')
  expect((await library.table.getByRole('link').allTextContents()).map((t) => t.trim())).toEqual(
    ascending.reverse()
  )
})

test('an article opens in the reader with its accents intact', async ({ library, page }) => {
  await library
    .articleLink('WikiLeaks : les échanges très embarrassants de Donald Trump Jr')
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'WikiLeaks : les échanges très embarrassants de Donald Trump Jr'
  )
  const body = page.getByRole('region', { name: /^Article text/ })
  await expect(body).toContainText('la course à la Maison-Blanche')
  await expect(body).toContainText("aux États-Unis, WikiLeaks n'a pas chômé")
  // One paragraph on screen per blank-line-separated block of the captured file.
  const captured = readFileSync('resources/sample/000_9e7ae4bb60a9ea70.txt', 'utf8')
  const blocks = captured.split(/\n\s*\n/).filter((block) => block.trim() !== '')
  await expect(body.locator('p')).toHaveCount(blocks.length)
  await expect(page.getByText('French').first()).toBeVisible()
})

test('details are edited by keyboard and kept after a reload', async ({ library, page }) => {
  await library.articleLink(/Des échanges secrets/).click()
  await page.getByRole('button', { name: 'Edit details' }).click()
  const form = page.getByRole('form', { name: 'Article details' })
  await form.getByRole('textbox', { name: 'Outlet' }).fill('RTS Info')
  await form.getByRole('textbox', { name: 'Publication date' }).fill('2017-11-14')
  await form.getByRole('textbox', { name: 'Publication date' }).press('Enter')
  await expect(page.getByRole('status')).toContainText('Details saved.')
  await page.reload()
  await expect(page.locator('.reader-meta')).toContainText('RTS Info')
  await expect(page.locator('.reader-meta')).toContainText('Nov 14, 2017')

  await page.getByRole('button', { name: 'Edit details' }).click()
  await form.getByRole('textbox', { name: 'Publication date' }).fill('14/11/2017')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form.getByRole('alert')).toHaveText('Write the date as 2017-11-14, 2017-11 or 2017.')
})

test('an article can be deleted after confirming, and the deletion undone', async ({
  library,
  page
}) => {
  await library.articleLink(/Des échanges secrets/).click()
  await page.getByRole('button', { name: 'Delete article' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this article?' })
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(library.heading).toBeVisible()
  await expect(library.rows()).toHaveCount(4)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(library.rows()).toHaveCount(5)
  await page.reload()
  await expect(library.rows()).toHaveCount(5)
})

test('the interface switches to French and remembers it', async ({ library, page }) => {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('fr')
  await expect(page.getByRole('heading', { name: 'Réglages' })).toBeVisible()
  await page.reload()
  await page.getByRole('link', { name: 'Bibliothèque' }).click()
  await expect(page.getByRole('heading', { name: 'Bibliothèque', level: 1 })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Importer des fichiers…' })).toBeVisible()
  await expect(library.page.locator('html')).toHaveAttribute('lang', 'fr')
})
