// Event dates as typed and as placed: precision kept (a month is the whole month), ranges to the
// end of their last period, "around" kept, zoned times as instants, ordering and validation.
import { describe, expect, it } from 'vitest'
import {
  compareEventDates,
  eventInterval,
  formatEventDateInput,
  parseEventDate,
  validateEventDate
} from './event-dates'
import type { EventDate } from './types'

const utc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)

function date(input: string): EventDate {
  const parsed = parseEventDate(input)
  if (!parsed) throw new Error(`not a date: ${input}`)
  return parsed
}

describe('parseEventDate', () => {
  it('reads day, month and year precision', () => {
    expect(parseEventDate('2016-10-21')).toEqual({
      start: '2016-10-21',
      precision: 'day',
      approximate: false
    })
    expect(parseEventDate(' 2016-10 ')).toEqual({
      start: '2016-10',
      precision: 'month',
      approximate: false
    })
    expect(parseEventDate('2016')).toEqual({ start: '2016', precision: 'year', approximate: false })
  })

  it('reads ranges and the approximate mark', () => {
    expect(parseEventDate('2016-10-03/2016-10-12')).toEqual({
      start: '2016-10-03',
      end: '2016-10-12',
      precision: 'day',
      approximate: false
    })
    expect(parseEventDate('~2016-10')).toEqual({
      start: '2016-10',
      precision: 'month',
      approximate: true
    })
    expect(parseEventDate('~2016-09 / 2017-07')).toMatchObject({
      start: '2016-09',
      end: '2017-07',
      approximate: true
    })
    // A range whose ends coincide is the single date.
    expect(parseEventDate('2016-10-03/2016-10-03')).toEqual(parseEventDate('2016-10-03'))
  })

  it('reads a time, with an optional IANA zone, on a single day only', () => {
    expect(parseEventDate('2016-11-08T18:35 America/New_York')).toEqual({
      start: '2016-11-08',
      precision: 'day',
      approximate: false,
      time: '18:35',
      timeZone: 'America/New_York'
    })
    expect(parseEventDate('2016-11-08 18:35')?.time).toBe('18:35')
    expect(parseEventDate('2016-11T18:35')).toBeNull()
    expect(parseEventDate('2016-11-08T25:00')).toBeNull()
    expect(parseEventDate('2016-11-08T18:35 Mars/Olympus')).toBeNull()
  })

  it('refuses what is no date, mixed precisions and backward ranges', () => {
    for (const input of [
      '',
      '21/10/2016',
      '2016-02-30',
      '2016-13',
      '2016-10/2016-10-12',
      '2016-10-12/2016-10-03',
      'octobre'
    ]) {
      expect(parseEventDate(input), input).toBeNull()
    }
  })

  it('round-trips through the input form', () => {
    for (const input of [
      '2016',
      '~2016-10',
      '2016-10-03/2016-10-12',
      '2016-11-08T18:35 Europe/Paris'
    ]) {
      expect(formatEventDateInput(date(input))).toBe(input)
    }
  })
})

describe('validateEventDate', () => {
  it('accepts sound dates', () => {
    expect(validateEventDate(date('2016-10-03/2016-10-12'))).toEqual([])
    expect(validateEventDate(date('2016-11-08T18:35 Europe/Paris'))).toEqual([])
  })

  it('names every broken rule', () => {
    expect(
      validateEventDate({
        start: '2016-10-12',
        end: '2016-10-03',
        precision: 'day',
        approximate: false
      })
    ).toEqual(['endBeforeStart'])
    expect(
      validateEventDate({
        start: '2016-10',
        end: '2016-10-12',
        precision: 'month',
        approximate: false
      })
    ).toEqual(['precisionMismatch'])
    expect(
      validateEventDate({ start: '2016-10', precision: 'month', approximate: false, time: '10:00' })
    ).toEqual(['timeWithoutDay'])
    expect(
      validateEventDate({
        start: '2016-10-03',
        end: '2016-10-04',
        precision: 'day',
        approximate: false,
        time: '10:00'
      })
    ).toEqual(['timeWithRange'])
    expect(
      validateEventDate({
        start: '2016-10-03',
        precision: 'day',
        approximate: false,
        timeZone: 'UTC'
      })
    ).toEqual(['timeZoneWithoutTime'])
    expect(validateEventDate({ start: '2016-10', precision: 'day', approximate: false })).toEqual([
      'invalidStart'
    ])
  })
})

describe('eventInterval', () => {
  it('covers the whole period of the precision', () => {
    expect(eventInterval(date('2016-10-21'))).toEqual([utc('2016-10-21'), utc('2016-10-22')])
    expect(eventInterval(date('2016-10'))).toEqual([utc('2016-10-01'), utc('2016-11-01')])
    expect(eventInterval(date('2016-12'))).toEqual([utc('2016-12-01'), utc('2017-01-01')])
    expect(eventInterval(date('2016-02'))).toEqual([utc('2016-02-01'), utc('2016-03-01')])
    expect(eventInterval(date('2016'))).toEqual([utc('2016-01-01'), utc('2017-01-01')])
  })

  it('runs a range to the end of its last period', () => {
    expect(eventInterval(date('2016-10-03/2016-10-12'))).toEqual([
      utc('2016-10-03'),
      utc('2016-10-13')
    ])
    expect(eventInterval(date('2016-09/2017-07'))).toEqual([utc('2016-09-01'), utc('2017-08-01')])
  })

  it('keeps "around" out of the span: the mark is for display, the period stays honest', () => {
    const around = date('~2016-10')
    expect(around.approximate).toBe(true)
    expect(eventInterval(around)).toEqual(eventInterval(date('2016-10')))
  })

  it('places a zoned time as its minute, an unzoned time as its whole day', () => {
    const [start, end] = eventInterval(date('2016-11-08T18:35 America/New_York'))
    // New York is UTC−5 in November (after the DST change on 6 November 2016).
    expect(new Date(start).toISOString()).toBe('2016-11-08T23:35:00.000Z')
    expect(end - start).toBe(60_000)
    const [summer] = eventInterval(date('2016-07-11T12:00 Europe/Paris'))
    expect(new Date(summer).toISOString()).toBe('2016-07-11T10:00:00.000Z')
    expect(eventInterval(date('2016-11-08T18:35'))).toEqual([utc('2016-11-08'), utc('2016-11-09')])
  })
})

describe('compareEventDates', () => {
  it('orders by start, coarser first, longer first, undated last', () => {
    const inputs = [
      '2016-10-21',
      '2016-10-03/2016-10-12',
      '2016-10',
      '2016',
      '2016-10-03',
      '2015-12'
    ]
    const sorted = [null, ...inputs.map(date)].sort(compareEventDates)
    expect(sorted.map((d) => (d ? formatEventDateInput(d) : null))).toEqual([
      '2015-12',
      '2016',
      '2016-10',
      '2016-10-03/2016-10-12',
      '2016-10-03',
      '2016-10-21',
      null
    ])
  })

  it('puts an exact date before the same date "around"', () => {
    expect(compareEventDates(date('2016-10'), date('~2016-10'))).toBeLessThan(0)
  })
})
