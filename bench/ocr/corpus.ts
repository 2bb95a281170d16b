// The OCR bench's ground truth: page images whose text is known, drawn at bench time with
// @napi-rs/canvas from a seed (nothing binary is committed), in French (paragraphs of the sample
// articles shipped in resources/sample) and English (articles of the Universal Declaration of Human
// Rights, which the UN lets anyone reproduce). Each page says its text in reading order.
//
// Classes: `clean` (a 300 dpi print), five degraded scans (`skew`, `dpi150`, `jpeg`, `noise`,
// `photo`) and one with dark scanner borders (`border`), a two-column newspaper page (`columns`)
// and a page with a photograph and its caption (`caption`). Pages are A5 (148 × 210 mm) rather
// than A4: at 300 dpi that is 1748 × 2480 px with ~1,600 characters, which keeps the bench to a
// few minutes on two cores; the type (10.5 pt) and the resolutions are those of a real scan.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas'

export const PAGE_CLASSES = [
  'clean',
  'skew',
  'dpi150',
  'jpeg',
  'noise',
  'photo',
  'border',
  'columns',
  'caption'
] as const
export type PageClass = (typeof PAGE_CLASSES)[number]

/** The classes the "≤ 6 % on degraded pages" target is about. */
export const DEGRADED: readonly PageClass[] = ['skew', 'dpi150', 'jpeg', 'noise', 'photo', 'border']

export interface CorpusLine {
  text: string
  /** 0 for single-column pages; the column on the two-column page. */
  column: number
}

export interface CorpusPage {
  id: string
  pageClass: PageClass
  language: 'fra' | 'eng'
  format: 'png' | 'jpeg'
  bytes: Uint8Array
  width: number
  height: number
  /** The ground truth: paragraphs in reading order, separated by a blank line. */
  text: string
  /** The drawn lines in reading order (headline and caption included), for the order check. */
  lines: CorpusLine[]
  /** The rotation applied to the page, in degrees (positive: clockwise), 0 if none. */
  angle: number
}

/** A small seeded generator (mulberry32): the same seed draws the same corpus. */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ENGLISH_TITLE = 'Universal Declaration of Human Rights'
/** Articles 1 to 20 of the Universal Declaration of Human Rights (1948), and its first recital. */
const ENGLISH = [
  'Whereas recognition of the inherent dignity and of the equal and inalienable rights of all members of the human family is the foundation of freedom, justice and peace in the world,',
  'Article 1. All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.',
  'Article 2. Everyone is entitled to all the rights and freedoms set forth in this Declaration, without distinction of any kind, such as race, colour, sex, language, religion, political or other opinion, national or social origin, property, birth or other status. Furthermore, no distinction shall be made on the basis of the political, jurisdictional or international status of the country or territory to which a person belongs, whether it be independent, trust, non-self-governing or under any other limitation of sovereignty.',
  'Article 3. Everyone has the right to life, liberty and security of person.',
  'Article 4. No one shall be held in slavery or servitude; slavery and the slave trade shall be prohibited in all their forms.',
  'Article 5. No one shall be subjected to torture or to cruel, inhuman or degrading treatment or punishment.',
  'Article 6. Everyone has the right to recognition everywhere as a person before the law.',
  'Article 7. All are equal before the law and are entitled without any discrimination to equal protection of the law. All are entitled to equal protection against any discrimination in violation of this Declaration and against any incitement to such discrimination.',
  'Article 8. Everyone has the right to an effective remedy by the competent national tribunals for acts violating the fundamental rights granted him by the constitution or by law.',
  'Article 9. No one shall be subjected to arbitrary arrest, detention or exile.',
  'Article 10. Everyone is entitled in full equality to a fair and public hearing by an independent and impartial tribunal, in the determination of his rights and obligations and of any criminal charge against him.',
  'Article 11. Everyone charged with a penal offence has the right to be presumed innocent until proved guilty according to law in a public trial at which he has had all the guarantees necessary for his defence. No one shall be held guilty of any penal offence on account of any act or omission which did not constitute a penal offence, under national or international law, at the time when it was committed.',
  'Article 12. No one shall be subjected to arbitrary interference with his privacy, family, home or correspondence, nor to attacks upon his honour and reputation. Everyone has the right to the protection of the law against such interference or attacks.',
  'Article 13. Everyone has the right to freedom of movement and residence within the borders of each state. Everyone has the right to leave any country, including his own, and to return to his country.',
  'Article 14. Everyone has the right to seek and to enjoy in other countries asylum from persecution. This right may not be invoked in the case of prosecutions genuinely arising from non-political crimes or from acts contrary to the purposes and principles of the United Nations.',
  'Article 15. Everyone has the right to a nationality. No one shall be arbitrarily deprived of his nationality nor denied the right to change his nationality.',
  'Article 17. Everyone has the right to own property alone as well as in association with others. No one shall be arbitrarily deprived of his property.',
  'Article 18. Everyone has the right to freedom of thought, conscience and religion; this right includes freedom to change his religion or belief, and freedom, either alone or in community with others and in public or private, to manifest his religion or belief in teaching, practice, worship and observance.',
  'Article 19. Everyone has the right to freedom of opinion and expression; this right includes freedom to hold opinions without interference and to seek, receive and impart information and ideas through any media and regardless of frontiers.',
  'Article 20. Everyone has the right to freedom of peaceful assembly and association. No one may be compelled to belong to an association.'
]
const ENGLISH_CAPTIONS = [
  'The General Assembly of the United Nations in Paris, December 1948.',
  'Delegates at the Palais de Chaillot during the vote on the Declaration.'
]

const FRENCH_TITLE = 'WikiLeaks : les échanges de Donald Trump Jr'
const FRENCH_CAPTIONS = [
  'Donald Trump Jr. lors d’un meeting de campagne en Pennsylvanie, en octobre 2016.',
  'Julian Assange au balcon de l’ambassade d’Équateur à Londres.'
]

/** The sample articles' paragraphs long enough to be prose (no stamps, credits or links). */
function frenchParagraphs(): string[] {
  const dir = 'resources/sample'
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .map((line) =>
      line
        .replace(/^[\s•]+/u, '')
        .replace(/\s+/gu, ' ')
        .trim()
    )
    .filter((line) => line.length >= 120 && !/https?:|pic\.twitter|@/u.test(line))
}

export interface CorpusOptions {
  seed?: number
  /** Pages per class and language. */
  pagesPerClass?: number
  classes?: readonly PageClass[]
}

const MM_PER_INCH = 25.4
const PAGE_MM = { width: 148, height: 210 }
const MARGIN_MM = 14
const FONT_PT = 10.5
const FACE = '"Liberation Serif", "DejaVu Serif", serif'

interface Layout {
  canvas: Canvas
  lines: CorpusLine[]
  /** Paragraphs as drawn (a paragraph cut at the page's foot keeps its drawn lines only). */
  paragraphs: string[]
}

/** Splits a paragraph into lines no wider than `width`, words never cut. */
function wrap(g: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (line !== '' && g.measureText(candidate).width > width) {
      lines.push(line)
      line = word
    } else line = candidate
  }
  if (line !== '') lines.push(line)
  return lines
}

interface DrawSpec {
  dpi: number
  columns: number
  headline: string
  paragraphs: string[]
  /** A photograph (a noisy grey rectangle) and its caption after the first paragraph. */
  caption?: string
  random: () => number
}

/** Lays out and draws a page: a bold headline, then paragraphs flowing down the column(s). */
function drawLayout(spec: DrawSpec): Layout {
  const px = (mm: number): number => Math.round((mm / MM_PER_INCH) * spec.dpi)
  const width = px(PAGE_MM.width)
  const height = px(PAGE_MM.height)
  const canvas = createCanvas(width, height)
  const g = canvas.getContext('2d')
  g.fillStyle = '#fff'
  g.fillRect(0, 0, width, height)
  g.fillStyle = '#111'
  g.textBaseline = 'alphabetic'
  const size = (FONT_PT / 72) * spec.dpi
  const lead = size * 1.3
  const margin = px(MARGIN_MM)
  const textWidth = width - 2 * margin
  const bottom = height - margin
  const lines: CorpusLine[] = []
  const paragraphs: string[] = []

  const big = size * 1.7
  g.font = `bold ${big}px ${FACE}`
  let y = margin + big
  const headlineLines = wrap(g, spec.headline, textWidth)
  for (const line of headlineLines) {
    g.fillText(line, margin, y)
    lines.push({ text: line, column: 0 })
    y += big * 1.25
  }
  paragraphs.push(headlineLines.join(' '))
  y += size * 0.8

  const gutter = px(6)
  const columnWidth = (textWidth - gutter * (spec.columns - 1)) / spec.columns
  const top = y
  let column = 0
  let full = false
  const drawParagraph = (text: string, italic = false, extraSpace = lead * 0.6): void => {
    g.font = `${italic ? 'italic ' : ''}${italic ? size * 0.9 : size}px ${FACE}`
    const drawn: string[] = []
    for (const line of wrap(g, text, columnWidth)) {
      if (y + size > bottom) {
        if (column + 1 >= spec.columns) {
          full = true
          break
        }
        column++
        y = top
      }
      g.fillText(line, margin + column * (columnWidth + gutter), y + size)
      lines.push({ text: line, column })
      drawn.push(line)
      y += lead
    }
    if (drawn.length > 0) paragraphs.push(drawn.join(' '))
    y += extraSpace
  }
  spec.paragraphs.forEach((text, index) => {
    if (full) return
    drawParagraph(text)
    if (index === 0 && spec.caption !== undefined && !full) {
      // The photograph: a noisy grey block with darker shapes, the caption in italic under it.
      const photoWidth = Math.round(textWidth * 0.7)
      const photoHeight = Math.round(photoWidth * 0.62)
      const x0 = margin
      const y0 = Math.round(y)
      const image = g.createImageData(photoWidth, photoHeight)
      for (let j = 0; j < photoHeight; j++) {
        for (let i = 0; i < photoWidth; i++) {
          const shape =
            Math.hypot(i - photoWidth * 0.4, j - photoHeight * 0.55) < photoHeight * 0.3 ? 60 : 150
          const v = Math.max(
            0,
            Math.min(255, shape + (j / photoHeight) * 50 + (spec.random() - 0.5) * 120)
          )
          const p = (j * photoWidth + i) * 4
          image.data[p] = image.data[p + 1] = image.data[p + 2] = v
          image.data[p + 3] = 255
        }
      }
      g.putImageData(image, x0, y0)
      y = y0 + photoHeight + size * 0.4
      drawParagraph(spec.caption, true, lead * 1.2)
      g.font = `${size}px ${FACE}`
    }
  })
  return { canvas, lines, paragraphs }
}

/** Draws `source` turned by `degrees` about its centre on white (a page laid askew on the glass). */
function rotate(source: Canvas, degrees: number): Canvas {
  const canvas = createCanvas(source.width, source.height)
  const g = canvas.getContext('2d')
  g.fillStyle = '#fff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  g.translate(canvas.width / 2, canvas.height / 2)
  g.rotate((degrees * Math.PI) / 180)
  g.drawImage(source, -source.width / 2, -source.height / 2)
  return canvas
}

/** Applies `f(x, y, value, random)` to each pixel's grey level (the page is grey: r = g = b). */
function mapPixels(
  canvas: Canvas,
  random: () => number,
  f: (x: number, y: number, v: number, random: () => number) => number
): void {
  const g = canvas.getContext('2d')
  const image = g.getImageData(0, 0, canvas.width, canvas.height)
  // A Uint8ClampedArray rounds and clamps on write.
  const data = image.data
  for (let y = 0, p = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++, p += 4) {
      data[p] = data[p + 1] = data[p + 2] = f(x, y, data[p]!, random)
    }
  }
  g.putImageData(image, 0, 0)
}

/** Normal deviates (Box–Muller), drawn once into a table that noise reads at random places. */
function gaussians(random: () => number): Float32Array {
  const table = new Float32Array(65536)
  for (let i = 0; i < table.length; i++) {
    table[i] = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  }
  return table
}

/**
 * A phone's photograph of the page: the page tilted away (its top farther, so narrower, and rows
 * closer together towards the top), turned 1.5°, on a dark desk, lit from one side. The 2D canvas
 * has no perspective transform, so the page is drawn as 2-pixel strips, each strip scaled by the
 * depth of its row: a homography with no horizontal tilt is exactly that.
 */
function photograph(source: Canvas, random: () => number): Canvas {
  const w = source.width
  const h = source.height
  const canvas = createCanvas(w, h)
  const g = canvas.getContext('2d')
  g.fillStyle = '#4a423a'
  g.fillRect(0, 0, w, h)
  g.translate(w / 2, h / 2)
  g.rotate((1.5 * Math.PI) / 180)
  g.translate(-w / 2, -h / 2)
  // The page's row v (0 at its top) is at depth z(v) = 1 + k (1 − v/h); on screen its y is
  // ∫ dv / z² (scaled), and its width w / z.
  const k = 0.18
  const scale = 0.9
  const depth = (v: number): number => 1 + k * (1 - v / h)
  const ys: number[] = [0]
  const strip = 2
  for (let v = strip; v <= h; v += strip) ys.push(ys.at(-1)! + strip / depth(v - strip / 2) ** 2)
  const total = ys.at(-1)!
  const top = (h - total * scale) / 2
  g.imageSmoothingEnabled = true
  ys.slice(0, -1).forEach((y, i) => {
    const v = i * strip
    const z = depth(v + strip / 2)
    const rowWidth = (w * scale) / z
    const y0 = top + y * scale
    const y1 = top + ys[i + 1]! * scale
    g.drawImage(source, 0, v, w, strip, (w - rowWidth) / 2, y0, rowWidth, y1 - y0 + 0.5)
  })
  g.setTransform(1, 0, 0, 1, 0, 0)
  // Uneven light: bright on the left, a third darker on the right, a shadow at the bottom, and
  // the sensor's noise.
  const normal = gaussians(random)
  mapPixels(canvas, random, (x, y, v, r) => {
    const light = 1 - 0.35 * (x / w) - 0.25 * Math.max(0, (y - h * 0.7) / (h * 0.3))
    return v * light + normal[(r() * 65536) | 0]! * 6
  })
  return canvas
}

/** Dark scanner borders: the lid's shadow down the left edge and along the top and bottom. */
function scannerBorders(source: Canvas, random: () => number): Canvas {
  const w = source.width
  const h = source.height
  const topBand = Math.round(h * 0.025)
  const bottomBand = Math.round(h * 0.03)
  const g = source.getContext('2d')
  const image = g.getImageData(0, 0, w, h)
  const data = image.data
  for (let y = 0; y < h; y++) {
    const edge =
      y < topBand || y > h - bottomBand ? w : Math.round(w * 0.045 + Math.sin(y / 37) * 6)
    for (let x = 0, p = y * w * 4; x < edge; x++, p += 4) {
      data[p] = data[p + 1] = data[p + 2] = 25 + random() * 35
    }
  }
  g.putImageData(image, 0, 0)
  return source
}

function png(canvas: Canvas): Uint8Array {
  return new Uint8Array(canvas.toBuffer('image/png'))
}

function jpeg(canvas: Canvas, quality: number): Uint8Array {
  return new Uint8Array(canvas.toBuffer('image/jpeg', quality))
}

/** The corpus: `pagesPerClass` pages per class and language, French first then English. */
export function makeCorpus(options: CorpusOptions = {}): CorpusPage[] {
  const seed = options.seed ?? 2017
  const perClass = options.pagesPerClass ?? 1
  const classes = options.classes ?? PAGE_CLASSES
  const french = frenchParagraphs()
  const pages: CorpusPage[] = []
  for (const pageClass of classes) {
    for (const language of ['fra', 'eng'] as const) {
      for (let n = 0; n < perClass; n++) {
        const random = prng(seed + pages.length * 7919 + PAGE_CLASSES.indexOf(pageClass) * 104729)
        const pool = language === 'fra' ? french : ENGLISH
        // Consecutive paragraphs from a seeded start, round the pool.
        const start = Math.floor(random() * pool.length)
        const paragraphs = Array.from(
          { length: pool.length },
          (_, i) => pool[(start + i) % pool.length]!
        )
        const captions = language === 'fra' ? FRENCH_CAPTIONS : ENGLISH_CAPTIONS
        const layout = drawLayout({
          dpi: pageClass === 'dpi150' ? 150 : 300,
          columns: pageClass === 'columns' ? 2 : 1,
          headline: language === 'fra' ? FRENCH_TITLE : ENGLISH_TITLE,
          paragraphs,
          ...(pageClass === 'caption' ? { caption: captions[n % captions.length]! } : {}),
          random
        })
        let canvas = layout.canvas
        let format: CorpusPage['format'] = 'png'
        let angle = 0
        let bytes: Uint8Array
        switch (pageClass) {
          case 'skew':
            angle = (2 + random() * 2) * (random() < 0.5 ? -1 : 1)
            canvas = rotate(canvas, angle)
            bytes = png(canvas)
            break
          case 'jpeg':
            format = 'jpeg'
            bytes = jpeg(canvas, 20)
            break
          case 'noise':
            // A grey, speckled photocopy: paper at 215, ink lifted to ~50, noise σ 35, 0.3 % specks.
            {
              const normal = gaussians(random)
              mapPixels(canvas, random, (_x, _y, v, r) => {
                const u = r()
                const speck = u < 0.003 ? -160 : 0
                return 50 + (v / 255) * 165 + normal[(u * 65536 * 333) & 65535]! * 35 + speck
              })
            }
            bytes = png(canvas)
            break
          case 'photo':
            format = 'jpeg'
            angle = 1.5
            canvas = photograph(canvas, random)
            bytes = jpeg(canvas, 85)
            break
          case 'border':
            canvas = scannerBorders(canvas, random)
            bytes = png(canvas)
            break
          default:
            bytes = png(canvas)
        }
        pages.push({
          id: `${pageClass}-${language}-${n}`,
          pageClass,
          language,
          format,
          bytes,
          width: canvas.width,
          height: canvas.height,
          text: layout.paragraphs.join('\n\n'),
          lines: layout.lines,
          angle
        })
      }
    }
  }
  return pages
}
