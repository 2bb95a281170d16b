// The browser's side of the import contract: DOMParser (inert documents, scripts never run),
// DOMPurify, pdf.js with its worker, loaded on first use so that start-up stays quick, and Word
// read in a worker of its own.
import DOMPurify from 'dompurify'
import type { ParsedDocument } from '@core/import/parsed'
import {
  ImportError,
  type ImportEnvironment,
  type ImportErrorCode,
  type PdfDocumentLike,
  type ScanEnvironment
} from '@core/import/types'
import type { RgbaImage, StoredImage } from '@core/scan/read-scan'
import type { GrayImage } from '@core/scan/types'
import { createOcrPool, type OcrPool } from '@renderer/services/ocr/ocr-pool'
import { runWorkerJob, WorkerJobError } from '@renderer/services/worker-job'
import type { DocxJob } from './docx-worker'

let environment: Promise<ImportEnvironment> | undefined

export function browserImportEnvironment(): Promise<ImportEnvironment> {
  environment ??= load()
  return environment
}

async function load(): Promise<ImportEnvironment> {
  const [pdfjs, worker] = await Promise.all([
    import('pdfjs-dist'),
    import('pdfjs-dist/build/pdf.worker.min.mjs?url')
  ])
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default
  return {
    parseHtml: (html) => new DOMParser().parseFromString(html, 'text/html'),
    sanitize: (html) => DOMPurify.sanitize(html, { WHOLE_DOCUMENT: true }),
    getPdfDocument(data) {
      // Text only: no XFA, no WebAssembly image decoders (the CSP allows no wasm), no fetches.
      const task = pdfjs.getDocument({
        data,
        enableXfa: false,
        useWasm: false,
        useWorkerFetch: false
      })
      return {
        promise: task.promise,
        destroy: () => task.destroy()
      }
    },
    parseDocx: parseDocxInWorker,
    scan: browserScanEnvironment()
  }
}

let pool: OcrPool | undefined

/** Scans in the app: the OCR pool (made on the first scan), the browser's decoders and canvases. */
function browserScanEnvironment(): ScanEnvironment {
  const engine = (): OcrPool => (pool ??= createOcrPool())
  return {
    engine: { recognize: (image, language, signal) => engine().recognize(image, language, signal) },
    get concurrency() {
      return engine().size
    },
    decodeImage,
    encodeImage,
    renderPdfPage
  }
}

/** A PNG, JPEG or WebP decoded by the browser (its size was checked from its header first). */
async function decodeImage(bytes: Uint8Array, format: 'png' | 'jpeg' | 'webp'): Promise<RgbaImage> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `image/${format}` })
  const bitmap = await createImageBitmap(blob)
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2D canvas')
    context.drawImage(bitmap, 0, 0)
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height)
    return { width: bitmap.width, height: bitmap.height, data }
  } finally {
    bitmap.close()
  }
}

function canvasOf(image: RgbaImage | GrayImage): OffscreenCanvas {
  const canvas = new OffscreenCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2D canvas')
  const pixels = context.createImageData(image.width, image.height)
  if (image.data.length === image.width * image.height) {
    for (let i = 0; i < image.data.length; i++) {
      const v = image.data[i]!
      pixels.data[i * 4] = pixels.data[i * 4 + 1] = pixels.data[i * 4 + 2] = v
      pixels.data[i * 4 + 3] = 255
    }
  } else pixels.data.set(image.data)
  context.putImageData(pixels, 0, 0)
  return canvas
}

/** A page compressed to JPEG for storage, scaled so that its longest side is at most `maxSide`. */
async function encodeImage(image: RgbaImage | GrayImage, maxSide: number): Promise<StoredImage> {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height))
  const width = Math.max(1, Math.round(image.width * scale))
  const height = Math.max(1, Math.round(image.height * scale))
  const target = new OffscreenCanvas(width, height)
  const context = target.getContext('2d')
  if (!context) throw new Error('no 2D canvas')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  context.drawImage(canvasOf(image), 0, 0, width, height)
  const blob = await target.convertToBlob({ type: 'image/jpeg', quality: 0.8 })
  return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: 'image/jpeg', width, height }
}

interface RenderablePage {
  getViewport(options: { scale: number }): { width: number; height: number }
  render(options: { canvasContext: CanvasRenderingContext2D; viewport: unknown }): {
    promise: Promise<void>
  }
  cleanup?(): void
}

/** A PDF page drawn by pdf.js on a canvas, white underneath. */
async function renderPdfPage(
  pdf: PdfDocumentLike,
  pageNumber: number,
  scale: number
): Promise<RgbaImage> {
  const page = (await pdf.getPage(pageNumber)) as unknown as RenderablePage
  const viewport = page.getViewport({ scale })
  const canvas = document.createElement('canvas')
  canvas.width = Math.ceil(viewport.width)
  canvas.height = Math.ceil(viewport.height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) throw new Error('no 2D canvas')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  await page.render({ canvasContext: context, viewport }).promise
  const { width, height } = canvas
  const { data } = context.getImageData(0, 0, width, height)
  page.cleanup?.()
  // The pixels are copied out: the canvas's own memory goes now, not when it is collected.
  canvas.width = canvas.height = 0
  return { width, height, data }
}

/** Core's parseDocx in a fresh worker; a refusal comes back as the same ImportError. */
async function parseDocxInWorker(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
  const worker = new Worker(new URL('./docx-worker.ts', import.meta.url), { type: 'module' })
  try {
    // Copied, not transferred: the batch still holds the source.
    return await runWorkerJob<DocxJob, never, ParsedDocument>(worker, { bytes, fileName }, () => {})
      .result
  } catch (error) {
    throw importErrorFrom(error, fileName)
  }
}

/** The worker's ImportError as the importer expects it (an instance, with the file's name). */
export function importErrorFrom(error: unknown, fileName: string): unknown {
  if (error instanceof WorkerJobError && error.name === 'ImportError' && error.code) {
    return new ImportError(error.code as ImportErrorCode, fileName, error.detail ?? '')
  }
  return error
}
