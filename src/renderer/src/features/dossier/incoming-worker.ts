// The incoming-file worker: reads the receiver's records (its own connection to the archive),
// then unzips, parses, validates and hashes the file and plans the merge, all off the UI thread.
import { planMerge } from '@core/dossier/bundle-merge'
import { readIncomingFile } from '@core/dossier/read-incoming'
import { errorReply } from '@renderer/components/worker-job'
import { LiasseDatabase } from '@renderer/db/database'
import { DossierRepository } from '@renderer/db/dossier-repository'
import type { IncomingJob, IncomingReply, IncomingResult } from './incoming-protocol'

const post = (reply: IncomingReply): void => (self as unknown as Worker).postMessage(reply)

async function run(job: IncomingJob): Promise<IncomingResult> {
  post({ type: 'progress', progress: 'archive' })
  const db = new LiasseDatabase(job.database)
  try {
    const receiver = await new DossierRepository(db).records()
    post({ type: 'progress', progress: 'file' })
    const { incoming, orphaned, unknownSources } = await readIncomingFile(
      { fileName: job.fileName, bytes: job.bytes, oversize: job.oversize },
      receiver,
      { now: job.now, author: job.author, newId: () => crypto.randomUUID() }
    )
    post({ type: 'progress', progress: 'planning' })
    return { plan: planMerge(receiver, incoming), orphaned, unknownSources }
  } finally {
    db.close()
  }
}

self.addEventListener('message', (event: MessageEvent<IncomingJob>) => {
  run(event.data).then(
    (result) => post({ type: 'done', result }),
    // Typed: the view translates BundleImportError, QdpxImportError… by their code.
    (error: unknown) => post(errorReply(error))
  )
})
