// A dossier built from what snapshotForScope reads is the dossier built from the whole archive:
// every criterion, alone and together, gives the same document and the same bundle.
import { describe, expect, it } from 'vitest'
import { buildDossier, EMPTY_SCOPE } from './build'
import { exportBundle } from './bundle'
import { snapshotForScope, snapshotSource } from './scope-reads'
import type { ArchiveSnapshot, DossierScope } from './types'
import { englishLabels, sampleDossier, sampleSnapshot } from '../../../test/dossier/test-fixture'

const NOW = '2026-01-01T00:00:00.000Z'

function inIdOrder(snapshot: ArchiveSnapshot): ArchiveSnapshot {
  const sorted = <T extends { id: string }>(list: readonly T[]): T[] =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : 1))
  return {
    articles: sorted(snapshot.articles),
    texts: snapshot.texts,
    passages: sorted(snapshot.passages),
    tags: sorted(snapshot.tags),
    events: sorted(snapshot.events),
    links: sorted(snapshot.links)
  }
}

describe('snapshotForScope', () => {
  it('gives the document and bundle of the whole archive, for every kind of scope', async () => {
    const whole = inIdOrder(await sampleSnapshot())
    const outlet = whole.articles.find((a) => a.outlet.trim() !== '')!.outlet
    const search = { name: 'WikiLeaks', text: 'wikileaks', filter: {} }
    const scopes: Partial<DossierScope>[] = [
      {},
      { tagIds: ['t-actors'] },
      { tagIds: ['t-wikileaks'] },
      { eventIds: ['e-atlantic'] },
      { eventIds: ['e-undated', 'e-ghost'] },
      { tagIds: ['t-actors'], eventIds: ['e-atlantic'] },
      { passageIds: ['p-son', 'p-oct3'], tagIds: ['t-requests'] },
      { articleIds: ['article-1'] },
      { articleIds: ['article-1'], tagIds: ['t-requests'] },
      { search: { ...search, passageIds: ['p-son', 'p-clinton'] } },
      { search: { ...search, passageIds: ['p-son', 'p-clinton'] }, articleIds: ['article-1'] },
      { outlets: [` ${outlet.toUpperCase()} `] },
      { from: '2016-10-01', to: '2017-06-30' },
      { from: '2017-01-01' },
      { to: '2016-12-31', outlets: [outlet] },
      { tagIds: ['t-ghost'] }
    ]
    for (const partial of scopes) {
      const dossier = sampleDossier({ scope: { ...EMPTY_SCOPE, ...partial } })
      const part = await snapshotForScope(snapshotSource(whole), dossier.scope)
      const build = (snapshot: ArchiveSnapshot) =>
        buildDossier(dossier, snapshot, { labels: englishLabels(), now: NOW })
      const expected = build(whole)
      const label = JSON.stringify(partial)
      expect(build(part), label).toStrictEqual(expected)
      const bundle = (snapshot: ArchiveSnapshot) =>
        exportBundle({ dossier: build(snapshot), snapshot }, { now: NOW, appVersion: 'test' })
      expect(bundle(part), label).toStrictEqual(bundle(whole))
      // Only the texts of the cited articles.
      expect([...part.texts.keys()].sort(), label).toEqual(
        [...new Set(expected.quotes.map((q) => q.article.id))].sort()
      )
    }
  })
})
