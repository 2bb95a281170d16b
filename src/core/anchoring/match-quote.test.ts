// Approximate matching: candidates from the quote and from its context, scored on quote, prefix,
// suffix and position, with the best place first and rival places kept apart.
import { describe, expect, it } from 'vitest'
import { matchQuote, maxErrorsFor, rankSpans, scoreSpan, WEIGHTS } from './match-quote'

const text =
  'Le 3 octobre, WikiLeaks écrit à Trump Jr. pour parler de la campagne. ' +
  'Le 12 octobre, WikiLeaks a écrit à Trump Jr. une seconde fois, sans réponse.'

describe('maxErrorsFor', () => {
  it('allows a quarter of the length, capped', () => {
    expect(maxErrorsFor(4)).toBe(1)
    expect(maxErrorsFor(40)).toBe(10)
    expect(maxErrorsFor(1000)).toBe(64)
  })
})

describe('scoreSpan', () => {
  it('scores a verbatim quote with its context as 1 but for the position term', () => {
    const start = text.indexOf('WikiLeaks a écrit')
    const end = start + 'WikiLeaks a écrit'.length
    const s = scoreSpan(
      text,
      'WikiLeaks a écrit',
      {
        prefix: text.slice(start - 32, start),
        suffix: text.slice(end, end + 32),
        hint: start
      },
      start,
      end
    )
    expect(s).toMatchObject({ score: 1, quote: 1, prefix: 1, suffix: 1, quoteErrors: 0 })
  })

  it('weighs the better-agreeing context side more than the other', () => {
    expect(WEIGHTS.strongSide).toBeGreaterThan(WEIGHTS.weakSide)
    expect(WEIGHTS.quote).toBeGreaterThan(WEIGHTS.strongSide + WEIGHTS.weakSide)
  })
})

describe('matchQuote', () => {
  it('finds an edited quote and places its boundaries by the context', () => {
    const edited = text.replace('une seconde fois', 'une second fois')
    const quote = 'une seconde fois, sans'
    const start = text.indexOf(quote)
    const found = matchQuote(edited, quote, {
      prefix: text.slice(start - 32, start),
      suffix: text.slice(start + quote.length, start + quote.length + 32),
      hint: start
    })
    expect(found).toMatchObject({ start, end: start + quote.length - 1, quoteErrors: 1 })
    expect(edited.slice(found!.start, found!.end)).toBe('une second fois, sans')
  })

  it('tells a repeated quote apart by its context, whatever the position hint', () => {
    const second = text.lastIndexOf('WikiLeaks')
    const found = matchQuote(text, 'WikiLeaks', {
      prefix: text.slice(second - 32, second),
      suffix: text.slice(second + 9, second + 41),
      hint: 0
    })
    expect(found?.start).toBe(second)
  })

  it('keeps the best other place second, for the margin', () => {
    const spans = [text.indexOf('WikiLeaks'), text.lastIndexOf('WikiLeaks')].map((s) => ({
      start: s,
      end: s + 9
    }))
    const ranked = rankSpans(
      text,
      'WikiLeaks',
      { prefix: 'Le 12 octobre, ', suffix: ' a écrit' },
      spans
    )
    expect(ranked.map((r) => r.start)).toEqual([spans[1]!.start, spans[0]!.start])
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score)
  })

  it('finds nothing in empty text or for an empty quote', () => {
    expect(matchQuote('', 'abc', { prefix: '', suffix: '' })).toBeNull()
    expect(matchQuote(text, '', { prefix: '', suffix: '' })).toBeNull()
  })
})
