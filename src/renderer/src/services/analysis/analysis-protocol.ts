// Messages of the analysis worker: the work that reads every text of the archive (suggested
// events, repeats between articles) runs there, with progress, never on the UI thread.
import type { RepeatGroup } from '@core/timeline/corroboration'
import type { DateDisagreement } from '@core/timeline/disagreements'
import type { EventSuggestion } from '@core/timeline/suggest'
import type { WorkerJobReply } from '@renderer/services/worker-job'

export type AnalysisJob =
  { type: 'suggest'; database: string; dismissed: string[] } | { type: 'repeats'; database: string }

export interface AnalysisProgress {
  /**
   * `reading`: texts read from the archive (done of total); `analysing`: the computation;
   * `comparing`: suggestions found (total), their sources compared for date disagreements.
   */
  phase: 'reading' | 'analysing' | 'comparing'
  done: number
  total: number
}

export interface SuggestResult {
  type: 'suggest'
  suggestions: EventSuggestion[]
  /** The sentence of each mention, by suggestion then mention (the UI holds no texts). */
  sentences: string[][]
  /** Sources dating one happening differently (see `findDateDisagreements`). */
  disagreements: DateDisagreement[]
  /** The passage of each side, by disagreement then side. */
  disagreementPassages: Array<[string, string]>
  /** What each side's context adds after its passage (the sentence telling what happened). */
  disagreementFollowing: Array<[string, string]>
}

export interface RepeatsResult {
  type: 'repeats'
  groups: RepeatGroup[]
  /** Each compared article's repeatInputsKey: what a later write must change to matter. */
  inputs: Array<[string, number]>
}

export type AnalysisResult = SuggestResult | RepeatsResult

export type AnalysisReply = WorkerJobReply<AnalysisProgress, AnalysisResult>
