import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from './en.json'
import fr from './fr.json'
import { messageTemplate } from './template'

function translator(locale: 'en' | 'fr') {
  const i18n = createI18n({ legacy: false, locale, messages: { en, fr } })
  return (key: string, named: Record<string, unknown>) => i18n.global.t(key, named)
}

describe('messageTemplate', () => {
  it.each(['en', 'fr'] as const)('gives what t() gives, in %s', (locale) => {
    const t = translator(locale)
    const label = messageTemplate(t, 'annotate.passageLabel', ['quote', 'tags'])
    for (const values of [
      { quote: 'Donald Trump Jr. a répondu', tags: 'Contact, Source' },
      { quote: 'a $1 {tags} quote', tags: '$&' },
      { quote: '', tags: '' }
    ]) {
      expect(label(values)).toBe(t('annotate.passageLabel', values))
    }
  })

  it('fills the parameters in the order the language puts them', () => {
    const t = (_key: string, named: Record<string, unknown>) => `${named.b} avant ${named.a}`
    expect(messageTemplate(t, 'any', ['a', 'b'])({ a: 'A', b: 'B' })).toBe('B avant A')
  })
})
