// Finding a passage again in an article's current text: its old position if the quote is still
// there, else the quote elsewhere, else a fuzzy match, else nothing (an orphan, never a guess).
import {
  approximateSpans,
  displacedNearby,
  exactStarts,
  MIN_FUZZY_LENGTH,
  rankPlaces,
  scoreSpan,
  withHint,
  type QuoteContext,
  type ScoredSpan
} from './match-quote'
import type { PassageSelectors, Resolution } from './types'

/*
 * THE RULE: an orphan is allowed, a wrong anchor is not. The constants below were set on the
 * threshold study (threshold-study.test.ts): for the best candidate of each passage, its score and
 * context agreement when it is the right place (sample articles edited at random at 0.5–8 %, or
 * with sentences inserted before passages: 2,391 cases) and when it cannot be (the passage
 * deleted, alone or with its context, or looked for in another article: 267 cases whose best
 * candidate exists). Its seeds differ from those of mutation.test.ts, which checks the result.
 */

/**
 * Lowest score (match-quote.ts's WEIGHTS) for a `moved` or `fuzzy` anchor. The score alone cannot
 * separate right from wrong: wrong places reach 0.91 (a short quote inside a phrase the article
 * repeats, agreeing on one side), right ones go down to 0.67 (both sides rewritten). Score and
 * margin alone accept no wrong place only from 0.94 up, keeping 80.6 % of the right ones. The
 * context tiers below do the separating: with them no wrong place is accepted at any threshold
 * from 0.70 to 0.94, and right places accepted go from 97.1 % (0.70) to 97.0 % (0.80), 96.1 %
 * (0.86) and 92.8 % (0.90). 0.80 keeps nearly all of them and still asks more than the tiers do:
 * a fuzzy match whose sides just pass BOTH_SIDES needs its quote at least 87 % intact
 * (50q + 30·0.7 + 10·0.7 + 2 ≥ 0.8 · 92).
 */
export const ACCEPT_SCORE = 0.8

/**
 * The best place must beat the best *other* place by this much. Two places that score alike (a
 * phrase the article repeats with the same words around it) cannot be told apart, and the rule is
 * to orphan rather than guess. Position weighs 2/92 in the score, so it can never make this gap.
 */
export const MIN_MARGIN = 0.05

/**
 * Quotes this short are taken only verbatim, and with at most SHORT_QUOTE_CONTEXT_LOSS of their
 * context off, summed over both sides (0.125: 4 of 64 characters, an edit or two nearby). A 1-3
 * character string recurs everywhere, so the context is the whole identification; and when the
 * quote is gone, the same letters a few characters on ("les m|édias" deleted, "médias m" is still
 * there) keep a shifted copy of the context, about twice the shift off: the stress runs found
 * such a place at 0.875 and 0.78.
 */
export const SHORT_QUOTE = 3
const SHORT_QUOTE_CONTEXT_LOSS = 0.125

/**
 * At the wrong place (clear of its runner-up, scoring 0.7 or more), the weaker-agreeing context
 * side never reached 0.6 in the study: phrases repeat in news text, rarely with both sides. At the
 * right place it is above 0.8 in 89 % of cases, lower where a sentence was inserted next to the
 * passage or edits hit that side. So "both sides vouch" means the weaker side agrees at least
 * this much, 0.1 above any wrong place seen.
 */
export const BOTH_SIDES = 0.7

/**
 * With one side only, a wrong place can look right: a quote inside a repeated phrase ("Julian
 * A|ssang|e", "l'é|lection présidentielle américain") agrees on that side for up to the whole 32
 * characters, and news articles repeat whole sentences (summary bullets, photo credits: the
 * samples hold verbatim repeats of up to 48 characters and near-repeats of 51, which made a
 * 21-character quote with one side at 0.91 land on the wrong copy). So one side must agree
 * nearly verbatim (ONE_SIDE) and the quote must be verbatim and at least ONE_SIDED_MIN_LENGTH
 * long, which makes 61+ agreeing characters; or at least DISPLACED_MIN_LENGTH if the other
 * side's context is found intact a sentence away (displacedNearby: a sentence was inserted
 * between). Not shorter: a repeat of the quote within a sentence of the true place would find
 * the true place's context "displaced" (the study caught "ald" of "Donald" doing exactly that).
 */
export const ONE_SIDE = 0.9
export const ONE_SIDED_MIN_LENGTH = 32
export const DISPLACED_MIN_LENGTH = 16

/**
 * With neither side (both rewritten around an intact passage), only a verbatim quote occurring
 * once and this long: 64 characters is a sentence, which an article repeats only as a pull quote.
 */
export const LONE_QUOTE_MIN_LENGTH = 64

/**
 * A verbatim occurrence whose context agrees this well on both sides (at most 3 of 32 characters
 * off) is taken without looking for fuzzy rivals: only a near-copy of the whole passage with its
 * context could rival it, and then nothing could tell the two apart anyway.
 */
const STRONG_CONTEXT = 0.9

/**
 * Fuzzy search looks this far around the expected position first (an edited passage is nearly
 * always there, and approx-string-match costs time per character searched); the whole text only
 * if that finds nothing acceptable. Verbatim occurrences are always looked for in the whole text.
 */
export const SEARCH_RADIUS = 512

/**
 * The acceptance rule, on candidates best place first (see rankCandidates): the best must beat
 * the best other place by MIN_MARGIN, then pass one tier: short quote (verbatim, context nearly
 * intact); both sides vouch (BOTH_SIDES); one side nearly verbatim with a long
 * enough verbatim quote (ONE_SIDE); or a long verbatim quote found nowhere else. All but the last
 * also need a score of at least `threshold`. Returns the accepted candidate, or null.
 */
export function decide(
  text: string,
  selectors: PassageSelectors,
  ranked: readonly ScoredSpan[],
  threshold = ACCEPT_SCORE
): ScoredSpan | null {
  const [best, runnerUp] = ranked
  if (!best) return null
  if (runnerUp && best.score - runnerUp.score < MIN_MARGIN) return null
  const { exact, prefix, suffix } = selectors.quote
  const length = exact.length
  const weak = Math.min(best.prefix, best.suffix)
  const strong = Math.max(best.prefix, best.suffix)
  const scored = best.score >= threshold
  const verbatim = best.quoteErrors === 0
  if (length <= SHORT_QUOTE) {
    const loss = 2 - best.prefix - best.suffix
    return scored && verbatim && loss <= SHORT_QUOTE_CONTEXT_LOSS ? best : null
  }
  if (scored && weak >= BOTH_SIDES) return best
  if (scored && verbatim && strong >= ONE_SIDE && length >= DISPLACED_MIN_LENGTH) {
    if (length >= ONE_SIDED_MIN_LENGTH) return best
    const displaced =
      best.prefix < best.suffix
        ? displacedNearby(text, best.start, prefix, -1)
        : displacedNearby(text, best.end, suffix, 1)
    if (displaced) return best
  }
  const verbatimPlaces = ranked.filter((c) => c.quoteErrors === 0).length
  if (verbatim && verbatimPlaces === 1 && length >= LONE_QUOTE_MIN_LENGTH) return best
  return null
}

/** Search scopes, cheapest first: verbatim occurrences; plus fuzzy near the hint; plus everywhere. */
export type Scope = 'exact' | 'near' | 'all'

/**
 * One passage's candidates, gathered stage by stage and each scored once: the stages widen the
 * search but rank everything found so far, so verbatim occurrences stay rivals of fuzzy matches.
 */
class Candidates {
  private readonly scored = new Map<string, ScoredSpan | null>()
  context: QuoteContext
  readonly quote: string
  /** Where fuzzy search has looked: [from, to). */
  private from = 0
  private to = 0

  constructor(
    private readonly text: string,
    selectors: PassageSelectors,
    hint: number
  ) {
    this.quote = selectors.quote.exact
    this.context = { prefix: selectors.quote.prefix, suffix: selectors.quote.suffix }
    this.rehint(hint)
    this.add(
      exactStarts(text, this.quote).map((start) => ({ start, end: start + this.quote.length }))
    )
  }

  /** Moves the position hint: rescores what was found, and the next 'near' search looks there. */
  rehint(hint: number): void {
    const usable = Number.isInteger(hint) && hint >= 0 && hint <= this.text.length
    this.context = { ...this.context, hint: usable ? hint : undefined }
    for (const [key, s] of this.scored) {
      if (s) this.scored.set(key, withHint(s, this.context.hint, this.text.length))
    }
  }

  private add(spans: readonly { start: number; end: number }[]): void {
    for (const { start, end } of spans) {
      const key = `${start}:${end}`
      if (!this.scored.has(key)) {
        this.scored.set(key, scoreSpan(this.text, this.quote, this.context, start, end))
      }
    }
  }

  /** True once fuzzy search has covered the whole text (or cannot run). */
  get exhausted(): boolean {
    return this.quote.length < MIN_FUZZY_LENGTH || (this.from === 0 && this.to === this.text.length)
  }

  widen(scope: Scope): void {
    if (scope === 'exact' || this.exhausted) return
    const { text, quote, context } = this
    if (scope === 'all') {
      this.add(approximateSpans(text, quote, context))
      this.from = 0
      this.to = text.length
      return
    }
    const hint = context.hint
    const from = hint === undefined ? 0 : Math.max(0, hint - SEARCH_RADIUS)
    const to =
      hint === undefined ? text.length : Math.min(text.length, hint + quote.length + SEARCH_RADIUS)
    this.add(approximateSpans(text, quote, context, from, to))
    this.from = from
    this.to = to
  }

  ranked(): ScoredSpan[] {
    const all: ScoredSpan[] = []
    for (const s of this.scored.values()) if (s) all.push(s)
    return rankPlaces(all)
  }
}

/**
 * Candidate places for a passage, best first, one per place (see rankPlaces), without deciding
 * anything: what resolveAnchor's stages look at, and what the threshold study measures.
 */
export function rankCandidates(
  text: string,
  selectors: PassageSelectors,
  scope: Scope,
  hint = selectors.position.start
): ScoredSpan[] {
  if (selectors.quote.exact === '' || text === '') return []
  const candidates = new Candidates(text, selectors, hint)
  candidates.widen(scope === 'exact' ? 'exact' : 'near')
  if (scope === 'all') candidates.widen('all')
  return candidates.ranked()
}

function resolved(text: string, best: ScoredSpan, selectors: PassageSelectors): Resolution {
  const { start, end, score } = best
  if (best.quoteErrors > 0 || text.slice(start, end) !== selectors.quote.exact) {
    return { status: 'fuzzy', start, end, score }
  }
  const { position } = selectors
  const status = start === position.start && end === position.end ? 'exact' : 'moved'
  return { status, start, end, score }
}

/** True when the stored position still holds the quote with its context untouched on both sides. */
function positionHolds(text: string, selectors: PassageSelectors): boolean {
  const { exact, prefix, suffix } = selectors.quote
  const { start, end } = selectors.position
  return (
    end - start === exact.length &&
    start >= prefix.length &&
    text.startsWith(exact, start) &&
    text.startsWith(prefix, start - prefix.length) &&
    text.startsWith(suffix, end)
  )
}

/** Stages (a) and (b): the stored position, then verbatim occurrences with strong context. */
function resolveVerbatim(
  text: string,
  selectors: PassageSelectors,
  candidates: () => Candidates
): Resolution | null {
  // (a) The stored position, trusted only with its 64 characters of context verbatim around it:
  // that is what makes a repeated word at the old offset (after an edit shifted the text) fail.
  if (positionHolds(text, selectors)) {
    const { start, end } = selectors.position
    return { status: 'exact', start, end, score: 1 }
  }
  // (b) Verbatim occurrences anywhere (the old position included, if its context changed), told
  // apart by context and scored like any candidate, with a perfect quote.
  const found = decide(text, selectors, candidates().ranked())
  if (found && Math.min(found.prefix, found.suffix) >= STRONG_CONTEXT) {
    return resolved(text, found, selectors)
  }
  return null
}

/** Stage (c): fuzzy, near the hint then everywhere; an orphan if nothing passes decide(). */
function resolveFuzzy(
  text: string,
  selectors: PassageSelectors,
  candidates: Candidates
): Resolution {
  let ranked = candidates.ranked()
  // A verbatim quote with less than strong context may still pass, but only once fuzzy rivals
  // have been looked for; a quote too short for fuzzy search is decided on its verbatim places.
  let found = candidates.exhausted ? decide(text, selectors, ranked) : null
  for (const scope of ['near', 'all'] as const) {
    if (found || candidates.exhausted) break
    candidates.widen(scope)
    ranked = candidates.ranked()
    found = decide(text, selectors, ranked)
  }
  if (found) return resolved(text, found, selectors)
  return { status: 'orphan', score: ranked[0]?.score ?? 0 }
}

function resolveWith(text: string, selectors: PassageSelectors, hint: number): Resolution {
  if (selectors.quote.exact === '' || text === '') return { status: 'orphan', score: 0 }
  let candidates: Candidates | undefined
  const lazy = (): Candidates => (candidates ??= new Candidates(text, selectors, hint))
  return resolveVerbatim(text, selectors, lazy) ?? resolveFuzzy(text, selectors, lazy())
}

/** Where a passage now is in `text`, if it can be told for sure; see the module comment. */
export function resolveAnchor(text: string, selectors: PassageSelectors): Resolution {
  return resolveWith(text, selectors, selectors.position.start)
}

/**
 * Resolves every passage against the same text. Passages found verbatim show how the text has
 * shifted (an inserted paragraph moves everything after it), so the others are looked for where
 * their nearest found neighbour (by old position) says they should now be, rather than at their
 * old offset: the fuzzy search near the hint then finds them without searching the whole text.
 */
export function resolveAll(text: string, list: readonly PassageSelectors[]): Resolution[] {
  const results: Resolution[] = []
  const pending: { index: number; candidates: Candidates }[] = []
  const shifts: { old: number; delta: number }[] = []
  list.forEach((selectors, index) => {
    const old = selectors.position.start
    let candidates: Candidates | undefined
    const lazy = (): Candidates => (candidates ??= new Candidates(text, selectors, old))
    const empty = selectors.quote.exact === '' || text === ''
    const quick = empty ? null : resolveVerbatim(text, selectors, lazy)
    if (quick && quick.status !== 'orphan') shifts.push({ old, delta: quick.start - old })
    else if (!empty) pending.push({ index, candidates: lazy() })
    results.push(quick ?? { status: 'orphan', score: 0 })
  })
  shifts.sort((a, b) => a.old - b.old)
  for (const { index, candidates } of pending) {
    const selectors = list[index]!
    const old = selectors.position.start
    candidates.rehint(old + nearestShift(shifts, old))
    results[index] = resolveFuzzy(text, selectors, candidates)
  }
  return results
}

/** The shift of the found passage whose old start is nearest `old` (0 if none was found). */
function nearestShift(shifts: readonly { old: number; delta: number }[], old: number): number {
  let lo = 0
  let hi = shifts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (shifts[mid]!.old < old) lo = mid + 1
    else hi = mid
  }
  const after = shifts[lo]
  const before = shifts[lo - 1]
  if (!after) return before?.delta ?? 0
  if (!before) return after.delta
  return old - before.old <= after.old - old ? before.delta : after.delta
}
