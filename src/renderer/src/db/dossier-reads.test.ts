// What a merge preview and a dossier export read of the archive, counted record by record: what
// the incoming bundle can touch, what the dossier's scope selects, the same whether the archive
// holds a hundred articles or five hundred.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { EMPTY_SCOPE } from '@core/dossier/build'
import { planMerge } from '@core/dossier/bundle-merge'
import { exportBundle, readBundle, type ArchiveRecords } from '@core/dossier/bundle'
import { readIncomingFile } from '@core/dossier/read-incoming'
import { sha256Hex } from '@core/text/hash'
import { sampleDossier, sampleSnapshot } from '../../../../test/dossier/test-fixture'
import { countReads, type ReadCounter } from '../../../../test/db/read-counter'
import { LiasseDatabase } from './database'
import { DossierRepository } from './dossier-repository'

const OPTIONS = { now: '2026-03-01T09:30:00.000Z', appVersion: 'test' }
const opened: LiasseDatabase[] = []

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete()
})

/** The sample archive and `fillers` more articles, each with its text, a passage and a link. */
async function archiveOf(
  fillers: number
): Promise<{ db: LiasseDatabase; repo: DossierRepository; reads: ReadCounter }> {
  const db = new LiasseDatabase(`dossier-reads-${fillers}-${Math.random()}`)
  opened.push(db)
  const reads = countReads(db)
  const sample = await sampleSnapshot()
  const [article] = sample.articles
  const [passage] = sample.passages
  const [link] = sample.links
  const ids = Array.from({ length: fillers }, (_, i) => String(i).padStart(4, '0'))
  const articles = [
    ...sample.articles,
    ...ids.map((i) => ({ ...article!, id: `filler-${i}`, sha256: `f${i}`, title: `Filler ${i}` }))
  ]
  const texts = [
    ...sample.articles.map((a) => ({
      articleId: a.id,
      text: sample.texts.get(a.id)!,
      paragraphs: []
    })),
    ...ids.map((i) => ({ articleId: `filler-${i}`, text: `Filler text ${i}.`, paragraphs: [] }))
  ]
  const passages = [
    ...sample.passages,
    ...ids.map((i) => ({
      ...passage!,
      id: `fp-${i}`,
      articleId: `filler-${i}`,
      tagIds: ['t-actors']
    }))
  ]
  const links = [
    ...sample.links,
    ...ids.map((i) => ({ ...link!, id: `fl-${i}`, passageId: `fp-${i}`, eventId: 'e-oct3' }))
  ]
  await db.transaction(
    'rw',
    [db.articles, db.articleTexts, db.passages, db.tags, db.events, db.links, db.dossiers],
    async () => {
      await db.articles.bulkPut(articles)
      await db.articleTexts.bulkPut(texts)
      await db.passages.bulkPut(passages)
      await db.tags.bulkPut(sample.tags)
      await db.events.bulkPut(sample.events)
      await db.links.bulkPut(links)
      await db.dossiers.put(sampleDossier())
    }
  )
  reads.reset()
  return { db, repo: new DossierRepository(db), reads }
}

/** A colleague's bundle of three of the sample's articles, one of them with a corrected text. */
async function threeArticleBundle(): Promise<ArchiveRecords> {
  const sample = await sampleSnapshot()
  const ids = sample.articles.slice(0, 3).map((a) => a.id)
  return readBundle(exportBundle({ dossier: null, snapshot: sample, articleIds: ids }, OPTIONS))
}

describe('merge preview reads', () => {
  it('reads what a 3-article bundle can touch, whatever the size of the archive', async () => {
    const incoming = await threeArticleBundle()
    const counts: Record<string, number>[] = []
    for (const fillers of [100, 500]) {
      const { repo, reads } = await archiveOf(fillers)
      // As the incoming worker does: the file read (a bundle needs nothing of the receiver),
      // then what the merge compares.
      const file = exportBundle(
        {
          dossier: null,
          snapshot: await sampleSnapshot(),
          articleIds: incoming.articles.map((a) => a.id)
        },
        OPTIONS
      )
      const read = await readIncomingFile(
        { fileName: 'b.liasse', bytes: file },
        repo.receiverSource(),
        {
          now: OPTIONS.now,
          author: 'Ana',
          newId: () => crypto.randomUUID()
        }
      )
      const receiver = await repo.mergeReceiver(read.incoming)
      counts.push(Object.fromEntries(reads.byTable))
      const plan = planMerge(receiver, read.incoming)
      reads.reset()
      // The same plan as on the whole archive.
      expect(plan).toStrictEqual(planMerge(await repo.records(), read.incoming))
      expect(reads.total()).toBeGreaterThan(fillers * 4)
    }
    expect(counts[1]).toEqual(counts[0])
    // The three articles and their texts, their passages and links, the events, the codebook.
    expect(counts[0]!['articleTexts'] ?? 0).toBeLessThanOrEqual(3)
    expect(Object.values(counts[0]!).reduce((a, b) => a + b, 0)).toBeLessThan(40)
  })

  it('reads the passages of an article whose text the bundle corrects, to re-anchor them', async () => {
    const sample = await sampleSnapshot()
    const text = `${sample.texts.get('article-1')} Correction.`
    const sha256 = await sha256Hex(text)
    const corrected = {
      ...sample,
      texts: new Map(sample.texts).set('article-1', text),
      articles: sample.articles.map((a) =>
        a.id === 'article-1'
          ? { ...a, updatedAt: '2027-01-01T00:00:00.000Z', sha256, textLength: text.length }
          : a
      )
    }
    const incoming = readBundle(
      exportBundle({ dossier: null, snapshot: corrected, articleIds: ['article-1'] }, OPTIONS)
    )
    for (const fillers of [100, 300]) {
      const { repo, reads } = await archiveOf(fillers)
      const receiver = await repo.mergeReceiver(incoming)
      expect(receiver.passages.map((p) => p.articleId)).toContain('article-1')
      expect(reads.total()).toBeLessThan(30)
      expect(planMerge(receiver, incoming)).toStrictEqual(planMerge(await repo.records(), incoming))
    }
  })
})

describe('dossier export reads', () => {
  const scopes = {
    passages: { ...EMPTY_SCOPE, passageIds: ['p-son', 'p-clinton'] },
    events: { ...EMPTY_SCOPE, eventIds: ['e-atlantic', 'e-campaign'] },
    articles: { ...EMPTY_SCOPE, articleIds: ['article-2'] },
    tags: { ...EMPTY_SCOPE, tagIds: ['t-requests'] },
    search: {
      ...EMPTY_SCOPE,
      search: { name: 's', text: 's', filter: {}, passageIds: ['p-son', 'p-oct3'] }
    }
  }

  it('reads what a scoped dossier draws on, whatever the size of the archive', async () => {
    const counts: Record<string, Record<string, number>>[] = []
    for (const fillers of [100, 500]) {
      const { repo, reads } = await archiveOf(fillers)
      const byScope: Record<string, Record<string, number>> = {}
      for (const [name, scope] of Object.entries(scopes)) {
        reads.reset()
        const part = await repo.snapshotFor(scope)
        byScope[name] = Object.fromEntries(reads.byTable)
        expect(part.texts.size, name).toBeLessThanOrEqual(5)
        expect(reads.total(), name).toBeLessThan(40)
      }
      counts.push(byScope)
    }
    expect(counts[1]).toEqual(counts[0])
  })

  it('reads the whole archive for a dossier without criteria, in pages', async () => {
    const { repo, reads } = await archiveOf(1200)
    const whole = await repo.snapshotFor(EMPTY_SCOPE)
    expect(whole.passages).toHaveLength(1207)
    expect(reads.byTable.get('passages')).toBe(1207)
    expect(reads.byTable.get('articles')).toBe(1205)
  })
})
