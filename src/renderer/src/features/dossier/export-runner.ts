// Runs one export in a fresh worker: progress as it goes, Cancel terminates the worker (nothing is
// written before the worker hands back the complete file).
import type { ExportJob, ExportReply, ExportStep } from './export-protocol'

export class ExportCancelled extends Error {
  override readonly name = 'ExportCancelled'
}

export interface RunningExport {
  result: Promise<Uint8Array>
  cancel(): void
}

export function startExport(job: ExportJob, onProgress: (step: ExportStep) => void): RunningExport {
  const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' })
  let settle: { reject: (error: Error) => void } | null = null
  const result = new Promise<Uint8Array>((resolve, reject) => {
    settle = { reject }
    worker.addEventListener('message', (event: MessageEvent<ExportReply>) => {
      const reply = event.data
      if (reply.type === 'progress') onProgress(reply.step)
      else {
        worker.terminate()
        if (reply.type === 'done') resolve(reply.bytes)
        else reject(new Error(reply.message))
      }
    })
    worker.addEventListener('error', (event) => {
      worker.terminate()
      reject(new Error(event.message || 'export worker failed'))
    })
  })
  worker.postMessage(job)
  return {
    result,
    cancel() {
      worker.terminate()
      settle?.reject(new ExportCancelled())
    }
  }
}
