// Runs one analysis in a fresh worker: progress as it goes; cancel (leaving the view, or a newer
// run) terminates the worker.
import { runWorkerJob, type RunningJob } from '@renderer/services/worker-job'
import type {
  AnalysisJob,
  AnalysisProgress,
  AnalysisResult,
  RepeatsResult,
  SuggestResult
} from './analysis-protocol'

export function startAnalysis(
  job: Extract<AnalysisJob, { type: 'suggest' }>,
  onProgress: (progress: AnalysisProgress) => void
): RunningJob<SuggestResult>
export function startAnalysis(
  job: Extract<AnalysisJob, { type: 'repeats' }>,
  onProgress: (progress: AnalysisProgress) => void
): RunningJob<RepeatsResult>
export function startAnalysis(
  job: AnalysisJob,
  onProgress: (progress: AnalysisProgress) => void
): RunningJob<AnalysisResult> {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' })
  return runWorkerJob<AnalysisJob, AnalysisProgress, AnalysisResult>(worker, job, onProgress)
}
