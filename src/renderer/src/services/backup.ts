// Backup and restore of the whole archive. Every table of the database (whatever tables a later
// schema adds) is read page by page into the streamed backup format of core/backup; a restore is
// first previewed against the archive, then written into a fresh database which becomes the
// archive in one step (see db/active-archive), so that a failure halfway changes nothing.
import Dexie, { type Table } from 'dexie'
import {
  BACKUP_EXTENSION,
  BackupError,
  readBackup,
  writeBackup,
  type BackupHeader,
  type BackupSource
} from '@core/backup/backup'
import { canonicalJson } from '@core/dossier/bundle'
import { LiasseDatabase } from '@renderer/db/database'
import { archiveTables } from '@renderer/db/change-log'
import { IMPORT_JOURNAL_PREFIX } from '@renderer/db/import-journal'

const PAGE = 500
/**
 * A restore writes its records in transactions of at most this many records or this many bytes of
 * the file (whichever comes first): few commits, and two gatherings in memory at most (~40 MB).
 */
const RESTORE_RECORDS = 20_000
const RESTORE_BYTES = 16 * 1024 * 1024

function keyPathOf(table: Table): string {
  const keyPath = table.schema.primKey.keyPath
  if (typeof keyPath !== 'string') throw new Error(`Table ${table.name} has no single key path`)
  return keyPath
}

/** A table's records by primary key, one page at a time (never the whole table in memory). */
async function* pages(table: Table): AsyncGenerator<unknown> {
  let last: unknown = undefined
  for (;;) {
    const page =
      last === undefined
        ? await table.orderBy(':id').limit(PAGE).toArray()
        : await table
            .where(':id')
            .above(last as string)
            .limit(PAGE)
            .toArray()
    if (page.length === 0) return
    yield* page
    if (page.length < PAGE) return
    last = (page.at(-1) as Record<string, unknown>)[keyPathOf(table)]
  }
}

/**
 * Settings that only describe work in progress (the journal of a running import): a backup taken
 * mid-import must not carry them, or its restore would report an import that never ran there.
 */
export function isTransientSetting(key: unknown): boolean {
  return typeof key === 'string' && key.startsWith(IMPORT_JOURNAL_PREFIX)
}

async function* withoutTransient(records: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  for await (const record of records)
    if (!isTransientSetting((record as { key?: unknown }).key)) yield record
}

/** Every table of the database, as writeBackup reads them. */
export function backupSources(db: Dexie, onRecord?: () => void): BackupSource[] {
  return archiveTables(db).map((table) => {
    const records = table.name === 'settings' ? withoutTransient(pages(table)) : pages(table)
    return {
      name: table.name,
      key: keyPathOf(table),
      records: onRecord ? counted(records, onRecord) : records
    }
  })
}

async function* counted<T>(records: AsyncIterable<T>, onRecord: () => void): AsyncGenerator<T> {
  for await (const record of records) {
    onRecord()
    yield record
  }
}

export interface BackupOptions {
  appVersion: string
  now?: Date
  /** Records written so far, as the stream is read. */
  onProgress?: (records: number) => void
}

/** The whole archive as a gzip stream, read as it is consumed. */
export async function backupStream(
  db: Dexie,
  options: BackupOptions
): Promise<ReadableStream<Uint8Array>> {
  if (!db.isOpen()) await db.open()
  const counts: Record<string, number> = {}
  for (const table of archiveTables(db)) counts[table.name] = await table.count()
  return writeBackup(
    {
      createdAt: (options.now ?? new Date()).toISOString(),
      appVersion: options.appVersion,
      schemaVersion: db.verno,
      counts
    },
    backupSources(db, progress(options.onProgress))
  )
}

/** A counter calling back at most every 200 records. */
function progress(report?: (records: number) => void): (() => void) | undefined {
  if (!report) return undefined
  let records = 0
  return () => {
    if (++records % 200 === 0) report(records)
  }
}

/** `liasse-2026-12-04-1728.liasse-backup`, in local time. */
export function backupFileName(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  return `liasse-${day}-${pad(now.getHours())}${pad(now.getMinutes())}${BACKUP_EXTENSION}`
}

// ---------------------------------------------------------------------------------------------
// Preview

export interface TablePreview {
  table: string
  /** Records of this table in the backup. */
  inBackup: number
  /** In the backup, not in the archive. */
  added: number
  /** In both, with different content: the backup's version replaces the archive's. */
  replaced: number
  /** In both, the same. */
  unchanged: number
  /** In the archive, not in the backup: a restore removes them. */
  removed: number
}

export interface RestorePreview {
  header: BackupHeader
  tables: TablePreview[]
}

export interface RestoreProgress {
  table: string
  records: number
}

/**
 * A first pass over a backup: checks it whole (a damaged file is refused here, before anything is
 * asked) and compares it with the archive, record by record, in pages.
 */
export async function previewRestore(
  db: Dexie,
  stream: ReadableStream<Uint8Array>,
  onProgress: (progress: RestoreProgress) => void = () => undefined
): Promise<RestorePreview> {
  if (!db.isOpen()) await db.open()
  let header: BackupHeader | null = null
  const previews = new Map<string, TablePreview>()
  let batch = null as { table: string; key: string; records: Record<string, unknown>[] } | null
  let seen = 0
  const flush = async (): Promise<void> => {
    if (!batch || batch.records.length === 0) return
    const { table, key, records } = batch
    batch = { table, key, records: [] }
    const preview = previews.get(table)!
    preview.inBackup += records.length
    const target = archiveTables(db).find((t) => t.name === table)
    if (!target) {
      preview.added += records.length
      return
    }
    const current = await target.bulkGet(records.map((r) => r[key] as string))
    records.forEach((record, index) => {
      const existing = current[index]
      if (existing === undefined) preview.added++
      else if (canonicalJson(existing) === canonicalJson(record)) preview.unchanged++
      else preview.replaced++
    })
    seen += records.length
    onProgress({ table, records: seen })
  }
  for await (const item of readBackup(stream, { schemaVersion: db.verno })) {
    if (item.kind === 'header') {
      header = item.header
      for (const { name } of header.tables) previews.set(name, emptyPreview(name))
      for (const table of archiveTables(db))
        if (!previews.has(table.name)) previews.set(table.name, emptyPreview(table.name))
    } else if (item.kind === 'record') {
      if (batch?.table !== item.table) {
        await flush()
        batch = { table: item.table, key: item.key, records: [] }
      }
      batch.records.push(item.record)
      if (batch.records.length >= PAGE) await flush()
    } else {
      await flush()
    }
  }
  if (!header) throw new BackupError('notBackup', 'no header')
  for (const table of archiveTables(db)) {
    const preview = previews.get(table.name)!
    const inBoth = preview.replaced + preview.unchanged
    preview.removed = (await table.count()) - inBoth
  }
  return { header, tables: [...previews.values()] }
}

function emptyPreview(table: string): TablePreview {
  return { table, inBackup: 0, added: 0, replaced: 0, unchanged: 0, removed: 0 }
}

// ---------------------------------------------------------------------------------------------
// Restore

/**
 * Writes a backup into a fresh database `target` (which must not exist). Records are gathered in
 * memory as the file is read, several tables at once, up to RESTORE_RECORDS records or
 * RESTORE_BYTES of file; each gathering is then written in one transaction (a bulkAdd per table),
 * while the next one is read: reading and writing overlap, and no transaction stays open across a
 * read of the stream (IndexedDB would commit it when idle). At most one transaction is in flight,
 * so memory holds two gatherings at most. The archive in use is not touched; on any failure the
 * fresh database is deleted and the error thrown again. Tables this version does not have are
 * skipped. Returns the records written.
 */
export async function restoreInto(
  target: string,
  stream: ReadableStream<Uint8Array>,
  onProgress: (progress: RestoreProgress) => void = () => undefined,
  /** Bounds of one transaction (tests make them small). */
  bounds = { records: RESTORE_RECORDS, bytes: RESTORE_BYTES }
): Promise<Record<string, number>> {
  const db = new LiasseDatabase(target)
  const written: Record<string, number> = {}
  /** The transaction being written, if any; its failure is thrown by the next flush or the end. */
  let inFlight: Promise<void> = Promise.resolve()
  try {
    await db.open()
    if ((await Promise.all(db.tables.map((t) => t.count()))).some((n) => n > 0)) {
      throw new Error(`Database ${target} is not empty`)
    }
    const tables = new Map(archiveTables(db).map((table) => [table.name, table]))
    let gathered = new Map<Table, unknown[]>()
    let records = 0
    let bytes = 0
    /** Records read so far, skipped tables included; `last` is the table of the last one. */
    let read = 0
    let last = ''
    let reported = 0
    const report = (table: string, records: number): void => {
      reported = records
      onProgress({ table, records })
    }
    const write = async (batch: Map<Table, unknown[]>, upTo: number, table: string) => {
      await db.transaction('rw', [...batch.keys()], async () => {
        for (const [target, list] of batch) await target.bulkAdd(list)
      })
      for (const [target, list] of batch) written[target.name]! += list.length
      report(table, upTo)
    }
    const flush = async (): Promise<void> => {
      await inFlight
      if (gathered.size === 0) return
      inFlight = write(gathered, read, last)
      // Heard by the next flush or the end; until then it must not count as unhandled.
      inFlight.catch(() => undefined)
      gathered = new Map()
      records = 0
      bytes = 0
    }
    let ended = false
    for await (const item of readBackup(stream, { schemaVersion: db.verno })) {
      if (item.kind === 'record') {
        written[item.table] ??= 0
        read++
        last = item.table
        const table = tables.get(item.table)
        if (!table) continue
        let list = gathered.get(table)
        if (!list) gathered.set(table, (list = []))
        list.push(item.record)
        bytes += item.bytes
        if (++records >= bounds.records || bytes >= bounds.bytes) await flush()
      } else if (item.kind === 'end') {
        await flush()
        await inFlight
        if (reported < read) report(last, read)
        ended = true
      }
    }
    if (!ended) throw new BackupError('truncated', 'no trailer')
    db.close()
    return written
  } catch (error) {
    await inFlight.catch(() => undefined)
    db.close()
    await Dexie.delete(target)
    throw error
  }
}
