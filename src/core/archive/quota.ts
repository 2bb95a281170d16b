// Recognizes a full disk or an exhausted storage quota in whatever shape the storage layer throws
// it: IndexedDB's QuotaExceededError DOMException, Dexie's wrapper, or either as an inner cause.

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED'])

/** True when `error` (or an error it wraps, a few levels deep) says storage is full. */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== 'object') return false
  const { name, inner, cause, failures } = error as {
    name?: unknown
    inner?: unknown
    cause?: unknown
    failures?: unknown
  }
  if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true
  // Dexie's AbortError and BulkError carry the first cause as `inner` or a list of `failures`.
  if (isQuotaExceeded(inner, depth + 1) || isQuotaExceeded(cause, depth + 1)) return true
  if (Array.isArray(failures)) return failures.some((f) => isQuotaExceeded(f, depth + 1))
  if (failures && typeof failures === 'object')
    return Object.values(failures).some((f) => isQuotaExceeded(f, depth + 1))
  return false
}
