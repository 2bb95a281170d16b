// An exported dossier writes a publication date's qualifier as the app does: French "après le"
// before a day only.
import { describe, expect, it } from 'vitest'
import { outputLabels } from './dossier-labels'

describe('dossier labels', () => {
  it('writes "after" before a date at its precision in both languages', () => {
    const after = (lang: 'fr' | 'en', value: string, precision: 'day' | 'month' | 'year') =>
      outputLabels(lang).formatPublished({ value, precision, qualifier: 'notBefore' })
    expect(after('en', '2016-10-21', 'day')).toBe('after October 21, 2016')
    expect(after('en', '2017-07', 'month')).toBe('after July 2017')
    expect(after('en', '2016', 'year')).toBe('after 2016')
    expect(after('fr', '2016-10-21', 'day')).toBe('après le 21 octobre 2016')
    expect(after('fr', '2017-07', 'month')).toBe('après juillet 2017')
    expect(after('fr', '2016', 'year')).toBe('après 2016')
  })
})
