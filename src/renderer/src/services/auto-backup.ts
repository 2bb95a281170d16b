// When the desktop app backs up on its own: some time after the last change to the archive
// (changes in a burst make one backup), and before the window closes if anything changed since
// the last backup.
import { onArchiveChange, type ChangeListener } from '@renderer/db/change-feed'

/** Ten minutes after the last change. */
export const AUTO_BACKUP_DELAY_MS = 10 * 60 * 1000

export interface AutoBackupOptions {
  /** Makes one backup; true when it was written and verified. */
  run: () => Promise<boolean>
  delayMs?: number
  subscribe?: (listener: ChangeListener) => () => void
  timers?: {
    setTimeout: (run: () => void, ms: number) => unknown
    clearTimeout: (handle: unknown) => void
  }
}

export interface AutoBackupScheduler {
  /** True when the archive changed since the last backup written. */
  readonly dirty: boolean
  /** Backs up now if anything changed (before the window closes); never throws. */
  flush(): Promise<void>
  stop(): void
}

export function scheduleAutoBackups(options: AutoBackupOptions): AutoBackupScheduler {
  const delay = options.delayMs ?? AUTO_BACKUP_DELAY_MS
  const timers = options.timers ?? {
    setTimeout: (run: () => void, ms: number) => globalThis.setTimeout(run, ms),
    clearTimeout: (handle: unknown) =>
      globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
  }
  let dirty = false
  let timer: unknown = null
  let running: Promise<void> | null = null

  const backup = async (): Promise<void> => {
    if (running) return running
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    // Changes made while this backup runs make the archive dirty again.
    dirty = false
    running = options
      .run()
      .then((ok) => {
        if (!ok) dirty = true
      })
      .catch(() => {
        dirty = true
      })
      .finally(() => {
        running = null
      })
    return running
  }

  const unsubscribe = (options.subscribe ?? onArchiveChange)(() => {
    dirty = true
    if (timer !== null) timers.clearTimeout(timer)
    timer = timers.setTimeout(() => {
      timer = null
      void backup()
    }, delay)
  })

  return {
    get dirty() {
      return dirty
    },
    async flush() {
      if (running) await running
      if (dirty) await backup()
    },
    stop() {
      unsubscribe()
      if (timer !== null) timers.clearTimeout(timer)
      timer = null
    }
  }
}
