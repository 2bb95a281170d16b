// Sync while connected: push what changed here, pull what changed there, again and again. A local
// write wakes it at once; otherwise it looks for the team's changes every few seconds. When the
// server or the network goes away it says so and tries again, waiting longer each time (up to
// half a minute), and resumes from its checkpoints.
import { onArchiveChange } from '@renderer/db/change-feed'
import type { LiasseDatabase } from '@renderer/db/database'
import { isSyncedTable } from '@core/sync/documents'
import { CouchDatabase, CouchError } from './couch-client'
import { Replicator, type PullReport } from './replicator'

export type SyncState =
  | { phase: 'connecting' }
  | { phase: 'sending'; done: number }
  | { phase: 'receiving'; done: number }
  | { phase: 'upToDate'; at: Date; conflicts: number; refused: PullReport['refused'] }
  | { phase: 'offline'; retryInMs: number; reason: string }
  | { phase: 'error'; reason: string }

const POLL_MS = 2_000
const MAX_BACKOFF_MS = 30_000

export class SyncSession {
  private stopped = false
  private wake: (() => void) | null = null
  private readonly unsubscribe: () => void
  private readonly replicator: Replicator
  private readonly conflicts = new Set<string>()

  constructor(
    db: LiasseDatabase,
    databaseUrl: string,
    private readonly onState: (state: SyncState) => void
  ) {
    this.replicator = new Replicator(db, new CouchDatabase(databaseUrl))
    this.unsubscribe = onArchiveChange((changes) => {
      if (changes.some((c) => isSyncedTable(c.table))) this.wake?.()
    })
    void this.run()
  }

  stop(): void {
    this.stopped = true
    this.unsubscribe()
    this.wake?.()
  }

  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.wake = done
    })
    this.wake = null
  }

  private async run(): Promise<void> {
    this.onState({ phase: 'connecting' })
    let backoff = 1_000
    while (!this.stopped) {
      try {
        // Pull first: what the team already has is recognised (the same text under another id)
        // before this replica's copies are sent.
        const pulled = await this.replicator.pull((p) =>
          this.onState({ phase: 'receiving', done: p.done })
        )
        await this.replicator.push((p) => this.onState({ phase: 'sending', done: p.done }))
        for (const id of pulled.conflicts) this.conflicts.add(id)
        if (this.stopped) break
        this.onState({
          phase: 'upToDate',
          at: new Date(),
          conflicts: this.conflicts.size,
          refused: pulled.refused
        })
        backoff = 1_000
        await this.pause(POLL_MS)
      } catch (error) {
        if (this.stopped) break
        const reason = error instanceof Error ? error.message : String(error)
        if (
          error instanceof CouchError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 408
        ) {
          this.onState({ phase: 'error', reason })
        } else this.onState({ phase: 'offline', retryInMs: backoff, reason })
        await this.pause(backoff)
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)
      }
    }
  }
}
