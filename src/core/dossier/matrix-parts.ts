// A corroboration matrix cut into tables narrow enough for a page (HTML, PDF and DOCX share it).
import type { DossierMatrix, DossierMatrixPart } from './types'

/**
 * Most sources a matrix table shows side by side: beyond that, on a portrait page or in the
 * dossier's column, cells get so narrow that their words break letter by letter. A wider matrix is
 * shown as several tables, each with every event and the next run of sources.
 */
export const MATRIX_COLUMNS_PER_TABLE = 5

/** The matrix as tables of at most `perTable` source columns (one table if it fits). */
export function matrixParts(
  matrix: DossierMatrix,
  perTable = MATRIX_COLUMNS_PER_TABLE
): DossierMatrixPart[] {
  const total = matrix.columns.length
  const parts: DossierMatrixPart[] = []
  for (let from = 0; from === 0 || from < total; from += perTable) {
    const to = Math.min(total, from + perTable)
    parts.push({
      from: from + 1,
      to,
      total,
      columns: matrix.columns.slice(from, to),
      rows: matrix.rows.map((row) => ({ ...row, cells: row.cells.slice(from, to) }))
    })
  }
  return parts
}
