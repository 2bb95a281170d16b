// The library window's arithmetic: rows drawn for a scroll position, keyboard moves, revealing.
import { describe, expect, it } from 'vitest'
import { revealRow, rowAfterKey, visibleRows } from './library-window'

describe('visibleRows', () => {
  const base = { count: 100_000, rowHeight: 50, viewportHeight: 500, overscan: 5 }

  it('draws the rows in view plus the overscan, clamped at the top', () => {
    expect(visibleRows({ ...base, viewportTop: 0 })).toEqual({ start: 0, end: 15 })
    expect(visibleRows({ ...base, viewportTop: -300 })).toEqual({ start: 0, end: 9 })
    expect(visibleRows({ ...base, viewportTop: 1000 })).toEqual({ start: 15, end: 35 })
    expect(visibleRows({ ...base, viewportTop: 1025 })).toEqual({ start: 15, end: 36 })
  })

  it('clamps at the end and for short or empty lists', () => {
    expect(visibleRows({ ...base, viewportTop: 50 * 99_995 })).toEqual({
      start: 99_990,
      end: 100_000
    })
    expect(visibleRows({ ...base, count: 3, viewportTop: 0 })).toEqual({ start: 0, end: 3 })
    expect(visibleRows({ ...base, count: 0, viewportTop: 0 })).toEqual({ start: 0, end: 0 })
    // Scrolled far past a list that just got shorter (a filter): nothing drawn, no negative range.
    expect(visibleRows({ ...base, count: 10, viewportTop: 5000 })).toEqual({ start: 10, end: 10 })
  })

  it('keeps the drawn row count bounded whatever the list length', () => {
    for (const top of [0, 12_345, 2_000_000, 4_999_000]) {
      const { start, end } = visibleRows({ ...base, viewportTop: top })
      expect(end - start).toBeLessThanOrEqual(500 / 50 + 1 + 2 * 5)
    }
  })
})

describe('rowAfterKey', () => {
  it('moves by one, by a page, to either end, within the list', () => {
    expect(rowAfterKey('ArrowDown', 4, 10, 5)).toBe(5)
    expect(rowAfterKey('ArrowUp', 0, 10, 5)).toBe(0)
    expect(rowAfterKey('ArrowDown', 9, 10, 5)).toBe(9)
    expect(rowAfterKey('PageDown', 4, 10, 5)).toBe(8)
    expect(rowAfterKey('PageDown', 8, 10, 5)).toBe(9)
    expect(rowAfterKey('PageUp', 3, 10, 5)).toBe(0)
    expect(rowAfterKey('Home', 7, 10, 5)).toBe(0)
    expect(rowAfterKey('End', 2, 10, 5)).toBe(9)
    expect(rowAfterKey('Enter', 2, 10, 5)).toBeNull()
    expect(rowAfterKey('ArrowDown', 0, 0, 5)).toBeNull()
  })
})

describe('revealRow', () => {
  it('scrolls as little as needed, leaving rows in view alone', () => {
    expect(revealRow(5, 50, 0, 500)).toBe(0)
    expect(revealRow(12, 50, 0, 500)).toBe(150)
    expect(revealRow(2, 50, 400, 500)).toBe(100)
    // Under a 40 px sticky header, a row just below the top edge is not really visible.
    expect(revealRow(8, 50, 400, 500, 40)).toBe(360)
  })
})
