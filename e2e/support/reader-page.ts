// Page object of the reader: selecting text with the mouse like a person, the highlights, the tag
// picker and the side panel, found by role and accessible name.
import { expect, type Locator, type Page } from '@playwright/test'

export class ReaderPage {
  readonly text: Locator
  readonly panel: Locator

  constructor(readonly page: Page) {
    this.text = page.getByRole('region', { name: /^Article text/ })
    this.panel = page.getByRole('complementary', { name: 'Passages in this article' })
  }

  /**
   * Drags the mouse over the first occurrence of `quote` in the article text. The layout can still
   * be settling (a panel list growing after a save), so the drag is measured after two frames and
   * tried again if the browser selected something else.
   */
  async selectWithMouse(quote: string): Promise<void> {
    let selected: string | undefined
    for (let attempt = 0; attempt < 3; attempt++) {
      const points = await this.measureQuote(quote)
      await this.page.mouse.move(points.from.x, points.from.y)
      await this.page.mouse.down()
      await this.page.mouse.move(points.to.x, points.to.y, { steps: 8 })
      await this.page.mouse.up()
      selected = await this.page.evaluate(() => document.getSelection()?.toString())
      if (selected === quote) return
      await this.page.evaluate(() => document.getSelection()?.removeAllRanges())
    }
    expect(selected, `the mouse drag should select "${quote}"`).toBe(quote)
  }

  private async measureQuote(
    quote: string
  ): Promise<{ from: { x: number; y: number }; to: { x: number; y: number } }> {
    return this.text.evaluate(async (root, quote) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      const nodes: Text[] = []
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text)
      const full = nodes.map((n) => n.data).join('')
      const at = full.indexOf(quote)
      if (at < 0) throw new Error(`"${quote}" not in the article`)
      const locate = (offset: number): [Text, number] => {
        let left = offset
        for (const node of nodes) {
          if (left < node.data.length) return [node, left]
          left -= node.data.length
        }
        const last = nodes[nodes.length - 1]!
        return [last, last.data.length]
      }
      const rectOf = (offset: number): DOMRect => {
        const [node, index] = locate(offset)
        const range = document.createRange()
        range.setStart(node, index)
        range.setEnd(node, index + 1)
        return range.getClientRects()[0] ?? range.getBoundingClientRect()
      }
      const frame = (): Promise<void> => new Promise((done) => requestAnimationFrame(() => done()))
      // Bring the quote into the viewport first: the mouse cannot select what it cannot reach.
      locate(at)[0].parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' })
      // Wait until the quote stops moving (lists and panels may still be laying out).
      let previous = ''
      for (let i = 0; i < 20; i++) {
        await frame()
        const r = rectOf(at)
        const key = `${r.left},${r.top}`
        if (key === previous) break
        previous = key
      }
      const first = rectOf(at)
      const last = rectOf(at + quote.length - 1)
      return {
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 }
      }
    }, quote)
  }

  /** Highlight segments whose text contains `text`. */
  highlight(text: string): Locator {
    return this.text.locator('mark').filter({ hasText: text })
  }

  picker(): Locator {
    return this.page.getByRole('dialog', { name: /Tag passage|Edit passage/ })
  }

  /** Tags the current selection with existing or new tags (created inline) and a note. */
  async tagSelection(tags: string[], note = ''): Promise<void> {
    await this.page.getByRole('button', { name: 'Tag selection…' }).first().click()
    const picker = this.picker()
    await expect(picker).toBeVisible()
    for (const tag of tags) {
      const box = picker.getByRole('textbox', { name: 'Find or create a tag' })
      await box.fill(tag)
      await box.press('Enter')
      await expect(picker.getByRole('checkbox', { name: tag, exact: true })).toBeChecked()
    }
    if (note) await picker.getByRole('textbox', { name: 'Note (optional)' }).fill(note)
    await picker.getByRole('button', { name: 'Save passage' }).click()
    await expect(picker).toBeHidden()
  }

  selectedPanel(): Locator {
    return this.page.getByRole('region', { name: 'Selected passage' })
  }
}
