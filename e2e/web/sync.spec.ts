// Team sync as two members meet it: two browser profiles of the web build connect to the same
// CouchDB-compatible server (pouchdb-server, started here on a loopback port and stopped by its
// process id): their two first-run sample archives become one, and a passage tagged in one shows
// in the other within 5 s, without a reload.
// The server listens on the port the harness build's CSP names in connect-src (a team's web build
// names its server the same way, LIASSE_SYNC_ORIGINS): the page may reach it and nothing else.
import type { Browser, Page } from '@playwright/test'
import { test, expect, appReady } from '../support/fixtures'
import { ReaderPage } from '../support/reader-page'
import { LibraryPage } from '../support/library-page'
import { canKillServer, startCouchServer, type CouchServer } from '../../test/sync/couch-server'
import { E2E_COUCH_PORT } from '../../test/sync/e2e-port'

const ARTICLE = 'WikiLeaks : les échanges très embarrassants de Donald Trump Jr'
let server: CouchServer
// One server on the port the page's CSP names, shared by the tests of this file: they run in one
// worker, one after the other.
test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  server = await startCouchServer(E2E_COUCH_PORT)
  const created = await fetch(`${server.url}/team`, { method: 'PUT' })
  expect(created.status).toBe(201)
})
test.afterAll(async () => server?.stop())

async function member(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'en-US' })
  const page = await context.newPage()
  await page.goto('./')
  await appReady(page)
  return page
}

async function connect(page: Page, database: string): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Sync' })
  await section.getByRole('textbox', { name: 'Server address' }).fill(server.url)
  await section.getByRole('textbox', { name: 'Database' }).fill(database)
  await section.getByRole('button', { name: 'Test connection' }).click()
  await expect(section.getByText('Connected: the server is a CouchDB')).toBeVisible()
  await section.getByRole('button', { name: 'Connect', exact: true }).click()
  await joinAs(page, database, 'Add and sync')
  await expect(section.getByRole('status', { name: 'Sync state' })).toContainText('Up to date', {
    timeout: 20_000
  })
  await expect(page.getByRole('status', { name: 'Team sync: Synced' })).toBeVisible()
}

/** The first time an archive with anything in it meets a team database, it asks how to join. */
async function joinAs(
  page: Page,
  database: string,
  choice: 'Add and sync' | 'team'
): Promise<void> {
  const dialog = page.getByRole('dialog', { name: `Join the team database “${database}”` })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('This archive holds 5 articles')
  if (choice === 'team')
    await dialog.getByRole('radio', { name: /Start from the team’s archive/ }).check()
  else await dialog.getByRole('button', { name: choice }).click()
}

test('Test connection says what is wrong: an insecure address, a missing database', async ({
  browser
}, testInfo) => {
  const page = await member(browser, testInfo.project.use.baseURL!)
  await page.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Sync' })
  await section.getByRole('textbox', { name: 'Server address' }).fill('http://couch.example.org')
  await section.getByRole('textbox', { name: 'Database' }).fill('team')
  await section.getByRole('button', { name: 'Test connection' }).click()
  await expect(section.getByText('The address must use HTTPS')).toBeVisible()
  await section.getByRole('textbox', { name: 'Server address' }).fill(server.url)
  await section.getByRole('textbox', { name: 'Database' }).fill('nothing-here')
  await section.getByRole('button', { name: 'Test connection' }).click()
  await expect(section.getByText('The database “nothing-here” does not exist')).toBeVisible()
  await expect(section.getByRole('status', { name: 'Sync state' })).toHaveText('Sync is off.')
})

test('a passage tagged by one member shows in the other’s archive within 5 s', async ({
  browser
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!
  const ana = await member(browser, baseURL)
  const ben = await member(browser, baseURL)
  await connect(ana, 'team')
  await connect(ben, 'team')
  // Two first-run sample archives make one: Ben's copies give way to the team's (same texts).
  for (const side of [ana, ben]) {
    await side.getByRole('link', { name: 'Library' }).click()
    await expect(side.locator('.library-count')).toHaveText('5 articles')
  }

  const library = new LibraryPage(ana)
  await library.open()
  await library.articleLink(ARTICLE).first().click()
  const reader = new ReaderPage(ana)
  await expect(reader.text).toBeVisible()
  await reader.selectWithMouse(
    'le site WikiLeaks a été en contact avec le fils aîné de Donald Trump'
  )
  await reader.tagSelection(['Contacts'], 'Vu par Ana')
  const tagged = Date.now()

  await ben.getByRole('link', { name: 'Passages' }).click()
  await expect(ben.getByText('Vu par Ana')).toBeVisible({ timeout: 5_000 })
  const seconds = (Date.now() - tagged) / 1000
  console.info(`sync.spec: a passage tagged by Ana showed for Ben after ${seconds.toFixed(1)} s`)
  await ben.screenshot({ path: testInfo.outputPath('sync-passage-received.png'), fullPage: true })
  await ana.getByRole('link', { name: 'Settings' }).click()
  await ana.screenshot({ path: testInfo.outputPath('sync-settings.png'), fullPage: true })
})

async function setOutlet(page: Page, outlet: string): Promise<void> {
  const library = new LibraryPage(page)
  await library.open()
  await library.articleLink(/Des échanges secrets/).click()
  await page.getByRole('button', { name: 'Edit details' }).click()
  const form = page.getByRole('form', { name: 'Article details' })
  await form.getByRole('textbox', { name: 'Outlet' }).fill(outlet)
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Details saved.' })).toBeVisible()
}

test('both members edit one article while the server is down: the conflict shows in both, is resolved in one, and both converge', async ({
  browser
}, testInfo) => {
  test.skip(
    !canKillServer,
    'stops and restarts the team server: only possible with the server the tests start, not a CouchDB named by LIASSE_COUCHDB_URL'
  )
  const baseURL = testInfo.project.use.baseURL!
  expect((await fetch(`${server.url}/conflicts`, { method: 'PUT' })).status).toBe(201)
  const ana = await member(browser, baseURL)
  const ben = await member(browser, baseURL)
  await connect(ana, 'conflicts')
  await connect(ben, 'conflicts')

  await server.kill()
  await setOutlet(ana, 'RTS Info (Ana)')
  await setOutlet(ben, 'RTS Info (Ben)')
  // The status area says so, with the change waiting.
  await expect(ana.getByRole('status', { name: 'Team sync: Offline · 1 to send' })).toBeVisible({
    timeout: 30_000
  })
  await server.restart()

  for (const side of [ana, ben]) {
    await expect(side.getByRole('link', { name: 'Conflicts (1)' })).toBeVisible({ timeout: 60_000 })
  }
  await ana.getByRole('link', { name: 'Conflicts (1)' }).click()
  const item = ana.getByRole('article', { name: /^Article .* in conflict$/ })
  await expect(item).toContainText('RTS Info (Ana)')
  await expect(item).toContainText('RTS Info (Ben)')
  await ana.screenshot({ path: testInfo.outputPath('sync-conflict.png'), fullPage: true })
  const bens = (await item.getByRole('columnheader').allInnerTexts()).findIndex((h) =>
    /Version/.test(h)
  )
  expect(bens).toBeGreaterThan(0)
  // Keep the version whose outlet is Ben's.
  const cells = await item
    .getByRole('row', { name: /Outlet/ })
    .getByRole('cell')
    .allInnerTexts()
  const keep = cells.findIndex((text) => text.includes('(Ben)')) + 1
  await item.getByRole('button', { name: new RegExp(`^Keep version ${keep} of`) }).click()
  await expect(ana.getByText('No conflict: every record has one version.')).toBeVisible()

  for (const side of [ana, ben]) {
    await expect(side.getByRole('link', { name: /^Conflicts/ })).toHaveCount(0, { timeout: 30_000 })
    await side
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Library' })
      .click()
    await expect(side.getByRole('row', { name: /Des échanges secrets/ })).toContainText(
      'RTS Info (Ben)'
    )
  }
})

test('joining by starting from the team’s archive: this one is backed up first, then set aside', async ({
  browser
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!
  expect((await fetch(`${server.url}/join`, { method: 'PUT' })).status).toBe(201)
  const ana = await member(browser, baseURL)
  await connect(ana, 'join')
  await setOutlet(ana, 'RTS Info (équipe)')

  const carol = await member(browser, baseURL)
  await setOutlet(carol, 'RTS Info (Carol, seule)')
  await carol.getByRole('link', { name: 'Settings' }).click()
  const section = carol.getByRole('region', { name: 'Sync' })
  await section.getByRole('textbox', { name: 'Server address' }).fill(server.url)
  await section.getByRole('textbox', { name: 'Database' }).fill('join')
  await section.getByRole('button', { name: 'Connect', exact: true }).click()
  await joinAs(carol, 'join', 'team')
  const dialog = carol.getByRole('dialog', { name: 'Join the team database “join”' })
  await expect(dialog).toContainText('The team database holds')
  await carol.screenshot({ path: testInfo.outputPath('sync-join.png'), fullPage: true })
  const download = carol.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Back up, then start from the team’s' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.liasse-backup$/)

  // The page reloads on a new archive that syncs: the team's, not Carol's own edit.
  await appReady(carol)
  await carol.getByRole('link', { name: 'Settings' }).click()
  await expect(
    carol.getByRole('region', { name: 'Sync' }).getByRole('status', { name: 'Sync state' })
  ).toContainText('Up to date', { timeout: 30_000 })
  await carol
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Library' })
    .click()
  await expect(carol.locator('.library-count')).toHaveText('5 articles')
  await expect(carol.getByRole('row', { name: /Des échanges secrets/ })).toContainText(
    'RTS Info (équipe)'
  )
  await expect(carol.getByRole('link', { name: /^Conflicts/ })).toHaveCount(0)
})
