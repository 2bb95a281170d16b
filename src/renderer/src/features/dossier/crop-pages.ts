// Page crops for the HTML dossier, drawn with the platform's canvas: runs in the export worker
// (OffscreenCanvas and createImageBitmap exist in Chromium's workers), off the UI thread.
import type { CropPages } from '@core/dossier/scan-regions'

/** JPEG quality of a crop: print stays legible, a quote's crop stays some tens of kilobytes. */
const QUALITY = 0.85

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('The page crop could not be read'))
    reader.readAsDataURL(blob)
  })
}

export const cropPagesWithCanvas: CropPages = async (image, requests) => {
  if (typeof OffscreenCanvas === 'undefined' || typeof createImageBitmap !== 'function') {
    throw new Error('This window cannot draw page images (no OffscreenCanvas)')
  }
  // Decoded once for every crop of the page.
  const bitmap = await createImageBitmap(new Blob([bytesOf(image.base64)], { type: image.mime }))
  try {
    const urls: string[] = []
    for (const { source, width, height } of requests) {
      const canvas = new OffscreenCanvas(width, height)
      const context = canvas.getContext('2d')
      if (!context) throw new Error('No 2D canvas for the page crop')
      // JPEG has no transparency: a white ground under a PNG page with an alpha channel.
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, width, height)
      context.drawImage(bitmap, source.x, source.y, source.w, source.h, 0, 0, width, height)
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY })
      urls.push(await dataUrlOf(blob))
    }
    return urls
  } finally {
    bitmap.close()
  }
}
