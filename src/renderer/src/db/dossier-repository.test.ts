// Dossiers and merges against fake-indexeddb: a dossier saved and edited, the archive read as one
// snapshot, a bundle merged in one transaction and undone, and a failing merge leaving no trace.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EMPTY_SCOPE } from '@core/dossier/build'
import { planMerge } from '@core/dossier/bundle-merge'
import { exportBundle, readBundle } from '@core/dossier/bundle'
import { sampleDossier, sampleSnapshot } from '../../../../test/dossier/test-fixture'
import { LiasseDatabase } from './database'
import { DossierError, DossierRepository } from './dossier-repository'

let db: LiasseDatabase
let repo: DossierRepository

beforeEach(() => {
  db = new LiasseDatabase(`dossiers-${Math.random()}`)
  repo = new DossierRepository(db)
})
afterEach(async () => {
  await db.delete()
})

describe('DossierRepository', () => {
  it('creates, edits (sections kept whole) and deletes a dossier', async () => {
    const created = await repo.create('  Mon dossier ', 'Ana')
    expect(created.title).toBe('Mon dossier')
    expect(created.authors).toEqual(['Ana'])
    const { previous, next } = await repo.update(created.id, {
      subtitle: 'Sous-titre',
      sections: ['matrix', 'passages']
    })
    expect(previous.subtitle).toBe('')
    expect(next.sections).toEqual(['matrix', 'passages', 'introduction', 'timeline', 'appendix'])
    expect((await repo.get(created.id))?.subtitle).toBe('Sous-titre')
    await expect(repo.update(created.id, { title: ' ' })).rejects.toBeInstanceOf(DossierError)
    const removed = await repo.remove(created.id)
    expect(await repo.list()).toEqual([])
    await repo.restore([removed!])
    expect((await repo.list()).map((d) => d.subtitle)).toEqual(['Sous-titre'])
  })

  it('merges a bundle into an empty archive in one write, and undoes it completely', async () => {
    const source = await sampleSnapshot()
    const bytes = exportBundle(
      { dossier: sampleDossier(), snapshot: source },
      { now: '2026-01-01T00:00:00.000Z', appVersion: 'test' }
    )
    const plan = planMerge(await repo.records(), readBundle(bytes))
    const undo = await repo.applyMerge(plan)
    const after = await repo.records()
    expect(after.articles).toHaveLength(source.articles.length)
    expect(after.passages.map((p) => p.id).sort()).toEqual(source.passages.map((p) => p.id).sort())
    expect(after.links).toHaveLength(source.links.length)
    expect(after.dossiers.map((d) => d.id)).toEqual(['d-1'])
    for (const article of source.articles) {
      expect(after.texts.get(article.id)).toBe(source.texts.get(article.id))
      expect((await db.articleTexts.get(article.id))?.paragraphs.length).toBeGreaterThan(0)
    }
    await repo.revertMerge(undo)
    const reverted = await repo.records()
    expect(reverted.articles).toEqual([])
    expect(reverted.passages).toEqual([])
    expect(reverted.dossiers).toEqual([])
    expect(await db.articleTexts.count()).toBe(0)
  })

  it('reads for a dossier only the texts of the articles its scope draws passages from', async () => {
    const source = await sampleSnapshot()
    const bytes = exportBundle(
      { dossier: null, snapshot: source },
      { now: '2026-01-01T00:00:00.000Z', appVersion: 'test' }
    )
    await repo.applyMerge(planMerge(await repo.records(), readBundle(bytes)))
    const cited = source.passages.find((p) => p.id === 'p-son')!.articleId
    const narrow = await repo.snapshotFor({ ...EMPTY_SCOPE, passageIds: ['p-son'] })
    expect([...narrow.texts.keys()]).toEqual([cited])
    expect(narrow.texts.get(cited)).toBe(source.texts.get(cited))
    // What the export draws on, read by id and index: the passage, its article, links and events.
    expect(narrow.articles.map((a) => a.id)).toEqual([cited])
    expect(narrow.passages.map((p) => p.id)).toEqual(['p-son'])
    expect(narrow.links.map((l) => l.passageId)).toEqual(['p-son'])
    expect(narrow.events.map((e) => e.id)).toEqual(['e-campaign'])
    const whole = await repo.snapshotFor({ ...EMPTY_SCOPE })
    const withPassages = new Set(source.passages.map((p) => p.articleId))
    expect([...whole.texts.keys()].sort()).toEqual([...withPassages].sort())
  })

  it('writes nothing when a merge fails half-way', async () => {
    const source = await sampleSnapshot()
    const bytes = exportBundle(
      { dossier: null, snapshot: source },
      { now: '2026-01-01T00:00:00.000Z', appVersion: 'test' }
    )
    const plan = planMerge(await repo.records(), readBundle(bytes))
    // Two articles with one text break the unique index on the last table written before it.
    const clash = { ...plan.put.articles[1]!, id: 'clash', sha256: plan.put.articles[0]!.sha256 }
    plan.put.articles.push(clash)
    await expect(repo.applyMerge(plan)).rejects.toThrow()
    expect(await db.articles.count()).toBe(0)
    expect(await db.articleTexts.count()).toBe(0)
    expect(await db.passages.count()).toBe(0)
  })
})
