// The reader on a long article, where paragraphs far from the viewport are not drawn
// (content-visibility): every highlight stays reachable by keyboard and from the passage list, and
// a selection across paragraphs that are drawn apart still tags exactly the selected text.
import type { Page } from '@playwright/test'
import { test, expect } from '../support/fixtures'
import { longText, pasteArticle, seedPassages } from '../support/long-article'
import { ReaderPage } from '../support/reader-page'

const PASSAGES = 60

/** A passage on "Paragraphe N." of every other paragraph: 0, 2, 4… */
async function openSeeded(page: Page): Promise<{ reader: ReaderPage; text: string }> {
  const text = longText()
  const id = await pasteArticle(page, 'Archives préfectorales', text)
  const spans = Array.from({ length: PASSAGES }, (_, i) => {
    const start = text.indexOf(`Paragraphe ${2 * i}.`)
    return { start, end: start + `Paragraphe ${2 * i}.`.length }
  })
  await seedPassages(page, id, spans)
  await page.reload()
  const reader = new ReaderPage(page)
  await expect(reader.text.getByRole('button', { name: /^Passage/ })).toHaveCount(PASSAGES)
  return { reader, text }
}

/** Whether the paragraph starting with `words` is drawn (not skipped by content-visibility). */
function drawn(page: Page, words: string): Promise<boolean> {
  return page
    .locator('[data-start]')
    .filter({ hasText: new RegExp(`^${words}`) })
    .evaluate((p) => p.checkVisibility({ contentVisibilityAuto: true }))
}

test('every highlight is reachable with Tab, in text order, and scrolled into view', async ({
  library,
  page
}) => {
  await expect(library.heading).toBeVisible()
  const { reader } = await openSeeded(page)
  expect(await drawn(page, 'Paragraphe 118\\.')).toBe(false)

  await reader.text.focus()
  for (let i = 0; i < PASSAGES; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement
      const rect = active.getBoundingClientRect()
      return {
        starts: active.dataset.starts,
        inView: rect.height > 0 && rect.top >= 0 && rect.bottom <= window.innerHeight
      }
    })
    expect(focused).toEqual({ starts: `seed-${i}`, inView: true })
  }
  expect(await drawn(page, 'Paragraphe 118\\.')).toBe(true)
  await page.keyboard.press('Enter')
  await expect(reader.selectedPanel()).toContainText('Paragraphe 118.')
})

test('the passage list opens a highlight that is not drawn yet', async ({ library, page }) => {
  await expect(library.heading).toBeVisible()
  const { reader } = await openSeeded(page)
  expect(await drawn(page, 'Paragraphe 100\\.')).toBe(false)
  await reader.panel.getByRole('button', { name: /Paragraphe 100\./ }).click()
  const mark = reader.text.getByRole('button', { name: /^Passage “Paragraphe 100\./ })
  await expect(mark).toBeFocused()
  await expect(mark).toBeInViewport()
  await expect(reader.selectedPanel()).toContainText('Paragraphe 100.')
})

test('a selection across paragraphs drawn in different groups tags exactly the selected text', async ({
  library,
  page
}) => {
  await expect(library.heading).toBeVisible()
  const { reader, text } = await openSeeded(page)
  // The last paragraph of the first group of paragraphs, and the first of the next.
  const [last, next] = await page.evaluate(() => {
    const groups = [...document.querySelectorAll('.reader-group')]
    const end = groups[0]!.querySelectorAll('[data-start]')
    const start = groups[1]!.querySelector<HTMLElement>('[data-start]')!
    return [(end[end.length - 1] as HTMLElement).dataset.start!, start.dataset.start!].map(Number)
  })
  const from = text.indexOf('plus le détail.', next! - 40)
  const to = next! + 'Paragraphe'.length
  expect(from).toBeGreaterThan(last!)

  // Drag from "plus" at the end of the one to the end of "Paragraphe" at the start of the other.
  const points = await reader.text.evaluate(
    (root, { from, to }) => {
      const charRect = (offset: number): DOMRect => {
        const paragraphs = [...root.querySelectorAll<HTMLElement>('[data-start]')]
        const paragraph = paragraphs.findLast((p) => Number(p.dataset.start) <= offset)!
        let left = offset - Number(paragraph.dataset.start)
        const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (left < n.data.length) {
            const range = document.createRange()
            range.setStart(n, left)
            range.setEnd(n, left + 1)
            return range.getClientRects()[0]!
          }
          left -= n.data.length
        }
        throw new Error(`no character at ${offset}`)
      }
      const target = root.querySelector<HTMLElement>(`[data-start="${to - 'Paragraphe'.length}"]`)!
      target.scrollIntoView({ block: 'center', behavior: 'instant' })
      const a = charRect(from)
      const b = charRect(to - 1)
      return {
        from: { x: a.left + 1, y: a.top + a.height / 2 },
        to: { x: b.right - 1, y: b.top + b.height / 2 }
      }
    },
    { from, to }
  )
  await page.mouse.move(points.from.x, points.from.y)
  await page.mouse.down()
  await page.mouse.move(points.to.x, points.to.y, { steps: 8 })
  await page.mouse.up()
  await reader.tagSelection(['Frontière'])
  await expect(page.getByRole('status')).toContainText('Passage tagged.')

  const stored = await page.evaluate(async () => {
    const open = indexedDB.open('liasse')
    const db = await new Promise<IDBDatabase>(
      (resolve) => (open.onsuccess = () => resolve(open.result))
    )
    const all = await new Promise<
      { id: string; quote: { exact: string }; anchor: { start: number; end: number } }[]
    >((resolve) => {
      const request = db.transaction('passages').objectStore('passages').getAll()
      request.onsuccess = () => resolve(request.result)
    })
    db.close()
    return all.filter((p) => !p.id.startsWith('seed-'))
  })
  expect(stored).toHaveLength(1)
  expect(stored[0]!.anchor).toMatchObject({ start: from, end: to })
  expect(stored[0]!.quote.exact).toBe(text.slice(from, to))
  expect(stored[0]!.quote.exact).toBe('plus le détail.\n\nParagraphe')
})
