import { describe, expect, it } from 'vitest'
import type { SearchKind } from './documents'
import { FacetColumns, emptyCounts, type DocFacets, type FacetFilter } from './facets'

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = Math.imul(state ^ (state >>> 15), 1 | state)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

function pad(date: string, end: boolean): string {
  if (date.length === 4) return `${date}-${end ? '12-31' : '01-01'}`
  if (date.length === 7) return `${date}-${end ? '31' : '01'}`
  return date
}

/** The rule written plainly, document by document: what the columns must give. */
function passes(f: DocFacets, filter: FacetFilter, skip?: string): boolean {
  const any = (values: readonly string[] | undefined, has: (value: string) => boolean) =>
    !values || values.length === 0 || values.some(has)
  if (skip !== 'kinds' && !any(filter.kinds, (kind) => f.kind === kind)) return false
  if (skip !== 'tags' && !any(filter.tagIds, (tag) => f.tagIds.has(tag))) return false
  if (skip !== 'events' && !any(filter.eventIds, (event) => f.eventIds.has(event))) return false
  if (skip !== 'outlets' && !any(filter.outlets, (outlet) => f.outlet === outlet)) return false
  if (skip !== 'languages' && !any(filter.languages, (lang) => f.language === lang)) return false
  if (skip !== 'annotated' && filter.annotated !== undefined && f.annotated !== filter.annotated)
    return false
  if (skip !== 'dates' && (filter.from || filter.to)) {
    if (!f.published) return false
    if (filter.from && pad(f.published, true) < pad(filter.from, false)) return false
    if (filter.to && pad(f.published, false) > pad(filter.to, true)) return false
  }
  return true
}

function reference(docs: DocFacets[], filter: FacetFilter) {
  const counts = emptyCounts()
  const add = (record: Record<string, number>, key: string) =>
    (record[key] = (record[key] ?? 0) + 1)
  const passing: number[] = []
  docs.forEach((f, i) => {
    if (passes(f, filter)) passing.push(i)
    if (passes(f, filter, 'kinds')) add(counts.kinds, f.kind)
    if (passes(f, filter, 'tags')) for (const tag of f.tagIds) add(counts.tags, tag)
    if (passes(f, filter, 'events')) for (const event of f.eventIds) add(counts.events, event)
    if (f.kind !== 'article' && f.kind !== 'passage') return
    if (passes(f, filter, 'outlets')) add(counts.outlets, f.outlet ?? '')
    if (passes(f, filter, 'languages')) add(counts.languages, f.language ?? 'und')
    if (f.published && passes(f, filter, 'dates')) add(counts.years, f.published.slice(0, 4))
    if (passes(f, filter, 'annotated')) counts.annotated[f.annotated ? 'yes' : 'no']++
  })
  return { counts, passing }
}

describe('facet columns', () => {
  it('count as the rule says, document by document, for any choice', () => {
    const next = random(11)
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!
    const some = (values: readonly string[]) => new Set(values.filter(() => next() < 0.2))
    const kinds: SearchKind[] = ['article', 'passage', 'event', 'tag']
    const outlets = [undefined, '', 'Le Monde', 'Reuters', 'AFP']
    const languages = [undefined, 'fr', 'en', 'und']
    const dates = [undefined, null, '', '2016', '2017-03', '2017-11-14', '2018-01-02']
    const tags = ['t1', 't2', 't3', 't4']
    const events = ['e1', 'e2', 'e3']
    const columns = new FacetColumns()
    const docs: DocFacets[] = []
    // Numbers from 1, some replaced, some removed (never among the hits).
    for (let n = 1; n <= 3000; n++) {
      const kind = pick(kinds)
      const articleLike = kind === 'article' || kind === 'passage'
      const facets: DocFacets = {
        kind,
        outlet: articleLike ? pick(outlets) : undefined,
        language: articleLike ? pick(languages) : undefined,
        published: articleLike ? pick(dates) : undefined,
        tagIds: next() < 0.3 ? some(tags) : new Set(),
        eventIds: next() < 0.3 ? some(events) : new Set(),
        annotated: articleLike ? kind === 'passage' || next() < 0.5 : undefined
      }
      if (next() < 0.1) columns.set(n, { ...facets, kind: 'tag', tagIds: new Set(['t9']) })
      columns.set(n, facets)
      docs.push(facets)
    }
    const hits = Int32Array.from(docs.keys(), (i) => i + 1)
    const filters: FacetFilter[] = [{}, { kinds: [] }, { from: '' }]
    for (let k = 0; k < 200; k++) {
      const filter: FacetFilter = {}
      if (next() < 0.3) filter.kinds = kinds.filter(() => next() < 0.4)
      if (next() < 0.3)
        filter.outlets = ['', 'Le Monde', 'Reuters', 'Nowhere'].filter(() => next() < 0.4)
      if (next() < 0.3) filter.languages = ['fr', 'en', 'und'].filter(() => next() < 0.4)
      if (next() < 0.3) filter.tagIds = [...tags, 't9', 'tx'].filter(() => next() < 0.3)
      if (next() < 0.3) filter.eventIds = [...events, 'ex'].filter(() => next() < 0.4)
      if (next() < 0.2) filter.annotated = next() < 0.5
      if (next() < 0.2) filter.from = pick(['2016', '2017-04', '2017-11-14'])
      if (next() < 0.2) filter.to = pick(['2016-12', '2017', '2017-11-14'])
      filters.push(filter)
    }
    for (const filter of filters) {
      const passing = new Int32Array(hits.length)
      const { counts, passed } = columns.count(hits, hits.length, filter, passing)
      const expected = reference(docs, filter)
      expect(counts, JSON.stringify(filter)).toEqual(expected.counts)
      expect([...passing.subarray(0, passed)]).toEqual(expected.passing)
    }
  })

  it('forget a removed document', () => {
    const columns = new FacetColumns()
    const tagged = { kind: 'tag' as const, tagIds: new Set(['t1']), eventIds: new Set<string>() }
    columns.set(1, tagged)
    columns.set(2, tagged)
    columns.clear(1)
    expect([...columns.tagged()]).toEqual([2])
    expect(columns.kindOf(2)).toBe('tag')
  })
})
