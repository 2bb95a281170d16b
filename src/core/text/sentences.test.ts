// Sentence spans feed titles taken from a lead paragraph: abbreviations and initials must not cut
// a sentence in two.
import { describe, expect, it } from 'vitest'
import { sentenceSpans } from './sentences'

const sentences = (text: string): string[] =>
  sentenceSpans(text).map(({ start, end }) => text.slice(start, end))

describe('sentenceSpans', () => {
  it('splits on terminal punctuation followed by a capital', () => {
    expect(sentences('Il pleut. Il vente ! Viendra-t-il ? Oui.')).toEqual([
      'Il pleut.',
      'Il vente !',
      'Viendra-t-il ?',
      'Oui.'
    ])
  })

  it('does not split after titles, initials or dotted abbreviations', () => {
    expect(sentences('M. Assange et J. Doe sont aux U.S. Army. Fin.')).toEqual([
      'M. Assange et J. Doe sont aux U.S. Army.',
      'Fin.'
    ])
  })

  it('does not split when the next word is lowercase', () => {
    expect(sentences('Donald Trump Jr. entre septembre et juillet.')).toHaveLength(1)
  })
})
