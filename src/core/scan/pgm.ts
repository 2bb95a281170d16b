// A grey page as a binary PGM (P5) file: the one image format Tesseract's Leptonica reads with no
// decoder behind it, and one that costs nothing to write (a header, then the pixels as they are).
import type { GrayImage } from './types'

export function encodePgm(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`)
  const file = new Uint8Array(header.length + image.data.length)
  file.set(header)
  file.set(image.data, header.length)
  return file
}
