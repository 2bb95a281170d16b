// The dossier's passages as a CSV table (RFC 4180) for spreadsheets and qualitative-analysis tools:
// one row per passage, headers in the dossier's language, safe to open in Excel or LibreOffice.
import type { DossierDocument, DossierLabels } from './types'

/** Column order of the CSV; headers come from `labels.csv`. */
export const CSV_COLUMNS = [
  'passageId',
  'quote',
  'before',
  'after',
  'tags',
  'events',
  'roles',
  'note',
  'articleTitle',
  'outlet',
  'author',
  'published',
  'start',
  'end',
  'anchor',
  'locator'
] as const

/**
 * One field. Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
 * return before one) as a formula, so a quote such as `=HYPERLINK(…)` in an article could act when
 * the file is opened ("CSV injection"); a leading apostrophe makes the cell plain text. Then the
 * RFC 4180 rules: quoted when it holds a comma, a quote or a line break, quotes doubled.
 */
export function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

/**
 * One row per passage, in the dossier's reading order (`doc.quotes`). `start`/`end` are where the
 * quote sits now in the article's normalized text (UTF-16 offsets), empty for an orphan. The file
 * starts with a byte-order mark: without it Excel reads UTF-8 as a legacy code page and garbles
 * accents. Lines end with CRLF, as RFC 4180 asks.
 */
export function renderPassagesCsv(doc: DossierDocument, labels: DossierLabels): string {
  const header = CSV_COLUMNS.map((column) => labels.csv[column])
  const rows = doc.quotes.map((quote) => {
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      passageId: quote.passage.id,
      quote: quote.text,
      before: quote.before,
      after: quote.after,
      tags: quote.tags.map((tag) => tag.path).join('; '),
      events: quote.events.map((event) => event.title).join('; '),
      roles: quote.events.map((event) => labels.roles[event.role]).join('; '),
      note: quote.passage.note,
      articleTitle: quote.article.title,
      outlet: quote.article.outlet,
      author: quote.article.author,
      published: quote.article.published?.value ?? '',
      start: quote.span ? String(quote.span.start) : '',
      end: quote.span ? String(quote.span.end) : '',
      anchor: quote.passage.anchor.status,
      locator: quote.locator
    }
    return CSV_COLUMNS.map((column) => values[column])
  })
  return '\uFEFF' + [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('')
}
