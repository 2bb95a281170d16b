// The reader's page view on a scanned article (seeded: e2e/support/scan-seed.ts; the recognition
// itself is tested by scans.spec.ts): opened from the reader's toolbar, it shows the page, a
// passage tagged in the text is outlined on its page, a click on a word selects it in the text,
// the keyboard turns pages and Enter goes to the text, a text-layer page says so, words read with
// low confidence are marked in the text, and axe finds nothing serious. Then the same on a
// scanned PDF really recognised (slower: one test).
import type { Page } from '@playwright/test'
import { test, expect } from '../support/fixtures'
import { pasteArticle } from '../support/long-article'
import { ReaderPage } from '../support/reader-page'
import { seriousViolations } from '../support/axe'
import { SCAN_PAGE, seedScan } from '../support/scan-seed'
import { SCAN_PDF_TITLE, writeScanFiles } from '../support/scan-files'

const TITLE = 'Le conseil municipal'
const PARAGRAPHS = Array.from(
  { length: 9 },
  (_, n) =>
    `Paragraphe ${n}. Le conseil municipal s'est réuni hier soir sous la présidence du maire. ` +
    'Les débats ont porté sur le budget de la commune et sur la réfection de la route ' +
    'départementale, que les habitants réclament depuis des années.'
)

const selectedText = (page: Page): Promise<string> =>
  page.evaluate(() => document.getSelection()?.toString() ?? '')

test('the page view follows the text, outlines a passage, and leads back to the text', async ({
  library,
  page
}) => {
  void library
  const id = await pasteArticle(page, TITLE, PARAGRAPHS.join('\n\n'))
  const words = await seedScan(page, id, ['budget', 'réfection'])
  await page.reload()
  const reader = new ReaderPage(page)
  await expect(reader.text).toContainText('Paragraphe 8.')

  // Words read with low confidence are marked, with their confidence as description.
  const doubt = reader.text.locator('span.doubt').first()
  await expect(doubt).toHaveText('budget')
  await expect(doubt).toHaveAttribute('title', /^Recognised with low confidence \(\d+%\)$/)

  // The toolbar's Page button, by keyboard.
  const toggle = page.getByRole('button', { name: 'Page', exact: true })
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await toggle.focus()
  await page.keyboard.press('Enter')
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  const figure = page.getByRole('img', { name: `Page 1 of 3 of “${TITLE}”` })
  await expect(figure).toBeVisible()
  await expect(page.getByText('Page 1 of 3', { exact: true })).toBeVisible()
  await expect(figure.locator('img')).toHaveJSProperty('complete', true)
  expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(
    SCAN_PAGE.width
  )

  // A passage tagged on the last page: the view turns to it and outlines its lines.
  await reader.selectWithMouse("Paragraphe 7. Le conseil municipal s'est réuni hier soir")
  await reader.tagSelection(['Séance'])
  await expect(page.getByRole('img', { name: /^Page 3 of 3/ })).toBeVisible()
  const outlines = page.locator('.page-outline')
  await expect(outlines).not.toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('page-view-passage.png') })

  // Back at the top of the text, the page follows the reading.
  await page.evaluate(() => window.scrollTo(0, 0))
  await expect(page.getByRole('img', { name: /^Page 1 of 3/ })).toBeVisible()

  // A click on a word of the page selects that word in the text.
  const target = words[0]!.find((word) => word.text === 'réfection')!
  const box = (await page.getByRole('img', { name: /^Page 1 of 3/ }).boundingBox())!
  const scale = box.width / SCAN_PAGE.width
  await page.mouse.click(
    box.x + (target.x + target.w / 2) * scale,
    box.y + (target.y + target.h / 2) * scale
  )
  await expect.poll(() => selectedText(page)).toBe('réfection')
  await expect(reader.text).toBeFocused()
  await expect(outlines).toHaveCount(1)

  // Keyboard: the page is reachable, the arrows turn pages, a text-layer page says so.
  const first = page.getByRole('img', { name: /^Page 1 of 3/ })
  await first.focus()
  await expect(first).toBeFocused()
  await page.keyboard.press('ArrowRight')
  const second = page.getByRole('img', { name: /^Page 2 of 3/ })
  await expect(second).toBeFocused()
  await expect(page.getByText(/came from the PDF’s own text layer/)).toBeVisible()
  await expect(outlines).toHaveCount(0)
  await page.screenshot({ path: test.info().outputPath('page-view-text-layer.png') })
  await page.keyboard.press('PageDown')
  const third = page.getByRole('img', { name: /^Page 3 of 3/ })
  await expect(third).toBeFocused()
  await page.keyboard.press('PageDown')
  await expect(third).toBeFocused()
  await page.keyboard.press('Home')
  await expect(page.getByRole('img', { name: /^Page 1 of 3/ })).toBeFocused()
  await page.keyboard.press('End')
  await page.screenshot({ path: test.info().outputPath('page-view-focus.png') })

  // Zoom, for small print: + on the page, or the toolbar's buttons; the page grows past the panel.
  const fitted = (await third.boundingBox())!.width
  await expect(page.getByRole('button', { name: 'Zoom out' })).toBeDisabled()
  await page.keyboard.press('+')
  await expect(page.getByText('150 %', { exact: true })).toBeVisible()
  expect((await third.boundingBox())!.width).toBeCloseTo(fitted * 1.5, -1)
  await page.getByRole('button', { name: 'Zoom in' }).click()
  await expect(page.getByText('200 %', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Zoom out' }).click()
  await page.getByRole('button', { name: 'Zoom out' }).click()
  await expect(page.getByText('100 %', { exact: true })).toBeVisible()
  await third.focus()

  // Enter goes to the outlined words in the text (here, the word clicked is still selected, but
  // it is on page 1: page 3 has no outline, so Enter goes to its first word).
  await page.keyboard.press('Enter')
  await expect.poll(() => selectedText(page)).toBe('Paragraphe')
  await expect(reader.text).toBeFocused()
  expect(await seriousViolations(page)).toEqual([])

  // The page view stays open while reading (a reload included).
  await page.reload()
  await expect(page.getByRole('button', { name: 'Page', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true'
  )
  await expect(page.getByRole('img', { name: /^Page \d of 3/ })).toBeVisible()
})

test('a passage tagged on a recognised PDF is outlined on its page', async ({ library, page }) => {
  test.setTimeout(180_000)
  const scans = await writeScanFiles(test.info().outputPath('scans'))
  await library.importFiles([scans.pdf])
  await expect(library.reportDialog()).toContainText('1 imported', { timeout: 150_000 })
  await library.closeReport()
  await library.articleLink(SCAN_PDF_TITLE).click()
  const reader = new ReaderPage(page)
  await expect(reader.text).toContainText('longue enquête')

  await page.getByRole('button', { name: 'Page', exact: true }).click()
  await expect(page.getByRole('img', { name: `Page 1 of 2 of “${SCAN_PDF_TITLE}”` })).toBeVisible()
  await reader.selectWithMouse('longue enquête')
  await reader.tagSelection(['Enquête'])
  const second = page.getByRole('img', { name: /^Page 2 of 2/ })
  await expect(second).toBeVisible()
  // One band over the two words, on the page's text (the page's second line, in its left half).
  const outline = second.locator('.page-outline')
  await expect(outline).toHaveCount(1)
  const [pageBox, outlineBox] = [(await second.boundingBox())!, (await outline.boundingBox())!]
  expect(outlineBox.x).toBeGreaterThan(pageBox.x)
  expect(outlineBox.x + outlineBox.width).toBeLessThan(pageBox.x + pageBox.width / 2)
  expect(outlineBox.y).toBeGreaterThan(pageBox.y)
  expect(outlineBox.y).toBeLessThan(pageBox.y + pageBox.height / 4)
  expect(outlineBox.width).toBeGreaterThan(outlineBox.height * 3)
  await page.screenshot({ path: test.info().outputPath('page-view-recognised.png') })

  // A click in the middle of the outline goes to one of its words in the text (a recognised word
  // keeps the punctuation printed against it).
  await page.mouse.click(outlineBox.x + outlineBox.width / 2, outlineBox.y + outlineBox.height / 2)
  await expect.poll(() => selectedText(page)).toMatch(/^(longue|enquête\.?)$/)
})
