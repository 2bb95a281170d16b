// Overlapping and nested highlights become flat segments that still know every passage.
import { describe, expect, it } from 'vitest'
import { segmentText } from './highlight-segments'

describe('segmentText', () => {
  it('leaves plain text as one segment', () => {
    expect(segmentText(0, 10, [])).toEqual([{ start: 0, end: 10, ids: [], starts: [] }])
  })

  it('splits overlapping passages so that each part lists its passages, innermost first', () => {
    const segments = segmentText(0, 20, [
      { id: 'a', start: 2, end: 10 },
      { id: 'b', start: 6, end: 14 }
    ])
    expect(segments.map((s) => [s.start, s.end, s.ids.join('+'), s.starts.join('+')])).toEqual([
      [0, 2, '', ''],
      [2, 6, 'a', 'a'],
      [6, 10, 'a+b', 'b'],
      [10, 14, 'b', ''],
      [14, 20, '', '']
    ])
  })

  it('puts a nested passage before its container and marks where each begins', () => {
    const segments = segmentText(0, 12, [
      { id: 'outer', start: 0, end: 12 },
      { id: 'inner', start: 0, end: 4 }
    ])
    expect(segments[0]).toEqual({
      start: 0,
      end: 4,
      ids: ['inner', 'outer'],
      starts: ['inner', 'outer']
    })
    expect(segments[1]).toEqual({ start: 4, end: 12, ids: ['outer'], starts: [] })
  })

  it('clips passages that cross the paragraph edge and ignores those outside', () => {
    const segments = segmentText(10, 20, [
      { id: 'across', start: 5, end: 15 },
      { id: 'before', start: 0, end: 8 },
      { id: 'empty', start: 12, end: 12 }
    ])
    expect(segments).toEqual([
      { start: 10, end: 15, ids: ['across'], starts: [] },
      { start: 15, end: 20, ids: [], starts: [] }
    ])
  })
})
