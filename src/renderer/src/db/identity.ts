// Who "I" am on the records this window writes: the team server's user name when team sync is
// configured, else the author name from Settings, else no one (see core/archive/attribution).
// Repositories read it synchronously inside their transactions, so it is kept here: read from the
// settings at start, and again whenever the change log says the author name or the sync settings
// were written (from any window, whichever store saved them).
import { whoAmI } from '@core/archive/attribution'
import { onArchiveChange, type TableChange } from './change-feed'
import type { SettingsRepository } from './settings-repository'

/** The settings the name is made of. */
const SOURCES: ReadonlySet<string> = new Set(['authorName', 'syncConfig'])

export class Identity {
  private name = ''

  constructor(private readonly settings: SettingsRepository) {}

  /** Follows the settings' changes; returns the unsubscribe function. */
  follow(): () => void {
    return onArchiveChange((changes: TableChange[]) => {
      const touched = changes.some(
        (change) => change.table === 'settings' && change.keys.some((key) => SOURCES.has(key))
      )
      // A database closed meanwhile (another archive opened) has nothing left to name.
      if (touched) this.refresh().catch(() => undefined)
    })
  }

  /** The name stamped now ('' when none is known). */
  readonly who = (): string => this.name

  /** Reads the settings again; returns the name now in use. */
  async refresh(): Promise<string> {
    const [authorName, syncConfig] = await Promise.all([
      this.settings.get('authorName'),
      this.settings.get('syncConfig')
    ])
    this.name = whoAmI(authorName, syncConfig.user)
    return this.name
  }
}
