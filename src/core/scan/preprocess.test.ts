import { createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { drawPage } from '../../../test/scan/make-page'
import { decodeWithCanvas } from '../../../test/scan/node-scan'
import {
  grain,
  movesToOriginal,
  median3,
  cropGray,
  findBorders,
  findSkew,
  prepareForOcr,
  rotateGray,
  sauvola,
  thresholdGray,
  otsuThreshold
} from './preprocess'
import { toGray } from './read-scan'
import type { Box, GrayImage } from './types'

const LINES = [
  'Le fils du candidat a reçu des messages privés pendant la campagne,',
  'et il a répondu à plusieurs reprises, selon les documents remis au',
  'Congrès par ses avocats au début du mois de novembre dernier.'
]

/** A page of text drawn with canvas, turned by `degrees` (clockwise) on white, as grey. */
async function skewedPage(degrees: number): Promise<GrayImage> {
  const page = drawPage({
    columns: [[LINES, LINES, LINES, LINES]],
    width: 1400,
    height: 1400,
    fontSize: 30
  })
  const image = await decodeWithCanvas(page.png)
  const source = createCanvas(image.width, image.height)
  const data = source.getContext('2d').createImageData(image.width, image.height)
  data.data.set(image.data)
  source.getContext('2d').putImageData(data, 0, 0)
  const turned = createCanvas(image.width, image.height)
  const g = turned.getContext('2d')
  g.fillStyle = '#fff'
  g.fillRect(0, 0, image.width, image.height)
  g.translate(image.width / 2, image.height / 2)
  g.rotate((degrees * Math.PI) / 180)
  g.drawImage(source, -image.width / 2, -image.height / 2)
  const { data: rgba } = g.getImageData(0, 0, image.width, image.height)
  return toGray({ width: image.width, height: image.height, data: rgba })
}

/** A white page with black squares where asked. */
function pageWith(width: number, height: number, squares: Box[], background = 255): GrayImage {
  const data = new Uint8Array(width * height).fill(background)
  for (const s of squares) {
    for (let y = s.y; y < s.y + s.h; y++) data.fill(0, y * width + s.x, y * width + s.x + s.w)
  }
  return { width, height, data }
}

/** The bounding box of the black (≤ 64) pixels of an image, inside `within` if given. */
function inkBox(image: GrayImage, within?: Box): Box {
  const area = within ?? { x: 0, y: 0, w: image.width, h: image.height }
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (let y = area.y; y < area.y + area.h; y++) {
    for (let x = area.x; x < area.x + area.w; x++) {
      if (image.data[y * image.width + x]! <= 64) {
        x0 = Math.min(x0, x)
        y0 = Math.min(y0, y)
        x1 = Math.max(x1, x + 1)
        y1 = Math.max(y1, y + 1)
      }
    }
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

describe('deskew', () => {
  it.each([3, -2.5, 0])('finds a page turned by %s° within 0.5°', async (degrees) => {
    const angle = findSkew(await skewedPage(degrees))
    expect(Math.abs(angle - degrees)).toBeLessThanOrEqual(0.5)
  })

  it('levels the page: the turned page, prepared, has level lines again', async () => {
    const prepared = prepareForOcr(await skewedPage(3), {
      borders: false,
      deskew: true,
      binarise: false
    })
    expect(Math.abs(findSkew(prepared.image))).toBeLessThanOrEqual(0.3)
    // The moves cross a worker boundary as data and undo the same way as the closure.
    expect(prepared.moves).toEqual([expect.objectContaining({ kind: 'rotate' })])
    const back = movesToOriginal(structuredClone(prepared.moves))
    const box = { x: 300, y: 400, w: 200, h: 30 }
    expect(back(box)).toEqual(prepared.toOriginal(box))
  })

  it('maps a box found on the levelled page back onto the page as it came', () => {
    const square: Box = { x: 700, y: 200, w: 40, h: 40 }
    const page = pageWith(1000, 800, [square])
    const turned = rotateGray(page, 4)
    // The square as it lies on the turned page, taken back: it covers the square where it was.
    const back = turned.toSource(inkBox(turned.image))
    expect(back.x).toBeGreaterThanOrEqual(square.x - 6)
    expect(back.y).toBeGreaterThanOrEqual(square.y - 6)
    expect(back.x).toBeLessThanOrEqual(square.x + 1)
    expect(back.y).toBeLessThanOrEqual(square.y + 1)
    expect(back.x + back.w).toBeGreaterThanOrEqual(square.x + square.w - 1)
    expect(back.x + back.w).toBeLessThanOrEqual(square.x + square.w + 6)
    expect(back.y + back.h).toBeLessThanOrEqual(square.y + square.h + 6)
  })
})

describe('binarisation', () => {
  // A grey page lit unevenly (paper from 230 on the left to 120 on the right) with dark strokes.
  const width = 600
  const height = 300
  const data = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const paper = 230 - (110 * x) / width
      const stroke = y % 30 < 4 && x % 50 < 30
      data[y * width + x] = stroke ? paper * 0.35 : paper + ((x * 7 + y * 13) % 11) - 5
    }
  }
  const page: GrayImage = { width, height, data }

  it.each(['otsu', 'sauvola'] as const)(
    '%s leaves only black and white, strokes black',
    (method) => {
      const image =
        method === 'otsu'
          ? prepareForOcr(page, { borders: false, deskew: false, binarise: 'otsu' }).image
          : prepareForOcr(page, { borders: false, deskew: false, binarise: 'sauvola' }).image
      expect(new Set(image.data)).toEqual(new Set([0, 255]))
      // A stroke on the bright side and one on the dark side are black.
      expect(image.data[1 * width + 10]).toBe(0)
      expect(image.data[1 * width + 560]).toBe(0)
    }
  )

  it('Sauvola keeps the dim paper white where one global threshold turns it black', () => {
    const global = thresholdGray(page, otsuThreshold(page.data))
    const local = sauvola(page)
    const paperRight = 15 * width + 590
    expect(local.data[paperRight]).toBe(255)
    // The global threshold falls between the two sides' papers: the dim side goes black.
    expect(global.data[paperRight]).toBe(0)
  })
})

describe('border removal', () => {
  it('crops dark scanner borders and maps boxes back by the crop offset', () => {
    const width = 1000
    const height = 1400
    const square: Box = { x: 400, y: 500, w: 30, h: 30 }
    const page = pageWith(width, height, [square])
    // A 60 px lid shadow down the left, 40 px along the top.
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) if (x < 60 || y < 40) page.data[y * width + x] = 30
    }
    const crop = findBorders(page)
    expect(crop.x).toBeGreaterThanOrEqual(60)
    expect(crop.y).toBeGreaterThanOrEqual(40)
    expect(crop.x).toBeLessThan(100)
    expect(crop.y).toBeLessThan(80)
    expect(crop.x + crop.w).toBe(width)
    expect(crop.y + crop.h).toBe(height)
    const prepared = prepareForOcr(page, { borders: true, deskew: false, binarise: false })
    expect(prepared.image.width).toBe(crop.w)
    expect(prepared.image.data.every((v) => v === 255 || v === 0)).toBe(true) // no border left
    const found = inkBox(prepared.image)
    expect(found).toEqual({ x: square.x - crop.x, y: square.y - crop.y, w: 30, h: 30 })
    expect(prepared.toOriginal(found)).toEqual(square)
  })

  it('leaves a page with no border whole, dark photographs included', () => {
    const page = pageWith(800, 1000, [{ x: 100, y: 300, w: 500, h: 250 }])
    expect(findBorders(page)).toEqual({ x: 0, y: 0, w: 800, h: 1000 })
    expect(cropGray(page, { x: 0, y: 0, w: 800, h: 1000 }).data).toEqual(page.data)
  })
})

describe('grain', () => {
  it('tells a grainy photocopy from a clean print, and the median smooths only the first', () => {
    const clean = pageWith(400, 300, [{ x: 50, y: 50, w: 200, h: 8 }], 215)
    let seed = 3
    const noisy: GrayImage = {
      ...clean,
      data: clean.data.map((v) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff
        // Uniform noise of ±60 (σ about 35), clamped.
        return Math.max(0, Math.min(255, v + (seed % 121) - 60))
      })
    }
    expect(grain(clean)).toBeLessThan(3)
    expect(grain(noisy)).toBeGreaterThanOrEqual(12)
    const smoothed = median3(noisy)
    expect(grain(smoothed)).toBeLessThan(grain(noisy) / 2)
    // The bar of ink is still there, as dark as it was.
    expect(smoothed.data[54 * 400 + 150]!).toBeLessThan(120)
    expect(prepareForOcr(clean).image.data).toEqual(clean.data)
  })
})
