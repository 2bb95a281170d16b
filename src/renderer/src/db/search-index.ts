// The search index of the archive, kept by the search worker: built from the archive in chunks
// (progress as it goes), kept current from the change feed, and answering queries with pages of
// results (snippets, where to open). Build steps and changes run one at a time, in order, so that
// a chunk read before a change can never be written after it.
import type { Article } from '@core/archive/article'
import type { Passage, Tag } from '@core/archive/passage'
import {
  articleDocument,
  articleFacts,
  docId,
  eventDocument,
  passageDocument,
  passageFacts,
  splitDocId,
  tagDocument,
  type SearchText
} from '@core/search/documents'
import { SearchEngine, type SearchEngineSnapshot, type TextLoader } from '@core/search/engine'
import type { TermIndexSnapshot } from '@core/search/term-index'
import { parseQuery } from '@core/search/query'
import { makeSnippet } from '@core/search/snippet'
import type { TimelineEvent } from '@core/timeline/types'
import { isRedirect } from '@core/archive/tag-redirects'
import type { IndexingState, SearchItem, SearchRequest, SearchResponse } from './search-protocol'
import { changesSince, groupByTable, lastSeq, type TableChange } from './change-feed'
import type { LiasseDatabase } from './database'

/** Articles read and indexed per step of the build. */
const CHUNK = 500

/**
 * The version of what a saved index holds: raised whenever text analysis or the engine's layout
 * changes, so that an index saved by an older Liasse is rebuilt rather than misread.
 */
export const SEARCH_INDEX_VERSION = 3

/** Unsaved changes wait at most this long before the index is saved again. */
const SAVE_DELAY_MS = 30_000

/** What the saved index says of itself (its `meta` record, written last). */
interface SavedIndex {
  version: number
  /** The change-log entry it covers up to. */
  seq: number
  documents: number
  /** Its parts, each a record of its own (FlexSearch's export comes in parts). */
  parts: string[]
}

/** How the index came to be at start: read back as saved, or built from the archive. */
export type IndexOrigin = 'saved' | 'built'

export class ArchiveSearchIndex {
  private current = new SearchEngine()
  private saveTimer: ReturnType<typeof setTimeout> | null = null
  /** True when the index holds something its saved copy does not. */
  private unsaved = true
  private queue: Promise<unknown> = Promise.resolve()
  private indexing: IndexingState | null = null
  /** The newest entry of the change log the index covers. */
  seq = 0

  constructor(private readonly db: LiasseDatabase) {}

  get engine(): SearchEngine {
    return this.current
  }

  /**
   * Makes the index ready: the saved one, caught up from the change log, or (when there is none,
   * or it is of another version, or does not read back) one built from the archive and saved.
   */
  /** Where the last `open` spent its time, in ms (for the launch bench and the report). */
  readonly timings: Record<string, number> = {}

  private time(phase: string, since: number): number {
    const now = performance.now()
    this.timings[phase] = Math.round(now - since)
    return now
  }

  async open(onProgress: (state: IndexingState) => void = () => undefined): Promise<IndexOrigin> {
    const loaded = await this.load().catch(() => false)
    if (!loaded) {
      await this.build(onProgress)
      await this.save()
    }
    const caught = performance.now()
    await this.catchUp()
    this.time('catchUp', caught)
    return loaded ? 'saved' : 'built'
  }

  /**
   * Reads the saved index back; false when there is none fit to use. One task of the queue from
   * start to end: a query asked meanwhile waits for it rather than meet an empty index.
   */
  private load(): Promise<boolean> {
    return this.serial(() => this.readSaved())
  }

  private async readSaved(): Promise<boolean> {
    const { db } = this
    const meta = (await db.searchIndex.get('meta'))?.value as SavedIndex | undefined
    if (!meta || meta.version !== SEARCH_INDEX_VERSION) return false
    // An index ahead of the log belongs to another archive's history (a restore, a reset).
    if (meta.seq > (await lastSeq(db))) return false
    let at = performance.now()
    const records = await db.searchIndex.bulkGet(meta.parts)
    at = this.time('read', at)
    const part = (id: string): unknown => {
      const record = records[meta.parts.indexOf(id)]
      if (!record) throw new Error(`saved search index: part ${id} missing`)
      return record.value
    }
    const flex = meta.parts
      .filter((id) => id.startsWith('flex:'))
      .map((id) => [id.slice(5), part(id)] as [string, string])
    const snapshot = {
      ...(part('facts') as Omit<SearchEngineSnapshot, 'terms' | 'words'>),
      words: part('words') as SearchEngineSnapshot['words'],
      terms: { ...(part('terms') as Omit<TermIndexSnapshot, 'flex'>), flex }
    }
    const engine = SearchEngine.restore(snapshot)
    this.time('restore', at)
    if (engine.documentCount !== meta.documents) return false
    this.current = engine
    this.seq = meta.seq
    this.unsaved = false
    return true
  }

  /** Saves the index with the log entry it covers, all parts in one transaction. */
  save(): Promise<void> {
    return this.serial(async () => {
      if (this.saveTimer !== null) clearTimeout(this.saveTimer)
      this.saveTimer = null
      // Never a half-built index: the build saves when it ends.
      if (!this.unsaved || this.indexing) return
      const { terms, words, ...facts } = this.current.save()
      const { flex, ...rest } = terms
      const records = [
        { id: 'facts', value: facts },
        { id: 'words', value: words },
        { id: 'terms', value: rest },
        ...flex.map(([key, data]) => ({ id: `flex:${key}`, value: data }))
      ]
      const meta: SavedIndex = {
        version: SEARCH_INDEX_VERSION,
        seq: this.seq,
        documents: this.current.documentCount,
        parts: records.map((record) => record.id)
      }
      const { db } = this
      await db.transaction('rw', db.searchIndex, async () => {
        await db.searchIndex.clear()
        await db.searchIndex.bulkPut(records)
        await db.searchIndex.put({ id: 'meta', value: meta })
      })
      this.unsaved = false
    })
  }

  /** Saves later, once: changes keep coming while one types or imports. */
  private scheduleSave(): void {
    if (this.saveTimer !== null) return
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null
      void this.save().catch(() => undefined)
    }, SAVE_DELAY_MS)
  }

  /** Stops a pending save (the worker is closing, or a test ends). */
  close(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer)
    this.saveTimer = null
  }

  /** Runs `task` after every task queued before it. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task)
    this.queue = next.catch(() => undefined)
    return next
  }

  get state(): IndexingState | null {
    return this.indexing
  }

  /** Indexes the whole archive; queries answered meanwhile cover what is done so far. */
  async build(onProgress: (state: IndexingState) => void = () => undefined): Promise<void> {
    const { db } = this
    // From now until it ends, the index is partial: not to be saved, and queries say so.
    this.indexing = { done: 0, total: 0 }
    this.unsaved = true
    await this.serial(async () => {
      // Whatever is written from here on is read again from the log after the build.
      this.seq = await lastSeq(db)
      const [tags, events, links, passages] = await Promise.all([
        db.tags.toArray(),
        db.events.toArray(),
        db.links.toArray(),
        db.passages.toArray()
      ])
      for (const tag of tags) this.putTag(tag)
      for (const event of events) this.engine.put(eventDocument(event))
      for (const link of links) this.engine.setLink(link.id, link)
      for (const passage of passages) this.putPassage(passage)
      this.indexing = { done: 0, total: await db.articles.count() }
      onProgress(this.indexing)
    })
    let last: string | null = null
    for (;;) {
      const more = await this.serial(async () => {
        const collection =
          last === null ? db.articles.orderBy(':id') : db.articles.where(':id').above(last)
        const articles = await collection.limit(CHUNK).toArray()
        if (articles.length === 0) return false
        const texts = await db.articleTexts.bulkGet(articles.map((article) => article.id))
        articles.forEach((article, i) => this.putArticle(article, texts[i]?.text))
        last = articles[articles.length - 1]!.id
        const state = this.indexing!
        state.done = Math.min(state.total, state.done + articles.length)
        onProgress({ ...state })
        return true
      })
      if (!more) break
    }
    this.indexing = null
  }

  private putArticle(article: Article, text: string | undefined): void {
    this.engine.setArticle(article.id, articleFacts(article))
    this.engine.put(
      articleDocument(article, { articleId: article.id, text: text ?? '', paragraphs: [] })
    )
  }

  private putPassage(passage: Passage): void {
    this.engine.setPassage(passage.id, passageFacts(passage))
    this.engine.put(passageDocument(passage))
  }

  private putTag(tag: Tag): void {
    // A merged tag, kept as a redirect, is no tag to find; its passages are folded onto the tag
    // it leads to, and indexed again when they are.
    if (isRedirect(tag)) {
      this.engine.removeTag(tag.id)
      return
    }
    this.engine.setTag(tag.id, tag.parentId)
    this.engine.put(tagDocument(tag))
  }

  /** Brings the index up to date with the change log: the records written since `seq`. */
  catchUp(): Promise<void> {
    return this.serial(async () => {
      const entries = await changesSince(this.db, this.seq)
      if (entries.length === 0) return
      for (const change of groupByTable(entries)) await this.applyOne(change)
      this.seq = entries.at(-1)!.seq
      this.unsaved = true
      if (!this.indexing) this.scheduleSave()
    })
  }

  /** Reads back the records a change names and hands each to `put`, or its id to `remove`. */
  private async resync<T>(
    change: TableChange,
    table: { bulkGet(keys: string[]): PromiseLike<(T | undefined)[]> },
    put: (record: T, id: string) => void,
    remove: (id: string) => void
  ): Promise<void> {
    const records = await table.bulkGet(change.keys)
    for (const [i, id] of change.keys.entries()) {
      const record = records[i]
      if (record) put(record, id)
      else remove(id)
    }
  }

  private async applyOne(change: TableChange): Promise<void> {
    const { db, engine } = this
    switch (change.table) {
      case 'articles':
      case 'articleTexts':
        return this.resync(
          change,
          {
            // Each article with its text, both read in one go.
            bulkGet: async (ids: string[]) => {
              const [articles, texts] = await Promise.all([
                db.articles.bulkGet(ids),
                db.articleTexts.bulkGet(ids)
              ])
              return articles.map((article, i) => article && { article, text: texts[i]?.text })
            }
          },
          ({ article, text }) => this.putArticle(article, text),
          (id) => engine.removeArticle(id)
        )
      case 'passages':
        return this.resync(
          change,
          db.passages,
          (passage) => this.putPassage(passage),
          (id) => engine.removePassage(id)
        )
      case 'tags':
        return this.resync(
          change,
          db.tags,
          (tag) => this.putTag(tag),
          (id) => engine.removeTag(id)
        )
      case 'events':
        return this.resync(
          change,
          db.events,
          (event) => engine.put(eventDocument(event)),
          (id) => engine.remove(docId('event', id))
        )
      case 'links':
        return this.resync(
          change,
          db.links,
          (link, id) => engine.setLink(id, link),
          (id) => engine.removeLink(id)
        )
      default:
        return
    }
  }

  /** The searched text of documents, read from the archive (for snippets). */
  readonly loadText: TextLoader = async (ids) => {
    const byKind = { article: [], passage: [], event: [], tag: [] } as Record<
      'article' | 'passage' | 'event' | 'tag',
      string[]
    >
    for (const id of ids) {
      const { kind, recordId } = splitDocId(id)
      byKind[kind].push(recordId)
    }
    const { db } = this
    const [articles, texts, passages, events, tags] = await Promise.all([
      db.articles.bulkGet(byKind.article),
      db.articleTexts.bulkGet(byKind.article),
      db.passages.bulkGet(byKind.passage),
      db.events.bulkGet(byKind.event),
      db.tags.bulkGet(byKind.tag)
    ])
    const found = new Map<string, SearchText>()
    const keep = (doc: SearchText & { id: string }): void => void found.set(doc.id, doc)
    articles.forEach((article, i) => {
      if (article) keep(articleDocument(article, texts[i]))
    })
    passages.forEach((passage) => passage && keep(passageDocument(passage)))
    events.forEach((event) => event && keep(eventDocument(event)))
    tags.forEach((tag) => tag && keep(tagDocument(tag)))
    return found
  }

  /** One page of results, with snippets and where to open each. */
  query(request: SearchRequest): Promise<SearchResponse> {
    return this.serial(async () => {
      const started = performance.now()
      const parsed = parseQuery(request.text, { typing: request.typing })
      const answer = await this.engine.search(parsed, request.filter, undefined, {
        // A dossier's scope wants every match.
        offset: request.idsOnly ? 0 : request.offset,
        limit: request.idsOnly ? Infinity : request.limit
      })
      if (request.idsOnly) {
        return {
          total: answer.total,
          items: [],
          matches: answer.hits.map(({ kind, recordId, articleId }) => ({
            kind,
            recordId,
            articleId
          })),
          facets: answer.facets,
          indexing: this.indexing ? { ...this.indexing } : null,
          ms: performance.now() - started
        }
      }
      const items = await this.describe(answer.hits, parsed.phrases)
      return {
        total: answer.total,
        items,
        facets: answer.facets,
        indexing: this.indexing ? { ...this.indexing } : null,
        ms: performance.now() - started
      }
    })
  }

  private async describe(
    hits: Awaited<ReturnType<SearchEngine['search']>>['hits'],
    phrases: string[]
  ): Promise<SearchItem[]> {
    const { db } = this
    const articleIds = [...new Set(hits.flatMap((hit) => (hit.articleId ? [hit.articleId] : [])))]
    const [texts, articles, passages, events, tags] = await Promise.all([
      this.loadText(hits.map((hit) => hit.id)),
      db.articles.bulkGet(articleIds),
      db.passages.bulkGet(hits.filter((h) => h.kind === 'passage').map((h) => h.recordId)),
      db.events.bulkGet(hits.filter((h) => h.kind === 'event').map((h) => h.recordId)),
      db.tags.bulkGet(hits.filter((h) => h.kind === 'tag').map((h) => h.recordId))
    ])
    const article = new Map(articles.flatMap((a) => (a ? [[a.id, a] as const] : [])))
    const passage = new Map(passages.flatMap((p) => (p ? [[p.id, p] as const] : [])))
    const event = new Map<string, TimelineEvent>(events.flatMap((e) => (e ? [[e.id, e]] : [])))
    const tag = new Map<string, Tag>(tags.flatMap((t) => (t ? [[t.id, t]] : [])))
    return hits.map((hit) => {
      const text = texts.get(hit.id)
      const owner = hit.articleId ? article.get(hit.articleId) : undefined
      const body =
        hit.kind === 'passage' && text?.note ? `${text.body}\n${text.note}` : (text?.body ?? '')
      const snippet = makeSnippet(body, {
        terms: hit.terms,
        phrases,
        language: hit.kind === 'article' ? owner?.language : undefined
      })
      const title =
        hit.kind === 'event'
          ? (event.get(hit.recordId)?.title ?? '')
          : hit.kind === 'tag'
            ? (tag.get(hit.recordId)?.name ?? '')
            : (owner?.title ?? '')
      const at =
        hit.kind === 'article'
          ? snippet.at
          : hit.kind === 'passage'
            ? (passage.get(hit.recordId)?.anchor.start ?? null)
            : null
      return {
        id: hit.id,
        kind: hit.kind,
        recordId: hit.recordId,
        articleId: hit.articleId,
        title,
        outlet: owner?.outlet ?? '',
        published: owner?.published ?? null,
        snippet: snippet.parts,
        at
      }
    })
  }
}
