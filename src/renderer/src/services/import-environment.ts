// The browser's side of the import contract: DOMParser (inert documents, scripts never run),
// DOMPurify, pdf.js with its worker, loaded on first use so that start-up stays quick, and Word
// read in a worker of its own.
import DOMPurify from 'dompurify'
import type { ParsedDocument } from '@core/import/parsed'
import { ImportError, type ImportEnvironment, type ImportErrorCode } from '@core/import/types'
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
    parseDocx: parseDocxInWorker
  }
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
