// The page preparation worker: a decoded page in (its pixels handed over, not copied), the grey
// page cleaned for recognition (prepareForOcr) and its JPEG for storage out, so that neither
// costs the window's thread anything. One page at a time, in the order asked.
import { prepareForOcr } from '@core/scan/preprocess'
import { toGray, type RgbaImage } from '@core/scan/gray'
import type { GrayImage } from '@core/scan/types'
import { serializeError } from '@renderer/services/worker-job'
import { encodePageImage } from './page-image'
import type { PrepRequest, PrepReply } from './page-prep'

const post = (reply: PrepReply, transfer: Transferable[] = []): void =>
  (self as unknown as Worker).postMessage(reply, transfer)

self.addEventListener('message', (event: MessageEvent<PrepRequest>) => {
  const { id, kind, image, maxSide } = event.data
  void (async () => {
    try {
      const stored = await encodePageImage(image as RgbaImage | GrayImage, maxSide)
      if (kind === 'encode') {
        post({ id, ok: true, stored }, [stored.bytes.buffer])
        return
      }
      const prepared = prepareForOcr(toGray(image))
      const gray = prepared.image
      post({ id, ok: true, stored, image: gray, moves: prepared.moves }, [
        stored.bytes.buffer,
        gray.data.buffer
      ])
    } catch (error) {
      post({ id, ok: false, error: serializeError(error) })
    }
  })()
})
