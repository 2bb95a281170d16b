// What users type as a publication date, and how dates of mixed precision order.
import { describe, expect, it } from 'vitest'
import { compareDates, dateParts, parseUserDate } from './published-date'

describe('parseUserDate', () => {
  it('reads day, month and year precision', () => {
    expect(parseUserDate('2017-11-14')).toEqual({
      value: '2017-11-14',
      precision: 'day',
      qualifier: 'stated'
    })
    expect(parseUserDate(' 2017-11 ')?.precision).toBe('month')
    expect(parseUserDate('2017')?.precision).toBe('year')
  })

  it('refuses dates that do not exist or are written otherwise', () => {
    expect(parseUserDate('2017-02-30')).toBeNull()
    expect(parseUserDate('2017-13')).toBeNull()
    expect(parseUserDate('14/11/2017')).toBeNull()
    expect(parseUserDate('')).toBeNull()
  })
})

describe('compareDates', () => {
  it('orders by first day, coarser first on ties, unknown last', () => {
    const year = parseUserDate('2017')
    const month = parseUserDate('2017-01')
    const day = parseUserDate('2017-01-01')
    const later = parseUserDate('2017-11-14')
    const sorted = [later, null, day, month, year].sort(compareDates)
    expect(sorted).toEqual([year, month, day, later, null])
  })

  it('gives the parts of a date only as far as its precision', () => {
    expect(dateParts(parseUserDate('2017-11')!)).toEqual({ year: 2017, month: 11 })
  })
})
