// Team sync as the UI sees it: the server settings, the password (for this session only in the
// web build), Test connection, and the live state while sync is on.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { archive } from '@renderer/db'
import { i18n } from '@renderer/i18n'
import {
  databaseUrl,
  testConnection,
  type ConnectionResult,
  type SyncConfig
} from '@renderer/services/sync/connection'
import { SyncSession, type SyncState } from '@renderer/services/sync/sync-session'

export const useSyncStore = defineStore('sync', () => {
  const config = ref<SyncConfig>({ server: '', database: '', user: '' })
  /** Kept in memory only: the web build asks for it again in each session. */
  const password = ref('')
  const testing = ref(false)
  const tested = shallowRef<ConnectionResult | null>(null)
  /** Null while sync is off. */
  const state = shallowRef<SyncState | null>(null)
  let session: SyncSession | null = null

  async function load(): Promise<void> {
    config.value = { ...(await archive().settings.get('syncConfig')) }
  }

  async function test(): Promise<ConnectionResult> {
    testing.value = true
    try {
      tested.value = await testConnection(config.value, password.value)
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
    session?.stop()
    session = new SyncSession(archive().db, databaseUrl(config.value), (s) => (state.value = s))
    return result
  }

  /** At start: syncs again if it was on when the app last ran. */
  async function resume(): Promise<void> {
    if (!(await archive().settings.get('syncOn'))) return
    await load()
    const result = await connect()
    if (!result.ok)
      state.value = {
        phase: 'error',
        reason: i18n.global.t(`sync.test.${result.problem}`, { detail: result.detail })
      }
  }

  async function disconnect(): Promise<void> {
    session?.stop()
    session = null
    state.value = null
    await archive().settings.set('syncOn', false)
  }

  return { config, password, testing, tested, state, load, test, connect, resume, disconnect }
})
