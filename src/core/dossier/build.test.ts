// The dossier model on the sample archive: scope narrowing, grouping orders, citations numbered in
// reading order, corroboration per event, orphans quoted from what was stored, appendix marks.
import { describe, expect, it } from 'vitest'
import { buildDossier, EMPTY_SCOPE, normalizeSections } from './build'
import {
  englishLabels,
  frenchLabels,
  sampleDocument,
  sampleDossier,
  sampleSnapshot
} from '../../../test/dossier/test-fixture'

describe('buildDossier', () => {
  it('gathers every passage of the archive by default, with its current words and citation', async () => {
    const doc = await sampleDocument()
    expect(doc.quotes).toHaveLength(7)
    const clinton = doc.quotes.find((q) => q.passage.id === 'p-clinton')!
    expect(clinton.text).toBe('Hillary Clinton, la candidate démocrate')
    expect(clinton.before.length).toBeGreaterThan(0)
    expect(clinton.tags.map((t) => t.path)).toEqual(['Acteurs', 'Demandes'])
    expect(clinton.citation.number).toBeGreaterThan(0)
    expect(clinton.locator).toBe('liasse:passage/p-clinton')
  })

  it('quotes an orphaned passage from its stored words and gives it no span', async () => {
    const doc = await sampleDocument()
    const orphan = doc.quotes.find((q) => q.passage.id === 'p-orphan')!
    expect(orphan.span).toBeNull()
    expect(orphan.text).toBe('des mots qui ne sont plus là')
  })

  it('orders by timeline: one group per event by date, undated event last, unlinked passages after', async () => {
    const doc = await sampleDocument()
    expect(doc.groups.map((g) => g.key)).toEqual([
      'event:e-campaign',
      'event:e-oct3',
      'event:e-atlantic',
      'event:e-undated',
      'unlinked'
    ])
    expect(doc.groups[0]!.detail).toBe('about September 2016 – July 2017')
    expect(doc.groups.at(-1)!.quotes.map((q) => q.passage.id)).toEqual(['p-orphan'])
    // Citations are numbered in the order the reader meets them: the first group's first.
    const first = doc.groups[0]!.quotes[0]!
    expect(first.citation.number).toBe(1)
    expect(doc.citations.map((c) => c.number)).toEqual([1, 2, 3, 4, 5])
  })

  it('orders by tag along the codebook, children under their parent, untagged last', async () => {
    const doc = await sampleDocument({ order: 'tag' })
    expect(doc.groups.map((g) => g.heading)).toEqual([
      'Acteurs',
      'Acteurs › WikiLeaks',
      'Demandes',
      'Untagged passages'
    ])
  })

  it('orders by source: one group per article in publication order', async () => {
    const doc = await sampleDocument({ order: 'source' })
    expect(doc.groups).toHaveLength(5)
    expect(doc.groups.every((g) => g.key.startsWith('source:'))).toBe(true)
  })

  it('counts independent sources per event and flags single-source events', async () => {
    const doc = await sampleDocument()
    const atlantic = doc.events.find((e) => e.event.id === 'e-atlantic')!
    const oct3 = doc.events.find((e) => e.event.id === 'e-oct3')!
    const campaign = doc.events.find((e) => e.event.id === 'e-campaign')!
    expect(atlantic.supporting).toBe(2)
    expect(atlantic.singleSource).toBe(false)
    expect(oct3.singleSource).toBe(true)
    expect(campaign.contradicting).toBe(1)
    expect(doc.matrix?.rows).toHaveLength(4)
  })

  it('heads the matrix column of an article without outlet as an unknown outlet, with its title', async () => {
    const snapshot = await sampleSnapshot()
    const doc = await sampleDocument()
    const columns = doc.matrix?.columns ?? []
    expect(columns.length).toBeGreaterThan(1)
    const byId = new Map(snapshot.articles.map((a) => [a.id, a]))
    const outlets = new Set(snapshot.articles.map((a) => a.outlet.trim()).filter(Boolean))
    for (const column of columns) {
      if (column.key.startsWith('article:')) {
        const article = byId.get(column.key.slice('article:'.length))
        expect(article?.outlet.trim()).toBe('')
        expect(column.label).toBe(`Unknown outlet — ${article?.title ?? ''}`)
      } else {
        expect(outlets.has(column.label), column.label).toBe(true)
      }
    }
    expect(columns.some((c) => c.label.startsWith('Unknown outlet — '))).toBe(true)
    expect(columns.some((c) => !c.label.startsWith('Unknown outlet'))).toBe(true)
  })

  it('narrows by tag (children included), by event, by outlet, by hand-picked list', async () => {
    const snapshot = await sampleSnapshot()
    const labels = englishLabels()
    const build = (scope: Partial<typeof EMPTY_SCOPE>) =>
      buildDossier(sampleDossier({ scope: { ...EMPTY_SCOPE, ...scope } }), snapshot, {
        labels,
        now: '2026-01-01T00:00:00.000Z'
      })
        .quotes.map((q) => q.passage.id)
        .sort()
    expect(build({ tagIds: ['t-actors'] })).toEqual([
      'p-atlantic3',
      'p-clinton',
      'p-father',
      'p-orphan',
      'p-son'
    ])
    expect(build({ eventIds: ['e-atlantic'] })).toEqual(['p-atlantic3', 'p-atlantic5'])
    expect(build({ tagIds: ['t-actors'], eventIds: ['e-atlantic'] })).toEqual(['p-atlantic3'])
    expect(build({ passageIds: ['p-son', 'p-oct3'], tagIds: ['t-requests'] })).toEqual([
      'p-oct3',
      'p-son'
    ])
    expect(build({ articleIds: ['article-1'] })).toEqual(['p-clinton', 'p-father', 'p-orphan'])
    // A saved search narrows to the passages it found, with the other criteria.
    const search = { name: 'WikiLeaks', text: 'wikileaks', filter: {} }
    expect(build({ search: { ...search, passageIds: ['p-son', 'p-clinton'] } })).toEqual([
      'p-clinton',
      'p-son'
    ])
    expect(
      build({
        search: { ...search, passageIds: ['p-son', 'p-clinton'] },
        articleIds: ['article-1']
      })
    ).toEqual(['p-clinton'])
    expect(build({ search: { ...search, passageIds: [] } })).toEqual([])
    const outlet = snapshot.articles.find((a) => a.id === 'article-2')!.outlet
    if (outlet) expect(build({ outlets: [outlet.toUpperCase()] })).toContain('p-son')
  })

  it('marks the cited passages in the appendix texts', async () => {
    const doc = await sampleDocument()
    expect(doc.appendix).toHaveLength(5)
    const first = doc.appendix.find((a) => a.citation.articleId === 'article-1')!
    expect(first.marks.map((m) => first.text.slice(m.start, m.end))).toEqual(
      [
        'Hillary Clinton, la candidate démocrate',
        "Quand ce n'est pas le père, c'est le fils."
      ].sort((a, b) => first.text.indexOf(a) - first.text.indexOf(b))
    )
    expect(first.paragraphs.length).toBeGreaterThan(3)
  })

  it('keeps every section once, whatever order was saved', () => {
    expect(normalizeSections(['matrix', 'passages', 'matrix', 'bogus'])).toEqual([
      'matrix',
      'passages',
      'introduction',
      'timeline',
      'appendix'
    ])
  })

  it('writes French labels in a French dossier', () => {
    const labels = frenchLabels()
    expect(labels.supporting(1)).toBe('1 source indépendante')
    expect(labels.supporting(3)).toBe('3 sources indépendantes')
    expect(
      labels.formatEventDate({ start: '2016-10', precision: 'month', approximate: false })
    ).toBe('octobre 2016')
  })
})
