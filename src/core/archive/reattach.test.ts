// An orphan placed again by hand takes the new span's text and keeps its tags, note and author.
import { describe, expect, it } from 'vitest'
import { newPassage } from './passages'
import { reattachPassage } from './reattach'

describe('reattachPassage', () => {
  it('describes the new span and keeps what the researcher wrote', () => {
    const before = 'Le 21 octobre 2016, WikiLeaks écrit au fils.'
    const passage = newPassage({
      id: 'p1',
      stamp: '2026-01-01T00:00:00Z',
      author: 'Ana',
      articleId: 'a1',
      text: before,
      textSha256: 'old',
      start: 20,
      end: 28,
      tagIds: ['t1'],
      note: 'source ?'
    })
    const after = 'Selon le magazine, le compte WikiLeaks a écrit au fils le 21 octobre.'
    const start = after.indexOf('WikiLeaks')
    const moved = reattachPassage(
      { ...passage, anchor: { ...passage.anchor, status: 'orphan' } },
      after,
      'new',
      start - 1,
      start + 9,
      '2026-02-01T00:00:00Z'
    )
    expect(moved.quote.exact).toBe('WikiLeaks')
    expect(moved.quote.prefix.endsWith('le compte ')).toBe(true)
    expect(moved.position).toEqual({ type: 'TextPositionSelector', start, end: start + 9 })
    expect(moved.anchor).toEqual({
      status: 'exact',
      start,
      end: start + 9,
      score: 1,
      textSha256: 'new'
    })
    expect([moved.tagIds, moved.note, moved.author, moved.createdAt]).toEqual([
      ['t1'],
      'source ?',
      'Ana',
      '2026-01-01T00:00:00Z'
    ])
    expect(moved.updatedAt).toBe('2026-02-01T00:00:00Z')
  })
})
