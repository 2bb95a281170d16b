// Page object of the library and the import actions, found by role and accessible name.
import { expect, type Locator, type Page } from '@playwright/test'

export class LibraryPage {
  readonly heading: Locator
  readonly filter: Locator
  readonly table: Locator
  readonly importButton: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Library', level: 1 })
    this.filter = page.getByRole('searchbox', { name: 'Filter articles' })
    this.table = page.getByRole('table')
    this.importButton = page.getByRole('button', { name: 'Import files…' })
  }

  async open(): Promise<void> {
    await this.page.goto('./')
    await expect(this.page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })
    await expect(this.heading).toBeVisible()
  }

  /** Body rows of the article table. */
  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') })
  }

  articleLink(title: string | RegExp): Locator {
    return this.table.getByRole('link', { name: title })
  }

  async importFiles(paths: string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await this.importButton.click()
    await (await chooser).setFiles(paths)
  }

  reportDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import report' })
  }

  async closeReport(): Promise<void> {
    await this.reportDialog().getByRole('button', { name: 'Close' }).click()
    await expect(this.reportDialog()).toBeHidden()
  }
}
