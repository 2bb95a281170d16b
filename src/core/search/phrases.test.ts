import { describe, expect, it } from 'vitest'
import { foldedWords } from './analyze'
import { containsPhrase } from './engine'
import { WordSequences } from './phrases'

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = Math.imul(state ^ (state >>> 15), 1 | state)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

describe('word sequences', () => {
  it('find a phrase exactly where the text has it, numbers of one to three characters alike', () => {
    const next = random(7)
    // 20,000 words: numbers past 127 and past 16,383 take two and three characters, whose
    // last characters must never be taken for a word of their own.
    const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`)
    const pick = () => vocabulary[Math.floor((next() < 0.5 ? next() ** 3 : next()) * 20_000)]!
    const sequences = new WordSequences()
    // Numbered backwards: the words picked most often take three characters.
    sequences.set(999, [...vocabulary].reverse())
    const texts: string[] = []
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 60 }, pick).join(n % 3 ? ' ' : ', ')
      texts.push(text)
      sequences.set(n, foldedWords(text))
    }
    let found = 0
    for (let k = 0; k < 1500; k++) {
      const n = Math.floor(next() * texts.length)
      const words = texts[n]!.split(/,? /)
      // Half the phrases from the text itself, half made up of its words or words of one
      // character (numbered first), which the last characters of longer numbers may look like.
      const at = Math.floor(next() * (words.length - 3))
      const length = 1 + Math.floor(next() * 3)
      const phrase =
        k % 2
          ? words.slice(at, at + length).join(' ')
          : Array.from({ length }, () =>
              next() < 0.5 ? vocabulary[19_999 - Math.floor(next() * 128)]! : words[at]!
            ).join(' ')
      const typed = k % 5 === 0 ? `${phrase.slice(0, -1)}*` : phrase
      const expected = containsPhrase(texts[n]!, typed)
      expect(sequences.contains(n, sequences.compile(typed)), typed).toBe(expected)
      if (expected) found++
    }
    expect(found).toBeGreaterThan(500)
  })

  it('are saved and restored as plain data', () => {
    const sequences = new WordSequences()
    sequences.set(1, foldedWords('Le fils du Président'))
    sequences.set(3, foldedWords('Les États-Unis'))
    sequences.delete(1)
    const restored = WordSequences.restore(structuredClone(sequences.save()))
    expect(restored.contains(3, restored.compile('etats unis'))).toBe(true)
    expect(restored.contains(3, restored.compile('États-U*'))).toBe(true)
    expect(restored.has(1)).toBe(false)
    expect(() => WordSequences.restore({} as never)).toThrow()
  })
})
