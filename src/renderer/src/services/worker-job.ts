// One job in a fresh Web Worker: its progress as it goes, then its result or its error, once;
// Cancel terminates the worker, and so does an optional time limit. Workers answer with WorkerJobReply.

/**
 * A typed error as it crosses the worker boundary: structured clone keeps neither the class nor
 * extra fields reliably, so the worker sends these plain fields and the runner rebuilds an error.
 */
export interface SerializedError {
  name: string
  message: string
  /** The failure's code (`zipBomb`, `notJson`, `tooLarge`…), which the UI translates. */
  code?: string
  /** Which entry, record or figure: shown inside some messages, and logged. */
  detail?: string
}

export type WorkerJobReply<Progress, Result> =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: Result }
  // `error` is set by workers whose failures carry a code (dossier import); others send a message.
  | { type: 'error'; message: string; error?: SerializedError }

export class JobCancelled extends Error {
  override readonly name = 'JobCancelled'
}

/** The job ran past its time limit: the worker was stopped; `detail` is the limit in seconds. */
export class JobTimedOut extends Error {
  override readonly name = 'JobTimedOut'
  readonly code = 'timeLimit'
  readonly detail: string
  constructor(readonly limitMs: number) {
    super(`timeLimit: ${limitMs} ms`)
    const seconds = limitMs / 1000
    this.detail = String(seconds >= 10 ? Math.round(seconds) : Math.round(seconds * 10) / 10)
  }
}

/** An error thrown in a worker, rebuilt on this side with its name, code and detail. */
export class WorkerJobError extends Error {
  override readonly name: string
  readonly code?: string
  readonly detail?: string
  constructor(serialized: SerializedError) {
    super(serialized.message)
    this.name = serialized.name
    if (serialized.code !== undefined) this.code = serialized.code
    if (serialized.detail !== undefined) this.detail = serialized.detail
  }
}

/** The plain, cloneable fields of whatever a worker caught (strings only; anything else dropped). */
export function serializeError(error: unknown): SerializedError {
  if (error === null || typeof error !== 'object') {
    return { name: 'Error', message: String(error) }
  }
  const { name, message, code, detail } = error as Record<string, unknown>
  const serialized: SerializedError = {
    name: typeof name === 'string' && name ? name : 'Error',
    message: typeof message === 'string' ? message : String(error)
  }
  if (typeof code === 'string') serialized.code = code
  if (typeof detail === 'string') serialized.detail = detail
  return serialized
}

/** The error the runner rejects with: rebuilt from `error` when the worker sent one. */
export function rehydrateError(reply: { message: string; error?: SerializedError }): Error {
  return reply.error ? new WorkerJobError(reply.error) : new Error(reply.message)
}

/** The error reply a worker posts for `error`, with its typed fields. */
export function errorReply(error: unknown): {
  type: 'error'
  message: string
  error: SerializedError
} {
  const serialized = serializeError(error)
  return { type: 'error', message: serialized.message, error: serialized }
}

export interface RunningJob<Result> {
  result: Promise<Result>
  cancel(): void
}

export interface WorkerJobOptions {
  /** Terminates the worker and rejects with JobTimedOut after this many milliseconds. */
  timeLimitMs?: number
  /** Buffers handed to the worker rather than copied (the job's bytes). */
  transfer?: Transferable[]
}

/** What the runner needs of a Worker (a fake one in tests). */
export type JobWorker = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>

/**
 * Posts `job` to `worker` (made by the caller, where the bundler sees its URL) and follows it.
 * The worker is terminated when the job ends, fails, is cancelled or runs out of time.
 */
export function runWorkerJob<Job, Progress, Result>(
  worker: JobWorker,
  job: Job,
  onProgress: (progress: Progress) => void,
  options: WorkerJobOptions = {}
): RunningJob<Result> {
  let settled = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let settle: (outcome: { result: Result } | { error: Error }) => void = () => undefined
  const result = new Promise<Result>((resolve, reject) => {
    settle = (outcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      worker.terminate()
      if ('error' in outcome) reject(outcome.error)
      else resolve(outcome.result)
    }
    worker.addEventListener('message', (event: MessageEvent<WorkerJobReply<Progress, Result>>) => {
      const reply = event.data
      if (settled) return
      if (reply.type === 'progress') return onProgress(reply.progress)
      if (reply.type === 'done') settle({ result: reply.result })
      else settle({ error: rehydrateError(reply) })
    })
    worker.addEventListener('error', (event) => {
      settle({ error: new Error(event.message || 'worker failed') })
    })
  })
  const { timeLimitMs } = options
  if (timeLimitMs !== undefined) {
    timer = setTimeout(() => settle({ error: new JobTimedOut(timeLimitMs) }), timeLimitMs)
  }
  worker.postMessage(job, options.transfer ?? [])
  return {
    result,
    cancel: () => settle({ error: new JobCancelled() })
  }
}
