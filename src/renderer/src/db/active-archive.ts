// Which IndexedDB database is the archive. A restore fills a fresh database and then makes it the
// active one in a single step; the one it replaced is kept for Undo until the app closes (the
// session remembers it), and deleted at the next start.
import Dexie from 'dexie'

export const DEFAULT_ARCHIVE_NAME = 'liasse'
const ACTIVE_KEY = 'liasse.activeDatabase'
/** The database a restore replaced, kept for Undo (deleted at a start without the session). */
const PREVIOUS_KEY = 'liasse.previousDatabase'
/** Databases to delete at the next start (one undone restore). */
const DROP_KEY = 'liasse.dropDatabases'
/** In the session only: a restore happened in this run, and can be undone. */
const SESSION_KEY = 'liasse.restoreUndo'

/** What the archive needs of localStorage and sessionStorage (an in-memory one in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface ArchiveStores {
  local: KeyValueStore
  session: KeyValueStore
}

function browserStores(): ArchiveStores {
  return { local: globalThis.localStorage, session: globalThis.sessionStorage }
}

/** The archive database's name ('liasse' until a restore makes another one active). */
export function activeArchiveName(stores: ArchiveStores = browserStores()): string {
  try {
    return stores.local.getItem(ACTIVE_KEY) || DEFAULT_ARCHIVE_NAME
  } catch {
    return DEFAULT_ARCHIVE_NAME
  }
}

/** A fresh database name for a restore. */
export function restoreTargetName(now = Date.now()): string {
  return `${DEFAULT_ARCHIVE_NAME}-restore-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/** Makes a restored database the archive; the one it replaces is kept for Undo. */
export function switchToRestored(restored: string, stores: ArchiveStores = browserStores()): void {
  const previous = activeArchiveName(stores)
  // A previous restore's kept database can go: only the last restore is undone.
  const older = stores.local.getItem(PREVIOUS_KEY)
  if (older && older !== previous) dropLater(older, stores)
  stores.local.setItem(PREVIOUS_KEY, previous)
  stores.session.setItem(SESSION_KEY, JSON.stringify({ previous, restored }))
  stores.local.setItem(ACTIVE_KEY, restored)
}

export interface RestoreUndo {
  previous: string
  restored: string
}

/** The restore this session can undo, if any. */
export function pendingRestoreUndo(stores: ArchiveStores = browserStores()): RestoreUndo | null {
  const raw = stores.session.getItem(SESSION_KEY)
  if (!raw) return null
  try {
    const value = JSON.parse(raw) as Partial<RestoreUndo>
    if (typeof value.previous !== 'string' || typeof value.restored !== 'string') return null
    if (stores.local.getItem(PREVIOUS_KEY) !== value.previous) return null
    if (activeArchiveName(stores) !== value.restored) return null
    return { previous: value.previous, restored: value.restored }
  } catch {
    return null
  }
}

/** Puts back the archive a restore replaced; the restored database is deleted at the next start. */
export function undoRestore(stores: ArchiveStores = browserStores()): boolean {
  const undo = pendingRestoreUndo(stores)
  if (!undo) return false
  stores.local.setItem(ACTIVE_KEY, undo.previous)
  stores.local.removeItem(PREVIOUS_KEY)
  stores.session.removeItem(SESSION_KEY)
  dropLater(undo.restored, stores)
  return true
}

function dropLater(name: string, stores: ArchiveStores): void {
  const list = dropList(stores)
  if (!list.includes(name)) stores.local.setItem(DROP_KEY, JSON.stringify([...list, name]))
}

function dropList(stores: ArchiveStores): string[] {
  try {
    const value = JSON.parse(stores.local.getItem(DROP_KEY) ?? '[]') as unknown
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/**
 * At start, before the archive opens: deletes databases an undone restore left, and the database a
 * restore replaced when the session that could undo it is over. Never the active one.
 */
export async function cleanUpArchives(stores: ArchiveStores = browserStores()): Promise<string[]> {
  const active = activeArchiveName(stores)
  const doomed = dropList(stores).filter((name) => name !== active)
  const previous = stores.local.getItem(PREVIOUS_KEY)
  if (previous && previous !== active && !pendingRestoreUndo(stores)) {
    doomed.push(previous)
    stores.local.removeItem(PREVIOUS_KEY)
  }
  for (const name of doomed) await Dexie.delete(name)
  stores.local.removeItem(DROP_KEY)
  return doomed
}
