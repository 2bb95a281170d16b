// Passages against fake-indexeddb: creation from an article's text, edits and deletes undone
// exactly, anchors saved together, and an article's text replaced with its anchors all or nothing.
import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CodebookError } from '@core/archive/codebook'
import { reanchorPassages } from '@core/archive/passages'
import type { ImportedArticle } from '@core/import/types'
import { ImportError } from '@core/import/types'
import { sha256Hex } from '@core/text/hash'
import { normalizeText, paragraphSpans } from '@core/text/normalize'
import { ArticleRepository } from './article-repository'
import { LiasseDatabase } from './database'
import { AnchorMismatchError, PassageRepository } from './passage-repository'
import { TagRepository } from './tag-repository'

const samplePath = fileURLToPath(
  new URL('../../../../resources/sample/003_94c777c597bd5d81.txt', import.meta.url)
)
const sample = normalizeText(readFileSync(samplePath, 'utf8'))

async function imported(text: string, title = 'Titre'): Promise<ImportedArticle> {
  return {
    text,
    paragraphs: paragraphSpans(text),
    meta: { title, outlet: '', author: '', published: null, language: 'fr' },
    sourceName: `${title}.txt`,
    sourceFormat: 'txt',
    sha256: await sha256Hex(text)
  }
}

let db: LiasseDatabase
let articles: ArticleRepository
let passages: PassageRepository
let tags: TagRepository
let clock = 0

beforeEach(() => {
  db = new LiasseDatabase(`test-${Math.random()}`)
  clock = Date.UTC(2026, 10, 22, 10, 0, 0)
  const now = (): Date => new Date((clock += 1000))
  articles = new ArticleRepository(db, now)
  passages = new PassageRepository(db, now)
  tags = new TagRepository(db, now)
})
afterEach(async () => {
  await db.delete()
})

/** Codes the first occurrence of `quote` in the article. */
async function code(articleId: string, quote: string, tagIds: string[] = []) {
  const text = (await articles.text(articleId))?.text ?? ''
  const start = text.indexOf(quote)
  expect(start, quote).toBeGreaterThanOrEqual(0)
  return passages.create({
    articleId,
    start,
    end: start + quote.length,
    tagIds,
    note: '',
    author: 'Camille'
  })
}

describe('PassageRepository', () => {
  it('codes a span of an article, anchored against its text', async () => {
    const article = await articles.add(await imported(sample))
    const tag = await tags.create({ name: 'Contacts', author: '' })
    const quote = 'WikiLeaks contacte Trump Jr. via un message direct sur Twitter.'
    const passage = await code(article.id, quote, [tag.id])
    expect(passage.quote.exact).toBe(quote)
    expect(passage.anchor).toMatchObject({ status: 'exact', textSha256: article.sha256 })
    expect(sample.slice(passage.anchor.start, passage.anchor.end)).toBe(quote)
    expect(await passages.get(passage.id)).toEqual(passage)
    expect(await passages.listByArticle(article.id)).toEqual([passage])
    expect(await passages.listByArticle('other')).toEqual([])
    expect(await passages.listAll()).toHaveLength(1)
  })

  it('refuses unknown tags and unknown articles', async () => {
    const article = await articles.add(await imported(sample))
    const error = await code(article.id, 'WikiLeaks', ['ghost']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CodebookError)
    expect((error as CodebookError).code).toBe('notFound')
    await expect(
      passages.create({ articleId: 'nope', start: 0, end: 3, tagIds: [], note: '', author: '' })
    ).rejects.toThrow('No article')
    expect(await passages.listAll()).toEqual([])
  })

  it('edits tags and note, and restore undoes the edit exactly', async () => {
    const article = await articles.add(await imported(sample))
    const a = await tags.create({ name: 'A', author: '' })
    const passage = await code(article.id, 'WikiLeaks')
    const { passage: edited, previous } = await passages.update(passage.id, {
      tagIds: [a.id, a.id],
      note: 'Voir aussi'
    })
    expect(edited.tagIds).toEqual([a.id])
    expect(edited.note).toBe('Voir aussi')
    expect(edited.updatedAt > passage.updatedAt).toBe(true)
    expect(previous).toEqual(passage)
    await passages.restore([previous])
    expect(await passages.get(passage.id)).toEqual(passage)
  })

  it('deletes a passage returning it, and restore puts it back', async () => {
    const article = await articles.add(await imported(sample))
    const passage = await code(article.id, 'WikiLeaks')
    const deleted = await passages.delete(passage.id)
    expect(deleted).toEqual(passage)
    expect(await passages.get(passage.id)).toBeUndefined()
    expect(await passages.delete(passage.id)).toBeUndefined()
    await passages.restore([deleted!])
    expect(await passages.get(passage.id)).toEqual(passage)
  })

  it('deletes the passages of one article, returning them for undo', async () => {
    const article = await articles.add(await imported(sample))
    const other = await articles.add(await imported('Un autre texte.', 'Autre'))
    const mine = [await code(article.id, 'WikiLeaks'), await code(article.id, 'Julian Assange')]
    const theirs = await code(other.id, 'autre')
    const removed = await passages.deleteByArticle(article.id)
    expect(removed.map((p) => p.id).sort()).toEqual(mine.map((p) => p.id).sort())
    expect(await passages.listAll()).toEqual([theirs])
    await passages.restore(removed)
    expect(await passages.listByArticle(article.id)).toEqual(expect.arrayContaining(mine))
  })

  it('saves anchors together, skipping deleted passages and unchanged anchors', async () => {
    const article = await articles.add(await imported(sample))
    const a = await code(article.id, 'WikiLeaks')
    const b = await code(article.id, 'Julian Assange')
    const gone = await code(article.id, 'Kushner')
    await passages.delete(gone.id)
    const moved = { ...a.anchor, status: 'moved' as const, start: 1, end: 10 }
    const written = await passages.saveAnchors([
      { passageId: a.id, anchor: moved },
      { passageId: b.id, anchor: b.anchor },
      { passageId: gone.id, anchor: moved }
    ])
    expect(written).toBe(1)
    expect((await passages.get(a.id))?.anchor).toEqual(moved)
    expect(await passages.get(b.id)).toEqual(b)
    expect(await passages.get(gone.id)).toBeUndefined()
  })
})

describe('replaceArticleText', () => {
  const kept = 'WikiLeaks contacte Trump Jr. via un message direct sur Twitter.'
  const shifted = `Trump Jr. a répondu qu'il l'avait "déjà fait plus tôt dans la journée."`
  const edited = sample.replace(
    '3 octobre 2016:',
    'Note de la rédaction : article mis à jour.\n\n3 octobre 2016:'
  )

  async function setUp() {
    const article = await articles.add(await imported(sample))
    const coded = [await code(article.id, kept), await code(article.id, shifted)]
    const sha256 = await sha256Hex(edited)
    const { updates, summary } = reanchorPassages(edited, sha256, coded)
    return { article, coded, sha256, updates, summary }
  }

  it('replaces the text, the article record and every anchor together, and undoes', async () => {
    const { article, coded, sha256, updates, summary } = await setUp()
    expect(summary).toEqual({ unchanged: 1, moved: 1, fuzzy: 0, orphaned: 0 })
    const paragraphs = paragraphSpans(edited)
    const { article: next, previous } = await passages.replaceArticleText(
      article.id,
      edited,
      paragraphs,
      sha256,
      updates
    )
    expect(next).toMatchObject({
      sha256,
      textLength: edited.length,
      paragraphCount: paragraphs.length
    })
    expect(next.updatedAt > article.updatedAt).toBe(true)
    expect(await articles.get(article.id)).toEqual(next)
    expect((await articles.text(article.id))?.text).toBe(edited)
    const stored = await passages.listByArticle(article.id)
    for (const passage of stored) {
      expect(passage.anchor.textSha256).toBe(sha256)
      expect(edited.slice(passage.anchor.start, passage.anchor.end)).toBe(passage.quote.exact)
    }
    expect(stored.find((p) => p.id === coded[1]?.id)?.anchor.status).toBe('moved')

    await passages.restoreArticleText(previous)
    expect(await articles.get(article.id)).toEqual(article)
    expect((await articles.text(article.id))?.text).toBe(sample)
    expect(await passages.listByArticle(article.id)).toEqual(expect.arrayContaining(coded))
  })

  it('leaves the old text and anchors when a write inside fails', async () => {
    const { article, coded, sha256, updates } = await setUp()
    const textBefore = await articles.text(article.id)
    db.passages.hook('updating', () => {
      throw new Error('disk full')
    })
    await expect(
      passages.replaceArticleText(article.id, edited, paragraphSpans(edited), sha256, updates)
    ).rejects.toThrow('disk full')
    expect(await articles.get(article.id)).toEqual(article)
    expect(await articles.text(article.id)).toEqual(textBefore)
    expect(await passages.listByArticle(article.id)).toEqual(expect.arrayContaining(coded))
    expect(await articles.findBySha256(sha256)).toBeUndefined()
  })

  it('refuses a text another article already holds', async () => {
    const { article, sha256, updates } = await setUp()
    const twin = await articles.add(await imported(edited, 'Jumeau'))
    const error = await passages
      .replaceArticleText(article.id, edited, paragraphSpans(edited), sha256, updates)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).code).toBe('duplicate')
    expect((error as ImportError).detail).toBe(twin.title)
    expect((await articles.text(article.id))?.text).toBe(sample)
  })

  it('refuses anchors that do not cover the passages or another text', async () => {
    const { article, sha256, updates } = await setUp()
    const paragraphs = paragraphSpans(edited)
    const replace = (anchors: typeof updates, hash = sha256) =>
      passages.replaceArticleText(article.id, edited, paragraphs, hash, anchors)
    // A passage coded after the anchors were computed.
    await code(article.id, 'Kushner')
    await expect(replace(updates)).rejects.toBeInstanceOf(AnchorMismatchError)
    const all = reanchorPassages(edited, sha256, await passages.listByArticle(article.id)).updates
    const stale = all.map((u) => ({ ...u, anchor: { ...u.anchor, textSha256: 'other' } }))
    await expect(replace(stale)).rejects.toBeInstanceOf(AnchorMismatchError)
    await expect(replace(all, 'not-the-hash')).rejects.toThrow('sha256')
    expect((await articles.text(article.id))?.text).toBe(sample)
    await replace(all)
    expect((await articles.text(article.id))?.text).toBe(edited)
  })
})
