// Test support for anchoring (not used by the app): a seeded PRNG, passage picking, and text edits
// applied with an offset map, so that a test knows where each passage truly went.
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
  /** ...or edits that remove one passage (one edited text per passage: a negative case). */
  remove?: (text: string, span: Span) => Edit[]
  /** Or the passages are looked for in the next article instead (a negative case). */
  foreign?: boolean
}

/** The random-edit variants at these rates, and one with sentences inserted before passages. */
export function mutationVariants(rates: readonly number[]): Variant[] {
  return [
    ...rates.map((rate) => ({
      name: `${(rate * 100).toFixed(1)} %`,
      edits: (text: string, _p: Span[], rand: () => number) => randomEdits(text, rate, rand)
    })),
    {
      name: 'sentence before',
      edits: (text, passages, rand, pool) => sentenceInsertions(text, passages, pool, rand)
    }
  ]
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
  { name: 'other article', foreign: true }
]

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
      for (const span of variant.remove || variant.foreign ? passages : []) {
        cases.push({
          ...common,
          selectors: describeSpan(text, span.start, span.end),
          text: variant.remove ? applyEdits(text, variant.remove(text, span)).text : next,
          intended: null,
          touched: true
        })
      }
    }
  })
  return cases
}
