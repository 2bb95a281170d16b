// The search engine: the term index of articles, passages, events and tags (terms from
// analyze.ts, see term-index.ts), the relations facets count (passages of articles, tags, event
// links), and the query evaluation: ranked hits, phrases checked in the text, exclusions,
// disjunctive facets.
import { analyze, fold, foldedWords, stemsPassed, termsOf, tokenize } from './analyze'
import {
  splitDocId,
  type ArticleFacts,
  type PassageFacts,
  type SearchDocument,
  type SearchKind,
  type SearchText
} from './documents'
import { isEmptyQuery, isPrefixPhrase, type ParsedQuery } from './query'
import { TermIndex, type TermIndexSnapshot, type WordMatches } from './term-index'

/** A scored match before facets: the document's number in the term index, and its score. */
interface Scored {
  n: number
  score: number
}

/** Facet choices: within a group any value may match, every group must match. */
export interface FacetFilter {
  kinds?: SearchKind[]
  /** A tag matches its sub-tags too. */
  tagIds?: string[]
  eventIds?: string[]
  /** '' is "unknown outlet". */
  outlets?: string[]
  languages?: string[]
  /** Publication dates overlapping [from, to] (ISO, any precision). */
  from?: string
  to?: string
  annotated?: boolean
}

export interface FacetCounts {
  kinds: Record<string, number>
  tags: Record<string, number>
  events: Record<string, number>
  outlets: Record<string, number>
  languages: Record<string, number>
  years: Record<string, number>
  annotated: { yes: number; no: number }
}

export interface SearchHit {
  id: string
  kind: SearchKind
  recordId: string
  /** For an article, itself; for a passage, its article. */
  articleId?: string
  score: number
  /** Index terms of the document that matched (for snippets). */
  terms: string[]
}

export interface SearchAnswer {
  /** Every hit after the facet choices. */
  total: number
  /** The page asked for (all of them by default), best first. */
  hits: SearchHit[]
  facets: FacetCounts
  /** True when a phrase had more candidates than were checked in time (PHRASE_BUDGET_MS). */
  truncated: boolean
}

/** Loads the searched text of documents (from the archive), for phrases and snippets. */
export type TextLoader = (ids: readonly string[]) => Promise<Map<string, SearchText>>

interface DocFacets {
  kind: SearchKind
  recordId: string
  articleId?: string
  outlet?: string
  language?: string
  published?: string | null
  /** The year of `published`, counted by the date facet. */
  year?: string
  tagIds: ReadonlySet<string>
  eventIds: ReadonlySet<string>
  annotated?: boolean
}

/** Edit distance allowed for a query term of this length: none for short words. */
function fuzziness(term: string): number {
  // On stems: "ministr" may meet "minister", but "elect" must not meet "electr" (électricité).
  return term.length >= 10 ? 2 : term.length >= 6 ? 1 : 0
}

/**
 * How long phrase candidates are checked against their texts (best ranked first) once enough
 * results were found; past it, the answer says more may exist.
 */
export const PHRASE_BUDGET_MS = 100

export interface SearchOptions {
  /** The page of hits wanted (best first); the total and the facets cover every hit. */
  offset?: number
  limit?: number
  /** Results wanted at least (the page shown) before a phrase check may stop early. */
  enough?: number
  phraseBudgetMs?: number
}

const NONE: ReadonlySet<string> = new Set()

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

const byScore = (a: Scored, b: Scored): number => b.score - a.score

/**
 * The `count` best of `items` by score, best first, without sorting them all: a common word
 * matches most of the archive, and the page shows thirty.
 */
function bestOf(items: number[], score: (item: number) => number, count: number): number[] {
  if (count >= items.length / 4) return [...items].sort((a, b) => score(b) - score(a))
  const best: number[] = []
  for (const item of items) {
    const value = score(item)
    if (best.length === count && value <= score(best[count - 1]!)) continue
    // Binary search for its place among the best so far.
    let low = 0
    let high = best.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (score(best[mid]!) >= value) low = mid + 1
      else high = mid
    }
    best.splice(low, 0, item)
    if (best.length > count) best.pop()
  }
  return best
}

function longest(values: string[]): string {
  return values.reduce((a, b) => (b.length > a.length ? b : a), '')
}

function pad(date: string, end: boolean): string {
  if (date.length === 4) return `${date}-${end ? '12-31' : '01-01'}`
  if (date.length === 7) return `${date}-${end ? '31' : '01'}`
  return date
}

/**
 * True when the folded words of `text` contain those of `phrase`, in order, next to each other.
 * A regular expression over the folded text: ten times faster than comparing word lists, which
 * matters when a phrase of common words has thousands of candidates.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const wanted = foldedWords(phrase)
  if (wanted.length === 0) return true
  return phrasePattern(wanted, isPrefixPhrase(phrase)).test(fold(text))
}

const patterns = new Map<string, RegExp>()

function phrasePattern(words: string[], prefix: boolean): RegExp {
  const key = `${prefix ? '*' : ''}${words.join(' ')}`
  let pattern = patterns.get(key)
  if (!pattern) {
    const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${escaped.join('[^\\p{L}\\p{N}]+')}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`,
      'u'
    )
    if (patterns.size > 100) patterns.clear()
    patterns.set(key, pattern)
  }
  return pattern
}

function textOf(doc: SearchText): string {
  return [doc.title, doc.meta, doc.body, doc.note].join('\n')
}

/** What SearchEngine.save gives: plain data, kept in IndexedDB by a structured clone. */
export interface SearchEngineSnapshot {
  terms: TermIndexSnapshot
  articles: [string, ArticleFacts][]
  passages: [string, PassageFacts][]
  links: [string, { passageId: string; eventId: string }][]
  tags: [string, string | null][]
}

export class SearchEngine {
  constructor(private readonly index = new TermIndex()) {}

  /** Everything the engine holds, to be restored without reading the archive again. */
  save(): SearchEngineSnapshot {
    return {
      terms: this.index.save(),
      articles: [...this.articles],
      passages: [...this.passages],
      links: [...this.links],
      tags: [...this.tagParents]
    }
  }

  /** An engine restored from `save`; throws on a snapshot that is not one. */
  static restore(snapshot: SearchEngineSnapshot): SearchEngine {
    const engine = new SearchEngine(TermIndex.restore(snapshot.terms))
    for (const [id, facts] of snapshot.articles) engine.articles.set(id, facts)
    for (const [id, facts] of snapshot.passages) engine.setPassage(id, facts)
    for (const [id, link] of snapshot.links) engine.setLink(id, link)
    for (const [id, parentId] of snapshot.tags) engine.setTag(id, parentId)
    return engine
  }
  private readonly articles = new Map<string, ArticleFacts>()
  private readonly passages = new Map<string, PassageFacts>()
  private readonly passagesOfArticle = new Map<string, Set<string>>()
  private readonly links = new Map<string, { passageId: string; eventId: string }>()
  private readonly eventsOfPassage = new Map<string, Map<string, number>>()
  private readonly tagParents = new Map<string, string | null>()
  /** Facets of documents met by queries, until a relation changes (then all are forgotten). */
  private facetCache: (DocFacets | undefined)[] = []

  get documentCount(): number {
    return this.index.size
  }

  /**
   * Adds or replaces a document. Its fields are analyzed here, where its language is known; the
   * title comes first, where a term ranks highest.
   */
  put(doc: SearchDocument): void {
    const terms = [doc.title, doc.meta, doc.note, doc.body].flatMap((field) =>
      analyze(field, doc.language)
    )
    this.index.put(doc.id, terms)
  }

  remove(id: string): void {
    this.index.remove(id)
  }

  setArticle(id: string, facts: ArticleFacts): void {
    this.articles.set(id, facts)
    this.facetCache = []
  }

  removeArticle(id: string): void {
    this.articles.delete(id)
    this.facetCache = []
    this.remove(`article:${id}`)
  }

  setPassage(id: string, facts: PassageFacts): void {
    this.unlinkPassageFromArticle(id)
    this.passages.set(id, facts)
    this.facetCache = []
    let set = this.passagesOfArticle.get(facts.articleId)
    if (!set) this.passagesOfArticle.set(facts.articleId, (set = new Set()))
    set.add(id)
  }

  removePassage(id: string): void {
    this.unlinkPassageFromArticle(id)
    this.passages.delete(id)
    this.facetCache = []
    this.remove(`passage:${id}`)
  }

  private unlinkPassageFromArticle(id: string): void {
    const previous = this.passages.get(id)
    if (!previous) return
    const set = this.passagesOfArticle.get(previous.articleId)
    set?.delete(id)
    if (set?.size === 0) this.passagesOfArticle.delete(previous.articleId)
  }

  setLink(id: string, link: { passageId: string; eventId: string }): void {
    this.removeLink(id)
    this.links.set(id, link)
    this.facetCache = []
    let events = this.eventsOfPassage.get(link.passageId)
    if (!events) this.eventsOfPassage.set(link.passageId, (events = new Map()))
    events.set(link.eventId, (events.get(link.eventId) ?? 0) + 1)
  }

  removeLink(id: string): void {
    const link = this.links.get(id)
    if (!link) return
    this.links.delete(id)
    this.facetCache = []
    const events = this.eventsOfPassage.get(link.passageId)
    const left = (events?.get(link.eventId) ?? 1) - 1
    if (left > 0) events!.set(link.eventId, left)
    else events?.delete(link.eventId)
    if (events?.size === 0) this.eventsOfPassage.delete(link.passageId)
  }

  setTag(id: string, parentId: string | null): void {
    this.tagParents.set(id, parentId)
    this.facetCache = []
  }

  removeTag(id: string): void {
    this.tagParents.delete(id)
    this.facetCache = []
    this.remove(`tag:${id}`)
  }

  /** Ids of every record the engine knows, by kind (to compare with the archive at start-up). */
  knownIds(kind: 'article' | 'passage' | 'link' | 'tag' | 'event'): string[] {
    switch (kind) {
      case 'article':
        return [...this.articles.keys()]
      case 'passage':
        return [...this.passages.keys()]
      case 'link':
        return [...this.links.keys()]
      case 'tag':
        return [...this.tagParents.keys()]
      case 'event':
        return [...this.index.documentKeys()]
          .filter((id) => id.startsWith('event:'))
          .map((id) => id.slice(6))
    }
  }

  /** A tag and every tag above it. */
  private withAncestors(tagId: string, into: Set<string>): void {
    let current: string | null | undefined = tagId
    for (let guard = 0; current && !into.has(current) && guard < 64; guard++) {
      into.add(current)
      current = this.tagParents.get(current)
    }
  }

  private facetsOfNumber(n: number): DocFacets {
    let facets = this.facetCache[n]
    if (!facets) {
      facets = this.readFacets(this.index.keyOf(n))
      this.facetCache[n] = facets
    }
    return facets
  }

  private readFacets(id: string): DocFacets {
    const { kind, recordId } = splitDocId(id)
    if (kind === 'article') {
      const facts = this.articles.get(recordId)
      const passages = this.passagesOfArticle.get(recordId)
      // Most articles have no passage: no sets are made for them.
      const related = passages ? this.related(passages) : null
      return {
        kind,
        recordId,
        articleId: recordId,
        outlet: facts?.outlet,
        language: facts?.language,
        published: facts?.published,
        year: facts?.published?.slice(0, 4),
        tagIds: related?.tagIds ?? NONE,
        eventIds: related?.eventIds ?? NONE,
        annotated: related !== null
      }
    }
    if (kind === 'passage') {
      const passage = this.passages.get(recordId)
      const facts = passage ? this.articles.get(passage.articleId) : undefined
      const { tagIds, eventIds } = this.related([recordId])
      return {
        kind,
        recordId,
        articleId: passage?.articleId,
        outlet: facts?.outlet,
        language: facts?.language,
        published: facts?.published,
        year: facts?.published?.slice(0, 4),
        tagIds,
        eventIds,
        annotated: true
      }
    }
    if (kind === 'event') return { kind, recordId, tagIds: NONE, eventIds: new Set([recordId]) }
    const tagIds = new Set<string>()
    this.withAncestors(recordId, tagIds)
    return { kind, recordId, tagIds, eventIds: NONE }
  }

  /** The tags (with their ancestors) and events of some passages. */
  private related(passageIds: Iterable<string>): { tagIds: Set<string>; eventIds: Set<string> } {
    const tagIds = new Set<string>()
    const eventIds = new Set<string>()
    for (const passageId of passageIds) {
      for (const tag of this.passages.get(passageId)?.tagIds ?? []) this.withAncestors(tag, tagIds)
      for (const event of this.eventsOfPassage.get(passageId)?.keys() ?? []) eventIds.add(event)
    }
    return { tagIds, eventIds }
  }

  private static passes(
    facets: DocFacets,
    filter: FacetFilter,
    skip?: keyof FacetFilter | 'dates'
  ): boolean {
    const any = (values: string[] | undefined, has: (value: string) => boolean): boolean =>
      !values || values.length === 0 || values.some(has)
    if (skip !== 'kinds' && !any(filter.kinds, (kind) => facets.kind === kind)) return false
    if (skip !== 'tagIds' && !any(filter.tagIds, (tag) => facets.tagIds.has(tag))) return false
    if (skip !== 'eventIds' && !any(filter.eventIds, (event) => facets.eventIds.has(event)))
      return false
    if (skip !== 'outlets' && !any(filter.outlets, (outlet) => facets.outlet === outlet))
      return false
    if (skip !== 'languages' && !any(filter.languages, (lang) => facets.language === lang))
      return false
    if (skip !== 'annotated' && filter.annotated !== undefined) {
      if (facets.annotated !== filter.annotated) return false
    }
    if (skip !== 'dates' && (filter.from || filter.to)) {
      if (!facets.published) return false
      if (filter.from && pad(facets.published, true) < pad(filter.from, false)) return false
      if (filter.to && pad(facets.published, false) > pad(filter.to, true)) return false
    }
    return true
  }

  private static count(counts: Record<string, number>, key: string): void {
    counts[key] = (counts[key] ?? 0) + 1
  }

  /** True when some facet choice is made. */
  private static active(filter: FacetFilter): boolean {
    return Object.values(filter).some((value) =>
      Array.isArray(value)
        ? value.length > 0
        : value !== undefined && value !== null && value !== ''
    )
  }

  private countFacets(
    docs: readonly DocFacets[],
    filter: FacetFilter,
    filtering = SearchEngine.active(filter)
  ): FacetCounts {
    const counts: FacetCounts = {
      kinds: {},
      tags: {},
      events: {},
      outlets: {},
      languages: {},
      years: {},
      annotated: { yes: 0, no: 0 }
    }
    const { count } = SearchEngine
    // Without any choice every group counts everything: no test per group and document.
    const passes = filtering ? SearchEngine.passes : () => true
    for (const facets of docs) {
      // Each group is counted as if its own choice were not made, so that its other values stay
      // visible with what choosing them would give (disjunctive facets).
      if (passes(facets, filter, 'kinds')) count(counts.kinds, facets.kind)
      // Most documents have no tag and no event: no iterator is made for them.
      if (facets.tagIds.size && passes(facets, filter, 'tagIds'))
        for (const tag of facets.tagIds) count(counts.tags, tag)
      if (facets.eventIds.size && passes(facets, filter, 'eventIds'))
        for (const event of facets.eventIds) count(counts.events, event)
      const articleLike = facets.kind === 'article' || facets.kind === 'passage'
      if (articleLike && passes(facets, filter, 'outlets'))
        count(counts.outlets, facets.outlet ?? '')
      if (articleLike && passes(facets, filter, 'languages'))
        count(counts.languages, facets.language ?? 'und')
      if (articleLike && facets.published && passes(facets, filter, 'dates'))
        count(counts.years, facets.year!)
      if (articleLike && passes(facets, filter, 'annotated'))
        counts.annotated[facets.annotated ? 'yes' : 'no']++
    }
    return counts
  }

  /**
   * A word as typed so far: a prefix of the words it may become ("élec" → élections); if it is
   * whole, its stem matches its other forms ("élection" → élections); if it has run past its stem
   * ("électio", indexed as "elect"), that stem.
   */
  private matchPrefix(prefix: string): WordMatches {
    const passed = stemsPassed(prefix, (term) => this.index.has(term))
    return this.index.match({ exact: termsOf(prefix), prefixes: [fold(prefix)], passed })
  }

  /** Every document holding every word (in any of its forms), with the sum of their scores. */
  private matchQuery(query: ParsedQuery, sorted: boolean): { scored: Scored[]; terms: string[] } {
    const words: WordMatches[] = []
    for (const word of query.words) {
      const stems = termsOf(word)
      words.push(this.index.match({ exact: stems, fuzzy: fuzziness(longest(stems)) }))
    }
    for (const prefix of query.prefixes) words.push(this.matchPrefix(prefix))
    // Each word of a phrase must be there (in any of its stems); the order is checked in the text.
    // The last word of a phrase ending in * ("États-Un*", being typed) is a prefix.
    const phraseWords = new Set<string>()
    for (const phrase of query.phrases) {
      const parts = tokenize(phrase).map((t) => t.word)
      const last = isPrefixPhrase(phrase) ? parts.pop() : undefined
      for (const part of parts) phraseWords.add(part)
      // A single letter ("États-U") begins too many words: the text check alone takes it.
      if (last !== undefined && fold(last).length > 1) words.push(this.matchPrefix(last))
    }
    for (const word of phraseWords) {
      const stems = termsOf(word)
      // Near terms too, as for a word: "confidentialite" stems apart from "confidentialité"
      // (French rules need the accent), and the text check keeps only the phrase as written.
      if (stems.length)
        words.push(this.index.match({ exact: stems, fuzzy: fuzziness(longest(stems)) }))
    }
    const terms = unique(words.flatMap((word) => word.terms))
    if (words.length === 0) return { scored: [], terms }
    words.sort((a, b) => a.docs.length - b.docs.length)
    const [rarest, ...others] = words
    const excluded = query.excludedWords.map((word) => this.index.match({ exact: termsOf(word) }))
    const scored: Scored[] = []
    for (const n of rarest!.docs) {
      if (excluded.some((word) => word.scores[n]! > 0)) continue
      let score = rarest!.scores[n]!
      for (const other of others) {
        const more = other.scores[n]!
        if (more === 0) {
          score = -1
          break
        }
        score += more
      }
      if (score >= 0) scored.push({ n, score })
    }
    if (sorted) scored.sort(byScore)
    return { scored, terms }
  }

  /**
   * All documents matching the query, best first, narrowed by the facet filter, with the facet
   * counts of the whole match. Phrases are checked against the texts the loader returns.
   */
  async search(
    query: ParsedQuery,
    filter: FacetFilter = {},
    loadText?: TextLoader,
    options: SearchOptions = {}
  ): Promise<SearchAnswer> {
    if (isEmptyQuery(query)) {
      return { total: 0, hits: [], facets: this.countFacets([], filter), truncated: false }
    }
    const phrases = query.phrases.filter((p) => foldedWords(p).length > 1)
    const checking = (phrases.length > 0 || query.excludedPhrases.length > 0) && !!loadText
    // Phrases are checked best first, so all must be in order; otherwise only the page is sorted.
    const { scored, terms } = this.matchQuery(query, checking)
    let results = scored
    let truncated = false
    if (checking) {
      // A phrase of common words can have most of the archive as candidates, each to be read:
      // the best ranked are checked first, until enough were found and the time is spent; the
      // answer then says that more may exist.
      const checked = await this.checkPhrases(results, phrases, query.excludedPhrases, loadText!, {
        enough: options.enough ?? 50,
        budgetMs: options.phraseBudgetMs ?? PHRASE_BUDGET_MS
      })
      truncated = checked.truncated
      results = checked.kept
    }
    const all = results.map((result) => this.facetsOfNumber(result.n))
    const filtering = SearchEngine.active(filter)
    const facets = this.countFacets(all, filter, filtering)
    const passing: number[] = []
    for (let i = 0; i < results.length; i++) {
      if (!filtering || SearchEngine.passes(all[i]!, filter)) passing.push(i)
    }
    const offset = options.offset ?? 0
    const limit = options.limit ?? Infinity
    const page = checking
      ? passing.slice(offset, offset + limit)
      : bestOf(passing, (i) => results[i]!.score, offset + limit).slice(offset)
    const hits: SearchHit[] = page.map((i) => ({
      id: this.index.keyOf(results[i]!.n),
      kind: all[i]!.kind,
      recordId: all[i]!.recordId,
      articleId: all[i]!.articleId,
      score: results[i]!.score,
      terms
    }))
    return { total: passing.length, hits, facets, truncated }
  }

  private async checkPhrases(
    results: Scored[],
    phrases: string[],
    excluded: string[],
    loadText: TextLoader,
    { enough, budgetMs }: { enough: number; budgetMs: number }
  ): Promise<{ kept: Scored[]; truncated: boolean }> {
    const kept: Scored[] = []
    const started = performance.now()
    const BATCH = 200
    for (let i = 0; i < results.length; i += BATCH) {
      // Stop once the page is full and the time spent; or, finding few, at three times the time.
      // The best ranked batch is always checked.
      const spent = performance.now() - started
      if (i > 0 && spent > budgetMs && (kept.length >= enough || spent > 3 * budgetMs)) {
        return { kept, truncated: true }
      }
      const batch = results.slice(i, i + BATCH)
      const texts = await loadText(batch.map((result) => this.index.keyOf(result.n)))
      for (const result of batch) {
        const doc = texts.get(this.index.keyOf(result.n))
        if (!doc) continue
        const text = textOf(doc)
        if (!phrases.every((phrase) => containsPhrase(text, phrase))) continue
        if (excluded.some((phrase) => containsPhrase(text, phrase))) continue
        kept.push(result)
      }
    }
    return { kept, truncated: false }
  }
}
