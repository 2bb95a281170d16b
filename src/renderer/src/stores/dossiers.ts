// Dossiers as the UI sees them: the list, creation and deletion (undoable), and edits saved as the
// user types (a text field's own undo covers typing; a saved edit is never lost on navigation).
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { Dossier } from '@core/dossier/types'
import { archive } from '@renderer/db'
import type { DossierChanges } from '@renderer/db/dossier-repository'
import { useHistoryStore } from './history'
import { useTrashStore } from './trash'
import { useSettingsStore } from './settings'

export const useDossiersStore = defineStore('dossiers', () => {
  const dossiers = shallowRef<Dossier[]>([])
  const loaded = shallowRef(false)

  async function refresh(): Promise<void> {
    dossiers.value = await archive().dossiers.list()
    loaded.value = true
  }

  async function create(title: string): Promise<Dossier> {
    const repo = archive().dossiers
    let created: Dossier | undefined
    await useHistoryStore().run(
      'createDossier',
      async () => {
        created = await repo.create(title, useSettingsStore().authorName)
        await refresh()
      },
      async () => {
        if (created) await repo.remove(created.id)
        await refresh()
      },
      async () => {
        if (created) await repo.restore([created])
        await refresh()
      }
    )
    return created!
  }

  async function update(id: string, changes: DossierChanges): Promise<Dossier> {
    const { next } = await archive().dossiers.update(id, changes)
    dossiers.value = dossiers.value.map((d) => (d.id === id ? next : d))
    return next
  }

  async function remove(id: string): Promise<void> {
    const repo = archive().dossiers
    let trashId: string | undefined
    await useHistoryStore().run(
      'deleteDossier',
      async () => {
        trashId = (await repo.moveToTrash(id))?.trashId
        await useTrashStore().afterChange()
      },
      () => useTrashStore().undoDelete(trashId)
    )
  }

  return { dossiers, loaded, refresh, create, update, remove }
})
