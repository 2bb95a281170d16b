// A hostile bundle or project against a real archive (fake-indexeddb): read, planned and merged as
// the Dossiers import does; whenever it is refused, the archive is exactly what it was before.
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { planMerge } from '@core/dossier/bundle-merge'
import { exportBundle, type ArchiveRecords } from '@core/dossier/bundle'
import { readIncomingFile } from '@core/dossier/read-incoming'
import { renderQdpx } from '@core/dossier/render-qdpx'
import {
  sampleDocument,
  sampleDossier,
  sampleSnapshot
} from '../../../../test/dossier/test-fixture'
import { FUZZ_RUNS, FUZZ_TIMEOUT, hostileBytes } from '../../../../test/zip/hostile-arbitraries'
import { LiasseDatabase } from './database'
import { DossierRepository } from './dossier-repository'

let db: LiasseDatabase
let repo: DossierRepository
let bundle: Uint8Array
let qdpx: Uint8Array

const context = {
  now: '2026-03-01T09:00:00.000Z',
  author: 'Receiver',
  newId: () => crypto.randomUUID()
}

/** Everything the archive holds, in a comparable form. */
function fingerprint(records: ArchiveRecords): string {
  const sorted = <T extends { id: string }>(list: T[]): T[] =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : 1))
  return JSON.stringify({
    articles: sorted(records.articles),
    passages: sorted(records.passages),
    tags: sorted(records.tags),
    events: sorted(records.events),
    links: sorted(records.links),
    dossiers: sorted(records.dossiers),
    texts: [...records.texts.entries()].sort()
  })
}

beforeAll(async () => {
  db = new LiasseDatabase(`hostile-${Math.random()}`)
  repo = new DossierRepository(db)
  const snapshot = await sampleSnapshot()
  const full = exportBundle(
    { dossier: sampleDossier(), snapshot },
    { now: context.now, appVersion: 'test' }
  )
  // The receiver holds the sample archive; the hostile files are variants of small valid ones.
  await repo.applyMerge(
    planMerge(
      await repo.records(),
      (await readIncomingFile({ fileName: 'a.liasse', bytes: full }, await repo.records(), context))
        .incoming
    )
  )
  bundle = exportBundle(
    { dossier: null, snapshot, articleIds: [snapshot.articles[0]!.id] },
    { now: context.now, appVersion: 'test' }
  )
  qdpx = renderQdpx(await sampleDocument(), snapshot.texts, { now: context.now, userName: 'C' })
})

afterAll(async () => {
  await db.delete()
})

/** The Dossiers import, end to end; a refusal must leave the archive as it was. */
async function importLeavesArchiveWhole(fileName: string, bytes: Uint8Array): Promise<void> {
  const before = await repo.records()
  try {
    const { incoming } = await readIncomingFile({ fileName, bytes }, before, context)
    const undo = await repo.applyMerge(planMerge(before, incoming))
    // Accepted (a harmless variant): undone, so that every case starts from the same archive.
    await repo.revertMerge(undo)
  } catch {
    expect(fingerprint(await repo.records())).toBe(fingerprint(before))
  }
}

describe('hostile imports against an archive', () => {
  it(
    'a refused bundle leaves the archive unchanged',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileBytes(bundle, true), (bytes) =>
          importLeavesArchiveWhole('b.liasse', bytes)
        ),
        { numRuns: FUZZ_RUNS }
      )
    },
    FUZZ_TIMEOUT
  )

  it(
    'a refused REFI-QDA project leaves the archive unchanged',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileBytes(qdpx, true), (bytes) =>
          importLeavesArchiveWhole('p.qdpx', bytes)
        ),
        { numRuns: FUZZ_RUNS }
      )
    },
    FUZZ_TIMEOUT
  )
})
