// Locale-aware labels shared by views: publication dates with their precision and qualifier,
// language names, import times.
import { useI18n } from 'vue-i18n'
import type { PublishedDate } from '@core/archive/article'
import type { EventDate } from '@core/timeline/types'
import { dateParts } from '@core/archive/published-date'

/** The two functions of vue-i18n a date label needs (a component's `useI18n()` or `i18n.global`). */
export interface DateFormatter {
  t: (key: string, values: Record<string, unknown>) => string
  d: (value: Date, key: string) => string
}

/**
 * "Oct 21, 2016", "after July 2017", "≈ 2016": a publication date at its precision, with its
 * qualifier. "After" takes its words from the precision (French: "après le 21 oct. 2016" but
 * "après juillet 2017", "après 2016"), hence one `date.notBefore` message per precision.
 */
export function formatPublishedDate(date: PublishedDate, { t, d }: DateFormatter): string {
  const { year, month, day } = dateParts(date)
  const value = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1))
  const text = d(value, date.precision)
  if (date.qualifier === 'notBefore') return t(`date.notBefore.${date.precision}`, { date: text })
  if (date.qualifier === 'inferred') return t('date.inferred', { date: text })
  return text
}

export function useFormat() {
  const { t, d, locale } = useI18n()

  function publishedLabel(date: PublishedDate | null): string {
    if (!date) return t('library.unknownDate')
    return formatPublishedDate(date, { t, d })
  }

  function languageLabel(code: string): string {
    if (!code || code === 'und') return t('languages.und')
    try {
      return new Intl.DisplayNames([locale.value], { type: 'language' }).of(code) ?? code
    } catch {
      return code
    }
  }

  /** "21 Oct 2016", "October 2016", "≈ 2016", "3 Oct 2016 – 12 Oct 2016", "21 Oct 2016, 14:05". */
  function eventDateLabel(date: EventDate | null): string {
    if (!date) return t('events.undated')
    const one = (value: string): string => {
      const [year, month, day] = value.split('-').map(Number)
      return d(new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)), date.precision)
    }
    let text = date.end ? `${one(date.start)} – ${one(date.end)}` : one(date.start)
    if (date.time) text += `, ${date.time}${date.timeZone ? ` (${date.timeZone})` : ''}`
    return date.approximate ? t('date.inferred', { date: text }) : text
  }

  function stampLabel(iso: string): string {
    return d(new Date(iso), 'stamp')
  }

  return { publishedLabel, languageLabel, stampLabel, eventDateLabel }
}
