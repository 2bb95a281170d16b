// One table as a store holds it: read once, when a view first asks for it, then kept current from
// the change log by the keys that changed (whoever wrote: this window, another, an undo, a merge),
// never by reading the table again. Stores build on this instead of reloading after each write.
import { computed, customRef, ref, type ComputedRef, type Ref } from 'vue'
import { onArchiveChange } from '@renderer/db/change-feed'

export interface TableSource<T> {
  /** Every record (the first read). */
  all(): Promise<T[]>
  /** The records of these keys, undefined where gone. */
  get(keys: string[]): Promise<(T | undefined)[]>
}

export interface FollowedTable<T> {
  /** The records in order; reading it the first time starts the first read. */
  readonly list: Ref<T[]>
  readonly byId: ComputedRef<ReadonlyMap<string, T>>
  /** True once the first read is in. */
  readonly loaded: Ref<boolean>
  /** Starts the first read if not started; resolves when the records are in. */
  load(): Promise<void>
  /** Resolves once every change committed so far shows in `list`. */
  settled(): Promise<void>
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export function followTable<T>(
  table: string,
  keyOf: (record: T) => string,
  source: TableSource<T>,
  /** The order of `list` (by key, as the table reads, unless said). */
  compare: (a: T, b: T) => number = (a, b) => byKey(keyOf(a), keyOf(b))
): FollowedTable<T> {
  const records = new Map<string, T>()
  let current: T[] = []
  const loaded = ref(false)
  let first: Promise<void> | null = null
  /** Keys changed and not yet read back. */
  let dirty = new Set<string>()
  let applying: Promise<void> = Promise.resolve()
  let scheduled = false
  let publish: () => void = () => undefined

  const list = customRef<T[]>((track, trigger) => {
    publish = () => {
      current = [...records.values()].sort(compare)
      trigger()
    }
    return {
      get() {
        track()
        // A view that reads the list starts the first read; its failure is the view's to show
        // through load(), and the next read tries again.
        if (!first) load().catch(() => undefined)
        return current
      },
      set() {
        throw new Error(`${table}: the list follows the archive and is not set`)
      }
    }
  })
  const byId = computed<ReadonlyMap<string, T>>(() => {
    const map = new Map<string, T>()
    for (const record of list.value) map.set(keyOf(record), record)
    return map
  })

  /** Reads back the changed keys, all in one go, once loaded. */
  function apply(): Promise<void> {
    applying = applying.then(async () => {
      if (!loaded.value || dirty.size === 0) return
      const keys = [...dirty]
      dirty = new Set()
      const found = await source.get(keys)
      keys.forEach((key, i) => {
        const record = found[i]
        if (record === undefined) records.delete(key)
        else records.set(key, record)
      })
      publish()
    })
    return applying.catch(() => undefined)
  }

  function load(): Promise<void> {
    first ??= (async () => {
      // Changes committed while the table is read are read again after it.
      const all = await source.all()
      for (const record of all) records.set(keyOf(record), record)
      loaded.value = true
      publish()
      await apply()
    })().catch((error: unknown) => {
      // A failed first read is tried again by the next view that asks.
      first = null
      throw error
    })
    return first
  }

  onArchiveChange((changes) => {
    for (const change of changes) {
      if (change.table !== table) continue
      for (const key of change.keys) dirty.add(key)
    }
    if (dirty.size === 0 || scheduled) return
    // The writes of one moment (an import batch, a cascade) are read back together.
    scheduled = true
    setTimeout(() => {
      scheduled = false
      void apply()
    }, 0)
  })

  async function settled(): Promise<void> {
    // The feed hears a commit just after the writer resumes: let it, then its read-back, run.
    await new Promise((resolve) => setTimeout(resolve, 0))
    await new Promise((resolve) => setTimeout(resolve, 0))
    await apply()
  }

  return { list, byId, loaded, load, settled }
}
