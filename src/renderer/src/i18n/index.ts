// vue-i18n with French and English: follows the system unless the user chose in Settings.
import { createI18n } from 'vue-i18n'
import en from './en.json'
import fr from './fr.json'

export type AppLocale = 'fr' | 'en'
export const LOCALES: readonly AppLocale[] = ['fr', 'en']

export function pickLocale(preference: string): AppLocale {
  return preference.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

const DATE_FORMATS = {
  day: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
  month: { year: 'numeric', month: 'long', timeZone: 'UTC' },
  year: { year: 'numeric', timeZone: 'UTC' },
  stamp: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit' }
} as const

export const i18n = createI18n({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: { en, fr },
  // The same formats in both languages: Intl words them for each.
  datetimeFormats: { en: DATE_FORMATS, fr: DATE_FORMATS }
})

export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
