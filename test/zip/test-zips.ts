// Hostile zips for tests: entries written by hand with whatever names, sizes and CRCs an attacker
// chooses, and deflated zeros to make bombs of any size from a small file.
import { Deflate } from 'fflate'

export interface RawEntry {
  name: string
  /** The bytes stored in the zip: already deflated when `method` is 8. */
  data: Uint8Array
  method?: 0 | 8 | number
  /** What the headers declare; defaults to the true size for stored data. */
  declaredSize?: number
  crc32?: number
  flags?: number
}

const encoder = new TextEncoder()

const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}

/** A zip holding exactly these entries, headers and all, as given (no checks). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const name = encoder.encode(entry.name)
    const method = entry.method ?? 0
    const size = entry.declaredSize ?? entry.data.length
    const crc = entry.crc32 ?? (method === 0 ? crc32(entry.data) : 0)
    const flags = (entry.flags ?? 0) | 0x800
    const local = new Uint8Array(30 + name.length)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, 0x04034b50, true)
    lv.setUint16(4, 20, true)
    lv.setUint16(6, flags, true)
    lv.setUint16(8, method, true)
    lv.setUint32(14, crc, true)
    lv.setUint32(18, entry.data.length, true)
    lv.setUint32(22, size >>> 0, true)
    lv.setUint16(26, name.length, true)
    local.set(name, 30)
    const head = new Uint8Array(46 + name.length)
    const cv = new DataView(head.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    cv.setUint16(8, flags, true)
    cv.setUint16(10, method, true)
    cv.setUint32(16, crc, true)
    cv.setUint32(20, entry.data.length, true)
    cv.setUint32(24, size >>> 0, true)
    cv.setUint16(28, name.length, true)
    cv.setUint32(42, offset, true)
    head.set(name, 46)
    parts.push(local, entry.data)
    central.push(head)
    offset += local.length + entry.data.length
  }
  const centralSize = central.reduce((sum, c) => sum + c.length, 0)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, entries.length, true)
  ev.setUint16(10, entries.length, true)
  ev.setUint32(12, centralSize, true)
  ev.setUint32(16, offset, true)
  const all = [...parts, ...central, end]
  const out = new Uint8Array(all.reduce((sum, p) => sum + p.length, 0))
  let at = 0
  for (const part of all) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** `size` zero bytes deflated (about 1,000 to 1), with their CRC: the body of a zip bomb. */
export function deflatedZeros(size: number): { data: Uint8Array; crc32: number; size: number } {
  const chunk = new Uint8Array(Math.min(size, 1 << 20))
  const out: Uint8Array[] = []
  const deflate = new Deflate({ level: 1 }, (piece) => out.push(piece))
  let crc = 0
  for (let left = size; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
    crc = crc32(piece, crc)
    deflate.push(piece, false)
  }
  deflate.push(new Uint8Array(0), true)
  const data = new Uint8Array(out.reduce((sum, p) => sum + p.length, 0))
  let at = 0
  for (const piece of out) {
    data.set(piece, at)
    at += piece.length
  }
  return { data, crc32: crc, size }
}
