// The threshold study behind resolve.ts's constants: the best candidate's score and context when
// it is the right place (edited texts) and when it cannot be (passage gone), printed and checked.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../text/normalize'
import { ACCEPT_SCORE, BOTH_SIDES, decide, MIN_MARGIN, rankCandidates } from './resolve'
import {
  buildCases,
  classify,
  mutationVariants,
  negativeVariants,
  type Case
} from '../../../test/anchoring/test-corpus'

const dir = 'resources/sample'
const articles = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => normalizeText(readFileSync(join(dir, name), 'utf8')))

interface Sample {
  score: number
  /** Best score minus the best other place's (the score itself when there is none). */
  margin: number
  /** The weaker-agreeing context side of the best candidate. */
  weak: number
  right: boolean
  /** Accepted by the full rule (margin, tiers) at a given threshold. */
  acceptedAt: (threshold: number) => boolean
}

/** The best candidate of each case, judged like mutation.test.ts judges a resolution. */
function study(cases: readonly Case[]): Sample[] {
  return cases.flatMap((c) => {
    const ranked = rankCandidates(c.text, c.selectors, 'all')
    const best = ranked[0]
    if (!best) return []
    const status = best.quoteErrors > 0 ? 'fuzzy' : 'moved'
    return [
      {
        score: best.score,
        margin: best.score - (ranked[1]?.score ?? 0),
        weak: Math.min(best.prefix, best.suffix),
        right: classify({ status, ...best }, c.intended, c.touched) !== 'wrong',
        acceptedAt: (t: number) => decide(c.text, c.selectors, ranked, t) !== null
      }
    ]
  })
}

const percent = (part: number, whole: number): string => ((100 * part) / whole).toFixed(1)

describe('acceptance threshold study', () => {
  // Seeds differ from mutation.test.ts: the constants are not tuned on the cases that check them.
  const positives = mutationVariants([0.005, 0.01, 0.02, 0.05, 0.08]).flatMap((v, i) =>
    buildCases(articles, v, 100 + i, 40, 2)
  )
  const negatives = negativeVariants.flatMap((v, i) => buildCases(articles, v, 200 + i, 40, 2))
  const samples = study([...positives, ...negatives])
  const right = samples.filter((s) => s.right)
  const wrong = samples.filter((s) => !s.right)
  const clear = (s: Sample): boolean => s.margin >= MIN_MARGIN

  const bins = Array.from({ length: 11 }, (_, i) => 0.5 + i * 0.05)
  const inBin = (value: number, lo: number): boolean => value >= lo && value < lo + 0.05
  console.log(
    `${right.length} right places, ${wrong.length} wrong ones. Best-candidate score, before any rule:`
  )
  console.table(
    bins.map((lo) => ({
      score: `${lo.toFixed(2)}–${(lo + 0.05).toFixed(2)}`,
      right: right.filter((s) => inBin(s.score, lo)).length,
      wrong: wrong.filter((s) => inBin(s.score, lo)).length,
      'wrong, clear of runner-up': wrong.filter((s) => inBin(s.score, lo) && clear(s)).length
    }))
  )
  console.log('Weaker context side of candidates scoring ≥ 0.7 and clear of the runner-up:')
  console.table(
    Array.from({ length: 10 }, (_, i) => i / 10).map((lo) => ({
      'weak side': `${lo.toFixed(1)}–${(lo + 0.1).toFixed(1)}`,
      right: right.filter((s) => s.score >= 0.7 && clear(s) && s.weak >= lo && s.weak < lo + 0.1)
        .length,
      wrong: wrong.filter((s) => s.score >= 0.7 && clear(s) && s.weak >= lo && s.weak < lo + 0.1)
        .length
    }))
  )
  console.log('Accepted per threshold: score and margin alone, and the full rule (tiers):')
  console.table(
    [0.7, 0.74, 0.78, 0.8, 0.82, 0.86, 0.9, 0.94].map((t) => ({
      threshold: t,
      'score only: right %': percent(
        right.filter((s) => s.score >= t && clear(s)).length,
        right.length
      ),
      'score only: wrong': wrong.filter((s) => s.score >= t && clear(s)).length,
      'full rule: right %': percent(right.filter((s) => s.acceptedAt(t)).length, right.length),
      'full rule: wrong': wrong.filter((s) => s.acceptedAt(t)).length
    }))
  )

  it('accepts no wrong place at ACCEPT_SCORE, nor a little below it', () => {
    expect(wrong.filter((s) => s.acceptedAt(ACCEPT_SCORE))).toEqual([])
    expect(wrong.filter((s) => s.acceptedAt(ACCEPT_SCORE - 0.1))).toEqual([])
  })

  it('never saw a wrong place whose weaker side reaches BOTH_SIDES minus a safety gap', () => {
    expect(wrong.filter((s) => clear(s) && s.weak >= BOTH_SIDES - 0.1)).toEqual([])
  })

  it('still accepts the great majority of right places', () => {
    const accepted = right.filter((s) => s.acceptedAt(ACCEPT_SCORE)).length
    expect(accepted / right.length).toBeGreaterThan(0.95)
  })
})
