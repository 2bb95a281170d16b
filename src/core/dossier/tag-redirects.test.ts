// A passage that still carries a merged tag (arrived from a teammate, not folded yet) is exported
// under the tag it leads to: dossiers, REFI-QDA codebooks and bundles hold no redirect tag.
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { buildDossier, EMPTY_SCOPE, selectPassages } from './build'
import { bundleRecordsForArchive, bundleRecordsForDossier } from './bundle'
import { renderQdpx } from './render-qdpx'
import { snapshotForScope, snapshotSource } from './scope-reads'
import type { ArchiveSnapshot } from './types'
import { englishLabels, sampleDossier, sampleSnapshot } from '../../../test/dossier/test-fixture'

const NOW = '2026-02-01T12:00:00.000Z'

/** The sample archive where "Demandes" absorbed "Anciennes demandes", and p-clinton still carries
 * the old tag as the teammate's replica sent it. */
async function withRedirect(): Promise<ArchiveSnapshot> {
  const snapshot = await sampleSnapshot()
  const requests = snapshot.tags.find((t) => t.id === 't-requests')!
  return {
    ...snapshot,
    tags: [
      ...snapshot.tags,
      { ...requests, id: 't-old', name: 'Anciennes demandes', mergedInto: 't-requests' }
    ],
    passages: snapshot.passages.map((p) =>
      p.id === 'p-clinton' ? { ...p, tagIds: ['t-actors', 't-old', 't-requests'] } : p
    )
  }
}

describe('merged tags in exports', () => {
  it('selects and quotes the passage under the tag the redirect leads to', async () => {
    const snapshot = await withRedirect()
    const dossier = sampleDossier({ scope: { ...EMPTY_SCOPE, tagIds: ['t-requests'] } })
    expect(selectPassages(dossier.scope, snapshot).map((p) => p.id)).toContain('p-clinton')
    const doc = buildDossier(dossier, snapshot, { labels: englishLabels(), now: NOW })
    const clinton = doc.quotes.find((q) => q.passage.id === 'p-clinton')!
    expect(clinton.tags.map((t) => t.path)).toEqual(['Acteurs', 'Demandes'])
    expect(doc.tags.map((t) => t.id)).not.toContain('t-old')
    const xml = strFromU8(
      unzipSync(renderQdpx(doc, snapshot.texts, { now: NOW, userName: 'C' }))['project.qde']!
    )
    expect(xml).toContain('name="Demandes"')
    expect(xml).not.toContain('Anciennes demandes')
  })

  it('reads, for a scope, the tag a passage’s redirect leads to', async () => {
    const snapshot = await withRedirect()
    const clinton = snapshot.passages.find((p) => p.id === 'p-clinton')!
    const source = snapshotSource({
      ...snapshot,
      passages: [
        ...snapshot.passages.filter((p) => p !== clinton),
        { ...clinton, tagIds: ['t-old'] }
      ]
    })
    const scope = { ...EMPTY_SCOPE, passageIds: ['p-clinton'] }
    const read = await snapshotForScope(source, scope)
    const doc = buildDossier(sampleDossier({ scope }), read, {
      labels: englishLabels(),
      now: NOW
    })
    expect(doc.quotes.map((q) => q.tags.map((t) => t.path))).toEqual([['Demandes']])
  })

  it('leaves redirect tags out of bundles, their passages carrying the live tag', async () => {
    const snapshot = await withRedirect()
    for (const records of [
      bundleRecordsForArchive(snapshot),
      bundleRecordsForDossier(sampleDossier(), snapshot)
    ]) {
      expect(records.tags.map((t) => t.id)).not.toContain('t-old')
      expect(records.passages.find((p) => p.id === 'p-clinton')?.tagIds).toEqual([
        't-actors',
        't-requests'
      ])
    }
  })
})
