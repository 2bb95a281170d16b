// Messages between the search store and the search worker, which owns the index: the UI thread only
// sends the query as typed and draws the page of results it gets back.
import type { PublishedDate } from '@core/archive/article'
import type { FacetCounts, FacetFilter } from '@core/search/engine'
import type { SearchKind } from '@core/search/documents'
import type { SnippetPart } from '@core/search/snippet'

export interface SearchRequest {
  text: string
  /** The last word is still being typed: also search it as a prefix. */
  typing: boolean
  filter: FacetFilter
  offset: number
  limit: number
  /** Every match as ids, no page of described items (a dossier's scope resolving its search). */
  idsOnly?: boolean
}

export interface SearchMatch {
  kind: SearchKind
  recordId: string
  articleId?: string
}

export interface SearchItem {
  id: string
  kind: SearchKind
  recordId: string
  /** The article to open (itself, or a passage's article). */
  articleId?: string
  /** Article title, event title, tag name; a passage's article title. */
  title: string
  /** Outlet and publication date of an article or a passage's article. */
  outlet: string
  /** The whole date, precision and qualifier included, labelled as the library labels it. */
  published: PublishedDate | null
  snippet: SnippetPart[]
  /** Offset in the article's text of the match the snippet shows, for opening the reader there. */
  at: number | null
}

export interface IndexingState {
  done: number
  total: number
}

export interface SearchResponse {
  total: number
  items: SearchItem[]
  facets: FacetCounts
  /** With `idsOnly`: every match. */
  matches?: SearchMatch[]
  /** Set while the index is being built: results cover the part already indexed. */
  indexing: IndexingState | null
  /** Time the worker spent on the query. */
  ms: number
}

export type WorkerRequest =
  | { type: 'open'; database: string }
  /** The archive changed: the worker catches up from the change log. */
  | { type: 'changes' }
  | { type: 'query'; id: number; request: SearchRequest }

export type WorkerReply =
  | { type: 'progress'; state: IndexingState }
  /** `origin`: read back as saved (then caught up from the change log), or built from the archive. */
  | {
      type: 'ready'
      documents: number
      ms: number
      origin: 'saved' | 'built'
      /** Where the worker's start went (read, restore, catchUp), in ms. */
      timings: Record<string, number>
    }
  | { type: 'result'; id: number; response: SearchResponse }
  | { type: 'error'; id?: number; message: string }
