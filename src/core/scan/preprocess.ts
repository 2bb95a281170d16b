// Cleaning a page before recognition. Each step is kept only where the OCR bench shows it lowers
// the error rates (bench/ocr.bench.ts); a step that moves the page (deskew, a crop) gives the way
// back, so that word boxes land on the stored image, which is the page as it came.
//
// Kept: deskew, and a median on grainy pages. Measured by bench/ocr.bench.ts (French page of each
// class, tesseract.js fra+eng with automatic page segmentation, CER / WER; bench/report.md, "OCR"):
// - deskew: skew page 0.26 % → 0.05 % CER (1.58 % → 0.32 % WER), phone photograph 6.85 % → 0.00 %
//   (8.12 % → 0 %); clean, 150 dpi, JPEG, border, columns and caption pages unchanged; ~100 to
//   200 ms a page, with the load. Kept.
// - border removal: photograph 6.85 % → 4.45 % alone, but with deskew 0.00 %, as deskew alone;
//   the scanner-border page is read perfectly without it (Tesseract ignores the dark band). No
//   measurable help: not kept.
// - Otsu here: worse or equal everywhere (skew 0.26 → 0.31 %, JPEG 0.00 → 0.09 %, caption 0.07 →
//   0.37 %): Tesseract already binarises with Otsu, after its own analysis of the grey page. Not
//   kept.
// - Sauvola: equal or worse (photograph WER 8.12 → 12.01 %, skew 0.26 → 0.42 %). Not kept.
// - None of these helps the heavily noisy page (Gaussian noise σ 35 on grey paper): 100 % CER with
//   every one, as with the Tesseract CLI (Tesseract finds no text region in the grain).
// - denoise, a 3 × 3 median: on every page it rescues the noisy page (100 % → 0.40 %) but blurs
//   the rest (photograph 6.85 → 12.32 %, 150 dpi 0.10 → 0.46 %); so it runs on grainy pages only
//   (`grain` ≥ 12: the noisy pages measure 19 and 20, every other class 0 to 4): noisy page
//   100 % → 0.40 % CER (French), 100 % → 0 % (English); the other classes untouched, since the
//   step does not run on them. Kept, as `auto`.
import type { Box, GrayImage } from './types'

/**
 * How a page was moved before recognition, as data (it crosses from the worker that prepares the
 * page): a crop (`box` in the page before it), or a turn by `degrees` of a page of `width` ×
 * `height`. `movesToOriginal` undoes them.
 */
export type PageMove =
  { kind: 'crop'; box: Box } | { kind: 'rotate'; degrees: number; width: number; height: number }

export interface PreparedPage {
  image: GrayImage
  /** The moves made, in order. */
  moves: PageMove[]
  /** A box found on `image`, in the original page's pixels. */
  toOriginal(box: Box): Box
}

/** A box found on a page after `moves`, in the pixels of the page before them. */
export function movesToOriginal(moves: readonly PageMove[]): (box: Box) => Box {
  const back = moves.map((move): ((box: Box) => Box) =>
    move.kind === 'crop'
      ? (box) => ({ ...box, x: box.x + move.box.x, y: box.y + move.box.y })
      : (box) => rotatedToSource(box, move.degrees, move.width, move.height)
  )
  // The last move's page is the one boxes are found on: undo the moves from the last.
  return (box) => back.reduceRight((b, undo) => undo(b), box)
}

export interface PrepareSteps {
  /** Crop dark scanner borders (a lid's shadow, a desk around a photographed page). */
  borders: boolean
  /** Find the text lines' angle and turn the page level. */
  deskew: boolean
  /** Turn the page black and white here rather than leave it to Tesseract's own Otsu. */
  binarise: false | 'otsu' | 'sauvola'
  /** A 3 × 3 median on grainy pages (`auto`: only where the grain is measured to be heavy). */
  denoise?: boolean | 'auto'
}

export const KEPT_STEPS: PrepareSteps = {
  borders: false,
  deskew: true,
  binarise: false,
  denoise: 'auto'
}

export function prepareForOcr(page: GrayImage, steps: PrepareSteps = KEPT_STEPS): PreparedPage {
  let image = page
  const moves: PageMove[] = []
  if (steps.borders) {
    const crop = findBorders(image)
    if (crop.w < image.width || crop.h < image.height) {
      image = cropGray(image, crop)
      moves.push({ kind: 'crop', box: crop })
    }
  }
  if (steps.denoise === true || (steps.denoise === 'auto' && grain(image) >= GRAINY)) {
    image = median3(image)
  }
  if (steps.deskew) {
    const angle = findSkew(image)
    if (Math.abs(angle) >= MIN_SKEW) {
      moves.push({ kind: 'rotate', degrees: -angle, width: image.width, height: image.height })
      image = rotateGray(image, -angle).image
    }
  }
  if (steps.binarise === 'otsu') image = thresholdGray(image, otsuThreshold(image.data))
  else if (steps.binarise === 'sauvola') image = sauvola(image)
  return { image, moves, toOriginal: movesToOriginal(moves) }
}

// ---------------------------------------------------------------------------------------------
// A small copy of the page, for the analyses (skew, borders): each pixel the mean of a block.

/** The analyses look at a copy whose longest side is about this. */
const ANALYSIS_SIDE = 1000

interface Small extends GrayImage {
  /** Original pixels per small pixel. */
  factor: number
}

function downscale(image: GrayImage, side = ANALYSIS_SIDE): Small {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / side))
  const width = Math.max(1, Math.floor(image.width / factor))
  const height = Math.max(1, Math.floor(image.height / factor))
  const sums = new Uint32Array(width * height)
  for (let y = 0; y < height * factor; y++) {
    const row = y * image.width
    const out = Math.floor(y / factor) * width
    for (let x = 0; x < width * factor; x++)
      sums[out + Math.floor(x / factor)]! += image.data[row + x]!
  }
  const data = new Uint8Array(width * height)
  const area = factor * factor
  for (let i = 0; i < data.length; i++) data[i] = Math.round(sums[i]! / area)
  return { width, height, data, factor }
}

// ---------------------------------------------------------------------------------------------
// Binarisation.

/** Otsu's threshold: the grey level that best separates the histogram into two classes. */
export function otsuThreshold(data: Uint8Array): number {
  const histogram = new Float64Array(256)
  for (let i = 0; i < data.length; i++) histogram[data[i]!]!++
  const total = data.length
  let sumAll = 0
  for (let v = 0; v < 256; v++) sumAll += v * histogram[v]!
  let below = 0
  let sumBelow = 0
  let best = 0
  let threshold = 127
  for (let v = 0; v < 256; v++) {
    below += histogram[v]!
    if (below === 0) continue
    const above = total - below
    if (above === 0) break
    sumBelow += v * histogram[v]!
    const meanBelow = sumBelow / below
    const meanAbove = (sumAll - sumBelow) / above
    const between = below * above * (meanBelow - meanAbove) ** 2
    if (between > best) {
      best = between
      threshold = v
    }
  }
  return threshold
}

/** Pixels at or below `threshold` become black (0), the others white (255). */
export function thresholdGray(image: GrayImage, threshold: number): GrayImage {
  const data = new Uint8Array(image.data.length)
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! <= threshold ? 0 : 255
  return { width: image.width, height: image.height, data }
}

/**
 * Sauvola's local threshold, T = m (1 + k (s / R − 1)) over a window about a text line high
 * (m, s: the window's mean and deviation), from integral images: uneven light and a grey paper
 * get a threshold of their own in each place, where one global threshold fails.
 */
export function sauvola(
  image: GrayImage,
  k = 0.3,
  window = Math.max(15, Math.round(image.width / 60))
): GrayImage {
  const { width, height } = image
  const w1 = width + 1
  const sum = new Float64Array(w1 * (height + 1))
  const squares = new Float64Array(w1 * (height + 1))
  for (let y = 0; y < height; y++) {
    let rowSum = 0
    let rowSquares = 0
    for (let x = 0; x < width; x++) {
      const v = image.data[y * width + x]!
      rowSum += v
      rowSquares += v * v
      sum[(y + 1) * w1 + x + 1] = sum[y * w1 + x + 1]! + rowSum
      squares[(y + 1) * w1 + x + 1] = squares[y * w1 + x + 1]! + rowSquares
    }
  }
  const half = window >> 1
  const data = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - half)
    const y1 = Math.min(height, y + half + 1)
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - half)
      const x1 = Math.min(width, x + half + 1)
      const n = (x1 - x0) * (y1 - y0)
      const s = sum[y1 * w1 + x1]! - sum[y0 * w1 + x1]! - sum[y1 * w1 + x0]! + sum[y0 * w1 + x0]!
      const q =
        squares[y1 * w1 + x1]! -
        squares[y0 * w1 + x1]! -
        squares[y1 * w1 + x0]! +
        squares[y0 * w1 + x0]!
      const mean = s / n
      const deviation = Math.sqrt(Math.max(0, q / n - mean * mean))
      const threshold = mean * (1 + k * (deviation / 128 - 1))
      data[y * width + x] = image.data[y * width + x]! <= threshold ? 0 : 255
    }
  }
  return { width, height, data }
}

// ---------------------------------------------------------------------------------------------
// Deskew.

/** Angles under this are left alone: Tesseract copes, and a rotation softens the type. */
const MIN_SKEW = 0.2
const MAX_SKEW = 6

/**
 * The text lines' angle in degrees, positive when they go down to the right (the page turned
 * clockwise): the angle whose horizontal projection of the ink is the most contrasted (rows of
 * text and rows of white), searched at 0.25° on a small copy, then at 0.05° around the best.
 */
export function findSkew(image: GrayImage): number {
  const small = downscale(image)
  const threshold = otsuThreshold(small.data)
  const xs: number[] = []
  const ys: number[] = []
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      if (small.data[y * small.width + x]! <= threshold) {
        xs.push(x - small.width / 2)
        ys.push(y - small.height / 2)
      }
    }
  }
  if (xs.length === 0) return 0
  const bins = Math.ceil(Math.hypot(small.width, small.height)) + 2
  const profile = new Float64Array(bins)
  const score = (degrees: number): number => {
    const radians = (degrees * Math.PI) / 180
    const sin = Math.sin(radians)
    const cos = Math.cos(radians)
    profile.fill(0)
    for (let i = 0; i < xs.length; i++) {
      profile[Math.round(ys[i]! * cos - xs[i]! * sin + bins / 2)]!++
    }
    // The sum of squared differences between neighbouring rows: high when lines are level.
    let total = 0
    for (let b = 1; b < bins; b++) total += (profile[b]! - profile[b - 1]!) ** 2
    return total
  }
  const search = (from: number, to: number, step: number): number => {
    let best = 0
    let bestScore = -1
    for (let a = from; a <= to + 1e-9; a += step) {
      const s = score(a)
      if (s > bestScore) {
        bestScore = s
        best = a
      }
    }
    return best
  }
  const coarse = search(-MAX_SKEW, MAX_SKEW, 0.25)
  return Math.round(search(coarse - 0.25, coarse + 0.25, 0.05) * 100) / 100
}

/**
 * The page turned by `degrees` (positive: clockwise) about its centre, on a canvas large enough
 * to hold all of it, the new corners white; bilinear. `toSource` maps a box on the turned page
 * back to the box that holds it on the page as it was.
 */
export function rotateGray(
  image: GrayImage,
  degrees: number
): { image: GrayImage; toSource(box: Box): Box } {
  const radians = (degrees * Math.PI) / 180
  const cos = Math.cos(radians)
  const sin = Math.sin(radians)
  const { width: w, height: h } = image
  const { width, height } = rotatedSize(w, h, degrees)
  const cx = w / 2
  const cy = h / 2
  const ox = width / 2
  const oy = height / 2
  const data = new Uint8Array(width * height)
  const src = image.data
  for (let Y = 0; Y < height; Y++) {
    const dy = Y + 0.5 - oy
    for (let X = 0; X < width; X++) {
      const dx = X + 0.5 - ox
      const sx = cx + dx * cos + dy * sin - 0.5
      const sy = cy - dx * sin + dy * cos - 0.5
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
        data[Y * width + X] = 255
        continue
      }
      const fx = sx - x0
      const fy = sy - y0
      const p = y0 * w + x0
      const top = src[p]! + (src[p + 1]! - src[p]!) * fx
      const bottom = src[p + w]! + (src[p + w + 1]! - src[p + w]!) * fx
      data[Y * width + X] = Math.round(top + (bottom - top) * fy)
    }
  }
  return {
    image: { width, height, data },
    toSource: (box) => rotatedToSource(box, degrees, w, h)
  }
}

/** The size of a w × h page turned by `degrees`, holding all of it. */
function rotatedSize(w: number, h: number, degrees: number): { width: number; height: number } {
  const radians = (degrees * Math.PI) / 180
  const cos = Math.abs(Math.cos(radians))
  const sin = Math.abs(Math.sin(radians))
  return { width: Math.ceil(w * cos + h * sin), height: Math.ceil(w * sin + h * cos) }
}

/** A box found on a w × h page turned by `degrees` (rotateGray), in the unturned page's pixels. */
export function rotatedToSource(box: Box, degrees: number, w: number, h: number): Box {
  const radians = (degrees * Math.PI) / 180
  const cos = Math.cos(radians)
  const sin = Math.sin(radians)
  const { width, height } = rotatedSize(w, h, degrees)
  // A point (X, Y) of the turned page comes from the source point turned back by −degrees.
  const source = (X: number, Y: number): [number, number] => {
    const dx = X - width / 2
    const dy = Y - height / 2
    return [w / 2 + dx * cos + dy * sin, h / 2 - dx * sin + dy * cos]
  }
  const corners = [
    source(box.x, box.y),
    source(box.x + box.w, box.y),
    source(box.x, box.y + box.h),
    source(box.x + box.w, box.y + box.h)
  ]
  const x0 = Math.max(0, Math.min(...corners.map((c) => c[0])))
  const y0 = Math.max(0, Math.min(...corners.map((c) => c[1])))
  const x1 = Math.min(w, Math.max(...corners.map((c) => c[0])))
  const y1 = Math.min(h, Math.max(...corners.map((c) => c[1])))
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) }
}

// ---------------------------------------------------------------------------------------------
// Borders.

/** A grey level under this, in the small copy, is a border's (type averages out lighter). */
const DARK = 100
/** A row or column this dark over its middle is border, not page. */
const BORDER_SHARE = 0.6

/**
 * The page without its dark borders: from each edge inward, rows and columns that are mostly
 * dark (a scanner lid's shadow, the desk around a photographed page) are cut, with a small
 * inset past the last one for a ragged edge. A page with no such border is returned whole.
 */
export function findBorders(image: GrayImage): Box {
  const small = downscale(image)
  const { width, height, data, factor } = small
  const darkShare = (count: number, at: (i: number) => number): number => {
    const from = Math.floor(count * 0.1)
    const to = Math.ceil(count * 0.9)
    let dark = 0
    for (let i = from; i < to; i++) if (at(i) < DARK) dark++
    return dark / Math.max(1, to - from)
  }
  const column = (x: number): number => darkShare(height, (y) => data[y * width + x]!)
  const row = (y: number): number => darkShare(width, (x) => data[y * width + x]!)
  let left = 0
  while (left < width / 3 && column(left) >= BORDER_SHARE) left++
  let right = width
  while (right > (width * 2) / 3 && column(right - 1) >= BORDER_SHARE) right--
  let top = 0
  while (top < height / 3 && row(top) >= BORDER_SHARE) top++
  let bottom = height
  while (bottom > (height * 2) / 3 && row(bottom - 1) >= BORDER_SHARE) bottom--
  // An inset past a cut edge, for its wobble: 1 % of the side.
  const insetX = Math.ceil(width * 0.01)
  const insetY = Math.ceil(height * 0.01)
  if (left > 0) left += insetX
  if (right < width) right -= insetX
  if (top > 0) top += insetY
  if (bottom < height) bottom -= insetY
  const x = left * factor
  const y = top * factor
  const x1 = right === width ? image.width : right * factor
  const y1 = bottom === height ? image.height : bottom * factor
  return { x, y, w: Math.max(1, x1 - x), h: Math.max(1, y1 - y) }
}

export function cropGray(image: GrayImage, box: Box): GrayImage {
  const data = new Uint8Array(box.w * box.h)
  for (let y = 0; y < box.h; y++) {
    const from = (box.y + y) * image.width + box.x
    data.set(image.data.subarray(from, from + box.w), y * box.w)
  }
  return { width: box.w, height: box.h, data }
}

// ---------------------------------------------------------------------------------------------
// Grain: a photocopy's or a dark photograph's noise, which Tesseract reads as specks of ink.

/** Pages whose grain (see `grain`) is at least this are smoothed first. */
export const GRAINY = 12

/**
 * How grainy a page is: the median, over a sample of pixels, of how far a pixel is from the
 * median of its 3 × 3 neighbourhood. Print on clean paper gives 0 to 2 (most pixels are flat
 * paper); a grain of σ 35 gives about 20.
 */
export function grain(image: GrayImage): number {
  const { width, height, data } = image
  if (width < 3 || height < 3) return 0
  const step = Math.max(1, Math.floor((width * height) / 20_000))
  const deviations: number[] = []
  const window = new Uint8Array(9)
  for (let i = width + 1; i < width * (height - 1) - 1; i += step) {
    const x = i % width
    if (x === 0 || x === width - 1) continue
    let k = 0
    for (let dy = -width; dy <= width; dy += width)
      for (let dx = -1; dx <= 1; dx++) window[k++] = data[i + dy + dx]!
    window.sort()
    deviations.push(Math.abs(data[i]! - window[4]!))
  }
  deviations.sort((a, b) => a - b)
  return deviations[Math.floor(deviations.length / 2)] ?? 0
}

/** Each pixel the median of its 3 × 3 neighbourhood (edges kept as they are). */
export function median3(image: GrayImage): GrayImage {
  const { width, height, data } = image
  const out = new Uint8Array(data)
  const counts = new Uint8Array(256)
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x
      // A histogram of the nine values: the median is where the count passes five.
      let min = 255
      let max = 0
      for (let dy = -width; dy <= width; dy += width)
        for (let dx = -1; dx <= 1; dx++) {
          const v = data[i + dy + dx]!
          counts[v]!++
          if (v < min) min = v
          if (v > max) max = v
        }
      let seen = 0
      let v = min
      for (; v <= max; v++) {
        seen += counts[v]!
        if (seen >= 5) break
      }
      out[i] = v
      for (let dy = -width; dy <= width; dy += width)
        for (let dx = -1; dx <= 1; dx++) counts[data[i + dy + dx]!] = 0
    }
  }
  return { width, height, data: out }
}
