// Passages on scans in the exports: a passage's region on each page (from its words' boxes), and
// the HTML dossier's crops of the page images under quotes (an option, off by default).
import { loadImage } from '@napi-rs/canvas'
import { JSDOM } from 'jsdom'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildDossier } from './build'
import { renderDossierFormat, type DossierFormat, type ExportContext } from './export'
import { renderDossierBody } from './render-html'
import { cropRequest, passageRegions, type ExportScanPage } from './scan-regions'
import type { ArchiveSnapshot, DossierDocument } from './types'
import { englishLabels, FIXTURE_QUOTES, sampleDossier } from '../../../test/dossier/test-fixture'
import {
  cropPagesInNode,
  scannedFixture,
  SCANNED_ARTICLE,
  type ScannedFixture
} from '../../../test/dossier/scan-fixture'

const NOW = '2026-01-15T10:00:00.000Z'

function page(words: ExportScanPage['words'], n = 0): ExportScanPage {
  return { page: n, width: 1000, height: 1400, words }
}

describe('passageRegions', () => {
  // Two words on one line, a third on the next: "Lorem ipsum dolor", offsets 0-5, 6-11, 12-17.
  const words = [
    { start: 0, end: 5, x: 100, y: 200, w: 50, h: 20 },
    { start: 6, end: 11, x: 160, y: 202, w: 40, h: 18 },
    { start: 12, end: 17, x: 100, y: 230, w: 30, h: 20 }
  ]

  it('is the smallest box holding the words the span overlaps, even in part', () => {
    // From inside "Lorem" to inside "dolor": all three words.
    expect(passageRegions([page(words)], { start: 3, end: 13 })).toEqual([
      { page: 0, width: 1000, height: 1400, box: { x: 100, y: 200, w: 100, h: 50 } }
    ])
    // "ipsum" alone.
    expect(passageRegions([page(words)], { start: 6, end: 11 })).toEqual([
      { page: 0, width: 1000, height: 1400, box: { x: 160, y: 202, w: 40, h: 18 } }
    ])
    // The space between two words covers no word.
    expect(passageRegions([page(words)], { start: 5, end: 6 })).toEqual([])
  })

  it('gives one region per page the span touches, and none for a page without words', () => {
    const pages = [page(words.slice(0, 2), 0), page([], 1), page(words.slice(2), 2)]
    const regions = passageRegions(pages, { start: 0, end: 17 })
    expect(regions.map((r) => [r.page, r.box])).toEqual([
      [0, { x: 100, y: 200, w: 100, h: 20 }],
      [2, { x: 100, y: 230, w: 30, h: 20 }]
    ])
  })

  it('rounds boxes outwards to whole pixels and keeps them inside the image', () => {
    const odd = [{ start: 0, end: 4, x: 10.6, y: 20.2, w: 5.1, h: 9.7 }]
    expect(passageRegions([page(odd)], { start: 0, end: 4 })[0]!.box).toEqual({
      x: 10,
      y: 20,
      w: 6,
      h: 10
    })
    const over = [{ start: 0, end: 4, x: 980, y: 1390, w: 50, h: 30 }]
    expect(passageRegions([page(over)], { start: 0, end: 4 })[0]!.box).toEqual({
      x: 980,
      y: 1390,
      w: 20,
      h: 10
    })
  })
})

describe('cropRequest', () => {
  it('adds a margin, clipped at the page edges, and scales a wide region down', () => {
    const region = { page: 0, width: 1000, height: 1400, box: { x: 100, y: 200, w: 100, h: 50 } }
    expect(cropRequest(region, 16)).toEqual({
      source: { x: 84, y: 184, w: 132, h: 82 },
      width: 132,
      height: 82
    })
    const corner = { ...region, box: { x: 5, y: 0, w: 100, h: 50 } }
    expect(cropRequest(corner, 16).source).toEqual({ x: 0, y: 0, w: 121, h: 66 })
    const wide = { page: 0, width: 3000, height: 1400, box: { x: 0, y: 0, w: 2000, h: 100 } }
    expect(cropRequest(wide, 0)).toEqual({
      source: { x: 0, y: 0, w: 2000, h: 100 },
      width: 1000,
      height: 50
    })
  })
})

describe('the HTML dossier with page crops', () => {
  let fixture: ScannedFixture
  let doc: DossierDocument

  beforeAll(async () => {
    fixture = await scannedFixture(true)
    doc = buildDossier(sampleDossier(), fixture.snapshot, { labels: englishLabels(), now: NOW })
  })

  async function html(
    format: DossierFormat,
    options: Partial<ExportContext> & { snapshot?: ArchiveSnapshot } = {}
  ): Promise<Document> {
    const bytes = await renderDossierFormat(format, doc, englishLabels(), {
      snapshot: fixture.snapshot,
      now: NOW,
      appVersion: 'test',
      userName: 'Camille',
      cropPages: cropPagesInNode,
      ...options
    })
    return new JSDOM(new TextDecoder().decode(bytes)).window.document
  }

  const imagesOf = (dom: Document, passageId: string): HTMLImageElement[] => [
    ...dom.querySelectorAll<HTMLImageElement>(`figure[data-passage="${passageId}"] img`)
  ]

  it('shows under a scanned quote its crop of the page: a data: JPEG with alt text', async () => {
    const dom = await html('html', { pageImages: true })
    const [crop, ...more] = imagesOf(dom, 'p-father')
    expect(more).toEqual([])
    expect(crop!.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/)
    expect(crop!.getAttribute('alt')).toBe('Page 1 of the scan, where these words are printed')
    // Under the quote, before the caption (which stays the figure's last child).
    const figure = crop!.closest('figure')!
    expect(figure.querySelector(':scope > blockquote + .scan-crops')).not.toBeNull()
    expect(figure.lastElementChild!.tagName).toBe('FIGCAPTION')

    // The crop is the quote's words with a margin: its size, and the words dark inside it.
    const text = fixture.snapshot.texts.get(SCANNED_ARTICLE)!
    const quote = FIXTURE_QUOTES.find((q) => q.id === 'p-father')!.quote
    const start = text.indexOf(quote)
    const words = fixture.pages[0]!.words.filter(
      (w) => w.start < start + quote.length && w.end > start
    )
    const left = Math.min(...words.map((w) => w.x)) - 16
    const top = Math.min(...words.map((w) => w.y)) - 16
    const right = Math.max(...words.map((w) => w.x + w.w)) + 16
    const bottom = Math.max(...words.map((w) => w.y + w.h)) + 16
    const decoded = await loadImage(
      Buffer.from(crop!.getAttribute('src')!.split(',')[1]!, 'base64')
    )
    expect([decoded.width, decoded.height]).toEqual([right - left, bottom - top])
    expect([Number(crop!.getAttribute('width')), Number(crop!.getAttribute('height'))]).toEqual([
      right - left,
      bottom - top
    ])
    const { createCanvas } = await import('@napi-rs/canvas')
    const canvas = createCanvas(decoded.width, decoded.height)
    const context = canvas.getContext('2d')
    context.drawImage(decoded, 0, 0)
    const pixels = context.getImageData(0, 0, decoded.width, decoded.height).data
    const grey = (x: number, y: number): number => pixels[(y * decoded.width + x) * 4]!
    for (const word of words) {
      // The middle of each word's block is dark; the margin above the first line is white.
      const cx = Math.round(word.x + word.w / 2 - left)
      const cy = Math.round(word.y + word.h / 2 - top)
      expect(grey(cx, cy), `${cx},${cy}`).toBeLessThan(80)
    }
    expect(grey(Math.round(words[0]!.x - left + words[0]!.w / 2), 3)).toBeGreaterThan(200)
  })

  it('gives a quote across a page break one crop per page, in page order', async () => {
    const dom = await html('html-print', { pageImages: true })
    expect(imagesOf(dom, 'p-clinton').map((img) => img.getAttribute('alt'))).toEqual([
      'Page 1 of the scan, where these words are printed',
      'Page 2 of the scan, where these words are printed'
    ])
  })

  it('shows none for a born-digital article, an orphan, or without the option', async () => {
    const withOption = await html('html', { pageImages: true })
    for (const id of ['p-son', 'p-oct3', 'p-atlantic3', 'p-atlantic5', 'p-orphan']) {
      expect(imagesOf(withOption, id), id).toEqual([])
    }
    // Every image of the file is one of ours: JPEG data under a scanned quote.
    const all = [...withOption.querySelectorAll('img')]
    expect(all.length).toBe(3)
    for (const img of all) expect(img.closest('.scan-crops')).not.toBeNull()

    for (const options of [{}, { pageImages: false }]) {
      const dom = await html('html', options)
      expect(dom.querySelectorAll('img, [src]')).toHaveLength(0)
    }
    // Nor in the app's preview, which has no crops to show.
    const preview = new JSDOM(renderDossierBody(doc, englishLabels())).window.document
    expect(preview.querySelectorAll('img')).toHaveLength(0)
  })

  it('refuses a crop that is not a JPEG data URL rather than write it into the file', async () => {
    await expect(
      html('html', {
        pageImages: true,
        cropPages: async (_image, requests) => requests.map(() => 'https://example.com/x.jpg')
      })
    ).rejects.toThrow(/JPEG data URL/)
    await expect(html('html', { pageImages: true, cropPages: undefined })).rejects.toThrow()
  })
})
