// The automatic backup schedule: one backup ten minutes after the last change of a burst, none
// without a change, and one before closing only if something changed since the last.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChangeListener } from '@renderer/db/change-feed'
import { scheduleAutoBackups } from './auto-backup'

let listener: ChangeListener | null = null
const subscribe = (l: ChangeListener): (() => void) => {
  listener = l
  return () => (listener = null)
}
const change = (): void => listener?.([{ table: 'articles', keys: ['a'] }])

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('scheduleAutoBackups', () => {
  it('backs up once, ten minutes after the last change of a burst', async () => {
    const run = vi.fn(() => Promise.resolve(true))
    const scheduler = scheduleAutoBackups({ run, subscribe })
    change()
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    change()
    await vi.advanceTimersByTimeAsync(9 * 60_000)
    expect(run).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(run).toHaveBeenCalledTimes(1)
    expect(scheduler.dirty).toBe(false)
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    expect(run).toHaveBeenCalledTimes(1)
    scheduler.stop()
  })

  it('before closing: a backup only if something changed since the last', async () => {
    const run = vi.fn(() => Promise.resolve(true))
    const scheduler = scheduleAutoBackups({ run, subscribe })
    await scheduler.flush()
    expect(run).not.toHaveBeenCalled()
    change()
    await scheduler.flush()
    expect(run).toHaveBeenCalledTimes(1)
    // The pending timer was dropped with the backup.
    await vi.advanceTimersByTimeAsync(20 * 60_000)
    expect(run).toHaveBeenCalledTimes(1)
    scheduler.stop()
  })

  it('a failed backup leaves the archive to back up again', async () => {
    const run = vi.fn(() => Promise.reject(new Error('disk full')))
    const scheduler = scheduleAutoBackups({ run, subscribe, delayMs: 1000 })
    change()
    await vi.advanceTimersByTimeAsync(1000)
    expect(run).toHaveBeenCalledTimes(1)
    expect(scheduler.dirty).toBe(true)
    scheduler.stop()
    change()
    await vi.advanceTimersByTimeAsync(5000)
    expect(run).toHaveBeenCalledTimes(1)
  })
})
