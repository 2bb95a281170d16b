// The dossier: what a researcher composes (the saved record) and what it resolves to (the document
// every exporter renders). One model, one renderer per format; renderers never read the archive.
import type { Article } from '../archive/article'
import type { Attribution } from '../archive/attribution'
import type { Passage, Tag } from '../archive/passage'
import type { EventLink, LinkRole, TimelineEvent } from '../timeline/types'
import type { CSV_COLUMNS } from './render-csv'
import type { ExportScans } from './scan-regions'

/** How the passages of a dossier are arranged. */
export type DossierOrder = 'timeline' | 'tag' | 'source'

/** The parts of a dossier, in the order the user arranged them (drag to reorder). */
export type DossierSectionKind = 'introduction' | 'timeline' | 'passages' | 'matrix' | 'appendix'

export const DOSSIER_SECTIONS: readonly DossierSectionKind[] = [
  'introduction',
  'timeline',
  'passages',
  'matrix',
  'appendix'
]

/**
 * Which passages the dossier gathers. Every non-empty criterion narrows the selection (events,
 * tags with their children, articles, outlets, publication dates); `passageIds`, when not empty,
 * is a hand-picked list that replaces the criteria.
 */
export interface DossierScope {
  eventIds: string[]
  tagIds: string[]
  articleIds: string[]
  outlets: string[]
  /** ISO day (`2016-10-01`) or null: compared with the article's publication date. */
  from: string | null
  to: string | null
  passageIds: string[]
  /**
   * A saved search as a criterion: the passages it found (its own passage hits, and the passages
   * of the articles it found) when it was last run — the composer runs it again on opening and
   * before an export, so that what the search finds now is what the dossier holds. Absent or
   * null: no search.
   */
  search?: DossierSearch | null
}

export interface DossierSearch {
  name: string
  /** The query as typed, and its facet choices (see core/search). */
  text: string
  filter: Record<string, unknown>
  passageIds: string[]
}

export interface DossierOptions {
  /** Passage notes and link notes as footnotes. */
  notes: boolean
  /** The events × sources table. */
  matrix: boolean
  /** An inline SVG timeline of the dossier's events. */
  timelineFigure: boolean
  /** Full texts of the cited articles at the end. */
  appendix: boolean
  /** In the appendix, the cited passages marked in the text. */
  highlightInAppendix: boolean
}

/** The saved record (table `dossiers`). */
export interface Dossier extends Attribution {
  id: string
  createdAt: string
  updatedAt: string
  author: string
  title: string
  subtitle: string
  authors: string[]
  /** Markdown. */
  introduction: string
  scope: DossierScope
  order: DossierOrder
  options: DossierOptions
  /** Every kind once, in the order they appear in the output. */
  sections: DossierSectionKind[]
  /** Language of the output's own words (headings, roles); absent: the app's language. */
  language?: 'fr' | 'en'
}

/** Everything in the archive a dossier may draw on, read once by the renderer process. */
export interface ArchiveSnapshot {
  articles: Article[]
  /** Normalized text of each article, by article id. */
  texts: ReadonlyMap<string, string>
  passages: Passage[]
  tags: Tag[]
  events: TimelineEvent[]
  links: EventLink[]
  /**
   * The scanned articles' pages (word boxes; page images only for an HTML export with crops), by
   * article id. Read for an export only: the preview and the bundle do without.
   */
  scans?: ExportScans
}

/** How an article is cited: what a reader needs to find it again. */
export interface Citation {
  articleId: string
  /** A short stable key, `[1]`, `[2]`… in order of first citation. */
  number: number
  title: string
  outlet: string
  author: string
  /** ISO date at its precision, or empty when unknown. */
  published: string
  language: string
  sourceName: string
}

/** One cited passage as every format shows it. */
export interface DossierQuote {
  passage: Passage
  article: Article
  citation: Citation
  /** The words as they stand in the article now (the stored quote when the passage is orphaned). */
  text: string
  /** Where the quote sits now: UTF-16 offsets into the article's normalized text; null if orphaned. */
  span: { start: number; end: number } | null
  /** A few words before and after, for context. */
  before: string
  after: string
  /** Tag names, with their path (`Parent › Child`). */
  tags: { id: string; name: string; path: string; color: string }[]
  /** Events this passage bears on, with the role and the link's note. */
  events: { eventId: string; title: string; role: LinkRole; note: string }[]
  /** A locator back to the passage: `liasse:passage/<id>` plus the quote selectors. */
  locator: string
}

/** A group of quotes under one heading (an event, a tag, a source), in the chosen order. */
export interface DossierGroup {
  /** `event:<id>`, `tag:<id>`, `source:<article id>`, or `undated` / `untagged`. */
  key: string
  heading: string
  /** The event's date label or the source's outlet and date, for a subheading. */
  detail: string
  quotes: DossierQuote[]
}

/** One event of the dossier, with its corroboration summary. */
export interface DossierEvent {
  event: TimelineEvent
  /** Independent sources that report it, and that contradict it (repeats counted once). */
  supporting: number
  contradicting: number
  singleSource: boolean
  quoteIds: string[]
}

/** The events × sources table: one row per event, one column per outlet. */
export interface DossierMatrix {
  columns: { key: string; label: string }[]
  rows: {
    eventId: string
    title: string
    /** Per column: the roles linked (`reports`, `contradicts`, `mentions`), with counts. */
    cells: (Record<LinkRole, number> | null)[]
    supporting: number
    contradicting: number
    singleSource: boolean
  }[]
}

/** One table's worth of a matrix: a run of source columns, with every row. */
export interface DossierMatrixPart extends DossierMatrix {
  /** 1-based numbers of the first and last source column shown, out of `total`. */
  from: number
  to: number
  total: number
}

/** An article in the appendix, its text and (optionally) the cited spans to mark. */
export interface DossierAppendixEntry {
  citation: Citation
  text: string
  paragraphs: { start: number; end: number }[]
  marks: { start: number; end: number; passageId: string }[]
}

/** The dossier resolved against the archive: the single input of every exporter. */
export interface DossierDocument {
  dossier: Dossier
  /** ISO timestamp of the export. */
  generatedAt: string
  sections: DossierSectionKind[]
  quotes: DossierQuote[]
  groups: DossierGroup[]
  /** Events the dossier's passages link to (and those chosen in the scope), by date, undated last. */
  events: DossierEvent[]
  /** Cited articles, numbered in order of first citation. */
  citations: Citation[]
  tags: Tag[]
  matrix: DossierMatrix | null
  appendix: DossierAppendixEntry[]
  /** The raw records, for the machine formats (JSON-LD, REFI-QDA, bundle). */
  articles: Article[]
  links: EventLink[]
}

/**
 * Every word an exporter writes that is not the user's: headings, roles, statuses, column names,
 * dates. The app fills it from its i18n messages (`dossier.out.*`) in the dossier's language, so
 * that core stays free of i18n and every string still comes from fr.json / en.json.
 */
export interface DossierLabels {
  /** BCP 47 tag of the output (`fr`, `en`): `<html lang>`, DOCX language. */
  lang: string
  sections: Record<DossierSectionKind, string>
  contents: string
  notes: string
  sources: string
  /** "Generated by Liasse on {date}". */
  generated: (date: string) => string
  roles: Record<LinkRole, string>
  statuses: Record<TimelineEvent['status'], string>
  /** Group headings for passages outside every event / tag. */
  unlinked: string
  untagged: string
  undated: string
  /** "{n} independent sources" (supporting). */
  supporting: (n: number) => string
  contradicting: (n: number) => string
  singleSource: string
  /** The note shown for a passage whose text is no longer found in the article. */
  orphan: string
  event: string
  tags: string
  note: string
  place: string
  participants: string
  /** Citation fields. */
  outlet: string
  author: string
  published: string
  unknownDate: string
  sourceFile: string
  passage: string
  /** Title (and SVG `<title>`) of the timeline figure. */
  timelineFigure: string
  /** Caption of one part of a timeline too tall for a page: "events {from}–{to} of {total}". */
  timelinePart: (from: number, to: number, total: number) => string
  /** "By {authors}" under the title. */
  by: (authors: string) => string
  /** Matrix column: independent sources supporting / contradicting. */
  independent: string
  /**
   * Matrix column of an article whose outlet is unknown, with the article's title: "Unknown
   * outlet — {title}" (an unknown outlet is not evidence that two articles share one).
   */
  unknownOutlet: (title: string) => string
  /** Caption of one part of a matrix too wide for a page: "sources {from}–{to} of {total}". */
  matrixPart: (from: number, to: number, total: number) => string
  /** The `alt` of a quote's crop of its scanned page: "Page {page} of the scan, …". */
  scanCrop: (page: number) => string
  /** A footnote's link back to where it is called. */
  backToText: string
  date: string
  status: string
  /** Column headers of the CSV (and of the matrix table's first column). */
  csv: Record<(typeof CSV_COLUMNS)[number], string>
  /** A publication date at its precision, for people (`14 novembre 2017`, `novembre 2017`). */
  formatPublished: (date: Article['published']) => string
  /** An event's date for people, with range, time and "approximately". */
  formatEventDate: (date: TimelineEvent['date']) => string
  /** The generation time for people. */
  formatTimestamp: (iso: string) => string
}
