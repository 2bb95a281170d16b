// The search engine: the term index of articles, passages, events and tags (terms from
// analyze.ts, see term-index.ts), the words of each document in order (phrases.ts), the relations
// facets count (passages of articles, tags, event links) with each document's facets kept in
// columns (facets.ts), and the query evaluation: ranked hits, phrases, exclusions, disjunctive
// facets.
import { fold, foldedWords, stemsPassed, termsOf, tokenize } from './analyze'
import {
  splitDocId,
  type ArticleFacts,
  type PassageFacts,
  type SearchDocument,
  type SearchKind,
  type SearchText
} from './documents'
import {
  FacetColumns,
  emptyCounts,
  type DocFacets,
  type FacetCounts,
  type FacetFilter
} from './facets'
import { WordSequences, type CompiledPhrase, type WordSequencesSnapshot } from './phrases'
import { isEmptyQuery, isPrefixPhrase, type ParsedQuery } from './query'
import { TermIndex, type TermIndexSnapshot, type WordMatches } from './term-index'

export type { FacetCounts, FacetFilter } from './facets'

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
}

/** Loads the searched text of documents (from the archive), for snippets. */
export type TextLoader = (ids: readonly string[]) => Promise<Map<string, SearchText>>

/** Edit distance allowed for a query term of this length: none for short words. */
function fuzziness(term: string): number {
  // On stems: "ministr" may meet "minister", but "elect" must not meet "electr" (électricité).
  return term.length >= 10 ? 2 : term.length >= 6 ? 1 : 0
}

export interface SearchOptions {
  /** The page of hits wanted (best first); the total and the facets cover every hit. */
  offset?: number
  limit?: number
}

const NONE: ReadonlySet<string> = new Set()

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

/**
 * The `count` best of `items` by score, best first (ties in their order), without sorting them
 * all: a common word matches most of the archive, and the page shows thirty.
 */
function bestOf(
  items: Int32Array,
  score: (item: number) => number,
  count: number
): ArrayLike<number> {
  if (count >= items.length / 4) {
    // Typed arrays sort stably too (ECMAScript 2019).
    return items.slice().sort((a, b) => score(b) - score(a))
  }
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

/**
 * True when the folded words of `text` contain those of `phrase`, in order, next to each other.
 * (The engine checks phrases in its word sequences; this is the same rule on a text.)
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

// Folding costs a normalization a word; the same words come back in every article.
const folds = new Map<string, string>()
const FOLD_LIMIT = 500_000

function foldWord(word: string): string {
  let folded = folds.get(word)
  if (folded === undefined) {
    folded = fold(word)
    if (folds.size >= FOLD_LIMIT) folds.clear()
    folds.set(word, folded)
  }
  return folded
}

/** What SearchEngine.save gives: plain data, kept in IndexedDB by a structured clone. */
export interface SearchEngineSnapshot {
  terms: TermIndexSnapshot
  /** The folded words of each document in order, by document number (phrases). */
  words: WordSequencesSnapshot
  articles: [string, ArticleFacts][]
  passages: [string, PassageFacts][]
  links: [string, { passageId: string; eventId: string }][]
  tags: [string, string | null][]
}

export class SearchEngine {
  constructor(
    private readonly index = new TermIndex(),
    private readonly words = new WordSequences()
  ) {}

  /** Everything the engine holds, to be restored without reading the archive again. */
  save(): SearchEngineSnapshot {
    return {
      terms: this.index.save(),
      words: this.words.save(),
      articles: [...this.articles],
      passages: [...this.passages],
      links: [...this.links],
      tags: [...this.tagParents]
    }
  }

  /**
   * An engine restored from `save`; throws on a snapshot that is not one. The facet columns are
   * read again from the relations restored (one pass over the documents).
   */
  static restore(snapshot: SearchEngineSnapshot): SearchEngine {
    const engine = new SearchEngine(
      TermIndex.restore(snapshot.terms),
      WordSequences.restore(snapshot.words)
    )
    engine.restoring = true
    for (const [id, facts] of snapshot.articles) engine.articles.set(id, facts)
    for (const [id, facts] of snapshot.passages) engine.setPassage(id, facts)
    for (const [id, link] of snapshot.links) engine.setLink(id, link)
    for (const [id, parentId] of snapshot.tags) engine.setTag(id, parentId)
    engine.restoring = false
    for (const [key, n] of engine.index.documentNumbers()) engine.refreshNumber(key, n)
    return engine
  }

  private readonly articles = new Map<string, ArticleFacts>()
  private readonly passages = new Map<string, PassageFacts>()
  private readonly passagesOfArticle = new Map<string, Set<string>>()
  private readonly links = new Map<string, { passageId: string; eventId: string }>()
  private readonly eventsOfPassage = new Map<string, Map<string, number>>()
  private readonly tagParents = new Map<string, string | null>()
  /** The facets of every document, by number, kept current as relations change (see refresh). */
  private readonly facets = new FacetColumns()
  /** True while a snapshot is read back: the facets are read once at the end. */
  private restoring = false

  get documentCount(): number {
    return this.index.size
  }

  /**
   * Adds or replaces a document. Its fields are analyzed here, where its language is known; the
   * title comes first, where a term ranks highest. Its folded words are kept in the order of its
   * text (title, meta, body, note) for phrases.
   */
  put(doc: SearchDocument): void {
    const fields = [doc.title, doc.meta, doc.body, doc.note].map(tokenize)
    const terms: string[] = []
    for (const field of [fields[0]!, fields[1]!, fields[3]!, fields[2]!])
      for (const token of field) terms.push(...termsOf(token.word, doc.language))
    const words: string[] = []
    for (const field of fields) for (const token of field) words.push(foldWord(token.word))
    const n = this.index.put(doc.id, terms)
    this.words.set(n, words)
    this.refreshNumber(doc.id, n)
  }

  remove(id: string): void {
    const n = this.index.numberOf(id)
    if (n === undefined) return
    this.index.remove(id)
    this.words.delete(n)
    this.facets.clear(n)
  }

  /** Reads again the facets of a document (when it is indexed). */
  private refresh(id: string): void {
    if (this.restoring) return
    const n = this.index.numberOf(id)
    if (n !== undefined) this.refreshNumber(id, n)
  }

  private refreshNumber(id: string, n: number): void {
    this.facets.set(n, this.readFacets(id))
  }

  /** An article's document and its passages' (their outlet, language and date are its own). */
  private refreshArticle(articleId: string): void {
    this.refresh(`article:${articleId}`)
    for (const passageId of this.passagesOfArticle.get(articleId) ?? [])
      this.refresh(`passage:${passageId}`)
  }

  /** A passage's document and its article's (which counts its passages' tags and events). */
  private refreshPassage(passageId: string): void {
    this.refresh(`passage:${passageId}`)
    const articleId = this.passages.get(passageId)?.articleId
    if (articleId !== undefined) this.refresh(`article:${articleId}`)
  }

  /** Every document with tags: a tag's parent changed, and with it their tags' ancestors. */
  private refreshTagged(): void {
    if (this.restoring) return
    for (const n of [...this.facets.tagged()]) this.refreshNumber(this.index.keyOf(n), n)
  }

  setArticle(id: string, facts: ArticleFacts): void {
    this.articles.set(id, facts)
    this.refreshArticle(id)
  }

  removeArticle(id: string): void {
    this.articles.delete(id)
    this.remove(`article:${id}`)
    this.refreshArticle(id)
  }

  setPassage(id: string, facts: PassageFacts): void {
    const previous = this.passages.get(id)?.articleId
    this.unlinkPassageFromArticle(id)
    this.passages.set(id, facts)
    let set = this.passagesOfArticle.get(facts.articleId)
    if (!set) this.passagesOfArticle.set(facts.articleId, (set = new Set()))
    set.add(id)
    if (previous !== undefined && previous !== facts.articleId) this.refresh(`article:${previous}`)
    this.refreshPassage(id)
  }

  removePassage(id: string): void {
    const articleId = this.passages.get(id)?.articleId
    this.unlinkPassageFromArticle(id)
    this.passages.delete(id)
    this.remove(`passage:${id}`)
    if (articleId !== undefined) this.refresh(`article:${articleId}`)
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
    let events = this.eventsOfPassage.get(link.passageId)
    if (!events) this.eventsOfPassage.set(link.passageId, (events = new Map()))
    events.set(link.eventId, (events.get(link.eventId) ?? 0) + 1)
    this.refreshPassage(link.passageId)
  }

  removeLink(id: string): void {
    const link = this.links.get(id)
    if (!link) return
    this.links.delete(id)
    const events = this.eventsOfPassage.get(link.passageId)
    const left = (events?.get(link.eventId) ?? 1) - 1
    if (left > 0) events!.set(link.eventId, left)
    else events?.delete(link.eventId)
    if (events?.size === 0) this.eventsOfPassage.delete(link.passageId)
    this.refreshPassage(link.passageId)
  }

  setTag(id: string, parentId: string | null): void {
    const known = this.tagParents.has(id)
    const previous = this.tagParents.get(id) ?? null
    this.tagParents.set(id, parentId)
    // A renamed tag changes no facet; a moved one changes its sub-tags' ancestors.
    if (known ? previous !== parentId : parentId !== null) this.refreshTagged()
  }

  removeTag(id: string): void {
    const parentId = this.tagParents.get(id) ?? null
    this.tagParents.delete(id)
    this.remove(`tag:${id}`)
    if (parentId !== null) this.refreshTagged()
  }

  /** A tag and every tag above it. */
  private withAncestors(tagId: string, into: Set<string>): void {
    let current: string | null | undefined = tagId
    for (let guard = 0; current && !into.has(current) && guard < 64; guard++) {
      into.add(current)
      current = this.tagParents.get(current)
    }
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
        outlet: facts?.outlet,
        language: facts?.language,
        published: facts?.published,
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
        outlet: facts?.outlet,
        language: facts?.language,
        published: facts?.published,
        tagIds,
        eventIds,
        annotated: true
      }
    }
    if (kind === 'event') return { kind, tagIds: NONE, eventIds: new Set([recordId]) }
    const tagIds = new Set<string>()
    this.withAncestors(recordId, tagIds)
    return { kind, tagIds, eventIds: NONE }
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

  /**
   * A word as typed so far: a prefix of the words it may become ("élec" → élections); if it is
   * whole, its stem matches its other forms ("élection" → élections); if it has run past its stem
   * ("électio", indexed as "elect"), that stem.
   */
  private matchPrefix(prefix: string): WordMatches {
    const passed = stemsPassed(prefix, (term) => this.index.has(term))
    return this.index.match({ exact: termsOf(prefix), prefixes: [fold(prefix)], passed })
  }

  /**
   * Every document holding every word (in any of its forms), with the sum of their scores: their
   * numbers in `docs[0..length)`, the score of each in `scores` by document number.
   */
  private matchQuery(query: ParsedQuery): {
    docs: Int32Array
    scores: Float64Array
    terms: string[]
  } {
    const words: WordMatches[] = []
    for (const word of query.words) {
      const stems = termsOf(word)
      words.push(this.index.match({ exact: stems, fuzzy: fuzziness(longest(stems)) }))
    }
    for (const prefix of query.prefixes) words.push(this.matchPrefix(prefix))
    // Each word of a phrase must be there (in any of its stems); the order is checked apart.
    // The last word of a phrase ending in * ("États-Un*", being typed) is a prefix.
    const phraseWords = new Set<string>()
    for (const phrase of query.phrases) {
      const parts = tokenize(phrase).map((t) => t.word)
      const last = isPrefixPhrase(phrase) ? parts.pop() : undefined
      for (const part of parts) phraseWords.add(part)
      // A single letter ("États-U") begins too many words: the phrase check alone takes it.
      if (last !== undefined && fold(last).length > 1) words.push(this.matchPrefix(last))
    }
    for (const word of phraseWords) {
      const stems = termsOf(word)
      // Near terms too, as for a word: "confidentialite" stems apart from "confidentialité"
      // (French rules need the accent), and the phrase check keeps only the phrase as written.
      if (stems.length)
        words.push(this.index.match({ exact: stems, fuzzy: fuzziness(longest(stems)) }))
    }
    const terms = unique(words.flatMap((word) => word.terms))
    if (words.length === 0) return { docs: new Int32Array(0), scores: new Float64Array(0), terms }
    words.sort((a, b) => a.docs.length - b.docs.length)
    const [rarest, ...others] = words
    const excluded = query.excludedWords.map((word) => this.index.match({ exact: termsOf(word) }))
    // The rarest word's scores become the sums (it is this query's own array).
    const scores = rarest!.scores
    const docs = new Int32Array(rarest!.docs.length)
    let length = 0
    next: for (const n of rarest!.docs) {
      for (const word of excluded) if (word.scores[n]! > 0) continue next
      let score = scores[n]!
      for (const other of others) {
        const more = other.scores[n]!
        if (more === 0) continue next
        score += more
      }
      scores[n] = score
      docs[length++] = n
    }
    return { docs: docs.subarray(0, length), scores, terms }
  }

  /**
   * All documents matching the query, best first, narrowed by the facet filter, with the facet
   * counts of the whole match. Phrases are checked in the word sequences of the index (the
   * loader is no longer needed: it is kept for callers that pass it).
   */
  async search(
    query: ParsedQuery,
    filter: FacetFilter = {},
    _loadText?: TextLoader,
    options: SearchOptions = {}
  ): Promise<SearchAnswer> {
    if (isEmptyQuery(query)) {
      return { total: 0, hits: [], facets: emptyCounts() }
    }
    const { docs: matched, scores, terms } = this.matchQuery(query)
    let docs = matched
    const phrases = query.phrases
      .filter((p) => foldedWords(p).length > 1)
      .map((p) => this.words.compile(p))
    const excluded = query.excludedPhrases.map((p) => this.words.compile(p))
    if (phrases.length || excluded.length) docs = this.checkPhrases(docs, phrases, excluded)
    const passing = new Int32Array(docs.length)
    const { counts, passed } = this.facets.count(docs, docs.length, filter, passing)
    const offset = options.offset ?? 0
    const limit = options.limit ?? Infinity
    const order = bestOf(passing.subarray(0, passed), (i) => scores[docs[i]!]!, offset + limit)
    const hits: SearchHit[] = []
    for (let k = offset; k < Math.min(order.length, offset + limit); k++) {
      const n = docs[order[k]!]!
      const id = this.index.keyOf(n)
      const { kind, recordId } = splitDocId(id)
      hits.push({
        id,
        kind,
        recordId,
        articleId:
          kind === 'article'
            ? recordId
            : kind === 'passage'
              ? this.passages.get(recordId)?.articleId
              : undefined,
        score: scores[n]!,
        terms
      })
    }
    return { total: passed, hits, facets: counts }
  }

  /** The documents of `docs` that hold every phrase and none of the excluded ones. */
  private checkPhrases(
    docs: Int32Array,
    phrases: CompiledPhrase[],
    excluded: CompiledPhrase[]
  ): Int32Array {
    let kept = 0
    next: for (let i = 0; i < docs.length; i++) {
      const n = docs[i]!
      for (const phrase of phrases) if (!this.words.contains(n, phrase)) continue next
      for (const phrase of excluded) if (this.words.contains(n, phrase)) continue next
      docs[kept++] = n
    }
    return docs.subarray(0, kept)
  }
}
