// Passages on scans in exports: where a quote sits on its pages (the W3C export's image regions)
// and the crops of the page images the HTML dossier can show under a quote. Core stays DOM-free:
// decoding and cropping images is the host's, passed in as a `CropPages` (OffscreenCanvas in the
// export worker, @napi-rs/canvas in Node tests).
import type { Span } from '../archive/article'
import type { Box, ScanPage } from '../scan/types'
import { unionBox } from '../scan/words'
import type { DossierDocument } from './types'

/**
 * A scanned page as an export needs it: its size and its words' boxes, tied to the text by offsets
 * (no confidence, no text). `image` is there only when the HTML dossier shows crops: the JSON-LD
 * needs the boxes alone, and page images are megabytes each.
 */
export interface ExportScanPage {
  /** 0-based place of the page in the article. */
  page: number
  /** The stored page image's size in pixels: the frame of every box. */
  width: number
  height: number
  words: Array<Span & Box>
  image?: { mime: string; base64: string }
}

/** Scanned articles' pages by article id, in page order. */
export type ExportScans = ReadonlyMap<string, readonly ExportScanPage[]>

/** The stored pages, reduced to what an export takes (images only when `withImages`). */
export function exportScansOf(
  pages: ReadonlyMap<string, readonly ScanPage[]>,
  withImages: boolean
): Map<string, ExportScanPage[]> {
  const scans = new Map<string, ExportScanPage[]>()
  for (const [articleId, list] of pages) {
    scans.set(
      articleId,
      [...list]
        .sort((a, b) => a.page - b.page)
        .map((page) => ({
          page: page.page,
          width: page.width,
          height: page.height,
          words: page.words.map(({ start, end, x, y, w, h }) => ({ start, end, x, y, w, h })),
          ...(withImages ? { image: { mime: page.mime, base64: page.image } } : {})
        }))
    )
  }
  return scans
}

/** Where a passage sits on one page: the smallest box holding its words, in image pixels. */
export interface PageRegion {
  /** 0-based page. */
  page: number
  /** The page image's size, the frame of `box`. */
  width: number
  height: number
  /** Whole pixels, inside the image, never empty. */
  box: Box
}

/**
 * The regions of `span` on its pages, one per page it touches (a passage across a page break has
 * two), in page order. A page with no word under the span (a text-layer page of a mixed PDF) has
 * none: nothing there says where the words are.
 */
export function passageRegions(pages: readonly ExportScanPage[], span: Span): PageRegion[] {
  const regions: PageRegion[] = []
  for (const page of pages) {
    // The words the span overlaps (as wordsInSpan, on words without their confidence).
    const union = unionBox(page.words.filter((w) => w.start < span.end && w.end > span.start))
    if (!union) continue
    const box = wholePixels(union, page.width, page.height)
    if (box) regions.push({ page: page.page, width: page.width, height: page.height, box })
  }
  return regions
}

/** A box rounded outwards to whole pixels and clipped to the image; null if nothing is left. */
function wholePixels(box: Box, width: number, height: number): Box | null {
  const x = Math.max(0, Math.floor(box.x))
  const y = Math.max(0, Math.floor(box.y))
  const right = Math.min(width, Math.ceil(box.x + box.w))
  const bottom = Math.min(height, Math.ceil(box.y + box.h))
  if (right <= x || bottom <= y) return null
  return { x, y, w: right - x, h: bottom - y }
}

/** One crop asked of the host: a box of the page image, drawn at `width` × `height` pixels. */
export interface CropRequest {
  source: Box
  width: number
  height: number
}

/**
 * Crops one page image: decodes it once, draws each request's source box at its size, and gives
 * back each crop as a `data:image/jpeg;base64,…` URL, in the order asked.
 */
export type CropPages = (
  image: { mime: string; base64: string; width: number; height: number },
  requests: readonly CropRequest[]
) => Promise<string[]>

const JPEG_DATA_URL = /^data:image\/jpeg;base64,[A-Za-z0-9+/]+={0,2}$/

/** One crop under a quote. */
export interface QuoteCrop {
  /** 1-based page, as the reader counts. */
  page: number
  /** `data:image/jpeg;base64,…` */
  src: string
  width: number
  height: number
}

/** Margin around the words, in page pixels: a crop shows the words, not their clipped edges. */
export const CROP_MARGIN = 16
/** A crop wider than this is scaled down: a quote's region, not a second copy of the page. */
export const CROP_MAX_WIDTH = 1000

/** The source box of a region's crop (its margin clipped to the page) and the size to draw it. */
export function cropRequest(region: PageRegion, margin = CROP_MARGIN): CropRequest {
  const x = Math.max(0, region.box.x - margin)
  const y = Math.max(0, region.box.y - margin)
  const right = Math.min(region.width, region.box.x + region.box.w + margin)
  const bottom = Math.min(region.height, region.box.y + region.box.h + margin)
  const source = { x, y, w: right - x, h: bottom - y }
  const scale = Math.min(1, CROP_MAX_WIDTH / source.w)
  return {
    source,
    width: Math.max(1, Math.round(source.w * scale)),
    height: Math.max(1, Math.round(source.h * scale))
  }
}

/**
 * The crops of every quote on a scan whose page images are at hand, by passage id. Each page is
 * decoded once for all the quotes on it. A quote that is orphaned, or on a born-digital article,
 * has none.
 */
export async function quoteCrops(
  doc: DossierDocument,
  scans: ExportScans,
  crop: CropPages
): Promise<Map<string, QuoteCrop[]>> {
  // Requests grouped by page, each remembering whose it is.
  const byPage = new Map<
    ExportScanPage,
    { passageId: string; order: number; page: number; request: CropRequest }[]
  >()
  const seen = new Set<string>()
  for (const quote of doc.quotes) {
    const pages = scans.get(quote.article.id)
    if (!quote.span || !pages || seen.has(quote.passage.id)) continue
    seen.add(quote.passage.id)
    passageRegions(pages, quote.span).forEach((region, order) => {
      const page = pages.find((p) => p.page === region.page)!
      if (!page.image) return
      const list = byPage.get(page) ?? []
      list.push({
        passageId: quote.passage.id,
        order,
        page: page.page,
        request: cropRequest(region)
      })
      byPage.set(page, list)
    })
  }
  const found: { passageId: string; order: number; crop: QuoteCrop }[] = []
  for (const [page, asked] of byPage) {
    const image = { ...page.image!, width: page.width, height: page.height }
    const urls = await crop(
      image,
      asked.map((a) => a.request)
    )
    asked.forEach((a, i) => {
      const src = urls[i]
      // Only an image the dossier's CSP lets in (`img-src data:`), and only JPEG, as asked.
      if (typeof src !== 'string' || !JPEG_DATA_URL.test(src)) {
        throw new Error('A page crop is not a JPEG data URL')
      }
      found.push({
        passageId: a.passageId,
        order: a.order,
        crop: { page: a.page + 1, src, width: a.request.width, height: a.request.height }
      })
    })
  }
  const crops = new Map<string, QuoteCrop[]>()
  for (const entry of found.sort((a, b) => a.order - b.order)) {
    const list = crops.get(entry.passageId) ?? []
    list.push(entry.crop)
    crops.set(entry.passageId, list)
  }
  return crops
}
