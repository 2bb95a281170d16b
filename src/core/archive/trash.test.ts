// The trash's pure rules: days left and the retention cut-off, when a delete needs the typed word,
// which records of an entry can go back, and how a restored tag is patched onto passages.
import { describe, expect, it } from 'vitest'
import type { Passage } from './passage'
import type { EventLink } from '../timeline/types'
import {
  daysLeft,
  emptyPatches,
  emptyRecords,
  isValidRetention,
  needsTypedConfirmation,
  patchedTagIds,
  planRestore,
  retentionCutoff,
  type TrashEntry
} from './trash'

const NOW = new Date('2026-12-04T12:00:00.000Z')

describe('retention', () => {
  it('counts whole days left, rounding up, and none once due', () => {
    const at = (iso: string) => daysLeft({ deletedAt: iso }, NOW, 30)
    expect(at('2026-12-04T12:00:00.000Z')).toBe(30)
    expect(at('2026-12-04T11:00:00.000Z')).toBe(30)
    expect(at('2026-11-05T11:00:00.000Z')).toBe(1)
    expect(at('2026-11-05T13:00:00.000Z')).toBe(2)
    expect(at('2026-11-04T12:00:00.000Z')).toBe(0)
    expect(at('2025-01-01T00:00:00.000Z')).toBe(0)
  })

  it('cuts off exactly the retention before now', () => {
    expect(retentionCutoff(NOW, 30)).toBe('2026-11-04T12:00:00.000Z')
  })

  it('accepts whole days from 1 to 3650 only', () => {
    expect([1, 30, 3650].every(isValidRetention)).toBe(true)
    expect([0, -1, 1.5, 3651, Number.NaN].some(isValidRetention)).toBe(false)
  })
})

describe('typed confirmation', () => {
  it('is asked for half the articles or more of an archive above 20', () => {
    expect(needsTypedConfirmation(11, 21)).toBe(true)
    expect(needsTypedConfirmation(10, 21)).toBe(false)
    expect(needsTypedConfirmation(20, 20)).toBe(false)
    expect(needsTypedConfirmation(1, 1)).toBe(false)
    expect(needsTypedConfirmation(500, 1000)).toBe(true)
  })
})

const passage = (id: string, articleId: string) => ({ id, articleId }) as unknown as Passage
const link = (id: string, passageId: string, eventId: string) =>
  ({ id, passageId, eventId }) as unknown as EventLink

describe('planRestore', () => {
  it('keeps what has its ends in the archive or in the entry, drops the rest', () => {
    const entry: TrashEntry = {
      id: 't',
      kind: 'passage',
      label: '',
      deletedAt: NOW.toISOString(),
      records: {
        ...emptyRecords(),
        passages: [passage('p1', 'a1'), passage('p2', 'gone')],
        links: [link('l1', 'p1', 'e1'), link('l2', 'p2', 'e1'), link('l3', 'p1', 'e-gone')]
      },
      patches: emptyPatches()
    }
    const plan = planRestore(entry, {
      articles: new Set(['a1']),
      passages: new Set(),
      events: new Set(['e1']),
      tags: new Set()
    })
    expect(plan.records.passages.map((p) => p.id)).toEqual(['p1'])
    expect(plan.records.links.map((l) => l.id)).toEqual(['l1'])
    expect(plan.dropped.passages.map((p) => p.id)).toEqual(['p2'])
    expect(plan.dropped.links.map((l) => l.id)).toEqual(['l2', 'l3'])
  })
})

describe('patchedTagIds', () => {
  it('puts back the tags a passage had, in their order, and keeps those it gained since', () => {
    const tags = new Set(['t1', 't2', 't3'])
    expect(patchedTagIds(['t2'], ['t1', 't2'], tags)).toEqual(['t1', 't2'])
    expect(patchedTagIds(['t3'], ['t1'], tags)).toEqual(['t1', 't3'])
    expect(patchedTagIds([], ['t1', 'gone'], tags)).toEqual(['t1'])
  })
})
