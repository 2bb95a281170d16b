// The export formats the composer offers: file extension, MIME type and the i18n keys of the
// button and of the save dialog's filter. PDF is HTML printed by the platform.
import type { DossierFormat } from '@core/dossier/export'

/** Every format the core writes, the HTML printed to PDF offered as its two paper sizes. */
export type ExportFormat = Exclude<DossierFormat, 'html-print'> | 'pdfA4' | 'pdfLetter'

export interface FormatInfo {
  id: ExportFormat
  extension: string
  /** Added before the extension so that exports of one dossier do not overwrite each other. */
  suffix: string
  mime: string
  /** The save dialog's filter: the format itself, both paper sizes sharing `pdf`. */
  filter: Exclude<ExportFormat, 'pdfA4' | 'pdfLetter'> | 'pdf'
}

export const EXPORT_FORMATS: readonly FormatInfo[] = [
  { id: 'html', extension: 'html', suffix: '', mime: 'text/html', filter: 'html' },
  { id: 'pdfA4', extension: 'pdf', suffix: '', mime: 'application/pdf', filter: 'pdf' },
  { id: 'pdfLetter', extension: 'pdf', suffix: '-letter', mime: 'application/pdf', filter: 'pdf' },
  {
    id: 'docx',
    extension: 'docx',
    suffix: '',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    filter: 'docx'
  },
  { id: 'markdown', extension: 'md', suffix: '', mime: 'text/markdown', filter: 'markdown' },
  { id: 'csv', extension: 'csv', suffix: '-passages', mime: 'text/csv', filter: 'csv' },
  {
    id: 'jsonld',
    extension: 'jsonld',
    suffix: '-annotations',
    mime: 'application/ld+json',
    filter: 'jsonld'
  },
  {
    id: 'csl',
    extension: 'json',
    suffix: '-references',
    mime: 'application/vnd.citationstyles.csl+json',
    filter: 'csl'
  },
  { id: 'qdpx', extension: 'qdpx', suffix: '', mime: 'application/zip', filter: 'qdpx' },
  {
    id: 'timelinejs',
    extension: 'json',
    suffix: '-timelinejs',
    mime: 'application/json',
    filter: 'timelinejs'
  },
  { id: 'bundle', extension: 'liasse', suffix: '', mime: 'application/zip', filter: 'bundle' }
]

/** A file name from the dossier's title: letters, digits and dashes, accents folded. */
export function exportFileName(title: string, format: FormatInfo): string {
  const base =
    title
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'dossier'
  return `${base}${format.suffix}.${format.extension}`
}
