// Approximate quote matching over plain text, after the Hypothesis client's match-quote: candidate
// spans from exact and approximate searches, each scored on quote, context and old position.
import search from 'approx-string-match'
import { splitsSurrogatePair } from './describe'
import { approximateEnds, boundaryCosts, contextErrors, editDistance } from './distance'

export interface QuoteContext {
  /** Text that preceded the quote (up to 32 characters; empty when it began the text). */
  prefix: string
  /** Text that followed the quote (up to 32 characters; empty when it ended the text). */
  suffix: string
  /** Where the quote used to start; only breaks near-ties. */
  hint?: number
}

/**
 * A candidate span with its score and the similarities the score was made of, all in [0, 1]. From
 * rankSpans, `score` is that of the best span at the same place (see there).
 */
export interface ScoredSpan {
  start: number
  end: number
  score: number
  quote: number
  prefix: number
  suffix: number
  position: number
  /** How far the span starts from the position hint, in characters (Infinity without a hint). */
  shift: number
  /** Edits between the quote and the span's text: 0 means the quote is there verbatim. */
  quoteErrors: number
}

/**
 * Score weights. The quote is what the user annotated, so it dominates. Context is not split
 * evenly between prefix and suffix as in Hypothesis (20/20): an edit right next to a passage (a
 * sentence inserted before it, a clause rewritten after it) wipes out one side while the other
 * still vouches, whereas a wrong place rarely agrees well on either side; so the better-agreeing
 * side weighs 30 and the other 10. Position is a tie-breaker only (2): an edit can move a passage
 * anywhere, and resolve.ts refuses near-ties rather than let position decide them.
 */
export const WEIGHTS = { quote: 50, strongSide: 30, weakSide: 10, position: 2 } as const
const WEIGHT_SUM = WEIGHTS.quote + WEIGHTS.strongSide + WEIGHTS.weakSide + WEIGHTS.position

/**
 * Similarity given to an empty stored context (the quote began or ended the text) at a candidate
 * that is not at that end of the text: about what unrelated text scores (measured 0.3 to 0.45 on
 * the sample articles), i.e. no support either way.
 */
const EMPTY_SIDE_ELSEWHERE = 0.4

/** Quotes shorter than this are only looked for verbatim: a fuzzy 3-letter match means nothing. */
export const MIN_FUZZY_LENGTH = 4
/**
 * Patterns are cut to one machine word (32 characters, see distance.ts's approximateEnds): heads
 * and tails of long quotes, boundaries with context, and the context a boundary is placed by.
 */
const WORD = 32
/** Quotes up to this long are searched inside their context, as one 32-character pattern. */
const SHORT_IN_CONTEXT = 16
/** Regions whose estimated boundaries are this close are the same place, refined once. */
const SAME_REGION = 8
/** How far from an estimated boundary the true one is looked for, at most. */
const MAX_SLACK = 40
/** approx-string-match's cost grows with allowed errors (k/32 blocks per text character). */
const MAX_ERRORS_CAP = 64

/**
 * Errors allowed when searching for a pattern: a quarter of its length. Past that, unrelated
 * words start to match; and a quote that lost more than a quarter of its characters is no longer
 * the passage the user marked. Capped so that searching a 300-character quote costs a few
 * 32-character blocks per text character, not ten.
 */
export function maxErrorsFor(length: number): number {
  return Math.min(MAX_ERRORS_CAP, Math.ceil(length / 4))
}

/** Start offsets of every verbatim occurrence of `quote`, overlapping ones included. */
export function exactStarts(text: string, quote: string): number[] {
  const starts: number[] = []
  if (quote === '') return starts
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) starts.push(at)
  return starts
}

/** A finder of verbatim occurrences (`exactStarts`, or an OccurrenceIndex's `starts`). */
export type FindStarts = (quote: string) => number[]

/** Trigrams, hashed into GRAM_BUCKETS buckets. */
const GRAM = 3
const GRAM_BUCKETS = 1 << 16
const gramAt = (text: string, at: number): number =>
  (Math.imul(Math.imul(text.charCodeAt(at), 31) + text.charCodeAt(at + 1), 31) +
    text.charCodeAt(at + 2)) &
  (GRAM_BUCKETS - 1)

/**
 * Verbatim occurrences of many quotes in one text, without scanning the whole text for each:
 * where every trigram of the text starts, bucketed once (two passes over typed arrays); a
 * quote's occurrences are then the places of its rarest trigram bucket that hold the whole quote.
 * resolveAll looks for a thousand passages in a 100 KB text: scanning it once per passage cost
 * more than all the rest.
 */
export class OccurrenceIndex {
  /** Bucket b's places are places[first[b]] to places[first[b + 1]] (exclusive). */
  private readonly first = new Int32Array(GRAM_BUCKETS + 1)
  private readonly places: Int32Array

  constructor(private readonly text: string) {
    const count = Math.max(0, text.length - GRAM + 1)
    const buckets = new Int32Array(count)
    for (let at = 0; at < count; at++) {
      const bucket = gramAt(text, at)
      buckets[at] = bucket
      this.first[bucket + 1]!++
    }
    for (let b = 0; b < GRAM_BUCKETS; b++) this.first[b + 1]! += this.first[b]!
    const next = this.first.slice(0, GRAM_BUCKETS)
    this.places = new Int32Array(count)
    for (let at = 0; at < count; at++) this.places[next[buckets[at]!]!++] = at
  }

  readonly starts: FindStarts = (quote) => {
    if (quote.length < GRAM) return exactStarts(this.text, quote)
    let rarest = -1
    let size = Infinity
    let offset = 0
    for (let i = 0; i + GRAM <= quote.length; i++) {
      const bucket = gramAt(quote, i)
      const n = this.first[bucket + 1]! - this.first[bucket]!
      if (n === 0) return []
      if (n < size) {
        size = n
        rarest = bucket
        offset = i
      }
    }
    const starts: number[] = []
    for (let p = this.first[rarest]!; p < this.first[rarest + 1]!; p++) {
      const start = this.places[p]! - offset
      if (start >= 0 && this.text.startsWith(quote, start)) starts.push(start)
    }
    return starts.sort((x, y) => x - y)
  }
}

/*
 * Text inserted between a passage and its context (a sentence added after it) wipes out the
 * context at the boundary, but the context is still there, pushed a sentence away: what of it
 * no longer follows the boundary (all of it, or what comes after its first words when the
 * sentence went in a few words on), found nearly intact (at least DISPLACED_MIN similar) within
 * DISPLACED_GAP characters, still says "this is the place". It is not part of the score:
 * resolve.ts uses it only as extra evidence for a short quote whose other side agrees. Less
 * than DISPLACED_MIN_LENGTH characters of context to look for is no evidence: too common.
 */
const DISPLACED_GAP = 600
const DISPLACED_MIN = 0.9
const DISPLACED_MIN_LENGTH = 12

/**
 * True when the part of `context` that no longer lies against `at` (a prefix, `dir` -1, or a
 * suffix, `dir` 1) lies nearly intact within DISPLACED_GAP characters beyond it.
 */
export function displacedNearby(text: string, at: number, context: string, dir: 1 | -1): boolean {
  // What still agrees at the boundary: the prefix's end, the suffix's start.
  let kept = 0
  if (dir === 1) while (kept < context.length && text[at + kept] === context[kept]) kept++
  else
    while (kept < context.length && text[at - 1 - kept] === context[context.length - 1 - kept])
      kept++
  const rest = dir === 1 ? context.slice(kept) : context.slice(0, context.length - kept)
  const m = rest.length
  if (m < DISPLACED_MIN_LENGTH) return false
  const k = Math.floor(m * (1 - DISPLACED_MIN))
  const edge = dir === 1 ? at + kept : at - kept
  const from = dir === -1 ? Math.max(0, edge - DISPLACED_GAP - m - k) : edge
  const to = dir === -1 ? edge : Math.min(text.length, edge + DISPLACED_GAP + m + k)
  return to - from >= m - k && search(text.slice(from, to), rest, k).length > 0
}

/** Similarity of a stored context side with the text next to a boundary. */
function sideSimilarity(text: string, at: number, context: string, dir: 1 | -1): number {
  if (context === '') {
    const atEdge = dir === 1 ? at === text.length : at === 0
    return atEdge ? 1 : EMPTY_SIDE_ELSEWHERE
  }
  return 1 - contextErrors(text, at, context, dir) / context.length
}

/** The band editDistance tries first when scoring a span (see scoreSpan). */
const NARROW_BAND = 8

/** Scores the span [start, end) as the place of `quote`; null when the quote is too far from it. */
export function scoreSpan(
  text: string,
  quote: string,
  context: QuoteContext,
  start: number,
  end: number
): ScoredSpan | null {
  if (start < 0 || end > text.length || start >= end) return null
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) return null
  const limit = maxErrorsFor(quote.length)
  const verbatim = end - start === quote.length && text.startsWith(quote, start)
  // Most candidates are a few edits off: a narrow band first (exact up to its width), the
  // whole allowed band only when that is not enough.
  const span = text.slice(start, end)
  let quoteErrors = verbatim ? 0 : editDistance(quote, span, Math.min(limit, NARROW_BAND))
  if (quoteErrors > NARROW_BAND && limit > NARROW_BAND)
    quoteErrors = editDistance(quote, span, limit)
  if (quoteErrors > limit) return null
  const quoteSim = 1 - quoteErrors / quote.length
  const prefix = sideSimilarity(text, start, context.prefix, -1)
  const suffix = sideSimilarity(text, end, context.suffix, 1)
  const parts = { start, end, quote: quoteSim, prefix, suffix, quoteErrors }
  return withHint(parts, context.hint, text.length)
}

/**
 * The span's score for another position hint: only the position term changes, so a passage's
 * candidates need not be scored again when a better guess of where it moved comes along.
 */
export function withHint(
  parts: Omit<ScoredSpan, 'score' | 'position' | 'shift'>,
  hint: number | undefined,
  textLength: number
): ScoredSpan {
  const position =
    hint === undefined ? 1 : 1 - Math.min(1, Math.abs(parts.start - hint) / Math.max(1, textLength))
  const score =
    (WEIGHTS.quote * parts.quote +
      WEIGHTS.strongSide * Math.max(parts.prefix, parts.suffix) +
      WEIGHTS.weakSide * Math.min(parts.prefix, parts.suffix) +
      WEIGHTS.position * position) /
    WEIGHT_SUM
  const shift = hint === undefined ? Infinity : Math.abs(parts.start - hint)
  return { ...parts, score, position, shift }
}

interface Region {
  start: number
  end: number
  /** How far either boundary may be from the truth. */
  slack: number
}

/**
 * Lowest-error matches of `pattern` in text[from, to), grouped into non-overlapping regions. A
 * pattern of up to 32 characters goes through approximateEnds, and its regions' starts are only
 * estimated (end minus length): they get refined anyway.
 */
function approximateRegions(
  text: string,
  pattern: string,
  from: number,
  to: number
): { start: number; end: number }[] {
  const k = maxErrorsFor(pattern.length)
  const matches =
    pattern.length <= WORD
      ? approximateEnds(text, pattern, from, to, k).ends.map((end) => ({
          start: Math.max(from, end - pattern.length) - from,
          end: end - from
        }))
      : search(text.slice(from, to), pattern, k)
  matches.sort((a, b) => a.start - b.start)
  const regions: { start: number; end: number }[] = []
  for (const m of matches) {
    const last = regions[regions.length - 1]
    if (last && from + m.start < last.end) last.end = Math.max(last.end, from + m.end)
    else regions.push({ start: from + m.start, end: from + m.end })
  }
  return regions
}

/**
 * Regions where `quote` may now sit in text[from, to), from two kinds of search. The quote alone
 * (whole, or if longer than a word its first and last 32 characters) survives its context being
 * rewritten. The quote's boundaries with their context (32 characters straddling each boundary,
 * or for a short quote the quote inside its context) survive the quote being edited while a
 * verbatim copy sits elsewhere: the searches only report their lowest-error matches, so the copy
 * would hide the edited original from a search for the quote alone.
 */
function candidateRegions(
  text: string,
  quote: string,
  context: QuoteContext,
  from: number,
  to: number
): Region[] {
  const length = quote.length
  const { prefix, suffix } = context
  const regions: Region[] = []
  const slack = Math.min(MAX_SLACK, maxErrorsFor(length) + 8)
  const wordSlack = maxErrorsFor(WORD) + 8
  /** Regions of `pattern`, whose character `offset` is where the quote starts. */
  const fromStart = (pattern: string, offset: number, s: number): void => {
    for (const r of approximateRegions(text, pattern, from, to)) {
      const start = r.end - pattern.length + offset
      regions.push({ start, end: start + length, slack: s })
    }
  }
  /** Regions of `pattern`, whose character `offset` is just past the quote's end. */
  const fromEnd = (pattern: string, offset: number, s: number): void => {
    for (const r of approximateRegions(text, pattern, from, to)) {
      const end = r.end - pattern.length + offset
      regions.push({ start: end - length, end, slack: s })
    }
  }
  if (length <= WORD) fromStart(quote, 0, slack)
  else {
    // The whole quote, with approx-string-match (errors capped, see maxErrorsFor)...
    for (const r of approximateRegions(text, quote, from, to)) regions.push({ ...r, slack })
    // ...and its head and tail, which survive an edit burst at the other end.
    fromStart(quote.slice(0, WORD), 0, wordSlack)
    fromEnd(quote.slice(length - WORD), WORD, wordSlack)
  }
  if (prefix === '' && suffix === '') return regions
  if (length <= SHORT_IN_CONTEXT) {
    const before = Math.min(
      prefix.length,
      Math.max(Math.ceil((WORD - length) / 2), WORD - length - suffix.length)
    )
    const after = Math.min(suffix.length, WORD - length - before)
    fromStart(
      prefix.slice(prefix.length - before) + quote + suffix.slice(0, after),
      before,
      wordSlack
    )
    return regions
  }
  const half = WORD / 2
  const before = Math.min(prefix.length, half)
  fromStart(prefix.slice(prefix.length - before) + quote.slice(0, WORD - before), before, wordSlack)
  const after = Math.min(suffix.length, half)
  const tail = quote.slice(length - (WORD - after))
  fromEnd(tail + suffix.slice(0, after), tail.length, wordSlack)
  return regions
}

/**
 * Where the quote's start is within `slack` of `around`: the boundary minimising "prefix ends
 * here" plus "quote's head starts here". Ties go to the later boundary, so that an ambiguous
 * character (say one inserted right at the boundary) stays outside the passage. A prefix that
 * agrees nowhere (rewritten, or a sentence inserted before the passage) is left out of the sum,
 * else its noise would nudge the boundary. Also returns the boundary the head alone places
 * (the same when the prefix is left out).
 */
function refineStart(
  text: string,
  around: number,
  slack: number,
  prefix: string,
  head: string
): [number, number] {
  // Estimates from a long quote's head or tail can fall outside the text.
  const at = Math.min(text.length, Math.max(0, around))
  const lo = Math.max(0, at - slack)
  const hi = Math.min(text.length, at + slack)
  const before = boundaryCosts(text, prefix, lo, hi, 1)
  const after = boundaryCosts(text, head, lo, hi, -1)
  const usePrefix = Math.min(...before) * 2 <= prefix.length
  let best = -1
  let bestCost = Infinity
  let bare = -1
  let bareCost = Infinity
  for (let b = lo; b <= hi; b++) {
    if (splitsSurrogatePair(text, b)) continue
    const cost = after[b - lo]! + (usePrefix ? before[b - lo]! : 0)
    if (cost <= bestCost) {
      bestCost = cost
      best = b
    }
    if (after[b - lo]! <= bareCost) {
      bareCost = after[b - lo]!
      bare = b
    }
  }
  return [best, bare]
}

/** The mirror of refineStart for the end; ties go to the earlier boundary. */
function refineEnd(
  text: string,
  around: number,
  slack: number,
  tail: string,
  suffix: string
): [number, number] {
  // Estimates from a long quote's head or tail can fall outside the text.
  const at = Math.min(text.length, Math.max(0, around))
  const lo = Math.max(0, at - slack)
  const hi = Math.min(text.length, at + slack)
  const before = boundaryCosts(text, tail, lo, hi, 1)
  const after = boundaryCosts(text, suffix, lo, hi, -1)
  const useSuffix = Math.min(...after) * 2 <= suffix.length
  let best = -1
  let bestCost = Infinity
  let bare = -1
  let bareCost = Infinity
  for (let b = lo; b <= hi; b++) {
    if (splitsSurrogatePair(text, b)) continue
    const cost = before[b - lo]! + (useSuffix ? after[b - lo]! : 0)
    if (cost < bestCost) {
      bestCost = cost
      best = b
    }
    if (before[b - lo]! < bareCost) {
      bareCost = before[b - lo]!
      bare = b
    }
  }
  return [best, bare]
}

/** Errors allowed when a context side is looked for whole: a tenth of its characters. */
const BETWEEN_ERRORS = 0.1
/** How much longer or shorter than the quote the text between the two sides may be. */
const BETWEEN_LENGTH_CHANGE = 0.05

/**
 * Spans lying between the stored context's two sides, each found nearly intact (at most a tenth
 * of its characters off) in text[from, to), with room between them for the quote give or take
 * a few edited characters: where an edited passage is when the words around it are still there. Two
 * searches of 32 characters, where approximateSpans makes five of up to the quote's length.
 */
export function spansBetweenContexts(
  text: string,
  quote: string,
  context: QuoteContext,
  from: number,
  to: number
): { start: number; end: number }[] {
  const { prefix, suffix } = context
  if (prefix.length < WORD / 2 || suffix.length < WORD / 2 || quote.length < MIN_FUZZY_LENGTH)
    return []
  const before = approximateEnds(text, prefix, from, to, Math.floor(prefix.length * BETWEEN_ERRORS))
  if (before.ends.length === 0 || before.ends.length > 8) return []
  const after = approximateEnds(text, suffix, from, to, Math.floor(suffix.length * BETWEEN_ERRORS))
  if (after.ends.length === 0 || after.ends.length > 8) return []
  // Room for a few characters edited, not for a sentence inserted next to the quote: the
  // context would then draw the quote over it (approximateSpans places boundaries by the quote
  // as well, and rankPlaces keeps the closer span).
  const room = Math.ceil(quote.length * BETWEEN_LENGTH_CHANGE)
  const head = quote.slice(0, WORD)
  const tail = quote.slice(Math.max(0, quote.length - WORD))
  const slack = Math.floor(WORD * BETWEEN_ERRORS) + 1
  const spans: { start: number; end: number }[] = []
  const seen = new Set<string>()
  for (const prefixEnd of before.ends) {
    for (const suffixEnd of after.ends) {
      const suffixStart = suffixEnd - suffix.length
      if (Math.abs(suffixStart - prefixEnd - quote.length) > room + slack) continue
      const start = refineStart(text, prefixEnd, slack, prefix, head)[0]
      const end = refineEnd(text, suffixStart, slack, tail, suffix)[0]
      const key = `${start}:${end}`
      if (start < 0 || end <= start || seen.has(key)) continue
      seen.add(key)
      spans.push({ start, end })
    }
  }
  return spans
}

/**
 * Spans near-matching `quote` within text[from, to) (the whole text by default), each with
 * boundaries placed by the context: approximate searches only say roughly where a match lies.
 */
export function approximateSpans(
  text: string,
  quote: string,
  context: QuoteContext,
  from = 0,
  to = text.length
): { start: number; end: number }[] {
  if (quote.length < MIN_FUZZY_LENGTH || from >= to) return []
  const head = quote.slice(0, WORD)
  const tail = quote.slice(Math.max(0, quote.length - WORD))
  const seen = new Set<string>()
  const spans: { start: number; end: number }[] = []
  const refined: Region[] = []
  for (const region of candidateRegions(text, quote, context, from, to)) {
    // A verbatim match needs no boundaries placed (exactStarts finds it anyway).
    if (region.end - region.start === quote.length && text.startsWith(quote, region.start)) continue
    // The quote search and the quote-with-context search mostly find the same place: refine once.
    const same = (r: Region): boolean =>
      Math.abs(r.start - region.start) <= SAME_REGION && Math.abs(r.end - region.end) <= SAME_REGION
    if (refined.some(same)) continue
    refined.push(region)
    // Boundaries placed with the context, and by the quote alone: text inserted right next to
    // the passage (a sentence after it) pushes its context away, and the context would draw the
    // boundary over the inserted text. Both spans are candidates; rankPlaces keeps, for a place,
    // the one whose quote has the fewest errors.
    const starts = refineStart(text, region.start, region.slack, context.prefix, head)
    const ends = refineEnd(text, region.end, region.slack, tail, context.suffix)
    for (const [start, end] of [
      [starts[0], ends[0]],
      [starts[1], ends[1]]
    ] as const) {
      const key = `${start}:${end}`
      if (start < 0 || end <= start || seen.has(key)) continue
      seen.add(key)
      spans.push({ start, end })
    }
  }
  return spans
}

/**
 * Scores the given spans and groups them into places, best place first (ties to the one nearer
 * the old position), so that the second entry is the best *other* place: what a margin must be
 * measured against. A span belongs to a better span's place when they overlap by at least
 * SAME_PLACE of the longer one; a span overlapping less is another place, a rival. Context
 * decides the place, the quote decides the boundaries: a place scores as its best span, but is
 * reported with its span of fewest quote errors. Without that, a sentence inserted right before
 * a passage would draw its start back over the sentence, to the prefix, trading a perfect quote
 * for a perfect prefix.
 */
export function rankSpans(
  text: string,
  quote: string,
  context: QuoteContext,
  spans: Iterable<{ start: number; end: number }>
): ScoredSpan[] {
  const scored: ScoredSpan[] = []
  const seen = new Set<string>()
  for (const span of spans) {
    const key = `${span.start}:${span.end}`
    if (seen.has(key)) continue
    seen.add(key)
    const s = scoreSpan(text, quote, context, span.start, span.end)
    if (s) scored.push(s)
  }
  return rankPlaces(scored)
}

const SAME_PLACE = 0.5

/** rankSpans for spans already scored. */
export function rankPlaces(scored: readonly ScoredSpan[]): ScoredSpan[] {
  const order = [...scored].sort(
    (a, b) => b.score - a.score || b.position - a.position || a.start - b.start
  )
  // Places are bucketed by their best span's start, so that a passage with thousands of
  // verbatim occurrences (a one-letter quote) is not compared place against place.
  const longest = order.reduce((max, s) => Math.max(max, s.end - s.start), 1)
  const buckets = new Map<number, { best: ScoredSpan; span: ScoredSpan }[]>()
  const places: { best: ScoredSpan; span: ScoredSpan }[] = []
  for (const s of order) {
    let place: { best: ScoredSpan; span: ScoredSpan } | undefined
    const first = Math.floor((s.start - longest) / longest)
    for (let b = first; b <= Math.floor(s.end / longest) && !place; b++) {
      place = buckets.get(b)?.find(({ best }) => {
        const overlap = Math.min(s.end, best.end) - Math.max(s.start, best.start)
        return overlap >= SAME_PLACE * Math.max(s.end - s.start, best.end - best.start)
      })
    }
    if (place) {
      if (s.quoteErrors < place.span.quoteErrors) place.span = s
      continue
    }
    const created = { best: s, span: s }
    places.push(created)
    const key = Math.floor(s.start / longest)
    const bucket = buckets.get(key)
    if (bucket) bucket.push(created)
    else buckets.set(key, [created])
  }
  return places.map((p) => ({ ...p.span, score: p.best.score }))
}

/**
 * The best place for `quote` in `text`, verbatim or approximate, with its score; null when no
 * span comes within maxErrorsFor(quote.length) edits. Whether the best is good enough, and clear
 * enough of the runner-up, is resolve.ts's call.
 */
export function matchQuote(text: string, quote: string, context: QuoteContext): ScoredSpan | null {
  if (quote === '' || text === '') return null
  const exact = exactStarts(text, quote).map((start) => ({ start, end: start + quote.length }))
  return (
    rankSpans(text, quote, context, [...exact, ...approximateSpans(text, quote, context)])[0] ??
    null
  )
}
