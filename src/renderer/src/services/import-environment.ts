// The browser's side of the import contract: DOMParser (inert documents, scripts never run),
// DOMPurify, and pdf.js with its worker, loaded on first use so that start-up stays quick.
import DOMPurify from 'dompurify'
import type { ImportEnvironment } from '@core/import/types'

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
    }
  }
}
