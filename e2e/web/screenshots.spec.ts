// Screenshots of the library and the reader for people to look at (and the README, when
// LIASSE_UPDATE_SCREENSHOTS=1 writes them to docs/screenshots).
import { test, expect } from '../support/fixtures'

const target = (name: string, outputPath: (n: string) => string): string =>
  process.env.LIASSE_UPDATE_SCREENSHOTS ? `docs/screenshots/${name}` : outputPath(name)

test('library and reader screenshots', async ({ library, page }, testInfo) => {
  await expect(library.rows()).toHaveCount(5)
  const libraryShot = await page.screenshot({
    path: target('library.png', (n) => testInfo.outputPath(n))
  })
  expect(libraryShot.byteLength).toBeGreaterThan(10_000)
  await library.articleLink(/Des échanges secrets/).click()
  await expect(page.locator('.reader-body p').first()).toBeVisible()
  const readerShot = await page.screenshot({
    path: target('reader.png', (n) => testInfo.outputPath(n))
  })
  expect(readerShot.byteLength).toBeGreaterThan(10_000)
})
