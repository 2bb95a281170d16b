// Which rows of a long list of fixed-height rows to draw, and where keyboard moves go: the pure
// arithmetic of the library's windowed table, tested in Node.

export interface RowWindow {
  /** First row drawn (inclusive). */
  start: number
  /** Row after the last drawn (exclusive). */
  end: number
}

export interface WindowInput {
  count: number
  rowHeight: number
  /** Where the viewport's top is, measured from the top of the first row (negative above it). */
  viewportTop: number
  viewportHeight: number
  /** Rows drawn beyond each edge of the viewport, so that a fast scroll does not show a gap. */
  overscan: number
}

/** The rows that intersect the viewport, widened by the overscan, clamped to the list. */
export function visibleRows({
  count,
  rowHeight,
  viewportTop,
  viewportHeight,
  overscan
}: WindowInput): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 }
  const first = Math.floor(viewportTop / rowHeight)
  const last = Math.ceil((viewportTop + Math.max(0, viewportHeight)) / rowHeight)
  const start = Math.min(count, Math.max(0, first - overscan))
  const end = Math.min(count, Math.max(start, last + overscan))
  return { start, end }
}

/** The row a navigation key moves to from `current`, or null for a key that is not one. */
export function rowAfterKey(
  key: string,
  current: number,
  count: number,
  pageRows: number
): number | null {
  if (count <= 0) return null
  const page = Math.max(1, pageRows - 1)
  const clamp = (row: number): number => Math.min(count - 1, Math.max(0, row))
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1)
    case 'ArrowUp':
      return clamp(current - 1)
    case 'PageDown':
      return clamp(current + page)
    case 'PageUp':
      return clamp(current - page)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}

/**
 * The viewport top that shows row `row` whole, moving as little as possible; the same top when
 * it is already in view. `topInset` is the part of the viewport a sticky header covers.
 */
export function revealRow(
  row: number,
  rowHeight: number,
  viewportTop: number,
  viewportHeight: number,
  topInset = 0
): number {
  const rowTop = row * rowHeight
  const rowBottom = rowTop + rowHeight
  if (rowTop < viewportTop + topInset) return rowTop - topInset
  if (rowBottom > viewportTop + viewportHeight) return rowBottom - viewportHeight
  return viewportTop
}
