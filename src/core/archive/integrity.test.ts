// The integrity check on hand-made and generated damaged archives: every kind of finding is found
// on the right record, nothing is reported on a consistent archive, and the repair plan is exact.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  checkIntegrity,
  countFindings,
  repairPlan,
  IntegrityScanner,
  type ArticleRef,
  type DossierRef,
  type LinkRef,
  type PassageRef,
  type TagRef
} from './integrity'

interface Records {
  articles: ArticleRef[]
  textIds: string[]
  passages: PassageRef[]
  tags: TagRef[]
  eventIds: string[]
  links: LinkRef[]
  dossiers: DossierRef[]
}

function consistent(): Records {
  return {
    articles: [
      { id: 'a1', title: 'Premier', sha256: 'h1' },
      { id: 'a2', title: 'Second', sha256: 'h2' }
    ],
    textIds: ['a1', 'a2'],
    passages: [
      { id: 'p1', articleId: 'a1', tagIds: ['t1'] },
      { id: 'p2', articleId: 'a2', tagIds: ['t1', 't2'] }
    ],
    tags: [
      { id: 't1', name: 'Acteurs', parentId: null },
      { id: 't2', name: 'Ministres', parentId: 't1' }
    ],
    eventIds: ['e1'],
    links: [{ id: 'l1', eventId: 'e1', passageId: 'p1' }],
    dossiers: [
      {
        id: 'd1',
        title: 'Dossier',
        scope: { eventIds: ['e1'], tagIds: ['t1'], articleIds: ['a1'], passageIds: ['p2'] }
      }
    ]
  }
}

describe('checkIntegrity', () => {
  it('finds nothing in a consistent archive', () => {
    expect(checkIntegrity(consistent())).toEqual([])
  })

  it('finds an article without text (offered for deletion, not repaired on its own)', () => {
    const r = consistent()
    r.textIds = ['a2']
    expect(checkIntegrity(r)).toEqual([
      {
        kind: 'articleWithoutText',
        table: 'articles',
        id: 'a1',
        label: 'Premier',
        related: [],
        repair: 'delete',
        repairable: false
      }
    ])
  })

  it('finds a text without article, a passage without article and the links that hang on it', () => {
    const r = consistent()
    r.articles = r.articles.filter((a) => a.id !== 'a1')
    const found = checkIntegrity(r)
    expect(found.map((f) => [f.kind, f.id, f.repairable])).toEqual([
      ['textWithoutArticle', 'a1', true],
      ['passageWithoutArticle', 'p1', true],
      ['linkWithoutEnds', 'l1', true],
      ['dossierMissingRecords', 'd1', false]
    ])
    expect(found.find((f) => f.kind === 'dossierMissingRecords')?.related).toEqual(['a1'])
  })

  it('finds a link whose event is gone, and one whose passage is gone', () => {
    const r = consistent()
    r.eventIds = []
    r.links.push({ id: 'l2', eventId: 'e1', passageId: 'p-gone' })
    const links = checkIntegrity(r).filter((f) => f.kind === 'linkWithoutEnds')
    expect(links.map((f) => [f.id, f.related])).toEqual([
      ['l1', ['e1']],
      ['l2', ['e1', 'p-gone']]
    ])
  })

  it('finds tags missing from passages, a tag whose parent is gone, and a loop of parents', () => {
    const r = consistent()
    r.tags = [
      { id: 't2', name: 'Ministres', parentId: 't1' },
      { id: 't3', name: 'A', parentId: 't4' },
      { id: 't4', name: 'B', parentId: 't5' },
      { id: 't5', name: 'C', parentId: 't3' },
      { id: 't6', name: 'Sous C', parentId: 't5' }
    ]
    const found = checkIntegrity(r)
    expect(
      found.filter((f) => f.kind === 'passageMissingTags').map((f) => [f.id, f.related])
    ).toEqual([
      ['p1', ['t1']],
      ['p2', ['t1']]
    ])
    expect(
      found.filter((f) => f.kind === 'tagMissingParent').map((f) => [f.label, f.related])
    ).toEqual([['Ministres', ['t1']]])
    // One loop, reported once, on its smallest id: making t3 top-level breaks it.
    expect(
      found.filter((f) => f.kind === 'tagParentCycle').map((f) => [f.id, f.related.sort()])
    ).toEqual([['t3', ['t4', 't5']]])
  })

  it('lists a dossier naming gone records and two articles with the same text, without repairing', () => {
    const r = consistent()
    r.dossiers[0]!.scope = { eventIds: ['e9'], tagIds: ['t9'], articleIds: [], passageIds: ['p9'] }
    r.articles.push({ id: 'a3', title: 'Copie', sha256: 'h1' })
    r.textIds.push('a3')
    const found = checkIntegrity(r)
    expect(found.map((f) => [f.kind, f.id, f.related, f.repairable])).toEqual([
      ['duplicateText', 'a3', ['a1'], false],
      ['dossierMissingRecords', 'd1', ['e9', 't9', 'p9'], false]
    ])
    expect(countFindings(found)).toEqual({ duplicateText: 1, dossierMissingRecords: 1 })
  })

  it('gives the same findings fed page by page in any order as all at once', () => {
    const r = consistent()
    r.articles = r.articles.filter((a) => a.id !== 'a2')
    r.tags = r.tags.filter((t) => t.id !== 't1')
    const scanner = new IntegrityScanner()
    scanner.addDossiers(r.dossiers)
    scanner.addLinks(r.links)
    for (const p of r.passages) scanner.addPassages([p])
    scanner.addEventIds(r.eventIds)
    scanner.addTags(r.tags)
    for (const id of r.textIds) scanner.addTextIds([id])
    scanner.addArticles(r.articles)
    expect(scanner.findings()).toEqual(checkIntegrity(r))
  })
})

describe('repairPlan', () => {
  it('repairs the repairable findings, and deletes articles without text only when asked', () => {
    const r = consistent()
    r.textIds = ['a2', 'x']
    r.passages.push({ id: 'p3', articleId: 'gone', tagIds: [] })
    r.passages[1]!.tagIds = ['t1', 'gone-tag']
    r.tags[1]!.parentId = 'gone-parent'
    r.links.push({ id: 'l2', eventId: 'gone-event', passageId: 'p1' })
    const found = checkIntegrity(r)
    const plan = repairPlan(found)
    expect(plan).toEqual({
      deleteArticles: [],
      deleteTexts: ['x'],
      deletePassages: ['p3'],
      deleteLinks: ['l2'],
      removeTags: new Map([['p2', ['gone-tag']]]),
      makeTopLevel: ['t2']
    })
    expect(repairPlan(found, { deleteArticles: true }).deleteArticles).toEqual(['a1'])
  })
})

/** A generated consistent archive, then records removed at random: the check names exactly the
 * records that point at a removed one. */
describe('generated damaged archives', () => {
  const ids = (prefix: string, n: number): string[] =>
    Array.from({ length: n }, (_, i) => `${prefix}${i}`)

  const archiveArb = fc
    .record({
      articles: fc.integer({ min: 1, max: 12 }),
      tags: fc.integer({ min: 1, max: 8 }),
      events: fc.integer({ min: 1, max: 6 }),
      seed: fc.array(fc.nat(), { minLength: 60, maxLength: 60 })
    })
    .map(({ articles, tags, events, seed }) => {
      let i = 0
      const pick = <T>(list: readonly T[]): T => list[seed[i++ % seed.length]! % list.length]!
      const articleIds = ids('a', articles)
      const tagIds = ids('t', tags)
      const eventIds = ids('e', events)
      const passages = ids('p', articles * 2).map((id) => ({
        id,
        articleId: pick(articleIds),
        tagIds: [pick(tagIds)]
      }))
      const records: Records = {
        articles: articleIds.map((id) => ({ id, title: id, sha256: `h-${id}` })),
        textIds: [...articleIds],
        passages,
        tags: tagIds.map((id, k) => ({ id, name: id, parentId: k > 0 ? tagIds[k - 1]! : null })),
        eventIds,
        links: ids('l', passages.length).map((id) => ({
          id,
          eventId: pick(eventIds),
          passageId: pick(passages).id
        })),
        dossiers: []
      }
      return records
    })

  it('a generated archive is consistent; removing records is found on exactly what hung on them', () => {
    fc.assert(
      fc.property(
        archiveArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        (records, removals) => {
          expect(checkIntegrity(records)).toEqual([])
          const damaged: Records = structuredClone(records)
          const gone = {
            articles: new Set<string>(),
            texts: new Set<string>(),
            tags: new Set<string>(),
            events: new Set<string>(),
            passages: new Set<string>()
          }
          removals.forEach((n, k) => {
            const table = k % 5
            if (table === 0) gone.articles.add(`a${n % records.articles.length}`)
            if (table === 1) gone.texts.add(`a${n % records.articles.length}`)
            if (table === 2) gone.tags.add(`t${n % records.tags.length}`)
            if (table === 3) gone.events.add(`e${n % records.eventIds.length}`)
            if (table === 4) gone.passages.add(`p${n % records.passages.length}`)
          })
          damaged.articles = damaged.articles.filter((a) => !gone.articles.has(a.id))
          damaged.textIds = damaged.textIds.filter((id) => !gone.texts.has(id))
          damaged.tags = damaged.tags.filter((t) => !gone.tags.has(t.id))
          damaged.eventIds = damaged.eventIds.filter((id) => !gone.events.has(id))
          damaged.passages = damaged.passages.filter((p) => !gone.passages.has(p.id))
          const found = checkIntegrity(damaged)
          const of = (kind: string): string[] =>
            found
              .filter((f) => f.kind === kind)
              .map((f) => f.id)
              .sort()
          const liveArticle = (id: string): boolean => !gone.articles.has(id)
          expect(of('articleWithoutText')).toEqual([...gone.texts].filter(liveArticle).sort())
          expect(of('textWithoutArticle')).toEqual(
            [...gone.articles].filter((id) => !gone.texts.has(id)).sort()
          )
          const orphanPassages = damaged.passages.filter((p) => gone.articles.has(p.articleId))
          expect(of('passageWithoutArticle')).toEqual(orphanPassages.map((p) => p.id).sort())
          const livePassages = new Set(
            damaged.passages.filter((p) => !gone.articles.has(p.articleId)).map((p) => p.id)
          )
          expect(of('linkWithoutEnds')).toEqual(
            damaged.links
              .filter((l) => gone.events.has(l.eventId) || !livePassages.has(l.passageId))
              .map((l) => l.id)
              .sort()
          )
          expect(of('passageMissingTags')).toEqual(
            damaged.passages
              .filter((p) => livePassages.has(p.id) && p.tagIds.some((t) => gone.tags.has(t)))
              .map((p) => p.id)
              .sort()
          )
          expect(of('tagMissingParent')).toEqual(
            damaged.tags
              .filter((t) => t.parentId && gone.tags.has(t.parentId))
              .map((t) => t.id)
              .sort()
          )
        }
      ),
      { numRuns: 300 }
    )
  })
})
