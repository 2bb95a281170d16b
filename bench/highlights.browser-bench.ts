// The reader on a 100 KB article with 1,000 highlights, against the same article with none (the
// baseline): the open until all are in the page and painted, and the frames while scrolling it from
// top to bottom. Each is measured as the app is (paragraphs far from the viewport skipped, with
// `content-visibility: auto`) and with every paragraph drawn (the reader before that change), all
// alternated in one browser; medians, p95 and ratios reported.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { pasteArticle, seedPassages } from '../e2e/support/long-article'
import { median, percentile } from './harness'

const RUNS = 15
const SCROLL_RUNS = 3
/** Pixels scrolled per frame: a quick, steady scroll (a mouse wheel notch is about 100 px). */
const SCROLL_STEP = 100
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

/**
 * Passages spread over the whole text, every fifth overlapping the next one as real coding does;
 * kept within 98 % of the pasted text, which the import may shorten a little (normalization).
 */
function spreadSpans(textLength: number, count: number): { start: number; end: number }[] {
  const step = Math.floor((textLength * 0.98) / count)
  return Array.from({ length: count }, (_, i) => {
    const start = i * step
    return { start, end: start + (i % 5 === 0 ? step + 30 : 40) }
  })
}

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

/** Every paragraph drawn, as the reader was before `content-visibility: auto`. */
async function drawEverything(page: Page, on: boolean): Promise<void> {
  await page.evaluate((on) => {
    document.getElementById('bench-draw-all')?.remove()
    if (!on) return
    const style = document.createElement('style')
    style.id = 'bench-draw-all'
    style.textContent =
      '.reader-group, .reader-text p { content-visibility: visible !important; contain-intrinsic-size: none !important; }'
    document.head.append(style)
  }, on)
}

interface ScrollFrames {
  /** Time between frames (requestAnimationFrame deltas): 16.7 ms at 60 Hz when none is dropped. */
  deltas: number[]
  /** Main-thread work of each frame: from its animation callback to the task after its rendering. */
  work: number[]
}

/** Scrolls the open article from top to bottom, SCROLL_STEP pixels a frame, timing every frame. */
async function timeScroll(page: Page): Promise<ScrollFrames> {
  return page.evaluate(
    (step) =>
      new Promise<ScrollFrames>((resolve) => {
        const deltas: number[] = []
        const work: number[] = []
        const channel = new MessageChannel()
        let frameStart = 0
        // A message posted from the animation callback runs once the frame's style, layout and
        // paint are done: the main thread's share of the frame.
        channel.port1.onmessage = () => work.push(performance.now() - frameStart)
        window.scrollTo({ top: 0, behavior: 'instant' })
        let last: number | null = null
        let frames = 0
        const tick = (now: number): void => {
          if (last !== null) deltas.push(now - last)
          last = now
          const bottom = document.documentElement.scrollHeight - window.innerHeight
          if (window.scrollY >= bottom - 1 || frames++ > 5000) {
            channel.port1.close()
            resolve({ deltas, work })
            return
          }
          frameStart = performance.now()
          window.scrollBy({ top: step, behavior: 'instant' })
          channel.port2.postMessage(0)
          requestAnimationFrame(tick)
        }
        // Two frames to settle after the scroll back to the top.
        requestAnimationFrame(() => requestAnimationFrame(tick))
      }),
    SCROLL_STEP
  )
}

type Variant = 'skipped' | 'drawn'
const VARIANTS: Record<Variant, string> = {
  skipped: 'far paragraphs skipped (content-visibility: auto)',
  drawn: 'every paragraph drawn (before)'
}

test('1,000 highlights on a 100 KB article: time to paint, and scroll frames', async ({ page }) => {
  await page.goto('./')
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })
  const text = bigText()
  const withHighlights = await pasteArticle(page, 'Bench avec surlignages', text)
  await page.getByRole('link', { name: 'Back to the library' }).click()
  const plain = await pasteArticle(page, 'Bench sans surlignage', `${text}\n\nFin.`)
  await seedPassages(page, withHighlights, spreadSpans(text.length, HIGHLIGHTS))
  // The app reads passages when it starts: start it again on the seeded archive.
  await page.reload()
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })

  // Warm-up, then alternate so that machine noise falls on every case alike.
  const open: Record<Variant, { with: number[]; plain: number[] }> = {
    skipped: { with: [], plain: [] },
    drawn: { with: [], plain: [] }
  }
  for (const variant of ['skipped', 'drawn'] as const) {
    await drawEverything(page, variant === 'drawn')
    await timeOpen(page, withHighlights, HIGHLIGHTS)
    await timeOpen(page, plain, 0)
  }
  for (let i = 0; i < RUNS; i++) {
    for (const variant of ['skipped', 'drawn'] as const) {
      await drawEverything(page, variant === 'drawn')
      open[variant].with.push(await timeOpen(page, withHighlights, HIGHLIGHTS))
      open[variant].plain.push(await timeOpen(page, plain, 0))
    }
  }

  const scroll: Record<Variant, { with: ScrollFrames[]; plain: ScrollFrames[] }> = {
    skipped: { with: [], plain: [] },
    drawn: { with: [], plain: [] }
  }
  for (let i = 0; i < SCROLL_RUNS; i++) {
    for (const variant of ['skipped', 'drawn'] as const) {
      await drawEverything(page, variant === 'drawn')
      for (const [key, id, expected] of [
        ['with', withHighlights, HIGHLIGHTS],
        ['plain', plain, 0]
      ] as const) {
        await timeOpen(page, id, expected)
        await page.waitForTimeout(300)
        scroll[variant][key].push(await timeScroll(page))
      }
    }
  }
  await drawEverything(page, false)

  interface Row {
    name: string
    baselineName: string
    medianMs: number
    baselineMedianMs: number
    /** Scroll frames only: 95th percentiles, and the worst frame. */
    p95Ms?: number
    baselineP95Ms?: number
    maxMs?: number
    frames?: number
    ratio: number
    runs: number
    targetMs: number
  }
  const rows: Row[] = []
  for (const variant of ['skipped', 'drawn'] as const) {
    const o = open[variant]
    rows.push({
      name: `open 100 KB article with ${HIGHLIGHTS} highlights, all painted; ${VARIANTS[variant]}`,
      baselineName: 'same article, no highlight',
      medianMs: median(o.with),
      baselineMedianMs: median(o.plain),
      ratio: median(o.with) / median(o.plain),
      runs: RUNS,
      targetMs: 200
    })
  }
  for (const variant of ['skipped', 'drawn'] as const) {
    for (const measure of ['deltas', 'work'] as const) {
      const withFrames = scroll[variant].with.flatMap((run) => run[measure])
      const plainFrames = scroll[variant].plain.flatMap((run) => run[measure])
      rows.push({
        name: `scroll the ${HIGHLIGHTS}-highlight article top to bottom, ${SCROLL_STEP} px a frame, p95 ${measure === 'deltas' ? 'frame interval (rAF delta)' : 'main-thread frame work'}; ${VARIANTS[variant]}`,
        baselineName: 'same article, no highlight',
        p95Ms: percentile(withFrames, 95),
        baselineP95Ms: percentile(plainFrames, 95),
        medianMs: median(withFrames),
        baselineMedianMs: median(plainFrames),
        maxMs: Math.max(...withFrames),
        ratio: percentile(withFrames, 95) / percentile(plainFrames, 95),
        frames: withFrames.length,
        runs: SCROLL_RUNS,
        targetMs: 16
      })
    }
  }
  console.table(
    rows.map((row) => ({
      case: row.name,
      'median ms': row.medianMs.toFixed(1),
      'p95 ms': row.p95Ms?.toFixed(1) ?? '',
      'baseline median': row.baselineMedianMs.toFixed(1),
      'baseline p95': row.baselineP95Ms?.toFixed(1) ?? '',
      ratio: row.ratio.toFixed(2),
      target: `< ${row.targetMs} ms`
    }))
  )
  writeFileSync(
    join(import.meta.dirname, 'report-browser.json'),
    JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)
  )
  expect(rows[0]!.medianMs).toBeGreaterThan(0)
})
