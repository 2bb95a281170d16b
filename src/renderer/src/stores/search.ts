// Search as the UI sees it: the worker that owns the index (started with the app, so the index is
// being built while the user reads), its progress, queries, and the searches the user saved.
import { defineStore } from 'pinia'
import { ref, shallowRef, toRaw } from 'vue'
import type { Passage } from '@core/archive/passage'
import { passagesFound as passagesFoundBy } from '@core/search/documents'
import type { FacetFilter } from '@core/search/engine'
import { archive } from '@renderer/db'
import type { SavedSearch } from '@renderer/db/settings-repository'
import { SearchClient } from '@renderer/db/search-client'
import type { IndexingState, SearchRequest, SearchResponse } from '@renderer/db/search-protocol'

export const useSearchStore = defineStore('search', () => {
  const indexing = ref<IndexingState | null>(null)
  const ready = ref(false)
  const error = ref('')
  const saved = shallowRef<SavedSearch[]>([])
  let client: SearchClient | null = null
  let markReady: () => void = () => undefined
  /** Resolves once the index covers the whole archive. */
  const whenReady = new Promise<void>((resolve) => (markReady = resolve))

  /** Starts the worker; the index builds in the background from then on. */
  async function start(): Promise<void> {
    if (client) return
    client = new SearchClient(archive().db.name, {
      onProgress: (state) => (indexing.value = state),
      onReady: (info) => {
        indexing.value = null
        ready.value = true
        markReady()
        // For tests and benches: when the index was complete, and how long building it took.
        document.body.dataset.searchIndex = 'ready'
        document.body.dataset.searchIndexMs = String(Math.round(info.ms))
        document.body.dataset.searchIndexOrigin = info.origin
        document.body.dataset.searchIndexTimings = JSON.stringify(info.timings)
        performance.mark('liasse:search-ready')
      },
      onError: (message) => (error.value = message)
    })
    saved.value = await archive().settings.get('savedSearches')
  }

  async function query(request: SearchRequest): Promise<SearchResponse> {
    await start()
    // A reactive filter cannot cross to the worker (structured clone refuses proxies).
    const filter = JSON.parse(JSON.stringify(toRaw(request.filter))) as FacetFilter
    return client!.query({ ...request, filter })
  }

  /**
   * The passages a search finds: those it matches, and those of the articles it matches (a
   * dossier scope made of a saved search).
   */
  async function passagesFound(
    text: string,
    filter: FacetFilter,
    passages: readonly Passage[]
  ): Promise<string[]> {
    // A partial index (still being built) would drop passages from the dossier.
    await start()
    await whenReady
    const { matches = [] } = await query({
      text,
      typing: false,
      filter,
      offset: 0,
      limit: 0,
      idsOnly: true
    })
    return passagesFoundBy(matches, passages)
  }

  async function save(name: string, text: string, filter: FacetFilter): Promise<SavedSearch> {
    const entry: SavedSearch = {
      id: crypto.randomUUID(),
      name: name.trim(),
      text,
      filter: JSON.parse(JSON.stringify(toRaw(filter))) as FacetFilter
    }
    saved.value = [...saved.value, entry]
    await archive().settings.set('savedSearches', saved.value)
    return entry
  }

  async function forget(id: string): Promise<void> {
    saved.value = saved.value.filter((entry) => entry.id !== id)
    await archive().settings.set('savedSearches', saved.value)
  }

  return { indexing, ready, error, saved, start, query, passagesFound, save, forget }
})
