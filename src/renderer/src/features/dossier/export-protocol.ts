// What the composer posts to the export worker and what comes back: plain, cloneable data only
// (the labels are rebuilt in the worker from the language).
import type { DossierFormat } from '@core/dossier/export'
import type { ArchiveSnapshot, Dossier } from '@core/dossier/types'
import type { RepeatGroup } from '@core/timeline/corroboration'
import type { WorkerJobReply } from '@renderer/services/worker-job'

export interface ExportJob {
  format: DossierFormat
  dossier: Dossier
  snapshot: ArchiveSnapshot
  repeats: RepeatGroup[]
  lang: 'fr' | 'en'
  now: string
  appVersion: string
  userName: string
  /** HTML and PDF: each quote on a scan shows its crop of the page (the snapshot has the images). */
  pageImages: boolean
}

export type ExportStep = 'reading' | 'building' | 'rendering' | 'saving'

export type ExportReply = WorkerJobReply<ExportStep, Uint8Array>
