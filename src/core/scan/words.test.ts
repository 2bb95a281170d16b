import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ScanWord } from './types'
import { outlineBoxes, remapWords, unionBox, wordAtPoint, wordsInSpan } from './words'

/** Words of `text` split on spaces, boxed on one line 10 px per character. */
function wordsOf(text: string, y = 0): ScanWord[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    x: m.index * 10,
    y,
    w: m[0].length * 10,
    h: 20,
    c: 90
  }))
}

const textOf = (text: string, words: ScanWord[]): string[] =>
  words.map((w) => text.slice(w.start, w.end))

describe('words and places in the text', () => {
  it('outlines a passage as one band per line', () => {
    const words = [
      ...wordsOf('Le fils du candidat'),
      ...wordsOf('a reçu des messages', 40).map((w) => ({
        ...w,
        start: w.start + 20,
        end: w.end + 20
      }))
    ]
    const boxes = outlineBoxes(words, { start: 7, end: 27 })
    expect(boxes).toEqual([
      { x: 80, y: 0, w: 110, h: 20 },
      { x: 0, y: 40, w: 60, h: 20 }
    ])
    expect(unionBox(boxes)).toEqual({ x: 0, y: 0, w: 190, h: 60 })
    expect(wordsInSpan(words, { start: 7, end: 27 }).map((w) => w.start)).toEqual([8, 11, 20, 22])
  })

  it('finds the word under a click, or the nearest within reach, or none', () => {
    const words = wordsOf('WikiLeaks écrit')
    expect(wordAtPoint(words, 15, 10)?.start).toBe(0)
    expect(wordAtPoint(words, 145, 30)?.start).toBe(10)
    expect(wordAtPoint(words, 500, 500)).toBeUndefined()
  })
})

describe('remapWords: a corrected text keeps its words on the page', () => {
  it('a misread word corrected keeps its box, and the words after it move', () => {
    const before = 'Donald Trurnp Jr. a répondu'
    const after = 'Donald Trump Jr. a répondu'
    const moved = remapWords(wordsOf(before), before, after)
    expect(textOf(after, moved)).toEqual(['Donald', 'Trump', 'Jr.', 'a', 'répondu'])
    expect(moved[1]!.x).toBe(70)
  })

  it('a sentence inserted before moves every word; a word deleted is dropped', () => {
    const before = 'les documents remis au Congrès'
    const after = 'Selon la presse, les documents au Congrès'
    const moved = remapWords(wordsOf(before), before, after)
    expect(textOf(after, moved)).toEqual(['les', 'documents', 'au', 'Congrès'])
  })

  it('for any edit, every word kept spans text of the new version, in order, untouched words unchanged', () => {
    const word = fc.stringMatching(/^[a-zéè]{1,8}$/)
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.stringMatching(/^[a-z ]{0,6}$/)), {
          maxLength: 4
        }),
        (list, edits) => {
          const before = list.join(' ')
          let after = before
          for (const [at, length, insert] of edits) {
            const start = at % (after.length + 1)
            after = after.slice(0, start) + insert + after.slice(start + length)
          }
          const moved = remapWords(wordsOf(before), before, after)
          let last = 0
          for (const w of moved) {
            expect(w.start).toBeGreaterThanOrEqual(last)
            expect(w.end).toBeGreaterThan(w.start)
            expect(w.end).toBeLessThanOrEqual(after.length)
            last = w.start
          }
          if (before === after) expect(moved).toEqual(wordsOf(before))
        }
      ),
      { numRuns: 500 }
    )
  })
})
