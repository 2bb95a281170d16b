// TEST ONLY — page images with a known text, drawn with @napi-rs/canvas: paragraphs of lines in a
// serif face, in one or two columns, at a given resolution; each drawn word's box is returned so
// that tests can check where recognition put it.
import { createCanvas } from '@napi-rs/canvas'

export interface DrawnWord {
  text: string
  x: number
  y: number
  w: number
  h: number
}

export interface DrawnPage {
  width: number
  height: number
  png: Uint8Array
  words: DrawnWord[]
}

export interface PageSpec {
  /** Paragraphs of each column, in reading order; each paragraph a list of lines. */
  columns: string[][][]
  width?: number
  height?: number
  fontSize?: number
  /** A larger first line above the columns (a headline). */
  headline?: string
}

export function drawPage(spec: PageSpec): DrawnPage {
  const width = spec.width ?? 1700
  const height = spec.height ?? 2200
  const size = spec.fontSize ?? 34
  const canvas = createCanvas(width, height)
  const g = canvas.getContext('2d')
  g.fillStyle = '#fff'
  g.fillRect(0, 0, width, height)
  g.fillStyle = '#000'
  g.textBaseline = 'alphabetic'
  const words: DrawnWord[] = []
  const margin = 120
  let top = margin
  const drawLine = (line: string, x: number, y: number, font: string, fontPx: number): void => {
    g.font = font
    let cursor = x
    for (const word of line.split(' ')) {
      const w = g.measureText(word).width
      g.fillText(word, cursor, y)
      words.push({ text: word, x: cursor, y: y - fontPx * 0.8, w, h: fontPx })
      cursor += w + g.measureText(' ').width
    }
  }
  if (spec.headline) {
    const big = Math.round(size * 1.8)
    drawLine(spec.headline, margin, top + big, `bold ${big}px serif`, big)
    top += big * 2.2
  }
  const gutter = 80
  const columnWidth =
    (width - 2 * margin - gutter * (spec.columns.length - 1)) / spec.columns.length
  spec.columns.forEach((paragraphs, c) => {
    const x = margin + c * (columnWidth + gutter)
    let y = top + size
    for (const paragraph of paragraphs) {
      for (const line of paragraph) {
        drawLine(line, x, y, `${size}px serif`, size)
        y += size * 1.4
      }
      y += size * 1.2
    }
  })
  return { width, height, png: new Uint8Array(canvas.toBuffer('image/png')), words }
}
