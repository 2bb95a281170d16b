// Find in article: folding with its way back to the original offsets, and the matches it gives.
import { describe, expect, it } from 'vitest'
import { foldForSearch } from '../archive/library-view'
import { findInText, foldQuery, foldText, matchAtOrAfter } from './find-in-text'

/** The original text of every match, to compare with what a reader sees. */
function found(text: string, query: string): string[] {
  return findInText(foldText(text), query).map((m) => text.slice(m.start, m.end))
}

describe('foldText', () => {
  it('lowers case and drops accents, as the library filter does', () => {
    const text = 'Élection à Zürich : ÇA VA, Noël ?'
    expect(foldText(text).folded).toBe(foldForSearch(text))
  })

  it('maps every folded character back to its place, decomposed accents included', () => {
    // "e" + combining acute (two code units) folds to one "e".
    const text = 'Cafe\u0301 et cafe'
    const { folded, starts, ends } = foldText(text)
    expect(folded).toBe('cafe et cafe')
    expect([starts[3], ends[3]]).toEqual([3, 5])
    expect([starts[4], ends[4]]).toEqual([5, 6])
  })

  it('makes one space of every run of white space, no-break spaces included', () => {
    const text = 'a \u00a0\n\tb\u202f:'
    const { folded, starts, ends } = foldText(text)
    expect(folded).toBe('a b :')
    expect([starts[1], ends[1]]).toEqual([1, 5])
  })

  it('writes out œ, æ and ß, and makes typographic apostrophes straight', () => {
    expect(foldText('Cœur, Æther, Straße, l’homme').folded).toBe("coeur, aether, strasse, l'homme")
  })

  it('keeps a surrogate pair whole', () => {
    const text = 'a😀b'
    const { folded, starts, ends } = foldText(text)
    expect(folded).toBe('a😀b')
    expect([starts[1], ends[1], starts[2], ends[2]]).toEqual([1, 3, 1, 3])
  })

  it('has one entry per folded code unit', () => {
    const { folded, starts, ends } = foldText('Œuvre d’Émile Zola 😀 ﬁn')
    expect(starts.length).toBe(folded.length)
    expect(ends.length).toBe(folded.length)
  })
})

describe('findInText', () => {
  it('ignores case and accents both ways', () => {
    const text = 'Les élections. Une ELECTION. Une élection.'
    expect(found(text, 'election')).toEqual(['élection', 'ELECTION', 'élection'])
    expect(found(text, 'ÉLECTION')).toEqual(['élection', 'ELECTION', 'élection'])
  })

  it('gives the original span of a decomposed accent, its mark included', () => {
    const text = 'un cafe\u0301 noir'
    const [match] = findInText(foldText(text), 'café')
    expect(match).toEqual({ start: 3, end: 8 })
    expect(text.slice(match!.start, match!.end)).toBe('cafe\u0301')
  })

  it('finds a query that ends on a letter whose accent follows it, accent included', () => {
    expect(found('cafe\u0301s', 'cafe')).toEqual(['cafe\u0301'])
  })

  it('matches French ligatures written out, and ligatures for their letters', () => {
    expect(found('Le cœur et le coeur', 'coeur')).toEqual(['cœur', 'coeur'])
    expect(found('Le cœur et le coeur', 'cœur')).toEqual(['cœur', 'coeur'])
    // Half of a written-out letter finds the letter once, not twice.
    expect(found('Straße', 's')).toEqual(['S', 'ß'])
  })

  it('does not map a typographic ligature it does not write out (ﬁ stays ﬁ)', () => {
    expect(found('la ﬁn', 'fin')).toEqual([])
    expect(found('la ﬁn', 'ﬁn')).toEqual(['ﬁn'])
  })

  it('lets a space in the query match a line break or a no-break space', () => {
    expect(found('Donald\nTrump Jr et Donald\u00a0Trump', 'donald trump')).toEqual([
      'Donald\nTrump',
      'Donald\u00a0Trump'
    ])
  })

  it('lets a straight apostrophe find a curly one', () => {
    expect(found("l’échange et l'échange", "l'echange")).toEqual(['l’échange', "l'échange"])
  })

  it('finds overlapping occurrences once each, left to right, as a browser does', () => {
    expect(findInText(foldText('aaaa'), 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 }
    ])
    expect(found('abababa', 'aba')).toEqual(['aba', 'aba'])
  })

  it('finds nothing for an empty query or one made only of accents', () => {
    expect(findInText(foldText('abc'), '')).toEqual([])
    expect(findInText(foldText('abc'), '\u0301')).toEqual([])
    expect(findInText(foldText(''), 'a')).toEqual([])
    expect(foldQuery('')).toBe('')
  })

  it('finds a query longer than the text, or absent, nowhere', () => {
    expect(found('abc', 'abcd')).toEqual([])
    expect(found('abc', 'x')).toEqual([])
  })

  it('stops at the limit', () => {
    expect(findInText(foldText('a a a a'), 'a', 2)).toHaveLength(2)
  })

  it('finds every match in a long text, at the right offsets', () => {
    // 204,000 characters: a quadratic algorithm would not finish within the test timeout.
    // How fast it is, against String.indexOf, is measured in bench/hostile.bench.ts.
    const paragraph = 'Le président a évoqué « la veille » des élections. '
    const text = paragraph.repeat(4000)
    const matches = findInText(foldText(text), 'elections')
    expect(matches).toHaveLength(4000)
    expect(text.slice(matches[3999]!.start, matches[3999]!.end)).toBe('élections')
    expect(matches[1]!.start - matches[0]!.start).toBe(paragraph.length)
  })
})

describe('matchAtOrAfter', () => {
  const matches = [
    { start: 5, end: 8 },
    { start: 20, end: 23 },
    { start: 40, end: 43 }
  ]
  it('gives the first match at or after an offset, and wraps past the last', () => {
    expect(matchAtOrAfter(matches, 0)).toBe(0)
    expect(matchAtOrAfter(matches, 5)).toBe(0)
    expect(matchAtOrAfter(matches, 6)).toBe(1)
    expect(matchAtOrAfter(matches, 40)).toBe(2)
    expect(matchAtOrAfter(matches, 41)).toBe(0)
    expect(matchAtOrAfter([], 3)).toBe(0)
  })
})
