// The codebook: tags created, renamed and merged, passages following them, and undo.
import { test, expect } from '../support/fixtures'
import { ReaderPage } from '../support/reader-page'

test('renaming and merging tags carries their passages along, and undo restores', async ({
  library,
  page
}) => {
  await library.articleLink(/Des échanges secrets/).click()
  const reader = new ReaderPage(page)
  await reader.selectWithMouse('Donald Trump Junior a publié ses échanges avec Wikileaks')
  await reader.tagSelection(['Publication'])
  await reader.selectWithMouse('le groupe militant cherchait à donner des informations')
  await reader.tagSelection(['Intentions'])

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Codebook' })
    .click()
  await expect(page.getByRole('heading', { name: 'Codebook', level: 1 })).toBeVisible()
  const list = page.getByRole('list', { name: 'Tags' })
  await expect(list.getByRole('listitem')).toHaveCount(2)

  // Rename.
  await page.getByRole('button', { name: /Rename \/ Move — Publication/ }).click()
  const edit = page.getByRole('dialog', { name: 'Rename “Publication”' })
  await edit.getByRole('textbox', { name: 'Name' }).fill('Diffusion des messages')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(list).toContainText('Diffusion des messages')

  // A duplicate name is refused with a clear message.
  await page.getByRole('button', { name: 'New tag' }).click()
  const create = page.getByRole('dialog', { name: 'New tag' })
  await create.getByRole('textbox', { name: 'Name' }).fill('intentions')
  await create.getByRole('button', { name: 'Create tag' }).click()
  await expect(create.getByRole('alert')).toHaveText(
    'A tag with this name already exists at this level.'
  )
  await create.getByRole('button', { name: 'Cancel' }).click()

  // Merge "Intentions" into the renamed tag: both passages now carry it.
  await page.getByRole('button', { name: /Merge into… — Intentions/ }).click()
  const merge = page.getByRole('dialog', { name: 'Merge “Intentions” into another tag' })
  await merge
    .getByRole('combobox', { name: 'Merge into' })
    .selectOption({ label: 'Diffusion des messages' })
  await merge.getByRole('button', { name: 'Merge into…' }).click()
  await expect(list.getByRole('listitem')).toHaveCount(1)
  await expect(list.getByRole('listitem')).toContainText('2 passages')

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Passages' })
    .click()
  await expect(page.getByText('2 passages')).toBeVisible()
  await expect(
    page.getByRole('list', { name: 'Tags' }).filter({ hasText: 'Diffusion des messages' })
  ).toHaveCount(2)

  // Undo the merge: "Intentions" comes back with its passage.
  await page.locator('body').press('Control+z')
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Codebook' })
    .click()
  await expect(list.getByRole('listitem')).toHaveCount(2)
  await expect(list.getByRole('listitem').filter({ hasText: 'Intentions' })).toContainText(
    '1 passage'
  )
})

test('activating a passage in the passages view opens the article at that passage', async ({
  library,
  page
}) => {
  await library.articleLink(/Des échanges secrets/).click()
  const reader = new ReaderPage(page)
  await reader.selectWithMouse('mes 3 réponses spectaculaires')
  await reader.tagSelection(['Citations'], 'Ironie de Trump Jr')
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Passages' })
    .click()
  await page.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'Citations' })
  await expect(page.getByText('One passage')).toBeVisible()
  await expect(page.locator('.passage-card blockquote')).toContainText(
    'ce qu\'il a désigné comme "mes 3 réponses spectaculaires"'
  )
  await expect(page.locator('.passage-card')).toContainText('Ironie de Trump Jr')
  await page.getByRole('link', { name: 'Open in the article' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Des échanges secrets')
  await expect(
    reader.text.getByRole('button', { name: /mes 3 réponses spectaculaires/ })
  ).toBeFocused()
  await expect(reader.selectedPanel()).toContainText('Ironie de Trump Jr')
})
