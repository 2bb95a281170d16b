// Page rasters: a decoded page as canvases give it (RGBA), and its grey levels, which is what
// cleaning and recognition read.
import type { GrayImage } from './types'

/** A decoded page, 4 bytes a pixel (RGBA), as canvases give them. */
export interface RgbaImage {
  width: number
  height: number
  data: Uint8Array | Uint8ClampedArray
}

/** A page's grey levels (luma; transparent pixels over white). */
export function toGray(image: RgbaImage | GrayImage): GrayImage {
  const { width, height, data } = image
  if (data.length === width * height) return { width, height, data: data as Uint8Array }
  const gray = new Uint8Array(width * height)
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    const alpha = data[p + 3]! / 255
    const luma = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!
    gray[i] = Math.round(luma * alpha + 255 * (1 - alpha))
  }
  return { width, height, data: gray }
}

/** A page's pixels as RGBA, ready for a canvas: grey pages spread to grey RGB, opaque. */
export function toRgba(image: RgbaImage | GrayImage): Uint8ClampedArray {
  const { width, height, data } = image
  if (data.length !== width * height) return new Uint8ClampedArray(data)
  const rgba = new Uint8ClampedArray(width * height * 4)
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    rgba[p] = rgba[p + 1] = rgba[p + 2] = data[i]!
    rgba[p + 3] = 255
  }
  return rgba
}
