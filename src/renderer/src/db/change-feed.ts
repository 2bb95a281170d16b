// The change feed: a reader of the durable change log (change-log.ts) that tells the views which
// records changed, table by table, whoever wrote them: this window (at once, on commit), or
// another window or tab of the same archive (told by a BroadcastChannel, then read from the log).
import type { Dexie } from 'dexie'
import { CHANGES, type ChangeEntry } from './change-log'
import type { LiasseDatabase } from './database'

/** Keys written (added, replaced or deleted) in one table. */
export interface TableChange {
  table: string
  keys: string[]
}

export type ChangeListener = (changes: TableChange[]) => void

/** Entries grouped by table, in the order the tables were first met. */
export function groupByTable(entries: readonly ChangeEntry[]): TableChange[] {
  const byTable = new Map<string, Set<string>>()
  for (const { table, key } of entries) {
    let keys = byTable.get(table)
    if (!keys) byTable.set(table, (keys = new Set()))
    keys.add(key)
  }
  return [...byTable].map(([table, keys]) => ({ table, keys: [...keys] }))
}

/** The entries of the log after `seq`, oldest first. */
export function changesSince(db: Dexie, seq: number): Promise<ChangeEntry[]> {
  return db.table<ChangeEntry>(CHANGES).where('seq').above(seq).toArray()
}

/** The newest sequence number of the log (0 when empty). */
export async function lastSeq(db: Dexie): Promise<number> {
  const last = await db.table<ChangeEntry>(CHANGES).orderBy('seq').last()
  return last?.seq ?? 0
}

const listeners = new Set<ChangeListener>()

/** Subscribes to the archive's committed changes; returns the unsubscribe function. */
export function onArchiveChange(listener: ChangeListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function tell(changes: TableChange[]): void {
  if (changes.length === 0) return
  for (const listener of listeners) listener(changes)
}

function channelName(db: Dexie): string {
  return `liasse-changes:${db.name}`
}

/**
 * Makes this window a reader of a database's change log: its own commits are told
 * at once, and another window's are read from the log when that window says it committed.
 */
export function installChangeFeed(db: LiasseDatabase): void {
  /** The newest entry told; entries after it may come from another window. */
  let cursor: Promise<number> | number | null = null
  /** Sequence numbers this window committed and told already, past `cursor`. */
  const toldHere = new Set<number>()
  const channel =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName(db))
  // In Node (tests), an open channel would keep the process alive.
  ;(channel as { unref?: () => void } | null)?.unref?.()
  let reading: Promise<void> = Promise.resolve()

  // Reads what other windows wrote since the cursor; one read at a time.
  const catchUp = (): Promise<void> =>
    (reading = reading
      .then(async () => {
        if (cursor === null) return
        const from = await cursor
        const entries = await changesSince(db, from)
        if (entries.length === 0) return
        cursor = entries.at(-1)!.seq
        tell(groupByTable(entries.filter((entry) => !toldHere.has(entry.seq))))
        for (const seq of toldHere) if (seq <= cursor) toldHere.delete(seq)
      })
      .catch(() => undefined))

  db.commits.add((entries) => {
    for (const entry of entries) toldHere.add(entry.seq)
    tell(groupByTable(entries))
    channel?.postMessage({ seq: entries.at(-1)!.seq })
    // Moves the cursor past what this window told, now and then, so that the set stays small.
    if (toldHere.size > 1000) void catchUp()
  })
  // Where this window starts reading: the log as it is when the archive opens.
  const start = (): void => void (cursor ??= lastSeq(db).catch(() => 0))
  if (db.isOpen()) start()
  else db.on('ready', start)
  if (channel) channel.onmessage = () => void catchUp()
  db.on('close', () => channel?.close())
}
