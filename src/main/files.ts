// File services behind the IPC handlers, free of Electron so they are tested on real temp folders:
// reading picked files under a size limit, reading the sample archive, atomic writes.
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { MAX_IMPORT_BYTES } from '@core/import/types'
import type { FilePayload } from '@shared/ipc'

/**
 * Reads the files the user picked. A file over the limit is not read at all (a 2 GB file never
 * reaches memory): it comes back with empty bytes and its size in `oversize`, so that the
 * importer reports it as too large while the other files of the selection still import.
 */
export async function readPickedFiles(
  paths: readonly string[],
  limit: number = MAX_IMPORT_BYTES
): Promise<FilePayload[]> {
  const payloads: FilePayload[] = []
  for (const path of paths) {
    const name = basename(path)
    const info = await stat(path)
    if (info.size > limit) {
      payloads.push({ name, bytes: new Uint8Array(0), oversize: info.size })
      continue
    }
    const bytes = await readFile(path)
    // The file may have grown between stat and read.
    if (bytes.byteLength > limit) {
      payloads.push({ name, bytes: new Uint8Array(0), oversize: bytes.byteLength })
      continue
    }
    payloads.push({ name, bytes: toPlainBytes(bytes) })
  }
  return payloads
}

/** The sample archive: every `.txt` file of the folder, sorted by name for a stable order. */
export async function readSampleFolder(dir: string): Promise<FilePayload[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.txt'))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return readPickedFiles(names.map((name) => join(dir, name)))
}

/**
 * Writes `bytes` to `target` so that the target is either the old file or the complete new one:
 * a temporary file in the same folder (same file system, so rename is atomic), fsync, rename.
 * The temporary file is removed on any failure.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const temp = `${target}.tmp-${randomBytes(6).toString('hex')}`
  try {
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

// A small Buffer may be a view on Node's shared pool: copy it so the renderer gets exactly its
// bytes; a Buffer that owns its whole ArrayBuffer is passed on without a second 50 MiB copy.
function toPlainBytes(buffer: Buffer): Uint8Array {
  const owned = buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
  return owned ? new Uint8Array(buffer.buffer, 0, buffer.byteLength) : Uint8Array.from(buffer)
}
