// Library filtering and sorting as a user meets them: accents ignored, unknown values last.
import { describe, expect, it } from 'vitest'
import type { Article } from './article'
import { filterArticles, sortArticles } from './library-view'

function article(over: Partial<Article>): Article {
  return {
    id: over.title ?? 'x',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    importedAt: '2026-01-01T00:00:00Z',
    title: 'Sans titre',
    outlet: '',
    author: '',
    published: null,
    language: 'fr',
    sourceName: 'a.txt',
    sourceFormat: 'txt',
    sha256: 'h',
    textLength: 1,
    paragraphCount: 1,
    ...over
  }
}

const a = article({
  title: 'Les échanges de Trump Jr',
  outlet: 'RTS',
  published: { value: '2017-11-14', precision: 'day', qualifier: 'stated' }
})
const b = article({
  title: 'WikiLeaks et la campagne',
  published: { value: '2017-11', precision: 'month', qualifier: 'stated' }
})
const c = article({ title: 'Assange ambassadeur', outlet: 'Business Insider France' })

describe('filterArticles', () => {
  it('finds words regardless of accents and case, in any field', () => {
    expect(filterArticles([a, b, c], 'ECHANGES').map((x) => x.title)).toEqual([a.title])
    expect(filterArticles([a, b, c], 'business assange').map((x) => x.title)).toEqual([c.title])
    expect(filterArticles([a, b, c], '2017-11')).toHaveLength(2)
    expect(filterArticles([a, b, c], '  ')).toHaveLength(3)
  })
})

describe('sortArticles', () => {
  it('sorts by date with mixed precision, unknown dates last in both directions', () => {
    const asc = sortArticles([c, a, b], { column: 'published', direction: 'ascending' })
    expect(asc.map((x) => x.title)).toEqual([b.title, a.title, c.title])
    const desc = sortArticles([c, a, b], { column: 'published', direction: 'descending' })
    expect(desc.map((x) => x.title)).toEqual([a.title, b.title, c.title])
  })

  it('sorts outlets alphabetically with unknown outlets last', () => {
    const asc = sortArticles([a, b, c], { column: 'outlet', direction: 'ascending' })
    expect(asc.map((x) => x.outlet)).toEqual(['Business Insider France', 'RTS', ''])
    const desc = sortArticles([a, b, c], { column: 'outlet', direction: 'descending' })
    expect(desc.map((x) => x.outlet)).toEqual(['RTS', 'Business Insider France', ''])
  })
})
