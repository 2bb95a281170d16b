// tesseract.js' answer (its `blocks` output) as Liasse's OcrPage: only what the pipeline uses, with
// every field checked, since a worker's answer is data like any other.
import type { OcrPage, OcrWord } from './types'

/**
 * Parameters every recognition worker is set with. Page segmentation "auto" (PSM 3), as the
 * Tesseract command line uses: tesseract.js defaults to one uniform block (PSM 6), which reads a
 * two-column page line across both columns (69 % CER on the bench's column pages, 0 % with 3).
 */
export const RECOGNITION_PARAMETERS = { tessedit_pageseg_mode: '3' } as const

interface TessWord {
  text?: unknown
  confidence?: unknown
  bbox?: { x0?: unknown; y0?: unknown; x1?: unknown; y1?: unknown }
}
interface TessLine {
  words?: TessWord[]
  rowAttributes?: { rowHeight?: unknown }
  baseline?: { y0?: unknown }
}
interface TessBlock {
  paragraphs?: Array<{ lines?: TessLine[] }>
}

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0

/** `{ [key]: value }` for a finite positive number, else nothing. */
function positive<K extends string>(key: K, value: unknown): Partial<Record<K, number>> {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? ({ [key]: value } as Record<K, number>)
    : {}
}

export function ocrPageOf(blocks: unknown, width: number, height: number): OcrPage {
  const list = Array.isArray(blocks) ? (blocks as TessBlock[]) : []
  return {
    width,
    height,
    blocks: list.map((block) => ({
      paragraphs: (block.paragraphs ?? []).map((paragraph) => ({
        lines: (paragraph.lines ?? []).map((line) => ({
          ...positive('size', line.rowAttributes?.rowHeight),
          ...positive('baseline', line.baseline?.y0),
          words: (line.words ?? []).flatMap((word): OcrWord[] =>
            typeof word.text === 'string'
              ? [
                  {
                    text: word.text,
                    confidence: num(word.confidence),
                    bbox: {
                      x0: num(word.bbox?.x0),
                      y0: num(word.bbox?.y0),
                      x1: num(word.bbox?.x1),
                      y1: num(word.bbox?.y1)
                    }
                  }
                ]
              : []
          )
        }))
      }))
    }))
  }
}
