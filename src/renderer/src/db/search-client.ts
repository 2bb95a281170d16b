// The UI side of search: starts the search worker, tells it when the archive changed,
// and sends queries, each answered or dropped in favour of a newer one.
import { onArchiveChange } from '@renderer/db/change-feed'
import type {
  IndexingState,
  SearchRequest,
  SearchResponse,
  WorkerReply,
  WorkerRequest
} from './search-protocol'

export class SearchSuperseded extends Error {
  override readonly name = 'SearchSuperseded'
}

export interface SearchClientEvents {
  onProgress(state: IndexingState): void
  onReady(info: {
    documents: number
    ms: number
    origin: 'saved' | 'built'
    timings: Record<string, number>
  }): void
  onError(message: string): void
}

export class SearchClient {
  private readonly worker: Worker
  private nextId = 1
  private readonly waiting = new Map<
    number,
    { resolve: (response: SearchResponse) => void; reject: (error: Error) => void }
  >()
  private readonly unsubscribe: () => void

  constructor(database: string, events: SearchClientEvents) {
    this.worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })
    this.worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const reply = event.data
      if (reply.type === 'progress') events.onProgress(reply.state)
      else if (reply.type === 'ready') events.onReady(reply)
      else if (reply.type === 'result') this.settle(reply.id, (w) => w.resolve(reply.response))
      else if (reply.id !== undefined)
        this.settle(reply.id, (w) => w.reject(new Error(reply.message)))
      else events.onError(reply.message)
    })
    this.worker.addEventListener('error', (event) => events.onError(event.message))
    // The worker reads what changed from the change log itself; it is only told when.
    this.unsubscribe = onArchiveChange(() => this.send({ type: 'changes' }))
    this.send({ type: 'open', database })
  }

  private send(message: WorkerRequest): void {
    this.worker.postMessage(message)
  }

  private settle(
    id: number,
    action: (waiter: {
      resolve: (response: SearchResponse) => void
      reject: (error: Error) => void
    }) => void
  ): void {
    const waiter = this.waiting.get(id)
    if (!waiter) return
    this.waiting.delete(id)
    action(waiter)
    // Every older query is superseded: the worker will not answer it.
    for (const [older, other] of this.waiting) {
      if (older < id) {
        this.waiting.delete(older)
        other.reject(new SearchSuperseded())
      }
    }
  }

  /** Runs a query; rejects with SearchSuperseded when a newer query was asked before it ran. */
  query(request: SearchRequest): Promise<SearchResponse> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.send({ type: 'query', id, request })
    })
  }

  close(): void {
    this.unsubscribe()
    this.worker.terminate()
  }
}
