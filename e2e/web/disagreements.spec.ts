// Sources that disagree on a date, as a researcher meets them on the sample archive: the request
// for the meeting emails dated April 2017 by one article and 11 July 2017 by another, accepted as
// a disputed event (one passage reports, the other contradicts), seen in the matrix, then undone.
import { seriousViolations } from '../support/axe'
import { test, expect } from '../support/fixtures'

const HAPPENING = /demande des courriels|correspondance/

test('a date disagreement between two articles becomes a disputed event, shown in the matrix', async ({
  library,
  page
}) => {
  await expect(library.heading).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  // An event told by three articles, two of them without an outlet, for the matrix's columns.
  await nav.getByRole('link', { name: 'Suggestions' }).click()
  await page
    .getByRole('article', { name: 'Oct 21, 2016' })
    .getByRole('button', { name: 'Accept' })
    .click()
  await expect(page.getByRole('link', { name: 'Back to the timeline' })).toBeVisible()
  await nav.getByRole('link', { name: 'Suggestions' }).click()

  const section = page.getByRole('region', { name: 'Sources disagree on the date' })
  await expect(section).toBeVisible({ timeout: 30_000 })
  const card = section.getByRole('region', { name: HAPPENING })
  await expect(card).toHaveCount(1)
  await expect(card).toContainText('Wikileaks lui demande des courriels')
  await expect(card).toContainText('Le 11 juillet, WikiLeaks a écrit à Trump Jr.')
  // What the 11 July passage is read with: the request told in the next sentence.
  await expect(card).toContainText(
    "Le site a ensuite demandé à Trump Jr. d'envoyer sa correspondance"
  )
  // Each passage links to its article, at the passage.
  await expect(card.getByRole('link')).toHaveCount(2)
  await expect(card.getByRole('link').first()).toHaveAttribute('href', /#\/article\/.+\?at=\d+/)

  // Both suggestions concerned say so, and lead to the disagreement.
  const flags = page.getByRole('button', { name: 'Sources disagree on this date' })
  await expect(flags).toHaveCount(2)
  await flags.first().click()
  await expect(card.getByRole('heading', { level: 3 })).toBeFocused()
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/disagreements-suggestions.png', fullPage: false })
  expect(await seriousViolations(page)).toEqual([])

  await card.getByRole('button', { name: 'Accept as a disputed event…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Accept as a disputed event' })
  await expect(dialog).toBeVisible()
  const title = dialog.getByRole('textbox', { name: 'Event title' })
  await expect(title).toHaveValue(HAPPENING)
  // The two dates to choose from; by default the more precise one (one source each).
  const dates = dialog.getByRole('radio')
  await expect(dates).toHaveCount(2)
  await expect(dates.nth(1)).toBeChecked()
  await expect(dialog).toContainText('will be linked as contradicting the event')
  await page.screenshot({ path: 'test-results/disagreements-dialog.png' })
  expect(await seriousViolations(page)).toEqual([])
  await title.fill('WikiLeaks demande les courriels sur la rencontre')
  // Keyboard: the title field, then Enter submits the form.
  await title.press('Enter')

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'WikiLeaks demande les courriels sur la rencontre'
  )
  await expect(page.locator('.event-meta')).toContainText('Disputed')
  const roles = page.getByRole('combobox', { name: 'Role' })
  await expect(roles).toHaveCount(2)
  expect(
    (await roles.evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value))).sort()
  ).toEqual(['contradicts', 'reports'])
  await expect(page.getByRole('status').filter({ hasText: 'source' })).toContainText('contradict')
  await page.screenshot({ path: 'test-results/disagreements-event.png', fullPage: true })

  // The matrix: by outlet, articles without an outlet are "Unknown outlet" columns with their
  // titles; the contradicting source's cell says so.
  await nav.getByRole('link', { name: 'Sources' }).click()
  const table = page.getByRole('table')
  await expect(table).toBeVisible()
  const unknown = table.getByRole('columnheader', { name: /^Unknown outlet/ })
  await expect(unknown).toHaveCount(3)
  for (const title of [/Des échanges secrets/, /WikiLeaks : les échanges/]) {
    await expect(unknown.filter({ hasText: title })).toHaveCount(1)
  }
  await expect(table.getByRole('columnheader', { name: /Business Insider/ })).toHaveCount(1)
  const row = table.getByRole('row', { name: /WikiLeaks demande les courriels/ })
  await expect(row.getByRole('cell', { name: /1 contradict/ })).toHaveCount(1)
  await expect(row.getByRole('cell', { name: /1 contradict/ })).toContainText('contradicts')
  await expect(row.getByRole('cell', { name: /1 report/ })).toHaveCount(1)
  await expect(row).toContainText('contradicted by 1 source')
  await page.screenshot({ path: 'test-results/disagreements-matrix.png', fullPage: true })
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('radio', { name: 'Articles' }).check()
  await expect(table.getByRole('columnheader', { name: /Unknown outlet/ }).first()).toBeVisible()
  await page.screenshot({ path: 'test-results/disagreements-matrix-articles.png', fullPage: true })

  // Undo removes the event (and its links and new passages).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.locator('body').press('Control+z')
  await expect(page.getByText(/Undone/).first()).toBeVisible()
  await expect(table.getByRole('row', { name: /WikiLeaks demande les courriels/ })).toHaveCount(0)
  // The header row and the event accepted before stay.
  await expect(table.getByRole('row')).toHaveCount(2)
  await nav.getByRole('link', { name: 'Timeline' }).click()
  await expect(page.getByText('WikiLeaks demande les courriels sur la rencontre')).toHaveCount(0)
})
