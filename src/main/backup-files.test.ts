// The main side of backups on real temporary folders: streamed files that appear whole or not at
// all, automatic backups verified by reading them back before the oldest are dropped, and the
// request guards of the new channels.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeBackup } from '@core/backup/backup'
import { bytesOf } from '../../test/backup/backup-test-support'
import {
  autoBackupName,
  beginAutoBackup,
  FileStreams,
  finishAutoBackup,
  isAutoBackupName,
  listBackups,
  readBackupChunk
} from './backup-files'
import { REQUEST_GUARDS } from './ipc-core'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'liasse-backups-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

async function aBackup(articles: number): Promise<Uint8Array> {
  const records = (async function* () {
    for (let i = 0; i < articles; i++) yield { key: `k${i}`, value: i }
  })()
  return bytesOf(
    writeBackup(
      { createdAt: '2026-03-01T09:00:00.000Z', appVersion: 't', schemaVersion: 4, counts: {} },
      [{ name: 'settings', key: 'key', records }]
    )
  )
}

async function autoBackup(streams: FileStreams, bytes: Uint8Array, when: Date, keep: number) {
  const id = await beginAutoBackup(streams, dir, when)
  for (let at = 0; at < bytes.length; at += 100) await streams.write(id, bytes.slice(at, at + 100))
  return finishAutoBackup(streams, id, dir, keep)
}

describe('FileStreams', () => {
  it('writes chunk by chunk into a temporary file, renamed into place when finished', async () => {
    const streams = new FileStreams()
    const target = join(dir, 'out.liasse-backup')
    writeFileSync(target, 'old')
    const id = await streams.begin(target)
    await streams.write(id, new TextEncoder().encode('new '))
    expect(readFileSync(target, 'utf8')).toBe('old')
    await streams.write(id, new TextEncoder().encode('content'))
    await streams.finish(id)
    expect(readFileSync(target, 'utf8')).toBe('new content')
    expect(readdirSync(dir)).toEqual(['out.liasse-backup'])
  })

  it('an aborted stream leaves the old file and no temporary file', async () => {
    const streams = new FileStreams()
    const target = join(dir, 'out.liasse-backup')
    writeFileSync(target, 'old')
    const id = await streams.begin(target)
    await streams.write(id, new Uint8Array([1, 2, 3]))
    await streams.abort(id)
    expect(readFileSync(target, 'utf8')).toBe('old')
    expect(readdirSync(dir)).toEqual(['out.liasse-backup'])
    await expect(streams.write(id, new Uint8Array([1]))).rejects.toThrow('No such stream')
  })
})

describe('automatic backups', () => {
  it('keeps the last N, each verified, listed newest first with date and size', async () => {
    const streams = new FileStreams()
    const bytes = await aBackup(50)
    for (let i = 0; i < 5; i++) {
      const done = await autoBackup(streams, bytes, new Date(Date.UTC(2026, 2, 1 + i, 9)), 3)
      expect(done.summary.counts['settings']).toBe(50)
    }
    const list = await listBackups(dir)
    expect(list.map((b) => b.createdAt)).toEqual([
      '2026-03-05T09:00:00.000Z',
      '2026-03-04T09:00:00.000Z',
      '2026-03-03T09:00:00.000Z'
    ])
    expect(list.every((b) => b.size === bytes.length)).toBe(true)
    expect(readdirSync(dir)).toHaveLength(3)
  })

  it('a backup that does not read back is deleted and the older ones stay', async () => {
    const streams = new FileStreams()
    const good = await aBackup(10)
    await autoBackup(streams, good, new Date(Date.UTC(2026, 2, 1)), 1)
    const cut = good.slice(0, good.length - 20)
    await expect(autoBackup(streams, cut, new Date(Date.UTC(2026, 2, 2)), 1)).rejects.toThrow()
    const list = await listBackups(dir)
    expect(list.map((b) => b.createdAt)).toEqual(['2026-03-01T00:00:00.000Z'])
    expect(readdirSync(dir)).toHaveLength(1)
  })

  it('reads a backup back in pieces, and only a backup of the folder', async () => {
    const streams = new FileStreams()
    const bytes = await aBackup(20)
    const done = await autoBackup(streams, bytes, new Date(Date.UTC(2026, 2, 1)), 2)
    const first = await readBackupChunk(dir, done.fileName, 0, 10)
    const rest = await readBackupChunk(dir, done.fileName, 10, 1 << 20)
    expect([...first, ...rest]).toEqual([...bytes])
    expect(await readBackupChunk(dir, done.fileName, bytes.length, 10)).toHaveLength(0)
    await expect(readBackupChunk(dir, '../secret', 0, 10)).rejects.toThrow()
    expect(isAutoBackupName(autoBackupName(new Date()))).toBe(true)
    expect(isAutoBackupName('liasse-auto-x.liasse-backup')).toBe(false)
  })
})

describe('request guards of the stream and backup channels', () => {
  const streamId = 'a'.repeat(32)
  it('accept the contract shapes', () => {
    expect(
      REQUEST_GUARDS['liasse:stream:save']({
        title: 'Back up',
        suggestedName: 'liasse.liasse-backup',
        filters: [{ name: 'Backup', extensions: ['liasse-backup'] }]
      })
    ).toBe(true)
    expect(REQUEST_GUARDS['liasse:stream:write']({ streamId, bytes: new Uint8Array([1]) })).toBe(
      true
    )
    expect(REQUEST_GUARDS['liasse:stream:close']({ streamId, commit: true, keep: 10 })).toBe(true)
    expect(REQUEST_GUARDS['liasse:backups:begin'](undefined)).toBe(true)
    expect(REQUEST_GUARDS['liasse:backups:list'](undefined)).toBe(true)
    expect(
      REQUEST_GUARDS['liasse:backups:read']({
        name: autoBackupName(new Date()),
        offset: 0,
        length: 1024
      })
    ).toBe(true)
  })

  it('refuse anything else', () => {
    expect(
      REQUEST_GUARDS['liasse:stream:write']({ streamId: '../x', bytes: new Uint8Array() })
    ).toBe(false)
    expect(REQUEST_GUARDS['liasse:stream:write']({ streamId, bytes: [1, 2] })).toBe(false)
    expect(
      REQUEST_GUARDS['liasse:stream:write']({ streamId, bytes: new Uint8Array(17 * 1024 * 1024) })
    ).toBe(false)
    expect(REQUEST_GUARDS['liasse:stream:close']({ streamId, commit: 'yes', keep: 1 })).toBe(false)
    expect(REQUEST_GUARDS['liasse:stream:close']({ streamId, commit: true, keep: 0 })).toBe(false)
    expect(REQUEST_GUARDS['liasse:backups:read']({ name: '../x', offset: 0, length: 1 })).toBe(
      false
    )
    expect(REQUEST_GUARDS['liasse:backups:read']({ name: 'a', offset: -1, length: 1 })).toBe(false)
    expect(REQUEST_GUARDS['liasse:backups:read']({ name: 'a', offset: 0, length: 1 << 30 })).toBe(
      false
    )
    expect(REQUEST_GUARDS['liasse:backups:begin']({ path: '/etc' })).toBe(false)
  })
})
