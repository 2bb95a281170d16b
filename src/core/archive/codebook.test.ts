// The codebook's rules: tree order, paths, name and move validation, merge and delete plans that
// lose no passage, counts with and without children, and a palette readable under dark text.
import { describe, expect, it } from 'vitest'
import {
  CodebookError,
  TAG_PALETTE,
  buildTagTree,
  canMove,
  descendantIds,
  filterTags,
  flattenTagTree,
  nextTagColor,
  passageCounts,
  planDelete,
  planMerge,
  tagPath,
  validateTagName,
  visibleTagRows
} from './codebook'
import type { Passage, Tag } from './passage'

function tag(id: string, name: string, parentId: string | null = null, color = '#fcd34d'): Tag {
  const stamp = '2026-11-22T10:00:00.000Z'
  return {
    id,
    name,
    parentId,
    color,
    description: '',
    author: '',
    createdAt: stamp,
    updatedAt: stamp
  }
}

function passage(id: string, tagIds: string[]): Passage {
  const stamp = '2026-11-22T10:00:00.000Z'
  return {
    id,
    createdAt: stamp,
    updatedAt: stamp,
    author: '',
    articleId: 'a1',
    tagIds,
    note: '',
    quote: { type: 'TextQuoteSelector', exact: id, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: id.length },
    anchor: { status: 'exact', start: 0, end: id.length, score: 1, textSha256: 'h' }
  }
}

// Économie ─┬─ Emploi ─── Chômage
//           └─ zèle
// acteurs ──── État
// Élections
const codebook: Tag[] = [
  tag('eco', 'Économie'),
  tag('emploi', 'Emploi', 'eco'),
  tag('chomage', 'Chômage', 'emploi'),
  tag('zele', 'zèle', 'eco'),
  tag('acteurs', 'acteurs'),
  tag('etat', 'État', 'acteurs'),
  tag('elections', 'Élections')
]

describe('buildTagTree', () => {
  it('nests children and sorts each level by name, accents and case aside', () => {
    const tree = buildTagTree(codebook)
    expect(tree.map((node) => node.tag.name)).toEqual(['acteurs', 'Économie', 'Élections'])
    const flat = flattenTagTree(tree)
    expect(flat.map((node) => `${node.depth}:${node.tag.name}`)).toEqual([
      '0:acteurs',
      '1:État',
      '0:Économie',
      '1:Emploi',
      '2:Chômage',
      '1:zèle',
      '0:Élections'
    ])
  })

  it('keeps every tag, even with a missing parent or a corrupt parent cycle', () => {
    const odd = [tag('x', 'X', 'gone'), tag('p', 'P', 'q'), tag('q', 'Q', 'p')]
    const flat = flattenTagTree(buildTagTree(odd))
    expect(flat.map((node) => node.tag.id).sort()).toEqual(['p', 'q', 'x'])
  })
})

describe('paths and descendants', () => {
  it('writes the path from the top', () => {
    expect(tagPath(codebook, 'chomage')).toBe('Économie › Emploi › Chômage')
    expect(tagPath(codebook, 'elections')).toBe('Élections')
    expect(tagPath(codebook, 'nope')).toBe('')
  })

  it('lists a tag and everything below it', () => {
    expect(descendantIds(codebook, 'eco').sort()).toEqual(['chomage', 'eco', 'emploi', 'zele'])
    expect(descendantIds(codebook, 'chomage')).toEqual(['chomage'])
    expect(descendantIds(codebook, 'nope')).toEqual([])
  })
})

describe('validation', () => {
  it('refuses blank names and sibling duplicates up to case, accents and spaces', () => {
    expect(validateTagName(codebook, '   ', null)).toBe('empty')
    expect(validateTagName(codebook, 'economie', null)).toBe('duplicate')
    expect(validateTagName(codebook, '  ÉLECTIONS ', null)).toBe('duplicate')
    expect(validateTagName(codebook, 'Emploi', null)).toBeNull()
    expect(validateTagName(codebook, 'emploi', 'eco')).toBe('duplicate')
    expect(validateTagName(codebook, 'Santé', 'eco')).toBeNull()
  })

  it('lets a tag keep or recase its own name', () => {
    expect(validateTagName(codebook, 'EMPLOI', 'eco', 'emploi')).toBeNull()
    expect(validateTagName(codebook, 'zele', 'eco', 'emploi')).toBe('duplicate')
  })

  it('refuses moves that would make a cycle', () => {
    expect(canMove(codebook, 'eco', 'eco')).toBe(false)
    expect(canMove(codebook, 'eco', 'chomage')).toBe(false)
    expect(canMove(codebook, 'eco', 'emploi')).toBe(false)
    expect(canMove(codebook, 'chomage', 'eco')).toBe(true)
    expect(canMove(codebook, 'emploi', null)).toBe(true)
    expect(canMove(codebook, 'emploi', 'acteurs')).toBe(true)
    expect(canMove(codebook, 'emploi', 'nope')).toBe(false)
  })
})

describe('planMerge', () => {
  const passages = [
    passage('p1', ['emploi']),
    passage('p2', ['emploi', 'etat']),
    passage('p3', ['acteurs', 'emploi']), // carries source and target: one target only after
    passage('p4', ['chomage']),
    passage('p5', ['zele'])
  ]

  it('re-points every passage once, moves the children and removes the source', () => {
    const plan = planMerge(codebook, passages, 'emploi', 'acteurs')
    expect(plan.removedTagIds).toEqual(['emploi'])
    expect(plan.updatedTags).toEqual([{ ...tag('chomage', 'Chômage', 'acteurs') }])
    const byId = new Map(plan.updatedPassages.map((p) => [p.id, p.tagIds]))
    expect(Object.fromEntries(byId)).toEqual({
      p1: ['acteurs'],
      p2: ['acteurs', 'etat'],
      p3: ['acteurs']
    })
    expect(plan.replacedBy).toEqual({ emploi: 'acteurs' })
    // Nothing else touched, and nothing lost: every passage still carries a tag.
    expect(plan.updatedPassages.every((p) => p.tagIds.length > 0)).toBe(true)
  })

  it('merges same-named children instead of leaving duplicate siblings', () => {
    const tags = [
      ...codebook,
      tag('chomage2', 'chomage', 'acteurs'),
      tag('sub', 'Longue durée', 'chomage')
    ]
    const plan = planMerge(tags, passages, 'emploi', 'acteurs')
    expect(plan.removedTagIds.sort()).toEqual(['chomage', 'emploi'])
    expect(plan.replacedBy).toEqual({ emploi: 'acteurs', chomage: 'chomage2' })
    expect(plan.updatedTags.map((t) => [t.id, t.parentId])).toEqual([['sub', 'chomage2']])
    expect(plan.updatedPassages.find((p) => p.id === 'p4')?.tagIds).toEqual(['chomage2'])
  })

  it('refuses merging into itself, into a descendant, or with an unknown tag', () => {
    const code = (f: () => unknown): string => {
      try {
        f()
        return 'none'
      } catch (error) {
        return error instanceof CodebookError ? error.code : 'other'
      }
    }
    expect(code(() => planMerge(codebook, passages, 'eco', 'eco'))).toBe('mergeIntoSelf')
    expect(code(() => planMerge(codebook, passages, 'eco', 'chomage'))).toBe('mergeIntoDescendant')
    expect(code(() => planMerge(codebook, passages, 'eco', 'nope'))).toBe('notFound')
    // Into its own parent is fine: the children simply move up.
    expect(
      planMerge(codebook, passages, 'emploi', 'eco').updatedTags.map((t) => t.parentId)
    ).toEqual(['eco'])
  })
})

describe('planDelete', () => {
  it('keeps passages with their other tags, even with none left, and lifts the children', () => {
    const passages = [
      passage('p1', ['emploi', 'etat']),
      passage('p2', ['emploi']),
      passage('p3', ['etat'])
    ]
    const plan = planDelete(codebook, passages, 'emploi')
    expect(plan.removedTagIds).toEqual(['emploi'])
    expect(plan.updatedTags.map((t) => [t.id, t.parentId])).toEqual([['chomage', 'eco']])
    expect(plan.updatedPassages.map((p) => [p.id, p.tagIds])).toEqual([
      ['p1', ['etat']],
      ['p2', []]
    ])
    expect(plan.replacedBy).toEqual({ emploi: null })
  })

  it('lifts top-level children to the top', () => {
    const plan = planDelete(codebook, [], 'acteurs')
    expect(plan.updatedTags.map((t) => [t.id, t.parentId])).toEqual([['etat', null]])
  })

  it('refuses an unknown tag', () => {
    expect(() => planDelete(codebook, [], 'nope')).toThrow(CodebookError)
  })
})

describe('passageCounts', () => {
  it('counts own passages and distinct passages in the whole branch', () => {
    const passages = [
      passage('p1', ['eco']),
      passage('p2', ['emploi', 'chomage']), // counted once for eco and emploi
      passage('p3', ['chomage']),
      passage('p4', ['etat', 'ghost']),
      passage('p5', [])
    ]
    const counts = passageCounts(codebook, passages)
    expect(counts.get('eco')).toEqual({ own: 1, withChildren: 3 })
    expect(counts.get('emploi')).toEqual({ own: 1, withChildren: 2 })
    expect(counts.get('chomage')).toEqual({ own: 2, withChildren: 2 })
    expect(counts.get('acteurs')).toEqual({ own: 0, withChildren: 1 })
    expect(counts.get('elections')).toEqual({ own: 0, withChildren: 0 })
    expect(counts.has('ghost')).toBe(false)
  })
})

describe('nextTagColor', () => {
  const luminance = (hex: string): number => {
    const channel = (i: number): number => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  }
  const contrast = (a: string, b: string): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
    return (hi + 0.05) / (lo + 0.05)
  }

  it('offers colours where dark text reaches 7:1 and that still show on white', () => {
    expect(new Set(TAG_PALETTE).size).toBe(TAG_PALETTE.length)
    for (const color of TAG_PALETTE) {
      expect(contrast(color, '#1a1a1a'), color).toBeGreaterThanOrEqual(7)
      expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(1.2)
    }
  })

  it('picks the least used colour, in palette order', () => {
    expect(nextTagColor([])).toBe(TAG_PALETTE[0])
    const used = TAG_PALETTE.slice(0, 3).map((color, i) => tag(`t${i}`, `T${i}`, null, color))
    expect(nextTagColor(used)).toBe(TAG_PALETTE[3])
    const all = TAG_PALETTE.map((color, i) => tag(`t${i}`, `T${i}`, null, color.toUpperCase()))
    expect(nextTagColor([...all, tag('x', 'X', null, TAG_PALETTE[0])])).toBe(TAG_PALETTE[1])
  })
})

describe('codebook filter and collapsed branches', () => {
  // Politique › Élections › Élections régionales; Politique › Économie; Société › Santé.
  const tags = [
    tag('pol', 'Politique'),
    tag('elec', 'Élections', 'pol'),
    tag('reg', 'Élections régionales', 'elec'),
    tag('eco', 'Économie', 'pol'),
    tag('soc', 'Société'),
    tag('sante', 'Santé', 'soc')
  ]
  const tree = buildTagTree(tags)
  const names = (rows: ReturnType<typeof visibleTagRows>) => rows.map((row) => row.node.tag.name)

  it('matches names whatever their case and accents, and keeps the ancestors of a match', () => {
    const filter = filterTags(tags, 'REGIONALES')!
    expect([...filter.matches]).toEqual(['reg'])
    expect([...filter.visible].sort()).toEqual(['elec', 'pol', 'reg'])
    expect(names(visibleTagRows(tree, filter.visible, new Set()))).toEqual([
      'Politique',
      'Élections',
      'Élections régionales'
    ])
  })

  it('needs every word of the query, in any order, and filters nothing when blank', () => {
    expect([...filterTags(tags, 'régionales elec')!.matches]).toEqual(['reg'])
    expect([...filterTags(tags, 'elections')!.matches].sort()).toEqual(['elec', 'reg'])
    expect(filterTags(tags, 'nowhere')!.visible.size).toBe(0)
    expect(filterTags(tags, '   ')).toBeNull()
    expect(names(visibleTagRows(tree, null, new Set()))).toEqual([
      'Politique',
      'Économie',
      'Élections',
      'Élections régionales',
      'Société',
      'Santé'
    ])
  })

  it('hides what is below a collapsed tag, and says which rows have children to show', () => {
    const rows = visibleTagRows(tree, null, new Set(['pol']))
    expect(names(rows)).toEqual(['Politique', 'Société', 'Santé'])
    expect(rows.map((row) => [row.hasChildren, row.expanded])).toEqual([
      [true, false],
      [true, true],
      [false, false]
    ])
    // A collapsed branch inside an open one: its own children hide, its siblings stay.
    expect(names(visibleTagRows(tree, null, new Set(['elec'])))).toEqual([
      'Politique',
      'Économie',
      'Élections',
      'Société',
      'Santé'
    ])
  })

  it('gives a filtered tag a disclosure only when some of its children match', () => {
    const filter = filterTags(tags, 'sante politique')
    expect(filter!.visible.size).toBe(0)
    const politique = filterTags(tags, 'politique')!
    const [row] = visibleTagRows(tree, politique.visible, new Set())
    expect(row).toMatchObject({ hasChildren: false, expanded: false })
  })
})
