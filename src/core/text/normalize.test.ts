// Normalization decides what text is stored, hashed and anchored: the same article captured with
// different line endings or stray spaces must come out identical, paragraphs intact.
import { describe, expect, it } from 'vitest'
import { normalizeText, paragraphSpans } from './normalize'

describe('normalizeText', () => {
  it('turns CRLF and CR into LF', () => {
    expect(normalizeText('un\r\ndeux\rtrois')).toBe('un\ndeux\ntrois')
  })

  it('composes accents (NFC) so that "é" typed two ways is one character', () => {
    expect(normalizeText('e\u0301te\u0301')).toBe('été')
  })

  it('folds tabs and runs of spaces and trims every line', () => {
    expect(normalizeText('  Le\t\tfils   aîné  \n\tde Trump  ')).toBe('Le fils aîné\nde Trump')
  })

  it('keeps a lone no-break space (French typography) but folds mixed runs', () => {
    expect(normalizeText('aussi\u00A0: «\u00A0 Bien')).toBe('aussi\u00A0: « Bien')
  })

  it('removes zero-width spaces, BOMs and soft hyphens', () => {
    expect(normalizeText('\uFEFFWiki\u200BLeaks pré\u00ADsident')).toBe('WikiLeaks président')
  })

  it('leaves at most one blank line between paragraphs and trims the ends', () => {
    expect(normalizeText('\n\nUn.\n\n\n\n  \nDeux.\n\n')).toBe('Un.\n\nDeux.')
  })
})

describe('paragraphSpans', () => {
  it('returns the blocks between blank lines as spans over the text', () => {
    const text = normalizeText('Titre\r\n\r\nPremière ligne\r\nsuite\r\n\r\n\r\nFin.')
    const spans = paragraphSpans(text)
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual([
      'Titre',
      'Première ligne\nsuite',
      'Fin.'
    ])
  })

  it('returns no paragraph for an empty text', () => {
    expect(paragraphSpans('')).toEqual([])
  })
})
