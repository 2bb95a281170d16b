// The archive as the UI sees it: the article list, opening an article's text, editing details,
// deleting with undo, and the first-run sample archive. Logic that can be pure lives in core.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Article, ArticleMeta, ArticleText } from '@core/archive/article'
import { archive } from '@renderer/db'

export const useArchiveStore = defineStore('archive', () => {
  const articles = shallowRef<Article[]>([])
  const ready = ref(false)
  const byId = computed(() => new Map(articles.value.map((a) => [a.id, a])))

  async function refresh(): Promise<void> {
    articles.value = await archive().articles.list()
  }

  async function open(): Promise<void> {
    await refresh()
    ready.value = true
  }

  function text(id: string): Promise<ArticleText | undefined> {
    return archive().articles.text(id)
  }

  async function updateMeta(id: string, meta: Partial<ArticleMeta>): Promise<Article> {
    const updated = await archive().articles.updateMeta(id, meta)
    articles.value = articles.value.map((a) => (a.id === id ? updated : a))
    return updated
  }

  /** Deletes an article; returns a function that puts it back exactly as it was. */
  async function remove(id: string): Promise<() => Promise<void>> {
    const repo = archive().articles
    const [article, body] = await Promise.all([repo.get(id), repo.text(id)])
    await repo.remove(id)
    await refresh()
    return async () => {
      if (article && body) await repo.restore(article, body)
      await refresh()
    }
  }

  return { articles, ready, byId, refresh, open, text, updateMeta, remove }
})
