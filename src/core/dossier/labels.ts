// The words of an exported dossier, built from the app's i18n messages (`dossier.out` of fr.json or
// en.json) and Intl: the same source for the app and for Node tests, no string invented here.
import type { PublishedDate } from '../archive/article'
import type { EventDate } from '../timeline/types'
import type { DossierLabels } from './types'
import { CSV_COLUMNS } from './render-csv'

export type DossierMessages = { [key: string]: string | DossierMessages }

function text(messages: DossierMessages, path: string): string {
  let node: string | DossierMessages | undefined = messages
  for (const key of path.split('.')) {
    node = typeof node === 'object' ? node[key] : undefined
  }
  if (typeof node !== 'string') throw new Error(`Missing dossier message "${path}"`)
  return node
}

function record<K extends string>(
  messages: DossierMessages,
  path: string,
  keys: readonly K[]
): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, text(messages, `${path}.${key}`)])) as Record<
    K,
    string
  >
}

/** `{name}` placeholders, and vue-i18n's `one | many` plural choice (French: 0 and 1 are singular). */
function format(message: string, values: Record<string, string | number>, lang: string): string {
  const forms = message.split(' | ')
  let chosen = forms[0] ?? ''
  if (forms.length > 1 && typeof values.n === 'number') {
    const singular = lang === 'fr' ? values.n <= 1 : values.n === 1
    chosen = singular ? forms[0]! : forms[forms.length - 1]!
  }
  return chosen.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  )
}

function utcDate(value: string): Date {
  const [year, month, day] = value.split('-').map(Number)
  const date = new Date(0)
  date.setUTCFullYear(year ?? 0, (month ?? 1) - 1, day ?? 1)
  return date
}

/** A date at its precision: `2016` → "2016", `2016-10` → "October 2016", a day in full. */
function formatAt(value: string, lang: string): string {
  const parts = value.split('-').length
  const options: Intl.DateTimeFormatOptions =
    parts === 1
      ? { year: 'numeric', timeZone: 'UTC' }
      : parts === 2
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
  return new Intl.DateTimeFormat(lang, options).format(utcDate(value))
}

/** Labels for a dossier written in `lang`, from that language's `dossier.out` messages. */
export function dossierLabels(lang: string, messages: DossierMessages): DossierLabels {
  const t = (path: string, values: Record<string, string | number> = {}): string =>
    format(text(messages, path), values, lang)
  return {
    lang,
    sections: record(messages, 'sections', [
      'introduction',
      'timeline',
      'passages',
      'matrix',
      'appendix'
    ]),
    contents: t('contents'),
    notes: t('notes'),
    sources: t('sources'),
    generated: (date) => t('generated', { date }),
    roles: record(messages, 'roles', ['reports', 'contradicts', 'mentions']),
    statuses: record(messages, 'statuses', ['confirmed', 'disputed', 'unverified']),
    unlinked: t('unlinked'),
    untagged: t('untagged'),
    undated: t('undated'),
    supporting: (n) => t('supporting', { n }),
    contradicting: (n) => t('contradicting', { n }),
    singleSource: t('singleSource'),
    orphan: t('orphan'),
    event: t('event'),
    tags: t('tags'),
    note: t('note'),
    place: t('place'),
    participants: t('participants'),
    outlet: t('outlet'),
    author: t('author'),
    published: t('published'),
    unknownDate: t('unknownDate'),
    sourceFile: t('sourceFile'),
    passage: t('passage'),
    timelineFigure: t('timelineFigure'),
    timelinePart: (from, to, total) => t('timelinePart', { from, to, total }),
    by: (authors) => t('by', { authors }),
    independent: t('independent'),
    unknownOutlet: (title) => t('unknownOutlet', { title }),
    matrixPart: (from, to, total) => t('matrixPart', { from, to, total }),
    backToText: t('backToText'),
    scanCrop: (page) => t('scanCrop', { page }),
    date: t('date'),
    status: t('status'),
    csv: record(messages, 'csv', CSV_COLUMNS),
    formatPublished: (date: PublishedDate | null) => {
      if (!date) return t('unknownDate')
      const shown = formatAt(date.value, lang)
      // "après le 21 octobre 2016" but "après juillet 2017": one message per precision.
      if (date.qualifier === 'notBefore') return t(`after.${date.precision}`, { date: shown })
      return shown
    },
    formatEventDate: (date: EventDate | null) => {
      if (!date) return t('undated')
      let shown = date.end
        ? `${formatAt(date.start, lang)} – ${formatAt(date.end, lang)}`
        : formatAt(date.start, lang)
      if (date.time) shown += `, ${date.time}${date.timeZone ? ` (${date.timeZone})` : ''}`
      return date.approximate ? t('approximately', { date: shown }) : shown
    },
    formatTimestamp: (iso) =>
      new Intl.DateTimeFormat(lang, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'UTC'
      }).format(new Date(iso)) + ' UTC'
  }
}
