// Passages as the UI sees them: light records read when a view first needs them, then kept by the
// change log's keys; per article; every change (tag, edit, delete, re-attach) undoable.
import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Passage } from '@core/archive/passage'
import { archive } from '@renderer/db'
import type { PassageChanges } from '@renderer/db/passage-repository'
import { followTable } from './followed-table'
import { useHistoryStore } from './history'
import { useTrashStore } from './trash'
import { useSettingsStore } from './settings'

export const usePassagesStore = defineStore('passages', () => {
  const table = followTable<Passage>('passages', (passage) => passage.id, {
    all: () => archive().passages.listAll(),
    get: (keys) => archive().db.passages.bulkGet(keys)
  })
  const passages = table.list
  const byArticle = computed(() => {
    const map = new Map<string, Passage[]>()
    for (const passage of passages.value) {
      const list = map.get(passage.articleId)
      if (list) list.push(passage)
      else map.set(passage.articleId, [passage])
    }
    return map
  })

  /** Once every committed change shows (the store's own actions await it). */
  const { settled } = table

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
        await settled()
      },
      async () => {
        if (created) await repo.delete(created.id)
        await settled()
      },
      async () => {
        if (created) await repo.restore([created])
        await settled()
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
        await settled()
      },
      async () => {
        if (previous) await repo.restore([previous])
        await settled()
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
        await settled()
      },
      () => useTrashStore().undoDelete(trashId)
    )
  }

  /** Replaces a passage record wholesale (re-attach, the user's own change), undoable. */
  async function replace(label: 'reattachPassage', next: Passage): Promise<void> {
    const repo = archive().passages
    const previous = await repo.get(next.id)
    await useHistoryStore().run(
      label,
      async () => {
        await repo.reattach(next)
        await settled()
      },
      async () => {
        if (previous) await repo.restore([previous])
        await settled()
      }
    )
  }

  return {
    passages,
    byArticle,
    loaded: table.loaded,
    load: table.load,
    settled,
    create,
    update,
    remove,
    replace
  }
})
