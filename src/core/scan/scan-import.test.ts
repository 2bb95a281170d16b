// Scanned PDFs, mixed PDFs, images gathered as one article, and what is refused before any pixel
// is decoded: recognition through importSource, as the app runs it (a Node worker pool stands in).
import { afterAll, describe, expect, it } from 'vitest'
import { createCanvas } from '@napi-rs/canvas'
import { importSource } from '../import/import'
import { ImportError } from '../import/types'
import { createTestImportEnvironment } from '../../../test/import/test-env'
import { createNodeScanEnvironment } from '../../../test/scan/node-scan'
import { drawPage } from '../../../test/scan/make-page'
import { makeScanPdf } from '../../../test/scan/make-scan-pdf'
import { DEFAULT_SCAN_LIMITS } from './types'

const scan = createNodeScanEnvironment(1)
const env = { ...createTestImportEnvironment(), scan }
afterAll(() => scan.terminate())

async function jpegPage(
  lines: string[][]
): Promise<{ jpeg: Uint8Array; width: number; height: number }> {
  const page = drawPage({ columns: [lines], width: 1240, height: 1754, fontSize: 30 })
  const { loadImage } = await import('@napi-rs/canvas')
  const image = await loadImage(Buffer.from(page.png))
  const canvas = createCanvas(page.width, page.height)
  canvas.getContext('2d').drawImage(image, 0, 0)
  return {
    jpeg: new Uint8Array(await canvas.encode('jpeg', 85)),
    width: page.width,
    height: page.height
  }
}

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ImportError)
  return error as ImportError
}

describe('scanned PDFs', () => {
  it('recognises the pages of a PDF that has no text layer, and keeps each page image', async () => {
    const pdf = makeScanPdf(
      [
        {
          kind: 'image',
          ...(await jpegPage([['The committee received the letters', 'on the second of March.']]))
        },
        { kind: 'image', ...(await jpegPage([['Its report was published in the autumn.']])) }
      ],
      { title: 'about:blank' }
    )
    const progress: number[] = []
    const article = await importSource({ name: 'scan.pdf', bytes: pdf }, env, {
      onPage: ({ done }) => progress.push(done)
    })
    expect(article.sourceFormat).toBe('pdf')
    expect(article.text).toContain('The committee received the letters on the second of March.')
    expect(article.text).toContain('Its report was published in the autumn.')
    // The title is not the junk metadata: the text's first line stands in.
    expect(article.meta.title).not.toBe('about:blank')
    expect(article.scan!.summary).toMatchObject({ pages: 2, recognisedPages: 2, language: 'eng' })
    expect(article.scan!.pages.map((p) => p.mime)).toEqual(['image/jpeg', 'image/jpeg'])
    expect(progress).toEqual([1, 2])
    // Each page knows where its text begins.
    expect(article.scan!.pages.map((p) => p.start)).toEqual([0, article.text.indexOf('Its report')])
    // Every word's offsets are in the text and its box on its page.
    for (const page of article.scan!.pages) {
      for (const word of page.words) {
        expect(article.text.slice(word.start, word.end).trim()).not.toBe('')
        expect(word.x + word.w).toBeLessThanOrEqual(page.width + 1)
        expect(word.y + word.h).toBeLessThanOrEqual(page.height + 1)
      }
    }
  })

  it('keeps the text layer of a mixed PDF and recognises only its scanned pages', async () => {
    const pdf = makeScanPdf([
      { kind: 'text', lines: ['Born digital page one.'] },
      { kind: 'image', ...(await jpegPage([['A scanned clipping follows here.']])) }
    ])
    const article = await importSource({ name: 'mixed.pdf', bytes: pdf }, env, {
      limits: { ...DEFAULT_SCAN_LIMITS, language: 'eng' }
    })
    expect(article.text).toMatch(/^Born digital page one\.\n\nA scanned clipping follows here\.$/)
    expect(article.scan!.summary).toMatchObject({ pages: 2, recognisedPages: 1 })
    expect(article.scan!.pages.map((p) => p.source)).toEqual(['text', 'ocr'])
    expect(article.scan!.pages[0]!.words).toEqual([])
    expect(article.scan!.pages[1]!.start).toBe(article.text.indexOf('A scanned clipping'))
  })

  it('refuses a PDF over the page limit before reading any page', async () => {
    const tiny = await jpegPage([['x']])
    const pdf = makeScanPdf(
      Array.from({ length: 2000 }, () => ({ kind: 'image' as const, ...tiny }))
    )
    let recognised = 0
    const counting = {
      ...env,
      scan: {
        ...scan,
        engine: {
          recognize: (...a: Parameters<typeof scan.engine.recognize>) => (
            recognised++,
            scan.engine.recognize(...a)
          )
        }
      }
    }
    const error = await refusal(importSource({ name: 'ledger.pdf', bytes: pdf }, counting))
    expect(error.code).toBe('tooManyPages')
    expect(error.detail).toBe(`2000 pages, limit ${DEFAULT_SCAN_LIMITS.maxPages}`)
    expect(recognised).toBe(0)
  })

  it('reads an image named .pdf as the image it is', async () => {
    const page = drawPage({
      columns: [[['Renamed photograph of a page.']]],
      width: 1200,
      height: 500
    })
    const article = await importSource({ name: 'photo.pdf', bytes: page.png }, env)
    expect(article.sourceFormat).toBe('image')
    expect(article.text).toBe('Renamed photograph of a page.')
  })
})

describe('images', () => {
  it('gathers several images as the pages of one article, in order', async () => {
    const one = drawPage({ columns: [[['First shot of the clipping.']]], width: 1200, height: 500 })
    const two = drawPage({
      columns: [[['Second shot of the clipping.']]],
      width: 1200,
      height: 500
    })
    const article = await importSource(
      { name: 'shot-1.png', bytes: one.png, morePages: [{ name: 'shot-2.png', bytes: two.png }] },
      env
    )
    expect(article.text).toBe('First shot of the clipping.\n\nSecond shot of the clipping.')
    expect(article.scan!.pages.map((p) => p.page)).toEqual([0, 1])
  })

  it('refuses a truncated image as damaged', async () => {
    const page = drawPage({ columns: [[['Truncated.']]], width: 600, height: 300 })
    const error = await refusal(
      importSource({ name: 'cut.png', bytes: page.png.slice(0, page.png.length / 2) }, env)
    )
    expect(error.code).toBe('corrupt')
  })

  it('stops at Cancel, in the middle of a file', async () => {
    const controller = new AbortController()
    const page = drawPage({ columns: [[['A page never finished.']]], width: 1200, height: 500 })
    const promise = importSource({ name: 'cancelled.png', bytes: page.png }, env, {
      signal: controller.signal
    })
    controller.abort()
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' })
  })
})
