// What the library list shows: articles filtered by a free-text query and sorted by a column.
// Kept pure so that the rules (accents ignored, unknown values last) are tested in Node.
import type { Article, PublishedDate } from './article'

export type LibraryColumn = 'title' | 'outlet' | 'published' | 'language' | 'importedAt'
export interface LibrarySort {
  column: LibraryColumn
  direction: 'ascending' | 'descending'
}

/** Lower case without diacritics, so that "echanges" finds "échanges". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

/** The fields the filter looks at, folded once: what `filterArticles` matches words against. */
function haystackOf(article: Article, fold: (text: string) => string): string {
  return [
    fold(article.title),
    fold(article.outlet),
    fold(article.author),
    fold(article.language),
    fold(article.sourceName),
    article.published?.value ?? ''
  ].join(' ')
}

function queryWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean)
}

/** Every word of the query must appear in the title, outlet, author, language, file name or date. */
export function filterArticles(articles: readonly Article[], query: string): Article[] {
  const words = queryWords(query)
  if (words.length === 0) return [...articles]
  return articles.filter((article) => {
    const haystack = haystackOf(article, foldForSearch)
    return words.every((word) => haystack.includes(word))
  })
}

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l' }
/** Punctuation in the order of the Unicode collation (CLDR root), all before digits and letters. */
const PUNCTUATION = '_-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$'
const TYPOGRAPHIC: Record<string, string> = {
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '.'
}

function punctuationWeight(c: string): string {
  const at = PUNCTUATION.indexOf(TYPOGRAPHIC[c] ?? c)
  return String.fromCharCode(2 + (at < 0 ? PUNCTUATION.length : at))
}

/**
 * A key that orders titles and outlets as Intl.Collator (base sensitivity, numeric) does, but
 * compared with plain `<`: case and accents ignored, ligatures spelt out, spaces before
 * punctuation before digits before letters, numbers by value ("Article 2" before "Article 10").
 * Computed once per article, so that sorting 100,000 articles compares strings instead of
 * calling the collator 1.7 million times. Empty only for an empty text.
 */
export function sortKey(text: string): string {
  if (!text) return ''
  const key = foldForSearch(text)
    .trim()
    .replace(/[œæßøđł]/g, (c) => LIGATURES[c] ?? c)
    .replace(/\s+/g, '\u0001')
    // eslint-disable-next-line no-control-regex -- U+0001 is the key's own weight for a space
    .replace(/[^\p{L}\p{N}\u0001]/gu, punctuationWeight)
    .replace(/\d+/g, (digits) => {
      const value = digits.replace(/^0+(?=\d)/, '')
      // A length prefix makes longer numbers sort after shorter ones.
      return String.fromCharCode(0x30 + Math.min(value.length, 40)) + value
    })
  return key || '\u0001'
}

/** Orders dates of mixed precision as compareDates does: first day, then coarser first. */
export function publishedSortKey(date: PublishedDate | null): string {
  if (!date) return ''
  return (date.value + '-01-01').slice(0, 10) + String.fromCharCode(0x30 + date.value.length)
}

function keyOf(article: Article, column: LibraryColumn, fold: (text: string) => string): string {
  switch (column) {
    case 'published':
      return publishedSortKey(article.published)
    case 'importedAt':
      return article.importedAt
    case 'language':
      return article.language
    default:
      return fold(article[column])
  }
}

/** One column's ascending order, with where each run of equal keys starts. */
interface ColumnOrder {
  /** Positions, known values first in ascending key order (ties by title), unknown values last. */
  ascending: Int32Array
  /** How many positions have a known (non-empty) value: they come first. */
  known: number
  /** 1 where the key differs from the previous position's. */
  runStart: Uint8Array
  descending?: Int32Array
}

/**
 * The library's sort and filter structures over one list of articles, built once per list (the
 * store replaces the array on every change) and lazily: sort keys and orders on the first use of
 * a column, folded haystacks on the first filter (or ahead of it with `warm`). A sort is then a
 * cached order, a filter one pass over the haystacks, and the view one pass over the order.
 */
export class LibraryIndex {
  private readonly orders = new Map<LibraryColumn, ColumnOrder>()
  private titleKeys: string[] | null = null
  private haystacks: string[] = []
  /** Folds of values that repeat (outlets, authors, languages): folded once each. */
  private readonly folded = new Map<string, string>()
  private lastQuery = ''
  private lastMatches: Uint8Array | null = null

  constructor(readonly articles: readonly Article[]) {}

  get size(): number {
    return this.articles.length
  }

  private foldCached = (text: string): string => {
    if (text.length > 40) return foldForSearch(text)
    let value = this.folded.get(text)
    if (value === undefined) {
      value = foldForSearch(text)
      this.folded.set(text, value)
    }
    return value
  }

  private titles(): string[] {
    this.titleKeys ??= this.articles.map((a) => sortKey(a.title))
    return this.titleKeys
  }

  private columnOrder(column: LibraryColumn): ColumnOrder {
    const cached = this.orders.get(column)
    if (cached) return cached
    const n = this.articles.length
    const titles = this.titles()
    const keys =
      column === 'title'
        ? titles
        : column === 'outlet'
          ? this.articles.map((a) => this.sortKeyCached(a.outlet))
          : this.articles.map((a) => keyOf(a, column, sortKey))
    const positions = Array.from({ length: n }, (_, i) => i)
    positions.sort((x, y) => {
      const a = keys[x]!
      const b = keys[y]!
      if (a !== b) {
        // Unknown (empty) values last.
        if (!a) return 1
        if (!b) return -1
        return a < b ? -1 : 1
      }
      const ta = titles[x]!
      const tb = titles[y]!
      return ta < tb ? -1 : ta > tb ? 1 : x - y
    })
    const ascending = Int32Array.from(positions)
    const runStart = new Uint8Array(n)
    let known = 0
    for (let k = 0; k < n; k++) {
      const key = keys[ascending[k]!]!
      if (key) known = k + 1
      runStart[k] = k === 0 || key !== keys[ascending[k - 1]!] ? 1 : 0
    }
    const order: ColumnOrder = { ascending, known, runStart }
    this.orders.set(column, order)
    return order
  }

  private readonly sortKeys = new Map<string, string>()
  private sortKeyCached(text: string): string {
    let key = this.sortKeys.get(text)
    if (key === undefined) {
      key = sortKey(text)
      this.sortKeys.set(text, key)
    }
    return key
  }

  /**
   * Positions of the articles in the order of `sort`. Descending reverses the runs of equal
   * keys but keeps ties by title ascending, and unknown values stay last, as in `sortArticles`.
   */
  order(sort: LibrarySort): Int32Array {
    const order = this.columnOrder(sort.column)
    if (sort.direction === 'ascending') return order.ascending
    if (order.descending) return order.descending
    const { ascending, known, runStart } = order
    const out = new Int32Array(ascending.length)
    let at = 0
    let end = known
    for (let k = known - 1; k >= 0; k--) {
      if (!runStart[k]) continue
      out.set(ascending.subarray(k, end), at)
      at += end - k
      end = k
    }
    out.set(ascending.subarray(known), at)
    order.descending = out
    return out
  }

  /**
   * Folds the haystacks of up to `count` more articles (the filter needs all of them); true when
   * all are done. Lets the view prepare the filter in idle time, a slice at a time.
   */
  warm(count = Infinity): boolean {
    const { articles, haystacks } = this
    const to = Math.min(articles.length, haystacks.length + count)
    for (let i = haystacks.length; i < to; i++)
      haystacks.push(haystackOf(articles[i]!, this.foldCached))
    return haystacks.length === articles.length
  }

  /** 1 for each article that matches every word of the query; null when the query is empty. */
  matches(query: string): Uint8Array | null {
    const words = queryWords(query)
    if (words.length === 0) return null
    const normalized = words.join(' ')
    if (normalized === this.lastQuery && this.lastMatches) return this.lastMatches
    this.warm()
    const n = this.articles.length
    const mask = new Uint8Array(n)
    // Typing extends the query: only the previous matches can still match.
    const previous =
      this.lastMatches && this.lastQuery && normalized.startsWith(this.lastQuery)
        ? this.lastMatches
        : null
    for (let i = 0; i < n; i++) {
      if (previous && !previous[i]) continue
      const haystack = this.haystacks[i]!
      let all = 1
      for (const word of words) {
        if (!haystack.includes(word)) {
          all = 0
          break
        }
      }
      mask[i] = all
    }
    this.lastQuery = normalized
    this.lastMatches = mask
    return mask
  }

  /** The rows to show: positions into `articles`, filtered by `query`, in the order of `sort`. */
  view(query: string, sort: LibrarySort): Int32Array {
    const order = this.order(sort)
    const mask = this.matches(query)
    if (!mask) return order
    let count = 0
    for (let i = 0; i < mask.length; i++) count += mask[i]!
    const out = new Int32Array(count)
    let at = 0
    for (let k = 0; k < order.length; k++) {
      const position = order[k]!
      if (mask[position]) out[at++] = position
    }
    return out
  }
}

/** The articles sorted by a column: unknown values last in both directions, ties by title. */
export function sortArticles(articles: readonly Article[], sort: LibrarySort): Article[] {
  return Array.from(new LibraryIndex(articles).order(sort), (i) => articles[i]!)
}
