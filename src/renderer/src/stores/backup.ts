// Backup and restore as the UI drives them: a backup saved where the user chooses, a restore
// previewed then confirmed (the app reloads on the restored archive), Undo until the app closes,
// and on the desktop the automatic backups.
import type Dexie from 'dexie'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { BackupError, type BackupErrorCode } from '@core/backup/backup'
import { archive } from '@renderer/db'
import {
  pendingRestoreUndo,
  restoreTargetName,
  switchToRestored,
  undoRestore as undoActiveRestore,
  type RestoreUndo
} from '@renderer/db/active-archive'
import { platform } from '@renderer/platform'
import type { BackupFileInfo } from '@shared/ipc'
import {
  backupFileName,
  backupStream,
  previewRestore,
  restoreInto,
  type RestorePreview
} from '@renderer/services/backup'

/** Set just before the reload that follows a restore, read once after it (for the notice). */
const RESTORED_KEY = 'liasse.restoreDone'

export type BackupTask = 'backup' | 'auto' | 'preview' | 'restore'

export interface BackupFailure {
  /** A BackupError code, or 'failed' for anything else (disk, permission). */
  code: BackupErrorCode | 'failed'
  detail: string
}

export const useBackupStore = defineStore('backup', () => {
  const task = ref<BackupTask | null>(null)
  const records = ref(0)
  const preview = ref<RestorePreview | null>(null)
  /** Where the previewed backup comes from (a file name), for the dialog. */
  const source = ref('')
  const failure = ref<BackupFailure | null>(null)
  const undo = ref<RestoreUndo | null>(pendingRestoreUndo())
  const automatic = ref<BackupFileInfo[]>([])
  let reopen: (() => ReadableStream<Uint8Array>) | null = null

  function fail(error: unknown): void {
    failure.value =
      error instanceof BackupError
        ? { code: error.code, detail: error.detail }
        : { code: 'failed', detail: error instanceof Error ? error.message : String(error) }
  }

  async function run<T>(kind: BackupTask, work: () => Promise<T>): Promise<T | undefined> {
    if (task.value) return undefined
    task.value = kind
    records.value = 0
    failure.value = null
    try {
      return await work()
    } catch (error) {
      fail(error)
      return undefined
    } finally {
      task.value = null
    }
  }

  function stream(db: Dexie = archive().db): Promise<ReadableStream<Uint8Array>> {
    return backupStream(db, {
      appVersion: __APP_VERSION__,
      onProgress: (n) => (records.value = n)
    })
  }

  /** Saves a backup where the user chooses; the number of records, or null when cancelled. */
  async function backUpNow(title: string, filterName: string): Promise<number | null> {
    const saved = await run('backup', async () => {
      const now = new Date()
      const ok = await platform.saveStream(
        {
          suggestedName: backupFileName(now),
          mime: 'application/gzip',
          stream: await stream(),
          filter: { name: filterName, extensions: ['liasse-backup'] }
        },
        title
      )
      return ok ? records.value : null
    })
    return saved ?? null
  }

  /**
   * Desktop: the next automatic backup, verified by main before the oldest are dropped. `db`: the
   * archive (default), or the archive as it is on disk before an upgrade.
   */
  async function backUpAutomatically(db: Dexie = archive().db): Promise<boolean> {
    const backups = platform.backups
    if (!backups) return false
    const done = await run('auto', async () => {
      const setting = (await db.table('settings').get('backupsKept')) as
        { value?: unknown } | undefined
      const value = setting?.value
      const keep = typeof value === 'number' && value >= 1 && value <= 100 ? value : 10
      await backups.save(await stream(db), keep)
      automatic.value = await backups.list()
      return true
    })
    return done ?? false
  }

  async function loadAutomatic(): Promise<void> {
    if (platform.backups) automatic.value = await platform.backups.list()
  }

  /** The first pass: the backup checked whole and compared with the archive. */
  async function previewFrom(open: () => ReadableStream<Uint8Array>, name: string): Promise<void> {
    preview.value = null
    const result = await run('preview', () =>
      previewRestore(archive().db, open(), (p) => (records.value = p.records))
    )
    if (!result) return
    reopen = open
    source.value = name
    preview.value = result
  }

  function previewFile(file: File): Promise<void> {
    return previewFrom(() => file.stream(), file.name)
  }

  function previewAutomatic(name: string): Promise<void> {
    const backups = platform.backups
    if (!backups) return Promise.resolve()
    return previewFrom(() => backups.open(name), name)
  }

  function cancelPreview(): void {
    preview.value = null
    reopen = null
  }

  /**
   * The second pass: the backup written into a fresh database, which becomes the archive; the
   * app reloads on it. Nothing changes if any of it fails.
   */
  async function confirmRestore(): Promise<void> {
    const open = reopen
    const shown = preview.value
    if (!open || !shown) return
    preview.value = null
    const target = restoreTargetName()
    const started = performance.now()
    const written = await run('restore', () =>
      restoreInto(target, open(), (p) => (records.value = p.records))
    )
    console.info(`Restore written in ${Math.round(performance.now() - started)} ms`)
    if (!written) return
    archive().db.close()
    switchToRestored(target)
    const total = Object.values(written).reduce((sum, n) => sum + n, 0)
    sessionStorage.setItem(RESTORED_KEY, String(total))
    location.reload()
  }

  /** Puts back the archive the restore replaced, and reloads on it. */
  function undoRestore(): void {
    if (!undoActiveRestore()) return
    undo.value = null
    archive().db.close()
    location.reload()
  }

  /** Records restored just before this start (once), for a notice with Undo. */
  function takeRestoredNotice(): number | null {
    const value = sessionStorage.getItem(RESTORED_KEY)
    if (value === null) return null
    sessionStorage.removeItem(RESTORED_KEY)
    return Number(value)
  }

  return {
    task,
    records,
    preview,
    source,
    failure,
    undo,
    automatic,
    backUpNow,
    backUpAutomatically,
    loadAutomatic,
    previewFile,
    previewAutomatic,
    cancelPreview,
    confirmRestore,
    undoRestore,
    takeRestoredNotice
  }
})
