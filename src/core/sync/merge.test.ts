// Three-way merges of a record changed on two replicas: fields changed on one side only merge, a
// passage's tags merge as sets, the same field changed differently on both sides is a conflict,
// fields that belong together merge as one, and texts never merge.
import { describe, expect, it } from 'vitest'
import type { DocBody } from './documents'
import { mergeThreeWay } from './merge'

const tag = (fields: Record<string, unknown>): DocBody => ({
  type: 'tag',
  id: 't1',
  name: 'Impôts',
  color: '#aa0000',
  description: '',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...fields
})

describe('three-way merge', () => {
  it('takes each side’s change where the other left the field alone, and the later updatedAt', () => {
    const base = tag({})
    const ours = tag({ name: 'Fiscalité', updatedAt: '2026-01-02T00:00:00.000Z' })
    const theirs = tag({ color: '#00aa00', updatedAt: '2026-01-03T00:00:00.000Z' })
    const merged = mergeThreeWay(base, ours, theirs)
    expect(merged).toEqual({
      ok: true,
      body: tag({ name: 'Fiscalité', color: '#00aa00', updatedAt: '2026-01-03T00:00:00.000Z' })
    })
    // The same merge whichever side is "ours": every replica makes the same body.
    expect(mergeThreeWay(base, theirs, ours)).toEqual(merged)
  })

  it('names the fields both sides changed differently', () => {
    const result = mergeThreeWay(tag({}), tag({ name: 'A', color: '#000001' }), tag({ name: 'B' }))
    expect(result).toEqual({ ok: false, fields: ['name'] })
  })

  it('the same change on both sides is no conflict', () => {
    const result = mergeThreeWay(tag({}), tag({ name: 'A' }), tag({ name: 'A' }))
    expect(result).toEqual({ ok: true, body: tag({ name: 'A' }) })
  })

  it('a field added or removed on one side only merges too', () => {
    const base = tag({ description: 'x' })
    const ours = tag({ description: 'x', extra: 1 })
    const { description: _gone, ...theirs } = tag({ description: 'x' })
    void _gone
    const result = mergeThreeWay(base, ours, theirs as DocBody)
    expect(result.ok && result.body).toEqual({ ...tag({ extra: 1 }), description: undefined })
    expect(result.ok && 'description' in result.body).toBe(false)
  })

  it('merges a passage’s tags as sets: both additions kept, a removal on either side applied', () => {
    const passage = (tagIds: string[], note = ''): DocBody => ({
      type: 'passage',
      id: 'p1',
      tagIds,
      note,
      quote: { type: 'TextQuoteSelector', exact: 'WikiLeaks', prefix: '', suffix: '' }
    })
    const result = mergeThreeWay(
      passage(['a', 'b', 'c']),
      passage(['a', 'c', 'x'], 'ours'), // removed b, added x, wrote a note
      passage(['a', 'b', 'y']) // removed c, added y
    )
    expect(result).toEqual({ ok: true, body: passage(['a', 'x', 'y'], 'ours') })
  })

  it('a passage’s quote, position and anchor change together: two re-anchorings conflict', () => {
    const passage = (exact: string, start: number): DocBody => ({
      type: 'passage',
      id: 'p1',
      tagIds: [],
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start, end: start + exact.length }
    })
    // One side moved the quote, the other only its position: the pair is one field.
    const result = mergeThreeWay(passage('a', 0), passage('b', 0), passage('a', 5))
    expect(result).toEqual({ ok: false, fields: ['quote', 'position', 'anchor'] })
  })

  it('never merges two different texts, nor trash entries', () => {
    const text = (t: string): DocBody => ({
      type: 'text',
      articleId: 'a1',
      text: t,
      paragraphs: []
    })
    expect(mergeThreeWay(text('x'), text('xy'), text('xz'))).toEqual({
      ok: false,
      fields: ['text']
    })
    expect(mergeThreeWay(text('x'), text('xy'), text('xy')).ok).toBe(true)
  })
})

describe('who and when', () => {
  it('two people editing different fields merge; who changed it last comes with when', () => {
    const base = tag({ changedBy: 'ana' })
    const bruno = tag({
      name: 'Fiscalité',
      changedBy: 'bruno',
      updatedAt: '2026-01-02T00:00:00.000Z'
    })
    const carla = tag({
      color: '#00aa00',
      changedBy: 'carla',
      updatedAt: '2026-01-03T00:00:00.000Z'
    })
    const merged = mergeThreeWay(base, bruno, carla)
    expect(merged).toEqual({
      ok: true,
      body: tag({
        name: 'Fiscalité',
        color: '#00aa00',
        changedBy: 'carla',
        updatedAt: '2026-01-03T00:00:00.000Z'
      })
    })
    expect(mergeThreeWay(base, carla, bruno)).toEqual(merged)
  })
})
