// Scans as a user meets them: a scanner's PDF and a photographed page imported through the file
// chooser, recognised on the machine with every request outside the app refused, then searchable.
import { test, expect } from '../support/fixtures'
import {
  PHOTO_TITLE,
  SCAN_PDF_TITLE,
  SHOT_TITLE,
  writeScanFiles,
  type ScanFiles
} from '../support/scan-files'

let scans: ScanFiles
// eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern.
test.beforeAll(async ({}, info) => {
  scans = await writeScanFiles(info.project.outputDir + '/scans')
})

test('a scanned PDF and a photographed page are recognised offline and can be searched', async ({
  library,
  page,
  baseURL
}) => {
  test.setTimeout(180_000)
  // Every request that is not to the app itself is refused, and counted.
  const outside: string[] = []
  const languageData: string[] = []
  await page.route('**/*', (route) => {
    const url = route.request().url()
    if (url.includes('/ocr/lang/')) languageData.push(url.slice(url.lastIndexOf('/') + 1))
    if (url.startsWith(baseURL!) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue()
    outside.push(url)
    return route.abort()
  })
  await library.importFiles([scans.pdf, scans.photo])
  const report = library.reportDialog()
  await expect(report).toContainText('2 imported, 0 already in the archive, 0 failed', {
    timeout: 150_000
  })
  await library.closeReport()
  await expect(library.articleLink(SCAN_PDF_TITLE)).toBeVisible()
  await expect(library.articleLink(PHOTO_TITLE)).toBeVisible()

  await library.heading.click()
  await page.keyboard.press('/')
  const box = page.getByRole('searchbox', { name: 'Search the archive' })
  const results = page.getByRole('list', { name: 'Results', exact: true }).getByRole('listitem')
  await box.fill('"longue enquête"')
  await expect(results).toHaveCount(1)
  await expect(results.first()).toContainText(SCAN_PDF_TITLE)
  await box.fill('"archives du journal"')
  await expect(results).toHaveCount(1)
  expect(outside).toEqual([])
  // Each language's data was read once from the app, then from the cache by every worker made
  // after (the pool is remade when the language changes between pages and files).
  expect(languageData.sort()).toEqual(['eng.traineddata.gz', 'fra.traineddata.gz'])
})

test('several images picked together can be gathered as the pages of one article', async ({
  library,
  page
}) => {
  test.setTimeout(120_000)
  await library.importFiles([scans.shot2, scans.shot1])
  const ask = page.getByRole('dialog', { name: 'Import 2 images' })
  await expect(ask.getByRole('button', { name: 'One article of 2 pages' })).toBeFocused()
  await ask.getByRole('button', { name: 'One article of 2 pages' }).click()
  const report = library.reportDialog()
  await expect(report).toContainText('1 imported, 0 already in the archive, 0 failed', {
    timeout: 100_000
  })
  await library.closeReport()
  await library.articleLink(SHOT_TITLE).click()
  // Page 1 is the shot named 1, though it was picked second.
  await expect(page.getByRole('region', { name: /^Article text/ })).toContainText(
    'Seconde prise de la coupure.'
  )
  const text = await page.getByRole('region', { name: /^Article text/ }).innerText()
  expect(text.indexOf('Première prise')).toBeLessThan(text.indexOf('Seconde prise'))
})
