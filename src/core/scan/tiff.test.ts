// TIFF: frames counted from the directory chain before anything is decoded (10,000 frames are
// refused at once, a directory loop is corrupt, not a hang), real multi-page files read back page by
// page with their pixels, and hostile strips (deflate and JPEG bombs, garbled fax data) refused
// quickly. TIFFs are written by hand in the test: no binary fixture.
import { deflateSync } from 'node:zlib'
import fc from 'fast-check'
import * as UTIF from 'utif2'
import { describe, expect, it } from 'vitest'
import { ImportError } from '../import/types'
import { checkImageLimits, probeImage } from './probe'
import { readTiffPages, rgbaToGray } from './tiff'
import { buildTiff, type Frame } from '../../../test/scan/make-tiff'

function importError(run: () => unknown): ImportError {
  try {
    run()
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('expected an ImportError')
}

const timed = <T>(run: () => T): [T, number] => {
  const start = performance.now()
  const result = run()
  return [result, performance.now() - start]
}

/** 10,000 frames of 1 × 1 px sharing one strip: about a megabyte of directories. */
function manyFrames(count: number): Uint8Array {
  const pixel = Uint8Array.of(128)
  return buildTiff(Array.from({ length: count }, () => ({ width: 1, height: 1, strips: [pixel] })))
}

describe('a TIFF of 10,000 frames', () => {
  const file = manyFrames(10_000)

  it('is refused with tooManyPages by probe and check, walking only the cap + 1 frames', () => {
    const [probe] = timed(() => probeImage(file, 'many.tif', 500))
    expect(probe).toEqual({ format: 'tiff', width: 1, height: 1, frames: 501, framesCapped: true })
    const error = importError(() => checkImageLimits(probe, 500, 'many.tif'))
    expect(error).toMatchObject({ code: 'tooManyPages', detail: 'more than 500 pages, limit 500' })
  })

  it('is refused by readTiffPages before utif2 reads a directory', () => {
    const [error] = timed(() => importError(() => readTiffPages(file, 'many.tif', 500)))
    expect(error.code).toBe('tooManyPages')
  })

  it('walked without a cap, it counts them all, still without decoding', () => {
    const [probe] = timed(() => probeImage(file, 'many.tif'))
    expect(probe.frames).toBe(10_000)
    expect(probe.framesCapped).toBeUndefined()
  })
})

describe('broken directory chains', () => {
  const pixel = Uint8Array.of(0)
  const three = Array.from({ length: 3 }, () => ({ width: 1, height: 1, strips: [pixel] }))

  it('a loop (the last directory points back to the first) is corrupt, not an endless walk', () => {
    for (const loopTo of [0, 1, 2]) {
      const file = buildTiff(three, { loopTo })
      expect(importError(() => probeImage(file, 'loop.tif')).detail).toMatch(/loop/)
      expect(importError(() => readTiffPages(file, 'loop.tif', 500)).code).toBe('corrupt')
    }
  })

  it('a sub-directory pointing at itself is corrupt (utif2 would recurse until the stack breaks)', () => {
    // SubIFDs (330) holding the offset of the frame's own directory.
    const file = buildTiff([{ width: 1, height: 1, strips: [pixel], extra: [[330, 4, [0]]] }])
    const dv = new DataView(file.buffer)
    const ifd = dv.getUint32(4, true)
    // Patch the SubIFDs value (inline, in its entry) to the directory's own offset.
    const entries = dv.getUint16(ifd, true)
    for (let e = 0; e < entries; e++) {
      const at = ifd + 2 + 12 * e
      if (dv.getUint16(at, true) === 330) dv.setUint32(at + 8, ifd, true)
    }
    expect(importError(() => readTiffPages(file, 'self.tif', 500)).detail).toMatch(/loop/)
  })

  it('a directory or tag values outside the file are corrupt', () => {
    const file = buildTiff(three)
    const outside = file.slice()
    new DataView(outside.buffer).setUint32(4, file.length + 10, true)
    expect(importError(() => probeImage(outside, 'a.tif')).detail).toMatch(/outside the file/)
    // A huge count makes utif2 loop for billions of steps: refused from the entry alone.
    const huge = buildTiff([{ width: 1, height: 1, strips: [pixel], extra: [[33432, 4, [1, 2]]] }])
    const dv = new DataView(huge.buffer)
    const ifd = dv.getUint32(4, true)
    for (let e = 0; e < dv.getUint16(ifd, true); e++) {
      const at = ifd + 2 + 12 * e
      if (dv.getUint16(at, true) === 33432) dv.setUint32(at + 4, 0x3fffffff, true)
    }
    const [error] = timed(() => importError(() => readTiffPages(huge, 'a.tif', 500)))
    expect(error.detail).toMatch(/run past the end/)
  })
})

describe('readTiffPages on real multi-page TIFFs', () => {
  // Page 1: 4 × 3 grey, 8 bits, two strips. Page 2: 3 × 2 RGB. Page 3: 10 × 2 bilevel, white is zero.
  const grey = Uint8Array.from([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 255])
  const rgb = Uint8Array.from([
    255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128
  ])
  // Rows padded to whole bytes: 1 = black when white is zero.
  const bilevel = Uint8Array.from([0b10100000, 0b01000000, 0b00000000, 0b10000000])
  const frames: Frame[] = [
    { width: 4, height: 3, strips: [grey.subarray(0, 8), grey.subarray(8)], rowsPerStrip: 2 },
    { width: 3, height: 2, strips: [rgb], spp: 3 },
    { width: 10, height: 2, strips: [bilevel], bps: 1, photometric: 0 }
  ]

  for (const le of [true, false]) {
    it(`reads each page back with its size and pixels (${le ? 'little' : 'big'}-endian)`, () => {
      const file = buildTiff(frames, { le })
      // The size reported is the frame's largest against the limits: here the widest.
      expect(probeImage(file, 'pages.tif')).toEqual({
        format: 'tiff',
        width: 10,
        height: 2,
        frames: 3
      })
      const pages = readTiffPages(file, 'pages.tif', 500)
      expect(pages.count).toBe(3)
      expect(pages.page(0)).toEqual({ width: 4, height: 3, data: grey })
      // Luma: red 76, green 150, blue 29, white 255, black 0, grey stays grey.
      expect(pages.page(1)).toEqual({
        width: 3,
        height: 2,
        data: Uint8Array.from([76, 150, 29, 255, 0, 128])
      })
      const page3 = pages.page(2)
      expect(page3.width).toBe(10)
      expect([...page3.data]).toEqual([
        0,
        255,
        0,
        255,
        255,
        255,
        255,
        255,
        255,
        0, //
        255,
        255,
        255,
        255,
        255,
        255,
        255,
        255,
        0,
        255
      ])
      // A page can be read again (utif2 keeps no stale raster).
      expect(pages.page(0).data).toEqual(grey)
    })
  }

  it('reads LZW-free deflate strips, and composites RGBA alpha on white', () => {
    const rgba = Uint8Array.from([0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128, 255, 255, 255, 0])
    const file = buildTiff([
      { width: 2, height: 2, strips: [rgba], spp: 4, extra: [[338, 3, [2]]] },
      { width: 4, height: 3, strips: [new Uint8Array(deflateSync(grey))], compression: 8 }
    ])
    const pages = readTiffPages(file, 'alpha.tif', 500)
    expect([...pages.page(0).data]).toEqual([0, 255, 127, 255])
    expect(pages.page(1).data).toEqual(grey)
  })

  it('reads what utif2 itself writes', () => {
    const rgba = Uint8Array.from({ length: 5 * 4 * 4 }, (_, i) => (i % 4 === 3 ? 255 : 200))
    const file = new Uint8Array(UTIF.encodeImage(rgba, 5, 4))
    const page = readTiffPages(file, 'utif.tif', 1).page(0)
    expect(page).toEqual({ width: 5, height: 4, data: new Uint8Array(20).fill(200) })
  })

  it('refuses a page over the size limit before decoding it', () => {
    const file = buildTiff([
      { width: 2, height: 1, strips: [Uint8Array.of(1, 2)] },
      { width: 30_000, height: 30_000, strips: [Uint8Array.of(0)], rowsPerStrip: 30_000 }
    ])
    // The probe reports the frame largest against the limits, so the check refuses the file whole.
    expect(probeImage(file, 'big.tif')).toMatchObject({ width: 30_000, height: 30_000, frames: 2 })
    const pages = readTiffPages(file, 'big.tif', 500)
    expect(pages.page(0).data).toEqual(Uint8Array.of(1, 2))
    const [error] = timed(() => importError(() => pages.page(1)))
    expect(error.code).toBe('imageTooLarge')
  })

  it('refuses layouts utif2 would decode to a blank page, as unsupported', () => {
    const cmyk = buildTiff([
      { width: 1, height: 1, strips: [Uint8Array.of(0, 0, 0, 0)], spp: 4, photometric: 5 }
    ])
    expect(importError(() => readTiffPages(cmyk, 'cmyk.tif', 1).page(0))).toMatchObject({
      code: 'unsupportedFormat'
    })
    const grey4 = buildTiff([{ width: 2, height: 1, strips: [Uint8Array.of(0x0f)], bps: 4 }])
    expect(importError(() => readTiffPages(grey4, 'g4.tif', 1).page(0)).code).toBe(
      'unsupportedFormat'
    )
  })
})

describe('hostile strips', () => {
  it('a deflate strip that inflates to 20 MB for a 100 × 100 page is refused quickly', () => {
    const bomb = new Uint8Array(deflateSync(new Uint8Array(20_000_000)))
    const file = buildTiff([{ width: 100, height: 100, strips: [bomb], compression: 8 }])
    const [error] = timed(() => importError(() => readTiffPages(file, 'bomb.tif', 1).page(0)))
    expect(error.detail).toMatch(/inflates past/)
  })

  it('a JPEG strip whose own header says 60,000 × 60,000 is refused before utif2 sizes its buffers', () => {
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 8, 0xea, 0x60, 0xea, 0x60, 1, 1, 0x11, 0, 0xff, 0xd9
    ])
    const file = buildTiff([
      { width: 100, height: 100, strips: [jpeg], compression: 7, photometric: 1 }
    ])
    expect(importError(() => readTiffPages(file, 'jbomb.tif', 1).page(0)).code).toBe(
      'imageTooLarge'
    )
  })

  it('a page-sized G4 (fax) strip of garbage is corrupt within seconds, not minutes', () => {
    const garbage = new Uint8Array(200_000)
    let seed = 7
    for (let i = 0; i < garbage.length; i++)
      garbage[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24
    for (const [compression, strip] of [
      [4, garbage],
      [3, garbage],
      [2, garbage],
      // All zeros: no code ever matches (a zero-filled, half-written file).
      [4, new Uint8Array(200_000)],
      [3, new Uint8Array(200_000)]
    ] as const) {
      const file = buildTiff([
        { width: 2480, height: 3508, strips: [strip], compression, bps: 1, photometric: 0 }
      ])
      const [result] = timed(() => {
        try {
          return readTiffPages(file, 'fax.tif', 1).page(0).width
        } catch (error) {
          if (error instanceof ImportError) return error.code
          throw error
        }
      })
      expect([compression, result]).toEqual([compression, expect.anything()])
    }
  })
})

describe('truncated and fuzzed TIFFs', () => {
  const CODES = new Set(['corrupt', 'unsupportedFormat', 'tooManyPages', 'imageTooLarge'])
  const sample = buildTiff(
    [
      { width: 4, height: 3, strips: [Uint8Array.from({ length: 12 }, (_, i) => i * 20)] },
      { width: 3, height: 2, strips: [Uint8Array.from({ length: 18 }, (_, i) => i * 14)], spp: 3 },
      {
        width: 4,
        height: 3,
        strips: [new Uint8Array(deflateSync(new Uint8Array(12).fill(9)))],
        compression: 8
      },
      { width: 9, height: 2, strips: [Uint8Array.of(0x80, 0, 0x7f, 0xff)], bps: 1, photometric: 0 }
    ],
    { le: false }
  )

  /** Reads every page; returns 'ok' or the ImportError's code. Any other exception fails. */
  function readAll(bytes: Uint8Array): string {
    try {
      const probe = probeImage(bytes, 'f.tif', 16)
      expect(probe.frames).toBeGreaterThanOrEqual(1)
      const pages = readTiffPages(bytes, 'f.tif', 16)
      for (let i = 0; i < pages.count; i++) {
        const page = pages.page(i)
        expect(page.data.length).toBe(page.width * page.height)
      }
      return 'ok'
    } catch (error) {
      if (!(error instanceof ImportError)) throw error
      expect(CODES).toContain(error.code)
      return error.code
    }
  }

  it('every prefix of a 4-page TIFF reads or is refused with a typed error', () => {
    const codes = new Set<string>()
    for (let length = 0; length <= sample.length; length++)
      codes.add(readAll(sample.subarray(0, length)))
    expect(codes).toContain('corrupt')
    expect(codes).toContain('ok')
  })

  it('fast-check: random bytes after a TIFF signature', () => {
    fc.assert(
      fc.property(
        fc.constantFrom([0x49, 0x49, 42, 0], [0x4d, 0x4d, 0, 42]),
        fc.uint8Array({ maxLength: 400 }),
        (head, tail) => {
          readAll(Uint8Array.from([...head, ...tail]))
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('fast-check: a valid TIFF mutated and cut reads or is refused, each case quickly', () => {
    const outcomes = new Map<string, number>()
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: sample.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4
        }),
        fc.option(fc.nat({ max: sample.length })),
        (mutations, cut) => {
          const bytes = sample.slice(0, cut ?? sample.length)
          for (const [at, value] of mutations) if (at < bytes.length) bytes[at] = value
          const [code] = timed(() => readAll(bytes))
          outcomes.set(code, (outcomes.get(code) ?? 0) + 1)
        }
      ),
      { numRuns: 1000 }
    )
    // The mutations reach the decoder: some files still read whole, others are refused.
    expect(outcomes.get('ok')).toBeGreaterThan(0)
    expect(outcomes.get('corrupt')).toBeGreaterThan(10)
  })
})

describe('rgbaToGray', () => {
  it('gives luma, white stays white, transparency is white paper', () => {
    const rgba = Uint8Array.from([255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 0, 10, 200, 30, 255])
    expect([...rgbaToGray(rgba, 2, 2).data]).toEqual([255, 0, 255, 124])
    expect(() => rgbaToGray(rgba, 3, 2)).toThrow(RangeError)
  })
})
