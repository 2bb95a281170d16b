// Library filtering and sorting as a user meets them: accents ignored, unknown values last.
import { describe, expect, it } from 'vitest'
import type { Article } from './article'
import { syntheticArticles } from '../../../bench/synthetic/archive'
import {
  filterArticles,
  foldForSearch,
  haystackOf,
  LibraryIndex,
  sortArticles,
  sortKey,
  type LibraryColumn,
  type LibrarySort
} from './library-view'
import { compareDates } from './published-date'

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

describe('foldForSearch', () => {
  it('folds ASCII and accented text alike', () => {
    expect(foldForSearch('Le MONDE 2017')).toBe('le monde 2017')
    expect(foldForSearch('Échanges ŒUVRE naïf')).toBe('echanges œuvre naif')
    expect(haystackOf(a)).toBe('les echanges de trump jr rts  fr a.txt 2017-11-14')
  })
})

describe('sortKey', () => {
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })
  const byKey = (a: string, b: string): number => {
    const x = sortKey(a)
    const y = sortKey(b)
    return x < y ? -1 : x > y ? 1 : 0
  }

  it('orders as the collator does: accents, case, punctuation, numbers', () => {
    const titles = [
      'WikiLeaks : les échanges très embarrassants de Donald Trump Jr',
      'WikiLeaks, le site anti-confidentialité',
      "C'est une révélation",
      'Des échanges secrets',
      'des echanges publics',
      'Élection à Paris',
      'election en Bretagne',
      'Article 10',
      'Article 2',
      'Article 2 bis',
      '2017 : une année',
      '« Nous irons jusqu’au bout »',
      'Œuvres complètes',
      'Oeuvre inachevée',
      'Zoé Lemaire entendue',
      'zèbre',
      'L’Humanité',
      "L'Express",
      'La Croix',
      'Le Monde',
      'Reuters',
      'A B',
      'A-B',
      'AB'
    ]
    const expected = [...titles].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : 1))
    const actual = [...titles].sort((a, b) => byKey(a, b) || (a < b ? -1 : 1))
    expect(actual).toEqual(expected)
  })

  it('is empty only for an empty text', () => {
    expect(sortKey('')).toBe('')
    expect(sortKey('…')).not.toBe('')
  })
})

describe('LibraryIndex', () => {
  // The order sortArticles used to compute with Intl.Collator inside the sort: the reference.
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
  function referenceSort(articles: Article[], sort: LibrarySort): Article[] {
    const sign = sort.direction === 'ascending' ? 1 : -1
    const text = (x: string, y: string): number =>
      !x || !y ? (x ? -1 : y ? 1 : 0) : collator.compare(x, y)
    const compare = (a: Article, b: Article): number => {
      if (sort.column === 'published') {
        if (!a.published || !b.published) return compareDates(a.published, b.published)
        return sign * compareDates(a.published, b.published)
      }
      if (sort.column === 'importedAt') return sign * a.importedAt.localeCompare(b.importedAt)
      const x = a[sort.column]
      const y = b[sort.column]
      return !x || !y ? text(x, y) : sign * text(x, y)
    }
    return [...articles].sort((a, b) => compare(a, b) || collator.compare(a.title, b.title))
  }

  const { articles } = syntheticArticles(0, 1500)
  const index = new LibraryIndex(articles)
  const columns: LibraryColumn[] = ['title', 'outlet', 'published', 'language', 'importedAt']

  it('sorts every column both ways as the collator-based sort did', () => {
    // Ties broken by title alike; what remains tied (same title) may come in any order.
    const signature = (a: Article, column: LibraryColumn): string =>
      `${column === 'published' ? JSON.stringify(a.published) : a[column]}|${a.title}`
    for (const column of columns) {
      for (const direction of ['ascending', 'descending'] as const) {
        const sort = { column, direction }
        const ours = Array.from(index.order(sort), (i) => signature(articles[i]!, column))
        const reference = referenceSort(articles, sort).map((a) => signature(a, column))
        expect(ours, `${column} ${direction}`).toEqual(reference)
      }
    }
  })

  it('filters as filterArticles does, narrowing as the query grows', () => {
    for (const query of [
      '',
      'le',
      'le m',
      'le monde',
      'lemonde',
      'REUTERS',
      'elections 2017',
      'zz'
    ]) {
      const ours = Array.from(index.view(query, { column: 'importedAt', direction: 'ascending' }))
      const reference = filterArticles(articles, query)
        .map((a) => articles.indexOf(a))
        .sort((a, b) => articles[a]!.importedAt.localeCompare(articles[b]!.importedAt))
      expect(ours, query).toEqual(reference)
    }
  })

  it('follows a list that grows while it is read, as an index built on the whole list', () => {
    const growing: Article[] = articles.slice(0, 200)
    const live = new LibraryIndex(growing)
    const whole = new LibraryIndex(articles)
    const sorts: LibrarySort[] = columns.flatMap((column) => [
      { column, direction: 'ascending' as const },
      { column, direction: 'descending' as const }
    ])
    // Typed before the rest arrives: answers over the first rows, then extends as chunks land.
    for (const query of ['m', 'mo', 'le monde', 'reuters', 'zz']) {
      for (const sort of sorts) {
        const first = live.view(query, sort)
        const reference = Array.from(whole.view(query, sort)).filter((p) => p < 200)
        expect(Array.from(first), `${query} ${sort.column}`).toEqual(reference)
      }
    }
    for (let at = 200; at < articles.length; at += 400) {
      growing.push(...articles.slice(at, at + 400))
      expect(live.warm()).toBe(true)
      for (const query of ['le monde', 'le m', 'reuters exclusive', '']) {
        const sort = sorts[Math.floor(at / 400) % sorts.length]!
        const size = growing.length
        const reference = Array.from(whole.view(query, sort)).filter((p) => p < size)
        expect(Array.from(live.view(query, sort)), `${query} at ${size}`).toEqual(reference)
      }
    }
  })

  it('shows only the first rows without a query, while the rest is read', () => {
    const live = new LibraryIndex(articles)
    const sort: LibrarySort = { column: 'published', direction: 'descending' }
    const first = Array.from(live.view('', sort, 100))
    expect(first).toHaveLength(100)
    expect(first).toEqual(Array.from(live.order(sort)).filter((p) => p < 100))
    expect(live.view('monde', sort, 100).length).toBe(filterArticles(articles, 'monde').length)
  })

  it('sorts a few matches directly in the order of the whole column', () => {
    for (const sort of columns.map((column) => ({ column, direction: 'descending' as const }))) {
      const fresh = new LibraryIndex(articles)
      // Few matches: sorted by themselves, before any order of the whole column exists.
      const few = Array.from(fresh.view('reuters exclusive', sort))
      expect(few.length).toBeGreaterThan(1)
      expect(fresh.hasOrder(sort)).toBe(false)
      const reference = Array.from(index.order(sort)).filter((p) => few.includes(p))
      expect(few, sort.column).toEqual(reference)
    }
  })

  it('prepares the filter a slice at a time', () => {
    const fresh = new LibraryIndex(articles)
    expect(fresh.warm(1000)).toBe(false)
    expect(fresh.warm(1000)).toBe(true)
    expect(fresh.view('monde', { column: 'title', direction: 'ascending' }).length).toBe(
      filterArticles(articles, 'monde').length
    )
  })
})
