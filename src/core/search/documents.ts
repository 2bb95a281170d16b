// What the search index holds of each record: one document per article, passage, event and tag,
// with the fields searched and the facts its facets count (outlet, language, date, tags, events).
import type { Article, ArticleText } from '../archive/article'
import type { Passage, Tag } from '../archive/passage'
import type { TimelineEvent } from '../timeline/types'

export type SearchKind = 'article' | 'passage' | 'event' | 'tag'
export const SEARCH_KINDS: readonly SearchKind[] = ['article', 'passage', 'event', 'tag']

/** The searched text of a record, by field. */
export interface SearchText {
  /** Article title, event title, tag name; for a passage, nothing (its quote is the body). */
  title: string
  /** Outlet, author and file name; an event's place and participants. */
  meta: string
  /** Article text, passage quote, event or tag description. */
  body: string
  /** A passage's note. */
  note: string
}

export interface SearchDocument extends SearchText {
  /** `kind:recordId`, unique across kinds. */
  id: string
  kind: SearchKind
  recordId: string
  /** ISO 639-1 of the text when known (articles): the stemmer to use. */
  language?: string
}

export function docId(kind: SearchKind, recordId: string): string {
  return `${kind}:${recordId}`
}

export function splitDocId(id: string): { kind: SearchKind; recordId: string } {
  const colon = id.indexOf(':')
  return { kind: id.slice(0, colon) as SearchKind, recordId: id.slice(colon + 1) }
}

/** Article metadata the facets need, kept for every article (light). */
export interface ArticleFacts {
  outlet: string
  language: string
  /** ISO date at its precision (`2017`, `2017-11`, `2017-11-14`), or null when unknown. */
  published: string | null
}

export function articleFacts(article: Article): ArticleFacts {
  return {
    outlet: article.outlet,
    language: article.language,
    published: article.published?.value ?? null
  }
}

export function articleDocument(article: Article, text: ArticleText | undefined): SearchDocument {
  return {
    id: docId('article', article.id),
    kind: 'article',
    recordId: article.id,
    language: article.language,
    title: article.title,
    meta: [article.outlet, article.author, article.sourceName].filter(Boolean).join(' · '),
    body: text?.text ?? '',
    note: ''
  }
}

export function passageDocument(passage: Passage): SearchDocument {
  return {
    id: docId('passage', passage.id),
    kind: 'passage',
    recordId: passage.id,
    title: '',
    meta: '',
    body: passage.quote.exact,
    note: passage.note
  }
}

export function eventDocument(event: TimelineEvent): SearchDocument {
  return {
    id: docId('event', event.id),
    kind: 'event',
    recordId: event.id,
    title: event.title,
    meta: [event.place, ...event.participants].filter(Boolean).join(' · '),
    body: event.description,
    note: ''
  }
}

export function tagDocument(tag: Tag): SearchDocument {
  return {
    id: docId('tag', tag.id),
    kind: 'tag',
    recordId: tag.id,
    title: tag.name,
    meta: '',
    body: tag.description,
    note: ''
  }
}

/** The facts of a passage that facets need: its article and tags. */
export interface PassageFacts {
  articleId: string
  tagIds: string[]
}

export function passageFacts(passage: Passage): PassageFacts {
  return { articleId: passage.articleId, tagIds: [...passage.tagIds] }
}

/**
 * The passages a search finds, in archive order: those it matched themselves, and those of the
 * articles it matched (what a dossier scope made of a saved search holds).
 */
export function passagesFound(
  matches: readonly { kind: SearchKind; recordId: string }[],
  passages: readonly Passage[]
): string[] {
  const found = new Set(matches.filter((m) => m.kind === 'passage').map((m) => m.recordId))
  const articles = new Set(matches.filter((m) => m.kind === 'article').map((m) => m.recordId))
  return passages
    .filter((passage) => found.has(passage.id) || articles.has(passage.articleId))
    .map((passage) => passage.id)
}
