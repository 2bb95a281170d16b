// Dossiers as a researcher composes and shares them: built from the sample archive (a suggested
// event accepted, its passages tagged), previewed live, exported in every format; the exported
// HTML opened offline shows the quotes and prints to A4 and Letter PDFs.
import { readFileSync } from 'node:fs'
import * as jsonldModule from 'jsonld'
import { offlineDocumentLoader } from '../../src/core/dossier/jsonld-normalize'
import { DOSSIER_PDF } from '../../src/core/dossier/pdf'
import { test, expect } from '../support/fixtures'
import { LibraryPage } from '../support/library-page'
import type { Page } from '@playwright/test'

// jsonld.js is CommonJS: its API is the namespace or its `default`, depending on the loader.
const jsonld =
  (jsonldModule as unknown as { default?: typeof jsonldModule }).default ?? jsonldModule

const EVENT = 'Proposition des déclarations d’impôts'

async function acceptSuggestion(page: Page): Promise<number> {
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Suggestions' }).click()
  const suggestion = page.getByRole('article', { name: 'Oct 21, 2016' })
  // Suggestions are computed after the page shows: wait for the sentences before counting them.
  const items = suggestion.getByRole('list', { name: 'Sentences' }).getByRole('listitem')
  await expect(items.first()).toBeVisible()
  const sentences = await items.count()
  expect(sentences).toBeGreaterThan(1)
  await suggestion.getByRole('textbox', { name: 'Event title' }).fill(EVENT)
  await suggestion.getByRole('button', { name: 'Accept' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(EVENT)
  return sentences
}

async function newDossier(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dossiers' })
    .click()
  await page.getByRole('textbox', { name: 'Title of the new dossier' }).fill(title)
  await page.getByRole('button', { name: 'Create dossier' }).click()
  // The composer's heading (the preview, once drawn, repeats it).
  await expect(page.getByRole('heading', { level: 1, name: title }).first()).toBeVisible()
}

function preview(page: Page) {
  return page.getByTestId('dossier-preview')
}

test('a dossier is composed from the archive, previewed live, and saved as it changes', async ({
  library,
  page
}) => {
  await expect(library.heading).toBeVisible()
  const quotes = await acceptSuggestion(page)
  await newDossier(page, 'Impôts et WikiLeaks')
  const settings = page.getByRole('form', { name: 'Dossier settings' })
  await settings.getByRole('textbox', { name: 'Subtitle' }).fill('Ce que disent les sources')
  await settings.getByRole('textbox', { name: 'Introduction (Markdown)' }).fill('Une **histoire**.')
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()

  // The preview shows the event and each linked passage (shadow DOM is pierced by locators).
  await expect(preview(page).getByRole('heading', { name: EVENT })).toBeVisible()
  await expect(preview(page).locator('blockquote')).toHaveCount(quotes)
  await expect(preview(page).getByRole('heading', { name: 'Introduction' })).toBeVisible()

  // Sections reorder by keyboard: the matrix moves above the passages.
  await settings.getByRole('button', { name: 'Move “Events and sources” up' }).click()
  const headings = preview(page).getByRole('heading', { level: 2 })
  await expect(headings).toContainText([
    'Introduction',
    'Timeline',
    'Events and sources',
    'Passages'
  ])

  // Order by source: the same passages, grouped article by article.
  await settings.getByText(/^Order$/).scrollIntoViewIfNeeded()
  await settings.getByRole('radio', { name: 'By source (article by article)' }).check()
  await expect(preview(page).locator('blockquote')).toHaveCount(quotes)

  // Everything was saved: after a reload the dossier is as it was left.
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
  await page.reload()
  await expect(
    page.getByRole('form', { name: 'Dossier settings' }).getByRole('textbox', { name: 'Subtitle' })
  ).toHaveValue('Ce que disent les sources')
  await expect(page.getByRole('radio', { name: 'By source (article by article)' })).toBeChecked()
})

test('a dossier without a title is not saved, and the status says so until it has one', async ({
  library,
  page
}) => {
  await expect(library.heading).toBeVisible()
  await newDossier(page, 'Sans titre bientôt')
  const settings = page.getByRole('form', { name: 'Dossier settings' })
  const status = page.getByRole('status').filter({ hasText: /saved|Saving/ })
  const title = settings.getByRole('textbox', { name: 'Title', exact: true })
  await title.fill('')
  await expect(
    page.getByRole('alert').filter({ hasText: 'A dossier needs a title.' })
  ).toBeVisible()
  await expect(status).toHaveText('Changes not saved')
  await title.fill('Titre rendu')
  await expect(status).toHaveText('All changes saved')
  await page.reload()
  // The composer's heading; the preview (drawn once it is ready) has the same one.
  await expect(page.getByRole('heading', { level: 1, name: 'Titre rendu' }).first()).toBeVisible()
})

test('every format exports; the HTML opens offline with its quotes and prints to A4 and Letter', async ({
  library,
  page,
  context
}, testInfo) => {
  await expect(library.heading).toBeVisible()
  await acceptSuggestion(page)
  await newDossier(page, 'Dossier complet')
  await expect(preview(page).locator('blockquote').first()).toBeVisible()
  const quoteTexts = await preview(page).locator('blockquote .exact').allInnerTexts()
  expect(quoteTexts.length).toBeGreaterThan(1)

  const exportGroup = page.getByRole('group', { name: 'Export' })
  const files = new Map<string, string>()
  for (const [button, name] of [
    ['HTML page', 'dossier-complet.html'],
    ['Word (DOCX)', 'dossier-complet.docx'],
    ['Markdown', 'dossier-complet.md'],
    ['Passages (CSV)', 'dossier-complet-passages.csv'],
    ['Web Annotations (JSON-LD)', 'dossier-complet-annotations.jsonld'],
    ['Bibliography (CSL-JSON)', 'dossier-complet-references.json'],
    ['REFI-QDA project', 'dossier-complet.qdpx'],
    ['TimelineJS', 'dossier-complet-timelinejs.json'],
    ['Liasse bundle', 'dossier-complet.liasse']
  ] as const) {
    const download = page.waitForEvent('download')
    await exportGroup.getByRole('button', { name: button, exact: true }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe(name)
    const path = testInfo.outputPath(name)
    await file.saveAs(path)
    files.set(name, path)
    await expect(page.getByText(`${button} downloaded.`)).toBeVisible()
  }
  const bytes = (name: string): Buffer => readFileSync(files.get(name)!)
  expect(bytes('dossier-complet.docx').subarray(0, 2).toString()).toBe('PK')
  expect(bytes('dossier-complet.qdpx').subarray(0, 2).toString()).toBe('PK')
  expect(bytes('dossier-complet.liasse').subarray(0, 2).toString()).toBe('PK')
  const csv = bytes('dossier-complet-passages.csv').toString('utf8')
  expect(csv.charCodeAt(0)).toBe(0xfeff)
  expect(csv).toContain('impôts')
  const jsonld = JSON.parse(bytes('dossier-complet-annotations.jsonld').toString('utf8')) as {
    type: string
  }
  expect(jsonld.type).toBe('AnnotationCollection')

  // The exported HTML, opened with the network off, shows every quote and loads nothing.
  await context.setOffline(true)
  const html = await context.newPage()
  const requests: string[] = []
  html.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url())
  })
  await html.goto(`file://${files.get('dossier-complet.html')}`)
  await expect(html.getByRole('heading', { level: 1, name: 'Dossier complet' })).toBeVisible()
  // A quote may hold several paragraphs (a dated chronology line and what it tells): each shows.
  for (const quote of quoteTexts) {
    for (const paragraph of quote.split(/\n\s*\n/u)) {
      await expect(html.getByText(paragraph.trim()).first()).toBeVisible()
    }
  }
  await expect(html.locator('script')).toHaveCount(0)
  expect(requests).toEqual([])

  // On paper, a quote's citation is set smaller than the quote it belongs to.
  await html.emulateMedia({ media: 'print' })
  const sizes = await html.evaluate(() => {
    const size = (selector: string): number =>
      parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize)
    return { quote: size('figure.quote blockquote p'), citation: size('figure.quote .citation') }
  })
  expect(sizes.citation).toBeLessThan(sizes.quote)
  await html.emulateMedia({ media: null })

  // Printed to PDF in both page sizes (Playwright's page.pdf, with the settings of Electron's
  // printToPDF in the app): tagged for screen readers, with the headings as bookmarks.
  for (const [format, width, height] of [
    ['A4', 595.3, 841.9],
    ['Letter', 612, 792]
  ] as const) {
    const pdf = await html.pdf({ format, ...DOSSIER_PDF })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdf.toString('latin1')
    expect(text).toMatch(/\/StructTreeRoot/)
    expect(text).toMatch(/\/Outlines/)
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(text)
    // Points; Chromium rounds the page to whole device pixels, hence a point of slack.
    expect(Math.abs(Number(box?.[1]) - width)).toBeLessThan(1.5)
    expect(Math.abs(Number(box?.[2]) - height)).toBeLessThan(1.5)
    await testInfo.attach(`dossier-${format}.pdf`, { body: pdf, contentType: 'application/pdf' })
  }
  await context.setOffline(false)

  // PDF from the app: the web build hands the dossier to the print dialog.
  await page.evaluate(() => {
    ;(window as unknown as { printed: string[] }).printed = []
    window.print = () => {
      const host = document.getElementById('dossier-print')
      ;(window as unknown as { printed: string[] }).printed.push(
        host?.shadowRoot?.textContent ?? ''
      )
    }
  })
  await exportGroup.getByRole('button', { name: 'PDF (A4)' }).click()
  await expect(page.getByText('The print dialog is open')).toBeVisible()
  const printed = await page.evaluate(() => (window as unknown as { printed: string[] }).printed)
  expect(printed).toHaveLength(1)
  expect(printed[0]).toContain(quoteTexts[0]!.trim().slice(0, 40))
})

test('a bundle from one archive merges into a colleague’s archive after a preview, and undo takes it back', async ({
  library,
  page,
  browser
}, testInfo) => {
  // Archive A: an event with its passages, in a dossier sent as a bundle.
  await expect(library.heading).toBeVisible()
  const quotes = await acceptSuggestion(page)
  await newDossier(page, 'Échange')
  await expect(preview(page).locator('blockquote')).toHaveCount(quotes)
  const download = page.waitForEvent('download')
  await page
    .getByRole('group', { name: 'Export' })
    .getByRole('button', { name: 'Liasse bundle', exact: true })
    .click()
  const bundle = testInfo.outputPath('echange.liasse')
  await (await download).saveAs(bundle)

  // Archive B: a colleague's fresh profile, holding only the sample archive (other ids).
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL })
  const colleague = await other.newPage()
  await new LibraryPage(colleague).open()
  await colleague
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dossiers' })
    .click()
  const chooser = colleague.waitForEvent('filechooser')
  await colleague.getByRole('button', { name: 'Import a bundle or annotations…' }).click()
  await (await chooser).setFiles(bundle)

  // The preview says what comes in before anything is written.
  const dialog = colleague.getByRole('dialog', { name: 'Merge echange.liasse into this archive' })
  await expect(dialog).toBeVisible()
  const summary = dialog.getByRole('table', { name: 'What the file brings' })
  const cell = (kind: string, column: number) =>
    summary
      .getByRole('row', { name: new RegExp(`^${kind}`) })
      .getByRole('cell')
      .nth(column)
  // Columns: in the file, new, newer, already here, same text, left out, conflicts.
  await expect(cell('Passages', 1)).toHaveText(String(quotes))
  await expect(cell('Events', 1)).toHaveText('1')
  await expect(cell('Dossiers', 1)).toHaveText('1')
  // The articles are the sample's, imported here under other ids: matched by their text.
  await expect(cell('Articles', 1)).toHaveText('0')
  expect(Number(await cell('Articles', 4).textContent())).toBeGreaterThan(1)
  await expect(dialog.getByText('No conflict: nothing was edited on both sides.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Merge' }).click()
  await expect(colleague.getByText(/^Merged echange\.liasse/)).toBeVisible()

  // The dossier arrives whole: its preview shows the same passages, on B's own articles.
  await colleague.getByRole('link', { name: 'Open Échange' }).click()
  await expect(preview(colleague).getByRole('heading', { name: EVENT })).toBeVisible()
  await expect(preview(colleague).locator('blockquote')).toHaveCount(quotes)
  const libraryB = new LibraryPage(colleague)
  await colleague
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Library' })
    .click()
  await expect(libraryB.rows()).toHaveCount(5)

  // One undo takes the whole merge back.
  await colleague.keyboard.press('ControlOrMeta+z')
  await expect(colleague.getByRole('status').filter({ hasText: 'Undone: merging' })).toBeVisible()
  await colleague
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dossiers' })
    .click()
  await expect(colleague.getByRole('link', { name: 'Open Échange' })).toHaveCount(0)
  await other.close()
})

test('our Web Annotations, expanded by a JSON-LD processor, import back as the same passages', async ({
  library,
  page
}, testInfo) => {
  await expect(library.heading).toBeVisible()
  const quotes = await acceptSuggestion(page)
  await newDossier(page, 'Annotations')
  await expect(preview(page).locator('blockquote')).toHaveCount(quotes)
  const download = page.waitForEvent('download')
  await page
    .getByRole('group', { name: 'Export' })
    .getByRole('button', { name: 'Web Annotations (JSON-LD)', exact: true })
    .click()
  const path = testInfo.outputPath('annotations.jsonld')
  await (await download).saveAs(path)

  // The same annotations in expanded form: full IRIs for every key, no context left.
  const compact = JSON.parse(readFileSync(path, 'utf8')) as jsonldModule.JsonLdDocument
  const expanded = await jsonld.expand(compact, { documentLoader: offlineDocumentLoader as never })
  const text = JSON.stringify(expanded)
  expect(text).toContain('http://www.w3.org/ns/oa#hasSelector')
  expect(text).not.toContain('"@context"')

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dossiers' })
    .click()
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import a bundle or annotations…' }).click()
  await (
    await chooser
  ).setFiles({
    name: 'expanded.jsonld',
    mimeType: 'application/ld+json',
    buffer: Buffer.from(text)
  })
  const dialog = page.getByRole('dialog', { name: 'Merge expanded.jsonld into this archive' })
  await expect(dialog).toBeVisible()
  const passages = dialog
    .getByRole('table', { name: 'What the file brings' })
    .getByRole('row', { name: /^Passages/ })
    .getByRole('cell')
  // Every passage is in the file, and each is one this archive already holds.
  await expect(passages.nth(0)).toHaveText(String(quotes))
  await expect(passages.nth(3)).toHaveText(String(quotes))
  await dialog.getByRole('button', { name: 'Cancel' }).click()
})
