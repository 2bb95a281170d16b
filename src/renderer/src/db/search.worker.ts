// The search worker: owns the index of the archive (its own connection to the same IndexedDB),
// builds it at start with progress, follows the change feed, and answers every query, so that
// typing in the search box never waits on the index.
import { LiasseDatabase } from '@renderer/db/database'
import { ArchiveSearchIndex } from '@renderer/db/search-index'
import type { WorkerReply, WorkerRequest } from './search-protocol'

const post = (reply: WorkerReply): void => (self as unknown as Worker).postMessage(reply)
let index: ArchiveSearchIndex | null = null
/** The newest query asked; an older one still waiting is not worth answering. */
let latest = 0

async function open(database: string): Promise<void> {
  const started = performance.now()
  index = new ArchiveSearchIndex(new LiasseDatabase(database))
  const origin = await index.open((state) => post({ type: 'progress', state }))
  post({
    type: 'ready',
    documents: index.engine.documentCount,
    ms: performance.now() - started,
    origin,
    timings: index.timings
  })
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const message = event.data
  if (message.type === 'open') {
    open(message.database).catch((error: unknown) =>
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
    )
  } else if (message.type === 'changes') {
    void index?.catchUp()
  } else if (message.type === 'query') {
    latest = message.id
    const current = index
    if (!current) return
    void (async () => {
      // Typing fast queues queries: only the newest is run.
      await Promise.resolve()
      if (message.id !== latest) return
      try {
        post({ type: 'result', id: message.id, response: await current.query(message.request) })
      } catch (error) {
        post({
          type: 'error',
          id: message.id,
          message: error instanceof Error ? error.message : String(error)
        })
      }
    })()
  }
})
