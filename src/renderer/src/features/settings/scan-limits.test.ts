// Settings › Scans accepts whole numbers within their ranges and a known language, and nothing
// else reaches the `scanLimits` setting.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCAN_LIMITS } from '@core/scan/types'
import { parseScanLimits } from './scan-limits'

describe('parseScanLimits', () => {
  it('takes the defaults and the ends of each range', () => {
    expect(parseScanLimits('auto', '500', '2000')).toEqual(DEFAULT_SCAN_LIMITS)
    expect(parseScanLimits('fra', 1, 1000)).toEqual({
      language: 'fra',
      maxPages: 1,
      maxStoredSide: 1000
    })
    expect(parseScanLimits('fra+eng', ' 5000 ', '4000')).toEqual({
      language: 'fra+eng',
      maxPages: 5000,
      maxStoredSide: 4000
    })
  })

  it('refuses what is out of range, not a whole number, empty, or an unknown language', () => {
    for (const [pages, side] of [
      ['0', '2000'],
      ['5001', '2000'],
      ['500', '999'],
      ['500', '4001'],
      ['12.5', '2000'],
      ['1e3', '2000'],
      ['', '2000'],
      ['500', '-2000']
    ])
      expect(parseScanLimits('auto', pages!, side!)).toBeNull()
    expect(parseScanLimits('deu', '500', '2000')).toBeNull()
  })
})
