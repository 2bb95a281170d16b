// Sync while connected: pull what changed there, push what changed here, again and again. Between
// rounds it waits on the server's changes feed (longpoll, with our own timeout) and on local
// writes, whichever comes first. When the server or the network goes away it says so and tries
// again, waiting longer each time (up to half a minute), and resumes from its checkpoints.
import { onArchiveChange } from '@renderer/db/change-feed'
import type { LiasseDatabase } from '@renderer/db/database'
import { isSyncedTable } from '@core/sync/documents'
import { CouchDatabase, CouchError } from './couch-client'
import { Replicator, type PullReport } from './replicator'

export type SyncState =
  | { phase: 'connecting' }
  | { phase: 'sending'; done: number; left: number | null }
  | { phase: 'receiving'; done: number; left: number | null }
  | { phase: 'upToDate'; at: Date; conflicts: number; refused: PullReport['refused'] }
  /** `toSend`: changes made here waiting for the server. */
  | { phase: 'offline'; retryInMs: number; reason: string; toSend: number }
  | { phase: 'error'; reason: string; toSend: number }

/** The longest wait on the server's feed before another round (some servers ignore theirs). */
const LONGPOLL_MS = 25_000
const MAX_BACKOFF_MS = 30_000

export class SyncSession {
  private stopped = false
  private wake: (() => void) | null = null
  /** A local write since the round began: the next round starts without waiting. */
  private dirty = false
  private readonly unsubscribe: () => void
  private readonly replicator: Replicator
  private readonly conflicts = new Set<string>()

  constructor(
    db: LiasseDatabase,
    databaseUrl: string,
    private readonly onState: (state: SyncState) => void,
    fetcher?: typeof fetch
  ) {
    this.replicator = new Replicator(db, new CouchDatabase(databaseUrl, fetcher))
    this.unsubscribe = onArchiveChange((changes) => {
      if (!changes.some((c) => isSyncedTable(c.table))) return
      this.dirty = true
      this.wake?.()
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

  /** Until the server has a change for us, or a local write (or stop) wakes us. */
  private async waitForWork(): Promise<void> {
    if (this.dirty || this.stopped) return
    const controller = new AbortController()
    this.wake = () => controller.abort()
    try {
      await this.replicator.waitForRemote(LONGPOLL_MS, controller.signal)
    } finally {
      this.wake = null
    }
  }

  private async run(): Promise<void> {
    this.onState({ phase: 'connecting' })
    let backoff = 1_000
    while (!this.stopped) {
      try {
        this.dirty = false
        // Pull first: what the team already has is recognised (the same text under another id)
        // before this replica's copies are sent.
        const pulled = await this.replicator.pull((p) =>
          this.onState({ phase: 'receiving', done: p.done, left: p.left })
        )
        await this.replicator.push((p) =>
          this.onState({ phase: 'sending', done: p.done, left: p.left })
        )
        for (const id of pulled.conflicts) this.conflicts.add(id)
        if (this.stopped) break
        this.onState({
          phase: 'upToDate',
          at: new Date(),
          conflicts: this.conflicts.size,
          refused: pulled.refused
        })
        backoff = 1_000
        await this.waitForWork()
      } catch (error) {
        if (this.stopped) break
        const reason = error instanceof Error ? error.message : String(error)
        const toSend = await this.replicator.toSend().catch(() => 0)
        if (
          error instanceof CouchError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 408
        ) {
          this.onState({ phase: 'error', reason, toSend })
        } else this.onState({ phase: 'offline', retryInMs: backoff, reason, toSend })
        await this.pause(backoff)
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)
      }
    }
  }
}
