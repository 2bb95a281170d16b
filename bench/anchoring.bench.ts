// Anchoring on a ~100 KB article: 1,000 passages resolved on the unchanged text and after 2 %
// random edits, each against the bare minimum (indexOf of every quote) as the baseline.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { describeSpan } from '../src/core/anchoring/describe'
import { resolveAll } from '../src/core/anchoring/resolve'
import {
  applyEdits,
  classify,
  intendedSpan,
  pickPassages,
  prng,
  randomEdits,
  touches,
  type Outcome
} from '../test/anchoring/test-corpus'
import { normalizeText } from '../src/core/text/normalize'
import { compare, writeReport } from './harness'

const TARGET_BYTES = 100_000

/**
 * The five samples, concatenated round after round until ~100 KB. Round k shifts every Latin
 * letter by k places (ROT-k): the same shapes of text (word lengths, accents, punctuation) without
 * turning the article into five copies of itself, which no real article is and which would make
 * every passage ambiguous.
 */
function buildArticle(): string {
  const dir = 'resources/sample'
  const samples = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => normalizeText(readFileSync(join(dir, name), 'utf8')))
  const rot = (text: string, k: number): string =>
    text.replace(/[a-z]/gi, (ch) => {
      const base = ch <= 'Z' ? 65 : 97
      return String.fromCharCode(((ch.charCodeAt(0) - base + k) % 26) + base)
    })
  const parts: string[] = []
  let length = 0
  for (let round = 0; length < TARGET_BYTES; round++) {
    for (const sample of samples) {
      parts.push(rot(sample, round))
      length += sample.length + 2
      if (length >= TARGET_BYTES) break
    }
  }
  return parts.join('\n\n')
}

const text = buildArticle()
const spans = pickPassages(text, 1000, prng(2024))
const selectors = spans.map((s) => describeSpan(text, s.start, s.end))
const edited = applyEdits(text, randomEdits(text, 0.02, prng(7)))
const indexOfAll = (t: string) => selectors.map((s) => t.indexOf(s.quote.exact))

afterAll(() => writeReport('bench/report-anchoring.json'))

test('resolve 1,000 passages on the unchanged text', async () => {
  console.log(`article: ${text.length} UTF-16 units, ${selectors.length} passages`)
  const row = await compare(
    'resolveAll × 1,000, unchanged ~100 KB',
    () => resolveAll(text, selectors),
    'indexOf × 1,000',
    () => indexOfAll(text),
    { runs: 30, warmup: 3 }
  )
  expect(resolveAll(text, selectors).every((r) => r.status === 'exact')).toBe(true)
  expect(row.medianMs).toBeLessThan(100)
})

test('resolve 1,000 passages after 2 % random edits', async () => {
  const counts: Record<Outcome, number> = { exact: 0, moved: 0, fuzzy: 0, orphan: 0, wrong: 0 }
  resolveAll(edited.text, selectors).forEach((r, i) => {
    const span = spans[i]!
    counts[classify(r, intendedSpan(span, edited), touches(span, edited.edits))]++
  })
  console.log(`outcomes after 2 % edits: ${JSON.stringify(counts)}`)
  const row = await compare(
    'resolveAll × 1,000, 2 % edited ~100 KB',
    () => resolveAll(edited.text, selectors),
    'indexOf × 1,000 (edited)',
    () => indexOfAll(edited.text),
    { runs: 5, warmup: 1 }
  )
  expect(counts.wrong).toBe(0)
  // Issue 20's target: under 50 ms (126 ms when it was set).
  expect(row.medianMs).toBeLessThan(50)
})
