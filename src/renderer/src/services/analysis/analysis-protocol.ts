// Messages of the analysis worker: the work that reads every text of the archive (suggested
// events, repeats between articles) runs there, with progress, never on the UI thread.
import type { DateDisagreement } from '@core/timeline/disagreements'
import type { EventSuggestion } from '@core/timeline/suggest'
import type { RepeatUpdate } from '@renderer/db/repeat-index'
import type { WorkerJobReply } from '@renderer/services/worker-job'

export type AnalysisJob =
  | { type: 'suggest'; database: string; dismissed: string[] }
  | {
      type: 'repeats'
      database: string
      /** The UI holds the last groups: the worker sends none back when nothing changed. */
      haveGroups: boolean
    }

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

/** The repeats brought up to date from the change log (see db/repeat-index.ts). */
export interface RepeatsResult extends RepeatUpdate {
  type: 'repeats'
}

export type AnalysisResult = SuggestResult | RepeatsResult

export type AnalysisReply = WorkerJobReply<AnalysisProgress, AnalysisResult>
