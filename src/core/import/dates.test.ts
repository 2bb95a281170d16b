// Dates as written in French and English press text, found with their positions.
import { describe, expect, it } from 'vitest'
import { findDateMentions, impliedYear, mentionValue, parseMachineDate } from './dates'

const values = (text: string): (string | null)[] =>
  findDateMentions(text).map((m) => mentionValue(m)?.value ?? null)

describe('findDateMentions', () => {
  it('reads French dates at day, month and year precision', () => {
    expect(values('Le 21 octobre 2016, puis en juillet 2017, après la campagne de 2016.')).toEqual([
      '2016-10-21',
      '2017-07',
      '2016'
    ])
  })

  it('reads "1er", abbreviations and unaccented spellings', () => {
    expect(values('1er mars 2018, 3 févr. 2019, 14 aout 2020')).toEqual([
      '2018-03-01',
      '2019-02-03',
      '2020-08-14'
    ])
  })

  it('reads English, ISO and numeric day-first dates', () => {
    expect(values('November 14, 2017; 2017-11; 14/11/2017')).toEqual([
      '2017-11-14',
      '2017-11',
      '2017-11-14'
    ])
  })

  it('keeps yearless dates with their weekday for later inference', () => {
    const [mention] = findDateMentions('lundi 13 novembre')
    expect(mention).toMatchObject({ year: null, month: 11, day: 13, weekday: 1 })
  })

  it('never yields an impossible day, and ignores numbers that are not years', () => {
    // "31 février" is no day, but "février 2017" still names a month.
    expect(values('31 février 2017, 1/3 des votes, 12345 personnes, 20 000 euros')).toEqual([
      '2017-02'
    ])
  })
})

describe('impliedYear', () => {
  it('picks the year, near those mentioned, on which the weekday matches', () => {
    const [mention] = findDateMentions('lundi 13 novembre')
    expect(mention && impliedYear(mention, [2016])).toBe(2017)
    expect(mention && impliedYear(mention, [2017])).toBe(2017)
    expect(mention && impliedYear(mention, [])).toBeNull()
  })
})

describe('parseMachineDate', () => {
  it('keeps the local calendar date of an ISO timestamp', () => {
    expect(parseMachineDate('2017-11-14T23:30:00-05:00')).toEqual({
      value: '2017-11-14',
      precision: 'day'
    })
  })

  it('reads PDF dates', () => {
    expect(parseMachineDate("D:20171114103200+01'00'")).toEqual({
      value: '2017-11-14',
      precision: 'day'
    })
  })

  it('refuses free text', () => {
    expect(parseMachineDate('hier soir')).toBeNull()
  })
})
