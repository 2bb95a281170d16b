// tesseract.js' answer (its `blocks` output) as Liasse's OcrPage: only what the pipeline uses, with
// every field checked, since a worker's answer is data like any other.
import type { OcrPage, OcrWord } from './types'

interface TessWord {
  text?: unknown
  confidence?: unknown
  bbox?: { x0?: unknown; y0?: unknown; x1?: unknown; y1?: unknown }
}
interface TessBlock {
  paragraphs?: Array<{ lines?: Array<{ words?: TessWord[] }> }>
}

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0

export function ocrPageOf(blocks: unknown, width: number, height: number): OcrPage {
  const list = Array.isArray(blocks) ? (blocks as TessBlock[]) : []
  return {
    width,
    height,
    blocks: list.map((block) => ({
      paragraphs: (block.paragraphs ?? []).map((paragraph) => ({
        lines: (paragraph.lines ?? []).map((line) => ({
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
