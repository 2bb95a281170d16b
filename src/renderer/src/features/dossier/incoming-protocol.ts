// What the Dossiers view posts to the incoming-file worker and what comes back: the file's bytes
// (transferred) and the archive's name; back, the merge plan to preview, or a typed error.
import type { MergePlan } from '@core/dossier/bundle-merge'
import type { WorkerJobReply } from '@renderer/services/worker-job'

export interface IncomingJob {
  /** The archive's IndexedDB database: the worker reads the receiver side itself. */
  database: string
  fileName: string
  bytes: Uint8Array
  oversize?: number
  now: string
  author: string
}

/**
 * `file`: unzip, parse, check; `archive`: the receiver's records the file can touch; `planning`:
 * the merge plan.
 */
export type IncomingStep = 'file' | 'archive' | 'planning'

export interface IncomingResult {
  plan: MergePlan
  orphaned: number
  unknownSources: number
}

export type IncomingReply = WorkerJobReply<IncomingStep, IncomingResult>
