// Accepting suggested events as a user does: from the Suggestions page, the first one each time.
import { expect, type Page } from '@playwright/test'

/** Accepts the first suggestion `count` times; each opens its new event's page. */
export async function acceptFirstSuggestions(page: Page, count: number): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (let i = 0; i < count; i++) {
    await nav.getByRole('link', { name: 'Suggestions' }).click()
    await page.getByRole('article').first().getByRole('button', { name: 'Accept' }).click()
    await expect(page.getByRole('link', { name: 'Back to the timeline' })).toBeVisible()
  }
}
