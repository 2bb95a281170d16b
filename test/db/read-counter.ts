// Counts the records a database hands out, table by table: the read-count tests use it to check
// that a start, an edit or a purge reads what its view needs and no whole table.
import type { DBCore, DBCoreCursor, Dexie, Middleware } from 'dexie'

export interface ReadCounter {
  /** Records read since the last reset, by table. */
  readonly byTable: Map<string, number>
  /** Records read since the last reset, every table but those named. */
  total(except?: readonly string[]): number
  reset(): void
}

function countCursor(cursor: DBCoreCursor | null, count: () => void): DBCoreCursor | null {
  if (!cursor) return cursor
  count()
  // Each step of a cursor hands out one more record.
  return Object.create(cursor, {
    start: {
      value: (onNext: () => void) =>
        cursor.start(() => {
          count()
          onNext()
        })
    }
  }) as DBCoreCursor
}

/** Installs the counter on `db` (before it opens). */
export function countReads(db: Dexie): ReadCounter {
  const byTable = new Map<string, number>()
  const add = (table: string, n: number): void =>
    void byTable.set(table, (byTable.get(table) ?? 0) + n)
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-read-counter',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name)
        return {
          ...table,
          get: async (req) => {
            const value = await table.get(req)
            if (value !== undefined) add(name, 1)
            return value
          },
          getMany: async (req) => {
            const values = await table.getMany(req)
            add(name, values.filter((value) => value !== undefined).length)
            return values
          },
          query: async (req) => {
            const response = await table.query(req)
            add(name, response.result.length)
            return response
          },
          openCursor: async (req) => countCursor(await table.openCursor(req), () => add(name, 1))
        }
      }
    })
  }
  db.use(middleware)
  return {
    byTable,
    total: (except = []) =>
      [...byTable].filter(([table]) => !except.includes(table)).reduce((sum, [, n]) => sum + n, 0),
    reset: () => byTable.clear()
  }
}
