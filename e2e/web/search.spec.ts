// Full-text search on the sample archive: a word found only in an article body opens the article
// at the match; stems and accents are forgiven; facets narrow the results; saved searches stay.
import { writeFileSync } from 'node:fs'
import { expect, test } from '../support/fixtures'
import { acceptFirstSuggestions } from '../support/suggestions'

test('Ctrl+K finds a word that only occurs in an article body and opens the article there', async ({
  library,
  page
}) => {
  await library.heading.click()
  await page.keyboard.press('Control+k')
  const box = page.getByRole('searchbox', { name: 'Search the archive' })
  await expect(box).toBeFocused()
  await box.fill('Veselnitskaya')
  const results = page.getByRole('list', { name: 'Results', exact: true })
  await expect(results.getByRole('listitem')).toHaveCount(1)
  await expect(page.getByRole('status').filter({ hasText: 'One result' })).toBeVisible()
  await expect(results.locator('mark')).toHaveText('Veselnitskaya')
  await page.screenshot({ path: test.info().outputPath('search-result.png') })

  await results.getByRole('link').click()
  await expect(page).toHaveURL(/#\/article\/.+at=\d+/)
  // The reader opens scrolled to the match, which Find in article counts and marks.
  await expect(page.getByText('1 of 1')).toBeVisible()
  const paragraph = page.locator('p', { hasText: 'Natalia Veselnitskaya' }).first()
  await expect(paragraph).toBeInViewport()
})

test('"/" opens search; stems, accents and typos are forgiven; phrases and exclusions hold', async ({
  library,
  page
}) => {
  await library.heading.click()
  await page.keyboard.press('/')
  const box = page.getByRole('searchbox', { name: 'Search the archive' })
  await expect(box).toBeFocused()
  const results = page.getByRole('list', { name: 'Results', exact: true }).getByRole('listitem')

  // "milliardaires" (plural, no accent needed) finds the article that says "milliardaire".
  await box.fill('milliardaires ')
  await expect(results).toHaveCount(1)
  await expect(results.locator('mark').first()).toHaveText('milliardaire')

  // A typo in a long word still finds it.
  await box.fill('Veselnitskya ')
  await expect(results).toHaveCount(1)

  await box.fill('wikileaks ')
  await expect(results).toHaveCount(5)
  await box.fill('wikileaks -milliardaire ')
  await expect(results).toHaveCount(4)
  await box.fill('"fils du milliardaire"')
  await expect(results).toHaveCount(1)
  await box.fill('"milliardaire du fils"')
  await expect(page.getByText('Nothing matches “"milliardaire du fils"”.')).toBeVisible()
})

test('facets narrow the results and count what each choice gives', async ({ library, page }) => {
  await library.heading.click()
  await page.keyboard.press('Control+k')
  await page.getByRole('searchbox', { name: 'Search the archive' }).fill('wikileaks ')
  const results = page.getByRole('list', { name: 'Results', exact: true }).getByRole('listitem')
  await expect(results).toHaveCount(5)

  const facets = page.getByRole('complementary', { name: 'Narrow the results' })
  const outlets = facets.getByRole('group', { name: 'Outlets' })
  await outlets.getByRole('checkbox', { name: /Business Insider France/ }).check()
  await expect(results).toHaveCount(1)
  await expect(results.first()).toContainText('Business Insider France')

  await outlets.getByRole('checkbox', { name: /Business Insider France/ }).uncheck()
  await expect(results).toHaveCount(5)
  const dates = facets.getByRole('group', { name: 'Publication date' })
  await dates.getByRole('combobox', { name: 'From' }).selectOption('2017')
  await expect(results).toHaveCount(3)
  await facets.getByRole('button', { name: 'Clear filters' }).click()
  await expect(results).toHaveCount(5)

  // A saved search comes back after a reload and runs again.
  await page.getByRole('button', { name: 'Save search…' }).click()
  await page.getByRole('textbox', { name: 'Name of the search' }).fill('Tout WikiLeaks')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.reload()
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached()
  await page.getByRole('searchbox', { name: 'Search the archive' }).fill('')
  await facets.getByRole('button', { name: 'Tout WikiLeaks', exact: true }).click()
  await expect(results).toHaveCount(5)
})

test('a saved search is a dossier’s scope: the dossier holds the passages it finds', async ({
  library,
  page
}) => {
  await expect(library.heading).toBeVisible()
  await acceptFirstSuggestions(page, 3)

  await page.keyboard.press('Control+k')
  await page.getByRole('searchbox', { name: 'Search the archive' }).fill('impôts ')
  await expect(page.getByRole('status').filter({ hasText: /result/ })).toBeVisible()
  await page.getByRole('button', { name: 'Save search…' }).click()
  await page.getByRole('textbox', { name: 'Name of the search' }).fill('Impôts')
  await page.getByRole('button', { name: 'Save', exact: true }).click()

  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Dossiers' }).click()
  await page.getByRole('textbox', { name: 'Title of the new dossier' }).fill('Par recherche')
  await page.getByRole('button', { name: 'Create dossier' }).click()
  const preview = page.getByTestId('dossier-preview')
  const quotes = preview.locator('blockquote')
  await expect(quotes.first()).toBeVisible()
  const all = await quotes.count()

  await page.getByRole('combobox', { name: 'Saved search' }).selectOption({ label: 'Impôts' })
  const found = page.getByRole('status').filter({ hasText: /finds \d+ passages/ })
  await expect(found).toBeVisible()
  const n = Number((await found.textContent())!.match(/finds (\d+) passages/)![1])
  expect(n).toBeGreaterThan(0)
  expect(n).toBeLessThan(all)
  await expect(quotes).toHaveCount(n)
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('combobox', { name: 'Saved search' })).toHaveValue(/.+/)
  await expect(quotes).toHaveCount(n)
})

test('a result shows its article’s date with its qualifier, as the library does', async ({
  library,
  page
}, testInfo) => {
  // No stamp, no "this …": the latest date the text mentions (July 2017) is the one it follows.
  const path = testInfo.outputPath('undated.txt')
  writeFileSync(
    path,
    [
      'Le comité Quirbalonde se réunit',
      'Premier paragraphe sans date.',
      'Deuxième paragraphe sans date.',
      'Troisième paragraphe sans date.',
      'Le comité Quirbalonde s’était déjà réuni en juillet 2017, à huis clos.',
      'Quatrième paragraphe sans date.',
      'Cinquième paragraphe sans date.',
      'Sixième paragraphe sans date.'
    ].join('\n\n')
  )
  await library.importFiles([path])
  await library.closeReport()
  const row = page.getByRole('row', { name: /Le comité Quirbalonde se réunit/ })
  await expect(row).toContainText('after July 2017')

  await page.keyboard.press('Control+k')
  await page.getByRole('searchbox', { name: 'Search the archive' }).fill('Quirbalonde')
  const result = page
    .getByRole('list', { name: 'Results', exact: true })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Le comité Quirbalonde se réunit' }) })
  await expect(result).toContainText('after July 2017')
})
