// Crash safety and full disks as a user meets them: a 500-file import cut short by closing the
// page (and by killing its renderer) is reported on reopening and leaves a consistent archive;
// a full disk gives a clear error, stores nothing partial, and the app still reads and exports.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { chromium } from '@playwright/test'
import type { TestInfo } from '@playwright/test'
import { test, expect, appReady } from '../support/fixtures'
import { CHROMIUM_PATH } from '../../playwright.config'
import { LibraryPage } from '../support/library-page'
import { seedSyntheticArchive } from '../support/synthetic'

const FILES = 500
const SAMPLE = 5

function writeBatch(dir: string): string[] {
  mkdirSync(dir, { recursive: true })
  return Array.from({ length: FILES }, (_, i) => {
    const path = join(dir, `depeche-${String(i).padStart(3, '0')}.txt`)
    writeFileSync(
      path,
      `Dépêche numéro ${i}\n\nLe conseil municipal s’est réuni le ${(i % 28) + 1} mars pour la ${i}e fois. ` +
        `Les élus ont débattu du budget numéro ${i * 7919}.\n`
    )
    return path
  })
}

/**
 * Starts importing `paths` and returns once at least `atLeast` files are in. The page's CPU is
 * slowed down eight times first (as on an old laptop): a 500-file import takes a few seconds on a
 * fast machine, and the test must cut it short before its end, not race it.
 */
async function startImport(page: Page, paths: string[], atLeast: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 })
  const library = new LibraryPage(page)
  await library.importFiles(paths)
  const bar = page.getByRole('progressbar', { name: 'Import progress' })
  await expect
    .poll(async () => Number((await bar.getAttribute('value')) ?? 0), {
      timeout: 120_000,
      intervals: [100]
    })
    .toBeGreaterThanOrEqual(atLeast)
  const done = Number((await bar.getAttribute('value')) ?? 0)
  expect(done, 'the import must still be running when it is cut short').toBeLessThan(FILES)
}

async function reopen(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await page.goto('./')
  await appReady(page)
  return page
}

/** Runs Settings › Check the archive and expects no finding. */
async function expectConsistent(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Check the archive' })
  await section.getByRole('button', { name: 'Check the archive' }).click()
  await expect(section.getByText(/^No inconsistency found \(\d+ records checked\)\.$/)).toBeVisible(
    {
      timeout: 30_000
    }
  )
}

/** The interrupted-import report: how many were imported, and that the rest are listed. */
async function readInterruptedReport(page: Page, info: TestInfo, shot: string): Promise<number> {
  const report = page.getByRole('dialog', { name: 'Import interrupted' })
  await expect(report).toBeVisible()
  const summary = await report.locator('.report-interrupted').innerText()
  const match = /: (\d+) of 500 files were imported; the other (\d+) were not\.$/.exec(summary)
  expect(match, summary).not.toBeNull()
  const imported = Number(match![1])
  expect(imported + Number(match![2])).toBe(FILES)
  await expect(report.locator('li.imported')).toHaveCount(imported)
  await expect(report.locator('li.notImported')).toHaveCount(FILES - imported)
  await expect(report.locator('li.notImported').first()).toContainText('Not imported')
  await page.screenshot({ path: info.outputPath(`h4-${shot}.png`) })
  await report.getByRole('button', { name: 'Close' }).click()
  await expect(report).toBeHidden()
  return imported
}

test.describe('an import cut short', () => {
  test.setTimeout(300_000)

  test('closing the page in the middle of a 500-file import: reported on reopening, consistent', async ({
    library,
    page,
    context
  }, testInfo) => {
    const paths = writeBatch(testInfo.outputPath('batch'))
    await expect(library.heading).toBeVisible()
    await expect(page.locator('.library-count')).toHaveText(`${SAMPLE} articles`)
    await startImport(page, paths, 60)
    await page.close()

    const again = await reopen(context)
    const imported = await readInterruptedReport(again, testInfo, 'interrupted-report')
    expect(imported).toBeGreaterThanOrEqual(60)
    expect(imported).toBeLessThan(FILES)
    await expect(again.locator('.library-count')).toHaveText(`${SAMPLE + imported} articles`)
    await expectConsistent(again)
    await again.screenshot({ path: testInfo.outputPath('h4-settings-check.png'), fullPage: true })

    // Reported once: the journal is closed with the report.
    await again.reload()
    await appReady(again)
    await expect(again.getByRole('dialog', { name: 'Import interrupted' })).toHaveCount(0)

    // The files not imported can be imported again: the ones already in are duplicates.
    await new LibraryPage(again).open()
    const started = Date.now()
    await new LibraryPage(again).importFiles(paths)
    const report = again.getByRole('dialog', { name: 'Import report' })
    await expect(report).toContainText(
      `${FILES - imported} imported, ${imported} already in the archive, 0 failed`,
      { timeout: 240_000 }
    )
    const seconds = (Date.now() - started) / 1000
    testInfo.annotations.push({
      type: 'timing',
      description: `500 files (${FILES - imported} stored, journal on) in ${seconds.toFixed(1)} s`
    })
    console.info(`crash.spec: 500-file import with the journal: ${seconds.toFixed(1)} s`)
  })

  test('killing the browser in the middle of the import: the same', async ({
    browserName
  }, testInfo) => {
    expect(browserName).toBe('chromium')
    // A profile on disk, so that the archive outlives the browser process; the crash is the
    // browser's own (CDP Browser.crash): nothing gets the chance to close or flush anything.
    const profile = testInfo.outputPath('profile')
    const paths = writeBatch(testInfo.outputPath('batch'))
    const launch = (): Promise<BrowserContext> =>
      chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
        baseURL: testInfo.project.use.baseURL,
        locale: 'en-US',
        viewport: { width: 1280, height: 800 }
      })
    const first = await launch()
    const page = first.pages()[0] ?? (await first.newPage())
    const library = new LibraryPage(page)
    await library.open()
    await expect(page.locator('.library-count')).toHaveText(`${SAMPLE} articles`)
    await startImport(page, paths, 30)
    const cdp = await first.newCDPSession(page)
    await cdp.send('Browser.crash' as never).catch(() => undefined)
    await first.close().catch(() => undefined)

    const second = await launch()
    try {
      const again = await reopen(second)
      const imported = await readInterruptedReport(again, testInfo, 'killed-report')
      expect(imported).toBeGreaterThanOrEqual(30)
      await expect(again.locator('.library-count')).toHaveText(`${SAMPLE + imported} articles`)
      await expectConsistent(again)
    } finally {
      await second.close()
    }
  })
})

/**
 * A full disk, simulated where the browser reports it: IndexedDB's put/add on the stores named
 * in `window.__liasseFull` throw the QuotaExceededError DOMException ('*': every store).
 */
async function simulateFullDisk(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __liasseFull?: string[] }
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method]
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
        const full = w.__liasseFull ?? []
        if (full.includes('*') || full.includes(this.name))
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        return (original as (...a: unknown[]) => IDBRequest).apply(this, args)
      } as typeof original
    }
  })
}

const QUOTA_MESSAGE =
  'The disk is full or the storage quota is reached: nothing was written. Free space, or export/back up and remove articles.'

test('a full disk: a clear error, nothing partial, and the archive still reads and exports', async ({
  page,
  files
}) => {
  await simulateFullDisk(page)
  const library = new LibraryPage(page)
  await library.open()
  await expect(library.rows()).toHaveCount(SAMPLE)

  // The text's write fails after its article's, in the same transaction: neither is kept.
  await page.evaluate(
    () => ((window as unknown as { __liasseFull: string[] }).__liasseFull = ['articleTexts'])
  )
  await library.importFiles([files.docx, files.html])
  const report = library.reportDialog()
  await expect(report).toContainText('0 imported, 0 already in the archive, 1 failed')
  await expect(report).toContainText(QUOTA_MESSAGE)
  await expect(report.getByRole('alert')).toContainText(
    'Import stopped: the disk is full or the storage quota is reached.'
  )
  await expect(report.locator('li.notImported')).toHaveCount(1)
  await page.screenshot({ path: test.info().outputPath('h4-quota-report.png') })
  await library.closeReport()
  await expect(library.rows()).toHaveCount(SAMPLE)

  // Every write fails now: an edit says so in the status line; nothing changes.
  await page.evaluate(
    () => ((window as unknown as { __liasseFull: string[] }).__liasseFull = ['*'])
  )
  await library.importFiles([files.docx])
  await expect(page.getByText(QUOTA_MESSAGE)).toBeVisible()
  await page.locator('.notices').getByRole('button', { name: 'Close' }).click()
  await expect(page.getByText(QUOTA_MESSAGE)).toBeHidden()
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Your name (recorded on your annotations)').fill('Ana')
  await page.getByRole('button', { name: 'Save' }).first().click()
  await expect(page.getByText(QUOTA_MESSAGE)).toBeVisible()
  await expect(page.getByText('Settings saved.')).toBeHidden()
  await page.getByRole('link', { name: 'Library', exact: true }).click()

  // Reading and exporting still work.
  const first = library.rows().first().getByRole('link').first()
  const title = await first.innerText()
  await first.click()
  await expect(page.getByRole('region', { name: /^Article text/ })).not.toBeEmpty()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Back up archive' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.liasse-backup$/)

  // Space is back: the archive is consistent and the sample is all there.
  await page.evaluate(() => ((window as unknown as { __liasseFull: string[] }).__liasseFull = []))
  await page.getByRole('link', { name: 'Library', exact: true }).click()
  await expect(library.rows()).toHaveCount(SAMPLE)
  await expectConsistent(page)
})

test('Settings show whether storage is persistent, with usage and quota', async ({
  library,
  page
}) => {
  await expect(library.rows()).toHaveCount(SAMPLE)
  await page.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Storage' })
  await expect(section).toContainText(/Storage is (not )?persistent/)
  await expect(section).toContainText(
    /Used: [\d.,]+ (B|kB|MB|GB|byte) of [\d.,]+ (kB|MB|GB|TB) available \(/
  )
  await section.getByRole('button', { name: 'Refresh' }).click()
  await expect(section.getByRole('meter')).toBeVisible()
  await section.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('h4-settings-storage.png'), fullPage: true })
})

test('Check the archive lists what is inconsistent, repairs it after a confirmation, and lists the rest', async ({
  library,
  page
}) => {
  await expect(library.rows()).toHaveCount(SAMPLE)
  // Damage as an old bug or a foreign tool could have left it, written straight into IndexedDB.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('liasse')
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    const stamp = new Date().toISOString()
    const tx = db.transaction(
      ['articles', 'articleTexts', 'passages', 'links', 'tags'],
      'readwrite'
    )
    const base = { createdAt: stamp, updatedAt: stamp, author: '' }
    tx.objectStore('articles').put({
      ...base,
      id: 'textless',
      importedAt: stamp,
      title: 'Article sans texte',
      outlet: '',
      published: null,
      language: 'fr',
      sourceName: 'x.txt',
      sourceFormat: 'txt',
      sha256: 'sha-textless',
      textLength: 0,
      paragraphCount: 0
    })
    tx.objectStore('articleTexts').put({ articleId: 'ghost', text: 'orphelin', paragraphs: [] })
    const anchor = { status: 'anchored', start: 0, end: 1, score: 1, textSha256: '' }
    tx.objectStore('passages').put({
      ...base,
      id: 'p-orphan',
      articleId: 'ghost-article',
      tagIds: [],
      note: '',
      anchor
    })
    tx.objectStore('links').put({
      ...base,
      id: 'l-orphan',
      eventId: 'ghost-event',
      passageId: 'p-orphan',
      role: 'reports',
      note: ''
    })
    tx.objectStore('tags').put({
      ...base,
      id: 't-lost',
      name: 'Étiquette égarée',
      parentId: 'ghost-tag',
      color: '#888888',
      description: ''
    })
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  })
  await page.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Check the archive' })
  await section.getByRole('button', { name: 'Check the archive' }).click()
  await expect(section.getByText('5 inconsistencies found:')).toBeVisible()
  const list = section.getByRole('list', { name: 'Check the archive' })
  await expect(list.getByRole('listitem')).toHaveCount(5)
  await expect(list).toContainText('Article “Article sans texte” has no text: it cannot be opened.')
  await expect(list).toContainText('Tag “Étiquette égarée” is under a tag that no longer exists.')
  await section.scrollIntoViewIfNeeded()
  await page.screenshot({
    path: test.info().outputPath('h4-integrity-findings.png'),
    fullPage: true
  })

  await section.getByRole('button', { name: 'Repair…' }).click()
  const confirm = page.getByRole('dialog', { name: 'Repair the archive?' })
  await expect(confirm).toContainText(
    'This will: delete 1 text(s) without article; delete 1 passage(s) without article, with their links; delete 1 link(s) without event or passage; move 1 tag(s) to the top level.'
  )
  await page.screenshot({ path: test.info().outputPath('h4-integrity-confirm.png') })
  await confirm.getByRole('button', { name: 'Repair' }).click()
  await expect(section).toContainText(
    'Repaired: 1 orphan text(s), 1 passage(s) and 1 link(s) deleted'
  )
  await expect(section.getByText('Still to look at: 1 inconsistency found:')).toBeVisible()
  await expect(list.getByRole('listitem')).toHaveCount(1)

  await section.getByRole('button', { name: 'Delete the articles without text…' }).click()
  const confirmDelete = page.getByRole('dialog', { name: 'Delete the articles without text?' })
  await expect(confirmDelete).toContainText('“Article sans texte”')
  await confirmDelete.getByRole('button', { name: 'Delete' }).click()
  await expect(section.getByText(/^No inconsistency found/)).toBeVisible()
  await page.getByRole('link', { name: 'Codebook' }).click()
  await expect(page.getByText('Étiquette égarée')).toBeVisible()
})

test('the check reads 10,000 articles with their passages page by page and finds them consistent', async ({
  page
}) => {
  test.setTimeout(240_000)
  const COUNT = 10_000
  await seedSyntheticArchive(page, COUNT, { timeout: 180_000 })
  const library = new LibraryPage(page)
  await library.open()
  await page.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Check the archive' })
  const started = Date.now()
  await section.getByRole('button', { name: 'Check the archive' }).click()
  await expect(
    section.getByText(/^No inconsistency found \([\d,]+ records checked\)\.$/)
  ).toBeVisible({
    timeout: 120_000
  })
  const seconds = (Date.now() - started) / 1000
  const checked = await section.getByText(/^No inconsistency found/).innerText()
  test
    .info()
    .annotations.push({ type: 'timing', description: `${checked} in ${seconds.toFixed(1)} s` })
  console.info(
    `crash.spec: integrity check of ${COUNT} articles: ${checked} in ${seconds.toFixed(1)} s`
  )
})
