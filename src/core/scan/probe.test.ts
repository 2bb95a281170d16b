// Image headers read before any pixel: real PNG, JPEG and WebP files (drawn with @napi-rs/canvas in
// the test) probe to their size; a 50,000 × 50,000 px PNG bomb is refused at once; a truncated or
// garbled header is ImportError('corrupt'), never another exception. TIFF: see tiff.test.ts.
import { crc32 as zlibCrc32 } from 'node:zlib'
import { createCanvas, type Canvas } from '@napi-rs/canvas'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ImportError } from '../import/types'
import {
  checkImageLimits,
  crc32,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  probeImage,
  sniffImage,
  type ImageProbe
} from './probe'

function draw(width: number, height: number): Canvas {
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, width, height)
  ctx.fillStyle = '#000'
  ctx.font = '12px sans-serif'
  ctx.fillText('Liasse', 3, Math.min(height - 2, 14))
  return canvas
}

const canvas = draw(137, 59)
const PNG = new Uint8Array(canvas.toBuffer('image/png'))
const JPEG = new Uint8Array(canvas.toBuffer('image/jpeg'))
const WEBP = new Uint8Array(canvas.toBuffer('image/webp'))

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const dv = new DataView(out.buffer)
  dv.setUint32(0, data.length)
  out.set(Buffer.from(type, 'latin1'), 4)
  out.set(data, 8)
  dv.setUint32(8 + data.length, zlibCrc32(out.subarray(4, 8 + data.length)))
  return out
}

/** A PNG whose IHDR says width × height, with a tiny IDAT: what a decompression bomb looks like. */
function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13)
  const dv = new DataView(ihdr.buffer)
  dv.setUint32(0, width)
  dv.setUint32(4, height)
  ihdr.set([8, 0, 0, 0, 0], 8) // 8-bit grey, deflate, no filter method, no interlace
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    // A real bomb's IDAT would be a few megabytes of zeros deflated; probing never reads it.
    chunk('IDAT', Uint8Array.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', new Uint8Array(0))
  ]
  return Uint8Array.from(parts.flatMap((p) => [...p]))
}

function riff(fourcc: string, payload: number[]): Uint8Array {
  const body = [...Buffer.from('WEBP'), ...Buffer.from(fourcc), ...le32(payload.length), ...payload]
  if (payload.length & 1) body.push(0)
  return Uint8Array.from([...Buffer.from('RIFF'), ...le32(body.length), ...body])
}
const le32 = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24]

/** The header of a lossy WebP (key frame, start code, 14-bit sizes), padded with zeros. */
function vp8(width: number, height: number): Uint8Array {
  return riff('VP8 ', [
    0x50,
    0x01,
    0x00,
    0x9d,
    0x01,
    0x2a,
    width & 255,
    width >> 8,
    height & 255,
    height >> 8,
    ...new Array<number>(20).fill(0)
  ])
}
/** The header of a lossless WebP: signature, then width − 1 and height − 1 in 14 bits each. */
function vp8l(width: number, height: number): Uint8Array {
  const bits = (width - 1) | ((height - 1) << 14)
  return riff('VP8L', [0x2f, ...le32(bits), ...new Array<number>(20).fill(0)])
}

/** The codes a probe may throw: anything else is a bug. */
const PROBE_CODES = new Set(['corrupt', 'unsupportedFormat', 'tooManyPages', 'imageTooLarge'])

/** Probes, and says what came out: a valid probe, or the code of an ImportError. */
function outcome(bytes: Uint8Array): ImageProbe | string {
  try {
    const probe = probeImage(bytes, 'scan')
    expect(Number.isInteger(probe.width) && probe.width > 0).toBe(true)
    expect(Number.isInteger(probe.height) && probe.height > 0).toBe(true)
    expect(probe.frames).toBeGreaterThanOrEqual(1)
    return probe
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    expect(PROBE_CODES).toContain(error.code)
    expect(error.fileName).toBe('scan')
    return error.code
  }
}

function importError(run: () => unknown): ImportError {
  try {
    run()
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('expected an ImportError')
}

describe('sniffImage', () => {
  it('knows each format by its magic bytes, whatever the name', () => {
    expect(sniffImage(PNG)).toBe('png')
    expect(sniffImage(JPEG)).toBe('jpeg')
    expect(sniffImage(WEBP)).toBe('webp')
    expect(sniffImage(Uint8Array.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]))).toBe('tiff')
    expect(sniffImage(Uint8Array.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8]))).toBe('tiff')
  })

  it('knows nothing else: a PDF, text, an empty file, a RIFF that is no WebP, BigTIFF', () => {
    expect(sniffImage(new TextEncoder().encode('%PDF-1.7\n'))).toBeNull()
    expect(sniffImage(new TextEncoder().encode('hello'))).toBeNull()
    expect(sniffImage(new Uint8Array(0))).toBeNull()
    expect(sniffImage(new TextEncoder().encode('RIFF\x10\0\0\0WAVEfmt '))).toBeNull()
    expect(sniffImage(Uint8Array.from([0x49, 0x49, 0x2b, 0, 8, 0, 0, 0]))).toBeNull()
  })
})

describe('probeImage', () => {
  it('reads the size of real PNG, JPEG and WebP files', () => {
    for (const [w, h] of [
      [137, 59],
      [1, 1],
      [640, 3]
    ] as const) {
      const c = draw(w, h)
      expect(probeImage(new Uint8Array(c.toBuffer('image/png')), 'a.png')).toEqual({
        format: 'png',
        width: w,
        height: h,
        frames: 1
      })
      expect(probeImage(new Uint8Array(c.toBuffer('image/jpeg')), 'a.jpg')).toEqual({
        format: 'jpeg',
        width: w,
        height: h,
        frames: 1
      })
      // Skia writes VP8X (extended) WebP, with its ICC profile.
      expect(probeImage(new Uint8Array(c.toBuffer('image/webp')), 'a.webp')).toEqual({
        format: 'webp',
        width: w,
        height: h,
        frames: 1
      })
    }
  })

  it('reads lossy (VP8) and lossless (VP8L) WebP headers', () => {
    expect(probeImage(vp8(1234, 567), 'a.webp')).toMatchObject({ width: 1234, height: 567 })
    expect(probeImage(vp8l(16384, 1), 'a.webp')).toMatchObject({ width: 16384, height: 1 })
  })

  it('reads a JPEG frame header past large APP segments and fill bytes, not a DHT', () => {
    const app = [0xff, 0xe1, 0xff, 0xff, ...new Array<number>(0xfffd).fill(7)]
    const dht = [0xff, 0xc4, 0x00, 0x05, 0x00, 0x00, 0x00]
    const sof = [0xff, 0xff, 0xc2, 0x00, 0x0b, 8, 0x01, 0x2c, 0x00, 0xc8, 1, 1, 0x11, 0]
    const jpeg = Uint8Array.from([0xff, 0xd8, ...app, ...dht, ...sof, 0xff, 0xd9])
    expect(probeImage(jpeg, 'a.jpg')).toEqual({
      format: 'jpeg',
      width: 200,
      height: 300,
      frames: 1
    })
  })

  it('refuses what is no image it reads as unsupportedFormat', () => {
    const error = importError(() => probeImage(new TextEncoder().encode('%PDF-1.4'), 'scan.pdf'))
    expect(error.code).toBe('unsupportedFormat')
  })

  it('refuses a garbled PNG header with a specific detail', () => {
    const badCrc = PNG.slice()
    badCrc[20]! ^= 1 // the height, under the CRC
    expect(importError(() => probeImage(badCrc, 'a.png'))).toMatchObject({
      code: 'corrupt',
      detail: 'PNG: IHDR CRC mismatch'
    })
    expect(importError(() => probeImage(pngHeader(0, 10), 'a.png')).detail).toMatch(/size 0×10/)
  })

  it('our CRC-32 is zlib’s', () => {
    for (const bytes of [PNG, JPEG, new Uint8Array(0)]) expect(crc32(bytes)).toBe(zlibCrc32(bytes))
  })
})

describe('a 50,000 × 50,000 px PNG (decompression bomb)', () => {
  it('probes its header size and is refused before any decoding', () => {
    const bomb = pngHeader(50_000, 50_000)
    expect(bomb.length).toBeLessThan(100)
    const probe = probeImage(bomb, 'bomb.png')
    expect(probe).toEqual({ format: 'png', width: 50_000, height: 50_000, frames: 1 })
    const error = importError(() => checkImageLimits(probe, 500, 'bomb.png'))
    expect(error.code).toBe('imageTooLarge')
    expect(error.fileName).toBe('bomb.png')
    expect(error.detail).toContain('50000×50000 px')
  })

  it('the limits: pixels and sides; a page at the limits passes', () => {
    const probe = (width: number, height: number): ImageProbe => ({
      format: 'png',
      width,
      height,
      frames: 1
    })
    expect(() => checkImageLimits(probe(MAX_IMAGE_SIDE, 2500), 1, 'a.png')).not.toThrow()
    expect(5000 * 10_000).toBe(MAX_IMAGE_PIXELS)
    expect(() => checkImageLimits(probe(5000, 10_000), 1, 'a.png')).not.toThrow()
    expect(importError(() => checkImageLimits(probe(5000, 10_001), 1, 'a.png')).code).toBe(
      'imageTooLarge'
    )
    expect(
      importError(() => checkImageLimits(probe(MAX_IMAGE_SIDE + 1, 10), 1, 'a.png')).code
    ).toBe('imageTooLarge')
    // A lossless WebP is at most 16384 a side, but VP8X canvases reach 2^24.
    const webp = probeImage(vp8l(16384, 16384), 'a.webp')
    expect(importError(() => checkImageLimits(webp, 1, 'a.webp')).code).toBe('imageTooLarge')
  })

  it('counts pages against the limit', () => {
    const probe: ImageProbe = { format: 'tiff', width: 10, height: 10, frames: 3 }
    expect(() => checkImageLimits(probe, 3, 'a.tif')).not.toThrow()
    expect(importError(() => checkImageLimits(probe, 2, 'a.tif'))).toMatchObject({
      code: 'tooManyPages',
      detail: '3 pages, limit 2'
    })
  })
})

describe('truncated and garbled images', () => {
  it('every prefix of a real PNG, JPEG and WebP probes or is refused as corrupt', () => {
    for (const [name, file] of [
      ['png', PNG],
      ['jpeg', JPEG],
      ['webp', WEBP],
      ['vp8', vp8(20, 30)],
      ['vp8l', vp8l(20, 30)]
    ] as const) {
      const outcomes = new Set<string>()
      for (let length = 1; length <= file.length; length++) {
        const result = outcome(file.subarray(0, length))
        outcomes.add(typeof result === 'string' ? result : 'ok')
      }
      // Short prefixes are unknown formats, longer ones corrupt, and the whole header reads.
      expect([name, outcomes.has('corrupt'), outcomes.has('ok')]).toEqual([name, true, true])
    }
  })

  it('a WebP cut short is corrupt even when its header is whole (RIFF says how long it is)', () => {
    expect(
      importError(() => probeImage(WEBP.subarray(0, WEBP.length - 1), 'a.webp')).detail
    ).toMatch(/truncated/)
  })

  it('fast-check: random bytes never throw anything but an ImportError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        outcome(bytes)
      }),
      { numRuns: 1000 }
    )
  })

  it('fast-check: valid headers mutated and cut give a valid probe or a typed error', () => {
    const bases = [PNG, JPEG, WEBP, vp8(300, 200), vp8l(300, 200), pngHeader(50_000, 50_000)]
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.array(fc.tuple(fc.nat({ max: 99 }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.option(fc.nat({ max: 1000 })),
        (base, mutations, cut) => {
          const bytes = base.slice(0, cut ?? base.length)
          // Mutations land in the headers, where the probe reads.
          for (const [at, value] of mutations) if (at < bytes.length) bytes[at] = value
          outcome(bytes)
        }
      ),
      { numRuns: 1000 }
    )
  })
})
