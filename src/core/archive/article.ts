// The article record: the vocabulary the importer produces, the archive stores and the UI shows.
// Offsets anywhere in Liasse count UTF-16 code units of `ArticleText.text` (the normalized text).
import type { Attribution } from './attribution'

import type { ScanSummary } from '../scan/types'

/** `image`: a photograph or scan (PNG, JPEG, TIFF, WebP), its text recognised. */
export type SourceFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx' | 'image' | 'paste'

export type DatePrecision = 'year' | 'month' | 'day'

/**
 * How a publication date was obtained:
 * - `stated`: printed as such (a "Publié le" stamp, a dateline, page metadata) or typed by the user;
 * - `inferred`: read from the text's own "now" ("a révélé ce 13 novembre 2017");
 * - `notBefore`: no date is given; the article mentions dates up to this one, so it was published after it.
 */
export type DateQualifier = 'stated' | 'inferred' | 'notBefore'

export interface PublishedDate {
  /** ISO 8601 at its precision: `2017`, `2017-11` or `2017-11-14`. */
  value: string
  precision: DatePrecision
  qualifier: DateQualifier
}

/** A half-open span [start, end) over an article's normalized text. */
export interface Span {
  start: number
  end: number
}

/** The metadata a user can edit. Unknown text fields are empty strings, never invented. */
export interface ArticleMeta {
  title: string
  outlet: string
  author: string
  published: PublishedDate | null
  /** ISO 639-1 code (`fr`, `en`, …), or `und` when it cannot be told. */
  language: string
}

export interface Article extends ArticleMeta, Attribution {
  id: string
  createdAt: string
  updatedAt: string
  sourceName: string
  sourceFormat: SourceFormat
  importedAt: string
  /** SHA-256 (hex) of the normalized text: the key for duplicate detection. */
  sha256: string
  textLength: number
  paragraphCount: number
  /** Set on a scanned article (an image, or a PDF with pages recognised): its pages are stored. */
  scan?: ScanSummary
}

/** The text of an article, stored once, apart from the metadata so that listing stays light. */
export interface ArticleText {
  articleId: string
  text: string
  paragraphs: Span[]
}
