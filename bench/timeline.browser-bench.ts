// The time axis with 5,000 events: main-thread work of one frame per zoom step (mouse wheel) and
// per pan step (drag), against the same steps on an empty axis (the baseline), in one browser.
//
// The harness page (bench/web/bench-timeline.html, in the harness build) mounts TimelineAxis
// alone with 5,000 deterministic events over 2014–2018 (day, timed, range, month and year
// precisions) whose source counts add up to 50,000 links: the links only matter to the axis as
// those counts, so none is created. `?n=0` is the empty baseline, with the same initial view.
//
// A step is timed in the page: inside a requestAnimationFrame callback (the start of a frame)
// the input event is dispatched, then a MessageChannel message is posted; it is delivered once
// the frame's work is done (Vue's re-render in the microtask, style, layout, paint), so the time
// from before the dispatch to the message is that frame's main-thread work, without the wait for
// the next vsync.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { median } from './harness'

const EVENTS = 5000
const ROUNDS = 3
/** Wheel notches in and then out: from 5 years down to hours and back. */
const ZOOM_STEPS = 34
/** Drag moves of 24 px, at a zoom where some 200 events are drawn one by one. */
const PAN_STEPS = 60
const TARGET_MS = 16

interface Samples {
  zoom: number[]
  pan: number[]
  drawn: number[]
}

async function open(page: Page, events: number): Promise<void> {
  await page.goto(`./bench-timeline.html?n=${events}`)
  await expect(page.locator('body[data-bench-ready="true"]')).toBeAttached({ timeout: 30_000 })
  await expect(page.locator('body')).toHaveAttribute('data-bench-events', String(events))
}

function run(page: Page): Promise<Samples> {
  return page.evaluate(
    async ({ zoomSteps, panSteps }) => {
      const stage = document.querySelector<HTMLElement>('.tl-stage')!
      const root = stage.closest<HTMLElement>('.tl')!
      const box = stage.getBoundingClientRect()
      const x = box.left + box.width * 0.55
      const y = box.top + 60
      /** Dispatches at the start of a frame; resolves with that frame's work in ms. */
      const frame = (dispatch: () => void): Promise<number> =>
        new Promise((resolve) =>
          requestAnimationFrame(() => {
            const start = performance.now()
            dispatch()
            const channel = new MessageChannel()
            channel.port1.onmessage = () => resolve(performance.now() - start)
            channel.port2.postMessage(null)
          })
        )
      const wheel = (deltaY: number) => () =>
        stage.dispatchEvent(
          new WheelEvent('wheel', {
            deltaY,
            deltaMode: 0,
            clientX: x,
            clientY: y,
            bubbles: true,
            cancelable: true
          })
        )
      const pointer = (type: string, clientX: number) => () =>
        stage.dispatchEvent(
          new PointerEvent(type, {
            pointerId: 1,
            isPrimary: true,
            button: 0,
            buttons: type === 'pointerup' ? 0 : 1,
            clientX,
            clientY: y,
            bubbles: true,
            cancelable: true
          })
        )
      const drawn = (): number => Number(root.dataset.items)
      const samples = { zoom: [] as number[], pan: [] as number[], drawn: [] as number[] }

      // Zoom in notch by notch (years → months → days → hours), then back out.
      for (let i = 0; i < zoomSteps; i++) {
        samples.zoom.push(await frame(wheel(-120)))
        samples.drawn.push(drawn())
      }
      for (let i = 0; i < zoomSteps; i++) {
        samples.zoom.push(await frame(wheel(120)))
        samples.drawn.push(drawn())
      }
      // To about two months in view, then drag to the right and back.
      for (let i = 0; i < 12; i++) await frame(wheel(-120))
      let clientX = x
      await frame(pointer('pointerdown', clientX))
      for (let i = 0; i < panSteps; i++) {
        clientX += i < panSteps / 2 ? 24 : -24
        samples.pan.push(await frame(pointer('pointermove', clientX)))
        samples.drawn.push(drawn())
      }
      await frame(pointer('pointerup', clientX))
      return samples
    },
    { zoomSteps: ZOOM_STEPS, panSteps: PAN_STEPS }
  )
}

const p95 = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0

test('time axis with 5,000 events: frame work of zoom and pan steps', async ({ page }) => {
  const full: Samples = { zoom: [], pan: [], drawn: [] }
  const empty: Samples = { zoom: [], pan: [], drawn: [] }
  // Warm-up, then alternate so that machine noise falls on both alike.
  await open(page, EVENTS)
  await run(page)
  for (let round = 0; round < ROUNDS; round++) {
    for (const [events, into] of [
      [EVENTS, full],
      [0, empty]
    ] as const) {
      await open(page, events)
      const samples = await run(page)
      into.zoom.push(...samples.zoom)
      into.pan.push(...samples.pan)
      into.drawn.push(...samples.drawn)
    }
  }
  const row = (name: string, key: 'zoom' | 'pan') => ({
    name: `${name}, ${EVENTS} events (50,000 links as source counts)`,
    baselineName: 'same steps, empty axis',
    medianMs: median(full[key]),
    baselineMedianMs: median(empty[key]),
    ratio: median(full[key]) / median(empty[key]),
    p95Ms: p95(full[key]),
    runs: full[key].length,
    targetMs: TARGET_MS
  })
  const rows = [
    row('zoom step (wheel, years to hours and back)', 'zoom'),
    row('pan step (drag, ~2 months in view)', 'pan')
  ]
  console.table(
    rows.map((r) => ({
      case: r.name,
      'median ms': r.medianMs.toFixed(2),
      'p95 ms': r.p95Ms.toFixed(2),
      baseline: r.baselineName,
      'baseline ms': r.baselineMedianMs.toFixed(2),
      ratio: r.ratio.toFixed(2),
      target: `< ${TARGET_MS} ms`,
      met: r.medianMs < TARGET_MS ? 'yes' : 'NO'
    }))
  )
  writeFileSync(
    join(import.meta.dirname, 'report-timeline.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        drawnItems: { median: median(full.drawn), max: Math.max(...full.drawn) },
        rows
      },
      null,
      2
    )
  )
  expect(Math.max(...full.drawn)).toBeGreaterThan(50)
  for (const r of rows) expect(r.medianMs).toBeGreaterThan(0)
})
