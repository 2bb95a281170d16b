// Screenshots of the main screens for people to look at (and the README, when
// LIASSE_UPDATE_SCREENSHOTS=1 writes them to docs/screenshots).
import { writeFileSync } from 'node:fs'
import type { TestInfo } from '@playwright/test'
import { test, expect } from '../support/fixtures'
import { ReaderPage } from '../support/reader-page'
import { acceptFirstSuggestions } from '../support/suggestions'
import { SCAN_PDF_TITLE, writeScanFiles } from '../support/scan-files'

const target = (name: string, testInfo: TestInfo): string =>
  process.env.LIASSE_UPDATE_SCREENSHOTS ? `docs/screenshots/${name}` : testInfo.outputPath(name)

test('library and reader screenshots', async ({ library, page }, testInfo) => {
  await expect(library.rows()).toHaveCount(5)
  const libraryShot = await page.screenshot({ path: target('library.png', testInfo) })
  expect(libraryShot.byteLength).toBeGreaterThan(10_000)
  await library.articleLink(/Des échanges secrets/).click()
  await expect(
    page
      .getByRole('region', { name: /^Article text/ })
      .locator('p')
      .first()
  ).toBeVisible()
  const readerShot = await page.screenshot({ path: target('reader.png', testInfo) })
  expect(readerShot.byteLength).toBeGreaterThan(10_000)
})

test('annotated reader, codebook and passages screenshots', async ({ library, page }, testInfo) => {
  await library.articleLink(/WikiLeaks : les échanges/).click()
  const reader = new ReaderPage(page)
  await reader.selectWithMouse("Quand ce n'est pas le père, c'est le fils.")
  await reader.tagSelection(['Ton'], 'Accroche de l’article')
  await reader.selectWithMouse('c\'est le fils. "The Atlantic" révèle cette semaine')
  await reader.tagSelection(['Sources'])
  await reader.selectWithMouse('The Atlantic')
  await reader.tagSelection(['Médias'])
  await reader.selectWithMouse(
    'le site WikiLeaks a été en contact avec le fils aîné de Donald Trump'
  )
  await reader.tagSelection(['Contacts'], 'Confirmé par Trump Jr lui-même')
  await page.evaluate(() => window.scrollTo(0, 0))
  await reader.highlight('Quand ce n').click()
  await expect(reader.text.locator('mark.nested')).not.toHaveCount(0)
  const annotated = await page.screenshot({ path: target('reader-annotated.png', testInfo) })
  expect(annotated.byteLength).toBeGreaterThan(10_000)

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Codebook' })
    .click()
  await expect(page.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveCount(4)
  const codebook = await page.screenshot({ path: target('codebook.png', testInfo) })
  expect(codebook.byteLength).toBeGreaterThan(10_000)

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Passages' })
    .click()
  await expect(page.getByText('4 passages')).toBeVisible()
  const passages = await page.screenshot({ path: target('passages.png', testInfo) })
  expect(passages.byteLength).toBeGreaterThan(10_000)
})

test('timeline, event page, matrix and suggestions screenshots', async ({
  library,
  page
}, testInfo) => {
  await expect(library.heading).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Suggestions' }).click()
  await expect(page.getByRole('article').first()).toBeVisible()
  const suggestions = await page.screenshot({ path: target('suggestions.png', testInfo) })
  expect(suggestions.byteLength).toBeGreaterThan(10_000)
  await acceptFirstSuggestions(page, 4)
  const event = await page.screenshot({ path: target('event.png', testInfo), fullPage: true })
  expect(event.byteLength).toBeGreaterThan(10_000)
  await nav.getByRole('link', { name: 'Timeline' }).click()
  await expect(page.locator('.tl-event')).not.toHaveCount(0)
  const timeline = await page.screenshot({ path: target('timeline.png', testInfo) })
  expect(timeline.byteLength).toBeGreaterThan(10_000)
  await nav.getByRole('link', { name: 'Sources' }).click()
  await expect(page.getByRole('table')).toBeVisible()
  const matrix = await page.screenshot({ path: target('matrix.png', testInfo) })
  expect(matrix.byteLength).toBeGreaterThan(10_000)
})

test('dossier composer and exported dossier screenshots', async ({
  library,
  page,
  context
}, testInfo) => {
  await expect(library.heading).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await acceptFirstSuggestions(page, 3)
  await nav.getByRole('link', { name: 'Dossiers' }).click()
  await page
    .getByRole('textbox', { name: 'Title of the new dossier' })
    .fill('WikiLeaks et Trump Jr')
  await page.getByRole('button', { name: 'Create dossier' }).click()
  const settings = page.getByRole('form', { name: 'Dossier settings' })
  await settings
    .getByRole('textbox', { name: 'Subtitle' })
    .fill('Les échanges de 2016, source par source')
  await settings.getByRole('textbox', { name: 'Authors (separated by commas)' }).fill('Camille')
  await settings
    .getByRole('textbox', { name: 'Introduction (Markdown)' })
    .fill('Ce dossier rassemble ce que **cinq articles** disent des échanges.')
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
  await expect(page.getByTestId('dossier-preview').locator('blockquote').first()).toBeVisible()
  // The notices of the accepted suggestions would hide the settings.
  for (const close of await page.getByRole('button', { name: 'Close', exact: true }).all()) {
    await close.click()
  }
  const composer = await page.screenshot({ path: target('dossier.png', testInfo) })
  expect(composer.byteLength).toBeGreaterThan(10_000)

  const download = page.waitForEvent('download')
  await page
    .getByRole('group', { name: 'Export' })
    .getByRole('button', { name: 'HTML page', exact: true })
    .click()
  const html = testInfo.outputPath('dossier.html')
  await (await download).saveAs(html)
  const exported = await context.newPage()
  await exported.goto(`file://${html}`)
  await expect(exported.getByRole('heading', { level: 1 })).toHaveText('WikiLeaks et Trump Jr')
  const shot = await exported.screenshot({
    path: testInfo.outputPath('dossier-export.png'),
    fullPage: true
  })
  expect(shot.byteLength).toBeGreaterThan(10_000)
  const pdf = await exported.pdf({ format: 'A4', printBackground: true })
  await testInfo.attach('dossier-A4.pdf', { body: pdf, contentType: 'application/pdf' })
  writeFileSync(testInfo.outputPath('dossier-A4.pdf'), pdf)
})

test('search and find-in-article screenshots', async ({ library, page }, testInfo) => {
  await acceptFirstSuggestions(page, 2)
  await library.open()
  await page.keyboard.press('Control+k')
  await page.getByRole('searchbox', { name: 'Search the archive' }).fill('wikileaks ambassadeur ')
  const results = page.getByRole('list', { name: 'Results', exact: true }).getByRole('listitem')
  await expect(results.first()).toBeVisible()
  const searchShot = await page.screenshot({ path: target('search.png', testInfo) })
  expect(searchShot.byteLength).toBeGreaterThan(10_000)
  await results.first().getByRole('link').click()
  await expect(page.getByRole('searchbox', { name: 'Find in article' })).toBeVisible()
  const findShot = await page.screenshot({ path: target('reader-find.png', testInfo) })
  expect(findShot.byteLength).toBeGreaterThan(10_000)
})

test('scanned article with its page view screenshot', async ({ library, page }, testInfo) => {
  test.setTimeout(180_000)
  const scans = await writeScanFiles(testInfo.outputPath('scans'))
  await library.importFiles([scans.pdf])
  await expect(library.reportDialog()).toContainText('1 imported', { timeout: 150_000 })
  await library.closeReport()
  await library.articleLink(SCAN_PDF_TITLE).click()
  const reader = new ReaderPage(page)
  await expect(reader.text).toContainText('plusieurs reprises')
  await page.getByRole('button', { name: 'Page', exact: true }).click()
  await reader.selectWithMouse('a reçu des messages')
  await expect(
    page.getByRole('img', { name: /^Page 1 of 2/ }).locator('.page-outline')
  ).toHaveCount(1)
  const shot = await page.screenshot({ path: target('reader-scan.png', testInfo) })
  expect(shot.byteLength).toBeGreaterThan(10_000)
})
