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
/**
 * Only shingles whose hash falls in 1 of SAMPLE buckets propose candidate pairs. A sampled
 * shingle shared by more texts than REPEAT_MAX_POSTINGS (a story syndicated everywhere, or
 * boilerplate) only proposes each text with its next few neighbours in the list: grouping is
 * transitive, so a chain of copies still forms one group, and the pairs stay linear.
 */
const SAMPLE = 4

/**
 * What repeat detection keeps of an article: its sorted 5-word shingle hashes, the sampled ones
 * that propose candidates (none for a text too short to be anyone's copy), the wires it credits,
 * and `repeatInputsKey`. A print can be saved and compared later without reading the text again.
 */
export interface RepeatPrint {
  id: string
  shingles: Uint32Array
  sample: number[]
  wires: string[]
  inputs: number
}

/** A repeat found between two articles (`a` < `b`), before a direction is chosen. */
export interface RepeatEdge {
  a: string
  b: string
  kind: RepeatKind
  similarity: number
  containment: number
  wires: string[]
}

/** The print of an article with its text. */
export function repeatPrint(article: Article, text: string): RepeatPrint {
  const shingled = shingles(text)
  return {
    id: article.id,
    shingles: shingled,
    sample:
      shingled.length < MIN_SHINGLES ? [] : [...shingled].filter((hash) => hash % SAMPLE === 0),
    wires: [...wiresOf(article, text)].sort(),
    inputs: repeatInputsKey(article)
  }
}

/** Whether two prints say the same thing to repeat detection. */
export function samePrint(x: RepeatPrint, y: RepeatPrint): boolean {
  if (x.inputs !== y.inputs || x.shingles.length !== y.shingles.length) return false
  if (x.wires.join('\u0000') !== y.wires.join('\u0000')) return false
  return x.shingles.every((hash, i) => y.shingles[i] === hash)
}

/**
 * Two prints compared: near-identical texts (Jaccard of 5-word shingles ≥ 0.6, or ≥ 0.8 of the
 * shorter one's shingles found in the longer: the same copy, trimmed or lightly edited), or both
 * crediting the same wire service with ≥ 0.4 of the shorter one's shingles in the other (an
 * agency dispatch rewritten around the edges). Null when neither holds.
 */
export function compareRepeatPrints(
  x: RepeatPrint,
  y: RepeatPrint,
  options: RepeatOptions = {}
): RepeatEdge | null {
  const jaccardMin = options.jaccard ?? 0.6
  const containmentMin = options.containment ?? 0.8
  const wireMin = options.wireContainment ?? 0.4
  if (x.shingles.length === 0 || y.shingles.length === 0) return null
  const shared = intersectionSize(x.shingles, y.shingles)
  const smaller = Math.min(x.shingles.length, y.shingles.length)
  const similarity = shared / (x.shingles.length + y.shingles.length - shared)
  const containment = shared / smaller
  const theirs = new Set(y.wires)
  const wires = x.wires.filter((wire) => theirs.has(wire))
  let kind: RepeatKind | null = null
  if (similarity >= jaccardMin || containment >= containmentMin) kind = 'nearDuplicate'
  else if (wires.length > 0 && containment >= wireMin) kind = 'sameWire'
  if (!kind) return null
  const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id]
  return { a, b, kind, similarity, containment, wires }
}

/** Only sampled shingles shared by at most this many texts propose every pair they hold. */
export const REPEAT_MAX_POSTINGS = 50
/** Texts a longer list of a sampled shingle proposes each text with (its next ones). */
export const REPEAT_NEIGHBOURS = 4

/**
 * Groups of articles that merely repeat another (see `compareRepeatPrints` for when two are
 * linked). Linked articles form a group whose original is the earliest published (then earliest
 * imported). Candidate pairs come from an index of sampled shingles, so the cost grows with the
 * total text, not with the square of the number of articles.
 */
export function detectRepeats(
  items: readonly ArticleWithText[],
  options: RepeatOptions = {}
): RepeatGroup[] {
  const prints = items.map(({ article, text }) => repeatPrint(article, text))
  const edges: RepeatEdge[] = []
  for (const [a, b] of repeatCandidatePairs(prints)) {
    const edge = compareRepeatPrints(prints[a]!, prints[b]!, options)
    if (edge) edges.push(edge)
  }
  return groupRepeats(edges, new Map(items.map(({ article }) => [article.id, article])))
}

/**
 * The groups the edges make (connected articles), each with its original (earliest published,
 * then imported) and, for every other member, the link that says why: to the original when there
 * is one, else its strongest link in the group. Edges whose articles are not given are ignored.
 */
export function groupRepeats(
  edges: readonly RepeatEdge[],
  articles: ReadonlyMap<string, Article>
): RepeatGroup[] {
  const known = edges.filter((edge) => articles.has(edge.a) && articles.has(edge.b))
  const parent = new Map<string, string>()
  const find = (id: string): string => {
    let root = id
    while ((parent.get(root) ?? root) !== root) root = parent.get(root)!
    while (id !== root) {
      const next = parent.get(id) ?? root
      parent.set(id, root)
      id = next
    }
    return root
  }
  const edgesOf = new Map<string, RepeatEdge[]>()
  for (const edge of known) {
    for (const id of [edge.a, edge.b]) {
      if (!parent.has(id)) parent.set(id, id)
      const list = edgesOf.get(id)
      if (list) list.push(edge)
      else edgesOf.set(id, [edge])
    }
    parent.set(find(edge.a), find(edge.b))
  }
  const members = new Map<string, Article[]>()
  for (const id of edgesOf.keys()) {
    const root = find(id)
    const list = members.get(root)
    const article = articles.get(id)!
    if (list) list.push(article)
    else members.set(root, [article])
  }
  const groups: RepeatGroup[] = []
  for (const list of members.values()) {
    const ordered = list.sort(compareOriginal)
    const original = ordered[0]!
    const repeats: Repeat[] = []
    for (const member of ordered.slice(1)) {
      const otherOf = (edge: RepeatEdge): string => (edge.a === member.id ? edge.b : edge.a)
      const own = [...(edgesOf.get(member.id) ?? [])].sort(
        (x, y) =>
          Number(otherOf(y) === original.id) - Number(otherOf(x) === original.id) ||
          y.similarity - x.similarity ||
          otherOf(x).localeCompare(otherOf(y))
      )[0]
      if (!own) continue
      const other = articles.get(otherOf(own))!
      repeats.push({
        articleId: member.id,
        of: other.id,
        kind: own.kind,
        similarity: round(own.similarity),
        containment: round(own.containment),
        wires: own.wires,
        detail: describe(own, other)
      })
    }
    groups.push({ originalId: original.id, articleIds: ordered.map((a) => a.id), repeats })
  }
  return groups.sort((a, b) => a.originalId.localeCompare(b.originalId))
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

/** 32-bit hashes of the text's 5-word shingles (accents and case ignored), sorted, each once. */
function shingles(text: string): Uint32Array {
  const words = foldForSearch(text).match(/[\p{L}\p{N}]+/gu) ?? []
  const hashes = words.map(hashWord)
  const all = new Uint32Array(Math.max(0, hashes.length - SHINGLE + 1))
  for (let i = 0; i + SHINGLE <= hashes.length; i++) {
    let h = 0x811c9dc5
    for (let k = 0; k < SHINGLE; k++) h = Math.imul(h ^ (hashes[i + k] ?? 0), 0x01000193)
    all[i] = h >>> 0
  }
  all.sort()
  let n = 0
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i]!
  return all.slice(0, n)
}

/** FNV-1a over the UTF-16 code units. */
function hashWord(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Hashes two sorted, duplicate-free arrays share. */
function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let shared = 0
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) {
      shared++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return shared
}

/** Pairs (i < j) of prints sharing a sampled shingle (neighbours only in long lists). */
export function repeatCandidatePairs(prints: readonly RepeatPrint[]): Array<[number, number]> {
  const postings = new Map<number, number[]>()
  prints.forEach((print, i) => {
    for (const hash of print.sample) {
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
    const reach = list.length > REPEAT_MAX_POSTINGS ? REPEAT_NEIGHBOURS : list.length
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
