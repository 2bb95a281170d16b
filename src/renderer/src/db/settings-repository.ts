// Key/value settings (interface language, first-run flags), typed per key at this edge.
import type { FacetFilter } from '@core/search/engine'
import { DEFAULT_TRASH_RETENTION_DAYS } from '@core/archive/trash'
import { DEFAULT_SCAN_LIMITS, type ScanLimits } from '@core/scan/types'
import type { LiasseDatabase } from './database'

/** A search the user named, to run again (or to use as a dossier's scope). */
export interface SavedSearch {
  id: string
  name: string
  text: string
  filter: FacetFilter
}

export interface Settings {
  /** Days a deleted item stays in the trash before it is purged at start-up. */
  trashRetentionDays: number
  /** `fr`, `en`, or `system` to follow the system's language. */
  locale: 'fr' | 'en' | 'system'
  /** Set once the sample archive was offered, so that an emptied archive stays empty. */
  sampleLoaded: boolean
  /** Name recorded on what the user creates (used by annotation and merges). */
  authorName: string
  /** Suggested events the user rejected, by their date key, so that they stay hidden. */
  dismissedSuggestions: string[]
  /** Date disagreements between sources the user dismissed, by their key (see `findDateDisagreements`). */
  dismissedDisagreements: string[]
  /** Named searches, in the order they were saved. */
  savedSearches: SavedSearch[]
  /** Persistent storage was asked for once (the browser's answer is read live, not kept here). */
  storagePersistAsked: boolean
  /** How many automatic backups the desktop app keeps in its user data folder. */
  backupsKept: number
  /** The team server sync uses (Settings › Sync); the password is never kept here. */
  syncConfig: { server: string; database: string; user: string }
  /** Sync was on when the app last ran: it resumes at start (no request is made otherwise). */
  syncOn: boolean
  /**
   * The team database (its URL) this archive joined: connecting to another first asks whether to
   * add this archive to the team's or to start from the team's.
   */
  syncJoined: string
  /** Scans (Settings › Scans): recognition language, page limit, stored page size. */
  scanLimits: ScanLimits
}

const DEFAULTS: Settings = {
  trashRetentionDays: DEFAULT_TRASH_RETENTION_DAYS,
  locale: 'system',
  sampleLoaded: false,
  authorName: '',
  dismissedSuggestions: [],
  dismissedDisagreements: [],
  savedSearches: [],
  storagePersistAsked: false,
  backupsKept: 10,
  syncConfig: { server: '', database: '', user: '' },
  syncOn: false,
  syncJoined: '',
  scanLimits: DEFAULT_SCAN_LIMITS
}

export class SettingsRepository {
  constructor(private readonly db: LiasseDatabase) {}

  async get<K extends keyof Settings>(key: K): Promise<Settings[K]> {
    const record = await this.db.settings.get(key)
    return record === undefined ? DEFAULTS[key] : (record.value as Settings[K])
  }

  async set<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
    await this.db.settings.put({ key, value })
  }
}
