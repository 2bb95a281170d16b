// Conflicts as the view shows them: versions winner first, only the fields that differ, a label,
// and who made each only where the record names an editor.
import { describe, expect, it } from 'vitest'
import type { DocBody } from './documents'
import { composeVersion, summarizeConflict, versionAuthor, versionTime } from './conflicts'

const tag = (name: string, author: string, at: string): DocBody => ({
  type: 'tag',
  id: 't1',
  name,
  color: '#ffe08a',
  author,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: at
})

describe('a conflict summarized', () => {
  it('lists the versions winner first and only the fields they disagree on', () => {
    const summary = summarizeConflict({
      id: 'tag:t1',
      winner: '2-b',
      conflicts: ['2-a'],
      bodies: {
        '2-a': tag('Impôts (Ana)', 'Ana', '2026-12-06T10:00:00.000Z'),
        '2-b': tag('Impôts (Ben)', 'Ben', '2026-12-06T10:01:00.000Z')
      }
    })
    expect(summary).toMatchObject({ id: 'tag:t1', table: 'tags', label: 'Impôts (Ben)' })
    expect(summary.versions.map((v) => v.rev)).toEqual(['2-b', '2-a'])
    expect(summary.differing).toEqual(['name', 'author'])
  })

  it('counts a deletion as a version with no fields', () => {
    const summary = summarizeConflict({
      id: 'tag:t1',
      winner: '2-b',
      conflicts: ['2-a'],
      bodies: { '2-a': null, '2-b': tag('Impôts', 'Ben', '2026-12-06T10:01:00.000Z') }
    })
    expect(summary.versions[1]).toEqual({ rev: '2-a', body: null })
    expect(summary.differing).toEqual(['name', 'color', 'author'])
  })

  it('names who made a version only where the record names an editor', () => {
    const annotation = tag('Impôts', 'Ana', '2026-12-06T10:00:00.000Z')
    expect(versionAuthor(annotation)).toBe('Ana')
    expect(versionAuthor({ type: 'article', id: 'a', author: 'AFP' })).toBe('')
    expect(versionAuthor(null)).toBe('')
    expect(versionTime(annotation)?.toISOString()).toBe('2026-12-06T10:00:00.000Z')
    expect(versionTime({ type: 'tag', updatedAt: 'yesterday' })).toBeNull()
  })

  it('names the last editor first, an article by its editor and never by its byline', () => {
    const edited = { ...tag('Impôts', 'Ana', '2026-12-06T10:00:00.000Z'), changedBy: 'bruno' }
    expect(versionAuthor(edited)).toBe('bruno')
    expect(versionAuthor({ ...edited, changedBy: '' })).toBe('Ana')
    expect(versionAuthor({ type: 'article', id: 'a', author: 'AFP', changedBy: 'carla' })).toBe(
      'carla'
    )
    expect(versionAuthor({ type: 'article', id: 'a', author: 'AFP', createdBy: 'carla' })).toBe('')
  })

  it('does not list who made a version among the fields to choose from', () => {
    const summary = summarizeConflict({
      id: 'tag:t1',
      winner: '2-b',
      conflicts: ['2-a'],
      bodies: {
        '2-a': { ...tag('Impôts', 'Ana', '2026-12-06T10:00:00.000Z'), changedBy: 'ana' },
        '2-b': { ...tag('Taxes', 'Ana', '2026-12-06T10:01:00.000Z'), changedBy: 'bruno' }
      }
    })
    expect(summary.differing).toEqual(['name'])
  })
})

describe('a version chosen field by field', () => {
  const versions = [
    { rev: '2-b', body: { type: 'tag' as const, id: 't', name: 'Ben', color: '#000001' } },
    { rev: '2-a', body: { type: 'tag' as const, id: 't', name: 'Ana', color: '#000002' } },
    { rev: '3-d', body: null }
  ]
  it('is the winner with each picked field from its version', () => {
    expect(composeVersion(versions, { color: 1 })).toEqual({
      type: 'tag',
      id: 't',
      name: 'Ben',
      color: '#000002'
    })
  })
  it('takes nothing from a deletion, and nothing when the winner is one', () => {
    expect(composeVersion(versions, { name: 2 })).toEqual(versions[0]!.body)
    expect(composeVersion([versions[2]!, versions[0]!], { name: 1 })).toBeNull()
  })
})
