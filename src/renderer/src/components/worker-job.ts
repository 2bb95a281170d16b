// One job in a fresh Web Worker: its progress as it goes, then its result or its error, once;
// Cancel terminates the worker. Workers answer with WorkerJobReply (export, analysis).

export type WorkerJobReply<Progress, Result> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Result }
  | { type: 'error'; message: string }

export class JobCancelled extends Error {
  override readonly name = 'JobCancelled'
}

export interface RunningJob<Result> {
  result: Promise<Result>
  cancel(): void
}

/**
 * Posts `job` to `worker` (made by the caller, where the bundler sees its URL) and follows it.
 * The worker is terminated when the job ends, fails or is cancelled.
 */
export function runWorkerJob<Job, Progress, Result>(
  worker: Worker,
  job: Job,
  onProgress: (progress: Progress) => void
): RunningJob<Result> {
  let fail: (error: Error) => void = () => undefined
  const result = new Promise<Result>((resolve, reject) => {
    fail = reject
    worker.addEventListener('message', (event: MessageEvent<WorkerJobReply<Progress, Result>>) => {
      const reply = event.data
      if (reply.type === 'progress') return onProgress(reply.progress)
      worker.terminate()
      if (reply.type === 'done') resolve(reply.result)
      else reject(new Error(reply.message))
    })
    worker.addEventListener('error', (event) => {
      worker.terminate()
      reject(new Error(event.message || 'worker failed'))
    })
  })
  worker.postMessage(job)
  return {
    result,
    cancel: () => {
      worker.terminate()
      fail(new JobCancelled())
    }
  }
}
