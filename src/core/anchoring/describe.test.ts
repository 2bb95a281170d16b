// What a passage stores: the quote, up to 32 characters of context on each side, and offsets;
// and the spans that cannot be stored (empty, out of range, cutting a character in half).
import { describe, expect, it } from 'vitest'
import { describeSpan, splitsSurrogatePair } from './describe'

const text =
  'Le site WikiLeaks était en contact avec le fils aîné de Donald Trump, à plusieurs reprises.'

describe('describeSpan', () => {
  it('stores the quote, 32 characters of context on each side and the offsets', () => {
    const start = text.indexOf('fils')
    const end = start + 'fils aîné'.length
    expect(describeSpan(text, start, end)).toEqual({
      quote: {
        type: 'TextQuoteSelector',
        exact: 'fils aîné',
        prefix: text.slice(start - 32, start),
        suffix: text.slice(end, end + 32)
      },
      position: { type: 'TextPositionSelector', start, end }
    })
    expect(describeSpan(text, start, end).quote.prefix).toHaveLength(32)
  })

  it('has an empty prefix at the start of the text and an empty suffix at its end', () => {
    expect(describeSpan(text, 0, 2).quote).toMatchObject({ exact: 'Le', prefix: '' })
    const last = describeSpan(text, text.length - 9, text.length).quote
    expect(last).toMatchObject({ exact: 'reprises.', suffix: '' })
    expect(describeSpan(text, 0, text.length).quote).toMatchObject({ prefix: '', suffix: '' })
  })

  it('rejects empty, reversed, out-of-range and fractional spans', () => {
    expect(() => describeSpan(text, 5, 5)).toThrow(RangeError)
    expect(() => describeSpan(text, 6, 5)).toThrow(RangeError)
    expect(() => describeSpan(text, -1, 5)).toThrow(RangeError)
    expect(() => describeSpan(text, 0, text.length + 1)).toThrow(RangeError)
    expect(() => describeSpan(text, 0.5, 3)).toThrow(RangeError)
    expect(() => describeSpan('', 0, 0)).toThrow(RangeError)
  })

  it('never splits a surrogate pair, in the span or at the far end of its context', () => {
    const emoji = 'Bravo 👏 à tous 🎉 !'
    const clap = emoji.indexOf('👏')
    expect(splitsSurrogatePair(emoji, clap + 1)).toBe(true)
    expect(() => describeSpan(emoji, clap + 1, clap + 4)).toThrow(RangeError)
    expect(() => describeSpan(emoji, clap, clap + 1)).toThrow(RangeError)
    expect(describeSpan(emoji, clap, clap + 2).quote.exact).toBe('👏')
    // 31 characters then an emoji: the prefix stops short of its second half.
    const long = '🎉' + 'x'.repeat(31) + 'quote'
    expect(describeSpan(long, 33, 38).quote.prefix).toBe('x'.repeat(31))
    const tail = 'quote' + 'x'.repeat(31) + '🎉'
    expect(describeSpan(tail, 0, 5).quote.suffix).toBe('x'.repeat(31))
  })
})
