// The trash as the UI sees it: its entries, restoring one, deleting for good, the retention in days
// and the purge of expired entries at start-up. The other lists follow the change log.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import {
  DEFAULT_TRASH_RETENTION_DAYS,
  isValidRetention,
  type TrashEntry
} from '@core/archive/trash'
import { archive } from '@renderer/db'
import { TrashError, type PurgeResult, type RestoreResult } from '@renderer/db/trash-repository'
import { followTable } from './followed-table'

export const useTrashStore = defineStore('trash', () => {
  // Newest delete first, as the Trash view lists them. Every other list follows the change log
  // by itself when a delete or a restore moves its records.
  const table = followTable<TrashEntry>(
    'trash',
    (entry) => entry.id,
    {
      all: () => archive().trash.list(),
      get: (keys) => archive().db.trash.bulkGet(keys)
    },
    (a, b) => (a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : 0)
  )
  const { list: entries, loaded, settled } = table
  const retentionDays = ref(DEFAULT_TRASH_RETENTION_DAYS)

  async function restore(id: string): Promise<RestoreResult> {
    try {
      return await archive().trash.restore(id)
    } finally {
      await settled()
    }
  }

  /**
   * The undo of a delete: restores its entry. An entry already restored or deleted for good from
   * the Trash view leaves nothing to undo, so the undo then does nothing rather than stay stuck.
   */
  async function undoDelete(trashId: string | undefined): Promise<void> {
    try {
      if (trashId) await archive().trash.restore(trashId)
    } catch (error) {
      if (!(error instanceof TrashError && error.code === 'notFound')) throw error
    } finally {
      await settled()
    }
  }

  async function removeForever(id: string): Promise<PurgeResult> {
    try {
      return await archive().trash.remove(id)
    } finally {
      await settled()
    }
  }

  async function empty(): Promise<PurgeResult> {
    try {
      return await archive().trash.empty()
    } finally {
      await settled()
    }
  }

  /** Reads the retention and purges what is older (at start-up, before the lists are read). */
  async function purgeExpired(): Promise<PurgeResult> {
    retentionDays.value = await archive().settings.get('trashRetentionDays')
    if (!isValidRetention(retentionDays.value)) retentionDays.value = DEFAULT_TRASH_RETENTION_DAYS
    return archive().trash.purgeExpired(retentionDays.value)
  }

  async function setRetentionDays(days: number): Promise<void> {
    if (!isValidRetention(days)) throw new RangeError(`retention ${days}`)
    retentionDays.value = days
    await archive().settings.set('trashRetentionDays', days)
  }

  return {
    entries,
    loaded,
    retentionDays,
    load: table.load,
    settled,
    purgeExpired,
    restore,
    undoDelete,
    removeForever,
    empty,
    setRetentionDays
  }
})
