// Splits a stretch of text at every highlight boundary, so that overlapping and nested passages
// render as flat segments, each knowing which passages cover it (innermost first).
import type { Span } from './article'

export interface HighlightSpan extends Span {
  id: string
}

export interface Segment extends Span {
  /** The passages covering this segment, shortest (innermost) first; empty for plain text. */
  ids: string[]
  /** Passages that begin in this segment (where a focusable marker goes). */
  starts: string[]
}

/** Segments of [from, to) given highlight spans (which may overlap, nest or reach outside). */
export function segmentText(from: number, to: number, spans: readonly HighlightSpan[]): Segment[] {
  const inside = spans
    .filter((s) => s.end > from && s.start < to && s.end > s.start)
    .map((s) => ({
      ...s,
      start: Math.max(s.start, from),
      end: Math.min(s.end, to),
      realStart: s.start,
      length: s.end - s.start
    }))
  const cuts = new Set<number>([from, to])
  for (const s of inside) {
    cuts.add(s.start)
    cuts.add(s.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    const covering = inside
      .filter((s) => s.start <= start && s.end >= end)
      .sort((a, b) => a.length - b.length || a.id.localeCompare(b.id))
    segments.push({
      start,
      end,
      ids: covering.map((s) => s.id),
      starts: covering.filter((s) => s.realStart === start).map((s) => s.id)
    })
  }
  return segments
}
