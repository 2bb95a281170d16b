// TEST ONLY — the sample archive with its first article as a scan: two page images drawn with
// @napi-rs/canvas (each recognised word a dark block where the layout puts it) and the words' boxes
// tied to the text by offsets, as the import stores them. The page break falls inside p-clinton's
// words, so that one passage lies on both pages. Also a page cropper for Node, as the export worker
// crops with OffscreenCanvas.
import { createCanvas, loadImage } from '@napi-rs/canvas'
import type { CropPages } from '../../src/core/dossier/scan-regions'
import { exportScansOf } from '../../src/core/dossier/scan-regions'
import type { ArchiveSnapshot } from '../../src/core/dossier/types'
import type { ScanPage, ScanWord } from '../../src/core/scan/types'
import { scanPageId } from '../../src/core/scan/types'
import { FIXTURE_QUOTES, sampleSnapshot } from './test-fixture'

export const SCANNED_ARTICLE = 'article-1'
export const PAGE_WIDTH = 900
const MARGIN = 40
const LINE = 30
const WORD_HEIGHT = 20
const CHAR_WIDTH = 9

/** The words of `text` laid out in lines on pages, the page break before `breakAt`'s first word. */
function layout(text: string, breakAt: number): { words: ScanWord[]; page: number }[] {
  const placed: { words: ScanWord[]; page: number }[] = [
    { page: 0, words: [] },
    { page: 1, words: [] }
  ]
  let page = 0
  let x = MARGIN
  let y = MARGIN
  for (const match of text.matchAll(/\S+/g)) {
    const start = match.index
    const w = match[0].length * CHAR_WIDTH
    if (page === 0 && start >= breakAt) {
      page = 1
      x = MARGIN
      y = MARGIN
    } else if (x + w > PAGE_WIDTH - MARGIN) {
      x = MARGIN
      y += LINE
    }
    // A little unevenness, as recognised boxes have: heights and tops differ by a pixel or two.
    const wobble = start % 3
    placed[page]!.words.push({
      start,
      end: start + match[0].length,
      x,
      y: y + wobble,
      w,
      h: WORD_HEIGHT - wobble,
      c: 90
    })
    x += w + CHAR_WIDTH
  }
  return placed
}

async function pageImage(
  words: readonly ScanWord[],
  width: number,
  height: number
): Promise<string> {
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, height)
  context.fillStyle = '#202020'
  for (const word of words) context.fillRect(word.x, word.y, word.w, word.h)
  return (await canvas.encode('jpeg', 90)).toString('base64')
}

export interface ScannedFixture {
  /** The sample archive, article-1 marked as scanned; `scans` as the export reads them. */
  snapshot: ArchiveSnapshot
  /** The stored pages of article-1. */
  pages: ScanPage[]
}

/** The sample archive with article-1 scanned; `withImages`: the page images in `scans` too. */
export async function scannedFixture(withImages: boolean): Promise<ScannedFixture> {
  const base = await sampleSnapshot()
  const text = base.texts.get(SCANNED_ARTICLE)!
  const clinton = FIXTURE_QUOTES.find((q) => q.id === 'p-clinton')!.quote
  const breakAt = text.indexOf(clinton) + clinton.indexOf('la candidate')
  const pages: ScanPage[] = []
  for (const { page, words } of layout(text, breakAt)) {
    const height = Math.max(...words.map((w) => w.y + w.h)) + MARGIN
    pages.push({
      id: scanPageId(SCANNED_ARTICLE, page),
      articleId: SCANNED_ARTICLE,
      page,
      width: PAGE_WIDTH,
      height,
      mime: 'image/jpeg',
      image: await pageImage(words, PAGE_WIDTH, height),
      words,
      source: 'ocr'
    })
  }
  const articles = base.articles.map((article) =>
    article.id === SCANNED_ARTICLE
      ? {
          ...article,
          scan: {
            pages: pages.length,
            recognisedPages: pages.length,
            language: 'fra',
            confidence: 90
          }
        }
      : article
  )
  return {
    snapshot: {
      ...base,
      articles,
      scans: exportScansOf(new Map([[SCANNED_ARTICLE, pages]]), withImages)
    },
    pages
  }
}

/** The crops as the export worker makes them, with @napi-rs/canvas instead of OffscreenCanvas. */
export const cropPagesInNode: CropPages = async (image, requests) => {
  const decoded = await loadImage(Buffer.from(image.base64, 'base64'))
  const urls: string[] = []
  for (const { source, width, height } of requests) {
    const canvas = createCanvas(width, height)
    const context = canvas.getContext('2d')
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, width, height)
    context.drawImage(decoded, source.x, source.y, source.w, source.h, 0, 0, width, height)
    urls.push(`data:image/jpeg;base64,${(await canvas.encode('jpeg', 85)).toString('base64')}`)
  }
  return urls
}
