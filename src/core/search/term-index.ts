// Which documents hold which terms: FlexSearch's inverted index (compact, and a term's documents
// come back in microseconds, best placed first), and beside it the vocabulary in MiniSearch's
// radix tree, which finds the terms a typo or a prefix may mean. Terms arrive analyzed
// (analyze.ts); a document is one string of terms, its title first (earlier terms rank higher).
import FlexSearch from 'flexsearch'
import SearchableMap from 'minisearch/SearchableMap'

/** What one word of a query may match, and how much each kind of match counts. */
export interface WordQuery {
  /** Its stems: an exact match counts 1. */
  exact: string[]
  /** Edit distance allowed around each stem (0: none); a near term counts 0.45. */
  fuzzy?: number
  /** Prefixes (the word being typed): a term they begin counts 0.5. */
  prefixes?: string[]
  /** Stems the word being typed has run past ("elect" for "electio"): count like a prefix. */
  passed?: string[]
}

export interface WordMatches {
  /** Numbers of the documents matched (see keyOf), each once. */
  docs: number[]
  /** Score of each document's best term for this word, in (0, 1], by document number. */
  scores: Float64Array
  /** Every term tried (for marking snippets). */
  terms: string[]
}

const EXACT = 1
const FUZZY = 0.45
const PREFIX = 0.5
/** A prefix of a common start ("co") would mean thousands of terms: the most used are tried. */
const PREFIX_TERMS = 200

/** A term index as saved (see TermIndex.save): plain data a structured clone keeps. */
export interface TermIndexSnapshot {
  /** The key of each document number; null where the document was removed. */
  keys: (string | null)[]
  /** FlexSearch's own export, part by part. */
  flex: [string, string][]
  vocabulary: [string, number][]
}

interface FlexInternals {
  fastupdate: boolean
  reg: Set<number> | Map<number, number[][]>
  map: Map<string, (number[] | undefined)[]>
}

function newFlexIndex(): InstanceType<typeof FlexSearch.Index> {
  return new FlexSearch.Index({
    tokenize: 'strict',
    // Removal and replacement in constant time (an edit, an undo), for some memory.
    fastupdate: true,
    encode: (text: string) => text.split(' ').filter(Boolean)
  })
}

export class TermIndex {
  private readonly index = newFlexIndex()
  /** Terms ever indexed, with how many documents were given each (never decremented). */
  private vocabulary = new SearchableMap<number>()
  private readonly numbers = new Map<string, number>()
  private readonly keys: (string | null)[] = ['']
  /** False after a restore, until the first removal needs FlexSearch's register (see below). */
  private registered = true

  get size(): number {
    return this.numbers.size
  }

  /** The key of a document number (from match). */
  keyOf(number: number): string {
    return this.keys[number] ?? ''
  }

  /** Everything the index holds, to be saved and restored without analyzing any text again. */
  save(): TermIndexSnapshot {
    const flex: [string, string][] = []
    void this.index.export((key: string, data: string) => void flex.push([key, data]))
    return { keys: [...this.keys], flex, vocabulary: [...this.vocabulary.entries()] }
  }

  /** An index restored from `save`; throws on a snapshot that is not one. */
  static restore(snapshot: TermIndexSnapshot): TermIndex {
    const restored = new TermIndex()
    const { keys, flex, vocabulary } = snapshot
    if (!Array.isArray(keys) || !Array.isArray(flex) || !Array.isArray(vocabulary))
      throw new Error('not a term index snapshot')
    restored.keys.length = 0
    keys.forEach((key, number) => {
      restored.keys.push(key)
      if (number > 0 && key !== null) restored.numbers.set(key, number)
    })
    // FlexSearch 0.8's import expects the register of an index without `fastupdate` (a Set of
    // ids; with it, a Map, and import throws): it is imported so, and the Map is rebuilt when
    // first needed.
    const flexIndex = restored.index as unknown as FlexInternals
    flexIndex.fastupdate = false
    flexIndex.reg = new Set()
    for (const [key, data] of flex) restored.index.import(key, data)
    restored.registered = false
    restored.vocabulary = SearchableMap.from(vocabulary)
    return restored
  }

  /**
   * FlexSearch's register with `fastupdate`: for each document, the lists of its number in the
   * term map, so that a removal touches those lists only (instead of every term).
   */
  private register(): void {
    if (this.registered) return
    const flexIndex = this.index as unknown as FlexInternals
    const reg = new Map<number, number[][]>()
    for (const slots of flexIndex.map.values()) {
      for (const list of slots) {
        if (!list) continue
        for (const number of list) {
          const lists = reg.get(number)
          if (lists) lists.push(list)
          else reg.set(number, [list])
        }
      }
    }
    flexIndex.reg = reg
    flexIndex.fastupdate = true
    this.registered = true
  }

  *documentKeys(): IterableIterator<string> {
    yield* this.numbers.keys()
  }

  /** Every document's key with its number. */
  documentNumbers(): IterableIterator<[string, number]> {
    return this.numbers.entries()
  }

  /** The number of a document (see keyOf), if it is indexed. */
  numberOf(key: string): number | undefined {
    return this.numbers.get(key)
  }

  /** True when some document was given this term. */
  has(term: string): boolean {
    return this.vocabulary.has(term)
  }

  /** Adds or replaces a document's terms; gives its number (kept when it is replaced). */
  put(key: string, terms: readonly string[]): number {
    this.register()
    let number = this.numbers.get(key)
    if (number === undefined) {
      number = this.keys.length
      this.keys.push(key)
      this.numbers.set(key, number)
    } else this.index.remove(number)
    const unique = new Set(terms)
    for (const term of unique) this.vocabulary.update(term, (count = 0) => count + 1)
    this.index.add(number, terms.join(' '))
    return number
  }

  remove(key: string): void {
    const number = this.numbers.get(key)
    if (number === undefined) return
    this.register()
    this.index.remove(number)
    this.numbers.delete(key)
    this.keys[number] = null
  }

  /**
   * A term's documents, best placed first: FlexSearch's lists for the term, one per place
   * (what its search gives once concatenated), read as they are, without copying them.
   */
  private documents(term: string): (number[] | undefined)[] {
    return (this.index as unknown as FlexInternals).map.get(term) ?? []
  }

  /** The documents one query word matches, each with the score of its best matching term. */
  match(word: WordQuery): WordMatches {
    const weights = new Map<string, number>()
    const weigh = (term: string, weight: number): void => {
      if (term && (weights.get(term) ?? 0) < weight) weights.set(term, weight)
    }
    for (const term of word.exact) weigh(term, EXACT)
    if (word.fuzzy) {
      for (const term of word.exact) {
        for (const [near] of this.vocabulary.fuzzyGet(term, word.fuzzy)) weigh(near, FUZZY)
      }
    }
    for (const prefix of word.prefixes ?? []) {
      if (prefix.length < 2) continue
      const begun = [...this.vocabulary.atPrefix(prefix)]
      begun.sort((a, b) => b[1] - a[1])
      for (const [term] of begun.slice(0, PREFIX_TERMS))
        weigh(term, term === prefix ? EXACT : PREFIX)
    }
    for (const term of word.passed ?? []) weigh(term, PREFIX)
    // Document numbers index a typed array: a common word matches most of the archive, and
    // numbers cost far less than a map of keys.
    const scores = new Float64Array(this.keys.length)
    const docs: number[] = []
    for (const [term, weight] of weights) {
      const lists = this.documents(term)
      let count = 0
      for (const list of lists) if (list) count += list.length
      const scale = weight / (2 * count)
      // FlexSearch gives the best placed first; rank turns into a score in (0, 1].
      let rank = 0
      for (const list of lists) {
        if (!list) continue
        for (let k = 0; k < list.length; k++, rank++) {
          const number = list[k]!
          const score = weight - rank * scale
          const previous = scores[number]!
          if (previous === 0) docs.push(number)
          if (score > previous) scores[number] = score
        }
      }
    }
    return { docs, scores, terms: [...weights.keys()] }
  }
}
