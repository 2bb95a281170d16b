// Tagging passages as a researcher does: with the mouse, with the keyboard only, overlapping
// highlights, reload, undo of a delete, and a corrected text whose passages follow.
import { test, expect } from '../support/fixtures'
import { ReaderPage } from '../support/reader-page'
import type { LibraryPage } from '../support/library-page'

import { DROPPED_TITLE } from '../support/files'

const ARTICLE = 'WikiLeaks : les échanges très embarrassants de Donald Trump Jr'

async function openArticle(library: LibraryPage, title: string | RegExp): Promise<ReaderPage> {
  await library.articleLink(title).click()
  const reader = new ReaderPage(library.page)
  await expect(reader.text).toBeVisible()
  return reader
}

test('a passage selected with the mouse is tagged, and its highlight is there after a reload', async ({
  library,
  page
}) => {
  const reader = await openArticle(library, ARTICLE)
  await reader.selectWithMouse(
    'le site WikiLeaks a été en contact avec le fils aîné de Donald Trump'
  )
  await reader.tagSelection(['Contacts', 'WikiLeaks'], 'Révélé par The Atlantic')
  await expect(page.getByRole('status')).toContainText('Passage tagged.')
  await expect(reader.highlight('a été en contact')).toHaveCount(1)
  await expect(reader.selectedPanel()).toContainText('Contacts')
  await expect(reader.selectedPanel()).toContainText('Révélé par The Atlantic')

  await page.reload()
  await expect(reader.highlight('a été en contact')).toHaveCount(1)
  const mark = reader.text.getByRole('button', {
    name: /Passage “le site WikiLeaks a été en contact/
  })
  await expect(mark).toHaveAccessibleName(/tags: Contacts, WikiLeaks/)
  // The text on screen is still exactly the article's text.
  await expect(reader.text).toContainText(
    'que le site WikiLeaks a été en contact avec le fils aîné de Donald Trump, âgé de 39 ans'
  )
})

test('a passage says who created it: the name set in Settings', async ({ library, page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Settings' }).click()
  await page.getByLabel('Your name (recorded on your annotations)').fill('Camille Martin')
  await page.getByLabel('Your name (recorded on your annotations)').press('Enter')
  await expect(page.getByText('Settings saved.')).toBeVisible()
  await nav.getByRole('link', { name: 'Library' }).click()
  const reader = await openArticle(library, ARTICLE)
  await reader.selectWithMouse("Quand ce n'est pas le père, c'est le fils.")
  await reader.tagSelection(['Ton'])
  await expect(reader.selectedPanel()).toContainText(
    /Created by Camille Martin, \w{3} \d{1,2}, \d{4}/
  )
})

test('overlapping highlights are both clickable and both reachable by keyboard', async ({
  library,
  page
}) => {
  const reader = await openArticle(library, ARTICLE)
  await reader.selectWithMouse("Quand ce n'est pas le père, c'est le fils.")
  await reader.tagSelection(['Ton'])
  await reader.selectWithMouse('c\'est le fils. "The Atlantic" révèle cette semaine')
  await reader.tagSelection(['Sources'])

  // The shared part is one segment covering both; each passage keeps a part of its own.
  await expect(reader.text.locator('mark.nested')).toHaveText("c'est le fils.")
  await reader.highlight('Quand ce n').click()
  await expect(reader.selectedPanel()).toContainText('Ton')
  await expect(reader.selectedPanel()).not.toContainText('Sources')
  await reader.highlight('révèle cette semaine').click()
  await expect(reader.selectedPanel()).toContainText('Sources')
  await expect(reader.selectedPanel()).not.toContainText('Ton')

  const starts = reader.text.getByRole('button', { name: /^Passage/ })
  await expect(starts).toHaveCount(2)
  await starts.nth(0).focus()
  await page.keyboard.press('Enter')
  await expect(reader.selectedPanel()).toContainText('Ton')
  await expect(starts.nth(0)).toBeFocused()
  await expect(starts.nth(0)).toHaveClass(/selected/)
  await page.keyboard.press('Tab')
  await expect(starts.nth(1)).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(reader.selectedPanel()).toContainText('Sources')
  await expect(starts.nth(1)).toHaveClass(/selected/)
  await expect(starts.nth(0)).not.toHaveClass(/selected/)

  // Undoing the second passage redraws the paragraph under the focused highlight: the focus and
  // the selection stay on the passage that remains.
  await starts.nth(0).focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+z')
  await expect(page.getByRole('status')).toContainText('Undone')
  await expect(reader.text.locator('mark.nested')).toHaveCount(0)
  await expect(starts).toHaveCount(1)
  await expect(starts.nth(0)).toBeFocused()
  await expect(starts.nth(0)).toHaveClass(/selected/)
  await expect(reader.selectedPanel()).toContainText('Ton')
})

test('keyboard only: from the text to a tagged passage', async ({ library, page }) => {
  const reader = await openArticle(library, ARTICLE)
  await reader.text.focus()
  // The caret starts at the top of the text; Ctrl+Shift+Right selects word by word.
  for (let i = 0; i < 1; i++) await page.keyboard.press('Control+Shift+ArrowRight')
  await expect
    .poll(() => page.evaluate(() => document.getSelection()?.toString().trim()))
    .toBe('WikiLeaks')
  await page.keyboard.press('t')
  const picker = reader.picker()
  await expect(picker.getByRole('textbox', { name: 'Find or create a tag' })).toBeFocused()
  await page.keyboard.type('Acteurs')
  await page.keyboard.press('Enter')
  await expect(picker.getByRole('checkbox', { name: 'Acteurs' })).toBeChecked()
  await page.keyboard.press('Control+Enter')
  await expect(picker).toBeHidden()
  await expect(
    reader.text.getByRole('button', { name: /Passage “WikiLeaks”, tags: Acteurs/ })
  ).toBeVisible()
})

test('deleting a passage is undone with Ctrl+Z and redone with Ctrl+Shift+Z', async ({
  library,
  page
}) => {
  const reader = await openArticle(library, ARTICLE)
  await reader.selectWithMouse('Julian Assange')
  await reader.tagSelection(['Acteurs'])
  await reader.selectedPanel().getByRole('button', { name: 'Delete passage' }).click()
  await expect(reader.highlight('Julian Assange')).toHaveCount(0)
  await page.locator('body').press('Control+z')
  await expect(page.getByRole('status')).toContainText('Undone: deleting a passage')
  await expect(reader.highlight('Julian Assange')).toHaveCount(1)
  await page.locator('body').press('Control+Shift+Z')
  await expect(reader.highlight('Julian Assange')).toHaveCount(0)
  await page.reload()
  await expect(reader.text).toBeVisible()
  await expect(reader.highlight('Julian Assange')).toHaveCount(0)
})

test('a corrected text is previewed, and the passages follow their words', async ({
  library,
  page
}) => {
  const reader = await openArticle(library, ARTICLE)
  await reader.selectWithMouse("ambassadeur d'Australie aux États-Unis")
  await reader.tagSelection(['Demandes'])
  await reader.selectWithMouse('Hillary Clinton, la candidate démocrate')
  await reader.tagSelection(['Acteurs'])

  await page.getByRole('button', { name: 'Correct the text…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Correct the text' })
  const box = dialog.getByRole('textbox', { name: 'Text of the article' })
  const text = await box.inputValue()
  await box.fill(
    text
      .replace(
        "Quand ce n'est pas le père",
        "Note de la rédaction : article mis à jour.\n\nQuand ce n'est pas le père"
      )
      .replace('Hillary Clinton, la candidate démocrate', 'la candidate démocrate')
  )
  await dialog.getByRole('button', { name: 'Preview the effect on passages' }).click()
  await expect(dialog.getByRole('status')).toContainText('0 passage(s) unchanged, 1 moved')
  await expect(dialog.getByRole('status')).toContainText('1 lost')
  await dialog.getByRole('button', { name: 'Replace the text' }).click()
  await expect(dialog).toBeHidden()
  await expect(reader.text).toContainText('Note de la rédaction')
  await expect(reader.highlight("ambassadeur d'Australie")).toHaveCount(1)
  const orphans = page.getByRole('region', { name: 'Passages that lost their text' })
  await expect(orphans).toContainText('Hillary Clinton, la candidate démocrate')

  // The lost passage is placed again by hand.
  await reader.selectWithMouse('la candidate démocrate')
  await orphans.getByRole('button', { name: 'Re-attach to the selection' }).click()
  await expect(orphans).toBeHidden()
  await expect(reader.highlight('la candidate démocrate')).toHaveCount(1)
})

test('a newer version of an imported file replaces its text after a preview, passages kept', async ({
  library,
  files,
  page
}) => {
  await library.importFiles([files.dropped])
  await library.closeReport()
  const reader = await openArticle(library, DROPPED_TITLE)
  await reader.selectWithMouse('déposée sur la fenêtre')
  await reader.tagSelection(['Dépôt'])

  await page.getByRole('link', { name: 'Library' }).first().click()
  await library.importFiles([files.droppedRevised])
  const report = library.reportDialog()
  await expect(report).toContainText(`A newer version of “${DROPPED_TITLE}”`)
  await report.getByRole('button', { name: 'Review and replace…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Replace the text with the newer version' })
  await expect(dialog.getByRole('status')).toContainText('1 moved')
  await dialog.getByRole('button', { name: 'Replace the text' }).click()
  await expect(dialog).toBeHidden()
  await expect(reader.text).toContainText('Mise à jour du lendemain.')
  await expect(reader.highlight('déposée sur la fenêtre')).toHaveCount(1)
})
