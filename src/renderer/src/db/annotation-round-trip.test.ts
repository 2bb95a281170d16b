// Web Annotations out and back in against fake-indexeddb: the dossier's JSON-LD (emoji and combining
// marks in and before its passages) imported into an archive holding only the articles and events,
// through the app's own read, plan and merge, then exported again: the same file.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDossier } from '@core/dossier/build'
import { planMerge } from '@core/dossier/bundle-merge'
import { exportBundle, readBundle } from '@core/dossier/bundle'
import { renderDossierFormat } from '@core/dossier/export'
import { readIncomingFile } from '@core/dossier/read-incoming'
import { astralSnapshot, englishLabels, sampleDossier } from '../../../../test/dossier/test-fixture'
import type { ArchiveSnapshot } from '@core/dossier/types'
import { LiasseDatabase } from './database'
import { DossierRepository } from './dossier-repository'

const NOW = '2026-01-01T00:00:00.000Z'

let db: LiasseDatabase
let repo: DossierRepository

beforeEach(() => {
  db = new LiasseDatabase(`annotations-${Math.random()}`)
  repo = new DossierRepository(db)
})
afterEach(async () => {
  await db.delete()
})

async function exportJsonLd(snapshot: ArchiveSnapshot): Promise<string> {
  const labels = englishLabels()
  const doc = buildDossier(sampleDossier(), snapshot, { labels, now: NOW })
  const bytes = await renderDossierFormat('jsonld', doc, labels, {
    snapshot,
    now: NOW,
    appVersion: 'test',
    userName: 'Camille'
  })
  return new TextDecoder().decode(bytes)
}

describe('Web Annotations round trip through the archive', () => {
  it('export, import into an archive without passages, export again: the same annotations', async () => {
    const source = await astralSnapshot()
    const first = await exportJsonLd(source)
    // Positions are there (all but the orphan's), and in code points: not the UTF-16 offsets.
    const positions = [...first.matchAll(/"start": (\d+)/g)].map((m) => Number(m[1]))
    expect(positions).toHaveLength(source.passages.length - 1)
    const utf16Starts = new Set(source.passages.map((p) => p.anchor.start))
    expect(positions.some((start) => utf16Starts.has(start))).toBe(false)

    // The receiver holds the articles (same texts) and the events, nothing annotated.
    const bare = exportBundle(
      {
        dossier: null,
        snapshot: { ...source, passages: [], tags: [], links: [] }
      },
      { now: NOW, appVersion: 'test' }
    )
    await repo.applyMerge(planMerge(await repo.records(), readBundle(bare)))
    expect(await db.passages.count()).toBe(0)

    let n = 0
    const read = await readIncomingFile(
      { fileName: 'dossier.jsonld', bytes: new TextEncoder().encode(first) },
      await repo.records(),
      {
        now: NOW,
        author: 'Receiver',
        newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`
      }
    )
    expect(read.unknownSources).toBe(0)
    expect(read.orphaned).toBe(1) // the fixture's orphan stays one
    const plan = planMerge(await repo.records(), read.incoming)
    await repo.applyMerge(plan)
    expect(await db.passages.count()).toBe(source.passages.length)
    expect(await db.links.count()).toBe(source.links.length)

    const again = await exportJsonLd(await repo.snapshot())
    expect(JSON.parse(again)).toEqual(JSON.parse(first))
    expect(again).toBe(first)
  })
})
