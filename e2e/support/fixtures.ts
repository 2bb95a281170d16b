// Playwright fixtures: a fresh browser profile per test (Playwright's default context), the app
// opened and ready, and the files to import written once per worker.
import { test as base, expect, type Page } from '@playwright/test'
import { LibraryPage } from './library-page'
import { writeFixtureFiles, type FixtureFiles } from './files'

export const test = base.extend<{ library: LibraryPage }, { files: FixtureFiles }>({
  files: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
    async ({}, use, workerInfo) => {
      await use(
        await writeFixtureFiles(workerInfo.project.outputDir + `/files-${workerInfo.workerIndex}`)
      )
    },
    { scope: 'worker' }
  ],
  library: async ({ page }, use) => {
    const library = new LibraryPage(page)
    await library.open()
    await use(library)
  }
})

export async function appReady(page: Page): Promise<void> {
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })
}

export { expect }
