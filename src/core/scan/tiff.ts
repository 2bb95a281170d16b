// Scans: a TIFF's pages as grey rasters, one at a time, through utif2 (pure JS). utif2 trusts its
// input: a directory loop makes it spin forever, a huge tag count or strip length makes it loop for
// billions of steps, a deflate strip may inflate to gigabytes. So the file is first walked by
// probe.ts (directories, tag values, frame count), and each frame's layout is checked before
// utif2 decodes it; anything utif2 still throws (strings and numbers too) becomes a typed error.
import * as UTIF from 'utif2'
import { Inflate } from 'fflate'
import { ImportError } from '../import/types'
import {
  checkImageLimits,
  checkImageSize,
  jpegSize,
  walkTiff,
  type TiffFrame,
  type TiffLayout
} from './probe'
import type { GrayImage } from './types'

export interface TiffPages {
  count: number
  /** Decodes page `i` (0-based). Throws ImportError for a page it cannot or will not decode. */
  page(i: number): GrayImage
}

/** Compressions read: none, CCITT (fax scans), LZW, JPEG, deflate, PackBits. */
const COMPRESSIONS = new Set([1, 2, 3, 4, 5, 7, 8, 32773, 32946])
const CCITT = new Set([2, 3, 4])
const DEFLATE = new Set([8, 32946])

// utif2's CCITT (fax) decoders read a code bit by bit into a string and look it up at each bit: on
// a garbled strip no code matches, the string grows to the strip's length and each lookup costs its
// length (minutes for 100 KB); and a run past the line's end makes the line grow without bound (an
// out-of-memory crash, which no catch survives). Both are bounded by wrapping utif2's code tables
// and run writer, once, here: the longest CCITT code is 13 bits, and fill bits before an EOL are
// a few more; a line never holds more than its width (the G3 decoder starts from one line of
// zeros, hence twice the width, plus one make-up run).
const MAX_CCITT_CODE_BITS = 64
let ccittLineLimit = Number.POSITIVE_INFINITY
interface UtifCcitt {
  _dmap: Record<string, number>
  _lens: Array<Record<string, number>>
  _addNtimes: (line: number[], n: number, value: number) => void
}
{
  const decoders = UTIF.decode as unknown as UtifCcitt
  const guardCodes = (table: Record<string, number>): Record<string, number> =>
    new Proxy(table, {
      get(target, key, receiver) {
        if (typeof key === 'string' && key.length > MAX_CCITT_CODE_BITS)
          throw new Error('CCITT: no code matches')
        return Reflect.get(target, key, receiver) as unknown
      }
    })
  decoders._dmap = guardCodes(decoders._dmap)
  decoders._lens = decoders._lens.map(guardCodes)
  const addRun = decoders._addNtimes
  decoders._addNtimes = (line, n, value) => {
    if (line.length + n > ccittLineLimit) throw new Error('CCITT: run past the end of the line')
    addRun(line, n, value)
  }
}

/**
 * Opens a TIFF: its frames are counted and checked against maxPages first, its directories read
 * (no pixel yet). Each page is decoded when asked for, after its size and layout are checked.
 */
export function readTiffPages(bytes: Uint8Array, fileName: string, maxPages: number): TiffPages {
  const layout = walkTiff(bytes, fileName, maxPages)
  checkImageLimits(
    {
      format: 'tiff',
      frames: layout.frames.length,
      framesCapped: layout.capped,
      // Each frame's size is checked when it is decoded; only the count is checked here.
      width: 1,
      height: 1
    },
    maxPages,
    fileName
  )
  // utif2 reads tag values as views on the whole ArrayBuffer from offset 0, and copies any typed
  // array it is given: hand it the bytes' own buffer when they fill it, or one copy otherwise.
  const buffer =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
      ? bytes.buffer
      : bytes.slice().buffer
  // parseMN: false, or utif2 reads camera maker notes as directories too (unchecked by walkTiff).
  const decode = UTIF.decode as (buffer: ArrayBuffer, options: object) => UTIF.IFD[]
  const ifds = guard(fileName, 'directories', () =>
    decode(buffer, { parseMN: false, debug: false })
  )
  if (ifds.length !== layout.frames.length)
    throw new ImportError(
      'corrupt',
      fileName,
      `TIFF: utif2 read ${ifds.length} directories of ${layout.frames.length}`
    )
  return {
    count: layout.frames.length,
    page(i: number): GrayImage {
      const frame = layout.frames[i]
      const ifd = ifds[i]
      if (!frame || !ifd) throw new RangeError(`page ${i} of ${layout.frames.length}`)
      checkFrame(bytes, layout, frame, fileName, i + 1)
      try {
        const rgba = guard(fileName, `page ${i + 1}`, () => {
          ccittLineLimit = 2 * frame.width + 2560
          try {
            UTIF.decodeImage(buffer, ifd)
          } finally {
            ccittLineLimit = Number.POSITIVE_INFINITY
          }
          return UTIF.toRGBA8(ifd)
        })
        if (rgba.length !== frame.width * frame.height * 4)
          throw new ImportError('corrupt', fileName, `TIFF page ${i + 1}: no pixels decoded`)
        return rgbaToGray(rgba, frame.width, frame.height)
      } finally {
        // utif2 keeps the decoded raster on the directory: drop it, a page is read once.
        delete (ifd as { data?: unknown }).data
      }
    }
  }
}

/** Runs utif2, turning anything it throws (it throws strings and numbers too) into a typed error. */
function guard<T>(fileName: string, what: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof ImportError) throw error
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    throw new ImportError('corrupt', fileName, `TIFF ${what}: ${detail}`)
  }
}

/**
 * Checks a frame before utif2 decodes it: its size against the limits, a layout utif2 decodes
 * (else it silently gives a blank or garbled page), strips and tiles inside the file and of sane
 * number and size, a JPEG strip's own frame size, a deflate strip's inflated size.
 */
function checkFrame(
  bytes: Uint8Array,
  layout: TiffLayout,
  frame: TiffFrame,
  fileName: string,
  page: number
): void {
  const { width, height } = frame
  checkImageSize(width, height, fileName)
  const tag = (t: number): number[] | undefined => {
    const entry = frame.entries.get(t)
    return entry ? layout.values(entry) : undefined
  }
  const first = (t: number, fallback: number): number => tag(t)?.[0] ?? fallback
  const corrupt = (detail: string): ImportError =>
    new ImportError('corrupt', fileName, `TIFF page ${page}: ${detail}`)
  const unsupported = (detail: string): ImportError =>
    new ImportError('unsupportedFormat', fileName, `TIFF page ${page}: ${detail}`)

  const compression = first(259, 1)
  if (!COMPRESSIONS.has(compression)) throw unsupported(`compression ${compression}`)
  const photometric = first(262, CCITT.has(compression) ? 0 : 2)
  const bits = tag(258) ?? [1]
  const bps = bits[0]!
  const spp = first(277, bits.length)
  if (bits.some((b) => b !== bps)) throw unsupported(`mixed bits per sample ${bits.join(',')}`)
  if (CCITT.has(compression) && (bps !== 1 || spp !== 1))
    throw corrupt(`fax compression on ${spp} samples of ${bps} bits`)
  if (spp > 1 && first(284, 1) === 2) throw unsupported('planar configuration')
  const supported =
    (photometric === 0 && spp === 1 && [1, 4, 8, 16].includes(bps)) ||
    (photometric === 1 && spp === 1 && [1, 2, 8, 16].includes(bps)) ||
    (photometric === 1 && spp === 2 && bps === 8) ||
    (photometric === 2 && bps === 8 && spp >= 1 && spp <= 4) ||
    (photometric === 2 && bps === 16 && (spp === 3 || spp === 4)) ||
    (photometric === 3 &&
      spp === 1 &&
      [1, 2, 4, 8].includes(bps) &&
      tag(320)?.length === 3 << bps) ||
    // utif2's JPEG decoder gives RGB whatever the file says (YCbCr is the usual case).
    (compression === 7 && (photometric === 1 || photometric === 2 || photometric === 6))
  if (!supported) throw unsupported(`photometric ${photometric}, ${spp} samples of ${bps} bits`)

  const tiled = frame.entries.has(322)
  const tileWidth = tiled ? first(322, 0) : width
  const tileHeight = tiled ? first(323, 0) : Math.min(first(278, height), height) || height
  if (tiled) {
    if (!tileWidth || !tileHeight) throw corrupt('tile of size 0')
    checkImageSize(tileWidth, tileHeight, fileName)
  }
  const offsets = tiled ? (tag(324) ?? tag(273)) : tag(273)
  const counts = tiled ? (tag(325) ?? tag(279)) : tag(279)
  if (!offsets || offsets.length === 0) throw corrupt('no strip or tile offsets')
  const pieces = tiled
    ? Math.ceil(width / tileWidth) * Math.ceil(height / tileHeight)
    : Math.ceil(height / tileHeight)
  if (offsets.length < pieces) throw corrupt(`${offsets.length} strips or tiles, ${pieces} needed`)
  // Uncompressed single-strip frames are read by their size alone (utif2 ignores the count).
  if (!(compression === 1 && offsets.length === 1)) {
    if (!counts || counts.length < offsets.length) throw corrupt('strip byte counts missing')
  }
  const pieceBytes = Math.ceil((tileWidth * spp * bps) / 8) * tileHeight
  for (let s = 0; s < offsets.length; s++) {
    const offset = offsets[s]!
    const count = counts?.[s] ?? 0
    if (offset > bytes.length || offset + count > bytes.length)
      throw corrupt(`strip or tile ${s + 1} runs past the end of the file`)
    if (compression === 7 && count > 0) {
      // utif2 sizes its buffers from the JPEG's own frame header, not from the TIFF's.
      const size = guardSize(() => jpegSize(bytes, offset, fileName, offset + count))
      if (size) checkImageSize(size.width, size.height, fileName)
    }
    if (DEFLATE.has(compression)) checkInflatedSize(bytes, offset, count, pieceBytes, corrupt)
  }
}

/** A JPEG strip's size, or undefined when it has no frame header of its own (utif2 then fails). */
function guardSize(
  run: () => { width: number; height: number }
): { width: number; height: number } | undefined {
  try {
    return run()
  } catch {
    return undefined
  }
}

/**
 * utif2 inflates a deflate strip whole (pako) before looking at its size: a strip of one megabyte
 * can inflate to a gigabyte. Inflate it here first, in small steps, and stop as soon as it gives
 * more than the strip can hold.
 */
function checkInflatedSize(
  bytes: Uint8Array,
  offset: number,
  count: number,
  expected: number,
  corrupt: (detail: string) => ImportError
): void {
  // utif2 skips the 2-byte zlib header and the 4-byte checksum: inflate what it inflates.
  if (count < 6) return
  const limit = expected + 1024
  let total = 0
  const inflate = new Inflate((chunk) => {
    total += chunk.length
    if (total > limit) throw corrupt(`deflate strip inflates past ${expected} bytes`)
  })
  const step = 4096
  const end = offset + count - 4
  try {
    for (let at = offset + 2; at < end; at += step) {
      inflate.push(bytes.subarray(at, Math.min(at + step, end)), at + step >= end)
    }
  } catch (error) {
    // Only the size is checked here: a stream fflate cannot read is left to pako to refuse.
    if (error instanceof ImportError) throw error
  }
}

/**
 * RGBA (8 bits a channel, as decoders give it) to 8-bit grey: Rec. 601 luma, with any transparency
 * composited on white paper (a transparent scan background must not read as black).
 */
export function rgbaToGray(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number
): GrayImage {
  const area = width * height
  if (rgba.length < area * 4)
    throw new RangeError(`${rgba.length} RGBA bytes for ${width}×${height}`)
  const data = new Uint8Array(area)
  for (let i = 0, q = 0; i < area; i++, q += 4) {
    // 0.299, 0.587, 0.114 in 1/65536ths (summing to 65536: white stays 255), rounded.
    const luma = (19595 * rgba[q]! + 38470 * rgba[q + 1]! + 7471 * rgba[q + 2]! + 32768) >> 16
    const alpha = rgba[q + 3]!
    data[i] = alpha === 255 ? luma : Math.round((luma * alpha + 255 * (255 - alpha)) / 255)
  }
  return { width, height, data }
}
