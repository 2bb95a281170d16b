// The export worker: composes the dossier and writes the chosen format off the main thread, so the
// window stays responsive on large dossiers and Cancel can stop the work at once (terminate).
import { buildDossier } from '@core/dossier/build'
import { renderDossierFormat } from '@core/dossier/export'
import { outputLabels } from '@renderer/i18n/dossier-labels'
import { cropPagesWithCanvas } from './crop-pages'
import type { ExportJob, ExportReply } from './export-protocol'

const post = (reply: ExportReply, transfer: Transferable[] = []): void =>
  (self as unknown as Worker).postMessage(reply, transfer)

self.addEventListener('message', (event: MessageEvent<ExportJob>) => {
  void run(event.data)
})

async function run(job: ExportJob): Promise<void> {
  try {
    post({ type: 'progress', progress: 'building' })
    const labels = outputLabels(job.lang)
    const doc = buildDossier(job.dossier, job.snapshot, {
      labels,
      now: job.now,
      repeats: job.repeats
    })
    post({ type: 'progress', progress: 'rendering' })
    const bytes = await renderDossierFormat(job.format, doc, labels, {
      snapshot: job.snapshot,
      now: job.now,
      appVersion: job.appVersion,
      userName: job.userName,
      pageImages: job.pageImages,
      cropPages: cropPagesWithCanvas
    })
    post({ type: 'done', result: bytes }, [bytes.buffer])
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
  }
}
