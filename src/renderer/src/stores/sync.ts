// Team sync as the UI sees it: the server settings, the password (for this session only in the
// web build), Test connection, and the live state while sync is on.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { archive } from '@renderer/db'
import { restoreTargetName, switchToRestored } from '@renderer/db/active-archive'
import { LiasseDatabase } from '@renderer/db/database'
import { SettingsRepository } from '@renderer/db/settings-repository'
import { isTransientSetting } from '@renderer/services/backup'
import { useBackupStore } from '@renderer/stores/backup'
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

export interface JoinQuestion {
  /** Documents in the team database (records and texts). */
  teamDocs: number
  mine: { articles: number; passages: number; events: number }
}

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
  /** Asked before the first sync with a team database: what each side holds. */
  const joining = shallowRef<JoinQuestion | null>(null)
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
      new CouchDatabase(databaseUrl(config.value), platform.sync.fetch),
      archive().identity.who
    )
    await replicator.resolveConflict(docId, chosen)
    await refreshConflicts()
  }

  const onState = (next: SyncState): void => {
    state.value = next
    if (next.phase === 'upToDate') void refreshConflicts()
  }

  let loaded = false
  /**
   * The saved settings, read once: opening Settings again (or late, on a busy machine) must not
   * overwrite what the user has typed since.
   */
  async function load(): Promise<void> {
    if (loaded) return
    const before = JSON.stringify(config.value)
    const saved = await archive().settings.get('syncConfig')
    loaded = true
    if (JSON.stringify(config.value) === before) config.value = { ...saved }
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

  /**
   * Tests the connection; then, the first time this archive meets this team database and has
   * anything of its own, asks how to join (`joining`); else syncs until disconnected. Returns the
   * test's answer.
   */
  async function connect(): Promise<ConnectionResult> {
    const result = await test()
    if (!result.ok) return result
    const url = databaseUrl(config.value)
    const { db, settings } = archive()
    if ((await settings.get('syncJoined')) !== url) {
      const [articles, passages, events] = await Promise.all([
        db.articles.count(),
        db.passages.count(),
        db.events.count()
      ])
      if (articles + passages + events > 0) {
        const team = await new CouchDatabase(url, platform.sync.fetch).info()
        joining.value = { teamDocs: team.docCount, mine: { articles, passages, events } }
        return result
      }
    }
    await start()
    return result
  }

  /** Saves the settings and syncs until disconnected. */
  async function start(): Promise<void> {
    const { settings } = archive()
    await settings.set('syncConfig', { ...config.value })
    await settings.set('syncOn', true)
    await settings.set('syncJoined', databaseUrl(config.value))
    passwordKept.value = await platform.sync.savePassword(config.value.user, password.value)
    session?.stop()
    session = new SyncSession(archive().db, databaseUrl(config.value), onState, platform.sync.fetch)
  }

  /** Joining: this archive is added to the team's (articles the team has are not doubled). */
  async function joinAdding(): Promise<void> {
    joining.value = null
    await start()
  }

  /**
   * Joining: this archive is first saved as a backup (the user chooses where; cancelling the
   * save cancels the join), then a new, empty archive takes its place (the old one is kept for
   * Undo until the app closes) and the page reloads on it, syncing: the team's archive arrives.
   * False when the backup was cancelled or failed: nothing changed.
   */
  async function joinStartingFromTeam(title: string, filterName: string): Promise<boolean> {
    const saved = await useBackupStore().backUpNow(title, filterName)
    if (saved === null) return false
    const fresh = restoreTargetName()
    const target = new LiasseDatabase(fresh)
    try {
      await target.open()
      // This archive's own settings (language, name, retention) go along; none of its records.
      const own = (await archive().db.settings.toArray()).filter(
        (record) => !isTransientSetting(record.key)
      )
      await target.settings.bulkPut(own)
      const settings = new SettingsRepository(target)
      await settings.set('sampleLoaded', true)
      await settings.set('syncConfig', { ...config.value })
      await settings.set('syncOn', true)
      await settings.set('syncJoined', databaseUrl(config.value))
    } finally {
      target.close()
    }
    joining.value = null
    switchToRestored(fresh)
    location.reload()
    return true
  }

  function cancelJoin(): void {
    joining.value = null
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
    joining,
    joinAdding,
    joinStartingFromTeam,
    cancelJoin,
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
