// Runs one export in a fresh worker: progress as it goes, Cancel terminates the worker (nothing is
// written before the worker hands back the complete file).
import { runWorkerJob, type RunningJob } from '@renderer/services/worker-job'
import type { ExportJob, ExportStep } from './export-protocol'

export type RunningExport = RunningJob<Uint8Array>

export function startExport(job: ExportJob, onProgress: (step: ExportStep) => void): RunningExport {
  const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' })
  return runWorkerJob<ExportJob, ExportStep, Uint8Array>(worker, job, onProgress)
}
