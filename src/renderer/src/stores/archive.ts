// The archive as the UI sees it: the article list, opening an article's text, editing details,
// deleting with undo, and the first-run sample archive. Logic that can be pure lives in core.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Article, ArticleMeta, ArticleText } from '@core/archive/article'
import type { Span } from '@core/archive/article'
import { reanchorPassages, type ReanchorResult } from '@core/archive/passages'
import { sha256Hex } from '@core/text/hash'
import { normalizeText, paragraphSpans } from '@core/text/normalize'
import { archive } from '@renderer/db'
import { onArchiveChange } from '@renderer/db/change-feed'
import type { ArticleTextSnapshot } from '@renderer/db/passage-repository'
import { useHistoryStore } from './history'
import { usePassagesStore } from './passages'
import { useTrashStore } from './trash'

export interface TextChangePreview {
  articleId: string
  /** The new text, normalized as imports are. */
  text: string
  paragraphs: Span[]
  sha256: string
  /** True when the new text is the current one (nothing to do). */
  same: boolean
  result: ReanchorResult
}

/** Above this many articles, the library's first screen is shown before the whole list is read. */
const FIRST_PAGE = 200
/** Articles read per step while the whole list loads. */
const LOAD_CHUNK = 10_000

export const useArchiveStore = defineStore('archive', () => {
  const articles = shallowRef<Article[]>([])
  /** How many articles the archive holds, known before `articles` is complete. */
  const total = ref(0)
  /** True once `articles` holds every article (and from then on). */
  const ready = ref(false)
  /**
   * The list as read so far, while it is read: the first screen's articles, then each chunk's
   * others appended to the same array, which becomes `articles` once complete. Not reactive
   * itself (100,000 plain objects): `loaded` says how many it holds, bumped per chunk.
   */
  const partial = shallowRef<readonly Article[]>([])
  const loaded = ref(0)
  const byId = computed(() => new Map(articles.value.map((a) => [a.id, a])))
  /** Bumped by every full read, so that a slower, older read never overwrites a newer one. */
  let generation = 0

  // Articles written since the list was read, from the archive's change feed (any writer).
  let dirty = new Set<string>()
  let refreshing: ReturnType<typeof setTimeout> | null = null
  onArchiveChange((changes) => {
    for (const change of changes) {
      if (change.table !== 'articles') continue
      for (const key of change.keys) dirty.add(key)
    }
    // Whoever wrote (this window, another, a sync), the list shows it: the changed rows are
    // read once the writes of the moment are all in.
    if (dirty.size && refreshing === null)
      refreshing = setTimeout(() => {
        refreshing = null
        void refresh()
      }, 0)
  })

  /**
   * Brings the list up to date after a write. Only the articles written since are read again
   * (an import into 100,000 articles must not read them all back); the whole list is read when
   * it was never complete.
   */
  async function refresh(): Promise<void> {
    // The feed hears a commit in the same event that resolves the writer: let it run first.
    await new Promise((resolve) => setTimeout(resolve, 0))
    if (!ready.value) {
      // The list being read takes in what changed when it ends; never read, it is read now.
      if (!loading) await loadAll()
      else await loading
      return
    }
    const keys = [...dirty]
    dirty = new Set()
    if (keys.length === 0) return
    const mine = generation
    const found = await archive().articles.bulkGet(keys)
    if (mine !== generation) return
    const next = new Map(byId.value)
    keys.forEach((key, i) => {
      const article = found[i]
      if (article) next.set(key, article)
      else next.delete(key)
    })
    articles.value = [...next.values()]
    total.value = articles.value.length
  }

  /**
   * Reads the whole list in chunks, yielding to the page between them. Each chunk is appended
   * to `partial` (after `first`, the articles already shown, not repeated) as soon as it is read.
   */
  let loading: Promise<void> | null = null
  function loadAll(first: readonly Article[] = []): Promise<void> {
    const run = readAll(first).finally(() => {
      if (loading === run) loading = null
    })
    loading = run
    return run
  }

  async function readAll(first: readonly Article[]): Promise<void> {
    // What changes from here on is read again once the list is complete.
    dirty = new Set()
    const mine = ++generation
    const all: Article[] = [...first]
    const shown = new Set(first.map((a) => a.id))
    partial.value = all
    loaded.value = all.length
    for await (const chunk of archive().articles.listInChunks(LOAD_CHUNK)) {
      if (mine !== generation) return
      for (const article of chunk) if (!shown.has(article.id)) all.push(article)
      loaded.value = all.length
    }
    if (mine !== generation) return
    articles.value = all
    total.value = all.length
    ready.value = true
    performance.mark('liasse:articles-loaded')
    if (dirty.size) void refresh()
  }

  /**
   * Opens the archive. A large one shows its first screen at once (the newest articles, the
   * library's default order, from the date index) and resolves; the whole list follows, and
   * `ready` says when it is complete. A small one is read whole before this resolves.
   */
  async function open(): Promise<void> {
    const repo = archive().articles
    total.value = await repo.count()
    if (total.value <= FIRST_PAGE) return loadAll()
    const mine = generation
    const first = await repo.newestPublished(FIRST_PAGE)
    if (mine !== generation || ready.value) return
    articles.value = first
    performance.mark('liasse:articles-first-page')
    void loadAll(first)
  }

  function text(id: string): Promise<ArticleText | undefined> {
    return archive().articles.text(id)
  }

  async function updateMeta(id: string, meta: Partial<ArticleMeta>): Promise<Article> {
    const updated = await archive().articles.updateMeta(id, meta)
    articles.value = articles.value.map((a) => (a.id === id ? updated : a))
    return updated
  }

  /**
   * Moves an article with its passages and their links to the trash; returns a function that
   * restores it from there (the notice's Undo).
   */
  async function remove(id: string): Promise<() => Promise<void>> {
    const removed = await archive().articles.remove(id)
    await refresh()
    return () => useTrashStore().undoDelete(removed?.trashId)
  }

  /** What replacing an article's text would do to its passages, before anything is written. */
  async function previewTextChange(articleId: string, raw: string): Promise<TextChangePreview> {
    const text = normalizeText(raw)
    const sha256 = await sha256Hex(text)
    const passages = await archive().passages.listByArticle(articleId)
    return {
      articleId,
      text,
      paragraphs: paragraphSpans(text),
      sha256,
      same: sha256 === byId.value.get(articleId)?.sha256,
      result: reanchorPassages(text, sha256, passages)
    }
  }

  /** Replaces the text and re-anchors every passage in one transaction; undoable. */
  async function applyTextChange(preview: TextChangePreview): Promise<void> {
    const repo = archive().passages
    let previous: ArticleTextSnapshot | undefined
    const write = async (): Promise<void> => {
      // Anchors are computed again at write time: a passage may have changed since the preview.
      const passages = await repo.listByArticle(preview.articleId)
      const { updates } = reanchorPassages(preview.text, preview.sha256, passages)
      const done = await repo.replaceArticleText(
        preview.articleId,
        preview.text,
        preview.paragraphs,
        preview.sha256,
        updates
      )
      previous = done.previous
      await Promise.all([refresh(), usePassagesStore().settled()])
    }
    await useHistoryStore().run('editText', write, async () => {
      if (previous) await repo.restoreArticleText(previous)
      await Promise.all([refresh(), usePassagesStore().settled()])
    })
  }

  return {
    articles,
    total,
    ready,
    partial,
    loaded,
    byId,
    refresh,
    open,
    text,
    updateMeta,
    remove,
    previewTextChange,
    applyTextChange
  }
})
