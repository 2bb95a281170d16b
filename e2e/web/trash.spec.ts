// The trash as a researcher meets it: an article deleted with passages linked to an event leaves
// the library and the event, waits in the trash, and comes back whole; items deleted for good and
// the trash emptied after confirming (typed when it holds most of the archive); the retention set in
// Settings, and the start-up purge of what is older.
import AxeBuilder from '@axe-core/playwright'
import { test, expect } from '../support/fixtures'
import { LibraryPage } from '../support/library-page'
import { seedSyntheticArchive } from '../support/synthetic'

test('a deleted article waits in the trash and comes back with its passages and event links', async ({
  library,
  page
}) => {
  const nav = page.getByRole('navigation', { name: 'Main' })
  // An event with passages in several articles, from a suggestion.
  await nav.getByRole('link', { name: 'Suggestions' }).click()
  const suggestion = page.getByRole('article', { name: 'Oct 21, 2016' })
  await suggestion.getByRole('textbox', { name: 'Event title' }).fill('Proposition des impôts')
  await suggestion.getByRole('button', { name: 'Accept' }).click()
  const eventHeading = page.getByRole('heading', { level: 1 })
  await expect(eventHeading).toHaveText('Proposition des impôts')
  const eventUrl = page.url()
  const linked = page.getByRole('blockquote')
  const before = await linked.count()
  expect(before).toBeGreaterThan(1)

  // Open the article of the first linked passage and delete it.
  await page.getByRole('link', { name: 'Open in the article' }).first().click()
  await expect(page.getByRole('button', { name: 'Delete article' })).toBeVisible()
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim()
  await page.getByRole('button', { name: 'Delete article' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this article?' })
  await expect(dialog).toContainText('trash')
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(library.heading).toBeVisible()
  await expect(library.rows()).toHaveCount(4)
  await expect(library.articleLink(title)).toHaveCount(0)

  // Its passages are gone from the event.
  await page.goto(eventUrl)
  await expect(eventHeading).toHaveText('Proposition des impôts')
  await expect(linked).not.toHaveCount(before)
  const after = await linked.count()
  const removedPassages = before - after
  expect(removedPassages).toBeGreaterThan(0)

  // The trash lists it with what hangs on it.
  await nav.getByRole('link', { name: 'Trash' }).click()
  await expect(page.getByRole('heading', { name: 'Trash', level: 1 })).toBeVisible()
  const entries = page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem')
  await expect(entries).toHaveCount(1)
  const passagesText = removedPassages === 1 ? 'one passage' : `${removedPassages} passages`
  const linksText = removedPassages === 1 ? 'one link' : `${removedPassages} links`
  await expect(entries.first()).toContainText(title)
  await expect(entries.first()).toContainText(`With ${passagesText}, ${linksText}`)
  await expect(entries.first()).toContainText('30 days left')
  await page.screenshot({ path: 'test-results/h3-trash-view.png', fullPage: true })
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze()
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([])

  // Restore by keyboard: Tab reaches the button by its accessible name.
  const restore = page.getByRole('button', { name: `Restore “${title}”` })
  await restore.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByText(`“${title}” restored.`)).toBeVisible()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
  await page.screenshot({ path: 'test-results/h3-trash-restored.png', fullPage: true })

  await nav.getByRole('link', { name: 'Library' }).click()
  await expect(library.rows()).toHaveCount(5)
  await expect(library.articleLink(title)).toBeVisible()
  await page.goto(eventUrl)
  await expect(eventHeading).toHaveText('Proposition des impôts')
  await expect(linked).toHaveCount(before)
  // And it stays so after a reload.
  await page.reload()
  await expect(linked).toHaveCount(before)
})

test('items are deleted for good after confirming, the trash emptied, the retention set', async ({
  library,
  page
}) => {
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(library.heading).toBeVisible()
  for (const name of ['Premier dossier', 'Second dossier']) {
    await nav.getByRole('link', { name: 'Dossiers' }).click()
    await page.getByRole('textbox', { name: 'Title of the new dossier' }).fill(name)
    await page.getByRole('button', { name: 'Create dossier' }).click()
    await expect(page.getByRole('heading', { name, level: 1 }).first()).toBeVisible()
    await nav.getByRole('link', { name: 'Dossiers' }).click()
    await page.getByRole('button', { name: `Delete dossier — ${name}` }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete dossier' }).click()
    await expect(page.getByRole('button', { name: `Delete dossier — ${name}` })).toHaveCount(0)
  }

  // A shorter retention shows in the days left.
  await nav.getByRole('link', { name: 'Settings' }).click()
  const days = page.getByRole('spinbutton', { name: 'Days deleted items stay in the trash' })
  await days.fill('0')
  await days.press('Enter')
  await expect(
    page.getByRole('alert').filter({ hasText: 'Enter a whole number of days from 1 to 3650.' })
  ).toBeVisible()
  await days.fill('7')
  await days.press('Enter')
  await expect(page.getByText('Deleted items will stay 7 days in the trash.')).toBeVisible()

  await nav.getByRole('link', { name: 'Trash' }).click()
  const entries = page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem')
  await expect(entries).toHaveCount(2)
  await expect(entries.first()).toContainText('7 days left')
  await expect(entries.first()).toContainText('Nothing attached')

  await page.getByRole('button', { name: 'Delete “Premier dossier” permanently' }).click()
  const confirm = page.getByRole('dialog', { name: 'Delete permanently?' })
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.screenshot({ path: 'test-results/h3-trash-confirm.png' })
  await confirm.getByRole('button', { name: 'Delete permanently' }).click()
  await expect(entries).toHaveCount(1)

  // In French too.
  await nav.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('fr')
  await page.getByRole('link', { name: 'Corbeille' }).click()
  await expect(page.getByRole('heading', { name: 'Corbeille', level: 1 })).toBeVisible()
  await expect(
    page.getByRole('list', { name: 'Éléments supprimés' }).getByRole('listitem').first()
  ).toContainText('encore 7 jours')
  await expect(page.getByRole('button', { name: 'Restaurer « Second dossier »' })).toBeVisible()
  await page.screenshot({ path: 'test-results/h3-trash-fr.png' })
  await page.getByRole('link', { name: 'Réglages' }).click()
  await page.getByRole('combobox', { name: 'Langue de l’interface' }).selectOption('en')
  await nav.getByRole('link', { name: 'Trash' }).click()

  await page.getByRole('button', { name: 'Empty trash' }).click()
  await page
    .getByRole('dialog', { name: 'Empty the trash?' })
    .getByRole('button', { name: 'Empty trash' })
    .click()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Empty trash' })).toBeDisabled()
  await nav.getByRole('link', { name: 'Dossiers' }).click()
  await expect(page.getByText('Premier dossier')).toHaveCount(0)
})

test('emptying a trash that holds most of the archive asks for the number of articles typed', async ({
  page
}) => {
  await seedSyntheticArchive(page, 24)
  const library = new LibraryPage(page)
  await library.open()
  // The library draws a window of rows: its count line says how many articles there are.
  await expect(page.getByText('24 articles')).toBeVisible()
  // Half the articles go to the trash, one by one, as the library allows.
  for (let deleted = 1; deleted <= 12; deleted++) {
    await library.rows().first().getByRole('link').first().click()
    await page.getByRole('button', { name: 'Delete article' }).click()
    await page
      .getByRole('dialog', { name: 'Delete this article?' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await expect(page.getByText(`${24 - deleted} articles`)).toBeVisible()
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trash' }).click()
  await page.getByRole('button', { name: 'Empty trash' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete most of the archive?' })
  await expect(dialog).toContainText('This deletes 12 of the 24 articles, for good.')
  const confirm = dialog.getByRole('button', { name: 'Delete for good' })
  const word = dialog.getByRole('textbox', { name: 'Type 12 to confirm' })
  await expect(word).toBeFocused()
  await expect(confirm).toBeDisabled()
  await word.fill('11')
  await expect(confirm).toBeDisabled()
  await word.press('Enter')
  await expect(dialog).toBeVisible()
  await word.fill('12')
  await expect(confirm).toBeEnabled()
  await page.screenshot({ path: 'test-results/h3-trash-typed-confirm.png' })
  await confirm.click()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Library' })
    .click()
  await expect(page.getByText('12 articles')).toBeVisible()
})

test('an item older than the retention is purged when Liasse starts', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-01-01T10:00:00Z'))
  const library = new LibraryPage(page)
  await library.open()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Dossiers' }).click()
  await page.getByRole('textbox', { name: 'Title of the new dossier' }).fill('Ancien dossier')
  await page.getByRole('button', { name: 'Create dossier' }).click()
  // Creating opens the composer: back to the list only once it is there (a click on Dossiers
  // before would be undone by the composer opening).
  await expect(
    page.getByRole('heading', { name: 'Ancien dossier', level: 1 }).first()
  ).toBeVisible()
  await nav.getByRole('link', { name: 'Dossiers' }).click()
  await page.getByRole('button', { name: 'Delete dossier — Ancien dossier' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete dossier' }).click()
  // The delete is written (stamped 1 January) before the clock moves on.
  await expect(page.getByRole('button', { name: 'Delete dossier — Ancien dossier' })).toHaveCount(0)
  await expect(page.getByRole('dialog')).toHaveCount(0)

  // 20 days later it is still there, with 10 days left.
  await page.clock.setFixedTime(new Date('2026-01-21T10:00:00Z'))
  await page.goto('./#/trash')
  await page.reload()
  const entries = page.getByRole('list', { name: 'Deleted items' }).getByRole('listitem')
  await expect(entries).toHaveCount(1)
  await expect(entries.first()).toContainText('10 days left')

  // 31 days after the delete, the start-up purge has removed it.
  await page.clock.setFixedTime(new Date('2026-02-01T10:00:00Z'))
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Trash', level: 1 })).toBeVisible()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
})
