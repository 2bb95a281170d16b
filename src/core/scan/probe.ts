// Scans: what an image file says of itself, read from its headers before any pixel is decoded, so
// that a decompression bomb (a 50,000 × 50,000 px PNG of a few kilobytes) or a TIFF of 10,000 frames
// is refused in milliseconds, and a truncated or garbled header is a typed error, not a crash.
// Nothing here copies the file or reads it through: a few header bytes for PNG, JPEG and WebP, and
// for TIFF the chain of image directories, bounded by a frame cap and checked for loops.
import { ImportError } from '../import/types'
import type { ImageFormat } from './types'

/** An image whose decoded raster would exceed this many pixels is refused before decoding. */
export const MAX_IMAGE_PIXELS = 50_000_000
/** Nor may either side exceed this many pixels (a 20,000 × 20 strip is no page either). */
export const MAX_IMAGE_SIDE = 20_000

export interface ImageProbe {
  format: ImageFormat
  /** For a TIFF, the size of the frame largest against the limits (see largestFrame). */
  width: number
  height: number
  frames: number
  /**
   * True when a TIFF's directory walk stopped at its cap: the file has at least `frames` frames
   * (cap + 1), maybe many more.
   */
  framesCapped?: boolean
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

const startsWith = (bytes: Uint8Array, at: number, expected: readonly number[]): boolean =>
  bytes.length >= at + expected.length && expected.every((b, i) => bytes[at + i] === b)

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0))

/** The image format by its magic bytes (a file's name and MIME type are not trusted). */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, 0, PNG_SIGNATURE)) return 'png'
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (
    startsWith(bytes, 0, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, 0, [0x4d, 0x4d, 0x00, 0x2a])
  )
    return 'tiff'
  if (startsWith(bytes, 0, ascii('RIFF')) && startsWith(bytes, 8, ascii('WEBP'))) return 'webp'
  return null
}

/**
 * Format and size of an image from its headers only. `maxFrames` bounds the TIFF directory walk:
 * it stops after maxFrames + 1 frames (enough to say "too many"); leave it unbounded only when the
 * exact count matters, the walk is then bounded by the file's size.
 * Throws ImportError('corrupt') for a truncated or garbled header, 'unsupportedFormat' for bytes
 * that are no image Liasse reads (or a TIFF variant it does not).
 */
export function probeImage(
  bytes: Uint8Array,
  fileName: string,
  maxFrames = Number.POSITIVE_INFINITY
): ImageProbe {
  const format = sniffImage(bytes)
  switch (format) {
    case 'png':
      return probePng(bytes, fileName)
    case 'jpeg':
      return { format, ...jpegSize(bytes, 0, fileName), frames: 1 }
    case 'webp':
      return probeWebp(bytes, fileName)
    case 'tiff': {
      const layout = walkTiff(bytes, fileName, maxFrames)
      const largest = largestFrame(layout.frames)
      return {
        format,
        width: largest.width,
        height: largest.height,
        frames: layout.frames.length,
        ...(layout.capped ? { framesCapped: true } : {})
      }
    }
    default:
      throw new ImportError('unsupportedFormat', fileName, 'not a PNG, JPEG, TIFF or WebP image')
  }
}

/** Refuses, before any decoding, a file with more pages than the user allows or too large a page. */
export function checkImageLimits(probe: ImageProbe, maxPages: number, fileName: string): void {
  if (probe.frames > maxPages) {
    const pages = probe.framesCapped ? `more than ${maxPages}` : String(probe.frames)
    throw new ImportError('tooManyPages', fileName, `${pages} pages, limit ${maxPages}`)
  }
  checkImageSize(probe.width, probe.height, fileName)
}

/** Refuses a raster too large to decode (the same limits for a whole image, a frame or a tile). */
export function checkImageSize(width: number, height: number, fileName: string): void {
  if (width * height > MAX_IMAGE_PIXELS || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new ImportError(
      'imageTooLarge',
      fileName,
      `${width}×${height} px, limit ${MAX_IMAGE_PIXELS} px and ${MAX_IMAGE_SIDE} px a side`
    )
  }
}

const corrupt = (fileName: string, detail: string): ImportError =>
  new ImportError('corrupt', fileName, detail)

const view = (bytes: Uint8Array): DataView =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)

// ---------------------------------------------------------------------------------------------- PNG

let crcTable: Uint32Array | undefined

/** CRC-32 as PNG uses it (core has no node:zlib). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = start; i < end; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** Bit depths allowed for each PNG colour type (PNG spec, table 11.1). */
const PNG_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16]
}

function probePng(bytes: Uint8Array, fileName: string): ImageProbe {
  // Signature (8), IHDR length (4) and type (4), its 13 bytes of data, its CRC (4).
  if (bytes.length < 33) throw corrupt(fileName, `PNG header truncated at ${bytes.length} bytes`)
  const dv = view(bytes)
  if (dv.getUint32(8) !== 13 || !startsWith(bytes, 12, ascii('IHDR')))
    throw corrupt(fileName, 'PNG: first chunk is not a 13-byte IHDR')
  if (crc32(bytes, 12, 29) !== dv.getUint32(29)) throw corrupt(fileName, 'PNG: IHDR CRC mismatch')
  const width = dv.getUint32(16)
  const height = dv.getUint32(20)
  const depth = bytes[24]!
  const colour = bytes[25]!
  // PNG sizes are 31-bit and never zero.
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff)
    throw corrupt(fileName, `PNG: invalid size ${width}×${height}`)
  if (!PNG_DEPTHS[colour]?.includes(depth))
    throw corrupt(fileName, `PNG: invalid colour type ${colour} with bit depth ${depth}`)
  if (bytes[26] !== 0 || bytes[27] !== 0 || bytes[28]! > 1)
    throw corrupt(fileName, 'PNG: unknown compression, filter or interlace method')
  return { format: 'png', width, height, frames: 1 }
}

// --------------------------------------------------------------------------------------------- JPEG

/**
 * Width and height of the JPEG stream starting at `start` (its SOI), from its first frame header:
 * the markers before it are walked by their lengths, never their contents.
 */
export function jpegSize(
  bytes: Uint8Array,
  start: number,
  fileName: string,
  end = bytes.length
): { width: number; height: number } {
  if (bytes[start] !== 0xff || bytes[start + 1] !== 0xd8) throw corrupt(fileName, 'JPEG: no SOI')
  let at = start + 2
  for (;;) {
    if (at >= end) throw corrupt(fileName, `JPEG: truncated before its frame header (at ${at})`)
    if (bytes[at] !== 0xff) throw corrupt(fileName, `JPEG: expected a marker at ${at}`)
    // A marker may be preceded by any number of 0xFF fill bytes.
    while (at < end && bytes[at] === 0xff) at++
    if (at >= end) throw corrupt(fileName, 'JPEG: truncated in a marker')
    const marker = bytes[at++]!
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue // no length
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda || marker === 0x00)
      throw corrupt(fileName, `JPEG: marker ${marker.toString(16)} before the frame header`)
    if (at + 2 > end) throw corrupt(fileName, 'JPEG: truncated in a segment length')
    const length = (bytes[at]! << 8) | bytes[at + 1]!
    if (length < 2) throw corrupt(fileName, `JPEG: segment length ${length}`)
    if (at + length > end) throw corrupt(fileName, `JPEG: segment ${marker.toString(16)} truncated`)
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) throw corrupt(fileName, `JPEG: frame header of ${length} bytes`)
      const height = (bytes[at + 3]! << 8) | bytes[at + 4]!
      const width = (bytes[at + 5]! << 8) | bytes[at + 6]!
      // Height 0 means "given later by a DNL marker": legal, but no size can be checked first.
      if (width === 0 || height === 0)
        throw corrupt(fileName, `JPEG: frame size ${width}×${height}`)
      return { width, height }
    }
    at += length
  }
}

// --------------------------------------------------------------------------------------------- WebP

function probeWebp(bytes: Uint8Array, fileName: string): ImageProbe {
  // RIFF header (12), first chunk header (8), and at most 10 bytes of that chunk's header.
  if (bytes.length < 30) throw corrupt(fileName, `WebP header truncated at ${bytes.length} bytes`)
  const dv = view(bytes)
  const riffSize = dv.getUint32(4, true)
  if (riffSize + 8 > bytes.length)
    throw corrupt(
      fileName,
      `WebP truncated: RIFF says ${riffSize + 8} bytes, file has ${bytes.length}`
    )
  const chunk = String.fromCharCode(...bytes.subarray(12, 16))
  const size = (width: number, height: number): ImageProbe => {
    if (width === 0 || height === 0) throw corrupt(fileName, `WebP: size ${width}×${height}`)
    return { format: 'webp', width, height, frames: 1 }
  }
  switch (chunk) {
    case 'VP8 ': {
      // Frame tag (3 bytes; bit 0 clear on a key frame), start code 9D 01 2A, then 14-bit sizes.
      if ((bytes[20]! & 1) !== 0) throw corrupt(fileName, 'WebP: VP8 data is not a key frame')
      if (!startsWith(bytes, 23, [0x9d, 0x01, 0x2a]))
        throw corrupt(fileName, 'WebP: VP8 start code missing')
      return size(dv.getUint16(26, true) & 0x3fff, dv.getUint16(28, true) & 0x3fff)
    }
    case 'VP8L': {
      // Signature 0x2F, then width − 1 and height − 1 in 14 bits each, little-endian bit order.
      if (bytes[20] !== 0x2f) throw corrupt(fileName, 'WebP: VP8L signature missing')
      const bits = dv.getUint32(21, true)
      return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1)
    }
    case 'VP8X': {
      // Flags (1 byte) and 3 reserved, then canvas width − 1 and height − 1 in 24 bits each.
      const u24 = (at: number): number =>
        bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)
      return size(u24(24) + 1, u24(27) + 1)
    }
    default:
      throw corrupt(fileName, `WebP: unknown first chunk ${JSON.stringify(chunk)}`)
  }
}

// --------------------------------------------------------------------------------------------- TIFF

/** Bytes per value of each TIFF field type (1 BYTE … 12 DOUBLE, 13 IFD); 0: no such type. */
const TIFF_TYPE_SIZE = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4]
/** Types whose values are read as arrays of numbers (by utif2 too: they cost memory there). */
const NUMERIC_TYPES = new Set([3, 4, 5, 8, 9, 10, 11, 12, 13])
/** Tags pointing at sub-directories that utif2 follows (SubIFDs, Exif, GPS). */
const SUB_IFD_TAGS = new Set([330, 34665, 34853])
/** Camera-raw private directories utif2 follows by heuristics: no scan has them. */
const RAW_TAGS = new Set([50740, 61440])
const MAX_SUB_IFD_DEPTH = 4
/** utif2 turns every numeric value into a JS number in an array: bounded, so is its memory. */
const MAX_TAG_VALUES = 16_000_000

/** One directory entry: its field type, value count and where the values are. */
export interface TiffEntry {
  type: number
  count: number
  /** Offset of the first value (inside the entry when they fit in 4 bytes). */
  at: number
}

export interface TiffFrame {
  /** Offset of the frame's directory (IFD). */
  offset: number
  width: number
  height: number
  entries: Map<number, TiffEntry>
}

export interface TiffLayout {
  littleEndian: boolean
  frames: TiffFrame[]
  /** True when the walk stopped at maxFrames + 1 frames with more to come. */
  capped: boolean
  /** The values of an entry, as unsigned integers (types BYTE, SHORT, LONG, IFD). */
  values(entry: TiffEntry): number[]
}

/**
 * Walks a TIFF's directory chain without decoding a pixel, checking what utif2 would otherwise trust:
 * every directory and every tag's values inside the file, no directory read twice (a loop would
 * make utif2 spin forever), sub-directories bounded in depth, at most maxFrames + 1 frames walked.
 */
export function walkTiff(
  bytes: Uint8Array,
  fileName: string,
  maxFrames = Number.POSITIVE_INFINITY
): TiffLayout {
  if (bytes.length < 8) throw corrupt(fileName, `TIFF header truncated at ${bytes.length} bytes`)
  const dv = view(bytes)
  const le = bytes[0] === 0x49
  if (dv.getUint16(2, le) !== 42) throw corrupt(fileName, 'TIFF: bad version (BigTIFF?)')
  const u16 = (at: number): number => dv.getUint16(at, le)
  const u32 = (at: number): number => dv.getUint32(at, le)
  const visited = new Set<number>()
  let tagValues = 0

  const readEntries = (
    offset: number,
    what: string
  ): { entries: Map<number, TiffEntry>; end: number } => {
    if (offset < 8 || offset + 2 > bytes.length)
      throw corrupt(
        fileName,
        `TIFF: ${what} at ${offset} is outside the file (${bytes.length} bytes)`
      )
    if (visited.has(offset))
      throw corrupt(fileName, `TIFF: directory loop (${what} at ${offset} again)`)
    visited.add(offset)
    const n = u16(offset)
    const end = offset + 2 + 12 * n
    if (end > bytes.length) throw corrupt(fileName, `TIFF: ${what} at ${offset} truncated`)
    const entries = new Map<number, TiffEntry>()
    for (let e = offset + 2; e < end; e += 12) {
      const tag = u16(e)
      const type = u16(e + 2)
      const count = u32(e + 4)
      const size = TIFF_TYPE_SIZE[type]
      // utif2 skips a directory whose first entry has an unknown type, and trusts every count.
      if (!size) throw corrupt(fileName, `TIFF: tag ${tag} has unknown type ${type}`)
      const length = size * count
      const at = length <= 4 ? e + 8 : u32(e + 8)
      if (at + length > bytes.length)
        throw corrupt(fileName, `TIFF: tag ${tag}'s ${count} values run past the end of the file`)
      if (NUMERIC_TYPES.has(type)) tagValues += count
      if (tagValues > MAX_TAG_VALUES) throw corrupt(fileName, 'TIFF: too many tag values')
      if (RAW_TAGS.has(tag))
        throw new ImportError('unsupportedFormat', fileName, `camera raw TIFF (tag ${tag})`)
      entries.set(tag, { type, count, at })
    }
    return { entries, end }
  }

  const values = (entry: TiffEntry): number[] => {
    const out: number[] = []
    const size = TIFF_TYPE_SIZE[entry.type]!
    for (let i = 0; i < entry.count; i++) {
      const at = entry.at + i * size
      out.push(size === 1 ? bytes[at]! : size === 2 ? u16(at) : u32(at))
    }
    return out
  }
  const integer = (
    entry: TiffEntry | undefined,
    tag: number,
    what: string
  ): number[] | undefined => {
    if (!entry) return undefined
    if (![1, 3, 4, 13].includes(entry.type))
      throw corrupt(fileName, `TIFF: tag ${tag} (${what}) has type ${entry.type}`)
    return values(entry)
  }

  // Sub-directories are read by utif2 recursively: check them the same way, depth-bounded.
  const checkSubDirectories = (entries: Map<number, TiffEntry>, depth: number): void => {
    for (const tag of SUB_IFD_TAGS) {
      const offsets = integer(entries.get(tag), tag, 'sub-directory')
      if (!offsets) continue
      if (depth >= MAX_SUB_IFD_DEPTH)
        throw corrupt(fileName, 'TIFF: sub-directories nested too deep')
      for (const offset of offsets) {
        checkSubDirectories(readEntries(offset, `sub-directory of tag ${tag}`).entries, depth + 1)
      }
    }
  }

  const frames: TiffFrame[] = []
  let next = u32(4)
  if (next === 0) throw corrupt(fileName, 'TIFF: no image directory')
  let capped = false
  while (next !== 0) {
    if (frames.length > maxFrames) {
      capped = true
      break
    }
    const offset = next
    const { entries, end } = readEntries(offset, `directory ${frames.length + 1}`)
    if (end + 4 > bytes.length)
      throw corrupt(fileName, `TIFF: directory ${frames.length + 1} has no next-directory offset`)
    const width = integer(entries.get(256), 256, 'ImageWidth')?.[0]
    const height = integer(entries.get(257), 257, 'ImageLength')?.[0]
    if (!width || !height)
      throw corrupt(fileName, `TIFF: frame ${frames.length + 1} has no size (${width}×${height})`)
    checkSubDirectories(entries, 0)
    frames.push({ offset, width, height, entries })
    next = u32(end)
  }
  return { littleEndian: le, frames, capped, values }
}

/**
 * The frame that stands largest against the limits, so that checking its size checks them all: the
 * one with the greatest share of MAX_IMAGE_PIXELS or MAX_IMAGE_SIDE.
 */
function largestFrame(frames: readonly TiffFrame[]): { width: number; height: number } {
  const load = (f: { width: number; height: number }): number =>
    Math.max((f.width * f.height) / MAX_IMAGE_PIXELS, Math.max(f.width, f.height) / MAX_IMAGE_SIDE)
  return frames.reduce((a, b) => (load(b) > load(a) ? b : a))
}

/**
 * Whether a PNG, JPEG or WebP file is whole, checked before it is decoded: browsers and canvases
 * draw a truncated image as far as it goes and fill the rest with grey, which would be imported as
 * a page with its bottom missing. PNG: every chunk within the file, up to IEND. JPEG: an end of
 * image marker (FF D9), allowing trailing bytes some cameras add. WebP: the RIFF size fits.
 * TIFF is checked strip by strip as it is read (tiff.ts).
 */
export function checkComplete(bytes: Uint8Array, format: ImageFormat, fileName: string): void {
  const truncated = (detail: string): never => {
    throw new ImportError('corrupt', fileName, detail)
  }
  if (format === 'png') {
    let at = 8
    for (;;) {
      if (at + 12 > bytes.length) truncated('PNG ends before its IEND chunk')
      const length =
        ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
      if (at + 12 + length > bytes.length)
        truncated(`PNG chunk ${type} runs past the end of the file`)
      if (type === 'IEND') return
      at += 12 + length
    }
  }
  if (format === 'jpeg') {
    // The end marker is within the last bytes (trailing data after it is tolerated up to 64 KB).
    const from = Math.max(2, bytes.length - 65_536)
    for (let i = bytes.length - 2; i >= from; i--) {
      if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return
    }
    truncated('JPEG has no end of image marker')
  }
  if (format === 'webp') {
    const size = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)) >>> 0
    if (size + 8 > bytes.length)
      truncated(`WebP says ${size + 8} bytes, the file has ${bytes.length}`)
  }
}
