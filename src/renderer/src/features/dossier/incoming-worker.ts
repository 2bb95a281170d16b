// The incoming-file worker: unzips, parses, validates and hashes the file, then reads what the
// merge compares of the receiver's records (its own connection to the archive: the records of the
// incoming ids and texts' hashes, not the whole archive) and plans the merge, off the UI thread.
import { planMerge } from '@core/dossier/bundle-merge'
import { readIncomingFile } from '@core/dossier/read-incoming'
import { errorReply } from '@renderer/services/worker-job'
import { LiasseDatabase } from '@renderer/db/database'
import { DossierRepository } from '@renderer/db/dossier-repository'
import type { IncomingJob, IncomingReply, IncomingResult } from './incoming-protocol'

const post = (reply: IncomingReply): void => (self as unknown as Worker).postMessage(reply)

async function run(job: IncomingJob): Promise<IncomingResult> {
  post({ type: 'progress', progress: 'file' })
  const db = new LiasseDatabase(job.database)
  try {
    const repository = new DossierRepository(db)
    const { incoming, orphaned, unknownSources } = await readIncomingFile(
      { fileName: job.fileName, bytes: job.bytes, oversize: job.oversize },
      repository.receiverSource(),
      { now: job.now, author: job.author, newId: () => crypto.randomUUID() }
    )
    post({ type: 'progress', progress: 'archive' })
    const receiver = await repository.mergeReceiver(incoming)
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
