// axe-core on the library and the reader: no serious or critical violation; keyboard reaches both.
import { seriousViolations } from '../support/axe'
import { test, expect } from '../support/fixtures'
import { ReaderPage } from '../support/reader-page'
import { acceptFirstSuggestions } from '../support/suggestions'

test('the library has no serious or critical accessibility violation', async ({
  library,
  page
}) => {
  await expect(library.rows()).toHaveCount(5)
  expect(await seriousViolations(page)).toEqual([])
})

test('the reader has no serious or critical accessibility violation', async ({ library, page }) => {
  await library.articleLink(/WikiLeaks : les échanges/).click()
  await expect(
    page
      .getByRole('region', { name: /^Article text/ })
      .locator('p')
      .first()
  ).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Edit details' }).click()
  expect(await seriousViolations(page)).toEqual([])
})

test('the keyboard alone opens an article from the library', async ({ library, page }) => {
  // Ctrl+F is the library's filter ("/" opens the archive-wide search).
  await page.keyboard.press('Control+f')
  await expect(library.filter).toBeFocused()
  await page.keyboard.type('embarrassants')
  await expect(library.rows()).toHaveCount(1)
  // Tab moves through the sort buttons to the one article link.
  const link = library.articleLink(/WikiLeaks : les échanges/)
  for (let i = 0; i < 10 && !(await link.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
  }
  await expect(link).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('WikiLeaks : les échanges')
})

test('the annotated reader, the tag picker, the codebook and the passages view have no serious violation', async ({
  library,
  page
}) => {
  await library.articleLink(/WikiLeaks : les échanges/).click()
  const reader = new ReaderPage(page)
  await reader.selectWithMouse("Quand ce n'est pas le père, c'est le fils.")
  await page.getByRole('button', { name: 'Tag selection…' }).first().click()
  await expect(reader.picker()).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await reader.picker().getByRole('textbox', { name: 'Find or create a tag' }).fill('Ton')
  await reader.picker().getByRole('textbox', { name: 'Find or create a tag' }).press('Enter')
  await reader.picker().getByRole('button', { name: 'Save passage' }).click()
  await reader.selectWithMouse('c\'est le fils. "The Atlantic" révèle')
  await reader.tagSelection(['Sources'], 'Une note')
  expect(await seriousViolations(page)).toEqual([])

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Codebook' })
    .click()
  await expect(page.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveCount(2)
  expect(await seriousViolations(page)).toEqual([])
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Passages' })
    .click()
  await expect(page.getByText('2 passages')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

test('the dossiers list, the composer and the merge preview have no serious violation', async ({
  library,
  page
}, testInfo) => {
  await expect(library.heading).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await acceptFirstSuggestions(page, 1)
  await nav.getByRole('link', { name: 'Dossiers' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])

  await page.getByRole('textbox', { name: 'Title of the new dossier' }).fill('Accessible')
  await page.getByRole('button', { name: 'Create dossier' }).click()
  const preview = page.getByTestId('dossier-preview')
  await expect(preview.locator('blockquote').first()).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])

  // The merge preview, for a bundle of this very archive (everything already here).
  const download = page.waitForEvent('download')
  await page
    .getByRole('group', { name: 'Export' })
    .getByRole('button', { name: 'Liasse bundle', exact: true })
    .click()
  const bundle = testInfo.outputPath('accessible.liasse')
  await (await download).saveAs(bundle)
  await nav.getByRole('link', { name: 'Dossiers' }).click()
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import a bundle or annotations…' }).click()
  await (await chooser).setFiles(bundle)
  const dialog = page.getByRole('dialog', { name: 'Merge accessible.liasse into this archive' })
  await expect(dialog).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  // Keyboard: Escape closes the preview and nothing is merged.
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
