import { describe, expect, it } from 'vitest'
import { isEmptyQuery, isPrefixPhrase, parseQuery } from './query'

describe('query parsing', () => {
  it('reads words, phrases, exclusions and prefixes', () => {
    expect(parseQuery('wikileaks "Donald Trump Jr" -Assange -"Le Monde" élect*')).toEqual({
      words: ['wikileaks'],
      prefixes: ['élect'],
      phrases: ['Donald Trump Jr'],
      excludedWords: ['Assange'],
      excludedPhrases: ['Le Monde']
    })
  })

  it('runs an unclosed quote to the end', () => {
    expect(parseQuery('"messages privés').phrases).toEqual(['messages privés'])
  })

  it('searches the word being typed as a prefix, not once it is followed by a space', () => {
    expect(parseQuery('trump wiki', { typing: true })).toMatchObject({
      words: ['trump'],
      prefixes: ['wiki']
    })
    expect(parseQuery('trump wiki ', { typing: true })).toMatchObject({
      words: ['trump', 'wiki'],
      prefixes: []
    })
  })

  it('ignores punctuation alone and knows an empty query', () => {
    expect(parseQuery(' - … — ')).toMatchObject({ words: [], excludedWords: [] })
    expect(isEmptyQuery(parseQuery('-trump'))).toBe(true)
    expect(isEmptyQuery(parseQuery('""'))).toBe(true)
    expect(isEmptyQuery(parseQuery('trump'))).toBe(false)
  })

  it('takes a hyphenated word for the phrase of its parts, a leading hyphen still excluding', () => {
    expect(parseQuery('États-Unis Jean-Luc')).toMatchObject({
      words: [],
      phrases: ['États-Unis', 'Jean-Luc']
    })
    expect(parseQuery('trump -États-Unis -wikileaks')).toMatchObject({
      words: ['trump'],
      excludedPhrases: ['États-Unis'],
      excludedWords: ['wikileaks']
    })
    // Being typed, its last part is a prefix.
    expect(parseQuery('les États-Un', { typing: true })).toMatchObject({
      words: ['les'],
      prefixes: [],
      phrases: ['États-Un*']
    })
    expect(isPrefixPhrase('États-Un*')).toBe(true)
    expect(isPrefixPhrase('États-Unis')).toBe(false)
  })

  it('drops an elided article and punctuation around a word', () => {
    expect(parseQuery("l'élection d’Assange Trump,")).toMatchObject({
      words: ['élection', 'Assange', 'Trump'],
      phrases: []
    })
    expect(parseQuery("aujourd'hui").phrases).toEqual(["aujourd'hui"])
    expect(parseQuery("l'élec", { typing: true }).prefixes).toEqual(['élec'])
  })
})
