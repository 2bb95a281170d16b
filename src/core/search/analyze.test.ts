import { describe, expect, it } from 'vitest'
import { analyze, fold, stemsPassed, termsOf, tokenize } from './analyze'

describe('search analysis', () => {
  it('folds case, accents and ligatures', () => {
    expect(fold('Élection')).toBe('election')
    expect(fold('ŒUVRE')).toBe('oeuvre')
    expect(fold('Straße')).toBe('strasse')
    // A decomposed accent (e + combining acute) folds like the composed one.
    expect(fold('e\u0301lection')).toBe(fold('élection'))
  })

  it('cuts words at apostrophes and hyphens, with their offsets', () => {
    const text = "l'élection de Trump-Assange"
    expect(tokenize(text).map((t) => t.word)).toEqual(['l', 'élection', 'de', 'Trump', 'Assange'])
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.word)
  })

  it('stems French: élection and élections meet, with or without accents', () => {
    expect(termsOf('élections', 'fr')).toEqual(termsOf('élection', 'fr'))
    expect(termsOf('Élections', 'fr')).toEqual(termsOf('election', 'fr'))
    expect(termsOf('échanges', 'fr')).toEqual(termsOf('échange', 'fr'))
  })

  it('stems English: report, reported and reporting meet', () => {
    expect(termsOf('reported', 'en')).toEqual(termsOf('report', 'en'))
    expect(termsOf('reporting', 'en')).toEqual(termsOf('report', 'en'))
    expect(termsOf('meetings', 'en')).toEqual(termsOf('meeting', 'en'))
  })

  it('gives both stems when the language is unknown, and one of them is the document one', () => {
    const query = termsOf('elections')
    expect(query).toEqual(expect.arrayContaining(termsOf('élections', 'fr')))
    expect(query).toEqual(expect.arrayContaining(termsOf('elections', 'en')))
  })

  it('drops single letters (elided articles) and keeps numbers whole', () => {
    expect(analyze("l'an 2016", 'fr')).toEqual(['an', '2016'])
  })

  it('finds the stem a word being typed has run past, not a stem it cannot become', () => {
    const known = new Set(['elect', 'elec', 'electr', 'trump'])
    const has = (term: string): boolean => known.has(term)
    // "électio" becomes "élection": "elect" in French, "elec" in English.
    expect(stemsPassed('électio', has).sort()).toEqual(['elec', 'elect'])
    // No "electr…" word stems to "elect": électricité is not an election.
    expect(stemsPassed('electr', has)).toEqual([])
    expect(stemsPassed('électriq', has)).toEqual(['electr'])
    expect(stemsPassed('trum', has)).toEqual([])
    // Past an undoubled letter: "surveillance" is "surveil".
    expect(stemsPassed('surveillan', (term) => term === 'surveil')).toEqual(['surveil'])
  })
})
