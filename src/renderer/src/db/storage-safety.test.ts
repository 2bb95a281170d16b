// Crash safety and full disks against fake-indexeddb: a quota error thrown in the middle of a
// transaction (import, merge, dossier save, codebook edit) leaves nothing partial; the import
// journal is exact at every point a batch can be cut; an integrity scan then finds nothing.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DBCore, Middleware } from 'dexie'
import type { ImportedArticle } from '@core/import/types'
import { importBatch, summarize } from '@core/archive/import-batch'
import { isQuotaExceeded } from '@core/archive/quota'
import { planMerge } from '@core/dossier/bundle-merge'
import { exportBundle, readBundle } from '@core/dossier/bundle'
import { sampleSnapshot } from '../../../../test/dossier/test-fixture'
import { LiasseDatabase } from './database'
import { ArticleRepository } from './article-repository'
import { DossierRepository } from './dossier-repository'
import { ImportJournal } from './import-journal'
import { IntegrityRepository } from './integrity-repository'
import { TagRepository } from './tag-repository'

function imported(n: number): ImportedArticle {
  const text = `Texte numéro ${n}. Une phrase de plus pour le corps.`
  return {
    text,
    paragraphs: [{ start: 0, end: text.length }],
    meta: { title: `Article ${n}`, outlet: '', author: '', published: null, language: 'fr' },
    sourceName: `f${n}.txt`,
    sourceFormat: 'txt',
    sha256: `sha-${n}`
  }
}

/**
 * Makes writes to `table` throw the browser's QuotaExceededError once `armed()` says so, after
 * the transaction's earlier writes went through: the disk fills up in the middle of it.
 */
function quotaMiddleware(table: string, armed: () => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: `test-quota-${table}`,
    create: (down) => ({
      ...down,
      table: (name) => {
        const inner = down.table(name)
        return {
          ...inner,
          mutate: (req) => {
            if (name === table && req.type !== 'delete' && armed())
              return Promise.reject(
                new DOMException('The quota has been exceeded.', 'QuotaExceededError')
              )
            return inner.mutate(req)
          }
        }
      }
    })
  }
}

let name: string
let db: LiasseDatabase
let full = false

beforeEach(() => {
  name = `safety-${Math.random()}`
  full = false
  db = new LiasseDatabase(name)
})
afterEach(async () => {
  db.close()
  await new LiasseDatabase(name).delete()
})

async function expectClean(database: LiasseDatabase): Promise<void> {
  expect(await new IntegrityRepository(database).scan()).toEqual([])
}

describe('a full disk in the middle of a write', () => {
  it('an import stores nothing of the file (no article, no text, no journal mark) and the batch stops', async () => {
    db.use(quotaMiddleware('articleTexts', () => full))
    const repo = new ArticleRepository(db)
    const journal = new ImportJournal(db)
    const names = Array.from({ length: 6 }, (_, i) => `f${i}.txt`)
    await journal.start(names)
    const report = await importBatch(
      names.map((n) => ({ name: n, bytes: new Uint8Array() })),
      {
        parse: async (s) => imported(Number(s.name.slice(1, -4))),
        store: async (article, index) => {
          // The disk fills up while the third file is written: its article row went in first.
          if (index === 2) full = true
          return repo.add(article, index)
        }
      }
    )
    expect(summarize(report)).toEqual({ imported: 2, duplicates: 0, failed: 1, newer: 0 })
    expect(report.outcomes[2]).toMatchObject({ status: 'failed', name: 'f2.txt', code: 'quota' })
    expect(report.stopped).toBe('quota')
    expect(report.notImported).toEqual(['f3.txt', 'f4.txt', 'f5.txt'])
    expect((await db.articles.toArray()).map((a) => a.title)).toEqual(
      expect.arrayContaining(['Article 0', 'Article 1'])
    )
    expect(await db.articles.count()).toBe(2)
    expect(await db.articleTexts.count()).toBe(2)
    expect((await journal.read())?.done.map((d) => d.index)).toEqual([0, 1])
    await expectClean(db)
  })

  it('the error is recognizable as a full disk whatever Dexie wraps it in', async () => {
    db.use(quotaMiddleware('articleTexts', () => true))
    const error = await new ArticleRepository(db).add(imported(1)).catch((e: unknown) => e)
    expect(isQuotaExceeded(error)).toBe(true)
  })

  it('a merge writes nothing when the disk fills up after its articles and texts', async () => {
    db.use(quotaMiddleware('passages', () => full))
    const repo = new DossierRepository(db)
    const source = await sampleSnapshot()
    const bytes = exportBundle(
      { dossier: null, snapshot: source },
      { now: '2026-01-01T00:00:00.000Z', appVersion: 'test' }
    )
    const plan = planMerge(await repo.records(), readBundle(bytes))
    expect(plan.put.articles.length).toBeGreaterThan(0)
    expect(plan.put.passages.length).toBeGreaterThan(0)
    full = true
    const error = await repo.applyMerge(plan).catch((e: unknown) => e)
    expect(isQuotaExceeded(error)).toBe(true)
    for (const table of [db.articles, db.articleTexts, db.passages, db.tags, db.events, db.links])
      expect(await table.count()).toBe(0)
    full = false
    await repo.applyMerge(plan)
    expect(await db.passages.count()).toBe(plan.put.passages.length)
    await expectClean(db)
  })

  it('a dossier save and a codebook edit leave the records as they were', async () => {
    db.use(quotaMiddleware('dossiers', () => full))
    db.use(quotaMiddleware('passages', () => full))
    const dossiers = new DossierRepository(db)
    const tags = new TagRepository(db)
    const dossier = await dossiers.create('Avant', 'Ana')
    const parent = await tags.create({ name: 'Acteurs', author: '' })
    const child = await tags.create({ name: 'Ministres', author: '', parentId: parent.id })
    await db.passages.add({
      id: 'p1',
      createdAt: '',
      updatedAt: '',
      author: '',
      articleId: 'a1',
      tagIds: [child.id],
      note: '',
      anchor: { status: 'anchored', start: 0, end: 1, score: 1, textSha256: '' },
      selectors: []
    } as never)
    full = true
    expect(
      isQuotaExceeded(await dossiers.update(dossier.id, { title: 'Après' }).catch((e) => e))
    ).toBe(true)
    expect((await dossiers.get(dossier.id))?.title).toBe('Avant')
    // Merging the child into its parent rewrites passages: the disk is full there.
    expect(isQuotaExceeded(await tags.merge(child.id, parent.id).catch((e) => e))).toBe(true)
    expect((await db.tags.get(child.id))?.name).toBe('Ministres')
    expect((await db.passages.get('p1'))?.tagIds).toEqual([child.id])
  })
})

describe('the import journal at each point an import can be cut', () => {
  const N = 8

  it.each(Array.from({ length: N + 1 }, (_, k) => k))(
    'closed after %i stored files: the journal names exactly those, on reopening',
    async (k) => {
      const repo = new ArticleRepository(db)
      const names = Array.from({ length: N }, (_, i) => `f${i}.txt`)
      await new ImportJournal(db).start(names)
      for (let i = 0; i < k; i++) await repo.add(imported(i), i)
      // The window closes: the database is dropped without the batch's end, then opened again.
      db.close()
      db = new LiasseDatabase(name)
      const state = await new ImportJournal(db).read()
      expect(state?.header.names).toEqual(names)
      expect(state?.header.total).toBe(N)
      const stored = await db.articles.toArray()
      expect(state?.done.map((d) => d.articleId).sort()).toEqual(stored.map((a) => a.id).sort())
      expect(state?.done.map((d) => d.index)).toEqual(Array.from({ length: k }, (_, i) => i))
      await expectClean(db)
      await new ImportJournal(db).clear()
      expect(await new ImportJournal(db).read()).toBeUndefined()
      expect(await db.settings.count()).toBe(0)
    }
  )

  it('killed in the middle of a file’s transaction: neither the article, its text nor its mark', async () => {
    let kill = false
    // A transaction that never commits (the page died) is discarded by IndexedDB as a whole,
    // exactly like an aborted one: abort it after its article row is written.
    db.use({
      stack: 'dbcore',
      name: 'test-kill',
      create: (down) => ({
        ...down,
        table: (t) => {
          const inner = down.table(t)
          return {
            ...inner,
            mutate: async (req) => {
              const res = await inner.mutate(req)
              if (kill && t === 'articleTexts') {
                ;(req.trans as unknown as IDBTransaction).abort()
                throw new DOMException('killed', 'AbortError')
              }
              return res
            }
          }
        }
      })
    })
    const repo = new ArticleRepository(db)
    await new ImportJournal(db).start(['a.txt', 'b.txt'])
    await repo.add(imported(0), 0)
    kill = true
    await expect(repo.add(imported(1), 1)).rejects.toBeTruthy()
    db.close()
    db = new LiasseDatabase(name)
    expect(await db.articles.count()).toBe(1)
    expect(await db.articleTexts.count()).toBe(1)
    expect((await new ImportJournal(db).read())?.done.map((d) => d.index)).toEqual([0])
    await expectClean(db)
  })

  it('a duplicate or a failed file leaves no mark; a new batch drops the old journal', async () => {
    const repo = new ArticleRepository(db)
    const journal = new ImportJournal(db)
    await journal.start(['a.txt', 'a-again.txt'])
    await repo.add(imported(0), 0)
    await expect(repo.add(imported(0), 1)).rejects.toMatchObject({ code: 'duplicate' })
    expect((await journal.read())?.done.map((d) => d.index)).toEqual([0])
    await journal.start(['c.txt'])
    expect(await journal.read()).toMatchObject({ header: { names: ['c.txt'], total: 1 }, done: [] })
  })

  it('costs little: 300 files with and without the journal mark (figures printed)', async () => {
    const repo = new ArticleRepository(db)
    const time = async (offset: number, journal: boolean): Promise<number> => {
      const start = performance.now()
      for (let i = 0; i < 300; i++) await repo.add(imported(offset + i), journal ? i : undefined)
      return performance.now() - start
    }
    await time(10_000, false) // warm-up
    const without = await time(0, false)
    const withJournal = await time(1000, true)
    console.info(
      `import journal: 300 adds ${without.toFixed(0)} ms without, ${withJournal.toFixed(0)} ms with (×${(withJournal / without).toFixed(2)})`
    )
    expect(await db.articles.count()).toBe(900)
  })
})
