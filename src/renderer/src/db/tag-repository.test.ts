// The codebook against fake-indexeddb: creation and edits validated with typed errors, moves that
// would make a cycle refused, merge and delete that lose no passage, and undo restoring exactly.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CodebookError,
  TAG_PALETTE,
  passageCounts,
  type CodebookErrorCode
} from '@core/archive/codebook'
import type { Passage } from '@core/archive/passage'
import { summarize } from '@core/archive/trash'
import { LiasseDatabase } from './database'
import { TagRepository } from './tag-repository'
import { TrashRepository } from './trash-repository'

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
    // Out of the codebook, kept as a redirect for passages still to arrive with it.
    expect((await tags.list()).map((t) => t.id)).not.toContain(work.id)
    expect((await tags.get(work.id))?.mergedInto).toBe(labour.id)
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

  it('folds a passage tagged offline with a merged tag onto the tag it was merged into', async () => {
    const x = await tags.create({ name: 'X', author: '' })
    const y = await tags.create({ name: 'Y', author: '' })
    const other = await tags.create({ name: 'Autre', author: '' })
    await db.passages.add(passage('p1', [x.id]))
    await tags.merge(x.id, y.id)
    expect((await db.passages.get('p1'))?.tagIds).toEqual([y.id])

    // A teammate, offline during the merge, tagged passages with X: they arrive as replicated
    // records, written straight into the table.
    await db.passages.bulkPut([
      passage('late1', [x.id]),
      passage('late2', [x.id, y.id, other.id]),
      passage('late3', [other.id])
    ])
    // Before the fold, readers already count them under Y; the codebook lists no X.
    const codebook = await tags.list()
    expect(codebook.map((t) => t.name).sort()).toEqual(['Autre', 'Y'])
    const early = passageCounts(await tags.listAll(), await db.passages.toArray())
    expect(early.get(y.id)?.own).toBe(3)
    expect(early.has(x.id)).toBe(false)

    const untouched = await db.passages.get('late3')
    const seqBefore = (await db.changes.where('seq').above(0).last())?.seq ?? 0
    expect(await tags.foldRedirects()).toEqual({ passages: 2, tags: 0 })
    expect((await db.passages.get('late1'))?.tagIds).toEqual([y.id])
    expect((await db.passages.get('late2'))?.tagIds).toEqual([y.id, other.id])
    expect(await db.passages.get('late3')).toEqual(untouched)
    // Written through the change log, so that the fold replicates and teammates converge; the
    // record keeps its updatedAt, so that replicas folding it alike write the same revision.
    const logged = await db.changes.where('seq').above(seqBefore).toArray()
    expect(logged.map((c) => `${c.table}:${c.key}`).sort()).toEqual([
      'passages:late1',
      'passages:late2'
    ])
    expect((await db.passages.get('late1'))?.updatedAt).toBe('2026-01-01T00:00:00.000Z')

    const counts = passageCounts(await tags.listAll(), await db.passages.toArray())
    expect(counts.get(y.id)).toEqual({ own: 3, withChildren: 3 })
    expect(counts.get(other.id)?.own).toBe(2)
    // Nothing left to fold: nothing written.
    expect(await tags.foldRedirects()).toEqual({ passages: 0, tags: 0 })
    expect((await db.changes.where('seq').above(0).last())?.seq).toBe(
      logged.at(-1)?.seq ?? seqBefore
    )
  })

  it('folds only the passages named, and follows a chain of merges to its end', async () => {
    const a = await tags.create({ name: 'A', author: '' })
    const b = await tags.create({ name: 'B', author: '' })
    const c = await tags.create({ name: 'C', author: '' })
    await tags.merge(a.id, b.id)
    await tags.merge(b.id, c.id)
    expect((await tags.get(a.id))?.mergedInto).toBe(b.id)
    expect((await tags.list()).map((t) => t.id)).toEqual([c.id])
    await db.passages.bulkPut([passage('p1', [a.id]), passage('p2', [b.id, a.id])])
    expect(await tags.foldRedirects(['p2', 'nope'])).toEqual({ passages: 1, tags: 0 })
    expect((await db.passages.get('p2'))?.tagIds).toEqual([c.id])
    expect((await db.passages.get('p1'))?.tagIds).toEqual([a.id])
    expect(await tags.foldRedirects()).toEqual({ passages: 1, tags: 0 })
    expect((await db.passages.get('p1'))?.tagIds).toEqual([c.id])
  })

  it('stops on a redirect cycle (corrupt data) without rewriting anything', async () => {
    const stamp = '2026-01-01T00:00:00.000Z'
    const base = { createdAt: stamp, updatedAt: stamp, author: '', parentId: null, description: '' }
    await db.tags.bulkPut([
      { ...base, id: 'u', name: 'U', color: '#fcd34d', mergedInto: 'v' },
      { ...base, id: 'v', name: 'V', color: '#fcd34d', mergedInto: 'u' }
    ])
    await db.passages.add(passage('p1', ['u']))
    expect(await tags.foldRedirects()).toEqual({ passages: 0, tags: 0 })
    expect((await db.passages.get('p1'))?.tagIds).toEqual(['u'])
  })

  it('moves a tag created offline under a merged tag under the tag it was merged into', async () => {
    const x = await tags.create({ name: 'X', author: '' })
    const y = await tags.create({ name: 'Y', author: '' })
    await tags.merge(x.id, y.id)
    const stamp = '2026-01-01T00:00:00.000Z'
    await db.tags.put({
      id: 'late',
      createdAt: stamp,
      updatedAt: stamp,
      author: 'B',
      name: 'Sous-code',
      parentId: x.id,
      color: '#fcd34d',
      description: ''
    })
    expect(await tags.foldRedirects()).toEqual({ passages: 0, tags: 1 })
    expect((await tags.get('late'))?.parentId).toBe(y.id)
  })

  it('frees a merged tag’s name, and keeps redirects out of merges that follow', async () => {
    const x = await tags.create({ name: 'Emploi', author: '' })
    const y = await tags.create({ name: 'Travail', author: '' })
    await tags.merge(x.id, y.id)
    const again = await tags.create({ name: 'Emploi', author: '' })
    expect(again.id).not.toBe(x.id)
    expect(await errorCode(tags.merge(x.id, again.id))).toBe('notFound')
    expect(await errorCode(tags.update(x.id, { name: 'z' }))).toBe('notFound')
  })

  it('undoes a merge: the source a normal tag again, passages as they were', async () => {
    const x = await tags.create({ name: 'X', author: '' })
    const y = await tags.create({ name: 'Y', author: '' })
    await db.passages.bulkAdd([passage('p1', [x.id]), passage('p2', [x.id, y.id])])
    const before = await snapshot()
    const { previous } = await tags.merge(x.id, y.id)
    await tags.restore(previous)
    expect(await snapshot()).toEqual(before)
    expect((await tags.get(x.id))?.mergedInto).toBeUndefined()
    expect((await tags.list()).map((t) => t.id).sort()).toEqual([x.id, y.id].sort())
  })

  it('folds what else carries a redirect when merging, and undo puts it back', async () => {
    const x = await tags.create({ name: 'X', author: '' })
    const y = await tags.create({ name: 'Y', author: '' })
    const a = await tags.create({ name: 'A', author: '' })
    const b = await tags.create({ name: 'B', author: '' })
    await tags.merge(x.id, y.id)
    await db.passages.add(passage('late', [x.id]))
    const before = await snapshot()
    const { previous } = await tags.merge(a.id, b.id)
    expect((await db.passages.get('late'))?.tagIds).toEqual([y.id])
    await tags.restore(previous)
    expect(await snapshot()).toEqual(before)
  })

  it('merges or deletes the target of a redirect: passages not folded yet follow it', async () => {
    const x = await tags.create({ name: 'X', author: '' })
    const y = await tags.create({ name: 'Y', author: '' })
    const z = await tags.create({ name: 'Z', author: '' })
    await tags.merge(x.id, y.id)
    await db.passages.add(passage('late', [x.id]))
    const before = await snapshot()
    const { previous } = await tags.merge(y.id, z.id)
    expect((await db.passages.get('late'))?.tagIds).toEqual([z.id])
    await tags.restore(previous)
    expect(await snapshot()).toEqual(before)
  })

  it('trashes the target of redirects with them, and restores them together', async () => {
    const trash = new TrashRepository(db)
    const x = await tags.create({ name: 'X', author: '' })
    const y = await tags.create({ name: 'Y', author: '' })
    const keep = await tags.create({ name: 'Garder', author: '' })
    await db.passages.add(passage('p1', [x.id, keep.id]))
    await tags.merge(x.id, y.id)
    // Arrived after the merge, not folded yet.
    await db.passages.add(passage('late', [x.id]))

    const { trashId } = await tags.moveToTrash(y.id)
    expect(await tags.get(y.id)).toBeUndefined()
    // The redirect went with its target: a passage arriving now with X shows no stale tag.
    expect(await tags.get(x.id)).toBeUndefined()
    expect((await db.passages.get('p1'))?.tagIds).toEqual([keep.id])
    expect((await db.passages.get('late'))?.tagIds).toEqual([])
    const entry = (await db.trash.get(trashId))!
    expect(entry.records.tags.map((t) => t.id)).toEqual([y.id, x.id])
    expect(summarize(entry).tags).toBe(0)

    await trash.restore(trashId)
    expect((await tags.list()).map((t) => t.id).sort()).toEqual([y.id, keep.id].sort())
    expect((await tags.get(x.id))?.mergedInto).toBe(y.id)
    expect((await db.passages.get('p1'))?.tagIds).toEqual([y.id, keep.id])
    // It gets back the tag it had (X, which leads to Y), and the fold puts Y there.
    expect((await db.passages.get('late'))?.tagIds).toEqual([x.id])
    await tags.foldRedirects()
    expect((await db.passages.get('late'))?.tagIds).toEqual([y.id])
  })

  it('undoes a creation by deleting, and redoes it by restoring', async () => {
    const tag = await tags.create({ name: 'Éphémère', author: '' })
    const { previous } = await tags.delete(tag.id)
    expect(await tags.list()).toEqual([])
    await tags.restore(previous)
    expect(await tags.list()).toEqual([tag])
  })
})
