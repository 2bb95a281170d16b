// TEST ONLY — scans in Node: tesseract.js' Node workers (a scheduler, like the app's pool) with the
// language data from node_modules, and @napi-rs/canvas to decode, draw and compress pages, as the
// app does with its canvases. Nothing is fetched: the language data is read from disk.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createCanvas, loadImage, type Canvas } from '@napi-rs/canvas'
import { decode as decodeJpeg } from 'jpeg-js'
import { PNG } from 'pngjs'
import { createScheduler, createWorker, type Scheduler } from 'tesseract.js'
import type { PdfDocumentLike, ScanEnvironment } from '../../src/core/import/types'
import { toRgba } from '../../src/core/scan/gray'
import { encodePgm } from '../../src/core/scan/pgm'
import type { RgbaImage, StoredImage } from '../../src/core/scan/read-scan'
import { ocrPageOf, RECOGNITION_PARAMETERS } from '../../src/core/scan/tesseract-result'
import type { GrayImage, OcrEngine, OcrLanguage } from '../../src/core/scan/types'

const require = createRequire(import.meta.url)

/**
 * tesseract.js reads every language of a worker from one folder: fra and eng ship in two
 * packages, so they are copied side by side once.
 */
export function languageFolder(): string {
  const folder = join(tmpdir(), 'liasse-ocr-lang')
  mkdirSync(folder, { recursive: true })
  for (const code of ['fra', 'eng']) {
    const target = join(folder, `${code}.traineddata.gz`)
    if (existsSync(target)) continue
    const pkg = dirname(require.resolve(`@tesseract.js-data/${code}/package.json`))
    copyFileSync(join(pkg, '4.0.0_best_int', `${code}.traineddata.gz`), target)
  }
  return folder
}

export interface NodeOcrEngine extends OcrEngine {
  terminate(): Promise<void>
}

/** A pool of `size` tesseract.js workers per language set, made on first use. */
export function createNodeOcrEngine(size = 1): NodeOcrEngine {
  const langPath = languageFolder()
  const schedulers = new Map<OcrLanguage, Promise<Scheduler>>()
  const schedulerFor = (language: OcrLanguage): Promise<Scheduler> => {
    let scheduler = schedulers.get(language)
    if (!scheduler) {
      scheduler = (async () => {
        const made = createScheduler()
        const workers = await Promise.all(
          Array.from({ length: size }, () =>
            createWorker(language.split('+'), 1, {
              langPath,
              gzip: true,
              cacheMethod: 'none'
            }).then(
              async (worker) => (
                await worker.setParameters(RECOGNITION_PARAMETERS as never),
                worker
              )
            )
          )
        )
        workers.forEach((worker) => made.addWorker(worker))
        return made
      })()
      schedulers.set(language, scheduler)
    }
    return scheduler
  }
  return {
    async recognize(image: GrayImage, language: OcrLanguage, signal?: AbortSignal) {
      signal?.throwIfAborted()
      const scheduler = await schedulerFor(language)
      const result = await scheduler.addJob(
        'recognize',
        encodePgm(image) as never,
        {},
        {
          blocks: true,
          text: false
        }
      )
      signal?.throwIfAborted()
      return ocrPageOf(result.data.blocks, image.width, image.height)
    },
    async terminate() {
      await Promise.all([...schedulers.values()].map(async (s) => (await s).terminate()))
      schedulers.clear()
    }
  }
}

function canvasOf(image: RgbaImage | GrayImage): Canvas {
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  const data = context.createImageData(image.width, image.height)
  data.data.set(toRgba(image))
  context.putImageData(data, 0, 0)
  return canvas
}

export async function encodeJpeg(
  image: RgbaImage | GrayImage,
  maxSide: number
): Promise<StoredImage> {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height))
  const width = Math.max(1, Math.round(image.width * scale))
  const height = Math.max(1, Math.round(image.height * scale))
  const target = createCanvas(width, height)
  target.getContext('2d').drawImage(canvasOf(image), 0, 0, width, height)
  return {
    bytes: new Uint8Array(await target.encode('jpeg', 80)),
    mime: 'image/jpeg',
    width,
    height
  }
}

/**
 * Decodes like a browser would, in pure JavaScript for PNG and JPEG: @napi-rs/canvas's native
 * decoders crash the process (SIGSEGV) on some damaged files, which the fuzz tests feed it.
 * WebP, which has no pure-JavaScript decoder here, goes to the canvas.
 */
export async function decodeImageNode(
  bytes: Uint8Array,
  format: 'png' | 'jpeg' | 'webp'
): Promise<RgbaImage> {
  if (format === 'png') {
    const png = PNG.sync.read(Buffer.from(bytes))
    return { width: png.width, height: png.height, data: new Uint8Array(png.data) }
  }
  if (format === 'jpeg') {
    const jpeg = decodeJpeg(bytes, {
      useTArray: true,
      maxResolutionInMP: 60,
      maxMemoryUsageInMB: 1024
    })
    return { width: jpeg.width, height: jpeg.height, data: jpeg.data }
  }
  return decodeWithCanvas(bytes)
}

export async function decodeWithCanvas(bytes: Uint8Array): Promise<RgbaImage> {
  const image = await loadImage(Buffer.from(bytes))
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0)
  const { data } = context.getImageData(0, 0, image.width, image.height)
  return { width: image.width, height: image.height, data }
}

interface RenderablePage {
  getViewport(options: { scale: number }): { width: number; height: number }
  render(options: { canvasContext: unknown; viewport: unknown }): { promise: Promise<void> }
}

export async function renderPdfPageWithCanvas(
  pdf: PdfDocumentLike,
  pageNumber: number,
  scale: number
): Promise<RgbaImage> {
  const page = (await pdf.getPage(pageNumber)) as unknown as RenderablePage
  const viewport = page.getViewport({ scale })
  const width = Math.ceil(viewport.width)
  const height = Math.ceil(viewport.height)
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  await page.render({ canvasContext: context, viewport }).promise
  return { width, height, data: context.getImageData(0, 0, width, height).data }
}

/** The Node scan host: `size` workers per language, jpeg pages, canvas decoding and drawing. */
export function createNodeScanEnvironment(
  size = 1
): ScanEnvironment & { terminate(): Promise<void> } {
  const engine = createNodeOcrEngine(size)
  return {
    engine,
    concurrency: size,
    encodeImage: encodeJpeg,
    decodeImage: decodeImageNode,
    renderPdfPage: renderPdfPageWithCanvas,
    terminate: () => engine.terminate()
  }
}
