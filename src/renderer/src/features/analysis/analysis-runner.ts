// Runs one analysis in a fresh worker: progress as it goes; cancel (leaving the view, or a newer
// run) terminates the worker.
import type {
  AnalysisJob,
  AnalysisProgress,
  AnalysisReply,
  RepeatsResult,
  SuggestResult
} from './analysis-protocol'

export class AnalysisCancelled extends Error {
  override readonly name = 'AnalysisCancelled'
}

export interface RunningAnalysis<T> {
  result: Promise<T>
  cancel(): void
}

export function startAnalysis(
  job: Extract<AnalysisJob, { type: 'suggest' }>,
  onProgress: (progress: AnalysisProgress) => void
): RunningAnalysis<SuggestResult>
export function startAnalysis(
  job: Extract<AnalysisJob, { type: 'repeats' }>,
  onProgress: (progress: AnalysisProgress) => void
): RunningAnalysis<RepeatsResult>
export function startAnalysis(
  job: AnalysisJob,
  onProgress: (progress: AnalysisProgress) => void
): RunningAnalysis<SuggestResult | RepeatsResult> {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' })
  let fail: (error: Error) => void = () => undefined
  const result = new Promise<SuggestResult | RepeatsResult>((resolve, reject) => {
    fail = reject
    worker.addEventListener('message', (event: MessageEvent<AnalysisReply>) => {
      const reply = event.data
      if (reply.type === 'progress') return onProgress(reply.progress)
      worker.terminate()
      if (reply.type === 'done') resolve(reply.result)
      else reject(new Error(reply.message))
    })
    worker.addEventListener('error', (event) => {
      worker.terminate()
      reject(new Error(event.message || 'analysis worker failed'))
    })
  })
  worker.postMessage(job)
  return {
    result,
    cancel: () => {
      worker.terminate()
      fail(new AnalysisCancelled())
    }
  }
}
