// Locale-aware labels shared by views: publication dates with their precision and qualifier,
// language names, import times.
import { useI18n } from 'vue-i18n'
import type { PublishedDate } from '@core/archive/article'
import { dateParts } from '@core/archive/published-date'

export function useFormat() {
  const { t, d, locale } = useI18n()

  function publishedLabel(date: PublishedDate | null): string {
    if (!date) return t('library.unknownDate')
    const { year, month, day } = dateParts(date)
    const value = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1))
    const text = d(value, date.precision)
    if (date.qualifier === 'notBefore') return t('date.notBefore', { date: text })
    if (date.qualifier === 'inferred') return t('date.inferred', { date: text })
    return text
  }

  function languageLabel(code: string): string {
    if (!code || code === 'und') return t('languages.und')
    try {
      return new Intl.DisplayNames([locale.value], { type: 'language' }).of(code) ?? code
    } catch {
      return code
    }
  }

  function stampLabel(iso: string): string {
    return d(new Date(iso), 'stamp')
  }

  return { publishedLabel, languageLabel, stampLabel }
}
