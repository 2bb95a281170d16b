// Team sync as the UI sees it: the server settings, the password (for this session only in the
// web build), Test connection, and the live state while sync is on.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { archive } from '@renderer/db'
import { platform } from '@renderer/platform'
import {
  databaseUrl,
  testConnection,
  type ConnectionResult,
  type SyncConfig
} from '@renderer/services/sync/connection'
import { SyncSession, type SyncState } from '@renderer/services/sync/sync-session'
import { CouchDatabase } from '@renderer/services/sync/couch-client'
import { Replicator } from '@renderer/services/sync/replicator'
import type { SyncDocRecord } from '@renderer/db/database'
import type { DocBody } from '@core/sync/documents'

export const useSyncStore = defineStore('sync', () => {
  const config = ref<SyncConfig>({ server: '', database: '', user: '' })
  /** Kept in memory only: the web build asks for it again in each session. */
  const password = ref('')
  /** The desktop kept the password with the system's keychain (at the last Connect). */
  const passwordKept = ref(false)
  const testing = ref(false)
  const tested = shallowRef<ConnectionResult | null>(null)
  /** Null while sync is off. */
  const state = shallowRef<SyncState | null>(null)
  let session: SyncSession | null = null
  /** The documents in conflict, read by index after each sync round and each resolution. */
  const conflicts = shallowRef<SyncDocRecord[]>([])

  async function refreshConflicts(): Promise<void> {
    conflicts.value = await archive().db.syncDocs.where('conflicted').equals(1).toArray()
  }

  /**
   * Keeps `chosen` for a document in conflict (null: keeps its deletion); the other versions end
   * on every replica.
   */
  async function resolve(docId: string, chosen: DocBody | null): Promise<void> {
    const replicator = new Replicator(
      archive().db,
      new CouchDatabase(databaseUrl(config.value), platform.sync.fetch)
    )
    await replicator.resolveConflict(docId, chosen)
    await refreshConflicts()
  }

  const onState = (next: SyncState): void => {
    state.value = next
    if (next.phase === 'upToDate') void refreshConflicts()
  }

  async function load(): Promise<void> {
    config.value = { ...(await archive().settings.get('syncConfig')) }
  }

  async function test(): Promise<ConnectionResult> {
    testing.value = true
    try {
      await platform.sync.setServer(config.value.server)
      tested.value = await testConnection(config.value, password.value, platform.sync.fetch)
      return tested.value
    } finally {
      testing.value = false
    }
  }

  /** Tests the connection, then syncs until disconnected; returns the test's answer. */
  async function connect(): Promise<ConnectionResult> {
    const result = await test()
    if (!result.ok) return result
    await archive().settings.set('syncConfig', { ...config.value })
    await archive().settings.set('syncOn', true)
    passwordKept.value = await platform.sync.savePassword(config.value.user, password.value)
    session?.stop()
    session = new SyncSession(archive().db, databaseUrl(config.value), onState, platform.sync.fetch)
    return result
  }

  /**
   * At start: syncs again if it was on when the app last ran. No test first: a server that is
   * down now is the ordinary offline case, which the session waits out and retries.
   */
  async function resume(): Promise<void> {
    if (!(await archive().settings.get('syncOn'))) return
    await load()
    await platform.sync.setServer(config.value.server)
    session?.stop()
    session = new SyncSession(archive().db, databaseUrl(config.value), onState, platform.sync.fetch)
    void refreshConflicts()
  }

  async function disconnect(): Promise<void> {
    session?.stop()
    session = null
    state.value = null
    await archive().settings.set('syncOn', false)
    await platform.sync.setServer(null)
  }

  return {
    config,
    password,
    passwordKept,
    testing,
    tested,
    state,
    conflicts,
    load,
    test,
    connect,
    resume,
    disconnect,
    refreshConflicts,
    resolve
  }
})
