// Reads one incoming file in a fresh worker, with progress; Cancel or the time limit terminates
// the worker. The worker only reads, so a stopped read leaves the archive as it was.
import { runWorkerJob, type RunningJob } from '@renderer/services/worker-job'
import type { IncomingJob, IncomingResult, IncomingStep } from './incoming-protocol'

/**
 * How long a read may take: a minute, plus 6 s per MB. A valid 10 MB bundle (6,000 articles) read
 * at 5.3 s per MB on two CPUs four times oversubscribed: a flat minute would refuse a genuine 50 MB
 * bundle on a slow machine. Only a file built to stall meets this limit; Cancel comes before it.
 */
export function incomingTimeLimitMs(byteLength: number): number {
  return 60_000 + Math.ceil((6_000 * byteLength) / 1_000_000)
}

export function startIncomingRead(
  job: IncomingJob,
  onProgress: (step: IncomingStep) => void,
  timeLimitMs = incomingTimeLimitMs(Math.max(job.bytes.byteLength, job.oversize ?? 0))
): RunningJob<IncomingResult> {
  const worker = new Worker(new URL('./incoming-worker.ts', import.meta.url), { type: 'module' })
  const { buffer } = job.bytes
  // The bytes go to the worker without a copy (the view keeps no use for them).
  const transfer = buffer instanceof ArrayBuffer ? [buffer] : []
  return runWorkerJob<IncomingJob, IncomingStep, IncomingResult>(worker, job, onProgress, {
    timeLimitMs,
    transfer
  })
}
