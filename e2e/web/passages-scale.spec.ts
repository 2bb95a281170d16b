// The passages view on a generated archive of 2,000 articles (200 passages): drawn a hundred at a
// time, the rest one click away; the article filter lists only articles that have passages.
import { expect, test } from '../support/fixtures'
import { seedSyntheticArchive } from '../support/synthetic'

test('the passages view draws a page at a time and shows more on demand', async ({ page }) => {
  await seedSyntheticArchive(page, 2000)
  await page.goto('./#/passages')
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })
  await expect(page.getByText('200 passages')).toBeVisible()
  const cards = page.locator('.passages-list > li')
  await expect(cards).toHaveCount(100)
  await page.getByRole('button', { name: 'Show more passages (100 of 200)' }).click()
  await expect(cards).toHaveCount(200)
  await expect(page.getByRole('button', { name: /Show more passages/ })).toHaveCount(0)
  // 200 articles have a passage: the filter offers those, not the 2,000.
  const options = page.getByRole('combobox', { name: 'Article' }).locator('option')
  await expect(options).toHaveCount(201)
})
