// Which records every committed write touched, table by table: the search index (and anything
// else derived from the archive) follows the archive through this, whatever wrote it — import,
// edit, re-import, merge, undo or delete — without each repository having to say so.
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Dexie, Middleware } from 'dexie'

/** Keys written (added, replaced or deleted) in one table, or 'all' after a range delete. */
export interface TableChange {
  table: string
  keys: string[] | 'all'
}

export type ChangeListener = (changes: TableChange[]) => void

type Pending = Map<string, Set<string> | 'all'>

function record(pending: Pending, table: string, keys: readonly unknown[] | 'all'): void {
  const current = pending.get(table)
  if (current === 'all') return
  if (keys === 'all') return void pending.set(table, 'all')
  const set = current ?? new Set<string>()
  for (const key of keys) set.add(String(key))
  pending.set(table, set)
}

/**
 * A Dexie middleware that collects the keys each read-write transaction writes and hands them to
 * `listener` once the transaction has committed (an aborted transaction reports nothing).
 */
export function changeFeedMiddleware(listener: ChangeListener): Middleware<DBCore> {
  const pendingByTrans = new WeakMap<DBCoreTransaction, Pending>()
  const pendingOf = (trans: DBCoreTransaction): Pending => {
    let pending = pendingByTrans.get(trans)
    if (!pending) {
      pending = new Map()
      pendingByTrans.set(trans, pending)
      const events = trans as unknown as EventTarget
      events.addEventListener('complete', () => {
        const changes = [...pending!].map(([table, keys]) => ({
          table,
          keys: keys === 'all' ? ('all' as const) : [...keys]
        }))
        if (changes.length) listener(changes)
      })
    }
    return pending
  }
  return {
    stack: 'dbcore',
    name: 'liasse-change-feed',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name)
        return {
          ...table,
          mutate: async (req: DBCoreMutateRequest) => {
            const response = await table.mutate(req)
            const pending = pendingOf(req.trans)
            if (req.type === 'deleteRange') record(pending, name, 'all')
            else if (req.type === 'delete') record(pending, name, req.keys)
            else {
              const keys =
                response.results ??
                req.keys ??
                req.values.map((value) => table.schema.primaryKey.extractKey?.(value))
              record(pending, name, keys)
            }
            return response
          }
        }
      }
    })
  }
}

const listeners = new Set<ChangeListener>()

/** Subscribes to the archive's committed changes; returns the unsubscribe function. */
export function onArchiveChange(listener: ChangeListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Installs the feed on a database; the listeners of onArchiveChange hear its commits. */
export function installChangeFeed(db: Dexie): void {
  db.use(
    changeFeedMiddleware((changes) => {
      for (const listener of listeners) listener(changes)
    })
  )
}
