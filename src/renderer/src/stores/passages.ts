// Passages as the UI sees them: all of them in memory (light records), per article, and every
// change (tag, edit, delete, re-attach) undoable.
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { Passage } from '@core/archive/passage'
import { archive } from '@renderer/db'
import type { PassageChanges } from '@renderer/db/passage-repository'
import { useHistoryStore } from './history'
import { useTrashStore } from './trash'
import { useSettingsStore } from './settings'

export const usePassagesStore = defineStore('passages', () => {
  const passages = shallowRef<Passage[]>([])
  const byArticle = computed(() => {
    const map = new Map<string, Passage[]>()
    for (const passage of passages.value) {
      const list = map.get(passage.articleId)
      if (list) list.push(passage)
      else map.set(passage.articleId, [passage])
    }
    return map
  })

  async function refresh(): Promise<void> {
    passages.value = await archive().passages.listAll()
  }

  async function create(input: {
    articleId: string
    start: number
    end: number
    tagIds: string[]
    note: string
  }): Promise<Passage> {
    const repo = archive().passages
    let created: Passage | undefined
    await useHistoryStore().run(
      'createPassage',
      async () => {
        created = await repo.create({ ...input, author: useSettingsStore().authorName })
        await refresh()
      },
      async () => {
        if (created) await repo.delete(created.id)
        await refresh()
      },
      async () => {
        if (created) await repo.restore([created])
        await refresh()
      }
    )
    return created!
  }

  async function update(id: string, changes: PassageChanges): Promise<void> {
    const repo = archive().passages
    let previous: Passage | undefined
    await useHistoryStore().run(
      'updatePassage',
      async () => {
        previous = (await repo.update(id, changes)).previous
        await refresh()
      },
      async () => {
        if (previous) await repo.restore([previous])
        await refresh()
      }
    )
  }

  async function remove(id: string): Promise<void> {
    const repo = archive().passages
    let trashId: string | undefined
    await useHistoryStore().run(
      'deletePassage',
      async () => {
        trashId = (await repo.moveToTrash(id))?.trashId
        await useTrashStore().afterChange()
      },
      () => useTrashStore().undoDelete(trashId)
    )
  }

  /** Replaces a passage record wholesale (re-attach), undoable. */
  async function replace(label: 'reattachPassage', next: Passage): Promise<void> {
    const repo = archive().passages
    const previous = await repo.get(next.id)
    await useHistoryStore().run(
      label,
      async () => {
        await repo.restore([next])
        await refresh()
      },
      async () => {
        if (previous) await repo.restore([previous])
        await refresh()
      }
    )
  }

  return { passages, byArticle, refresh, create, update, remove, replace }
})
