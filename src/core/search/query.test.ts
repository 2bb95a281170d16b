import { describe, expect, it } from 'vitest'
import { isEmptyQuery, parseQuery } from './query'

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
})
