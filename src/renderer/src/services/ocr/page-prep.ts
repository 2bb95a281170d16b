// Runs page preparation in its worker (page-prep.worker.ts): one long-lived worker, jobs answered
// by id. A worker that fails takes its pending jobs with it, and a new one is made for the next.
import type { PreparedForOcr, RgbaImage, StoredImage } from '@core/scan/read-scan'
import type { PageMove } from '@core/scan/preprocess'
import type { GrayImage } from '@core/scan/types'
import { rehydrateError, type SerializedError } from '@renderer/services/worker-job'

export interface PrepRequest {
  id: number
  kind: 'prepare' | 'encode'
  image: RgbaImage | GrayImage
  maxSide: number
}

export type PrepReply =
  | { id: number; ok: true; stored: StoredImage; image?: GrayImage; moves?: PageMove[] }
  | { id: number; ok: false; error: SerializedError }

let worker: Worker | null = null
let nextId = 0
const pending = new Map<
  number,
  { resolve: (reply: PrepReply) => void; reject: (e: Error) => void }
>()

function prepWorker(): Worker {
  if (worker) return worker
  const made = new Worker(new URL('./page-prep.worker.ts', import.meta.url), { type: 'module' })
  made.addEventListener('message', (event: MessageEvent<PrepReply>) => {
    const job = pending.get(event.data.id)
    pending.delete(event.data.id)
    job?.resolve(event.data)
  })
  made.addEventListener('error', (event) => {
    const error = new Error(event.message || 'page preparation failed')
    for (const job of pending.values()) job.reject(error)
    pending.clear()
    made.terminate()
    if (worker === made) worker = null
  })
  worker = made
  return made
}

function run(
  kind: PrepRequest['kind'],
  image: RgbaImage | GrayImage,
  maxSide: number
): Promise<PrepReply> {
  const id = ++nextId
  return new Promise<PrepReply>((resolve, reject) => {
    pending.set(id, { resolve, reject })
    // The pixels are handed over: the caller does not use the page after.
    prepWorker().postMessage({ id, kind, image, maxSide } satisfies PrepRequest, [
      image.data.buffer as ArrayBuffer
    ])
  })
}

/** The page cleaned for recognition and compressed for storage, in the worker. */
export async function preparePageInWorker(
  image: RgbaImage | GrayImage,
  maxSide: number
): Promise<PreparedForOcr> {
  const reply = await run('prepare', image, maxSide)
  if (!reply.ok) throw rehydrateError({ message: reply.error.message, error: reply.error })
  if (!reply.image || !reply.moves) throw new Error('page preparation gave no page')
  return { image: reply.image, moves: reply.moves, stored: reply.stored }
}

/** The page compressed for storage, in the worker. */
export async function encodePageInWorker(
  image: RgbaImage | GrayImage,
  maxSide: number
): Promise<StoredImage> {
  const reply = await run('encode', image, maxSide)
  if (!reply.ok) throw rehydrateError({ message: reply.error.message, error: reply.error })
  return reply.stored
}
