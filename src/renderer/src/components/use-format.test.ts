// A publication date's label, with its qualifier, at each precision in both languages: the words
// the library, the reader and search results show.
import { afterEach, describe, expect, it } from 'vitest'
import type { DatePrecision, DateQualifier, PublishedDate } from '@core/archive/article'
import { i18n, type AppLocale } from '@renderer/i18n'
import { formatPublishedDate } from './use-format'

function label(
  locale: AppLocale,
  value: string,
  precision: DatePrecision,
  qualifier: DateQualifier
): string {
  i18n.global.locale.value = locale
  const date: PublishedDate = { value, precision, qualifier }
  return formatPublishedDate(date, {
    t: (key, values) => i18n.global.t(key, values),
    d: (when, key) => i18n.global.d(when, key)
  })
}

describe('formatPublishedDate', () => {
  afterEach(() => {
    i18n.global.locale.value = 'en'
  })

  it('writes "after" before a date at any precision in English', () => {
    expect(label('en', '2016-10-21', 'day', 'notBefore')).toBe('after Oct 21, 2016')
    expect(label('en', '2017-07', 'month', 'notBefore')).toBe('after July 2017')
    expect(label('en', '2016', 'year', 'notBefore')).toBe('after 2016')
  })

  it('writes "après le" before a day only in French, "après" before a month or a year', () => {
    expect(label('fr', '2016-10-21', 'day', 'notBefore')).toBe('après le 21 oct. 2016')
    expect(label('fr', '2017-07', 'month', 'notBefore')).toBe('après juillet 2017')
    expect(label('fr', '2016', 'year', 'notBefore')).toBe('après 2016')
  })

  it('shows a stated date as it is and an inferred one with ≈, in both languages', () => {
    expect(label('en', '2016-10-21', 'day', 'stated')).toBe('Oct 21, 2016')
    expect(label('fr', '2017-07', 'month', 'stated')).toBe('juillet 2017')
    expect(label('en', '2016', 'year', 'inferred')).toBe('≈ 2016')
    expect(label('fr', '2016-10-21', 'day', 'inferred')).toBe('≈ 21 oct. 2016')
  })
})
