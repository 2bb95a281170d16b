// The durable change log against fake-indexeddb: every write path of the repositories leaves
// exactly the entries of the records it touched, in the same transaction; an aborted write none;
// another connection (another window) hears the changes through the feed.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '@core/archive/article'
import { reanchorPassages } from '@core/archive/passages'
import { sha256Hex } from '@core/text/hash'
import type { Passage, Tag } from '@core/archive/passage'
import type { TimelineEvent } from '@core/timeline/types'
import { ArticleRepository } from './article-repository'
import {
  changesSince,
  installChangeFeed,
  lastSeq,
  onArchiveChange,
  type TableChange
} from './change-feed'
import { LiasseDatabase } from './database'
import { DossierRepository } from './dossier-repository'
import { EventRepository } from './event-repository'
import { PassageRepository } from './passage-repository'
import { TagRepository } from './tag-repository'
import { TrashRepository } from './trash-repository'

const TEXT =
  'Le 21 octobre 2016, WikiLeaks propose de publier les déclarations d’impôts. ' +
  'Donald Trump Jr ne répond pas. Le lendemain, la presse s’en fait l’écho.'

let db: LiasseDatabase
let ids: number
let articles: ArticleRepository
let passages: PassageRepository
let tags: TagRepository
let events: EventRepository
let dossiers: DossierRepository
let trash: TrashRepository
let article: Article
let passage: Passage
let tag: Tag
let event: TimelineEvent

function importText(text: string, title: string) {
  return articles.add({
    text,
    paragraphs: [{ start: 0, end: text.length }],
    meta: { title, outlet: 'RTS', author: '', published: null, language: 'fr' },
    sourceName: `${title}.txt`,
    sourceFormat: 'txt',
    sha256: title.padEnd(64, '0')
  })
}

/** What `write` left in the log: "op table:key", sorted, with the entries' numbers. */
async function logged(write: () => Promise<unknown>): Promise<string[]> {
  const before = await lastSeq(db)
  await write()
  const entries = await changesSince(db, before)
  const seqs = entries.map((entry) => entry.seq)
  // Numbered on from where the log was, without gaps, each key once.
  expect(seqs).toEqual(seqs.map((_, i) => before + i + 1))
  return entries.map((entry) => `${entry.op} ${entry.table}:${entry.key}`).sort()
}

beforeEach(async () => {
  db = new LiasseDatabase(`change-log-${Math.random()}`)
  ids = 0
  let clock = Date.UTC(2026, 10, 1, 9, 0, 0)
  const now = (): Date => new Date((clock += 1000))
  const newId = (): string => `id-${++ids}`
  articles = new ArticleRepository(db, now, newId)
  passages = new PassageRepository(db, now, newId)
  tags = new TagRepository(db, now, newId)
  events = new EventRepository(db, now, newId)
  dossiers = new DossierRepository(db, now, newId)
  trash = new TrashRepository(db, () => new Date(clock))
  article = await importText(TEXT, 'impots')
  tag = await tags.create({ name: 'Fiscalité', author: 'Ana' })
  passage = await passages.create({
    articleId: article.id,
    start: 20,
    end: 28,
    tagIds: [tag.id],
    note: '',
    author: 'Ana'
  })
  event = await events.createEvent({
    author: 'Ana',
    title: 'Proposition',
    date: { start: '2016-10-21', precision: 'day', approximate: false },
    place: '',
    participants: [],
    description: '',
    status: 'confirmed'
  })
})

afterEach(() => db.close())

describe('the change log', () => {
  it('an import leaves the article and its text', async () => {
    let added: Article | undefined
    const entries = await logged(async () => (added = await importText('Un autre texte.', 'autre')))
    expect(entries).toEqual([`put articleTexts:${added!.id}`, `put articles:${added!.id}`])
  })

  it('an edit leaves its record only; a second edit of it replaces the first entry', async () => {
    expect(await logged(() => articles.updateMeta(article.id, { title: 'Impôts' }))).toEqual([
      `put articles:${article.id}`
    ])
    const before = await db.changes.count()
    await articles.updateMeta(article.id, { title: 'Impôts (2)' })
    // Compacted: still one entry for the article, now with the newest number.
    expect(await db.changes.count()).toBe(before)
    expect((await db.changes.get(['articles', article.id]))?.seq).toBe(await lastSeq(db))
  })

  it('a new text for the article (re-import, correction) leaves the text, the article and its passages', async () => {
    const text = `Correction. ${TEXT}`
    const sha256 = await sha256Hex(text)
    const { updates } = reanchorPassages(text, sha256, [passage])
    const entries = await logged(() =>
      passages.replaceArticleText(
        article.id,
        text,
        [{ start: 0, end: text.length }],
        sha256,
        updates
      )
    )
    expect(entries).toEqual([
      `put articleTexts:${article.id}`,
      `put articles:${article.id}`,
      `put passages:${passage.id}`
    ])
  })

  it('a passage edit and its undo each leave the passage', async () => {
    let previous: Passage | undefined
    expect(
      await logged(async () => {
        previous = (await passages.update(passage.id, { note: 'vu' })).previous
      })
    ).toEqual([`put passages:${passage.id}`])
    expect(await logged(() => passages.restore([previous!]))).toEqual([
      `put passages:${passage.id}`
    ])
  })

  it('a delete to the trash, its restore and a purge each leave what they moved', async () => {
    await events.link(event.id, [passage.id], 'reports', 'Ana', '')
    const [link] = await db.links.toArray()
    let trashId = ''
    const deleted = await logged(async () => {
      trashId = (await articles.remove(article.id))!.trashId
    })
    expect(deleted).toEqual(
      [
        `delete articleTexts:${article.id}`,
        `delete articles:${article.id}`,
        `delete links:${link!.id}`,
        `delete passages:${passage.id}`,
        `put trash:${trashId}`
      ].sort()
    )
    expect(await logged(() => trash.restore(trashId))).toEqual(
      [
        `put articleTexts:${article.id}`,
        `put articles:${article.id}`,
        `put links:${link!.id}`,
        `put passages:${passage.id}`,
        `delete trash:${trashId}`
      ].sort()
    )
    const again = (await articles.remove(article.id))!.trashId
    expect(await logged(() => trash.remove(again))).toEqual([`delete trash:${again}`])
  })

  it('a merge and its undo leave every record they wrote', async () => {
    const incoming = { ...tag, id: 'tag-from-bundle', name: 'Diplomatie' }
    const renamed = { ...tag, name: 'Impôts', updatedAt: '2026-12-01T00:00:00.000Z' }
    const plan = {
      put: {
        articles: [],
        texts: [],
        tags: [incoming, renamed],
        passages: [],
        events: [],
        links: [],
        dossiers: []
      }
    } as unknown as Parameters<DossierRepository['applyMerge']>[0]
    let undo: Awaited<ReturnType<DossierRepository['applyMerge']>> | undefined
    expect(
      await logged(async () => {
        undo = await dossiers.applyMerge(plan)
      })
    ).toEqual([`put tags:${tag.id}`, `put tags:tag-from-bundle`])
    expect(await logged(() => dossiers.revertMerge(undo!))).toEqual([
      `delete tags:tag-from-bundle`,
      `put tags:${tag.id}`
    ])
  })

  it('an aborted transaction leaves no entry and does not move the sequence', async () => {
    const before = await lastSeq(db)
    const count = await db.changes.count()
    await expect(
      db.transaction('rw', db.articles, db.passages, async () => {
        await db.articles.update(article.id, { title: 'jamais écrit' })
        await db.passages.delete(passage.id)
        throw new Error('stop')
      })
    ).rejects.toThrow('stop')
    expect(await lastSeq(db)).toBe(before)
    expect(await db.changes.count()).toBe(count)
    expect((await db.articles.get(article.id))?.title).toBe('impots')
  })

  it('a bulk write that fails in part logs only what it wrote, and a range delete every key', async () => {
    const copy = { ...(await db.tags.get(tag.id))! }
    const fresh = { ...copy, id: 'tag-new', name: 'Nouveau' }
    const entries = await logged(async () => {
      await db.tags.bulkAdd([copy, fresh]).catch(() => undefined)
    })
    expect(entries).toEqual(['put tags:tag-new'])
    expect(await logged(() => db.tags.clear())).toEqual([
      `delete tags:${tag.id}`,
      'delete tags:tag-new'
    ])
  })
})

describe('the change feed', () => {
  it('tells this window its commits at once, grouped by table', async () => {
    installChangeFeed(db)
    const heard: TableChange[][] = []
    const stop = onArchiveChange((changes) => heard.push(changes))
    await articles.updateMeta(article.id, { title: 'Impôts' })
    stop()
    expect(heard).toEqual([[{ table: 'articles', keys: [article.id] }]])
  })

  it('tells another window what this one wrote, read from the log', async () => {
    const other = new LiasseDatabase(db.name)
    installChangeFeed(other)
    await other.open()
    const heard: TableChange[] = []
    const stop = onArchiveChange((changes) => heard.push(...changes))
    // `db` has no feed of its own here: only `other` can hear, and only through the channel.
    installChangeFeed(db)
    await articles.updateMeta(article.id, { title: 'Impôts' })
    await passages.update(passage.id, { note: 'vu' })
    // Each change heard twice: once by the writing window at commit, once by the other from the log.
    const count = (table: string) => heard.filter((change) => change.table === table).length
    await expect.poll(() => [count('articles'), count('passages')]).toEqual([2, 2])
    expect(heard.find((change) => change.table === 'passages')?.keys).toEqual([passage.id])
    stop()
    other.close()
  })
})
