// Before the archive is opened with a newer schema than the one on disk (a new version of the app
// whose upgrade will rewrite it), the desktop app backs up the archive as it is: opened without
// any declared version, Dexie reads the stored schema and upgrades nothing.
import Dexie from 'dexie'

/** Dexie stores `verno × 10` as the IndexedDB version. */
const DEXIE_VERSION_FACTOR = 10

/** The schema version of database `name` on disk, or null when it does not exist. */
export async function storedSchemaVersion(
  name: string,
  factory: IDBFactory = globalThis.indexedDB
): Promise<number | null> {
  const found = (await factory.databases()).find((db) => db.name === name)
  return found?.version ? found.version / DEXIE_VERSION_FACTOR : null
}

export type UpgradeGuardResult = 'fresh' | 'current' | 'backedUp'

/**
 * Backs up the archive `name` with `backup` when the schema on disk is older than `latest`;
 * throws (and the caller must not open the archive) when that backup fails.
 */
export async function backupBeforeUpgrade(options: {
  name: string
  latest: number
  backup: (db: Dexie) => Promise<boolean>
  factory?: IDBFactory
}): Promise<UpgradeGuardResult> {
  const stored = await storedSchemaVersion(options.name, options.factory)
  if (stored === null) return 'fresh'
  if (stored >= options.latest) return 'current'
  const old = new Dexie(options.name, options.factory ? { indexedDB: options.factory } : {})
  try {
    await old.open()
    if (!(await options.backup(old))) throw new Error('The backup before the upgrade failed')
  } finally {
    old.close()
  }
  return 'backedUp'
}
