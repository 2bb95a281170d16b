// Events as a researcher uses them: created, linked to passages of two articles, counted as two
// sources on the timeline and in the matrix, contradicted; suggestions accepted into passages;
// the timeline zoomed by keyboard and mouse.
import { test, expect } from '../support/fixtures'
import type { LibraryPage } from '../support/library-page'
import { ReaderPage } from '../support/reader-page'

async function tagAndLink(
  library: LibraryPage,
  article: RegExp,
  quote: string,
  event: string,
  role?: string
): Promise<void> {
  const page = library.page
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Library' })
    .click()
  await library.articleLink(article).click()
  const reader = new ReaderPage(page)
  await reader.selectWithMouse(quote)
  await reader.tagSelection(['Impôts'])
  await reader.selectedPanel().getByRole('button', { name: 'Link to event…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Link the passage to an event' })
  await dialog.getByRole('searchbox', { name: 'Find an event' }).fill('impôts')
  await dialog.getByRole('radio', { name: new RegExp(event) }).check()
  if (role) await dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: role })
  await dialog.getByRole('button', { name: 'Link', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(reader.selectedPanel()).toContainText(`Linked to: ${event}`)
}

test('an event linked to passages of two articles counts two sources; a contradiction shows', async ({
  library,
  page
}) => {
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Timeline' }).click()
  await page.getByRole('button', { name: 'New event' }).click()
  const form = page.getByRole('dialog', { name: 'New event' })
  await form
    .getByRole('textbox', { name: 'Title' })
    .fill('WikiLeaks propose les déclarations d’impôts')
  await form.getByRole('textbox', { name: 'Date' }).fill('2016-10-21')
  await form.getByRole('textbox', { name: 'Participants' }).fill('WikiLeaks, Donald Trump Jr')
  await form.getByRole('button', { name: 'Create event' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'WikiLeaks propose les déclarations d’impôts'
  )
  await expect(page.getByRole('status').filter({ hasText: 'source' })).toContainText(
    'No supporting source'
  )

  const event = 'WikiLeaks propose les déclarations d’impôts'
  await tagAndLink(
    library,
    /WikiLeaks : les échanges/,
    "faire fuiter les déclarations d'impôts du candidat républicain",
    event
  )
  await tagAndLink(
    library,
    /Le site WikiLeaks|WikiLeaks, le site/,
    "déclarations d'impôts de Trump",
    event
  )

  await nav.getByRole('link', { name: 'Timeline' }).click()
  await expect(page.getByRole('button', { name: new RegExp(`${event}.*2 sources`) })).toBeVisible()
  await nav.getByRole('link', { name: 'Sources' }).click()
  const row = page.getByRole('row', { name: new RegExp(event) })
  await expect(row.getByRole('cell').first()).toHaveText('2')

  // One of the two now contradicts it: one source supports, one contradicts.
  await row.getByRole('link', { name: event }).click()
  await page.getByRole('combobox', { name: 'Role' }).first().selectOption({ label: 'Contradicts' })
  const summary = page.getByRole('status').filter({ hasText: 'source' })
  await expect(summary).toContainText('1 supporting source · 1 source contradicts')
  await expect(summary).toContainText('Rests on a single source')
  await nav.getByRole('link', { name: 'Sources' }).click()
  await expect(page.getByRole('row', { name: new RegExp(event) })).toContainText('single source')
})

test('accepting a suggestion creates the event and highlights its passages in the reader', async ({
  library,
  page
}) => {
  await expect(library.heading).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Suggestions' })
    .click()
  const suggestion = page.getByRole('article', { name: 'Oct 21, 2016' })
  await expect(suggestion).toContainText(/[2-9] sources mention it/)
  const sentences = await suggestion
    .getByRole('list', { name: 'Sentences' })
    .getByRole('listitem')
    .count()
  await suggestion
    .getByRole('textbox', { name: 'Event title' })
    .fill('Proposition des déclarations d’impôts')
  await suggestion.getByRole('button', { name: 'Accept' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Proposition des déclarations d’impôts'
  )
  const linked = page.getByRole('blockquote')
  await expect(linked).toHaveCount(sentences)

  // The first linked passage opens in the reader, highlighted.
  await page.getByRole('link', { name: 'Open in the article' }).first().click()
  const reader = new ReaderPage(page)
  await expect(reader.text.locator('mark.hl')).not.toHaveCount(0)
  await expect(reader.selectedPanel()).toContainText(
    'Linked to: Proposition des déclarations d’impôts'
  )

  // The suggestion is gone once accepted, and undo brings everything back to before.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Suggestions' })
    .click()
  await expect(page.getByRole('article', { name: 'Oct 21, 2016' })).toHaveCount(0)
})

test('the timeline zooms by keyboard and by mouse wheel', async ({ library, page }) => {
  await expect(library.heading).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const [title, date] of [
    ['Premier message de WikiLeaks', '2016-09-20'],
    ['Élection de Donald Trump', '2016-11-08'],
    ['Révélation par The Atlantic', '2017-11-13']
  ]) {
    await nav.getByRole('link', { name: 'Timeline' }).click()
    await page.getByRole('button', { name: 'New event' }).click()
    const form = page.getByRole('dialog', { name: 'New event' })
    await form.getByRole('textbox', { name: 'Title' }).fill(title!)
    await form.getByRole('textbox', { name: 'Date' }).fill(date!)
    await form.getByRole('button', { name: 'Create event' }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!)
  }
  await nav.getByRole('link', { name: 'Timeline' }).click()
  const axis = page.getByRole('region', { name: 'Timeline' })
  const span = async (): Promise<number> => Number(await axis.getAttribute('data-span-ms'))
  const full = await span()
  await page.getByRole('button', { name: 'Zoom in' }).click()
  await expect.poll(span).toBeLessThan(full)

  // Keyboard: back to the whole range, focus an event, move to the next one, zoom out with "-".
  await page.getByRole('button', { name: 'Fit all' }).click()
  await expect.poll(span).toBe(full)
  const first = axis.getByRole('button', { name: /Premier message de WikiLeaks/ })
  await first.focus()
  await page.keyboard.press('ArrowRight')
  await expect(axis.getByRole('button', { name: /Élection de Donald Trump/ })).toBeFocused()
  const beforeKey = await span()
  await page.keyboard.press('-')
  await expect.poll(span).toBeGreaterThan(beforeKey)

  // Mouse wheel over the axis zooms in.
  const box = (await axis.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const beforeWheel = await span()
  await page.mouse.wheel(0, -400)
  await expect.poll(span).toBeLessThan(beforeWheel)
})
