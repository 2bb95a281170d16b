// The edit distances anchoring stands on: the bit-parallel versions must agree with plain dynamic
// programming everywhere, and the banded whole-string distance with the textbook one.
import { describe, expect, it } from 'vitest'
import {
  boundaryCosts,
  boundaryCostsDp,
  contextErrors,
  contextErrorsDp,
  editDistance
} from './distance'
import { prng, randomInt } from '../../../test/anchoring/test-corpus'

/** Textbook Levenshtein distance, the reference. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        prev[j]! + 1,
        cur[j - 1]! + 1
      )
    }
    prev = cur
  }
  return prev[b.length]!
}

/** Random strings over a small alphabet, so that they share plenty of characters. */
function randomString(rand: () => number, length: number, alphabet = 'abcdé 😀'): string {
  return Array.from({ length }, () => alphabet[randomInt(rand, 0, alphabet.length - 1)]).join('')
}

describe('editDistance', () => {
  it('is the Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('abc', '')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })

  it('reports limit + 1 as soon as the distance exceeds the limit, and is exact below it', () => {
    const rand = prng(1)
    for (let n = 0; n < 500; n++) {
      const a = randomString(rand, randomInt(rand, 0, 40))
      const b = randomString(rand, randomInt(rand, 0, 40))
      const limit = randomInt(rand, 0, 20)
      const d = levenshtein(a, b)
      expect(editDistance(a, b, limit)).toBe(d <= limit ? d : limit + 1)
      expect(editDistance(a, b)).toBe(d)
    }
  })
})

describe('bit-parallel context and boundary costs', () => {
  it('agree with plain dynamic programming', () => {
    const rand = prng(2)
    for (let n = 0; n < 400; n++) {
      const text = randomString(rand, randomInt(rand, 0, 120))
      const pattern = randomString(rand, randomInt(rand, 1, 32))
      const at = randomInt(rand, 0, text.length)
      for (const dir of [1, -1] as const) {
        const limit = randomInt(rand, 0, pattern.length)
        expect(contextErrors(text, at, pattern, dir, limit)).toBe(
          contextErrorsDp(text, at, pattern, dir, limit)
        )
        const lo = randomInt(rand, 0, text.length)
        const hi = randomInt(rand, lo, text.length)
        expect([...boundaryCosts(text, pattern, lo, hi, dir)]).toEqual([
          ...boundaryCostsDp(text, pattern, lo, hi, dir)
        ])
      }
    }
  })

  it('anchor a prefix at the boundary: it must end where the candidate starts', () => {
    const text = 'le site WikiLeaks était'
    expect(contextErrors(text, 8, 'le site ', -1)).toBe(0)
    expect(contextErrors(text, 9, 'le site ', -1)).toBe(1)
    expect(contextErrors(text, 17, ' était', 1)).toBe(0)
  })
})
