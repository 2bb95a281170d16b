// DOM ranges ↔ offsets in the article's normalized text: the one place that knows how the reader
// lays text out. Each paragraph element carries `data-start`; its text content is exactly
// text.slice(start, end), split into text nodes by highlight marks.

const PARAGRAPH = '[data-start]'

function paragraphOf(node: Node): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : node.parentElement
  return element?.closest<HTMLElement>(PARAGRAPH) ?? null
}

/** Characters of `paragraph` before the boundary point (node, offset). */
function charsBefore(paragraph: HTMLElement, node: Node, offset: number): number {
  const boundary = document.createRange()
  boundary.setStart(paragraph, 0)
  boundary.setEnd(node, offset)
  return boundary.toString().length
}

function paragraphs(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(PARAGRAPH)]
}

/**
 * The text offset of a boundary point. Points outside any paragraph (between paragraphs, or on
 * the container) snap to the nearest paragraph edge in document order.
 */
export function offsetAt(
  root: HTMLElement,
  node: Node,
  offset: number,
  edge: 'start' | 'end'
): number {
  const paragraph = paragraphOf(node)
  if (paragraph && root.contains(paragraph)) {
    return Number(paragraph.dataset.start) + charsBefore(paragraph, node, offset)
  }
  const point = document.createRange()
  point.setStart(node, offset)
  const list = paragraphs(root)
  // The first paragraph that starts after the point, or the last one.
  const after = list.find((p) => point.comparePoint(p, 0) > 0)
  if (edge === 'start') return Number((after ?? list[list.length - 1])?.dataset.start ?? 0)
  const index = after ? list.indexOf(after) - 1 : list.length - 1
  const before = list[Math.max(index, 0)]
  return Number(before?.dataset.end ?? 0)
}

/** The [start, end) span of a DOM range inside the reader, or null when it selects nothing. */
export function rangeToSpan(
  root: HTMLElement,
  range: Range
): { start: number; end: number } | null {
  if (!root.contains(range.commonAncestorContainer)) return null
  const start = offsetAt(root, range.startContainer, range.startOffset, 'start')
  const end = offsetAt(root, range.endContainer, range.endOffset, 'end')
  return end > start ? { start, end } : null
}

function pointAt(paragraph: HTMLElement, chars: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
  let left = chars
  let last: Text | null = null
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (left <= node.data.length) return { node, offset: left }
    left -= node.data.length
    last = node
  }
  return last ? { node: last, offset: last.data.length } : { node: paragraph, offset: 0 }
}

/** A DOM range covering [start, end) of the text, across paragraphs if need be. */
export function spanToRange(root: HTMLElement, start: number, end: number): Range | null {
  const list = paragraphs(root)
  const first = list.find((p) => Number(p.dataset.end) > start)
  // A collapsed span (a caret) sits in the paragraph that holds its start.
  const last = end > start ? [...list].reverse().find((p) => Number(p.dataset.start) < end) : first
  if (!first || !last) return null
  const from = pointAt(first, Math.max(0, start - Number(first.dataset.start)))
  const to = pointAt(last, Math.min(Number(last.dataset.end), end) - Number(last.dataset.start))
  const range = document.createRange()
  range.setStart(from.node, from.offset)
  range.setEnd(to.node, to.offset)
  return range
}

/**
 * DOM ranges for many spans at once (find in article paints thousands): the paragraphs are listed
 * once, each found by binary search, and each paragraph's text nodes are walked once. Spans must
 * be sorted by start; a span whose paragraphs are not in the page gets no range.
 */
export function spansToRanges(
  root: HTMLElement,
  spans: readonly { start: number; end: number }[]
): (Range | null)[] {
  const list = paragraphs(root)
  const starts = list.map((p) => Number(p.dataset.start))
  const ends = list.map((p) => Number(p.dataset.end))
  const nodes = new Map<HTMLElement, { node: Text; start: number }[]>()
  const textNodes = (paragraph: HTMLElement): { node: Text; start: number }[] => {
    let found = nodes.get(paragraph)
    if (found) return found
    found = []
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT)
    let at = Number(paragraph.dataset.start)
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      found.push({ node: n, start: at })
      at += n.data.length
    }
    nodes.set(paragraph, found)
    return found
  }
  /** The paragraph holding `offset`: the last one starting at or before it (-1 if none). */
  const indexOf = (offset: number): number => {
    let low = 0
    let high = list.length - 1
    let result = -1
    while (low <= high) {
      const mid = (low + high) >> 1
      if (starts[mid]! <= offset) {
        result = mid
        low = mid + 1
      } else high = mid - 1
    }
    return result
  }
  const point = (offset: number, edge: 'start' | 'end'): { node: Node; offset: number } | null => {
    let index = indexOf(offset)
    // Between two paragraphs: a start moves on to the next one, an end stays at this one's end.
    if (index >= 0 && offset > ends[index]! && edge === 'start') index++
    if (index < 0) index = 0
    const paragraph = list[index]
    if (!paragraph) return null
    const clamped = Math.min(Math.max(offset, starts[index]!), ends[index]!)
    const texts = textNodes(paragraph)
    // The text node holding the point; an end on a node boundary stays in the earlier node.
    let low = 0
    let high = texts.length - 1
    let pick = -1
    while (low <= high) {
      const mid = (low + high) >> 1
      const s = texts[mid]!.start
      if (edge === 'end' ? s < clamped : s <= clamped) {
        pick = mid
        low = mid + 1
      } else high = mid - 1
    }
    const text = texts[Math.max(pick, 0)]
    if (!text) return { node: paragraph, offset: 0 }
    return { node: text.node, offset: Math.min(clamped - text.start, text.node.data.length) }
  }
  return spans.map((span) => {
    const from = point(span.start, 'start')
    const to = point(span.end, 'end')
    if (!from || !to) return null
    const range = document.createRange()
    range.setStart(from.node, from.offset)
    range.setEnd(to.node, to.offset)
    return range
  })
}
