// Files built to attack, imported as a user would: a .liasse and a .qdpx of about 1 MiB that
// unpack to a gigabyte, and a Word bomb. Each is refused with a message naming a zip bomb.
import { writeFileSync } from 'node:fs'
import { strToU8 } from 'fflate'
import { deflatedZeros, rawZip } from '../../test/zip/test-zips'
import { test, expect } from '../support/fixtures'
import { LibraryPage } from '../support/library-page'

function bomb(entries: Record<string, string>, zerosName: string): Uint8Array {
  const zeros = deflatedZeros(64 << 20)
  const listed = Object.entries(entries).map(([name, text]) => ({ name, data: strToU8(text) }))
  // A gigabyte declared, as a zip tool writes it: what the finding unpacked whole.
  return rawZip([
    ...listed,
    { name: zerosName, data: zeros.data, method: 8, declaredSize: 1 << 30, crc32: zeros.crc32 }
  ])
}

test('a bundle and a project that unpack to a gigabyte are refused as zip bombs', async ({
  page
}, testInfo) => {
  await new LibraryPage(page).open()
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dossiers' })
    .click()
  const files = [
    ['bomb.liasse', bomb({ 'manifest.json': '{}' }, 'texts/zeros.txt')],
    ['bomb.qdpx', bomb({ 'project.qde': '<Project name="x"/>' }, 'sources/zeros.txt')]
  ] as const
  for (const [name, bytes] of files) {
    const path = testInfo.outputPath(name)
    writeFileSync(path, bytes)
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import a bundle or annotations…' }).click()
    await (await chooser).setFiles(path)
    const notice = page.getByText(
      new RegExp(`^${name.replace('.', '\\.')} cannot be imported: .*zip bomb`)
    )
    await expect(notice).toBeVisible()
  }
  await page.screenshot({ path: 'test-results/h1-zip-bomb-refused.png' })
})

test('a Word bomb and a page nested 100,000 deep are refused at once; a deep page imports inertly', async ({
  page
}, testInfo) => {
  const library = new LibraryPage(page)
  await library.open()
  const zeros = deflatedZeros(64 << 20)
  const word = rawZip([
    { name: '[Content_Types].xml', data: strToU8('<Types/>') },
    { name: 'word/document.xml', data: zeros.data, method: 8, declaredSize: 1 << 30 }
  ])
  const nested = (depth: number): Uint8Array =>
    strToU8(
      `<html><body>${'<div>'.repeat(depth)}<p>Le texte tout au fond de la page.</p>` +
        `<script>window.pwned = true</script><img src=x onerror="window.pwned = true">` +
        `${'</div>'.repeat(depth)}</body></html>`
    )
  const paths = (
    [
      ['bomb.docx', word],
      ['abyssale.html', nested(100_000)],
      ['profonde.html', nested(3_000)]
    ] as const
  ).map(([name, bytes]) => {
    const path = testInfo.outputPath(name)
    writeFileSync(path, bytes)
    return path
  })
  await library.importFiles(paths)
  const report = library.reportDialog()
  // Chromium alone takes 36 s to parse 100,000 nested divs, past the expectation's default wait:
  // the report shows only because the page is refused before parsing. How fast the refusals are
  // is measured in bench/hostile.bench.ts.
  await expect(report).toBeVisible()
  const line = (name: string) => report.getByRole('listitem').filter({ hasText: name })
  await expect(line('bomb.docx')).toContainText('zip bomb')
  await expect(line('abyssale.html')).toContainText('nested far too deeply')
  await expect(line('profonde.html')).toContainText('Imported')
  expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned)).toBeUndefined()
  await page.screenshot({ path: 'test-results/h1-word-bomb-deep-page.png' })
})
