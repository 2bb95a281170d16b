// The Liasse backup: the whole archive in one file, written and read as a stream so that no table
// is ever held whole. Gzip of NDJSON: a header line, one line per record
// (`{"table":"articles","record":{…}}`), a trailer line with the counts and the SHA-256 of every
// line before it, so that a truncated or altered file is told apart from a good one.
import * as v from 'valibot'
import {
  checkRecord,
  countField,
  objectField,
  RECORD_SCHEMAS,
  stringField,
  timestampField
} from '../archive/record-schemas'
import { TrashEntrySchema } from '../archive/trash-schema'
import { Sha256 } from './sha256'

/** The schema of each table's records; a table missing here is read as plain JSON objects. */
const TABLE_SCHEMAS: Record<string, v.GenericSchema | undefined> = {
  ...RECORD_SCHEMAS,
  trash: TrashEntrySchema
}

export const BACKUP_FORMAT = 'liasse-backup'
export const BACKUP_VERSION = 1
export const BACKUP_EXTENSION = '.liasse-backup'
/** The longest line read (one record with its text): beyond, the file is refused, not read. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024

/** Why a backup was refused; the UI translates the code (`backup.error.<code>`). */
export type BackupErrorCode =
  'notBackup' | 'newerVersion' | 'truncated' | 'corrupt' | 'badRecord' | 'tooLarge'

export class BackupError extends Error {
  override readonly name = 'BackupError'
  constructor(
    readonly code: BackupErrorCode,
    /** Which line, table, record and field: for the log and the details pane. */
    readonly detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

export interface BackupTable {
  /** The Dexie table name. */
  name: string
  /** Its primary key path (`id`, `articleId`, `key`). */
  key: string
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: number
  /** The archive's database schema version (Dexie's `verno`) when written. */
  schemaVersion: number
  createdAt: string
  appVersion: string
  tables: BackupTable[]
  /** Records per table when the backup began (informative; the trailer counts what was written). */
  counts: Record<string, number>
}

export interface BackupTrailer {
  counts: Record<string, number>
  /** SHA-256 of every byte before the trailer line. */
  digest: string
}

/** One table of the archive as the writer reads it: its records, page by page. */
export interface BackupSource extends BackupTable {
  records: AsyncIterable<unknown>
}

export interface BackupMeta {
  createdAt: string
  appVersion: string
  schemaVersion: number
  counts: Record<string, number>
}

const encoder = new TextEncoder()
const CHUNK = 256 * 1024

/**
 * The backup of some tables as a gzip stream. Records are pulled from each source only as the
 * stream is read, so memory holds one chunk, never a table.
 */
export function writeBackup(
  meta: BackupMeta,
  sources: readonly BackupSource[]
): ReadableStream<Uint8Array> {
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: meta.schemaVersion,
    createdAt: meta.createdAt,
    appVersion: meta.appVersion,
    tables: sources.map(({ name, key }) => ({ name, key })),
    counts: meta.counts
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const hash = new Sha256()
    let pending = JSON.stringify(header) + '\n'
    const flush = (): Uint8Array => {
      const bytes = encoder.encode(pending)
      pending = ''
      hash.update(bytes)
      return bytes
    }
    const counts: Record<string, number> = {}
    for (const source of sources) {
      counts[source.name] = 0
      for await (const record of source.records) {
        pending += JSON.stringify({ table: source.name, record }) + '\n'
        counts[source.name]!++
        if (pending.length >= CHUNK) yield flush()
      }
    }
    if (pending !== '') yield flush()
    const trailer: BackupTrailer = { counts, digest: hash.hex() }
    yield encoder.encode(JSON.stringify({ trailer }) + '\n')
  }
  const iterator = chunks()
  const plain = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    async cancel() {
      await iterator.return(undefined)
    }
  })
  return plain.pipeThrough(
    new CompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>
  )
}

// ---------------------------------------------------------------------------------------------
// Reading

export type BackupItem =
  | { kind: 'header'; header: BackupHeader }
  /** `bytes`: the length of the record's line in the file (a bound on what it holds in memory). */
  | { kind: 'record'; table: string; key: string; record: Record<string, unknown>; bytes: number }
  | { kind: 'end'; trailer: BackupTrailer }

export interface ReadBackupOptions {
  /** The archive's current schema version: a backup from a newer one is refused. */
  schemaVersion?: number
  maxLineBytes?: number
}

const keyName = v.pipe(stringField(), v.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'is not a name'))

const headerSchema = objectField({
  format: v.literal(BACKUP_FORMAT, 'is not liasse-backup'),
  version: v.pipe(countField(), v.minValue(1, 'is below 1')),
  schemaVersion: countField(),
  createdAt: timestampField(),
  appVersion: stringField(),
  tables: v.pipe(
    v.array(objectField({ name: keyName, key: keyName }), 'is not a list'),
    v.maxLength(100, 'has more than 100 tables')
  ),
  counts: v.record(keyName, countField(), 'is not an object')
})

const trailerSchema = objectField({
  trailer: objectField({
    counts: v.record(keyName, countField(), 'is not an object'),
    digest: v.pipe(stringField(), v.regex(/^[0-9a-f]{64}$/, 'is not a SHA-256'))
  })
})

/** Splits a byte stream into lines of at most `max` bytes, without their newline. */
async function* byteLines(
  stream: ReadableStream<Uint8Array>,
  max: number
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  let parts: Uint8Array[] = []
  let partsLength = 0
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await reader.read()
      } catch (error) {
        throw gzipError(error)
      }
      if (chunk.done) break
      let bytes = chunk.value
      for (;;) {
        const newline = bytes.indexOf(0x0a)
        if (newline < 0) {
          partsLength += bytes.length
          if (partsLength > max) throw new BackupError('tooLarge', `a line is over ${max} bytes`)
          parts.push(bytes)
          break
        }
        const head = bytes.subarray(0, newline)
        if (partsLength + head.length > max) {
          throw new BackupError('tooLarge', `a line is over ${max} bytes`)
        }
        yield join(parts, partsLength, head)
        parts = []
        partsLength = 0
        bytes = bytes.subarray(newline + 1)
      }
    }
    if (partsLength > 0) yield join(parts, partsLength, new Uint8Array(0))
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}

function join(parts: Uint8Array[], length: number, last: Uint8Array): Uint8Array {
  if (parts.length === 0) return last
  const out = new Uint8Array(length + last.length)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  out.set(last, at)
  return out
}

function gzipError(error: unknown): BackupError {
  if (error instanceof BackupError) return error
  const message = error instanceof Error ? error.message : String(error)
  // Node says "unexpected end of file", browsers "Junk found after end of compressed data" or
  // a generic TypeError: an ended stream is truncation, anything else a damaged file.
  return /end of (file|stream|input)|premature|truncat/i.test(message)
    ? new BackupError('truncated', `the compressed data ends early (${message})`)
    : new BackupError('corrupt', `the compressed data is damaged (${message})`)
}

const lineDecoder = new TextDecoder('utf-8', { fatal: true })

function parseLine(bytes: Uint8Array, line: number, code: BackupErrorCode): unknown {
  let text: string
  try {
    text = lineDecoder.decode(bytes)
  } catch {
    throw new BackupError(code, `line ${line} is not UTF-8`)
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new BackupError(
      code,
      `line ${line} is not JSON (${error instanceof Error ? error.message : ''})`
    )
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Whether the bytes start as gzip does (1f 8b): anything else is not a backup at all. */
async function gunzip(stream: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const reader = stream.getReader()
  let first: Uint8Array = new Uint8Array(0)
  while (first.length < 2) {
    const next = await reader.read()
    if (next.done) break
    first = join([first], first.length, next.value)
  }
  if (first.length < 2 || first[0] !== 0x1f || first[1] !== 0x8b) {
    await reader.cancel().catch(() => undefined)
    throw new BackupError('notBackup', 'not a gzip file')
  }
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first)
    },
    async pull(controller) {
      const next = await reader.read()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    async cancel(reason) {
      await reader.cancel(reason)
    }
  })
  return rest.pipeThrough(
    new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>
  )
}

/**
 * Reads a backup as a stream of items: the header, every record checked against its table's
 * schema, then the end with the trailer once its counts and digest match. Any fault is one
 * BackupError; an item already given is never taken back, so a consumer must treat what it built
 * as void unless `end` is reached.
 */
export async function* readBackup(
  stream: ReadableStream<Uint8Array>,
  options: ReadBackupOptions = {}
): AsyncGenerator<BackupItem> {
  const max = options.maxLineBytes ?? MAX_LINE_BYTES
  const lines = byteLines(await gunzip(stream), max)
  const hash = new Sha256()
  const newline = new Uint8Array([0x0a])
  let lineNumber = 1
  const first = await lines.next()
  if (first.done) throw new BackupError('notBackup', 'the file is empty')
  const headerValue = parseLine(first.value, lineNumber, 'notBackup')
  if (!isObject(headerValue) || headerValue['format'] !== BACKUP_FORMAT) {
    throw new BackupError('notBackup', 'line 1 is not a Liasse backup header')
  }
  const version = headerValue['version']
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
    throw new BackupError(
      'newerVersion',
      `backup version ${version}, this Liasse reads up to ${BACKUP_VERSION}`
    )
  }
  const checkedHeader = checkRecord(headerSchema, headerValue)
  if (!checkedHeader.ok) throw new BackupError('notBackup', `header: ${checkedHeader.problem}`)
  const header: BackupHeader = { ...checkedHeader.value, format: BACKUP_FORMAT }
  if (options.schemaVersion !== undefined && header.schemaVersion > options.schemaVersion) {
    throw new BackupError(
      'newerVersion',
      `archive schema ${header.schemaVersion}, this Liasse has ${options.schemaVersion}`
    )
  }
  const keys = new Map<string, string>()
  for (const table of header.tables) {
    if (keys.has(table.name))
      throw new BackupError('notBackup', `header: table ${table.name} twice`)
    keys.set(table.name, table.key)
  }
  hash.update(first.value).update(newline)
  yield { kind: 'header', header }

  const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t.name, 0]))
  const seen = new Map<string, Set<string>>(header.tables.map((t) => [t.name, new Set()]))
  for (;;) {
    const next = await lines.next()
    lineNumber++
    if (next.done)
      throw new BackupError(
        'truncated',
        `the file ends at line ${lineNumber - 1}, before its trailer`
      )
    const value = parseLine(next.value, lineNumber, 'corrupt')
    if (isObject(value) && 'trailer' in value) {
      const trailer = checkRecord(trailerSchema, value)
      if (!trailer.ok)
        throw new BackupError('corrupt', `line ${lineNumber} (trailer): ${trailer.problem}`)
      const end = trailer.value.trailer
      if (end.digest !== hash.hex()) {
        throw new BackupError('corrupt', 'the digest does not match the records read')
      }
      for (const table of header.tables) {
        if (end.counts[table.name] !== counts[table.name]) {
          throw new BackupError(
            'corrupt',
            `trailer counts ${end.counts[table.name] ?? 0} ${table.name}, the file holds ${counts[table.name]}`
          )
        }
      }
      const after = await lines.next()
      if (!after.done)
        throw new BackupError('corrupt', `data after the trailer (line ${lineNumber + 1})`)
      yield { kind: 'end', trailer: { counts: end.counts, digest: end.digest } }
      return
    }
    hash.update(next.value).update(newline)
    yield readRecordLine(value, lineNumber, next.value.length, keys, counts, seen)
  }
}

function readRecordLine(
  value: unknown,
  line: number,
  bytes: number,
  keys: ReadonlyMap<string, string>,
  counts: Record<string, number>,
  seen: Map<string, Set<string>>
): BackupItem {
  if (!isObject(value) || typeof value['table'] !== 'string' || !('record' in value)) {
    throw new BackupError('badRecord', `line ${line}: not a record line`)
  }
  const table = value['table']
  const key = keys.get(table)
  if (key === undefined)
    throw new BackupError(
      'badRecord',
      `line ${line}: table ${JSON.stringify(table).slice(0, 80)} is not in the header`
    )
  const raw = value['record']
  const where = `line ${line}, ${table}${whereId(raw, key)}`
  const schema = Object.hasOwn(TABLE_SCHEMAS, table) ? TABLE_SCHEMAS[table] : undefined
  // A table this version has no schema for (added later, same schema version): a plain object.
  const checked = schema
    ? checkRecord(schema, raw)
    : checkRecord(v.record(v.string(), v.unknown()), raw)
  if (!checked.ok) throw new BackupError('badRecord', `${where}: ${checked.problem}`)
  const record = checked.value as Record<string, unknown>
  const id = record[key]
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new BackupError('badRecord', `${where}: ${key} is missing`)
  }
  const ids = seen.get(table)!
  const idKey = `${typeof id}:${id}`
  if (ids.has(idKey))
    throw new BackupError('badRecord', `${where}: has the ${key} of an earlier record`)
  ids.add(idKey)
  counts[table] = (counts[table] ?? 0) + 1
  return { kind: 'record', table, key, record, bytes }
}

function whereId(raw: unknown, key: string): string {
  if (!isObject(raw)) return ''
  const id = raw[key]
  return typeof id === 'string' ? ` "${id.slice(0, 80)}"` : typeof id === 'number' ? ` ${id}` : ''
}

export interface BackupSummary {
  header: BackupHeader
  counts: Record<string, number>
}

/** Reads a whole backup to check it, keeping nothing but its header and counts. */
export async function verifyBackup(
  stream: ReadableStream<Uint8Array>,
  options: ReadBackupOptions = {}
): Promise<BackupSummary> {
  let header: BackupHeader | null = null
  for await (const item of readBackup(stream, options)) {
    if (item.kind === 'header') header = item.header
    if (item.kind === 'end' && header) return { header, counts: item.trailer.counts }
  }
  throw new BackupError('truncated', 'no trailer')
}
