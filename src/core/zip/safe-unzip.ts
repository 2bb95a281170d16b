// Unzipping files from strangers (bundles, REFI-QDA projects, Word documents): the central
// directory read by hand, names and counts checked, and only the wanted entries inflated in small
// steps, stopping the moment what is actually inflated passes a cap (never trusting declared sizes).
import { Inflate, inflateSync } from 'fflate'

/** Why a zip was refused. */
export type ZipErrorCode =
  /** Not a zip at all, or its directory is cut or damaged. */
  | 'notZip'
  /** An entry (or all of them) would inflate past the caps: a zip bomb, or absurdly large. */
  | 'zipBomb'
  /** More entries than the caller allows. */
  | 'tooManyEntries'
  /** An entry name that climbs out of the archive (`../`), is absolute, or uses backslashes. */
  | 'badEntryName'
  /** Two entries with the same name: which one counts would be a guess. */
  | 'duplicateEntry'
  /** An entry whose data is cut, not valid deflate, or not what its header says (size, CRC). */
  | 'corruptEntry'
  /** Encrypted entries or a compression method other than stored and deflate; zip64. */
  | 'unsupportedEntry'

export class ZipLimitError extends Error {
  override readonly name = 'ZipLimitError'
  constructor(
    readonly code: ZipErrorCode,
    /** Which entry and which figure, for the log and a details line. */
    readonly detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

export interface ZipLimits {
  /** Entries in the central directory, wanted or not (directories included). */
  maxEntries: number
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number
  /** Bytes all the inflated entries together may come to. */
  maxTotalBytes: number
}

/**
 * Defaults fit a `.liasse` bundle of a large archive: 250,000 entries (100,000 articles is one text
 * entry each, with room), 200 MiB for one entry (a `passages.json` of a large archive, far above a
 * 50 MB article's text), 512 MiB in all (what a renderer can hold at once without trouble).
 * A bomb declaring its size honestly is refused before any inflating; a lying one stops at its
 * declared size, so the caps bound only the work a careful liar can force.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 250_000,
  maxEntryBytes: 200 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024
}

export interface ZipEntryInfo {
  name: string
  /** Directories (names ending in `/`) hold no data and are never returned by safeUnzip. */
  directory: boolean
  method: number
  compressedSize: number
  /** The size the central directory declares: checked against, never allocated from. */
  declaredSize: number
  crc32: number
  flags: number
  localHeaderOffset: number
}

export interface SafeUnzipOptions extends Partial<ZipLimits> {
  /** Which entries to inflate; the others are checked by name and declared size, never inflated. */
  filter?: (entry: ZipEntryInfo) => boolean
  /** Names equal but for case count as duplicates (for readers that look names up in lower case). */
  foldCase?: boolean
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const EOCD_SIZE = 22
const MAX_COMMENT = 0xffff
/** Entries this small (compressed) and short (declared) are inflated in one call. */
const ONE_SHOT_MAX_INPUT = 64 * 1024
const ONE_SHOT_MAX_OUTPUT = 1 << 20

/** Compressed bytes given to the inflater at a time: deflate's ~1032:1 ratio bounds one step's output to ~4 MiB. */
const STEP = 4096

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8)
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  )
}

function limitsOf(options: SafeUnzipOptions): ZipLimits {
  return {
    maxEntries: options.maxEntries ?? DEFAULT_ZIP_LIMITS.maxEntries,
    maxEntryBytes: options.maxEntryBytes ?? DEFAULT_ZIP_LIMITS.maxEntryBytes,
    maxTotalBytes: options.maxTotalBytes ?? DEFAULT_ZIP_LIMITS.maxTotalBytes
  }
}

function findEndOfDirectory(bytes: Uint8Array): number {
  if (bytes.length < EOCD_SIZE) throw new ZipLimitError('notZip', `${bytes.length} bytes`)
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT)
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (u32(bytes, at) !== EOCD_SIGNATURE) continue
    // The comment must reach the end of the file exactly; else these 4 bytes are data.
    if (at + EOCD_SIZE + u16(bytes, at + 20) === bytes.length) return at
  }
  throw new ZipLimitError('notZip', 'no end of central directory')
}

const latin1 = new TextDecoder('windows-1252')
const utf8 = new TextDecoder('utf-8')

/** Why a name is unsafe, or null: `..` segments, absolute paths, drive letters, backslashes, controls. */
export function unsafeEntryName(name: string): string | null {
  if (name === '') return 'empty name'
  if (name.includes('\\')) return 'backslash'
  if (name.startsWith('/')) return 'absolute path'
  if (/^[a-zA-Z]:/.test(name)) return 'drive letter'
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character'
  if (name.split('/').some((part) => part === '..')) return 'parent directory'
  return null
}

/**
 * The entries of a zip from its central directory, with their names, count and sizes checked;
 * nothing inflated. Throws ZipLimitError.
 */
export function listZip(bytes: Uint8Array, options: SafeUnzipOptions = {}): ZipEntryInfo[] {
  const limits = limitsOf(options)
  const eocd = findEndOfDirectory(bytes)
  const count = u16(bytes, eocd + 10)
  const size = u32(bytes, eocd + 12)
  const offset = u32(bytes, eocd + 16)
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipLimitError('unsupportedEntry', 'zip64')
  }
  if (offset + size > eocd) throw new ZipLimitError('notZip', 'central directory out of bounds')
  const entries: ZipEntryInfo[] = []
  const seen = new Set<string>()
  let at = offset
  while (at < offset + size) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL_SIGNATURE) {
      throw new ZipLimitError('notZip', `bad central directory entry at ${at}`)
    }
    if (entries.length >= limits.maxEntries) {
      throw new ZipLimitError('tooManyEntries', `more than ${limits.maxEntries} entries`)
    }
    const flags = u16(bytes, at + 8)
    const nameLength = u16(bytes, at + 28)
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32)
    if (next > eocd) throw new ZipLimitError('notZip', 'central directory entry cut')
    const raw = bytes.subarray(at + 46, at + 46 + nameLength)
    const name = (flags & 0x800 ? utf8 : latin1).decode(raw)
    const unsafe = unsafeEntryName(name)
    if (unsafe) throw new ZipLimitError('badEntryName', `${JSON.stringify(name)}: ${unsafe}`)
    const key = options.foldCase ? name.toLowerCase() : name
    if (seen.has(key)) throw new ZipLimitError('duplicateEntry', JSON.stringify(name))
    seen.add(key)
    entries.push({
      name,
      directory: name.endsWith('/'),
      method: u16(bytes, at + 10),
      crc32: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      declaredSize: u32(bytes, at + 24),
      flags,
      localHeaderOffset: u32(bytes, at + 42)
    })
    at = next
  }
  return entries
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c
  }
  return table
})()

function crcUpdate(crc: number, chunk: Uint8Array): number {
  let c = crc
  for (let i = 0; i < chunk.length; i++) c = CRC_TABLE[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8)
  return c
}

/** The compressed bytes of an entry, found through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntryInfo): Uint8Array {
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_SIGNATURE) {
    throw new ZipLimitError('corruptEntry', `${entry.name}: no local header`)
  }
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28)
  const end = start + entry.compressedSize
  if (end > bytes.length) throw new ZipLimitError('corruptEntry', `${entry.name}: data cut`)
  return bytes.subarray(start, end)
}

/**
 * Inflates one entry, calling `take` with each piece; stops with `zipBomb` as soon as the entry
 * passes `cap`, and with `corruptEntry` when it ends other than as its header says.
 */
function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntryInfo,
  cap: number,
  take: (piece: Uint8Array) => void
): number {
  if (entry.flags & 1) throw new ZipLimitError('unsupportedEntry', `${entry.name}: encrypted`)
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipLimitError('unsupportedEntry', `${entry.name}: compression method ${entry.method}`)
  }
  const data = entryData(bytes, entry)
  // The declared size is a promise: inflating past it (or past the cap) is refused at once.
  const limit = Math.min(entry.declaredSize, cap)
  let produced = 0
  let crc = -1
  const accept = (piece: Uint8Array): void => {
    produced += piece.length
    if (produced > limit) {
      throw produced > cap
        ? new ZipLimitError('zipBomb', `${entry.name}: over ${size(cap)} once inflated`)
        : new ZipLimitError(
            'corruptEntry',
            `${entry.name}: inflates past its declared ${entry.declaredSize} bytes`
          )
    }
    crc = crcUpdate(crc, piece)
    take(piece)
  }
  if (entry.method === 0) {
    accept(data)
  } else if (data.length > 0 && data.length <= ONE_SHOT_MAX_INPUT && limit < ONE_SHOT_MAX_OUTPUT) {
    // A small entry in one call, into a buffer one byte longer than it may be: what would go past
    // is dropped, not allocated, and a full buffer means the entry lies (refused by accept). Its
    // input bounds the work to ~1032 times its size; most bundle texts take this way.
    let whole: Uint8Array
    try {
      whole = inflateSync(data, { out: new Uint8Array(limit + 1) })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new ZipLimitError('corruptEntry', `${entry.name}: ${reason}`)
    }
    accept(whole)
  } else {
    const inflater = new Inflate((piece) => {
      if (piece.length) accept(piece)
    })
    try {
      for (let at = 0; ; at += STEP) {
        const last = at + STEP >= data.length
        inflater.push(data.subarray(at, at + STEP), last)
        if (last) break
      }
    } catch (error) {
      if (error instanceof ZipLimitError) throw error
      const reason = error instanceof Error ? error.message : String(error)
      throw new ZipLimitError('corruptEntry', `${entry.name}: ${reason}`)
    }
  }
  if (produced !== entry.declaredSize) {
    throw new ZipLimitError(
      'corruptEntry',
      `${entry.name}: ${produced} bytes, ${entry.declaredSize} declared`
    )
  }
  if ((crc ^ -1) >>> 0 !== entry.crc32) {
    throw new ZipLimitError('corruptEntry', `${entry.name}: CRC mismatch`)
  }
  return produced
}

/** Sizes for people: `1024 MiB`, `3.5 KiB`, `12 bytes`. */
function size(bytes: number): string {
  if (bytes >= 1 << 20) return `${+(bytes / (1 << 20)).toFixed(1)} MiB`
  if (bytes >= 1 << 10) return `${+(bytes / (1 << 10)).toFixed(1)} KiB`
  return `${bytes} bytes`
}

function refuseDeclared(entries: ZipEntryInfo[], limits: ZipLimits): void {
  let total = 0
  for (const entry of entries) {
    if (entry.declaredSize > limits.maxEntryBytes) {
      throw new ZipLimitError(
        'zipBomb',
        `${entry.name}: declares ${size(entry.declaredSize)}, limit ${size(limits.maxEntryBytes)}`
      )
    }
    total += entry.declaredSize
  }
  if (total > limits.maxTotalBytes) {
    throw new ZipLimitError(
      'zipBomb',
      `declares ${size(total)} in all, limit ${size(limits.maxTotalBytes)}`
    )
  }
}

export interface OpenedZip {
  /** Every entry, names and declared sizes checked. */
  entries: ZipEntryInfo[]
  /** One entry inflated under the caps (the total counts every entry read so far). */
  read(entry: ZipEntryInfo): Uint8Array
}

/**
 * A zip listed and checked (names, count, declared sizes of every entry: a zip announcing a
 * gigabyte is refused as the bomb it is, even when what it hides would be skipped), ready to
 * inflate the entries a reader asks for, one at a time, under the caps.
 */
export function openZip(bytes: Uint8Array, options: SafeUnzipOptions = {}): OpenedZip {
  const limits = limitsOf(options)
  const entries = listZip(bytes, options)
  refuseDeclared(entries, limits)
  let total = 0
  return {
    entries,
    read(entry) {
      const pieces: Uint8Array[] = []
      const cap = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total)
      const size = inflateEntry(bytes, entry, cap, (piece) => pieces.push(piece))
      total += size
      return concat(pieces, size)
    }
  }
}

/**
 * The wanted entries of a zip, inflated under caps (see DEFAULT_ZIP_LIMITS); directories and
 * entries the filter leaves out are never inflated. Throws ZipLimitError, never anything else.
 */
export function safeUnzip(
  bytes: Uint8Array,
  options: SafeUnzipOptions = {}
): Map<string, Uint8Array> {
  const zip = openZip(bytes, options)
  const files = new Map<string, Uint8Array>()
  for (const entry of zip.entries) {
    if (entry.directory || !(options.filter?.(entry) ?? true)) continue
    files.set(entry.name, zip.read(entry))
  }
  return files
}

/**
 * Inflates every entry once to check it, keeping nothing: for a zip handed on to another reader
 * (mammoth for Word) that would otherwise inflate a bomb. Returns the entries, checked.
 */
export function checkZip(bytes: Uint8Array, options: SafeUnzipOptions = {}): ZipEntryInfo[] {
  const limits = limitsOf(options)
  const entries = listZip(bytes, options)
  refuseDeclared(entries, limits)
  let total = 0
  for (const entry of entries) {
    if (entry.directory || !(options.filter?.(entry) ?? true)) continue
    const cap = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total)
    total += inflateEntry(bytes, entry, cap, () => undefined)
  }
  return entries
}

function concat(pieces: Uint8Array[], size: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!.slice()
  const out = new Uint8Array(size)
  let at = 0
  for (const piece of pieces) {
    out.set(piece, at)
    at += piece.length
  }
  return out
}
