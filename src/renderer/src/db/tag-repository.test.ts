// The codebook against fake-indexeddb: creation and edits validated with typed errors, moves that
// would make a cycle refused, merge and delete that lose no passage, and undo restoring exactly.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CodebookError, TAG_PALETTE, type CodebookErrorCode } from '@core/archive/codebook'
import type { Passage } from '@core/archive/passage'
import { LiasseDatabase } from './database'
import { TagRepository } from './tag-repository'

let db: LiasseDatabase
let tags: TagRepository
let clock = 0
let ids = 0

beforeEach(() => {
  db = new LiasseDatabase(`test-${Math.random()}`)
  clock = Date.UTC(2026, 10, 22, 10, 0, 0)
  ids = 0
  tags = new TagRepository(
    db,
    () => new Date((clock += 1000)),
    () => `tag-${++ids}`
  )
})
afterEach(async () => {
  await db.delete()
})

function passage(id: string, tagIds: string[]): Passage {
  const stamp = '2026-01-01T00:00:00.000Z'
  return {
    id,
    createdAt: stamp,
    updatedAt: stamp,
    author: 'A',
    articleId: 'article',
    tagIds,
    note: `note ${id}`,
    quote: { type: 'TextQuoteSelector', exact: id, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 2 },
    anchor: { status: 'exact', start: 0, end: 2, score: 1, textSha256: 'h' }
  }
}

async function errorCode(promise: Promise<unknown>): Promise<CodebookErrorCode | 'none'> {
  try {
    await promise
    return 'none'
  } catch (error) {
    if (error instanceof CodebookError) return error.code
    throw error
  }
}

/** Everything in the two tables, sorted, to compare states before and after. */
async function snapshot(): Promise<unknown> {
  const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id)
  return {
    tags: (await db.tags.toArray()).sort(byId),
    passages: (await db.passages.toArray()).sort(byId)
  }
}

describe('TagRepository', () => {
  it('creates tags with an id, timestamps, the author and a palette colour', async () => {
    const first = await tags.create({ name: '  Économie  ', author: 'Camille' })
    expect(first).toMatchObject({
      id: 'tag-1',
      name: 'Économie',
      parentId: null,
      author: 'Camille',
      color: TAG_PALETTE[0],
      description: ''
    })
    expect(first.createdAt).toBe(first.updatedAt)
    const child = await tags.create({ name: 'Emploi', author: 'Camille', parentId: first.id })
    expect(child.parentId).toBe(first.id)
    expect(child.color).toBe(TAG_PALETTE[1])
    expect(await tags.list()).toHaveLength(2)
    expect(await tags.get(child.id)).toEqual(child)
  })

  it('refuses blank names, sibling duplicates, unknown parents and bad colours', async () => {
    const eco = await tags.create({ name: 'Économie', author: '' })
    expect(await errorCode(tags.create({ name: ' ', author: '' }))).toBe('empty')
    expect(await errorCode(tags.create({ name: 'ECONOMIE', author: '' }))).toBe('duplicate')
    expect(await errorCode(tags.create({ name: 'x', author: '', parentId: 'nope' }))).toBe(
      'notFound'
    )
    expect(await errorCode(tags.create({ name: 'x', author: '', color: 'red' }))).toBe(
      'invalidColor'
    )
    // The same name is fine under another parent.
    expect(await errorCode(tags.create({ name: 'economie', author: '', parentId: eco.id }))).toBe(
      'none'
    )
    expect(await tags.list()).toHaveLength(2)
  })

  it('renames, recolours and moves, and returns the previous record for undo', async () => {
    const eco = await tags.create({ name: 'Économie', author: '' })
    const work = await tags.create({ name: 'Travail', author: '' })
    const { tag, previous } = await tags.update(work.id, {
      name: 'Emploi',
      color: '#86EFAC',
      description: ' Le marché du travail ',
      parentId: eco.id
    })
    expect(previous).toEqual(work)
    expect(tag).toMatchObject({
      name: 'Emploi',
      color: '#86efac',
      description: 'Le marché du travail',
      parentId: eco.id
    })
    expect(tag.updatedAt > work.updatedAt).toBe(true)
    await tags.restore({ tags: [previous] })
    expect(await tags.get(work.id)).toEqual(work)
  })

  it('refuses moves that would make a cycle, and names taken at the new place', async () => {
    const eco = await tags.create({ name: 'Économie', author: '' })
    const work = await tags.create({ name: 'Emploi', author: '', parentId: eco.id })
    const jobless = await tags.create({ name: 'Chômage', author: '', parentId: work.id })
    await tags.create({ name: 'Chômage', author: '' })
    expect(await errorCode(tags.update(eco.id, { parentId: eco.id }))).toBe('cycle')
    expect(await errorCode(tags.update(eco.id, { parentId: jobless.id }))).toBe('cycle')
    expect(await errorCode(tags.update(jobless.id, { parentId: null }))).toBe('duplicate')
    expect(await errorCode(tags.update(work.id, { parentId: 'nope' }))).toBe('notFound')
    expect(await errorCode(tags.update(work.id, { name: '' }))).toBe('empty')
    expect(await errorCode(tags.update('nope', { name: 'x' }))).toBe('notFound')
    // Recasing its own name is not a duplicate.
    expect((await tags.update(work.id, { name: 'EMPLOI' })).tag.name).toBe('EMPLOI')
    expect((await tags.get(eco.id))?.parentId).toBeNull()
    expect((await tags.get(jobless.id))?.parentId).toBe(work.id)
  })

  it('merges: every passage re-pointed once, children moved, and undo restores exactly', async () => {
    const work = await tags.create({ name: 'Emploi', author: '' })
    const jobless = await tags.create({ name: 'Chômage', author: '', parentId: work.id })
    const labour = await tags.create({ name: 'Travail', author: '' })
    const other = await tags.create({ name: 'Autre', author: '' })
    await db.passages.bulkAdd([
      passage('p1', [work.id]),
      passage('p2', [work.id, labour.id]),
      passage('p3', [labour.id, other.id]),
      passage('p4', [jobless.id]),
      passage('p5', [other.id])
    ])
    const before = await snapshot()

    const { plan, previous } = await tags.merge(work.id, labour.id)
    expect(plan.removedTagIds).toEqual([work.id])
    expect(await tags.get(work.id)).toBeUndefined()
    expect((await tags.get(jobless.id))?.parentId).toBe(labour.id)
    const tagIds = Object.fromEntries((await db.passages.toArray()).map((p) => [p.id, p.tagIds]))
    expect(tagIds).toEqual({
      p1: [labour.id],
      p2: [labour.id],
      p3: [labour.id, other.id],
      p4: [jobless.id],
      p5: [other.id]
    })
    expect(await db.passages.count()).toBe(5)
    // Only what changed is in the undo record, exactly as it was.
    expect(previous.tags.map((t) => t.id).sort()).toEqual([jobless.id, work.id].sort())
    expect(previous.passages.map((p) => p.id).sort()).toEqual(['p1', 'p2'])
    expect((await db.passages.get('p1'))?.updatedAt).not.toBe('2026-01-01T00:00:00.000Z')
    expect((await db.passages.get('p5'))?.updatedAt).toBe('2026-01-01T00:00:00.000Z')

    await tags.restore(previous)
    expect(await snapshot()).toEqual(before)
  })

  it('writes a merge all or nothing: a failing passage write leaves the codebook as it was', async () => {
    const work = await tags.create({ name: 'Emploi', author: '' })
    await tags.create({ name: 'Chômage', author: '', parentId: work.id })
    const labour = await tags.create({ name: 'Travail', author: '' })
    await db.passages.bulkAdd([passage('p1', [work.id]), passage('p2', [work.id])])
    const before = await snapshot()
    db.passages.hook('updating', (_changes, key) => {
      if (key === 'p2') throw new Error('disk full')
    })
    await expect(tags.merge(work.id, labour.id)).rejects.toThrow('disk full')
    expect(await snapshot()).toEqual(before)
  })

  it('refuses to merge into itself or a descendant, changing nothing', async () => {
    const eco = await tags.create({ name: 'Économie', author: '' })
    const work = await tags.create({ name: 'Emploi', author: '', parentId: eco.id })
    await db.passages.add(passage('p1', [eco.id]))
    const before = await snapshot()
    expect(await errorCode(tags.merge(eco.id, eco.id))).toBe('mergeIntoSelf')
    expect(await errorCode(tags.merge(eco.id, work.id))).toBe('mergeIntoDescendant')
    expect(await errorCode(tags.merge('nope', work.id))).toBe('notFound')
    expect(await snapshot()).toEqual(before)
  })

  it('deletes: passages keep their other tags (or none), children move up, undo restores', async () => {
    const eco = await tags.create({ name: 'Économie', author: '' })
    const work = await tags.create({ name: 'Emploi', author: '', parentId: eco.id })
    const jobless = await tags.create({ name: 'Chômage', author: '', parentId: work.id })
    const state = await tags.create({ name: 'État', author: '' })
    await db.passages.bulkAdd([
      passage('p1', [work.id, state.id]),
      passage('p2', [work.id]),
      passage('p3', [jobless.id])
    ])
    const before = await snapshot()

    const { previous } = await tags.delete(work.id)
    expect(await tags.get(work.id)).toBeUndefined()
    expect((await tags.get(jobless.id))?.parentId).toBe(eco.id)
    expect((await db.passages.get('p1'))?.tagIds).toEqual([state.id])
    expect((await db.passages.get('p2'))?.tagIds).toEqual([])
    expect((await db.passages.get('p2'))?.note).toBe('note p2')
    expect((await db.passages.get('p3'))?.tagIds).toEqual([jobless.id])
    expect(await db.passages.count()).toBe(3)

    await tags.restore(previous)
    expect(await snapshot()).toEqual(before)
  })

  it('undoes a creation by deleting, and redoes it by restoring', async () => {
    const tag = await tags.create({ name: 'Éphémère', author: '' })
    const { previous } = await tags.delete(tag.id)
    expect(await tags.list()).toEqual([])
    await tags.restore(previous)
    expect(await tags.list()).toEqual([tag])
  })
})
