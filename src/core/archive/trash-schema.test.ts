// A trash entry as a backup holds it passes its schema whole; a damaged record inside is named.
import { describe, expect, it } from 'vitest'
import { checkRecord } from './record-schemas'
import { TrashEntrySchema } from './trash-schema'

const stamp = '2026-12-04T12:00:00.000Z'
const tag = {
  id: 'tag-1',
  createdAt: stamp,
  updatedAt: stamp,
  author: 'Ana',
  name: 'Fiscalité',
  parentId: null,
  color: '#1f77b4',
  description: ''
}
const entry = {
  id: 'entry-1',
  kind: 'tag',
  label: 'Fiscalité',
  deletedAt: stamp,
  records: {
    articles: [],
    articleTexts: [],
    passages: [],
    tags: [tag],
    events: [],
    links: [],
    dossiers: []
  },
  patches: {
    passageTagIds: [{ passageId: 'p1', tagIds: ['tag-1', 'tag-2'] }],
    tagParents: [{ tagId: 'tag-2', parentId: 'tag-1' }]
  }
}

describe('TrashEntrySchema', () => {
  it('accepts an entry as the archive writes it, unchanged', () => {
    expect(checkRecord(TrashEntrySchema, entry)).toEqual({ ok: true, value: entry })
  })

  it('refuses an unknown kind and a damaged record inside, naming the field', () => {
    const kind = checkRecord(TrashEntrySchema, { ...entry, kind: 'folder' })
    expect(kind.ok).toBe(false)
    const damaged = checkRecord(TrashEntrySchema, {
      ...entry,
      records: { ...entry.records, tags: [{ ...tag, color: 'red' }] }
    })
    expect(damaged).toMatchObject({ ok: false })
    expect(!damaged.ok && damaged.problem).toContain('records.tags[0]')
  })
})
