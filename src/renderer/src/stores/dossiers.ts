// Dossiers as the UI sees them: the list, creation and deletion (undoable), and edits saved as the
// user types (a text field's own undo covers typing; a saved edit is never lost on navigation).
import { defineStore } from 'pinia'
import { followTable } from './followed-table'
import type { Dossier } from '@core/dossier/types'
import { archive } from '@renderer/db'
import type { DossierChanges } from '@renderer/db/dossier-repository'
import { useHistoryStore } from './history'
import { useTrashStore } from './trash'
import { useSettingsStore } from './settings'

export const useDossiersStore = defineStore('dossiers', () => {
  // Newest edit first, as the list shows them.
  const table = followTable<Dossier>(
    'dossiers',
    (dossier) => dossier.id,
    {
      all: () => archive().dossiers.list(),
      get: (keys) => archive().db.dossiers.bulkGet(keys)
    },
    (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)
  )
  const { list: dossiers, loaded, settled } = table

  async function create(title: string): Promise<Dossier> {
    const repo = archive().dossiers
    let created: Dossier | undefined
    await useHistoryStore().run(
      'createDossier',
      async () => {
        created = await repo.create(title, useSettingsStore().authorName)
        await settled()
      },
      async () => {
        if (created) await repo.remove(created.id)
        await settled()
      },
      async () => {
        if (created) await repo.restore([created])
        await settled()
      }
    )
    return created!
  }

  async function update(id: string, changes: DossierChanges): Promise<Dossier> {
    const { next } = await archive().dossiers.update(id, changes)
    await settled()
    return next
  }

  async function remove(id: string): Promise<void> {
    const repo = archive().dossiers
    let trashId: string | undefined
    await useHistoryStore().run(
      'deleteDossier',
      async () => {
        trashId = (await repo.moveToTrash(id))?.trashId
        await settled()
      },
      () => useTrashStore().undoDelete(trashId)
    )
  }

  return { dossiers, loaded, load: table.load, settled, create, update, remove }
})
