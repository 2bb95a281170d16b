import { describe, expect, it } from 'vitest'
import { MATRIX_COLUMNS_PER_TABLE, matrixParts } from './matrix-parts'
import type { DossierMatrix } from './types'

function matrix(columns: number, rows = 3): DossierMatrix {
  return {
    columns: Array.from({ length: columns }, (_, i) => ({
      key: `s${i}`,
      label: `Source ${i + 1}`
    })),
    rows: Array.from({ length: rows }, (_, r) => ({
      eventId: `e${r}`,
      title: `Event ${r}`,
      cells: Array.from({ length: columns }, (_, c) =>
        (c + r) % 3 === 0 ? { reports: c + 1, contradicts: r, mentions: 0 } : null
      ),
      supporting: r + 1,
      contradicting: r,
      singleSource: r === 0
    }))
  }
}

describe('matrixParts', () => {
  it('keeps a matrix that fits as one table', () => {
    const whole = matrix(MATRIX_COLUMNS_PER_TABLE)
    const parts = matrixParts(whole)
    expect(parts).toHaveLength(1)
    expect(parts[0]).toMatchObject({
      from: 1,
      to: MATRIX_COLUMNS_PER_TABLE,
      total: MATRIX_COLUMNS_PER_TABLE
    })
    expect(parts[0]!.columns).toEqual(whole.columns)
    expect(parts[0]!.rows).toEqual(whole.rows)
  })

  it('cuts 26 sources into runs of five, every event in each, every cell under its source', () => {
    const whole = matrix(26)
    const parts = matrixParts(whole)
    expect(parts.map((p) => [p.from, p.to, p.total])).toEqual([
      [1, 5, 26],
      [6, 10, 26],
      [11, 15, 26],
      [16, 20, 26],
      [21, 25, 26],
      [26, 26, 26]
    ])
    expect(parts.flatMap((p) => p.columns)).toEqual(whole.columns)
    for (const part of parts) {
      expect(part.rows.map((r) => r.title)).toEqual(whole.rows.map((r) => r.title))
      part.rows.forEach((row, r) => {
        expect(row.cells).toEqual(whole.rows[r]!.cells.slice(part.from - 1, part.to))
        expect(row.supporting).toBe(whole.rows[r]!.supporting)
      })
    }
  })

  it('still gives one (empty) table for a matrix without sources', () => {
    expect(matrixParts(matrix(0))).toEqual([
      expect.objectContaining({ from: 1, to: 0, total: 0, columns: [] })
    ])
  })
})
