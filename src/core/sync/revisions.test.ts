// Revisions: deterministic, parsed strictly, and merged in trees by pouchdb-merge with CouchDB's
// winner (the longest branch, then the highest hash; a deleted leaf loses to a live one).
import { describe, expect, it } from 'vitest'
import type { DocBody } from './documents'
import { hasRev, leavesOf, mergePath, nextRev, parseRev, pathOf, revisionsOf } from './revisions'

const body = (title: string): DocBody => ({ type: 'tag', id: 't', name: title })

describe('revisions', () => {
  it('are the same for the same edit from the same parent, and differ otherwise', async () => {
    const first = await nextRev(null, body('Impôts'))
    expect(first).toMatch(/^1-[0-9a-f]{32}$/)
    expect(await nextRev(null, body('Impôts'))).toBe(first)
    expect(await nextRev(null, body('Impots'))).not.toBe(first)
    const second = await nextRev(first, body('Impôts'))
    expect(second).toMatch(/^2-/)
    expect(await nextRev(first, null)).not.toBe(second)
  })

  it('are parsed strictly', () => {
    expect(parseRev('3-0123456789abcdef0123456789abcdef')).toEqual({
      generation: 3,
      hash: '0123456789abcdef0123456789abcdef'
    })
    for (const bad of ['0-0123456789abcdef0123456789abcdef', '1-xyz', '1-', 'abc', 3, null])
      expect(parseRev(bad)).toBeNull()
  })
})

describe('revision trees', () => {
  it('keep both branches of a conflict, with CouchDB’s winner, and give paths back', async () => {
    const r1 = await nextRev(null, body('a'))
    const mine = await nextRev(r1, body('b'))
    const theirs = await nextRev(r1, body('c'))
    const idOf = (rev: string) => rev.split('-')[1]!
    let merged = mergePath([], pathOf({ start: 2, ids: [idOf(mine), idOf(r1)] }, false), 'tag:t')
    expect(merged.winner).toBe(mine)
    merged = mergePath(
      merged.tree,
      pathOf({ start: 2, ids: [idOf(theirs), idOf(r1)] }, false),
      'tag:t'
    )
    const expected = [mine, theirs].sort().at(-1)!
    expect(merged.winner).toBe(expected)
    expect(merged.conflicts).toEqual([[mine, theirs].sort()[0]])
    expect(
      leavesOf(merged.tree)
        .map((l) => l.rev)
        .sort()
    ).toEqual([mine, theirs].sort())
    expect(hasRev(merged.tree, r1)).toBe(true)
    expect(revisionsOf(merged.tree, theirs)).toEqual({ start: 2, ids: [idOf(theirs), idOf(r1)] })
    // A deleted leaf loses to a live one, even with a higher hash.
    const gone = await nextRev(expected, null)
    merged = mergePath(
      merged.tree,
      pathOf({ start: 3, ids: [idOf(gone), idOf(expected), idOf(r1)] }, true),
      'tag:t'
    )
    expect(merged.winner).toBe([mine, theirs].sort()[0])
  })
})
