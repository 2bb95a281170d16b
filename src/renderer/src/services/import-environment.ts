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
import type { RgbaImage } from '@core/scan/read-scan'
import { createOcrPool, type OcrPool } from '@renderer/services/ocr/ocr-pool'
import { encodePageInWorker, preparePageInWorker } from '@renderer/services/ocr/page-prep'
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
    // Compressing and cleaning pages run in a worker of their own: the window stays responsive
    // through a long scan.
    encodeImage: encodePageInWorker,
    preparePage: preparePageInWorker,
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
