// Test support for anchoring (not used by the app): a seeded PRNG, passage picking, and text edits
// applied with an offset map, so that a test knows where each passage truly went.
import { paragraphSpans } from '../../src/core/text/normalize'
import { sentenceSpans } from '../../src/core/text/sentences'
import { describeSpan, splitsSurrogatePair } from '../../src/core/anchoring/describe'
import type { PassageSelectors, Resolution } from '../../src/core/anchoring/types'

export interface Span {
  start: number
  end: number
}

/** mulberry32: small, fast and deterministic, which is all a test corpus needs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1))
}

const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch)

/**
 * `count` passages of lengths spread log-uniformly over [minLength, maxLength] (many short ones,
 * some long): every other one snapped to word boundaries as a reader selects, the rest arbitrary
 * (a sloppy selection). Never empty, never all white space, never splitting a surrogate pair.
 */
export function pickPassages(
  text: string,
  count: number,
  rand: () => number,
  minLength = 3,
  maxLength = 300
): Span[] {
  const spans: Span[] = []
  const top = Math.min(maxLength, text.length)
  while (spans.length < count) {
    const length = Math.round(Math.exp(Math.log(minLength) + rand() * Math.log(top / minLength)))
    let start = randomInt(rand, 0, text.length - length)
    let end = start + length
    if (spans.length % 2 === 0) {
      while (start > 0 && !isSpace(text[start - 1])) start--
      while (end < text.length && !isSpace(text[end])) end++
      while (end > start && isSpace(text[end - 1])) end--
    }
    if (end <= start || splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) continue
    if (text.slice(start, end).trim() === '') continue
    spans.push({ start, end })
  }
  return spans
}

/** Delete `del` characters at `at`, then insert `ins` there (a substitution does both). */
export interface Edit {
  at: number
  del: number
  ins: string
}

const isSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdfff

/**
 * Single-character insertions, deletions and substitutions (a third each) at `rate` of the
 * characters, at distinct random positions; inserted characters are drawn from the text itself so
 * that they look like its letters, spaces and punctuation. Surrogate pairs are left whole.
 */
export function randomEdits(text: string, rate: number, rand: () => number): Edit[] {
  const wanted = Math.round(rate * text.length)
  const used = new Set<number>()
  const edits: Edit[] = []
  const drawChar = (avoid: string): string => {
    for (;;) {
      const ch = text[randomInt(rand, 0, text.length - 1)]!
      if (!isSurrogate(ch.charCodeAt(0)) && ch !== avoid) return ch
    }
  }
  let attempts = 0
  while (edits.length < wanted && attempts++ < wanted * 20) {
    const at = randomInt(rand, 0, text.length - 1)
    if (used.has(at) || isSurrogate(text.charCodeAt(at))) continue
    used.add(at)
    const kind = randomInt(rand, 0, 2)
    if (kind === 0) edits.push({ at, del: 0, ins: drawChar('') })
    else if (kind === 1) edits.push({ at, del: 1, ins: '' })
    else edits.push({ at, del: 1, ins: drawChar(text[at]!) })
  }
  return edits.sort((a, b) => a.at - b.at)
}

export interface Edited {
  text: string
  /**
   * Where a passage starting at `x` now starts: text inserted exactly at its start stays outside
   * it, a substituted first character stays inside.
   */
  mapStart(x: number): number
  /** Where a passage ending at `x` now ends: text inserted exactly at its end stays outside it. */
  mapEnd(x: number): number
  edits: readonly Edit[]
}

/** Applies edits sorted by position, at distinct positions. */
export function applyEdits(text: string, edits: readonly Edit[]): Edited {
  let out = ''
  let from = 0
  for (const e of edits) {
    out += text.slice(from, e.at) + e.ins
    from = e.at + e.del
  }
  out += text.slice(from)
  const shiftBefore = (x: number): number => {
    let shift = 0
    for (const e of edits) {
      if (e.at >= x) break
      shift += e.ins.length - e.del
    }
    return shift
  }
  return {
    text: out,
    edits,
    mapStart: (x) => {
      let shift = shiftBefore(x)
      for (const e of edits) if (e.at === x && e.del === 0) shift += e.ins.length
      return x + shift
    },
    mapEnd: (x) => x + shiftBefore(x)
  }
}

/** True when an edit changed the passage's own characters (not just what lies around it). */
export function touches(span: Span, edits: readonly Edit[]): boolean {
  return edits.some((e) =>
    e.del > 0 ? e.at >= span.start && e.at < span.end : e.at > span.start && e.at < span.end
  )
}

/** Where the passage's (possibly edited) text now lies; null if nothing of it is left. */
export function intendedSpan(span: Span, edited: Edited): Span | null {
  const start = edited.mapStart(span.start)
  const end = edited.mapEnd(span.end)
  return end > start ? { start, end } : null
}

/**
 * How far a fuzzy anchor's boundaries may sit from the intended ones and still count as right: 3
 * UTF-16 units. An edit at or next to a boundary makes a character or two genuinely ambiguous (an
 * inserted space may belong to either side; after deleting a passage's last letter its end can
 * equally be read one character on), two such edits can compound, and a highlight off by three
 * characters at one edge still marks the same words.
 */
export const BOUNDARY_TOLERANCE = 3

export type Outcome = 'exact' | 'moved' | 'fuzzy' | 'orphan' | 'wrong'

/**
 * Judges a resolution against where the passage truly is. If the passage's own text was not
 * edited, exact and moved anchors must hit the intended span exactly. Otherwise, and for fuzzy
 * anchors, the anchor must overlap it with both boundaries within BOUNDARY_TOLERANCE: an edited
 * passage can be found verbatim one character off (a "t" inserted in "attachée" cannot be told
 * from one inserted before it). An orphan is never wrong; anything else is.
 */
export function classify(resolution: Resolution, intended: Span | null, touched = true): Outcome {
  if (resolution.status === 'orphan') return 'orphan'
  if (!intended) return 'wrong'
  const { start, end } = resolution
  if (start === intended.start && end === intended.end) return resolution.status
  if (resolution.status !== 'fuzzy' && !touched) return 'wrong'
  const overlaps = start < intended.end && intended.start < end
  const close =
    Math.abs(start - intended.start) <= BOUNDARY_TOLERANCE &&
    Math.abs(end - intended.end) <= BOUNDARY_TOLERANCE
  return overlaps && close ? resolution.status : 'wrong'
}

/**
 * One whole sentence inserted before each passage: at the start of the sentence the passage
 * begins in (often the passage's own start, which wipes out its stored prefix), or if that falls
 * inside another passage, at the nearest earlier point that does not. Passages themselves stay
 * whole, which is what the variant is about; random edits test edits inside passages. Insertions
 * are drawn from `pool`, another article's sentences, so they do not repeat the text's wording.
 */
export function sentenceInsertions(
  text: string,
  passages: readonly Span[],
  pool: readonly string[],
  rand: () => number
): Edit[] {
  const inside = (x: number): boolean => passages.some((p) => p.start < x && x < p.end)
  const sentenceStarts = sentenceSpans(text).map((s) => s.start)
  const points = [0, ...sentenceStarts, ...passages.map((p) => p.start)]
    .filter((x) => !inside(x))
    .sort((a, b) => a - b)
  const edits = new Map<number, Edit>()
  for (const p of passages) {
    let sentenceStart = 0
    for (const s of sentenceStarts) if (s <= p.start) sentenceStart = s
    let at = 0
    for (const x of points)
      if (x <= sentenceStart || (x <= p.start && inside(sentenceStart))) at = x
    if (!edits.has(at)) {
      edits.set(at, { at, del: 0, ins: pool[randomInt(rand, 0, pool.length - 1)]! + ' ' })
    }
  }
  return [...edits.values()].sort((a, b) => a.at - b.at)
}

/** A passage picked on an original article, and the edited text it must now be found in. */
export interface Case {
  variant: string
  article: number
  trial: number
  selectors: PassageSelectors
  text: string
  /** Where the passage now truly is; null when it is gone, and any anchor is wrong. */
  intended: Span | null
  /** The passage's own characters were edited. */
  touched: boolean
}

export interface Variant {
  name: string
  /** Edits for the whole text, given the passages picked on it... */
  edits?: (text: string, passages: Span[], rand: () => number, pool: readonly string[]) => Edit[]
  /**
   * ...or a revision made around one passage (one edited text per passage, the passage kept);
   * null when this passage cannot make the case...
   */
  revise?: (text: string, span: Span, rand: () => number, pool: readonly string[]) => Edit[] | null
  /**
   * ...or edits that remove one passage (one edited text per passage: a negative case); null
   * when this passage cannot make the case.
   */
  remove?: (text: string, span: Span, rand: () => number, pool: readonly string[]) => Edit[] | null
  /** Or the passages are looked for in the next article instead (a negative case). */
  foreign?: boolean
}

/**
 * One whole sentence inserted after each passage: at the end of the sentence the passage ends in
 * (often the passage's own end, which wipes out its stored suffix), or if that falls inside
 * another passage, at the nearest later point that does not. The mirror of sentenceInsertions.
 */
export function sentenceInsertionsAfter(
  text: string,
  passages: readonly Span[],
  pool: readonly string[],
  rand: () => number
): Edit[] {
  const inside = (x: number): boolean => passages.some((p) => p.start < x && x < p.end)
  const sentenceEnds = sentenceSpans(text).map((s) => s.end)
  const points = [text.length, ...sentenceEnds, ...passages.map((p) => p.end)]
    .filter((x) => !inside(x))
    .sort((a, b) => a - b)
  const edits = new Map<number, Edit>()
  for (const p of passages) {
    const sentenceEnd = sentenceEnds.find((e) => e >= p.end) ?? text.length
    const at = points.find((x) => x >= sentenceEnd || (x >= p.end && inside(sentenceEnd)))
    if (at === undefined || edits.has(at)) continue
    edits.set(at, { at, del: 0, ins: ' ' + pool[randomInt(rand, 0, pool.length - 1)]! })
  }
  return [...edits.values()].sort((a, b) => a.at - b.at)
}

/**
 * `first` (insertions next to passages, paragraph breaks changed…) with random edits at `rate`
 * added where they do not meet them: applyEdits needs edits at distinct places, and an edit
 * inside another one's span would make where a passage went ambiguous.
 */
function withRandomEdits(text: string, first: Edit[], rate: number, rand: () => number): Edit[] {
  const taken = (at: number): boolean =>
    first.some((e) => at >= e.at - 1 && at <= e.at + Math.max(1, e.del))
  const more = randomEdits(text, rate, rand).filter((e) => !taken(e.at))
  return [...first, ...more].sort((a, b) => a.at - b.at)
}

/**
 * Each passage's paragraph split in two at the sentence boundary next to it (before it if it is
 * not the paragraph's first sentence, else after it): the space there becomes a blank line.
 */
function paragraphSplits(text: string, passages: readonly Span[]): Edit[] {
  const inside = (x: number): boolean => passages.some((p) => p.start <= x && x < p.end)
  const edits = new Map<number, Edit>()
  for (const p of passages) {
    const paragraph = paragraphSpans(text).find((q) => q.start <= p.start && p.start < q.end)
    if (!paragraph) continue
    const sentences = sentenceSpans(text, paragraph)
    const before = sentences.filter((s) => s.start <= p.start && s.start > paragraph.start).at(-1)
    const after = sentences.find((s) => s.start >= p.end)
    for (const s of [before, after]) {
      const at = s ? s.start - 1 : -1
      if (at < 0 || text[at] !== ' ' || inside(at) || edits.has(at)) continue
      edits.set(at, { at, del: 1, ins: '\n\n' })
      break
    }
  }
  return [...edits.values()].sort((a, b) => a.at - b.at)
}

/** The paragraph break nearest each passage (before or after it) joined into one paragraph. */
function paragraphMerges(text: string, passages: readonly Span[]): Edit[] {
  const breaks = [...text.matchAll(/\n+/g)].map((m) => ({ at: m.index, del: m[0].length }))
  const edits = new Map<number, Edit>()
  for (const p of passages) {
    const nearest = breaks
      .filter((b) => b.at + b.del <= p.start || b.at >= p.end)
      .sort(
        (a, b) =>
          Math.min(Math.abs(a.at - p.end), Math.abs(a.at + a.del - p.start)) -
          Math.min(Math.abs(b.at - p.end), Math.abs(b.at + b.del - p.start))
      )[0]
    if (!nearest || passages.some((q) => q.start < nearest.at + nearest.del && nearest.at < q.end))
      continue
    edits.set(nearest.at, { ...nearest, ins: ' ' })
  }
  return [...edits.values()].sort((a, b) => a.at - b.at)
}

/** How much of a context side is rewritten: more than the 32 characters a passage stores. */
const REWRITTEN = 48

/**
 * The REWRITTEN characters before (`side` -1) or after (1) each passage replaced by words of
 * another article, where that does not reach into another passage.
 */
function sideRewrites(
  text: string,
  passages: readonly Span[],
  pool: readonly string[],
  rand: () => number,
  side: -1 | 1
): Edit[] {
  const edits: Edit[] = []
  const sorted = [...passages].sort((a, b) => a.start - b.start)
  for (const p of sorted) {
    const at = side === -1 ? Math.max(0, p.start - REWRITTEN) : p.end
    const end = side === -1 ? p.start : Math.min(text.length, p.end + REWRITTEN)
    if (end <= at) continue
    if (passages.some((q) => q !== p && q.start < end && at < q.end)) continue
    if (edits.some((e) => e.at < end && at < e.at + Math.max(1, e.del))) continue
    if (splitsSurrogatePair(text, at) || splitsSurrogatePair(text, end)) continue
    const pick = (): string => pool[randomInt(rand, 0, pool.length - 1)]!
    const words = `${pick()} ${pick()}`
    edits.push({ at, del: end - at, ins: words.slice(0, end - at).padEnd(end - at, ' ') })
  }
  return edits.sort((a, b) => a.at - b.at)
}

/**
 * The random-edit variants at these rates (the whole text edited, every passage looked for in
 * it); then revisions made around one passage at a time (one edited text per passage, as an
 * editor adds a sentence and corrects a few words): a sentence inserted just before, or just
 * after, the passage, alone and with random edits at each rate, or one whole side of its context
 * rewritten; every passage's paragraph split, or merged with the next; and the stress case of a
 * sentence inserted before every passage at once.
 */
export function mutationVariants(rates: readonly number[]): Variant[] {
  const beside = (name: string, insert: typeof sentenceInsertions): Variant[] => [
    { name, revise: (text, span, rand, pool) => insert(text, [span], pool, rand) },
    ...rates.map((rate): Variant => ({
      name: `${name} + ${(rate * 100).toFixed(1)} %`,
      revise: (text, span, rand, pool) =>
        withRandomEdits(text, insert(text, [span], pool, rand), rate, rand)
    }))
  ]
  return [
    ...rates.map((rate) => ({
      name: `${(rate * 100).toFixed(1)} %`,
      edits: (text: string, _p: Span[], rand: () => number) => randomEdits(text, rate, rand)
    })),
    ...beside('sentence before', sentenceInsertions),
    ...beside('sentence after', sentenceInsertionsAfter),
    {
      // The stress case: every passage of the text gets its sentence at once, so that both
      // sides of many passages change, and their neighbours move by more than one sentence.
      name: 'sentences before every passage + 2.0 %',
      edits: (text, passages, rand, pool) =>
        withRandomEdits(text, sentenceInsertions(text, passages, pool, rand), 0.02, rand)
    },
    { name: 'paragraph split', edits: (text, passages) => paragraphSplits(text, passages) },
    { name: 'paragraphs merged', edits: (text, passages) => paragraphMerges(text, passages) },
    {
      name: 'prefix rewritten',
      revise: (text, span, rand, pool) => sideRewrites(text, [span], pool, rand, -1)
    },
    {
      name: 'suffix rewritten',
      revise: (text, span, rand, pool) => sideRewrites(text, [span], pool, rand, 1)
    }
  ]
}

/** A copy of `words` with about `rate` of its characters edited, at least one. */
function nearCopy(words: string, rate: number, rand: () => number): string {
  const edits = randomEdits(words, rate, rand)
  return applyEdits(words, edits.length ? edits : randomEdits(words, 1 / words.length, rand)).text
}

/** The paragraph boundary farthest from `span` (the text's start or end if nothing is farther). */
function farthestBoundary(text: string, span: Span): number {
  const boundaries = [0, ...paragraphSpans(text).map((p) => p.end), text.length]
  return boundaries.reduce((far, b) =>
    Math.abs(b - span.start) > Math.abs(far - span.start) ? b : far
  )
}

/** Negative variants: the passage is gone, so any anchor at all is wrong. */
export const negativeVariants: Variant[] = [
  { name: 'passage deleted', remove: (_t, s) => [{ at: s.start, del: s.end - s.start, ins: '' }] },
  {
    name: 'deleted with context',
    remove: (t, s) => {
      const at = Math.max(0, s.start - 40)
      return [{ at, del: Math.min(t.length, s.end + 40) - at, ins: '' }]
    }
  },
  { name: 'other article', foreign: true },
  {
    // The passage's paragraph deleted; a near-copy of the passage (5 % of its characters edited)
    // left far away, among other words, as a summary or a caption repeats a sentence.
    name: 'paragraph deleted, near-copy elsewhere',
    remove: (t, s, rand, pool) => {
      // The paragraphs the passage starts and ends in, and what lies between.
      const paragraphs = paragraphSpans(t)
      const around = (x: number): Span | undefined =>
        paragraphs.find((p) => p.start <= x && x < p.end)
      const paragraph = {
        start: Math.min(s.start, around(s.start)?.start ?? s.start),
        end: Math.max(s.end, around(s.end - 1)?.end ?? s.end)
      }
      const at = farthestBoundary(t, paragraph)
      const copy = nearCopy(t.slice(s.start, s.end), 0.05, rand)
      const other = (): string => pool[randomInt(rand, 0, pool.length - 1)]!
      const deletion = { at: paragraph.start, del: paragraph.end - paragraph.start, ins: '' }
      const insertion = { at, del: 0, ins: `\n\n${other()} ${copy} ${other()}\n\n` }
      return at <= paragraph.start ? [insertion, deletion] : [deletion, insertion]
    }
  },
  {
    // A lead repeated: the passage with what precedes it copied far away, followed by other
    // words; then the passage itself deleted. The copy agrees on one side, verbatim.
    name: 'repeated lead, passage deleted',
    remove: (t, s, rand, pool) => recurringCopy(t, s, rand, pool, -1)
  },
  {
    // The same with what follows the passage: a quote that recurs with its suffix.
    name: 'quote recurs with its suffix, passage deleted',
    remove: (t, s, rand, pool) => recurringCopy(t, s, rand, pool, 1)
  }
]

/**
 * The passage with 40 characters of one side (`side` -1: before, 1: after) copied to the
 * paragraph boundary farthest from it, the other side of the copy words of another article; the
 * passage itself deleted. Only a copy at least FAR_COPY characters away makes a negative case: a
 * copy right next to the passage would be the passage moved.
 */
function recurringCopy(
  t: string,
  s: Span,
  rand: () => number,
  pool: readonly string[],
  side: -1 | 1
): Edit[] | null {
  const at = farthestBoundary(t, s)
  if (Math.abs(at - s.start) < FAR_COPY) return null
  const other = pool[randomInt(rand, 0, pool.length - 1)]!
  const copy =
    side === -1
      ? t.slice(Math.max(0, s.start - 40), s.end) + ' ' + other
      : other + ' ' + t.slice(s.start, Math.min(t.length, s.end + 40))
  const deletion = { at: s.start, del: s.end - s.start, ins: '' }
  const insertion = { at, del: 0, ins: `\n\n${copy}\n\n` }
  return at <= s.start ? [insertion, deletion] : [deletion, insertion]
}

/** How far a recurring copy must be from the passage to be another place, not the same. */
export const FAR_COPY = 1000

/** Sentences of an article, as material to insert into another. */
export function sentencesOf(text: string): string[] {
  return sentenceSpans(text)
    .map((s) => text.slice(s.start, s.end))
    .filter((s) => s.length > 20 && !s.includes('\n'))
}

/**
 * Deterministic cases: for each article and trial, `perArticle` passages picked with a PRNG
 * seeded from (seed, article, trial), then the variant's edits applied.
 */
export function buildCases(
  articles: readonly string[],
  variant: Variant,
  seed: number,
  perArticle: number,
  trials: number
): Case[] {
  const cases: Case[] = []
  articles.forEach((text, article) => {
    const next = articles[(article + 1) % articles.length]!
    for (let trial = 0; trial < trials; trial++) {
      const rand = prng(seed * 1000 + article * 10 + trial)
      const passages = pickPassages(text, perArticle, rand)
      const common = { variant: variant.name, article, trial }
      if (variant.edits) {
        const edited = applyEdits(text, variant.edits(text, passages, rand, sentencesOf(next)))
        for (const span of passages) {
          cases.push({
            ...common,
            selectors: describeSpan(text, span.start, span.end),
            text: edited.text,
            intended: intendedSpan(span, edited),
            touched: touches(span, edited.edits)
          })
        }
      }
      for (const span of variant.revise ? passages : []) {
        const revision = variant.revise!(text, span, rand, sentencesOf(next))
        if (revision === null) continue
        const edited = applyEdits(text, revision)
        cases.push({
          ...common,
          selectors: describeSpan(text, span.start, span.end),
          text: edited.text,
          intended: intendedSpan(span, edited),
          touched: touches(span, edited.edits)
        })
      }
      for (const span of variant.remove || variant.foreign ? passages : []) {
        const removal = variant.remove?.(text, span, rand, sentencesOf(next))
        if (removal === null) continue
        cases.push({
          ...common,
          selectors: describeSpan(text, span.start, span.end),
          text: removal ? applyEdits(text, removal).text : next,
          intended: null,
          touched: true
        })
      }
    }
  })
  return cases
}
