// The header at a laptop's width: the brand, every navigation link and every action button on one
// row, no label broken over two lines. When the links do not all fit (French at 1280 px, narrower
// windows), they scroll sideways and Tab brings each one into view.
import type { Page } from '@playwright/test'
import { appReady, expect, test } from '../support/fixtures'

interface Control {
  name: string
  middle: number
  /** Lines the label's text takes. */
  lines: number
}

/** The header's brand, links and buttons in order, with where each sits and how it breaks. */
async function headerControls(page: Page): Promise<Control[]> {
  const header = page.getByRole('banner')
  const controls = await header.getByRole('link').or(header.getByRole('button')).all()
  return Promise.all(
    controls.map(async (control) => {
      const box = (await control.boundingBox())!
      return {
        name: (await control.textContent())?.trim() ?? '',
        middle: box.y + box.height / 2,
        lines: await control.evaluate((el) => {
          const range = document.createRange()
          range.selectNodeContents(el)
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size
        })
      }
    })
  )
}

/** Brand, ten links and three buttons: one row, each label on one line. */
async function expectOneRow(page: Page): Promise<void> {
  const controls = await headerControls(page)
  expect(controls).toHaveLength(14)
  const row = controls[0]!.middle
  for (const { name, middle, lines } of controls) {
    expect(Math.abs(middle - row), `“${name}” is off the row`).toBeLessThan(4)
    expect(lines, `“${name}” breaks over lines`).toBe(1)
  }
}

/** Tab from the first link through the last, then on to the first action. */
async function expectLinksReachable(page: Page): Promise<void> {
  const header = page.getByRole('banner')
  const links = await header.getByRole('navigation', { name: /.+/ }).getByRole('link').all()
  await links[0]!.focus()
  for (const link of links) {
    await expect(link).toBeFocused()
    await expect(link).toBeInViewport({ ratio: 1 })
    await page.keyboard.press('Tab')
  }
  await expect(header.getByRole('button').first()).toBeFocused()
}

test('at 1280 px the whole header shows on one row, no label broken', async ({ page }) => {
  await page.goto('./')
  await appReady(page)
  await expectOneRow(page)
  // Nothing scrolled out of sight or cut off.
  const header = page.getByRole('banner')
  for (const control of await header.getByRole('link').or(header.getByRole('button')).all()) {
    await expect(control).toBeInViewport({ ratio: 1 })
  }
  await header.screenshot({ path: test.info().outputPath('header-1280-en.png') })
})

test('narrower, the header keeps one row and whole labels, and Tab reaches every link', async ({
  page
}) => {
  await page.setViewportSize({ width: 1000, height: 800 })
  await page.goto('./')
  await appReady(page)
  await expectOneRow(page)
  await expectLinksReachable(page)
  await page.getByRole('banner').screenshot({ path: test.info().outputPath('header-1000-en.png') })
})

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' })

  test('the longer labels keep one row at 1280 px, and Tab reaches every link', async ({
    page
  }) => {
    await page.goto('./')
    await appReady(page)
    await expect(page.getByRole('link', { name: 'Bibliothèque' }).first()).toBeVisible()
    await expectOneRow(page)
    await expectLinksReachable(page)
    await page
      .getByRole('banner')
      .screenshot({ path: test.info().outputPath('header-1280-fr.png') })
  })
})
