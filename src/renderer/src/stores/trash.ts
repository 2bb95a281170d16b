// The trash as the UI sees it: its entries, restoring one, deleting for good, the retention in days
// and the purge of expired entries at start-up. Every change refreshes the stores it touches.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import {
  DEFAULT_TRASH_RETENTION_DAYS,
  isValidRetention,
  type TrashEntry
} from '@core/archive/trash'
import { archive } from '@renderer/db'
import { TrashError, type PurgeResult, type RestoreResult } from '@renderer/db/trash-repository'
import { useArchiveStore } from './archive'
import { useCodebookStore } from './codebook'
import { useDossiersStore } from './dossiers'
import { useEventsStore } from './events'
import { usePassagesStore } from './passages'

export const useTrashStore = defineStore('trash', () => {
  const entries = shallowRef<TrashEntry[]>([])
  const loaded = ref(false)
  const retentionDays = ref(DEFAULT_TRASH_RETENTION_DAYS)

  async function refresh(): Promise<void> {
    entries.value = await archive().trash.list()
    loaded.value = true
  }

  /** After a delete or a restore: every list that may have lost or regained records. */
  async function afterChange(): Promise<void> {
    await Promise.all([
      refresh(),
      useArchiveStore().refresh(),
      usePassagesStore().refresh(),
      useEventsStore().refresh(),
      useCodebookStore().refresh(),
      useDossiersStore().refresh()
    ])
  }

  async function restore(id: string): Promise<RestoreResult> {
    try {
      return await archive().trash.restore(id)
    } finally {
      await afterChange()
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
      await afterChange()
    }
  }

  async function removeForever(id: string): Promise<PurgeResult> {
    try {
      return await archive().trash.remove(id)
    } finally {
      await afterChange()
    }
  }

  async function empty(): Promise<PurgeResult> {
    try {
      return await archive().trash.empty()
    } finally {
      await afterChange()
    }
  }

  /** Reads the retention and purges what is older (at start-up, before the lists are read). */
  async function load(): Promise<PurgeResult> {
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
    refresh,
    afterChange,
    restore,
    undoDelete,
    removeForever,
    empty,
    load,
    setRetentionDays
  }
})
