// The read's time limit grows with the file: a genuine bundle at the 50 MB import limit must not be
// stopped on a slow machine, while a small file built to stall is stopped after a minute.
import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES } from '@core/import/types'
import { JobTimedOut } from '@renderer/services/worker-job'
import { incomingTimeLimitMs } from './incoming-runner'

describe('incomingTimeLimitMs', () => {
  it('gives a small file a minute and the largest importable file six minutes at most', () => {
    expect(incomingTimeLimitMs(0)).toBe(60_000)
    expect(incomingTimeLimitMs(10_000)).toBe(60_060)
    const largest = incomingTimeLimitMs(MAX_IMPORT_BYTES)
    // Measured: 5.3 s per MB for a valid bundle on an oversubscribed two-CPU machine.
    expect(largest).toBeGreaterThan(60_000 + (5.3 * MAX_IMPORT_BYTES) / 1000)
    expect(largest).toBeLessThanOrEqual(6 * 60_000 + 15_000)
    expect(new JobTimedOut(largest).detail).toMatch(/^\d+$/)
  })
})
