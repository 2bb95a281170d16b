// Who corroborates an event: sources (outlets or articles) per event, with wire copies and
// near-duplicates folded into the source they repeat, so that one story told twice counts once.
import type { Article } from '../archive/article'
import type { Passage } from '../archive/passage'
import { foldForSearch } from '../archive/library-view'
import { compareDates } from '../archive/published-date'
import { stripDateline, WIRE_SERVICES, wireServicesOf } from '../import/captured-lines'
import type { EventLink, LinkRole, TimelineEvent } from './types'

/** What counts as one source: an outlet (articles without one count alone), or each article. */
export type SourceGrouping = 'outlet' | 'article'

/**
 * The key of an article's source. By outlet, the outlet compared without case or accents
 * ("Le Monde" = "le monde"); an article whose outlet is unknown is its own source, because
 * lumping every unknown outlet together would make independent articles look like one.
 */
export function sourceKey(article: Pick<Article, 'id' | 'outlet'>, by: SourceGrouping): string {
  const outlet = foldForSearch(article.outlet).replace(/\s+/g, ' ').trim()
  return by === 'outlet' && outlet !== '' ? `outlet:${outlet}` : `article:${article.id}`
}

export interface ArticleWithText {
  article: Article
  text: string
}

/**
 * What detectRepeats uses of an article besides its text, as one number: the author (wire
 * credits), the publication and import dates (which article of a group is the original) and the
 * source name (archive order). A title edit does not change it: repeats need not be found again.
 */
export function repeatInputsKey(
  article: Pick<Article, 'author' | 'published' | 'importedAt' | 'sourceName'>
): number {
  const fields = [
    article.author,
    article.published ? JSON.stringify(article.published) : '',
    article.importedAt,
    article.sourceName
  ].join('\u0000')
  return hashWord(fields)
}

export type RepeatKind = 'nearDuplicate' | 'sameWire'

/** An article that repeats another one, and why we think so. */
export interface Repeat {
  articleId: string
  /** The article it repeats (the group's original when they were compared directly). */
  of: string
  kind: RepeatKind
  /** Jaccard similarity of their 5-word shingle sets (0–1). */
  similarity: number
  /** Share of the shorter text's shingles found in the other (0–1). */
  containment: number
  /** Wire services both credit (AFP, Reuters…), empty when none is shared. */
  wires: string[]
  /** A sentence a person can check: what is shared, and how much. */
  detail: string
}

/** Articles that tell one story once: the original and the repeats folded into it. */
export interface RepeatGroup {
  originalId: string
  /** Every member, original first. */
  articleIds: string[]
  repeats: Repeat[]
}

export interface RepeatOptions {
  /** Jaccard at or above which two texts are the same copy (default 0.6). */
  jaccard?: number
  /** Containment at or above which the shorter text is a cut of the longer (default 0.8). */
  containment?: number
  /** Containment at or above which two articles crediting the same wire share its copy (0.4). */
  wireContainment?: number
}

/** Word shingles of this length: long enough that ordinary phrases rarely coincide. */
const SHINGLE = 5
/** Texts with fewer shingles than this (≈ 25 words) are too short to call copies of anything. */
const MIN_SHINGLES = 20
/** Only shingles whose hash falls in 1 of SAMPLE buckets propose candidate pairs. */
const SAMPLE = 4
/**
 * A sampled shingle shared by more texts than this (a story syndicated everywhere, or boilerplate)
 * only proposes each text with its next few neighbours in the list: grouping is transitive, so a
 * chain of copies still forms one group, and the pairs stay linear in the list's length.
 */
const MAX_POSTINGS = 50
const NEIGHBOURS = 4

interface Fingerprint {
  article: Article
  shingles: Set<number>
  wires: Set<string>
}

/** A repeat found between the texts at indexes a and b, before a direction is chosen. */
type Edge = Pick<Repeat, 'kind' | 'similarity' | 'containment' | 'wires'> & { a: number; b: number }

/**
 * Groups of articles that merely repeat another. Two articles are linked when their texts are
 * near-identical (Jaccard of 5-word shingles ≥ 0.6, or ≥ 0.8 of the shorter one's shingles found
 * in the longer: the same copy, trimmed or lightly edited), or when both credit the same wire
 * service and ≥ 0.4 of the shorter one's shingles are in the other (an agency dispatch rewritten
 * around the edges). Linked articles form a group whose original is the earliest published (then
 * earliest imported). Candidate pairs come from an index of sampled shingles, so the cost grows
 * with the total text, not with the square of the number of articles.
 */
export function detectRepeats(
  items: readonly ArticleWithText[],
  options: RepeatOptions = {}
): RepeatGroup[] {
  const jaccardMin = options.jaccard ?? 0.6
  const containmentMin = options.containment ?? 0.8
  const wireMin = options.wireContainment ?? 0.4
  const prints = items.map(({ article, text }) => ({
    article,
    shingles: shingles(text),
    wires: wiresOf(article, text)
  }))
  const edges: Edge[] = []
  for (const [a, b] of candidatePairs(prints)) {
    const pa = prints[a]
    const pb = prints[b]
    if (!pa || !pb) continue
    const shared = intersectionSize(pa.shingles, pb.shingles)
    const smaller = Math.min(pa.shingles.size, pb.shingles.size)
    const similarity = shared / (pa.shingles.size + pb.shingles.size - shared)
    const containment = shared / smaller
    const wires = [...pa.wires].filter((wire) => pb.wires.has(wire)).sort()
    let kind: RepeatKind | null = null
    if (similarity >= jaccardMin || containment >= containmentMin) kind = 'nearDuplicate'
    else if (wires.length > 0 && containment >= wireMin) kind = 'sameWire'
    if (kind) edges.push({ a, b, kind, similarity, containment, wires })
  }
  return groupEdges(prints, edges)
}

function groupEdges(prints: Fingerprint[], edges: Edge[]): RepeatGroup[] {
  const parent = prints.map((_, i) => i)
  const find = (i: number): number => {
    let root = i
    while (parent[root] !== root) root = parent[root] ?? root
    while (parent[i] !== root) {
      const next = parent[i] ?? root
      parent[i] = root
      i = next
    }
    return root
  }
  for (const edge of edges) parent[find(edge.a)] = find(edge.b)
  const edgesOf = new Map<number, Edge[]>()
  for (const edge of edges) {
    for (const i of [edge.a, edge.b]) {
      const list = edgesOf.get(i)
      if (list) list.push(edge)
      else edgesOf.set(i, [edge])
    }
  }
  const members = new Map<number, number[]>()
  for (const i of edgesOf.keys()) {
    const root = find(i)
    const list = members.get(root)
    if (list) list.push(i)
    else members.set(root, [i])
  }
  const groups: RepeatGroup[] = []
  for (const list of members.values()) {
    const ordered = list
      .map((i) => ({ i, article: prints[i]?.article }))
      .filter((m): m is { i: number; article: Article } => m.article !== undefined)
      .sort((x, y) => compareOriginal(x.article, y.article))
    const original = ordered[0]
    if (!original) continue
    const byIndex = new Map(ordered.map((m) => [m.i, m.article]))
    const repeats: Repeat[] = []
    for (const member of ordered.slice(1)) {
      // The link to the original when there is one, else the strongest link it has in the group.
      const own = [...(edgesOf.get(member.i) ?? [])].sort(
        (x, y) =>
          Number(involves(y, original.i)) - Number(involves(x, original.i)) ||
          y.similarity - x.similarity
      )[0]
      if (!own) continue
      const otherIndex = own.a === member.i ? own.b : own.a
      const other = byIndex.get(otherIndex)
      if (!other) continue
      repeats.push({
        articleId: member.article.id,
        of: other.id,
        kind: own.kind,
        similarity: round(own.similarity),
        containment: round(own.containment),
        wires: own.wires,
        detail: describe(own, other)
      })
    }
    groups.push({
      originalId: original.article.id,
      articleIds: ordered.map((m) => m.article.id),
      repeats
    })
  }
  return groups.sort((a, b) => a.originalId.localeCompare(b.originalId))
}

function involves(edge: { a: number; b: number }, i: number): boolean {
  return edge.a === i || edge.b === i
}

/** Earliest published first (unknown dates last), then earliest imported, then by id. */
function compareOriginal(a: Article, b: Article): number {
  return (
    compareDates(a.published, b.published) ||
    a.importedAt.localeCompare(b.importedAt) ||
    a.id.localeCompare(b.id)
  )
}

function describe(
  edge: { kind: RepeatKind; similarity: number; containment: number; wires: string[] },
  other: Article
): string {
  const percent = (value: number): string => `${Math.round(value * 100)} %`
  const name = other.title || other.sourceName || other.id
  if (edge.kind === 'nearDuplicate') {
    return (
      `Near-identical to “${name}”: ${percent(edge.containment)} of the shorter text's ` +
      `5-word sequences appear in the other (Jaccard ${edge.similarity.toFixed(2)})` +
      (edge.wires.length ? `; both credit ${edge.wires.join(', ')}` : '')
    )
  }
  return (
    `Same ${edge.wires.join(', ')} dispatch as “${name}”: both credit it and ` +
    `${percent(edge.containment)} of the shorter text's 5-word sequences appear in the other`
  )
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

/** 32-bit hashes of the text's 5-word shingles (accents and case ignored). */
function shingles(text: string): Set<number> {
  const words = foldForSearch(text).match(/[\p{L}\p{N}]+/gu) ?? []
  const hashes = words.map(hashWord)
  const set = new Set<number>()
  for (let i = 0; i + SHINGLE <= hashes.length; i++) {
    let h = 0x811c9dc5
    for (let k = 0; k < SHINGLE; k++) h = Math.imul(h ^ (hashes[i + k] ?? 0), 0x01000193)
    set.add(h >>> 0)
  }
  return set
}

/** FNV-1a over the UTF-16 code units. */
function hashWord(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function intersectionSize(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let shared = 0
  for (const value of small) if (large.has(value)) shared++
  return shared
}

/** Pairs (i < j) sharing at least one sampled shingle (neighbours only in long lists). */
function candidatePairs(prints: Fingerprint[]): Array<[number, number]> {
  const postings = new Map<number, number[]>()
  prints.forEach((print, i) => {
    if (print.shingles.size < MIN_SHINGLES) return
    for (const hash of print.shingles) {
      if (hash % SAMPLE !== 0) continue
      const list = postings.get(hash)
      if (list) list.push(i)
      else postings.set(hash, [i])
    }
  })
  const seen = new Set<number>()
  const pairs: Array<[number, number]> = []
  const n = prints.length
  for (const list of postings.values()) {
    if (list.length < 2) continue
    const reach = list.length > MAX_POSTINGS ? NEIGHBOURS : list.length
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length && y <= x + reach; y++) {
        const a = list[x] ?? 0
        const b = list[y] ?? 0
        const key = a * n + b
        if (seen.has(key)) continue
        seen.add(key)
        pairs.push([a, b])
      }
    }
  }
  return pairs
}

const WIRE_NAMES = new Map(Object.values(WIRE_SERVICES).map((name) => [name.toLowerCase(), name]))

/** Wire services an article credits: credit lines ("afp/ta"), datelines "(AFP) -", the author. */
function wiresOf(article: Article, text: string): Set<string> {
  const wires = new Set<string>()
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.length > 60) {
      // Agency datelines open a paragraph of any length: "PARIS (AFP) - Le gouvernement…".
      if (trimmed.length > 60 && stripDateline(trimmed) !== trimmed) addBracketed(trimmed, wires)
      continue
    }
    for (const wire of wireServicesOf(trimmed)) wires.add(wire)
    if (stripDateline(trimmed) !== trimmed) addBracketed(trimmed, wires)
  }
  for (const part of article.author.split(/[,;&/]|\s+(?:et|and)\s+/u)) {
    const wire = WIRE_NAMES.get(part.trim().toLowerCase())
    if (wire) wires.add(wire)
  }
  return wires
}

function addBracketed(line: string, wires: Set<string>): void {
  const name = /\(([\p{L}]+)\)/u.exec(line)?.[1]
  const wire = name ? WIRE_NAMES.get(name.toLowerCase()) : undefined
  if (wire) wires.add(wire)
}

/** Link counts of one event for one source, and the passages behind them. */
export type MatrixCell = Record<LinkRole, number> & { passageIds: string[] }

/** A column of the matrix: one source as `sourceKey` groups articles. */
export interface SourceColumn {
  key: string
  /** The outlet's name, or the article's title when the source is one article. */
  label: string
  /**
   * By outlet, a column for one article whose outlet is unknown: to be headed as such, with the
   * article's title (`label`) as secondary text, not as if the title were an outlet.
   */
  unknownOutlet: boolean
  /** The outlet of the column's (first) article as written, '' when unknown. */
  outlet: string
  articleIds: string[]
  /** The source it counts as once repeats are folded in (its own key when it repeats none). */
  independentKey: string
}

/** One independent source behind an event, with any repeats folded into it and why. */
export interface IndependentSource {
  key: string
  label: string
  /** The columns (sources) that count as this one source for the event. */
  sourceKeys: string[]
  articleIds: string[]
  passageIds: string[]
  /** Why articles of other sources were counted as this one (their repeat records). */
  repeats: Repeat[]
}

export interface EventCorroboration {
  eventId: string
  /** Sparse: only the sources with at least one link to the event. */
  cells: Map<string, MatrixCell>
  supportingSources: IndependentSource[]
  contradictingSources: IndependentSource[]
  /** Counts of the two lists above, for display. */
  supporting: number
  contradicting: number
  /** Exactly one independent source reports the event: it stands on a single testimony. */
  singleSource: boolean
}

export interface CorroborationMatrix {
  /** Columns, in order of first appearance among the links. */
  sources: SourceColumn[]
  /** One row per event, in the order given. */
  rows: EventCorroboration[]
  byEvent: Map<string, EventCorroboration>
  /** Links whose event, passage or article is missing (deleted meanwhile): not counted. */
  unresolvedLinks: number
}

export interface MatrixOptions {
  by: SourceGrouping
  repeats?: readonly RepeatGroup[]
}

/**
 * Events × sources: for each event, how many passages of each source report, contradict or
 * mention it; the independent sources supporting and contradicting it, repeats counted once
 * (under the source of the original they repeat) with the reason kept; and whether it rests on a
 * single independent source. One pass over the links after indexing passages and articles.
 */
export function corroborationMatrix(
  events: readonly TimelineEvent[],
  links: readonly EventLink[],
  passages: readonly Pick<Passage, 'id' | 'articleId'>[],
  articles: readonly Article[],
  options: MatrixOptions
): CorroborationMatrix {
  const { by } = options
  const articleById = new Map(articles.map((a) => [a.id, a]))
  const passageArticle = new Map(passages.map((p) => [p.id, p.articleId]))
  const repeatOf = new Map<string, { originalId: string; repeat: Repeat }>()
  for (const group of options.repeats ?? []) {
    for (const repeat of group.repeats) {
      repeatOf.set(repeat.articleId, { originalId: group.originalId, repeat })
    }
  }
  const label = (article: Article): string =>
    by === 'outlet' && article.outlet.trim() ? article.outlet.trim() : titleOf(article)
  const labels = new Map<string, string>()
  const columns = new Map<string, SourceColumn>()

  // Everything a link needs from its passage, resolved once per passage: folding outlet names or
  // chasing repeats per link would dominate the pass over 50,000 links.
  const articleSources = new Map<string, PassageSource>()
  const passageSources = new Map<string, PassageSource | null>()
  const sourceOfArticle = (article: Article): PassageSource => {
    let known = articleSources.get(article.id)
    if (known) return known
    const key = sourceKey(article, by)
    const repeated = repeatOf.get(article.id)
    const original = repeated ? articleById.get(repeated.originalId) : article
    const independentKey = original
      ? sourceKey(original, by)
      : `article:${repeated?.originalId ?? article.id}`
    if (!labels.has(independentKey)) {
      labels.set(independentKey, original ? label(original) : independentKey)
    }
    let column = columns.get(key)
    if (!column) {
      column = {
        key,
        label: label(article),
        unknownOutlet: by === 'outlet' && !article.outlet.trim(),
        outlet: article.outlet.trim(),
        articleIds: [],
        independentKey
      }
      columns.set(key, column)
    }
    column.articleIds.push(article.id)
    known = { articleId: article.id, key, independentKey, repeat: repeated?.repeat ?? null }
    articleSources.set(article.id, known)
    return known
  }
  const sourceOfPassage = (passageId: string): PassageSource | null => {
    let known = passageSources.get(passageId)
    if (known !== undefined) return known
    const articleId = passageArticle.get(passageId)
    const article = articleId === undefined ? undefined : articleById.get(articleId)
    known = article ? sourceOfArticle(article) : null
    passageSources.set(passageId, known)
    return known
  }

  const rows: EventCorroboration[] = events.map((event) => ({
    eventId: event.id,
    cells: new Map(),
    supportingSources: [],
    contradictingSources: [],
    supporting: 0,
    contradicting: 0,
    singleSource: false
  }))
  const byEvent = new Map(rows.map((row) => [row.eventId, row]))
  const rowIndex = new Map(rows.map((row, index) => [row.eventId, index]))
  const tallies: Array<Tally | undefined> = new Array<Tally | undefined>(rows.length)
  let unresolved = 0

  for (const link of links) {
    const index = rowIndex.get(link.eventId)
    const row = index === undefined ? undefined : rows[index]
    const source = row ? sourceOfPassage(link.passageId) : null
    if (index === undefined || !row || !source) {
      unresolved++
      continue
    }
    let cell = row.cells.get(source.key)
    if (!cell) {
      cell = { reports: 0, contradicts: 0, mentions: 0, passageIds: [] }
      row.cells.set(source.key, cell)
    }
    cell[link.role]++
    cell.passageIds.push(link.passageId)
    if (link.role === 'mentions') continue
    let tally = tallies[index]
    if (!tally) {
      tally = { reports: new Map(), contradicts: new Map() }
      tallies[index] = tally
    }
    const table = tally[link.role]
    let independent = table.get(source.independentKey)
    if (!independent) {
      independent = newAccumulator(source.independentKey)
      table.set(source.independentKey, independent)
    }
    // Arrays, not sets: a source has a handful of articles, and 50,000 links would otherwise
    // allocate well over 100,000 small sets; duplicates are checked here or dropped in `finish`.
    if (!independent.sourceKeys.includes(source.key)) independent.sourceKeys.push(source.key)
    if (!independent.articleIds.includes(source.articleId)) {
      independent.articleIds.push(source.articleId)
      if (source.repeat) independent.repeats.push(source.repeat)
    }
    independent.passageIds.push(link.passageId)
  }

  const labelFor = (key: string): string => labels.get(key) ?? key
  for (const [index, row] of rows.entries()) {
    const tally = tallies[index]
    if (!tally) continue
    row.supportingSources = finish(tally.reports, labelFor)
    row.contradictingSources = finish(tally.contradicts, labelFor)
    row.supporting = row.supportingSources.length
    row.contradicting = row.contradictingSources.length
    row.singleSource = row.supporting === 1
  }
  return { sources: [...columns.values()], rows, byEvent, unresolvedLinks: unresolved }
}

interface PassageSource {
  articleId: string
  key: string
  independentKey: string
  repeat: Repeat | null
}

interface Tally {
  reports: Map<string, IndependentAccumulator>
  contradicts: Map<string, IndependentAccumulator>
}

interface IndependentAccumulator {
  key: string
  sourceKeys: string[]
  articleIds: string[]
  passageIds: string[]
  repeats: Repeat[]
}

function newAccumulator(key: string): IndependentAccumulator {
  return { key, sourceKeys: [], articleIds: [], passageIds: [], repeats: [] }
}

function finish(
  sources: Map<string, IndependentAccumulator>,
  labelFor: (key: string) => string
): IndependentSource[] {
  return [...sources.values()].map((source) => ({
    ...source,
    label: labelFor(source.key),
    passageIds: source.passageIds.length > 1 ? [...new Set(source.passageIds)] : source.passageIds
  }))
}

function titleOf(article: Article): string {
  return article.title || article.sourceName || article.id
}
