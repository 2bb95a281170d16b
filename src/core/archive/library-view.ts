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
  // ASCII text has nothing to decompose: lower case alone is the same fold, far cheaper.
  // eslint-disable-next-line no-control-regex -- the whole ASCII range
  if (!/[^\u0000-\u007f]/.test(text)) return text.toLowerCase()
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

/**
 * The fields the filter looks at, folded in one call (the same as folding each: the spaces between
 * them are neither decomposed nor reordered): what `filterArticles` matches words against.
 */
export function haystackOf(article: Article): string {
  return foldForSearch(
    `${article.title} ${article.outlet} ${article.author} ${article.language} ${article.sourceName} ${article.published?.value ?? ''}`
  )
}

/** The query's words, folded: what every matching haystack contains. */
export function queryWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean)
}

function matchesWords(haystack: string, words: readonly string[]): boolean {
  for (const word of words) if (!haystack.includes(word)) return false
  return true
}

/** Every word of the query must appear in the title, outlet, author, language, file name or date. */
export function filterArticles(articles: readonly Article[], query: string): Article[] {
  const words = queryWords(query)
  if (words.length === 0) return [...articles]
  return articles.filter((article) => matchesWords(haystackOf(article), words))
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

/** What the index derives from one article: kept per article object, so that a new list holding
 * the same objects (the store replaces the array after every write) does not fold them again. */
interface RowKeys {
  haystack?: string
  title?: string
}
const rowKeys = new WeakMap<Article, RowKeys>()
function keysOf(article: Article): RowKeys {
  let keys = rowKeys.get(article)
  if (!keys) {
    keys = {}
    rowKeys.set(article, keys)
  }
  return keys
}

/** Above this many matches, a filtered view is read off the column's whole order (built once). */
const SUBSET_SORT_MAX = 20_000

/**
 * Positions 0…n-1 ordered by `keys` (plain `<` order), ties by `tieRank` (a rank unique per
 * position, mapped back with `tieOrder`) or else by position. Empty keys come first, or last in
 * both directions with `emptyLast`. Each distinct key is ranked once (a native sort of the
 * distinct strings), and the positions by one numeric sort of rank × n + tie: no comparator.
 */
function rankSort(
  keys: readonly string[],
  descending: boolean,
  emptyLast: boolean,
  tieRank: Int32Array | null,
  tieOrder: Int32Array | null
): Int32Array {
  const n = keys.length
  const distinct = [...new Set(keys)].sort()
  const hasEmpty = distinct[0] === ''
  const known = distinct.length - (hasEmpty && emptyLast ? 1 : 0)
  const rankOf = new Map<string, number>()
  distinct.forEach((key, at) => {
    let rank = hasEmpty && emptyLast ? (at === 0 ? known : at - 1) : at
    if (descending && rank < known) rank = known - 1 - rank
    rankOf.set(key, rank)
  })
  const values = new Float64Array(n)
  for (let i = 0; i < n; i++) values[i] = rankOf.get(keys[i]!)! * n + (tieRank ? tieRank[i]! : i)
  values.sort()
  const out = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const tie = values[k]! % n
    out[k] = tieOrder ? tieOrder[tie]! : tie
  }
  return out
}

/**
 * The library's sort and filter structures over one list of articles, which may still be growing
 * (the archive store appends each chunk it reads to the same array): each method covers the
 * articles the list holds when it is called. A row's folded haystack is computed once, when it
 * arrives (`warm`); the filter's mask is extended over new rows, and narrowed as the query grows;
 * a column's order is built once per list size from ranks (title ranks shared by every column),
 * and a filter with few matches sorts just those. Nothing here reads the whole list again per
 * keystroke beyond one pass over the haystacks.
 */
export class LibraryIndex {
  private readonly haystacks: string[] = []
  private readonly titleKeys: string[] = []
  private titleCursor = 0
  /** Rows by title key then position, and each row's place in that order: at `orderedSize`. */
  private titleOrder: Int32Array | null = null
  private titleRank: Int32Array | null = null
  private readonly orders = new Map<string, Int32Array>()
  private orderedSize = -1
  private readonly sortKeys = new Map<string, string>()
  private maskQuery = ''
  private mask: Uint8Array | null = null
  private maskSize = 0
  private lastView: { key: string; rows: Int32Array } | null = null

  constructor(readonly articles: readonly Article[]) {}

  get size(): number {
    return this.articles.length
  }

  /**
   * Folds the haystacks of up to `count` more articles (the filter needs all of them); true when
   * all are done. Called as rows arrive, so that no keystroke waits for it.
   */
  warm(count = Infinity): boolean {
    const { articles, haystacks } = this
    const to = Math.min(articles.length, haystacks.length + count)
    for (let i = haystacks.length; i < to; i++) {
      const keys = keysOf(articles[i]!)
      haystacks.push((keys.haystack ??= haystackOf(articles[i]!)))
    }
    return haystacks.length === articles.length
  }

  /** Title sort keys of up to `count` more articles (every order breaks ties by title). */
  warmSort(count = Infinity): boolean {
    const to = Math.min(this.articles.length, this.titleCursor + count)
    for (let i = this.titleCursor; i < to; i++) this.titleKey(i)
    this.titleCursor = to
    return to === this.articles.length
  }

  private titleKey(i: number): string {
    let key = this.titleKeys[i]
    if (key === undefined) {
      const article = this.articles[i]!
      const keys = keysOf(article)
      key = keys.title ??= sortKey(article.title)
      this.titleKeys[i] = key
    }
    return key
  }

  private sortKeyCached(text: string): string {
    let key = this.sortKeys.get(text)
    if (key === undefined) {
      key = sortKey(text)
      this.sortKeys.set(text, key)
    }
    return key
  }

  private key(i: number, column: LibraryColumn): string {
    const article = this.articles[i]!
    switch (column) {
      case 'title':
        return this.titleKey(i)
      case 'outlet':
        return this.sortKeyCached(article.outlet)
      case 'published':
        return publishedSortKey(article.published)
      case 'importedAt':
        return article.importedAt
      case 'language':
        return article.language
    }
  }

  /** Drops the orders built over fewer rows than the list now holds. */
  private fresh(): number {
    const n = this.articles.length
    if (n !== this.orderedSize) {
      this.orders.clear()
      this.titleOrder = this.titleRank = null
      this.orderedSize = n
    }
    return n
  }

  /**
   * Positions of the articles in the order of `sort`: known values first, ascending or
   * descending, ties by title (then position); unknown (empty) values last in both directions.
   */
  order(sort: LibrarySort): Int32Array {
    const n = this.fresh()
    const name = `${sort.column}|${sort.direction}`
    const cached = this.orders.get(name)
    if (cached) return cached
    this.warmSort()
    if (!this.titleOrder || !this.titleRank) {
      const order = rankSort(this.titleKeys.slice(0, n), false, false, null, null)
      const rank = new Int32Array(n)
      for (let k = 0; k < n; k++) rank[order[k]!] = k
      this.titleOrder = order
      this.titleRank = rank
    }
    const keys = new Array<string>(n)
    for (let i = 0; i < n; i++) keys[i] = this.key(i, sort.column)
    const order = rankSort(
      keys,
      sort.direction === 'descending',
      true,
      this.titleRank,
      this.titleOrder
    )
    this.orders.set(name, order)
    return order
  }

  /** Whether `order(sort)` is ready for the list as it is now. */
  hasOrder(sort: LibrarySort): boolean {
    return (
      this.orderedSize === this.articles.length &&
      this.orders.has(`${sort.column}|${sort.direction}`)
    )
  }

  /** A few positions in the order of `sort`, compared directly (the same order as `order`). */
  private orderOf(positions: Int32Array, sort: LibrarySort): Int32Array {
    const sign = sort.direction === 'ascending' ? 1 : -1
    const items = Array.from(positions, (p) => ({
      p,
      key: this.key(p, sort.column),
      title: this.titleKey(p)
    }))
    items.sort((x, y) => {
      if (x.key !== y.key) {
        if (!x.key) return 1
        if (!y.key) return -1
        return x.key < y.key ? -sign : sign
      }
      if (x.title !== y.title) return x.title < y.title ? -1 : 1
      return x.p - y.p
    })
    return Int32Array.from(items, (item) => item.p)
  }

  /**
   * 1 for each article that matches every word of the query (as long as the list: read only
   * the first `size` entries); null when the query is empty. The same query over a longer list
   * tests only the new rows; a query that extends the last one tests only its matches.
   */
  matches(query: string): Uint8Array | null {
    const words = queryWords(query)
    if (words.length === 0) return null
    const normalized = words.join(' ')
    this.warm()
    const n = this.articles.length
    const { haystacks } = this
    const previous = this.mask
    if (!previous || normalized !== this.maskQuery) {
      // Typing extends the query: only the previous matches can still match.
      const narrowing = previous && this.maskQuery && normalized.startsWith(this.maskQuery)
      const previousSize = narrowing ? this.maskSize : 0
      const next = new Uint8Array(n)
      for (let i = 0; i < n; i++) {
        next[i] = (i >= previousSize || previous![i]) && matchesWords(haystacks[i]!, words) ? 1 : 0
      }
      this.maskQuery = normalized
      this.mask = next
      this.maskSize = n
      return next
    }
    // The same query over a longer list: only the new rows are tested.
    let mask = previous
    if (mask.length < n) {
      mask = new Uint8Array(Math.max(n, mask.length * 2))
      mask.set(previous.subarray(0, this.maskSize))
    }
    for (let i = this.maskSize; i < n; i++) mask[i] = matchesWords(haystacks[i]!, words) ? 1 : 0
    this.mask = mask
    this.maskSize = n
    return mask
  }

  /**
   * The rows to show: positions into `articles`, filtered by `query`, in the order of `sort`.
   * Without a query, `firstRows` limits the view to the list's first rows (the first screen,
   * while the rest of the list is read); a query looks at every row read so far.
   */
  view(query: string, sort: LibrarySort, firstRows = Infinity): Int32Array {
    const n = this.articles.length
    const words = queryWords(query)
    const limit = words.length === 0 ? Math.min(firstRows, n) : n
    const key = `${words.join(' ')}|${sort.column}|${sort.direction}|${n}|${limit}`
    if (this.lastView?.key === key) return this.lastView.rows
    let rows: Int32Array
    const mask = this.matches(query)
    if (!mask) {
      rows =
        limit < n && !this.hasOrder(sort)
          ? this.orderOf(
              Int32Array.from({ length: limit }, (_, i) => i),
              sort
            )
          : limit < n
            ? this.order(sort).filter((p) => p < limit)
            : this.order(sort)
    } else {
      let count = 0
      for (let i = 0; i < n; i++) count += mask[i]!
      if (count > SUBSET_SORT_MAX || this.hasOrder(sort)) {
        const order = this.order(sort)
        rows = new Int32Array(count)
        let at = 0
        for (let k = 0; k < n; k++) {
          const position = order[k]!
          if (mask[position]) rows[at++] = position
        }
      } else {
        const matched = new Int32Array(count)
        let at = 0
        for (let i = 0; i < n; i++) if (mask[i]) matched[at++] = i
        rows = this.orderOf(matched, sort)
      }
    }
    this.lastView = { key, rows }
    return rows
  }
}

/** The articles sorted by a column: unknown values last in both directions, ties by title. */
export function sortArticles(articles: readonly Article[], sort: LibrarySort): Article[] {
  return Array.from(new LibraryIndex(articles).order(sort), (i) => articles[i]!)
}
