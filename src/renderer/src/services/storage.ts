// The archive's storage: persistent storage asked for once at start, usage and quota for Settings,
// and a full disk turned into one clear message wherever a write meets it (import, edit, merge).
import { isQuotaExceeded } from '@core/archive/quota'
import { archive } from '@renderer/db'
import { i18n } from '@renderer/i18n'

export interface StorageStatus {
  /** null when the browser cannot tell (no StorageManager). */
  persisted: boolean | null
  /** Bytes used and available to the app, or null when unknown. */
  usage: number | null
  quota: number | null
}

function manager(): StorageManager | undefined {
  return typeof navigator !== 'undefined' ? navigator.storage : undefined
}

/**
 * Asks once for persistent storage, so that the browser does not evict the archive under
 * pressure. Asked again never: the browser remembers its answer, and Settings reads it live.
 * (Electron grants it without asking.)
 */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = manager()
  if (!storage?.persist || !storage.persisted) return null
  if (await storage.persisted()) return true
  const { settings } = archive()
  if (await settings.get('storagePersistAsked')) return false
  const granted = await storage.persist()
  await settings.set('storagePersistAsked', true)
  return granted
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = manager()
  const [persisted, estimate] = await Promise.all([
    storage?.persisted ? storage.persisted() : Promise.resolve(null),
    storage?.estimate ? storage.estimate() : Promise.resolve(null)
  ])
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null }
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const

/** "12.3 MB" / "12,3 Mo": bytes in the largest unit that keeps the number at least 1. */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1
  }).format(value)
}

/** The message a failed write shows: a full disk is named as such, anything else as is. */
export function describeWriteError(error: unknown): string {
  const t = i18n.global.t
  if (isQuotaExceeded(error)) return t('storage.quotaExceeded')
  const message = error instanceof Error ? error.message : String(error)
  return t('errors.unknown', { message })
}
