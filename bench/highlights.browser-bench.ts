// Opening a 100 KB article with 1,000 highlights, until all are painted, against the same article
// with none (the baseline), measured alternately in one browser; medians and ratio reported.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { median } from './harness'

const RUNS = 15
const HIGHLIGHTS = 1000

function bigText(): string {
  const dir = join(import.meta.dirname, '..', 'resources', 'sample')
  const samples = readdirSync(dir)
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'))
  const parts: string[] = []
  for (let copy = 1; parts.join('\n\n').length < 100_000; copy++) {
    for (const sample of samples) parts.push(`Copie ${copy}.\n\n${sample}`)
  }
  return parts.join('\n\n').slice(0, 100_000)
}

async function pasteArticle(page: Page, title: string, text: string): Promise<string> {
  await page.getByRole('button', { name: 'Paste text…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paste text as an article' })
  await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill(title)
  await dialog.getByRole('textbox', { name: 'Text' }).fill(text)
  await dialog.getByRole('button', { name: 'Import text' }).click()
  const report = page.getByRole('dialog', { name: 'Import report' })
  await report.getByRole('link', { name: title }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  return decodeURIComponent(page.url().split('/article/')[1]!.split('?')[0]!)
}

/** Writes passages straight into the archive's IndexedDB, spread over the whole text. */
async function seedPassages(page: Page, articleId: string, count: number): Promise<void> {
  await page.evaluate(
    async ({ articleId, count }) => {
      const open = indexedDB.open('liasse')
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const read = <T>(store: string, key: string): Promise<T> =>
        new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).get(key)
          request.onsuccess = () => resolve(request.result as T)
          request.onerror = () => reject(request.error)
        })
      const article = await read<{ sha256: string }>('articles', articleId)
      const { text } = await read<{ text: string }>('articleTexts', articleId)
      const tx = db.transaction('passages', 'readwrite')
      const step = Math.floor(text.length / count)
      for (let i = 0; i < count; i++) {
        // Every fifth passage overlaps the next one, as real coding does.
        const start = i * step
        const end = Math.min(text.length, start + (i % 5 === 0 ? step + 30 : 40))
        const stamp = new Date().toISOString()
        tx.objectStore('passages').put({
          id: `bench-${i}`,
          createdAt: stamp,
          updatedAt: stamp,
          author: '',
          articleId,
          tagIds: [],
          note: '',
          quote: {
            type: 'TextQuoteSelector',
            exact: text.slice(start, end),
            prefix: text.slice(Math.max(0, start - 32), start),
            suffix: text.slice(end, end + 32)
          },
          position: { type: 'TextPositionSelector', start, end },
          anchor: { status: 'exact', start, end, score: 1, textSha256: article.sha256 }
        })
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve
        tx.onerror = () => reject(tx.error)
      })
      db.close()
    },
    { articleId, count }
  )
}

/** From the route change to the frame after the last highlight is in the page. */
async function timeOpen(page: Page, articleId: string, expected: number): Promise<number> {
  // Back to the library inside the running app, as a user would before opening the article.
  await page.evaluate(() => (location.hash = '#/'))
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible()
  return page.evaluate(
    ({ articleId, expected }) =>
      new Promise<number>((resolve) => {
        const start = performance.now()
        location.hash = `#/article/${articleId}`
        const check = (): void => {
          const paragraphs = document.querySelectorAll('[data-start]').length
          // Every passage begins in exactly one mark, which lists it in data-starts.
          const ids = new Set<string>()
          for (const mark of document.querySelectorAll('mark[data-starts]')) {
            for (const id of mark.getAttribute('data-starts')!.split(' ')) ids.add(id)
          }
          if (paragraphs > 0 && ids.size >= expected) {
            // The next frame is the one that paints them.
            requestAnimationFrame(() => resolve(performance.now() - start))
          } else requestAnimationFrame(check)
        }
        check()
      }),
    { articleId, expected }
  )
}

test('1,000 highlights on a 100 KB article: time to paint', async ({ page }) => {
  await page.goto('./')
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })
  const text = bigText()
  const withHighlights = await pasteArticle(page, 'Bench avec surlignages', text)
  await page.getByRole('link', { name: 'Back to the library' }).click()
  const plain = await pasteArticle(page, 'Bench sans surlignage', `${text}\n\nFin.`)
  await seedPassages(page, withHighlights, HIGHLIGHTS)
  // The app reads passages when it starts: start it again on the seeded archive.
  await page.reload()

  // Warm-up, then alternate so that machine noise falls on both alike.
  await timeOpen(page, withHighlights, HIGHLIGHTS)
  await timeOpen(page, plain, 0)
  const withSamples: number[] = []
  const plainSamples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    withSamples.push(await timeOpen(page, withHighlights, HIGHLIGHTS))
    plainSamples.push(await timeOpen(page, plain, 0))
  }
  const row = {
    name: `open 100 KB article with ${HIGHLIGHTS} highlights, all painted`,
    baselineName: 'same article, no highlight',
    medianMs: median(withSamples),
    baselineMedianMs: median(plainSamples),
    ratio: median(withSamples) / median(plainSamples),
    runs: RUNS,
    targetMs: 200
  }
  console.table([
    {
      case: row.name,
      'median ms': row.medianMs.toFixed(1),
      baseline: row.baselineName,
      'baseline ms': row.baselineMedianMs.toFixed(1),
      ratio: row.ratio.toFixed(2),
      target: '< 200 ms'
    }
  ])
  writeFileSync(
    join(import.meta.dirname, 'report-browser.json'),
    JSON.stringify({ date: new Date().toISOString(), rows: [row] }, null, 2)
  )
  expect(row.medianMs).toBeGreaterThan(0)
})
