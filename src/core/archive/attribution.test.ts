// Who "I" am on what I write, the fields a create and a change stamp, and what the UI says.
import { describe, expect, it } from 'vitest'
import { attributionOf, changedBy, createdBy, whoAmI } from './attribution'

describe('attribution', () => {
  it('names the sync account first, else the author name, else no one', () => {
    expect(whoAmI('Camille Martin', 'camille')).toBe('camille')
    expect(whoAmI('Camille Martin', '  ')).toBe('Camille Martin')
    expect(whoAmI(' ', '')).toBe('')
  })

  it('stamps a new record with its creator as its last editor, or with nothing', () => {
    expect(createdBy('ana')).toEqual({ createdBy: 'ana', changedBy: 'ana' })
    expect(createdBy('')).toEqual({})
  })

  it('stamps a change with who made it, and forgets the previous editor when unknown', () => {
    const record = { id: 'p', createdBy: 'ana', changedBy: 'ana' }
    expect(changedBy(record, 'bruno')).toEqual({ id: 'p', createdBy: 'ana', changedBy: 'bruno' })
    expect(changedBy(record, '')).toEqual({ id: 'p', createdBy: 'ana' })
    const old: { id: string; changedBy?: string } = { id: 'q' }
    expect(changedBy(old, '')).toBe(old)
  })

  it('says who created and who changed, only as far as it is known', () => {
    const created = '2026-01-01T10:00:00.000Z'
    const changed = '2026-01-02T10:00:00.000Z'
    expect(
      attributionOf({
        createdAt: created,
        updatedAt: changed,
        createdBy: 'ana',
        changedBy: 'bruno',
        author: 'Ana Lopez'
      })
    ).toEqual({ createdBy: 'ana', createdAt: created, changedBy: 'bruno', changedAt: changed })
    // Written before: the author was the creator's name; nobody is said to have changed it.
    expect(attributionOf({ createdAt: created, updatedAt: created, author: 'Ana Lopez' })).toEqual({
      createdBy: 'Ana Lopez',
      createdAt: created,
      changedBy: null,
      changedAt: null
    })
    expect(attributionOf({ createdAt: created, updatedAt: changed, author: '' })).toEqual({
      createdBy: null,
      createdAt: created,
      changedBy: null,
      changedAt: changed
    })
  })
})
