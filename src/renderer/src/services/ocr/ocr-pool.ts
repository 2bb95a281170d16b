// The recognition pool: tesseract.js workers (Web Workers running Tesseract's WebAssembly build),
// never the UI thread, as many as the machine can spare. Everything they load ships with the app
// (ocr/ beside index.html, see vite.web.config.ts): the worker script, the core and the French
// and English language data; nothing is fetched from elsewhere.
// The language data reaches the workers through tesseract.js' IndexedDB cache, filled here from
// the shipped files: a worker's fetch() cannot read file:// URLs in Electron (electron#44661),
// where XMLHttpRequest on the page can. Cancel terminates the workers at once; the pool is made
// again on the next page to read.
import { get as cacheGet, set as cacheSet } from 'idb-keyval'
import { createScheduler, createWorker, type Scheduler } from 'tesseract.js'
import { encodePgm } from '@core/scan/pgm'
import { ocrPageOf, RECOGNITION_PARAMETERS } from '@core/scan/tesseract-result'
import type { GrayImage, OcrEngine, OcrLanguage, OcrPage } from '@core/scan/types'

/** Workers left idle this long are stopped: each holds its model (about 100 MB) in memory. */
const IDLE_MS = 60_000

/** One worker per core but one (the UI keeps a core), at most four. */
export function poolSize(cores = navigator.hardwareConcurrency || 2): number {
  return Math.max(1, Math.min(4, cores - 1))
}

/** The URL of a file shipped in ocr/, next to the page. */
function shipped(path: string): string {
  return new URL(`ocr/${path}`, document.baseURI).href
}

/** Where the shipped language data is kept in tesseract.js' cache: named after its version. */
const CACHE_PATH = 'liasse-ocr/4.0.0_best_int'

/** A shipped file's bytes, read with XMLHttpRequest (which reads file:// in Electron). */
function readShipped(path: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('GET', shipped(path))
    request.responseType = 'arraybuffer'
    request.onload = () =>
      request.status === 200 || (request.status === 0 && request.response)
        ? resolve(new Uint8Array(request.response as ArrayBuffer))
        : reject(new Error(`${path}: ${request.status}`))
    request.onerror = () => reject(new Error(`${path}: not readable`))
    request.send()
  })
}

/** Puts each language's data in the cache the workers read, once per version of the data. */
async function primeLanguages(codes: readonly string[]): Promise<void> {
  for (const code of codes) {
    const key = `${CACHE_PATH}/${code}.traineddata`
    if ((await cacheGet(key)) !== undefined) continue
    await cacheSet(key, await readShipped(`lang/${code}.traineddata.gz`))
  }
}

export interface OcrPool extends OcrEngine {
  readonly size: number
  /** Stops every worker (Cancel, or idle). Pages being read reject. */
  terminate(): Promise<void>
}

export function createOcrPool(size = poolSize()): OcrPool {
  /** One scheduler per language set, its workers made on first use. */
  const schedulers = new Map<OcrLanguage, Promise<Scheduler>>()
  let idle: ReturnType<typeof setTimeout> | undefined
  let busy = 0

  const make = async (language: OcrLanguage): Promise<Scheduler> => {
    await primeLanguages(language.split('+'))
    const scheduler = createScheduler()
    const workers = await Promise.all(
      Array.from({ length: size }, () =>
        createWorker(language.split('+'), 1, {
          workerPath: shipped('worker.min.js'),
          corePath: shipped('core'),
          langPath: shipped('lang'),
          workerBlobURL: false,
          // Read from the cache primed above; never written by tesseract.js.
          cacheMethod: 'readOnly',
          cachePath: CACHE_PATH,
          gzip: true
        }).then(async (worker) => {
          await worker.setParameters(RECOGNITION_PARAMETERS as never)
          return worker
        })
      )
    )
    workers.forEach((worker) => scheduler.addWorker(worker))
    return scheduler
  }

  const terminate = async (): Promise<void> => {
    clearTimeout(idle)
    const all = [...schedulers.values()]
    schedulers.clear()
    await Promise.all(
      all.map((s) => s.then((scheduler) => scheduler.terminate()).catch(() => undefined))
    )
  }

  const recognize = async (
    image: GrayImage,
    language: OcrLanguage,
    signal?: AbortSignal
  ): Promise<OcrPage> => {
    signal?.throwIfAborted()
    clearTimeout(idle)
    busy++
    try {
      let scheduler = schedulers.get(language)
      if (!scheduler) {
        // Another language's workers are stopped first: two models at once would double memory.
        await terminate()
        const made = make(language)
        schedulers.set(language, made)
        // A pool that could not start (its data unreadable) is not kept: the next page tries again.
        made.catch(() => {
          if (schedulers.get(language) === made) schedulers.delete(language)
        })
        scheduler = made
      }
      const job = scheduler.then((s) =>
        s.addJob('recognize', encodePgm(image) as never, {}, { blocks: true, text: false })
      )
      const aborted = new Promise<never>((_, reject) => {
        if (!signal) return
        const onAbort = (): void => {
          void terminate()
          reject(signal.reason)
        }
        signal.addEventListener('abort', onAbort, { once: true })
        void job.finally(() => signal.removeEventListener('abort', onAbort)).catch(() => undefined)
      })
      const result = await Promise.race([job, aborted])
      return ocrPageOf(result.data.blocks, image.width, image.height)
    } finally {
      busy--
      if (busy === 0) idle = setTimeout(() => void terminate(), IDLE_MS)
    }
  }

  return { size, recognize, terminate }
}
