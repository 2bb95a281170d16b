// Scans as a user meets them: a scanner's PDF and a photographed page imported through the file
// chooser, recognised on the machine with every request outside the app refused, then searchable.
import { test, expect } from '../support/fixtures'
import { PHOTO_TITLE, SCAN_PDF_TITLE, writeScanFiles, type ScanFiles } from '../support/scan-files'

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
  await page.route('**/*', (route) => {
    const url = route.request().url()
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
})
