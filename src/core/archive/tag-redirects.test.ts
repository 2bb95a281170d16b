// Redirect tags: chains followed to the live tag, duplicates folded, cycles stopped, and records
// seen by readers with no redirect left.
import { describe, expect, it } from 'vitest'
import type { Passage, Tag } from './passage'
import {
  liveTags,
  needsFold,
  resolveTagId,
  resolveTagIds,
  tagRedirects,
  withRedirectsResolved
} from './tag-redirects'

function tag(id: string, mergedInto?: string): Tag {
  const stamp = '2026-01-01T00:00:00.000Z'
  return {
    id,
    createdAt: stamp,
    updatedAt: stamp,
    author: '',
    name: id,
    parentId: null,
    color: '#fcd34d',
    description: '',
    ...(mergedInto === undefined ? {} : { mergedInto })
  }
}

function passage(id: string, tagIds: string[]): Passage {
  return { id, tagIds } as Passage
}

describe('tag redirects', () => {
  const tags = [tag('A', 'B'), tag('B', 'C'), tag('C'), tag('D')]
  const redirects = tagRedirects(tags)

  it('lists only live tags and maps each redirect one step', () => {
    expect(liveTags(tags).map((t) => t.id)).toEqual(['C', 'D'])
    expect([...redirects]).toEqual([
      ['A', 'B'],
      ['B', 'C']
    ])
  })

  it('follows a chain to the live tag and leaves other ids alone', () => {
    expect(resolveTagId('A', redirects)).toBe('C')
    expect(resolveTagId('B', redirects)).toBe('C')
    expect(resolveTagId('D', redirects)).toBe('D')
    expect(resolveTagId('unknown', redirects)).toBe('unknown')
  })

  it('stops on a cycle and keeps the id it was given', () => {
    const cyclic = tagRedirects([tag('X', 'Y'), tag('Y', 'Z'), tag('Z', 'X'), tag('S', 'S')])
    expect(resolveTagId('X', cyclic)).toBe('X')
    expect(resolveTagId('Z', cyclic)).toBe('Z')
    expect(resolveTagId('S', cyclic)).toBe('S')
  })

  it('resolves a passage’s tag ids once each, in first order', () => {
    expect(resolveTagIds(['D', 'A', 'C', 'B'], redirects)).toEqual(['D', 'C'])
    expect(resolveTagIds(['D'], redirects)).toEqual(['D'])
    expect(needsFold(['D', 'C'], redirects)).toBe(false)
    expect(needsFold(['A'], redirects)).toBe(true)
    expect(needsFold(['C', 'B'], redirects)).toBe(true)
  })

  it('gives readers records with no redirect tag and passages on live tags', () => {
    const p1 = passage('p1', ['A', 'D'])
    const p2 = passage('p2', ['D'])
    const seen = withRedirectsResolved({ tags, passages: [p1, p2], other: 1 })
    expect(seen.tags.map((t) => t.id)).toEqual(['C', 'D'])
    expect(seen.passages.map((p) => p.tagIds)).toEqual([['C', 'D'], ['D']])
    expect(seen.passages[1]).toBe(p2)
    expect(seen.other).toBe(1)
    const none = { tags: [tag('C')], passages: [p2] }
    expect(withRedirectsResolved(none)).toBe(none)
  })
})
