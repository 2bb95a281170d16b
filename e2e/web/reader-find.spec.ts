// Find in article on a long article: Ctrl+F, the count, next and previous with wrap-around, accents
// and case ignored, Escape, opening the reader from a link with ?find= or ?at=, and a match painted
// over a passage's highlight.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from '../support/fixtures'
import { longText as generate, pasteArticle } from '../support/long-article'
import { ReaderPage } from '../support/reader-page'

/** Where each spelling of "élection" goes (paragraph numbers), out of 120 paragraphs. */
const ELECTION_AT = new Map([
  [10, 'une élection municipale'],
  [60, 'la ELECTION partielle'],
  [110, "l'Election du maire"]
])

function longText(): string {
  return generate(ELECTION_AT)
}

/** The current match as painted: its text and whether it is inside the window. */
function currentMatch(page: Page): Promise<{ text: string; visible: boolean } | null> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('liasse-find-current')
    const range = highlight ? ([...highlight][0] as Range | undefined) : undefined
    if (!range) return null
    const rect = range.getBoundingClientRect()
    return {
      text: range.toString(),
      visible: rect.height > 0 && rect.top >= 0 && rect.bottom <= window.innerHeight
    }
  })
}

function paintedCount(page: Page): Promise<number> {
  return page.evaluate(() => CSS.highlights.get('liasse-find')?.size ?? 0)
}

test('Ctrl+F finds in the whole article, moves and wraps, ignores accents, Escape closes', async ({
  library,
  page
}) => {
  await pasteArticle(page, 'Archives préfectorales', longText())
  const reader = new ReaderPage(page)
  const box = page.getByRole('searchbox', { name: 'Find in article' })
  const count = page.getByRole('search', { name: 'Find in article' }).getByRole('status')

  // The paragraphs far down are not drawn yet: find looks in the text, not in what is drawn.
  const far = page.locator('[data-start]').filter({ hasText: /^Paragraphe 110\./ })
  expect(await far.evaluate((p) => p.checkVisibility({ contentVisibilityAuto: true }))).toBe(false)
  await reader.text.focus()
  await page.keyboard.press('Control+f')
  await expect(box).toBeFocused()
  await box.fill('election')
  await expect(count).toHaveText('1 of 3')
  expect(await paintedCount(page)).toBe(3)
  await expect.poll(() => currentMatch(page)).toEqual({ text: 'élection', visible: true })
  await page.screenshot({ path: test.info().outputPath('reader-find.png') })

  await box.press('Enter')
  await expect(count).toHaveText('2 of 3')
  await expect.poll(() => currentMatch(page)).toEqual({ text: 'ELECTION', visible: true })
  await page.getByRole('button', { name: 'Next match' }).click()
  await expect(count).toHaveText('3 of 3')
  await expect.poll(() => currentMatch(page)).toEqual({ text: 'Election', visible: true })
  // Past the last, back to the first; and before the first, the last.
  await box.press('Enter')
  await expect(count).toHaveText('1 of 3')
  await box.press('Shift+Enter')
  await expect(count).toHaveText('3 of 3')
  await page.getByRole('button', { name: 'Previous match' }).click()
  await expect(count).toHaveText('2 of 3')
  await page.keyboard.press('F3')
  await expect(count).toHaveText('3 of 3')
  await page.keyboard.press('Shift+F3')
  await expect(count).toHaveText('2 of 3')

  // Accents and case are ignored in the query too.
  await box.fill('ÉLECTION MUNICIPALE')
  await expect(count).toHaveText('1 of 1')
  await expect
    .poll(() => currentMatch(page))
    .toEqual({ text: 'élection municipale', visible: true })
  await box.fill('préfectorale introuvable')
  await expect(count).toHaveText('No match')
  expect(await paintedCount(page)).toBe(0)

  await box.fill('paragraphe 11')
  // "Paragraphe 11." and "Paragraphe 110" to "Paragraphe 119".
  await expect(count).toHaveText(/ of 11$/)
  await box.press('Escape')
  await expect(box).toBeHidden()
  await expect(reader.text).toBeFocused()
  expect(await paintedCount(page)).toBe(0)

  // Opened again, the bar keeps the last query, selected so that typing replaces it.
  await page.keyboard.press('Control+f')
  await expect(box).toBeFocused()
  await expect(box).toHaveValue('paragraphe 11')
  await page.keyboard.type('séances')
  await expect(count).toHaveText(/^\d+ of 240$/)
  await page.keyboard.press('Escape')
  await expect(box).toBeHidden()

  // The library's Ctrl+F is still the library filter.
  await page.getByRole('link', { name: 'Back to the library' }).click()
  await expect(library.heading).toBeVisible()
  await page.keyboard.press('Control+f')
  await expect(library.filter).toBeFocused()
})

test('a link with ?find= opens the find bar at the match, ?at= scrolls to an offset', async ({
  library,
  page
}) => {
  const text = longText()
  await pasteArticle(page, 'Archives préfectorales', text)
  const url = page.url().split('?')[0]!
  await expect(library.heading).toBeHidden()

  // The first match at or after `at`.
  const at = text.indexOf('Paragraphe 50.')
  await page.goto(`${url}?find=${encodeURIComponent('élection')}&at=${at}`)
  const box = page.getByRole('searchbox', { name: 'Find in article' })
  await expect(box).toHaveValue('élection')
  await expect(box).toBeFocused()
  const count = page.getByRole('search', { name: 'Find in article' }).getByRole('status')
  await expect(count).toHaveText('2 of 3')
  await expect.poll(() => currentMatch(page)).toEqual({ text: 'ELECTION', visible: true })
  await page.screenshot({ path: test.info().outputPath('reader-find-link.png') })

  await page.goto(`${url}?at=${text.indexOf('Paragraphe 90.')}`)
  const paragraph = page.locator('[data-start]').filter({ hasText: /^Paragraphe 90\./ })
  await expect(paragraph).toBeInViewport()
})

test('a match that runs out of a highlight is painted over both, the highlight untouched', async ({
  library,
  page
}) => {
  await library
    .articleLink('WikiLeaks : les échanges très embarrassants de Donald Trump Jr')
    .click()
  const reader = new ReaderPage(page)
  await reader.selectWithMouse(
    'le site WikiLeaks a été en contact avec le fils aîné de Donald Trump'
  )
  await reader.tagSelection(['Contacts'])
  await page.keyboard.press('Control+f')
  const box = page.getByRole('searchbox', { name: 'Find in article' })
  await box.fill('donald trump, age')
  const count = page.getByRole('search', { name: 'Find in article' }).getByRole('status')
  await expect(count).toHaveText('1 of 1')
  await expect.poll(() => currentMatch(page)).toEqual({ text: 'Donald Trump, âgé', visible: true })
  await expect(reader.highlight('a été en contact')).toHaveCount(1)
  await page.screenshot({ path: test.info().outputPath('reader-find-highlight.png') })
  // The bar, its count and its buttons: no serious accessibility violation.
  const axe = await new AxeBuilder({ page })
    .include('[role="search"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    []
  )
  await box.press('Escape')
  await expect(reader.highlight('a été en contact')).toHaveCount(1)
})
