// The codebook: tags created, renamed and merged, passages following them, and undo; a codebook of
// 307 codes merged from a REFI-QDA project, filtered and folded.
import { writeFileSync } from 'node:fs'
import { strToU8, zipSync } from 'fflate'
import type { Page } from '@playwright/test'
import { test, expect } from '../support/fixtures'
import { seriousViolations } from '../support/axe'
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

/**
 * A REFI-QDA project holding only a codebook of 307 codes, as a MAXQDA export brings: 20 themes of
 * 14 codes each, one theme ("Économie") with accented names and a third level.
 */
function codebookProject(): Uint8Array {
  let next = 0
  const code = (name: string, inner = ''): string => {
    next += 1
    const guid = `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`
    return `<Code guid="{${guid}}" name="${name}" isCodable="true">${inner}</Code>`
  }
  const themes = Array.from({ length: 19 }, (_, i) => {
    const theme = `Thème ${String(i + 1).padStart(2, '0')}`
    const codes = Array.from({ length: 14 }, (_, j) => code(`${theme} · code ${j + 1}`))
    return code(theme, codes.join(''))
  })
  const economy = code(
    'Économie',
    [
      code('Chômage des jeunes', code('Régions rurales') + code('Banlieues')),
      code('Inflation', code('Prix de l’énergie') + code('Loyers')),
      code(
        'Dette publique',
        code('Collectivités locales') + code('État') + code('Sécurité sociale')
      ),
      ...Array.from({ length: 11 }, (_, j) => code(`Secteur ${j + 1}`))
    ].join('')
  )
  const xml =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<Project xmlns="urn:QDA-XML:project:1.0" name="Projet MAXQDA">' +
    `<CodeBook><Codes>${themes.join('')}${economy}</Codes></CodeBook></Project>`
  expect(next).toBe(307)
  return zipSync({ 'project.qde': strToU8(xml) })
}

async function mergeProject(page: Page, path: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('link', { name: 'Dossiers' }).click()
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import a bundle or annotations…' }).click()
  await (await chooser).setFiles(path)
  const dialog = page.getByRole('dialog', { name: 'Merge codes.qdpx into this archive' })
  await dialog.getByRole('button', { name: 'Merge' }).click()
  await expect(page.getByText(/^Merged codes\.qdpx/)).toBeVisible()
  await nav.getByRole('link', { name: 'Codebook' }).click()
}

test('a codebook of 307 codes is filtered without case or accents, and its branches fold', async ({
  library,
  page
}, testInfo) => {
  await expect(library.heading).toBeVisible()
  const path = testInfo.outputPath('codes.qdpx')
  writeFileSync(path, codebookProject())
  await mergeProject(page, path)

  const list = page.getByRole('list', { name: 'Tags' })
  const tags = list.getByRole('listitem')
  await expect(tags).toHaveCount(307)
  const filter = page.getByRole('searchbox', { name: 'Filter tags' })

  // No accent, no capital: the match shows under its theme.
  await filter.fill('chomage')
  await expect(page.getByRole('status').filter({ hasText: '1 tag of 307 matches' })).toBeVisible()
  await expect(tags).toHaveText([/^Économie/, /^Chômage des jeunes/])
  // A third-level match keeps both its ancestors.
  await filter.fill('REGIONS')
  await expect(tags).toHaveText([/^Économie/, /^Chômage des jeunes/, /^Régions rurales/])
  // Every word counts, in any order.
  await filter.fill('SECTEUR')
  await expect(page.getByRole('status').filter({ hasText: '11 tags of 307 match' })).toBeVisible()
  await expect(tags).toHaveCount(12)
  await filter.fill('1 secteur')
  await expect(tags).toHaveText([/^Économie/, /^Secteur 1(?!\d)/, /^Secteur 10/, /^Secteur 11/])
  await filter.fill('nulle part')
  await expect(page.getByText('No tag matches “nulle part”.')).toBeVisible()
  await filter.fill('')
  await expect(tags).toHaveCount(307)

  // Collapse all: the 20 themes remain, each with its closed disclosure.
  await page.getByRole('button', { name: 'Collapse all' }).click()
  await expect(tags).toHaveCount(20)
  const economy = list.getByRole('button', { name: 'Sub-tags of Économie' })
  await expect(economy).toHaveAttribute('aria-expanded', 'false')

  // The keyboard opens a branch and closes it again.
  await economy.focus()
  await page.keyboard.press('Enter')
  await expect(economy).toHaveAttribute('aria-expanded', 'true')
  await expect(tags).toHaveCount(34)
  const unemployment = list.getByRole('button', { name: 'Sub-tags of Chômage des jeunes' })
  await expect(unemployment).toHaveAttribute('aria-expanded', 'false')
  await unemployment.focus()
  await page.keyboard.press('Space')
  await expect(tags).toHaveCount(36)
  await economy.focus()
  await page.keyboard.press('Space')
  await expect(economy).toHaveAttribute('aria-expanded', 'false')
  await expect(tags).toHaveCount(20)

  // A filter opens the folded branches that hold a match.
  await filter.fill('energie')
  await expect(tags).toHaveText([/^Économie/, /^Inflation/, /^Prix de l’énergie/])
  await page.screenshot({ path: testInfo.outputPath('codebook-filtered.png') })
  expect(await seriousViolations(page)).toEqual([])
  await filter.fill('')
  await page.getByRole('button', { name: 'Expand all' }).click()
  await expect(tags).toHaveCount(307)
})
