// Storage status: persistent storage is asked for once and only once, sizes read in the user's
// language, and a full disk is named as such in any write's error message.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { archive } from '@renderer/db'
import { describeWriteError, formatBytes, requestPersistence, storageStatus } from './storage'

function stubStorage(persisted: boolean, grant: boolean) {
  const storage = {
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => grant),
    estimate: vi.fn(async () => ({ usage: 1_234_567, quota: 5_000_000_000 }))
  }
  vi.stubGlobal('navigator', { storage })
  return storage
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(async () => {
  vi.unstubAllGlobals()
  await archive().db.settings.clear()
})

describe('requestPersistence', () => {
  it('asks once when not persistent, remembers it asked, and never asks again', async () => {
    const storage = stubStorage(false, false)
    expect(await requestPersistence()).toBe(false)
    expect(await requestPersistence()).toBe(false)
    expect(storage.persist).toHaveBeenCalledTimes(1)
    expect(await archive().settings.get('storagePersistAsked')).toBe(true)
  })

  it('does not ask when storage is already persistent, and says when the browser cannot tell', async () => {
    const storage = stubStorage(true, true)
    expect(await requestPersistence()).toBe(true)
    expect(storage.persist).not.toHaveBeenCalled()
    vi.stubGlobal('navigator', {})
    expect(await requestPersistence()).toBeNull()
    expect(await storageStatus()).toEqual({ persisted: null, usage: null, quota: null })
  })

  it('reports usage and quota from the estimate', async () => {
    stubStorage(true, true)
    expect(await storageStatus()).toEqual({
      persisted: true,
      usage: 1_234_567,
      quota: 5_000_000_000
    })
  })
})

describe('formatBytes and describeWriteError', () => {
  it('writes sizes in the largest unit, in the language of the interface', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte')
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB')
    expect(formatBytes(5_000_000_000, 'en')).toBe('5 GB')
    expect(formatBytes(1_234_567, 'fr')).toMatch(/^1,2\s?Mo$/)
  })

  it('names a full disk, and passes other errors on', () => {
    const quota = { name: 'AbortError', inner: new DOMException('x', 'QuotaExceededError') }
    expect(describeWriteError(quota)).toBe(
      'The disk is full or the storage quota is reached: nothing was written. Free space, or export/back up and remove articles.'
    )
    expect(describeWriteError(new Error('boom'))).toBe('Unexpected error: boom')
  })
})
