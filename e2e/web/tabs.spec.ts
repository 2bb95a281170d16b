// Two tabs of the web build on one archive: a write in one shows in the other without a reload,
// through the change log (the same path another desktop window, or team sync, takes).
import { expect, test } from '../support/fixtures'
import { LibraryPage } from '../support/library-page'

test('an edit in one tab shows in a second tab within a second, without a reload', async ({
  library,
  page,
  context
}) => {
  const second = new LibraryPage(await context.newPage())
  await second.open()
  const rows = library.table.getByRole('link')
  const title = (await rows.first().innerText()).trim()
  await expect(second.articleLink(title)).toBeVisible()
  let reloaded = false
  second.page.on('load', () => (reloaded = true))

  await rows.first().click()
  await page.getByRole('button', { name: 'Edit details' }).click()
  const details = page.getByRole('form', { name: 'Article details' })
  await details.getByRole('textbox', { name: 'Title' }).fill('Titre corrigé dans l’autre onglet')
  await details.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Details saved.')).toBeVisible()

  await expect(second.articleLink('Titre corrigé dans l’autre onglet')).toBeVisible({
    timeout: 1_000
  })
  await expect(second.articleLink(title)).toHaveCount(0)
  expect(reloaded).toBe(false)
})
