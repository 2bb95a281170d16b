// Settings › Scans, as values: what the form accepts, checked here rather than by the browser's
// number input (which lets "12.5", "1e3" or an empty field through to its v-model).
import type { ScanLimits } from '@core/scan/types'

export const SCAN_LIMIT_RANGES = {
  /** Pages read from one PDF or TIFF: past a few thousand, an import would run for days. */
  maxPages: { min: 1, max: 5000 },
  /**
   * The longest side of a stored page: under 1000 px a newspaper's small print is no longer
   * legible on the page view; past 4000 px a page weighs megabytes and shows nothing more.
   */
  maxStoredSide: { min: 1000, max: 4000 }
} as const

const LANGUAGES: ReadonlySet<string> = new Set(['auto', 'fra', 'eng', 'fra+eng'])

function wholeIn(raw: string | number, range: { min: number; max: number }): number | null {
  const text = String(raw).trim()
  if (!/^\d+$/.test(text)) return null
  const value = Number(text)
  return value >= range.min && value <= range.max ? value : null
}

/** The limits the form's fields give, or null when a field is out of its range or not a number. */
export function parseScanLimits(
  language: string,
  maxPages: string | number,
  maxStoredSide: string | number
): ScanLimits | null {
  const pages = wholeIn(maxPages, SCAN_LIMIT_RANGES.maxPages)
  const side = wholeIn(maxStoredSide, SCAN_LIMIT_RANGES.maxStoredSide)
  if (pages === null || side === null || !LANGUAGES.has(language)) return null
  return { language: language as ScanLimits['language'], maxPages: pages, maxStoredSide: side }
}
