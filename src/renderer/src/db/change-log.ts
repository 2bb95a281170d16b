// The durable change log: every committed write leaves, in its own transaction, one entry per
// record it touched (table, key, a local sequence number, put or delete). Compacted by key: a
// record's newest change replaces its older one. Whatever derives from the archive (views, the
// search index, other windows, team sync) reads it from the sequence it last saw.
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware
} from 'dexie'

/** The log's own table. */
export const CHANGES = 'changes'

/** Tables whose writes are not logged: the log itself and caches derived from it. */
export const UNLOGGED: ReadonlySet<string> = new Set([
  CHANGES,
  'searchIndex',
  'repeatPrints',
  'repeatEdges',
  'syncDocs',
  'syncState'
])

/** The tables that hold the archive itself (what a backup keeps), without the log and caches. */
export function archiveTables<T extends { name: string }>(db: { tables: T[] }): T[] {
  return db.tables.filter((table) => !UNLOGGED.has(table.name))
}

export type ChangeOp = 'put' | 'delete'

export interface ChangeEntry {
  table: string
  /** The record's primary key, as a string. */
  key: string
  /** Local sequence number: higher is later, across every window of this archive. */
  seq: number
  op: ChangeOp
}

/**
 * The counter of the sequence, a row of the log without `seq` (so outside the seq index). Every
 * read-write transaction has the log in its scope, so IndexedDB runs them one after another and
 * the counter read in one cannot be read by another before it commits.
 */
export interface Counter {
  table: ''
  key: 'seq'
  last: number
}
const COUNTER_KEY = ['', 'seq']

export const counterRow = (last: number): Counter => ({ table: '', key: 'seq', last })

interface TransactionLog {
  counter: Promise<Counter>
  entries: ChangeEntry[]
}

function keysOf(
  table: DBCoreTable,
  req: Exclude<DBCoreMutateRequest, { type: 'deleteRange' }>,
  response: DBCoreMutateResponse
): unknown[] {
  const keys =
    req.type === 'delete'
      ? req.keys
      : (response.results ??
        req.keys ??
        req.values.map((value) => table.schema.primaryKey.extractKey?.(value)))
  // A failed operation of a bulk write wrote nothing.
  return response.numFailures ? keys.filter((_, i) => !(i in response.failures)) : keys
}

/**
 * A Dexie middleware that writes the log. `onCommit` hears each read-write transaction's entries
 * once it has committed; an aborted transaction leaves no entry and reports nothing.
 */
export function changeLogMiddleware(
  onCommit: (entries: ChangeEntry[]) => void
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'liasse-change-log',
    create: (down) => {
      const logs = new WeakMap<DBCoreTransaction, TransactionLog>()
      const hasLog = down.schema.tables.some((table) => table.name === CHANGES)
      const logOf = (trans: DBCoreTransaction): TransactionLog => {
        let log = logs.get(trans)
        if (!log) {
          const counter = down
            .table(CHANGES)
            .get({ trans, key: COUNTER_KEY })
            .then((row: Counter | undefined) => row ?? counterRow(0))
          log = { counter: counter as Promise<Counter>, entries: [] }
          logs.set(trans, log)
          const entries = log.entries
          ;(trans as unknown as EventTarget).addEventListener('complete', () => {
            if (entries.length) onCommit(entries)
          })
        }
        return log
      }
      const append = async (
        trans: DBCoreTransaction,
        table: string,
        keys: readonly unknown[],
        op: ChangeOp
      ): Promise<void> => {
        if (keys.length === 0) return
        const log = logOf(trans)
        const counter = await log.counter
        // Numbered and written in one synchronous step: concurrent writes of one transaction
        // get distinct numbers, and the counter row written last holds the highest.
        const entries = keys.map((key) => ({ table, key: String(key), seq: ++counter.last, op }))
        log.entries.push(...entries)
        await down
          .table(CHANGES)
          .mutate({ type: 'put', trans, values: [...entries, { ...counter }] })
      }
      return {
        ...down,
        transaction: (stores, mode, options) => {
          const logged = stores.some((name) => !UNLOGGED.has(name))
          const scope =
            hasLog && mode === 'readwrite' && logged && !stores.includes(CHANGES)
              ? [...stores, CHANGES]
              : stores
          return down.transaction(scope, mode, options)
        },
        table: (name) => {
          const table = down.table(name)
          if (!hasLog || UNLOGGED.has(name)) return table
          return {
            ...table,
            mutate: async (req) => {
              if (req.type === 'deleteRange') {
                // The keys a range delete removes, read before it: the log names each one.
                const { result } = await table.query({
                  trans: req.trans,
                  values: false,
                  query: { index: table.schema.primaryKey, range: req.range }
                })
                const response = await table.mutate(req)
                await append(req.trans, name, result, 'delete')
                return response
              }
              const response = await table.mutate(req)
              await append(
                req.trans,
                name,
                keysOf(table, req, response),
                req.type === 'delete' ? 'delete' : 'put'
              )
              return response
            }
          }
        }
      }
    }
  }
}
