// The image and PDF readers on broken input (fast-check, 1,000 cases each): random bytes, and real
// scans mutated or cut short. Each case ends in a typed ImportError or a valid article whose words
// all lie in its text and on its pages — never another exception, never a hang. Recognition is a
// stand-in here (one word per page, at once): what is tested is reading, probing and assembling.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { importSource } from '../import/import'
import { ImportError, type ImportedArticle, type ScanEnvironment } from '../import/types'
import { createTestImportEnvironment } from '../../../test/import/test-env'
import { decodeImageNode, encodeJpeg, renderPdfPageWithCanvas } from '../../../test/scan/node-scan'
import { drawPage } from '../../../test/scan/make-page'
import { makeScanPdf } from '../../../test/scan/make-scan-pdf'
import { buildTiff } from '../../../test/scan/make-tiff'
import type { OcrEngine } from './types'

const KNOWN_CODES = new Set([
  'corrupt',
  'empty',
  'unreadable',
  'unsupportedFormat',
  'tooManyPages',
  'imageTooLarge',
  'tooLarge'
])

const engine: OcrEngine = {
  recognize: async (image) => ({
    width: image.width,
    height: image.height,
    blocks: [
      {
        paragraphs: [
          {
            lines: [
              {
                words: [
                  {
                    text: 'mot',
                    confidence: 90,
                    bbox: {
                      x0: 0,
                      y0: 0,
                      x1: Math.min(10, image.width),
                      y1: Math.min(10, image.height)
                    }
                  }
                ]
              }
            ]
          }
        ]
      }
    ]
  })
}
const scan: ScanEnvironment = {
  engine,
  concurrency: 2,
  // Small stored pages keep a thousand cases quick.
  encodeImage: (image) => encodeJpeg(image, 64),
  decodeImage: decodeImageNode,
  renderPdfPage: (pdf, n) => renderPdfPageWithCanvas(pdf, n, 0.2)
}
const env = { ...createTestImportEnvironment(), scan }
const limits = { maxPages: 20, maxStoredSide: 64, language: 'fra' as const }

function checkValid(article: ImportedArticle): void {
  expect(article.text.length).toBeGreaterThan(0)
  for (const page of article.scan?.pages ?? []) {
    for (const word of page.words) {
      expect(word.end).toBeLessThanOrEqual(article.text.length)
      expect(word.start).toBeLessThan(word.end)
    }
  }
}

async function readsOrRefuses(name: string, bytes: Uint8Array): Promise<void> {
  try {
    checkValid(await importSource({ name, bytes }, env, { limits }))
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    expect(KNOWN_CODES).toContain(error.code)
  }
}

/** A file with `edits` bytes overwritten and maybe cut short. */
const mutated = (seed: Uint8Array) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.option(fc.nat(), { nil: undefined })
    )
    .map(([edits, cut]) => {
      const bytes = seed.slice(0, cut === undefined ? seed.length : cut % (seed.length + 1))
      for (const [at, value] of edits) if (bytes.length) bytes[at % bytes.length] = value
      return bytes
    })

describe('readers on broken input', () => {
  let png: Uint8Array
  let jpeg: Uint8Array
  let pdf: Uint8Array
  let tiff: Uint8Array
  beforeAll(async () => {
    png = drawPage({ columns: [[['Page']]], width: 120, height: 60, fontSize: 20 }).png
    const stored = await encodeJpeg(await decodeImageNode(png, 'png'), 120)
    jpeg = stored.bytes
    pdf = makeScanPdf([
      { kind: 'image', jpeg, width: stored.width, height: stored.height },
      { kind: 'text', lines: ['Une page de texte.'] }
    ])
    tiff = buildTiff([
      { width: 4, height: 2, strips: [Uint8Array.of(0, 64, 128, 255, 255, 128, 64, 0)] },
      { width: 2, height: 2, strips: [Uint8Array.of(10, 20, 30, 40)] }
    ])
  })

  it('random bytes under an image or PDF name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('x.png', 'x.jpg', 'x.tif', 'x.webp', 'x.pdf'),
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        (name, bytes) => readsOrRefuses(name, bytes)
      ),
      { numRuns: 1000 }
    )
  })

  it('mutated and truncated PNG, JPEG and TIFF scans', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('png', 'jpeg', 'tiff').chain((kind) =>
          mutated(kind === 'png' ? png : kind === 'jpeg' ? jpeg : tiff).map((bytes) => ({
            kind,
            bytes
          }))
        ),
        ({ kind, bytes }) =>
          readsOrRefuses(`scan.${kind === 'jpeg' ? 'jpg' : kind === 'tiff' ? 'tif' : 'png'}`, bytes)
      ),
      { numRuns: 1000 }
    )
  }, 300_000)

  it('mutated and truncated scanned PDFs', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(pdf), (bytes) => readsOrRefuses('scan.pdf', bytes)),
      { numRuns: 1000 }
    )
  }, 300_000)
})

describe('a long image PDF', () => {
  it('is read page by page: with the limit raised, 2,000 pages go through with at most a pool of pages in memory', async () => {
    const stored = await encodeJpeg(
      await decodeImageNode(
        drawPage({ columns: [[['p']]], width: 40, height: 20, fontSize: 12 }).png,
        'png'
      ),
      40
    )
    const pdf = makeScanPdf(
      Array.from({ length: 2000 }, () => ({
        kind: 'image' as const,
        jpeg: stored.bytes,
        width: stored.width,
        height: stored.height
      }))
    )
    let drawn = 0
    let read = 0
    let mostInMemory = 0
    const counting: ScanEnvironment = {
      ...scan,
      concurrency: 2,
      renderPdfPage: async () => {
        drawn++
        mostInMemory = Math.max(mostInMemory, drawn - read)
        return { width: 8, height: 8, data: new Uint8Array(8 * 8 * 4).fill(255) }
      },
      engine: {
        recognize: async (image, language, signal) => {
          const page = await engine.recognize(image, language, signal)
          read++
          return page
        }
      }
    }
    const pages: number[] = []
    const article = await importSource(
      { name: 'ledger.pdf', bytes: pdf },
      { ...env, scan: counting },
      {
        limits: { maxPages: 2000, maxStoredSide: 64, language: 'fra' },
        onPage: ({ done }) => pages.push(done)
      }
    )
    expect(article.scan!.summary.pages).toBe(2000)
    expect(pages.at(-1)).toBe(2000)
    // Drawn as the pool asks: never more pages waiting than the pool has workers plus the one
    // prepared ahead.
    expect(mostInMemory).toBeLessThanOrEqual(3)
  }, 300_000)
})
