// Page images with OffscreenCanvas, on the window's thread or in a worker: a raster drawn on a
// canvas, and compressed to JPEG for storage, scaled to the size limit.
import { toRgba } from '@core/scan/gray'
import type { RgbaImage, StoredImage } from '@core/scan/read-scan'
import type { GrayImage } from '@core/scan/types'

/** A canvas holding `image` (grey pages drawn as grey RGB). */
export function canvasOf(image: RgbaImage | GrayImage): OffscreenCanvas {
  const canvas = new OffscreenCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2D canvas')
  const pixels = context.createImageData(image.width, image.height)
  pixels.data.set(toRgba(image))
  context.putImageData(pixels, 0, 0)
  return canvas
}

/** A page compressed to JPEG for storage, scaled so that its longest side is at most `maxSide`. */
export async function encodePageImage(
  image: RgbaImage | GrayImage,
  maxSide: number
): Promise<StoredImage> {
  const scale = Math.min(1, maxSide / Math.max(image.width, image.height))
  const width = Math.max(1, Math.round(image.width * scale))
  const height = Math.max(1, Math.round(image.height * scale))
  const target = new OffscreenCanvas(width, height)
  const context = target.getContext('2d')
  if (!context) throw new Error('no 2D canvas')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  context.drawImage(canvasOf(image), 0, 0, width, height)
  const blob = await target.convertToBlob({ type: 'image/jpeg', quality: 0.8 })
  return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: 'image/jpeg', width, height }
}
