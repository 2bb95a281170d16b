// A full disk is recognized in each shape the storage layer throws it, and nothing else is.
import { describe, expect, it } from 'vitest'
import { isQuotaExceeded } from './quota'

describe('isQuotaExceeded', () => {
  it('recognizes the DOMException, Dexie wrappers and nested causes', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    expect(isQuotaExceeded(quota)).toBe(true)
    expect(isQuotaExceeded({ name: 'AbortError', inner: quota })).toBe(true)
    expect(isQuotaExceeded({ name: 'AbortError', inner: { name: 'X', inner: quota } })).toBe(true)
    expect(isQuotaExceeded(new Error('wrapped', { cause: quota }))).toBe(true)
    expect(isQuotaExceeded({ name: 'BulkError', failures: [new Error('x'), quota] })).toBe(true)
    expect(isQuotaExceeded({ name: 'BulkError', failures: { 3: quota } })).toBe(true)
    expect(isQuotaExceeded({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true)
  })

  it('does not take other failures for a full disk', () => {
    expect(isQuotaExceeded(new DOMException('x', 'AbortError'))).toBe(false)
    expect(isQuotaExceeded(new Error('QuotaExceededError in the message only'))).toBe(false)
    expect(isQuotaExceeded(null)).toBe(false)
    expect(isQuotaExceeded('QuotaExceededError')).toBe(false)
    const loop: { name: string; inner?: unknown } = { name: 'AbortError' }
    loop.inner = loop
    expect(isQuotaExceeded(loop)).toBe(false)
  })
})
