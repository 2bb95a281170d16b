// The zip reader files from strangers go through: entries come back as written, and bombs, lies
// about sizes, climbing names, duplicates and damaged data are each refused with their own code.
import { deflateSync, strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { checkZip, listZip, safeUnzip, ZipLimitError, type ZipErrorCode } from './safe-unzip'
import { crc32, deflatedZeros, rawZip } from '../../../test/zip/test-zips'

function refused(run: () => unknown): ZipErrorCode {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ZipLimitError)
    return (error as ZipLimitError).code
  }
  throw new Error('not refused')
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes)

describe('safeUnzip', () => {
  it('gives back stored and deflated entries as written, directories left out', () => {
    const long = 'Le président a déclaré le 14 novembre. '.repeat(500)
    const zip = zipSync({
      'manifest.json': [strToU8('{"a":1}'), { level: 0 }],
      texts: { 'one.txt': strToU8(long), 'empty.txt': new Uint8Array(0) }
    })
    const files = safeUnzip(zip)
    expect([...files.keys()].sort()).toEqual(['manifest.json', 'texts/empty.txt', 'texts/one.txt'])
    expect(text(files.get('texts/one.txt'))).toBe(long)
    expect(text(files.get('manifest.json'))).toBe('{"a":1}')
    expect(files.get('texts/empty.txt')).toHaveLength(0)
  })

  it('never inflates an entry the filter leaves out, but refuses one that declares too much', () => {
    const bomb = deflatedZeros(8 << 20)
    const lying = rawZip([
      { name: 'wanted.txt', data: strToU8('kept') },
      { name: 'junk.bin', data: bomb.data, method: 8, declaredSize: 10, crc32: bomb.crc32 }
    ])
    const files = safeUnzip(lying, { filter: (e) => e.name === 'wanted.txt' })
    expect([...files.keys()]).toEqual(['wanted.txt'])
    const honest = rawZip([
      { name: 'wanted.txt', data: strToU8('kept') },
      { name: 'junk.bin', data: bomb.data, method: 8, declaredSize: 8 << 20, crc32: bomb.crc32 }
    ])
    const filter = (e: { name: string }): boolean => e.name === 'wanted.txt'
    expect(refused(() => safeUnzip(honest, { maxEntryBytes: 1 << 20, filter }))).toBe('zipBomb')
  })

  it('refuses an entry that declares more than the cap without inflating or allocating it', () => {
    // A 4 GiB declared size on a few bytes: refused from the directory alone.
    const zip = rawZip([{ name: 'big.txt', data: strToU8('tiny'), declaredSize: 0xfffffff0 }])
    expect(refused(() => safeUnzip(zip))).toBe('zipBomb')
    // The same with data that is not deflate at all: inflating it would have said corruptEntry.
    const garbage = rawZip([
      {
        name: 'big.txt',
        data: Uint8Array.of(0xff, 0xff, 0xff),
        method: 8,
        declaredSize: 0xfffffff0
      }
    ])
    expect(refused(() => safeUnzip(garbage))).toBe('zipBomb')
  })

  it('stops inflating a bomb that lies about its size at the size it declared', () => {
    const bomb = deflatedZeros(8 << 20)
    const zip = rawZip([{ name: 'a.txt', data: bomb.data, method: 8, declaredSize: 1000 }])
    expect(refused(() => safeUnzip(zip))).toBe('corruptEntry')
  })

  it('reads small entries in one call and large ones in steps, refusing one byte too many on both', () => {
    // Small: a short text deflates to a few bytes. Large: 200 KiB that barely compress.
    let seed = 7
    const noise = Uint8Array.from(
      { length: 200 * 1024 },
      () => (seed = (seed * 48271) % 2147483647) & 0xff
    )
    for (const content of [strToU8('Publié le 3 octobre 2016. '.repeat(20)), noise]) {
      const data = deflateSync(content)
      const honest = rawZip([
        { name: 'a.txt', data, method: 8, declaredSize: content.length, crc32: crc32(content) }
      ])
      expect(safeUnzip(honest).get('a.txt')).toEqual(content)
      const short = rawZip([
        { name: 'a.txt', data, method: 8, declaredSize: content.length - 1, crc32: crc32(content) }
      ])
      expect(refused(() => safeUnzip(short))).toBe('corruptEntry')
      const long = rawZip([
        { name: 'a.txt', data, method: 8, declaredSize: content.length + 1, crc32: crc32(content) }
      ])
      expect(refused(() => safeUnzip(long))).toBe('corruptEntry')
    }
  })

  it('stops at the per-entry cap what is actually inflated, and at the total cap across entries', () => {
    const bomb = deflatedZeros(4 << 20)
    const entry = (name: string) => ({
      name,
      data: bomb.data,
      method: 8,
      declaredSize: bomb.size,
      crc32: bomb.crc32
    })
    expect(refused(() => safeUnzip(rawZip([entry('a')]), { maxEntryBytes: 1 << 20 }))).toBe(
      'zipBomb'
    )
    const three = rawZip([entry('a'), entry('b'), entry('c')])
    expect(safeUnzip(three, { maxTotalBytes: 12 << 20 }).size).toBe(3)
    expect(refused(() => safeUnzip(three, { maxTotalBytes: 10 << 20 }))).toBe('zipBomb')
    expect(refused(() => checkZip(three, { maxTotalBytes: 10 << 20 }))).toBe('zipBomb')
  })

  it('refuses names that climb out, are absolute or use backslashes, even in unwanted entries', () => {
    for (const name of [
      '../evil.txt',
      'a/../../evil',
      '/etc/passwd',
      'C:/x',
      'a\\b.txt',
      'a\u0000b'
    ]) {
      const zip = rawZip([{ name, data: strToU8('x') }])
      expect(refused(() => safeUnzip(zip, { filter: () => false }))).toBe('badEntryName')
    }
  })

  it('refuses duplicate names, and names equal but for case when asked', () => {
    const twice = rawZip([
      { name: 'a.txt', data: strToU8('1') },
      { name: 'a.txt', data: strToU8('2') }
    ])
    expect(refused(() => safeUnzip(twice))).toBe('duplicateEntry')
    const cased = rawZip([
      { name: 'A.txt', data: strToU8('1') },
      { name: 'a.txt', data: strToU8('2') }
    ])
    expect(safeUnzip(cased).size).toBe(2)
    expect(refused(() => safeUnzip(cased, { foldCase: true }))).toBe('duplicateEntry')
  })

  it('refuses more entries than allowed before reading them', () => {
    const zip = rawZip(Array.from({ length: 20 }, (_, i) => ({ name: `${i}`, data: strToU8('x') })))
    expect(refused(() => listZip(zip, { maxEntries: 10 }))).toBe('tooManyEntries')
    expect(listZip(zip, { maxEntries: 20 })).toHaveLength(20)
  })

  it('names damaged files: not a zip, cut, bad CRC, bad deflate, encrypted, unknown method', () => {
    const good = zipSync({ 'a.txt': strToU8('hello hello hello hello') })
    expect(refused(() => safeUnzip(new Uint8Array(0)))).toBe('notZip')
    expect(refused(() => safeUnzip(strToU8('just some text, long enough to be looked at')))).toBe(
      'notZip'
    )
    expect(refused(() => safeUnzip(good.subarray(0, good.length - 5)))).toBe('notZip')
    expect(refused(() => safeUnzip(good.subarray(10)))).toBe('notZip')
    const data = strToU8('hello')
    expect(refused(() => safeUnzip(rawZip([{ name: 'a', data, crc32: 1 }])))).toBe('corruptEntry')
    expect(
      refused(() => safeUnzip(rawZip([{ name: 'a', data, method: 8, crc32: crc32(data) }])))
    ).toBe('corruptEntry')
    expect(refused(() => safeUnzip(rawZip([{ name: 'a', data, flags: 1 }])))).toBe(
      'unsupportedEntry'
    )
    expect(refused(() => safeUnzip(rawZip([{ name: 'a', data, method: 14 }])))).toBe(
      'unsupportedEntry'
    )
  })

  // How fast these refusals are is measured in bench/hostile.bench.ts, against fflate's unzipSync.
  it('refuses a bomb with the default caps, whatever size it declares', () => {
    const bomb = deflatedZeros(8 << 20)
    // A gigabyte declared: refused from the directory alone, even with data that is not deflate…
    const honest = rawZip([
      { name: 'z', data: bomb.data, method: 8, declaredSize: 1 << 30, crc32: bomb.crc32 }
    ])
    expect(refused(() => safeUnzip(honest))).toBe('zipBomb')
    const unreadable = rawZip([
      { name: 'z', data: bomb.data.subarray(0, 64), method: 8, declaredSize: 1 << 30 }
    ])
    expect(refused(() => safeUnzip(unreadable))).toBe('zipBomb')
    // …1 KiB declared five times over: inflating stops at the first lie, naming that entry.
    const lying = rawZip(
      Array.from({ length: 5 }, (_, i) => ({
        name: `z${i}`,
        data: bomb.data,
        method: 8,
        declaredSize: 1024
      }))
    )
    let error: unknown
    try {
      safeUnzip(lying)
    } catch (caught) {
      error = caught
    }
    expect(error).toMatchObject({ code: 'corruptEntry' })
    expect((error as Error).message).toContain('z0')
  })
})
