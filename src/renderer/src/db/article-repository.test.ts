// The archive's repositories against fake-indexeddb: atomic article + text, duplicates refused,
// edits stamped, delete and undo, settings defaults.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportedArticle } from '@core/import/types'
import { ImportError } from '@core/import/types'
import { syntheticArticles } from '../../../../bench/synthetic/archive'
import { LiasseDatabase } from './database'
import { ArticleRepository } from './article-repository'
import { SettingsRepository } from './settings-repository'
import { PassageRepository } from './passage-repository'

function imported(text: string, sha256: string, title = 'Titre'): ImportedArticle {
  return {
    text,
    paragraphs: [{ start: 0, end: text.length }],
    meta: { title, outlet: '', author: '', published: null, language: 'fr' },
    sourceName: `${title}.txt`,
    sourceFormat: 'txt',
    sha256
  }
}

let db: LiasseDatabase
let repo: ArticleRepository
let clock = 0

beforeEach(() => {
  db = new LiasseDatabase(`test-${Math.random()}`)
  clock = Date.UTC(2026, 10, 22, 10, 0, 0)
  repo = new ArticleRepository(db, () => new Date((clock += 1000)))
})
afterEach(async () => {
  await db.delete()
})

describe('ArticleRepository', () => {
  it('reads every article in chunks, and the newest by publication date first', async () => {
    const { articles } = syntheticArticles(0, 25)
    await db.articles.bulkPut(articles)
    const chunks: number[] = []
    const all: string[] = []
    for await (const chunk of repo.listInChunks(10)) {
      chunks.push(chunk.length)
      all.push(...chunk.map((a) => a.id))
    }
    expect(chunks).toEqual([10, 10, 5])
    expect(all.sort()).toEqual(articles.map((a) => a.id).sort())
    const newest = await repo.newestPublished(5)
    const dated = articles.filter((a) => a.published).map((a) => a.published!.value)
    expect(newest.map((a) => a.published!.value)).toEqual(dated.sort().reverse().slice(0, 5))
  })

  it('stores a group in one transaction, deciding each file as add and findPreviousVersion would', async () => {
    const there = await repo.add(imported('Déjà là', 'h0', 'Ancien'))
    const results = await repo.addMany([
      { imported: imported('Premier', 'h1', 'Un'), index: 0 },
      // The same text as the archive's, then as the group's first: duplicates.
      { imported: imported('Déjà là', 'h0', 'Autre'), index: 1 },
      { imported: imported('Premier', 'h1', 'Deux'), index: 2 },
      // The same source as the archive's article, another text: a newer version, not stored.
      { imported: imported('Nouveau', 'h3', 'Ancien'), index: 3 },
      // The same source as the group's first, another text: a newer version of it.
      { imported: imported('Encore', 'h4', 'Un'), index: 4 },
      { imported: { ...imported('Collé', 'h5', 'Un'), sourceFormat: 'paste' }, index: 5 }
    ])
    expect(results.map((r) => r.status)).toEqual([
      'stored',
      'duplicate',
      'duplicate',
      'newerVersion',
      'newerVersion',
      'stored'
    ])
    const first = results[0] as { article: { id: string; title: string } }
    expect(results[1]).toEqual({ status: 'duplicate', existingTitle: 'Ancien' })
    expect(results[2]).toEqual({ status: 'duplicate', existingTitle: 'Un' })
    expect(results[3]).toMatchObject({ previous: { id: there.id } })
    expect(results[4]).toMatchObject({ previous: { id: first.article.id } })
    expect(await db.articles.count()).toBe(3)
    expect((await repo.text(first.article.id))?.text).toBe('Premier')
    const marks = await db.settings.where('key').startsWith('importJournal:done:').toArray()
    expect(marks.map((m) => (m.value as { index: number }).index)).toEqual([0, 5])
  })

  it('a group refused by the database stores none of its files', async () => {
    await repo.add(imported('Un', 'h1'))
    // Ids that repeat: the group's article takes an id already used, the database refuses the
    // whole transaction.
    const spoiled = new ArticleRepository(
      db,
      () => new Date(clock),
      () => 'fixed-id'
    )
    await spoiled.add(imported('Deux', 'h2', 'Deux'))
    await expect(
      spoiled.addMany([{ imported: imported('Trois', 'h3', 'Trois'), index: 0 }])
    ).rejects.toThrow()
    expect(await db.articles.count()).toBe(2)
    expect(await db.settings.count()).toBe(0)
  })

  it('stores an article with its text, a UUID and timestamps', async () => {
    const article = await repo.add(imported('Été à Noël', 'aa'))
    expect(article.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(article.createdAt).toBe(article.updatedAt)
    expect(article.textLength).toBe(10)
    expect((await repo.text(article.id))?.text).toBe('Été à Noël')
    expect(await repo.count()).toBe(1)
  })

  it('refuses the same text twice, naming the article that already holds it', async () => {
    await repo.add(imported('Un texte', 'same', 'Premier'))
    const error = await repo.add(imported('Un texte', 'same', 'Second')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).code).toBe('duplicate')
    expect((error as ImportError).detail).toBe('Premier')
    expect(await repo.count()).toBe(1)
    expect(await db.articleTexts.count()).toBe(1)
  })

  it('never leaves an article without its text when the text write fails', async () => {
    // A text row already present under the new id makes the second write fail inside the transaction.
    const fixedId = '00000000-0000-4000-8000-000000000001'
    const failing = new ArticleRepository(
      db,
      () => new Date(),
      () => fixedId
    )
    await db.articleTexts.add({ articleId: fixedId, text: 'orphan', paragraphs: [] })
    await expect(failing.add(imported('Nouveau', 'new'))).rejects.toThrow()
    expect(await db.articles.count()).toBe(0)
    expect((await db.articleTexts.get(fixedId))?.text).toBe('orphan')
  })

  it('saves edited metadata and moves updatedAt', async () => {
    const article = await repo.add(imported('Texte', 'h1'))
    const updated = await repo.updateMeta(article.id, {
      outlet: 'Le Monde',
      published: { value: '2017-11-14', precision: 'day', qualifier: 'stated' }
    })
    expect(updated.outlet).toBe('Le Monde')
    expect(updated.updatedAt > article.updatedAt).toBe(true)
    expect((await repo.get(article.id))?.published?.value).toBe('2017-11-14')
  })

  it('deletes an article with its text, and restore puts both back', async () => {
    const article = await repo.add(imported('À supprimer', 'h2'))
    const removed = await repo.remove(article.id)
    expect(removed?.text.text).toBe('À supprimer')
    expect(await repo.count()).toBe(0)
    expect(await repo.text(article.id)).toBeUndefined()
    await repo.restore(removed!.article, removed!.text, removed!.passages)
    expect(await repo.get(article.id)).toEqual(article)
    expect((await repo.text(article.id))?.text).toBe('À supprimer')
  })
})

describe('ArticleRepository.findPreviousVersion', () => {
  it('finds the article from the same source file with another text, never a pasted one', async () => {
    const first = await repo.add(imported('Version une', 'v1', 'article'))
    const newer = { ...imported('Version deux', 'v2', 'article') }
    expect((await repo.findPreviousVersion(newer))?.id).toBe(first.id)
    expect(await repo.findPreviousVersion(imported('Version une', 'v1', 'article'))).toBeUndefined()
    expect(await repo.findPreviousVersion({ ...newer, sourceFormat: 'paste' })).toBeUndefined()
    expect(await repo.findPreviousVersion({ ...newer, sourceName: 'autre.txt' })).toBeUndefined()
  })
})

describe('ArticleRepository and passages', () => {
  it('removes the passages of a deleted article with it, and restore brings them back', async () => {
    const article = await repo.add(imported('Un passage codé ici', 'h3'))
    const passages = new PassageRepository(db)
    await passages.create({
      articleId: article.id,
      start: 3,
      end: 10,
      tagIds: [],
      note: 'n',
      author: ''
    })
    const removed = await repo.remove(article.id)
    expect(removed?.passages.map((p) => p.quote.exact)).toEqual(['passage'])
    expect(await db.passages.count()).toBe(0)
    await repo.restore(removed!.article, removed!.text, removed!.passages)
    expect((await passages.listByArticle(article.id)).map((p) => p.note)).toEqual(['n'])
  })
})

describe('SettingsRepository', () => {
  it('answers defaults until a value is set, then keeps it', async () => {
    const settings = new SettingsRepository(db)
    expect(await settings.get('locale')).toBe('system')
    expect(await settings.get('sampleLoaded')).toBe(false)
    await settings.set('locale', 'fr')
    expect(await settings.get('locale')).toBe('fr')
  })
})
