// Files written as a stream from the renderer (a backup, chunk by chunk over IPC) and the folder of
// automatic backups: each one verified by reading it back before the oldest beyond the number
// kept is dropped. Free of Electron, so it is tested on real temporary folders.
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { basename, join } from 'node:path'
import { Readable } from 'node:stream'
import { BACKUP_EXTENSION, verifyBackup, type BackupSummary } from '@core/backup/backup'
import type { BackupFileInfo } from '@shared/ipc'

interface OpenStream {
  handle: FileHandle
  temp: string
  target: string
  written: number
  /** Automatic backups are verified and rotated when finished. */
  auto: boolean
}

/** The streams being written, by an id only the renderer that opened one knows. */
export class FileStreams {
  private readonly open = new Map<string, OpenStream>()

  async begin(target: string, auto = false): Promise<string> {
    const temp = `${target}.tmp-${randomBytes(6).toString('hex')}`
    const handle = await open(temp, 'wx')
    const id = randomBytes(16).toString('hex')
    this.open.set(id, { handle, temp, target, written: 0, auto })
    return id
  }

  isAuto(id: string): boolean {
    return this.get(id).auto
  }

  async write(id: string, bytes: Uint8Array): Promise<void> {
    const stream = this.get(id)
    try {
      await stream.handle.write(bytes)
      stream.written += bytes.byteLength
    } catch (error) {
      await this.abort(id)
      throw error
    }
  }

  /** Syncs, closes and renames into place; the target is the whole new file or untouched. */
  async finish(id: string): Promise<string> {
    const stream = this.get(id)
    this.open.delete(id)
    try {
      await stream.handle.sync()
      await stream.handle.close()
      await rename(stream.temp, stream.target)
      return stream.target
    } catch (error) {
      await stream.handle.close().catch(() => undefined)
      await rm(stream.temp, { force: true })
      throw error
    }
  }

  /** Drops a stream and its temporary file (cancelled, or failed in the renderer). */
  async abort(id: string): Promise<void> {
    const stream = this.open.get(id)
    if (!stream) return
    this.open.delete(id)
    await stream.handle.close().catch(() => undefined)
    await rm(stream.temp, { force: true })
  }

  private get(id: string): OpenStream {
    const stream = this.open.get(id)
    if (!stream) throw Object.assign(new Error('No such stream'), { code: 'ENOENT' })
    return stream
  }
}

// ---------------------------------------------------------------------------------------------
// Automatic backups

const AUTO_PREFIX = 'liasse-auto-'
const AUTO_NAME = /^liasse-auto-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?\.liasse-backup$/

/** `liasse-auto-2026-12-04T17-35-00-000Z.liasse-backup`: sorts by date, safe on every system. */
export function autoBackupName(now: Date): string {
  return `${AUTO_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}${BACKUP_EXTENSION}`
}

export function isAutoBackupName(name: unknown): name is string {
  return typeof name === 'string' && AUTO_NAME.test(name)
}

/** The automatic backups, newest first, with the date they were made and their size. */
export async function listBackups(dir: string): Promise<BackupFileInfo[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return []
    throw error
  }
  const found: BackupFileInfo[] = []
  for (const name of names.filter(isAutoBackupName)) {
    const info = await stat(join(dir, name))
    const stamp = name.slice(AUTO_PREFIX.length, AUTO_PREFIX.length + 24)
    const createdAt = `${stamp.slice(0, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20, 23)}Z`
    found.push({ name, createdAt, size: info.size })
  }
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
}

/** Reads a backup file back whole (gunzip, every line, trailer counts and digest). */
export async function verifyBackupFile(path: string): Promise<BackupSummary> {
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>
  return verifyBackup(stream)
}

/** Drops the oldest automatic backups beyond `keep`; the names dropped. */
export async function rotateBackups(dir: string, keep: number): Promise<string[]> {
  const all = await listBackups(dir)
  const dropped = all.slice(Math.max(1, keep))
  for (const backup of dropped) await rm(join(dir, backup.name), { force: true })
  return dropped.map((b) => b.name)
}

/** Opens the next automatic backup in `dir` for writing. */
export async function beginAutoBackup(
  streams: FileStreams,
  dir: string,
  now = new Date()
): Promise<string> {
  await mkdir(dir, { recursive: true })
  let name = autoBackupName(now)
  for (let n = 2; (await stat(join(dir, name)).catch(() => null)) !== null; n++) {
    name = autoBackupName(now).replace(BACKUP_EXTENSION, `-${n}${BACKUP_EXTENSION}`)
  }
  return streams.begin(join(dir, name), true)
}

/**
 * Finishes an automatic backup: renamed into place, read back whole, and only when it is good
 * are the oldest beyond `keep` dropped. A backup that does not read back is deleted and the
 * error thrown: the older backups stay.
 */
export async function finishAutoBackup(
  streams: FileStreams,
  id: string,
  dir: string,
  keep: number
): Promise<{ fileName: string; summary: BackupSummary; dropped: string[] }> {
  const path = await streams.finish(id)
  let summary: BackupSummary
  try {
    summary = await verifyBackupFile(path)
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
  const dropped = await rotateBackups(dir, keep)
  return { fileName: basename(path), summary, dropped }
}

/** A piece of an automatic backup, for a restore in the renderer (read as a stream of pieces). */
export async function readBackupChunk(
  dir: string,
  name: string,
  offset: number,
  length: number
): Promise<Uint8Array> {
  if (!isAutoBackupName(name)) throw Object.assign(new Error('Not a backup'), { code: 'ENOENT' })
  const handle = await open(join(dir, name), 'r')
  try {
    const buffer = new Uint8Array(length)
    const { bytesRead } = await handle.read(buffer, 0, length, offset)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
