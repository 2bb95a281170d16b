// The facets of every document, by document number, in columns of small integers: its kind, its
// outlet, language and date (interned), whether it is annotated, and its tags (with their
// ancestors) and events. Kept current document by document as relations change (see
// SearchEngine.refresh), so that a word matching most of the archive is counted in one pass over
// typed arrays, without an object per document, and a facet choice is a table look-up.
import type { SearchKind } from './documents'

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

/** The facets of one document, as the engine reads them from its relations. */
export interface DocFacets {
  kind: SearchKind
  outlet?: string
  language?: string
  /** ISO date at its precision, or null/undefined when unknown. */
  published?: string | null
  tagIds: ReadonlySet<string>
  eventIds: ReadonlySet<string>
  annotated?: boolean
}

const KINDS: readonly SearchKind[] = ['article', 'passage', 'event', 'tag']
const KIND_CODE: Record<SearchKind, number> = { article: 1, passage: 2, event: 3, tag: 4 }

// One bit per facet group: a document failing one group only is still counted in that group
// (disjunctive facets: a group's other values show what choosing them would give).
const KIND = 1
const TAG = 2
const EVENT = 4
const OUTLET = 8
const LANGUAGE = 16
const ANNOTATED = 32
const DATE = 64

/** Strings numbered from 1 (0 stands for "none"), never forgotten: outlets, languages, tags… */
class Interner {
  readonly ids = new Map<string, number>()
  readonly values: string[] = ['']

  id(value: string): number {
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.ids.set(value, id)
    }
    return id
  }

  /** A table by id, true for the values chosen (null when nothing is chosen). */
  chosen(values: readonly string[] | undefined): Uint8Array | null {
    if (!values || values.length === 0) return null
    const table = new Uint8Array(this.values.length)
    for (const value of values) {
      const id = this.ids.get(value)
      if (id !== undefined) table[id] = 1
    }
    return table
  }
}

function pad(date: string, end: boolean): string {
  if (date.length === 4) return `${date}-${end ? '12-31' : '01-01'}`
  if (date.length === 7) return `${date}-${end ? '31' : '01'}`
  return date
}

const EMPTY = new Uint32Array(0)

/** True when some facet choice is made. */
export function isActive(filter: FacetFilter): boolean {
  return Object.values(filter).some((value) =>
    Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== ''
  )
}

export function emptyCounts(): FacetCounts {
  return {
    kinds: {},
    tags: {},
    events: {},
    outlets: {},
    languages: {},
    years: {},
    annotated: { yes: 0, no: 0 }
  }
}

export class FacetColumns {
  private kind = new Uint8Array(1024)
  private outlet = new Uint32Array(1024)
  private language = new Uint32Array(1024)
  private published = new Uint32Array(1024)
  /** 0: not counted (events, tags), 1: not annotated, 2: annotated. */
  private annotated = new Uint8Array(1024)
  private tags: Uint32Array[] = []
  private events: Uint32Array[] = []
  private readonly outlets = new Interner()
  private readonly languages = new Interner()
  private readonly dates = new Interner()
  private readonly years = new Interner()
  /** The year id of each date id. */
  private yearOfDate: number[] = [0]
  private readonly tagIds = new Interner()
  private readonly eventIds = new Interner()

  private grow(n: number): void {
    if (n < this.kind.length) return
    let size = this.kind.length
    while (size <= n) size *= 2
    const larger = <T extends Uint8Array | Uint32Array>(array: T): T => {
      const copy = new (array.constructor as new (size: number) => T)(size)
      copy.set(array)
      return copy
    }
    this.kind = larger(this.kind)
    this.outlet = larger(this.outlet)
    this.language = larger(this.language)
    this.published = larger(this.published)
    this.annotated = larger(this.annotated)
  }

  private dateId(published: string | null | undefined): number {
    if (!published) return 0
    const id = this.dates.id(published)
    if (id === this.yearOfDate.length) this.yearOfDate.push(this.years.id(published.slice(0, 4)))
    return id
  }

  private static ids(values: ReadonlySet<string>, interner: Interner): Uint32Array {
    if (values.size === 0) return EMPTY
    const ids = new Uint32Array(values.size)
    let i = 0
    for (const value of values) ids[i++] = interner.id(value)
    return ids
  }

  /** Records the facets of document `n`. */
  set(n: number, facets: DocFacets): void {
    this.grow(n)
    const articleLike = facets.kind === 'article' || facets.kind === 'passage'
    this.kind[n] = KIND_CODE[facets.kind]
    this.outlet[n] = facets.outlet === undefined ? 0 : this.outlets.id(facets.outlet)
    this.language[n] = facets.language === undefined ? 0 : this.languages.id(facets.language)
    this.published[n] = this.dateId(facets.published)
    this.annotated[n] = articleLike ? (facets.annotated ? 2 : 1) : 0
    this.tags[n] = FacetColumns.ids(facets.tagIds, this.tagIds)
    this.events[n] = FacetColumns.ids(facets.eventIds, this.eventIds)
  }

  /** Forgets document `n` (removed). */
  clear(n: number): void {
    if (n >= this.kind.length) return
    this.kind[n] = 0
    this.annotated[n] = 0
    this.published[n] = 0
    delete this.tags[n]
    delete this.events[n]
  }

  /** Document numbers that carry some tag (to refresh when the tag tree changes). */
  *tagged(): IterableIterator<number> {
    for (const [n, ids] of this.tags.entries()) if (ids && ids.length) yield n
  }

  kindOf(n: number): SearchKind | undefined {
    return KINDS[this.kind[n]! - 1]
  }

  /**
   * Counts the facets of the documents `docs[0..length)`, each group as if its own choice were
   * not made, and writes into `passing` the positions (in `docs`) of those every choice keeps,
   * returning how many there are.
   */
  count(
    docs: ArrayLike<number>,
    length: number,
    filter: FacetFilter,
    passing: Int32Array
  ): { counts: FacetCounts; passed: number } {
    const kindCounts = new Uint32Array(KINDS.length + 1)
    const outletCounts = new Uint32Array(this.outlets.values.length)
    const languageCounts = new Uint32Array(this.languages.values.length)
    const yearCounts = new Uint32Array(this.years.values.length)
    const tagCounts = new Uint32Array(this.tagIds.values.length)
    const eventCounts = new Uint32Array(this.eventIds.values.length)
    let annotatedYes = 0
    let annotatedNo = 0
    const active = isActive(filter)
    const kinds = active && filter.kinds?.length ? new Uint8Array(KINDS.length + 1) : null
    for (const kind of filter.kinds ?? []) if (kinds) kinds[KIND_CODE[kind]] = 1
    const outlets = active ? this.outlets.chosen(filter.outlets) : null
    const languages = active ? this.languages.chosen(filter.languages) : null
    const tags = active ? this.tagIds.chosen(filter.tagIds) : null
    const events = active ? this.eventIds.chosen(filter.eventIds) : null
    const annotated = filter.annotated === undefined ? 0 : filter.annotated ? 2 : 1
    let dates: Uint8Array | null = null
    if (filter.from || filter.to) {
      // Dates overlapping [from, to], decided once per distinct date; unknown dates never pass.
      const from = filter.from ? pad(filter.from, false) : ''
      const to = filter.to ? pad(filter.to, true) : ''
      dates = new Uint8Array(this.dates.values.length)
      for (let id = 1; id < dates.length; id++) {
        const date = this.dates.values[id]!
        dates[id] = (!from || pad(date, true) >= from) && (!to || pad(date, false) <= to) ? 1 : 0
      }
    }
    const { kind, outlet, language, published, yearOfDate } = this
    let passed = 0
    for (let i = 0; i < length; i++) {
      const n = docs[i]!
      let fails = 0
      if (active) {
        if (kinds && !kinds[kind[n]!]) fails |= KIND
        if (outlets && !outlets[outlet[n]!]) fails |= OUTLET
        if (languages && !languages[language[n]!]) fails |= LANGUAGE
        if (annotated && this.annotated[n] !== annotated) fails |= ANNOTATED
        if (dates && !dates[published[n]!]) fails |= DATE
        if (tags && !FacetColumns.any(this.tags[n], tags)) fails |= TAG
        if (events && !FacetColumns.any(this.events[n], events)) fails |= EVENT
        // Failing two groups or more, a document is counted nowhere.
        if (fails & (fails - 1)) continue
      }
      if (fails === 0) passing[passed++] = i
      if (!(fails & ~KIND)) kindCounts[kind[n]!]!++
      const tagIds = this.tags[n]
      if (tagIds && tagIds.length && !(fails & ~TAG))
        for (let k = 0; k < tagIds.length; k++) tagCounts[tagIds[k]!]!++
      const eventIds = this.events[n]
      if (eventIds && eventIds.length && !(fails & ~EVENT))
        for (let k = 0; k < eventIds.length; k++) eventCounts[eventIds[k]!]!++
      const mark = this.annotated[n]!
      // Only articles and passages have an outlet, a language, a date and notes.
      if (mark === 0) continue
      if (!(fails & ~OUTLET)) outletCounts[outlet[n]!]!++
      if (!(fails & ~LANGUAGE)) languageCounts[language[n]!]!++
      const date = published[n]!
      if (date && !(fails & ~DATE)) yearCounts[yearOfDate[date]!]!++
      if (!(fails & ~ANNOTATED)) {
        if (mark === 2) annotatedYes++
        else annotatedNo++
      }
    }
    const counts = emptyCounts()
    for (let code = 1; code < kindCounts.length; code++)
      if (kindCounts[code]) counts.kinds[KINDS[code - 1]!] = kindCounts[code]!
    FacetColumns.write(counts.tags, tagCounts, this.tagIds, '')
    FacetColumns.write(counts.events, eventCounts, this.eventIds, '')
    FacetColumns.write(counts.outlets, outletCounts, this.outlets, '')
    FacetColumns.write(counts.languages, languageCounts, this.languages, 'und')
    FacetColumns.write(counts.years, yearCounts, this.years, '')
    counts.annotated = { yes: annotatedYes, no: annotatedNo }
    return { counts, passed }
  }

  private static any(ids: Uint32Array | undefined, chosen: Uint8Array): boolean {
    if (!ids) return false
    for (let k = 0; k < ids.length; k++) if (chosen[ids[k]!]) return true
    return false
  }

  /** Counts by id into a record by value; id 0 (none) is counted as `none`. */
  private static write(
    into: Record<string, number>,
    counts: Uint32Array,
    interner: Interner,
    none: string
  ): void {
    for (let id = 0; id < counts.length; id++) {
      const count = counts[id]!
      if (!count) continue
      const key = id === 0 ? none : interner.values[id]!
      into[key] = (into[key] ?? 0) + count
    }
  }
}
