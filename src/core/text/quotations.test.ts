// Quotation spans keep a quoted message whole: sentence segmentation never ends a sentence inside
// one, and passages are never cut there.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { insideQuotation, quotationSpans } from './quotations'

const quoted = (text: string): string[] =>
  quotationSpans(text).map(({ start, end }) => text.slice(start, end))

describe('quotationSpans', () => {
  it('finds guillemets, curly and straight quotations, marks included', () => {
    expect(
      quoted(
        'Il a dit « C’est fini. », puis “Why now?” et "Salut Don. On espère que vous allez bien!"'
      )
    ).toEqual(['« C’est fini. »', '“Why now?”', '"Salut Don. On espère que vous allez bien!"'])
    expect(quoted('Er sagte „Guten Tag“ und ging.')).toEqual(['„Guten Tag“'])
  })

  it('keeps the outermost quotation when quotations nest', () => {
    expect(quoted('Il écrit « selon lui, “rien” ne change » hier.')).toEqual([
      '« selon lui, “rien” ne change »'
    ])
    expect(quoted('"Il a parlé de « fuite » sans preuve", dit-elle.')).toEqual([
      '"Il a parlé de « fuite » sans preuve"'
    ])
  })

  it('keeps the quotations inside an opening mark that is never closed', () => {
    expect(quoted('« Une citation ouverte avec « une autre » dedans.')).toEqual(['« une autre »'])
  })

  it('does not take a straight quote after a letter or digit as an opening mark', () => {
    expect(quoted('Un écran de 27" et un "vrai" test.')).toEqual(['"vrai"'])
  })

  it('leaves apostrophes and single quotes alone', () => {
    expect(quoted("Il s'agit de 'putintrump.' Allez voir l’onglet ‘About’.")).toEqual([])
  })

  it('does not pair straight quotes across a line break, nor any quotation across a blank line', () => {
    expect(quoted('Une ligne avec un " seul\nune autre avec " un autre')).toEqual([])
    expect(quoted('« Une citation\n\nqui continue »')).toEqual([])
    expect(quoted('« Une citation\nsur deux lignes »')).toEqual([
      '« Une citation\nsur deux lignes »'
    ])
  })

  it('looks only within the range, with offsets in the whole text', () => {
    const text = '« Avant ». Le message "Wow." suit.'
    const range = { start: text.indexOf('Le'), end: text.length }
    const spans = quotationSpans(text, range)
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['"Wow."'])
  })

  it('returns sorted, disjoint spans within the range', () => {
    const marks = fc.constantFrom('«', '»', '“', '”', '„', '"', 'a', ' ', '.', '\n', "'")
    fc.assert(
      fc.property(fc.array(marks, { maxLength: 60 }), (chars) => {
        const text = chars.join('')
        let previousEnd = 0
        for (const span of quotationSpans(text)) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd)
          expect(span.end).toBeGreaterThan(span.start + 1)
          expect(span.end).toBeLessThanOrEqual(text.length)
          previousEnd = span.end
        }
      })
    )
  })
})

describe('insideQuotation', () => {
  it('is true strictly between the opening and the closing mark', () => {
    const text = 'Il a dit « Non. » Puis'
    const spans = quotationSpans(text)
    const open = text.indexOf('«')
    const close = text.indexOf('»') + 1
    expect(insideQuotation(spans, open)).toBe(false)
    expect(insideQuotation(spans, text.indexOf('.') + 1)).toBe(true)
    expect(insideQuotation(spans, close)).toBe(false)
  })
})
