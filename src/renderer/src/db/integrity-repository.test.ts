// The integrity check against fake-indexeddb: an archive damaged in every way a crash or an old
// bug could leave it is scanned page by page, repaired in one transaction, and scanned again.
// The trash is never read nor touched: what it holds was deleted on purpose.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Passage } from '@core/archive/passage'
import type { FindingKind } from '@core/archive/integrity'
import { repairPlan } from '@core/archive/integrity'
import { LiasseDatabase } from './database'
import { IntegrityRepository } from './integrity-repository'

let db: LiasseDatabase
let repo: IntegrityRepository

beforeEach(() => {
  db = new LiasseDatabase(`integrity-${Math.random()}`)
  repo = new IntegrityRepository(db, () => new Date('2026-12-04T12:00:00Z'))
})
afterEach(async () => {
  await db.delete()
})

const stamp = '2026-01-01T00:00:00.000Z'
const article = (id: string) => ({
  id,
  createdAt: stamp,
  updatedAt: stamp,
  importedAt: stamp,
  title: `Titre ${id}`,
  outlet: '',
  author: '',
  published: null,
  language: 'fr',
  sourceName: `${id}.txt`,
  sourceFormat: 'txt' as const,
  sha256: `sha-${id}`,
  textLength: 4,
  paragraphCount: 1
})
const text = (articleId: string) => ({ articleId, text: 'abcd', paragraphs: [] })
const passage = (id: string, articleId: string, tagIds: string[] = []): Passage =>
  ({
    id,
    createdAt: stamp,
    updatedAt: stamp,
    author: '',
    articleId,
    tagIds,
    note: '',
    anchor: { status: 'anchored', start: 0, end: 2, score: 1, textSha256: '' }
  }) as unknown as Passage
const tag = (id: string, parentId: string | null) => ({
  id,
  createdAt: stamp,
  updatedAt: stamp,
  author: '',
  name: `Tag ${id}`,
  parentId,
  color: '#336699',
  description: ''
})
const event = (id: string) => ({
  id,
  createdAt: stamp,
  updatedAt: stamp,
  author: '',
  title: id,
  date: null,
  place: '',
  participants: [],
  description: '',
  status: 'confirmed' as const
})
const link = (id: string, eventId: string, passageId: string) => ({
  id,
  createdAt: stamp,
  updatedAt: stamp,
  author: '',
  eventId,
  passageId,
  role: 'reports' as const,
  note: ''
})

/** n healthy articles with a passage each, then one record of every kind of damage. */
async function damagedArchive(n: number): Promise<void> {
  const ids = Array.from({ length: n }, (_, i) => `a${String(i).padStart(5, '0')}`)
  await db.articles.bulkAdd(ids.map(article))
  await db.articleTexts.bulkAdd(ids.map(text))
  await db.tags.bulkAdd([tag('t1', null), tag('t2', 't1'), tag('orphan-tag', 'gone-tag')])
  await db.tags.bulkAdd([tag('loop-a', 'loop-b'), tag('loop-b', 'loop-a')])
  await db.events.bulkAdd([event('e1')])
  await db.passages.bulkAdd(ids.map((id, i) => passage(`p${i}`, id, ['t2'])))
  await db.links.bulkAdd([link('l-ok', 'e1', 'p0')])
  // The damage:
  await db.articles.add(article('no-text')) // articleWithoutText
  await db.articleTexts.add(text('no-article')) // textWithoutArticle
  await db.passages.add(passage('p-orphan', 'gone-article')) // passageWithoutArticle
  await db.links.add(link('l-orphan-passage', 'e1', 'p-orphan')) // goes with its passage
  await db.links.add(link('l-no-event', 'gone-event', 'p1')) // linkWithoutEnds
  await db.passages.add(passage('p-missing-tag', ids[0]!, ['t1', 'gone-tag'])) // passageMissingTags
  await db.passages.add(passage('p-on-textless', 'no-text'))
  await db.dossiers.add({
    id: 'd1',
    title: 'Dossier',
    scope: { eventIds: ['gone-event'], tagIds: [], articleIds: [], passageIds: [] }
  } as never)
}

const kinds = (findings: { kind: FindingKind }[]): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const f of findings) out[f.kind] = (out[f.kind] ?? 0) + 1
  return out
}

describe('IntegrityRepository', () => {
  it('finds every kind of damage over pages of records, reporting progress up to the total', async () => {
    await damagedArchive(4500) // more than two pages of 2,000
    const progress: number[] = []
    let total = 0
    const findings = await repo.scan((p) => {
      progress.push(p.done)
      total = p.total
    })
    expect(kinds(findings)).toEqual({
      articleWithoutText: 1,
      textWithoutArticle: 1,
      passageWithoutArticle: 1,
      linkWithoutEnds: 2,
      passageMissingTags: 1,
      tagMissingParent: 1,
      tagParentCycle: 1,
      dossierMissingRecords: 1
    })
    expect(progress.at(-1)).toBe(total)
    expect(total).toBe(4501 + 4501 + 4503 + 5 + 1 + 3 + 1)
    expect(progress.length).toBeGreaterThan(10)
  })

  it('repairs what can be repaired in one go, and leaves the rest listed', async () => {
    await damagedArchive(3)
    if (db.tables.some((t) => t.name === 'trash'))
      await db.table('trash').add({ id: 'trash-1', kind: 'article', label: 'x', deletedAt: stamp })
    const result = await repo.repair(repairPlan(await repo.scan()))
    expect(result).toEqual({
      articles: 0,
      texts: 1,
      passages: 1,
      links: 2,
      passagesUntagged: 1,
      tagsMoved: 2
    })
    expect((await db.passages.get('p-missing-tag'))?.tagIds).toEqual(['t1'])
    expect((await db.tags.get('orphan-tag'))?.parentId).toBeNull()
    expect((await db.tags.get('loop-a'))?.parentId).toBeNull()
    expect((await db.tags.get('loop-b'))?.parentId).toBe('loop-a')
    expect(await db.links.get('l-ok')).toBeDefined()
    expect(kinds(await repo.scan())).toEqual({ articleWithoutText: 1, dossierMissingRecords: 1 })
    // Asked for: the article without text goes, with its passage.
    const textless = (await repo.scan()).filter((f) => f.kind === 'articleWithoutText')
    const more = await repo.repair(repairPlan(textless, { deleteArticles: true }))
    expect(more).toMatchObject({ articles: 1, passages: 1 })
    expect(await db.passages.get('p-on-textless')).toBeUndefined()
    expect(kinds(await repo.scan())).toEqual({ dossierMissingRecords: 1 })
    if (db.tables.some((t) => t.name === 'trash'))
      expect(await db.table('trash').get('trash-1')).toBeDefined()
  })

  it('repairs nothing that was mended in between (the plan is checked against the records)', async () => {
    await damagedArchive(2)
    const plan = repairPlan(await repo.scan(), { deleteArticles: true })
    await db.tags.add(tag('gone-tag', null))
    await db.articles.add(article('no-article'))
    await db.articleTexts.add(text('no-text'))
    const result = await repo.repair(plan)
    expect(result).toMatchObject({ articles: 0, texts: 0, passagesUntagged: 0 })
    expect((await db.passages.get('p-missing-tag'))?.tagIds).toEqual(['t1', 'gone-tag'])
  })
})
