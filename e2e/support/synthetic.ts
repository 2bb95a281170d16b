// Seeds the app's IndexedDB with a synthetic archive (bench/synthetic/archive.ts) through the
// harness build's page (bench/web/bench-archive.html, `npm run build:harness`), before the test opens the app on the same origin.
import { expect, type Page } from '@playwright/test'
import type { SeedTiming } from '../../bench/web/bench-archive'

export type { SeedTiming }

export interface SeedOptions {
  seed?: number
  /** Articles per bulkPut transaction (default 2,000). */
  chunk?: number
  /** Delete the database first (default false: a fresh test profile has none). */
  reset?: boolean
  /**
   * Write the articles' texts (default true). Without them seeding is about twice as fast, for
   * tests of lists that show metadata only; an article then cannot be opened.
   */
  texts?: boolean
  /** How long seeding may take (default: 30 s plus 1 s per 1,000 articles). */
  timeout?: number
}

/**
 * Writes `count` synthetic articles (with the codebook, passages and links, and `sampleLoaded`
 * set) into the `liasse` database; resolves with the harness's timings. The page is left on the
 * harness: the test goes to `./` next.
 */
export async function seedSyntheticArchive(
  page: Page,
  count: number,
  options: SeedOptions = {}
): Promise<SeedTiming> {
  const query = new URLSearchParams({ count: String(count) })
  if (options.seed !== undefined) query.set('seed', String(options.seed))
  if (options.chunk !== undefined) query.set('chunk', String(options.chunk))
  if (options.reset) query.set('reset', '1')
  if (options.texts === false) query.set('texts', '0')
  await page.goto(`./bench-archive.html?${query}`)
  await expect(page.locator('body[data-seeded]')).toBeAttached({
    timeout: options.timeout ?? 30_000 + count
  })
  await expect(page.locator('body')).toHaveAttribute('data-seeded', 'true')
  return page.evaluate(() => window.liasseSeed!)
}
