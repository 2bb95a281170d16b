// The backup before an upgrade, against fake-indexeddb: an archive written with an older schema is
// backed up as it is (its version, its records) before the app opens it with the newer schema.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { readBackup, type BackupHeader } from '@core/backup/backup'
import { bytesOf } from '../../../../test/backup/backup-test-support'
import { sampleSnapshot } from '../../../../test/dossier/test-fixture'
import { backupStream } from '@renderer/services/backup'
import { LATEST_VERSION, LiasseDatabase, SCHEMA_VERSIONS } from './database'
import { backupBeforeUpgrade, storedSchemaVersion } from './upgrade-guard'

const name = `upgrade-guard-${Math.random().toString(36).slice(2)}`
afterEach(async () => {
  await Dexie.delete(name)
})

/** An archive as an earlier version of the app wrote it. */
async function writeOldArchive(version: number): Promise<number> {
  const old = new Dexie(name)
  for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= version)) {
    old.version(v.version).stores(v.stores)
  }
  const snapshot = await sampleSnapshot()
  await old.table('articles').bulkAdd(snapshot.articles)
  await old.table('tags').bulkAdd(snapshot.tags)
  await old.table('settings').add({ key: 'authorName', value: 'Camille' })
  old.close()
  return snapshot.articles.length + snapshot.tags.length + 1
}

describe('backupBeforeUpgrade', () => {
  it('backs up an archive of an older schema as it is, before the upgrade', async () => {
    const records = await writeOldArchive(LATEST_VERSION - 1)
    expect(await storedSchemaVersion(name)).toBe(LATEST_VERSION - 1)
    let header: BackupHeader | null = null
    let read = 0
    const result = await backupBeforeUpgrade({
      name,
      latest: LATEST_VERSION,
      backup: async (db) => {
        const bytes = await bytesOf(await backupStream(db, { appVersion: 'test' }))
        for await (const item of readBackup(new Blob([bytes as BlobPart]).stream())) {
          if (item.kind === 'header') header = item.header
          if (item.kind === 'record') read++
        }
        return true
      }
    })
    expect(result).toBe('backedUp')
    expect(header!.schemaVersion).toBe(LATEST_VERSION - 1)
    expect(read).toBe(records)
    // The guard upgraded nothing; the app's own open does.
    expect(await storedSchemaVersion(name)).toBe(LATEST_VERSION - 1)
    const db = new LiasseDatabase(name)
    expect(await db.articles.count()).toBe(5)
    db.close()
    expect(await storedSchemaVersion(name)).toBe(LATEST_VERSION)
  })

  it('does nothing for a new archive or one already at the latest schema', async () => {
    let called = 0
    const backup = (): Promise<boolean> => Promise.resolve(++called > 0)
    expect(await backupBeforeUpgrade({ name, latest: LATEST_VERSION, backup })).toBe('fresh')
    const db = new LiasseDatabase(name)
    await db.open()
    db.close()
    expect(await backupBeforeUpgrade({ name, latest: LATEST_VERSION, backup })).toBe('current')
    expect(called).toBe(0)
  })

  it('a failed backup stops the upgrade', async () => {
    await writeOldArchive(LATEST_VERSION - 1)
    await expect(
      backupBeforeUpgrade({ name, latest: LATEST_VERSION, backup: () => Promise.resolve(false) })
    ).rejects.toThrow('before the upgrade')
    expect(await storedSchemaVersion(name)).toBe(LATEST_VERSION - 1)
  })
})
