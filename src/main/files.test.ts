// Tests of the file services on real temporary folders: the size limit checked before reading,
// the sample archive order, and atomic writes that never leave a half file or a temp file.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readFile, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readPickedFiles, readSampleFolder, writeFileAtomic } from './files'

// Real implementations, wrapped so a test can watch calls or inject one failure.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return { ...actual, readFile: vi.fn(actual.readFile), rename: vi.fn(actual.rename) }
})

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'liasse-files-'))
  vi.mocked(readFile).mockClear()
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('readPickedFiles', () => {
  it('returns each file name (never its path) and exact bytes', async () => {
    writeFileSync(join(dir, 'a.txt'), 'Alpha')
    writeFileSync(join(dir, 'b.bin'), Buffer.from([0, 255, 1]))
    const files = await readPickedFiles([join(dir, 'a.txt'), join(dir, 'b.bin')])
    expect(files.map((file) => file.name)).toEqual(['a.txt', 'b.bin'])
    expect(new TextDecoder().decode(files[0]?.bytes)).toBe('Alpha')
    expect(Array.from(files[1]?.bytes ?? [])).toEqual([0, 255, 1])
    expect(files[1]?.bytes.byteLength).toBe(3)
  })

  it('does not read a file over the limit but names it with its size, reading the others', async () => {
    writeFileSync(join(dir, 'small.txt'), 'ok')
    writeFileSync(join(dir, 'big.txt'), Buffer.alloc(101))
    const files = await readPickedFiles([join(dir, 'small.txt'), join(dir, 'big.txt')], 100)
    expect(files.map((file) => [file.name, file.bytes.byteLength, file.oversize])).toEqual([
      ['small.txt', 2, undefined],
      ['big.txt', 0, 101]
    ])
    expect(readFile).toHaveBeenCalledTimes(1)
  })

  it('accepts a file exactly at the limit', async () => {
    writeFileSync(join(dir, 'edge.txt'), Buffer.alloc(100))
    const [file] = await readPickedFiles([join(dir, 'edge.txt')], 100)
    expect(file?.bytes.byteLength).toBe(100)
  })

  it('lets a missing file fail with its errno code', async () => {
    await expect(readPickedFiles([join(dir, 'gone.txt')])).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('readSampleFolder', () => {
  it('reads only the .txt files, sorted by name', async () => {
    writeFileSync(join(dir, '010_b.txt'), 'B')
    writeFileSync(join(dir, '002_a.txt'), 'A')
    writeFileSync(join(dir, 'notes.md'), 'no')
    mkdirSync(join(dir, 'sub.txt'))
    const files = await readSampleFolder(dir)
    expect(files.map((file) => file.name)).toEqual(['002_a.txt', '010_b.txt'])
  })

  it('reads the five articles shipped in resources/sample', async () => {
    const files = await readSampleFolder(resolve(import.meta.dirname, '../../resources/sample'))
    expect(files).toHaveLength(5)
    expect(files.map((file) => file.name)).toEqual([...files.map((file) => file.name)].sort())
    expect(files.every((file) => file.bytes.byteLength > 100)).toBe(true)
  })
})

describe('writeFileAtomic', () => {
  it('writes new bytes, replacing an old file, and leaves no temporary file', async () => {
    const target = join(dir, 'dossier.md')
    writeFileSync(target, 'old content that is longer')
    await writeFileAtomic(target, new TextEncoder().encode('new'))
    expect(readFileSync(target, 'utf8')).toBe('new')
    expect(readdirSync(dir)).toEqual(['dossier.md'])
  })

  it('keeps the old file and removes the temporary file when the rename fails', async () => {
    const target = join(dir, 'dossier.md')
    writeFileSync(target, 'old')
    vi.mocked(rename).mockRejectedValueOnce(
      Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    )
    await expect(writeFileAtomic(target, new Uint8Array([1, 2, 3]))).rejects.toMatchObject({
      code: 'ENOSPC'
    })
    expect(readFileSync(target, 'utf8')).toBe('old')
    expect(readdirSync(dir)).toEqual(['dossier.md'])
  })

  it('fails with the errno code when the folder is gone, leaving nothing behind', async () => {
    const missing = join(dir, 'gone')
    await expect(writeFileAtomic(join(missing, 'x.md'), new Uint8Array(1))).rejects.toMatchObject({
      code: 'ENOENT'
    })
    expect(readdirSync(dir)).toEqual([])
  })
})
