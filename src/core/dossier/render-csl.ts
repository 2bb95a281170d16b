// CSL-JSON of a dossier's cited articles, the format Zotero, Zotero-based tools and citeproc read:
// one `article-newspaper` item per citation, names split into given/family, dates at precision.
import type { PublishedDate } from '../archive/article'
import type { DossierDocument, DossierLabels } from './types'

/** A CSL name: a person split into parts, or a literal (an agency, a name we cannot split). */
export type CslName = { given: string; family: string } | { literal: string }

/** A CSL date: `date-parts` holds only the parts the article's precision knows. */
export interface CslDate {
  'date-parts': [number[]]
  /** Set when the date is a lower bound (`notBefore`): CSL has no "after", "circa" is the closest. */
  circa?: true
}

export interface CslItem {
  id: string
  type: 'article-newspaper'
  title: string
  'container-title'?: string
  author?: CslName[]
  issued?: CslDate
  language?: string
  note?: string
}

// Lower-case words that start a family name ("Jean de La Fontaine", "Ludwig van Beethoven").
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'della',
  'di',
  'da',
  'do',
  'dos',
  'van',
  'von',
  'der',
  'den',
  'ten',
  'ter',
  'le',
  'la',
  'al',
  'el',
  'bin',
  'ibn'
])

/** "Prénom Nom" → given/family; one word, an acronym or anything odd stays a literal. */
export function parseName(raw: string): CslName {
  const name = raw.trim().replace(/\s+/g, ' ')
  const words = name.split(' ')
  // One word ("AFP"), digits, or a long phrase is an organization or a byline we cannot read.
  if (words.length < 2 || words.length > 5 || /\d/.test(name)) return { literal: name }
  if (words.every((word) => word.length > 1 && word === word.toUpperCase()))
    return { literal: name }
  // The family name starts at the first particle after the given name, else it is the last word.
  let split = words.findIndex((word, index) => index > 0 && PARTICLES.has(word.toLowerCase()))
  if (split < 0 || split === words.length - 1) split = words.length - 1
  return { given: words.slice(0, split).join(' '), family: words.slice(split).join(' ') }
}

/**
 * The authors of a byline: "A, B et C", "A and B", "A; B", "A & B", with a leading "Par"/"By"
 * dropped. Empty bylines give no names.
 */
export function splitAuthors(byline: string): CslName[] {
  const cleaned = byline.trim().replace(/^(?:par|by)\s+/i, '')
  if (!cleaned) return []
  return cleaned
    .split(/\s*[,;&]\s*|\s+(?:et|and)\s+/i)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseName)
}

/** A publication date as CSL `date-parts` at its precision (`2017-11` → [[2017, 11]]). */
export function cslDate(date: PublishedDate | null): CslDate | undefined {
  if (!date) return undefined
  const parts = date.value.split('-').map(Number)
  if (parts.length === 0 || parts.some((part) => !Number.isInteger(part))) return undefined
  const count = date.precision === 'year' ? 1 : date.precision === 'month' ? 2 : 3
  const result: CslDate = { 'date-parts': [parts.slice(0, count)] }
  // "Published after this date": no CSL field says that; circa keeps the reader from taking it as
  // the exact day, and the item keeps a date to sort by.
  if (date.qualifier === 'notBefore') result.circa = true
  return result
}

/**
 * The title as CSL styles expect it: without its own closing period. Styles such as APA put a
 * period after the title, so "Il savait…" would render "Il savait…." and "Trump Jr." "Trump Jr..";
 * a trailing ellipsis ("…", "...") or period-like mark (".", "。", "．") is dropped, with the
 * spaces before it. A title that is nothing but dots keeps them (better odd than empty).
 */
export function cslTitle(title: string): string {
  const trimmed = title.trim()
  const stripped = trimmed.replace(/(?:\s*(?:…|\.|。|．|｡))+$/u, '')
  return stripped === '' ? trimmed : stripped
}

/**
 * One CSL item per cited article, in citation order, keyed by the article id. `labels`, when
 * given, names the source-file note in the dossier's language.
 */
export function renderCslItems(doc: DossierDocument, labels?: DossierLabels): CslItem[] {
  const articles = new Map(doc.articles.map((article) => [article.id, article]))
  return doc.citations.map((citation) => {
    const article = articles.get(citation.articleId)
    const item: CslItem = {
      id: citation.articleId,
      type: 'article-newspaper',
      title: cslTitle(citation.title)
    }
    if (citation.outlet.trim()) item['container-title'] = citation.outlet.trim()
    const authors = splitAuthors(citation.author)
    if (authors.length > 0) item.author = authors
    const issued = cslDate(article?.published ?? null)
    if (issued) item.issued = issued
    if (citation.language && citation.language !== 'und') item.language = citation.language
    if (citation.sourceName) {
      item.note = labels ? `${labels.sourceFile}: ${citation.sourceName}` : citation.sourceName
    }
    return item
  })
}

/** The CSL-JSON file: an array of items, as Zotero's "Import from Clipboard/File" expects. */
export function renderCslJson(doc: DossierDocument, labels?: DossierLabels): string {
  return JSON.stringify(renderCslItems(doc, labels), null, 2) + '\n'
}
