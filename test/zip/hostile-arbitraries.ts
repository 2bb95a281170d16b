// TEST ONLY — fast-check generators of hostile input, shared by every importer's fuzz test: random
// bytes, truncations and bit flips of a valid file, invalid UTF-8, empty files, hostile zips.
import fc from 'fast-check'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { deflatedZeros, rawZip } from './test-zips'

/** Fuzz runs per importer: the issue asks for at least a thousand in CI (FUZZ_RUNS lowers it locally). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000)
/** A thousand pages through jsdom take tens of seconds on a busy machine: far past the default. */
export const FUZZ_TIMEOUT = 300_000

/** Bytes no UTF-8 decoder accepts: lone continuations, overlongs, surrogates, cut sequences. */
const BAD_UTF8: number[][] = [
  [0x80],
  [0xbf],
  [0xc0, 0xaf],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xff],
  [0xfe, 0xff],
  [0xf0, 0x9f, 0x98]
]

export function invalidUtf8(): fc.Arbitrary<Uint8Array> {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(...BAD_UTF8),
        fc.string({ maxLength: 20 }).map((s) => [...strToU8(s)])
      ),
      {
        minLength: 1,
        maxLength: 30
      }
    )
    .map((parts) => Uint8Array.from(parts.flat()))
}

/** A valid file cut short at any point. */
export function truncated(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.nat({ max: Math.max(0, valid.length - 1) }).map((n) => valid.slice(0, n))
}

/** A valid file with a few bits flipped and maybe a few bytes overwritten. */
export function mutated(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8
    })
    .map((edits) => {
      const out = valid.slice()
      for (const [at, value] of edits) out[at] = value < 8 ? out[at]! ^ (1 << value) : value
      return out
    })
}

/**
 * A valid zip whose entries are rewritten (one entry's bytes mutated, truncated or replaced) and
 * zipped again: the zip is sound, so what is inside reaches the reader.
 */
export function mutatedInside(validZip: Uint8Array): fc.Arbitrary<Uint8Array> {
  const entries = unzipSync(validZip)
  const names = Object.keys(entries)
  return fc
    .tuple(
      fc.constantFrom(...names),
      fc.oneof(
        fc.uint8Array({ maxLength: 64 }),
        fc.string({ maxLength: 64 }).map((s) => strToU8(s)),
        fc.nat().map((n) => ({ cut: n })),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6
        })
      )
    )
    .map(([name, change]) => {
      const original = entries[name]!
      let data: Uint8Array
      if (change instanceof Uint8Array) data = change
      else if (!Array.isArray(change)) data = original.slice(0, change.cut % (original.length + 1))
      else {
        data = original.slice()
        for (const [at, value] of change) if (data.length) data[at % data.length] = value
      }
      return zipSync({ ...entries, [name]: data })
    })
}

/** Zips an attacker writes: climbing names, size lies, duplicates, small bombs, garbage data. */
export function hostileZip(validZip: Uint8Array): fc.Arbitrary<Uint8Array> {
  const entries = unzipSync(validZip)
  const names = Object.keys(entries)
  const bomb = deflatedZeros(1 << 20)
  return fc.oneof(
    fc
      .tuple(fc.constantFrom('../', '/', 'C:/', '..\\', 'a/../../'), fc.constantFrom(...names))
      .map(([prefix, name]) => rawZip([{ name: prefix + name, data: entries[name]! }])),
    fc.constantFrom(...names).map((name) =>
      rawZip(
        Object.entries(entries)
          .map(([n, data]) => ({ name: n, data }))
          .concat([{ name, data: strToU8('second copy') }])
      )
    ),
    fc
      .tuple(fc.constantFrom(...names), fc.constantFrom(10, 1 << 20, 0xfffffff0))
      .map(([name, declaredSize]) =>
        rawZip(
          Object.entries(entries).map(([n, data]) =>
            n === name
              ? { name: n, data: bomb.data, method: 8, declaredSize, crc32: bomb.crc32 }
              : { name: n, data }
          )
        )
      ),
    fc
      .tuple(fc.constantFrom(...names), fc.uint8Array({ minLength: 1, maxLength: 64 }))
      .map(([name, junk]) =>
        rawZip(
          Object.entries(entries).map(([n, data]) =>
            n === name
              ? { name: n, data: junk, method: 8, declaredSize: data.length }
              : { name: n, data }
          )
        )
      )
  )
}

/** Any hostile variant of a valid file (zip or not), empty files and random bytes included. */
export function hostileBytes(valid: Uint8Array, isZip = false): fc.Arbitrary<Uint8Array> {
  const always = [
    fc.constant(new Uint8Array(0)),
    fc.uint8Array({ maxLength: 512 }),
    invalidUtf8(),
    truncated(valid),
    mutated(valid)
  ]
  return isZip ? fc.oneof(...always, mutatedInside(valid), hostileZip(valid)) : fc.oneof(...always)
}
