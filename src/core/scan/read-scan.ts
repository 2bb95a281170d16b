// The recognition pipeline: the pages of one file (image frames, or a PDF's pages) in, one text
// and one stored page per page out. Pages are rendered one after another on the caller's side and
// recognised by the host's engine several at a time (its pool), in order; the language is found
// from the first page when the user left it to Liasse. Nothing is stored here: the caller stores
// the article and its pages in one transaction, so a crash or a Cancel mid-file leaves nothing.
import { largestHeading, RunningLines, type HeadingLine } from '../import/pdf-heading'
import { detectLanguage } from '../import/language'
import { normalizeText } from '../text/normalize'
import { layoutPage } from './layout'
import { toGray, type RgbaImage } from './gray'
import { movesToOriginal, prepareForOcr, type PageMove } from './preprocess'
import type {
  GrayImage,
  OcrEngine,
  OcrLanguage,
  ScanLimits,
  ScanPage,
  ScanSummary,
  ScanWord
} from './types'

export type { RgbaImage } from './gray'
export { toGray } from './gray'

/** A compressed image, ready to store. */
export interface StoredImage {
  bytes: Uint8Array
  mime: string
  width: number
  height: number
}

/** What the pipeline needs from its host (the app's worker pool and canvases, or Node's). */
export interface ScanHost {
  engine: OcrEngine
  /** How many pages the engine reads at once: the pool's size. */
  concurrency: number
  /** Compresses a page for storage, scaled down so that its longest side is at most `maxSide`. */
  encodeImage(image: RgbaImage | GrayImage, maxSide: number): Promise<StoredImage>
  /**
   * Prepares a page for recognition (grey, cleaned: prepareForOcr) and compresses it for storage,
   * elsewhere than here (the app: in a worker, off the window's thread). Without it, both are
   * done here. `image` may be handed over (its buffer transferred): it is not used after.
   */
  preparePage?(image: RgbaImage | GrayImage, maxSide: number): Promise<PreparedForOcr>
}

/** A page made ready for recognition, and for storage. */
export interface PreparedForOcr {
  /** The grey page recognition reads. */
  image: GrayImage
  /** How it was moved from the page as it came (see prepareForOcr). */
  moves: PageMove[]
  stored: StoredImage
}

/** A page to read: its text layer (kept as it is), or only its image (recognised). */
export type PageSource =
  | {
      kind: 'text'
      text: string
      lines: HeadingLine[]
      image?: () => Promise<RgbaImage | GrayImage>
    }
  | { kind: 'image'; image: () => Promise<RgbaImage | GrayImage> }

export interface ScanProgress {
  /** Pages finished. */
  done: number
  total: number
}

export interface ScanOptions {
  limits: ScanLimits
  signal?: AbortSignal
  onPage?(progress: ScanProgress): void
}

export type ScanPageDraft = Omit<ScanPage, 'articleId' | 'id'>

export interface ScanRead {
  /** The whole text, normalized: pages joined by a blank line. */
  text: string
  pages: ScanPageDraft[]
  summary: ScanSummary
  /** The first page's largest heading, '' if none stands out. */
  heading: string
}

interface PageResult {
  text: string
  lines: HeadingLine[]
  draft: ScanPageDraft
  /** Sum and count of word confidences (recognised pages). */
  confidence?: { sum: number; count: number }
}

export async function readScan(
  total: number,
  pageAt: (index: number) => PageSource | Promise<PageSource>,
  host: ScanHost,
  options: ScanOptions
): Promise<ScanRead> {
  const { limits, signal } = options
  let language: OcrLanguage | undefined = limits.language === 'auto' ? undefined : limits.language
  const results: PageResult[] = new Array<PageResult>(total)
  let done = 0
  const finish = (index: number, result: PageResult): void => {
    results[index] = result
    options.onPage?.({ done: ++done, total })
  }

  const readPage = async (index: number, source: PageSource, lang: OcrLanguage): Promise<void> => {
    signal?.throwIfAborted()
    finish(index, await pageResult(source, lang, host, limits, signal))
  }

  let next = 0
  // Auto: the first recognised page is read with both languages, and tells which to use after.
  if (language === undefined) {
    while (next < total && language === undefined) {
      const source = await pageAt(next)
      await readPage(next, source, 'fra+eng')
      // A text layer long enough to tell decides too (a mixed PDF), before any page is recognised.
      const text = results[next]!.text
      const telling = source.kind === 'image' || (text.match(/\p{L}/gu)?.length ?? 0) >= 200
      if (telling || next === total - 1) language = languageOf(text)
      next++
    }
  }
  const lang = language ?? 'fra+eng'
  // The rest: one page more than the engine reads at once, so that the next page is drawn and
  // prepared while the engine reads; each further page is drawn as a slot frees.
  const running = new Set<Promise<void>>()
  let failure: unknown
  while (next < total && failure === undefined) {
    signal?.throwIfAborted()
    const index = next++
    const source = await pageAt(index)
    const job = readPage(index, source, lang).catch((error: unknown) => {
      failure ??= error
    })
    running.add(job)
    void job.finally(() => running.delete(job))
    if (running.size >= Math.max(1, host.concurrency) + 1) await Promise.race(running)
  }
  await Promise.all(running)
  if (failure !== undefined) throw failure
  return assemble(results, lang)
}

async function pageResult(
  source: PageSource,
  lang: OcrLanguage,
  host: ScanHost,
  limits: ScanLimits,
  signal: AbortSignal | undefined
): Promise<PageResult> {
  if (source.kind === 'text') {
    const text = normalizeText(source.text)
    const stored = source.image
      ? await host.encodeImage(await source.image(), limits.maxStoredSide)
      : null
    const draft: ScanPageDraft = stored
      ? { page: 0, ...storedFields(stored), words: [], source: 'text' }
      : { page: 0, width: 0, height: 0, mime: '', image: '', words: [], source: 'text' }
    return { text, lines: source.lines, draft }
  }
  const image = await source.image()
  const { width, height } = image
  const { prepared, stored } = await preparedPage(image, host, limits.maxStoredSide)
  const page = await host.engine.recognize(prepared.image, lang, signal)
  const layout = layoutPage(page)
  // Boxes are found on the prepared image: back to the original's frame, then to the stored size.
  const toOriginal = movesToOriginal(prepared.moves)
  const sx = stored.width / width
  const sy = stored.height / height
  const words: ScanWord[] = layout.words.map((word) => {
    const box = toOriginal(word)
    return {
      start: word.start,
      end: word.end,
      x: Math.round(box.x * sx),
      y: Math.round(box.y * sy),
      w: Math.max(1, Math.round(box.w * sx)),
      h: Math.max(1, Math.round(box.h * sy)),
      c: word.c
    }
  })
  const sum = words.reduce((total, word) => total + word.c, 0)
  return {
    text: layout.text,
    lines: layout.lines,
    draft: { page: 0, ...storedFields(stored), words, source: 'ocr' },
    confidence: { sum, count: words.length }
  }
}

/** The host's preparation, else prepareForOcr and the host's encoder here. */
async function preparedPage(
  image: RgbaImage | GrayImage,
  host: ScanHost,
  maxSide: number
): Promise<{ prepared: Omit<PreparedForOcr, 'stored'>; stored: StoredImage }> {
  if (host.preparePage) {
    const { stored, ...prepared } = await host.preparePage(image, maxSide)
    return { prepared, stored }
  }
  const [prepared, stored] = [prepareForOcr(toGray(image)), await host.encodeImage(image, maxSide)]
  return { prepared, stored }
}

function storedFields(
  stored: StoredImage
): Pick<ScanPageDraft, 'width' | 'height' | 'mime' | 'image'> {
  return {
    width: stored.width,
    height: stored.height,
    mime: stored.mime,
    image: toBase64(stored.bytes)
  }
}

/** French, English, or both when the text cannot tell (too short, or another language). */
export function languageOf(text: string): OcrLanguage {
  const code = detectLanguage(text)
  if (code === 'fr') return 'fra'
  if (code === 'en') return 'eng'
  return 'fra+eng'
}

/** Pages joined by a blank line; each page's words moved by where the page starts in the text. */
function assemble(results: PageResult[], lang: OcrLanguage): ScanRead {
  let text = ''
  const pages: ScanPageDraft[] = []
  const running = new RunningLines()
  let sum = 0
  let count = 0
  results.forEach((result, index) => {
    running.addPage(result.lines)
    if (result.text !== '' && text !== '') text += '\n\n'
    const offset = text.length
    text += result.text
    pages.push({
      ...result.draft,
      page: index,
      start: offset,
      words: result.draft.words.map((word) => ({
        ...word,
        start: word.start + offset,
        end: word.end + offset
      }))
    })
    if (result.confidence) {
      sum += result.confidence.sum
      count += result.confidence.count
    }
  })
  const recognisedPages = results.filter((r) => r.draft.source === 'ocr').length
  return {
    text,
    pages,
    summary: {
      pages: results.length,
      recognisedPages,
      language: lang,
      confidence: count ? Math.round(sum / count) : 0
    },
    heading: largestHeading(results[0]?.lines ?? [], running.keys())
  }
}

/** Bytes as base64, in chunks (a page image is too long for one String.fromCharCode call). */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}
