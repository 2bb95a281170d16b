// The library with 10,000 generated articles (bench/synthetic): only a window of rows is drawn,
// the list scrolls to its end by mouse and keyboard, sorts both ways and filters.
import { sortArticles, filterArticles } from '../../src/core/archive/library-view'
import { syntheticArticles } from '../../bench/synthetic/archive'
import { expect, test } from '../support/fixtures'
import { LibraryPage } from '../support/library-page'
import { seedSyntheticArchive } from '../support/synthetic'

const COUNT = 10_000

test.setTimeout(240_000)

test('10,000 articles: a window of rows, scrolling to the end, sorting and filtering', async ({
  page
}) => {
  // Metadata only: the library never reads the texts, and seeding is twice as fast.
  await seedSyntheticArchive(page, COUNT, { texts: false })
  const { articles } = syntheticArticles(0, COUNT)
  const library = new LibraryPage(page)
  const launched = Date.now()
  await library.open()
  // The first screen comes first, from the date index; the whole list follows.
  await expect(library.rows().first()).toBeVisible()
  await expect(library.page.getByText('10,000 articles')).toBeVisible()
  test
    .info()
    .annotations.push({ type: 'first rows ms', description: String(Date.now() - launched) })
  await expect(library.page.getByText('reading the whole list…')).toBeHidden({ timeout: 60_000 })

  // Table semantics kept for assistive technology: the whole row count, each row's index.
  await expect(library.table).toHaveAttribute('aria-rowcount', String(COUNT + 1))
  const drawn = await library.rows().count()
  expect(drawn).toBeGreaterThan(5)
  expect(drawn).toBeLessThan(80)
  await expect(library.rows().first()).toHaveAttribute('aria-rowindex', '2')

  // Sort by title, both ways: the first row is the generator's first title in that order.
  const sortByTitle = page.getByRole('button', { name: 'Sort by Title' })
  const titleHeader = page.getByRole('columnheader', { name: /Title/ })
  const firstTitle = library.rows().first().getByRole('link')
  const ascending = sortArticles(articles, { column: 'title', direction: 'ascending' })
  const descending = sortArticles(articles, { column: 'title', direction: 'descending' })
  expect(ascending[0]!.title).not.toBe(descending[0]!.title)
  await sortByTitle.click()
  await expect(titleHeader).toHaveAttribute('aria-sort', 'ascending')
  await expect(firstTitle).toHaveText(ascending[0]!.title)
  await sortByTitle.click()
  await expect(titleHeader).toHaveAttribute('aria-sort', 'descending')
  await expect(firstTitle).toHaveText(descending[0]!.title)

  // Scroll to the end with the mouse wheel's equivalent: the last article is drawn, and still
  // only a window of rows.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
  const lastRow = library.table.locator(`tr[aria-rowindex="${COUNT + 1}"]`)
  await expect(lastRow).toBeVisible()
  await expect(lastRow.getByRole('link')).toHaveText(descending[COUNT - 1]!.title)
  expect(await library.rows().count()).toBeLessThan(80)
  await page.screenshot({ path: test.info().outputPath('library-10k-end.png') })

  // And by keyboard: Home from a title goes to the first row, End back to the last.
  await lastRow.getByRole('link').focus()
  await page.keyboard.press('Home')
  await expect(firstTitle).toBeFocused()
  await expect(library.rows().first()).toHaveAttribute('aria-rowindex', '2')
  await page.keyboard.press('ArrowDown')
  await expect(library.table.locator('tr[aria-rowindex="3"]').getByRole('link')).toBeFocused()
  await page.keyboard.press('End')
  await expect(lastRow.getByRole('link')).toBeFocused()
  await expect(lastRow).toBeInViewport()

  // The filter narrows the list, and says how many of how many are shown.
  const query = 'reuters exclusive'
  const expected = filterArticles(articles, query).length
  expect(expected).toBeGreaterThan(0)
  expect(expected).toBeLessThan(COUNT / 10)
  await library.filter.fill(query)
  await expect(
    page.getByText(`${expected.toLocaleString('en')} of 10,000 shown`, { exact: false })
  ).toBeVisible()
  await expect(library.table).toHaveAttribute('aria-rowcount', String(expected + 1))
  for (const title of await library.rows().getByRole('link').allTextContents()) {
    expect(title).toMatch(/^Exclusive: /)
  }
  await page.screenshot({ path: test.info().outputPath('library-10k-filtered.png') })
})
