// The trash against fake-indexeddb: every delete moves its records (and what hangs on them) to one
// entry and restoring puts them back exactly; purges by age or on demand remove what lost its ends.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Article, ArticleText } from '@core/archive/article'
import type { Passage, Tag } from '@core/archive/passage'
import { checkRecord } from '@core/archive/record-schemas'
import { summarize } from '@core/archive/trash'
import { TrashEntrySchema } from '@core/archive/trash-schema'
import type { Dossier } from '@core/dossier/types'
import type { EventLink, TimelineEvent } from '@core/timeline/types'
import { ArticleRepository } from './article-repository'
import { LiasseDatabase } from './database'
import { DossierRepository } from './dossier-repository'
import { EventRepository } from './event-repository'
import { IntegrityRepository } from './integrity-repository'
import { PassageRepository } from './passage-repository'
import { TagRepository } from './tag-repository'
import { TrashError, TrashRepository, trashEntry } from './trash-repository'
import { countReads } from '../../../../test/db/read-counter'

const TEXT =
  'Le 21 octobre 2016, WikiLeaks propose de publier les déclarations d’impôts. ' +
  'Donald Trump Jr ne répond pas. Le lendemain, la presse s’en fait l’écho.'
const DAY = 24 * 60 * 60 * 1000

let db: LiasseDatabase
let clock: number
let ids: number
let articles: ArticleRepository
let passages: PassageRepository
let tags: TagRepository
let events: EventRepository
let dossiers: DossierRepository
let trash: TrashRepository

/** The fixture: one article with two coded passages linked to one event, a tag with a sub-tag. */
let article: Article
let p1: Passage
let p2: Passage
let tag: Tag
let child: Tag
let event: TimelineEvent
let links: EventLink[]
let dossier: Dossier

beforeEach(async () => {
  db = new LiasseDatabase(`trash-${Math.random()}`)
  clock = Date.UTC(2026, 10, 1, 9, 0, 0)
  ids = 0
  const now = (): Date => new Date((clock += 1000))
  const newId = (): string => `id-${++ids}`
  articles = new ArticleRepository(db, now, newId)
  passages = new PassageRepository(db, now, newId)
  tags = new TagRepository(db, now, newId)
  events = new EventRepository(db, now, newId)
  dossiers = new DossierRepository(db, now, newId)
  trash = new TrashRepository(db, () => new Date(clock))

  article = await articles.add({
    text: TEXT,
    paragraphs: [{ start: 0, end: TEXT.length }],
    meta: { title: 'Impôts', outlet: 'RTS', author: '', published: null, language: 'fr' },
    sourceName: 'a.txt',
    sourceFormat: 'txt',
    sha256: 'a'.repeat(64)
  })
  tag = await tags.create({ name: 'Fiscalité', author: 'Ana' })
  child = await tags.create({ name: 'Impôts', author: 'Ana', parentId: tag.id })
  const at = (quote: string, tagIds: string[]) => {
    const start = TEXT.indexOf(quote)
    return passages.create({
      articleId: article.id,
      start,
      end: start + quote.length,
      tagIds,
      note: quote,
      author: 'Ana'
    })
  }
  p1 = await at('WikiLeaks propose', [tag.id, child.id])
  p2 = await at('Donald Trump Jr', [tag.id])
  event = await events.createEvent({
    author: 'Ana',
    title: 'Proposition',
    date: { start: '2016-10-21', precision: 'day', approximate: false },
    place: '',
    participants: ['WikiLeaks'],
    description: '',
    status: 'unverified'
  })
  links = await events.link(event.id, [p1.id, p2.id], 'reports', 'Ana')
  dossier = await dossiers.create('Dossier impôts', 'Ana')
})
afterEach(async () => {
  await db.delete()
})

/** Every record of every archive table, sorted by key, to compare before and after. */
async function everything() {
  const sorted = <T>(rows: T[], key: (row: T) => string) =>
    [...rows].sort((a, b) => key(a).localeCompare(key(b)))
  return {
    articles: sorted(await db.articles.toArray(), (r) => r.id),
    articleTexts: sorted(await db.articleTexts.toArray(), (r: ArticleText) => r.articleId),
    passages: sorted(await db.passages.toArray(), (r) => r.id),
    tags: sorted(await db.tags.toArray(), (r) => r.id),
    events: sorted(await db.events.toArray(), (r) => r.id),
    links: sorted(await db.links.toArray(), (r) => r.id),
    dossiers: sorted(await db.dossiers.toArray(), (r) => r.id)
  }
}

describe('deleting moves to the trash, restoring puts everything back', () => {
  it('an article goes with its text, passages and their event links, and comes back whole', async () => {
    const before = await everything()
    const removed = await articles.remove(article.id)
    expect(await db.articles.count()).toBe(0)
    expect(await db.articleTexts.count()).toBe(0)
    expect(await db.passages.count()).toBe(0)
    expect(await db.links.count()).toBe(0)
    expect(await db.events.count()).toBe(1)
    const [entry] = await trash.list()
    expect(entry).toMatchObject({ id: removed!.trashId, kind: 'article', label: 'Impôts' })
    expect(summarize(entry!)).toMatchObject({ passages: 2, links: 2 })

    const result = await trash.restore(entry!.id)
    expect(result.restored).toMatchObject({ articles: 1, passages: 2, links: 2 })
    expect(result.lost).toEqual({ passages: 0, links: 0 })
    expect(await everything()).toEqual(before)
    expect(await trash.count()).toBe(0)
  })

  it('a passage goes with its links; the other passage and the event stay', async () => {
    const before = await everything()
    const removed = await passages.moveToTrash(p1.id)
    expect(removed?.links.map((l) => l.passageId)).toEqual([p1.id])
    expect((await db.passages.toArray()).map((p) => p.id)).toEqual([p2.id])
    expect((await db.links.toArray()).map((l) => l.passageId)).toEqual([p2.id])
    const [entry] = await trash.list()
    expect(entry).toMatchObject({ kind: 'passage', label: 'WikiLeaks propose' })
    await trash.restore(entry!.id)
    expect(await everything()).toEqual(before)
  })

  it('an event goes with its links; restoring links its passages again', async () => {
    const before = await everything()
    await events.moveToTrash(event.id)
    expect(await db.events.count()).toBe(0)
    expect(await db.links.count()).toBe(0)
    expect(await db.passages.count()).toBe(2)
    const [entry] = await trash.list()
    expect(summarize(entry!).links).toBe(2)
    await trash.restore(entry!.id)
    expect(await everything()).toEqual(before)
  })

  it('a dossier goes alone and comes back unchanged', async () => {
    const before = await everything()
    await dossiers.moveToTrash(dossier.id)
    expect(await db.dossiers.count()).toBe(0)
    const [entry] = await trash.list()
    expect(entry).toMatchObject({ kind: 'dossier', label: 'Dossier impôts' })
    await trash.restore(entry!.id)
    expect(await everything()).toEqual(before)
  })

  it('a tag: passages lose it and its sub-tag moves up; restoring patches both back', async () => {
    await tags.moveToTrash(tag.id)
    expect(await db.tags.get(tag.id)).toBeUndefined()
    expect((await db.tags.get(child.id))?.parentId).toBeNull()
    expect((await db.passages.get(p1.id))?.tagIds).toEqual([child.id])
    expect((await db.passages.get(p2.id))?.tagIds).toEqual([])
    const [entry] = await trash.list()
    expect(entry).toMatchObject({ kind: 'tag', label: 'Fiscalité' })
    expect(summarize(entry!).taggedPassages).toBe(2)

    // Meanwhile the user tags p2 with the sub-tag: restoring keeps that.
    await passages.update(p2.id, { tagIds: [child.id] })
    await trash.restore(entry!.id)
    expect(await db.tags.get(tag.id)).toEqual(tag)
    expect((await db.tags.get(child.id))?.parentId).toBe(tag.id)
    expect((await db.passages.get(p1.id))?.tagIds).toEqual([tag.id, child.id])
    expect((await db.passages.get(p2.id))?.tagIds).toEqual([tag.id, child.id])
  })

  it('a tag restored after its passage was trashed patches the passage inside the trash', async () => {
    const tagEntry = await tags.moveToTrash(tag.id)
    const passageEntry = await passages.moveToTrash(p2.id)
    await trash.restore(tagEntry.trashId)
    await trash.restore(passageEntry!.trashId)
    expect((await db.passages.get(p2.id))?.tagIds).toEqual([tag.id])
  })

  it('refuses to restore an entry that is no longer there', async () => {
    await expect(trash.restore('gone')).rejects.toBeInstanceOf(TrashError)
  })

  it('refuses to restore an article whose text was imported again meanwhile', async () => {
    const removed = await articles.remove(article.id)
    await articles.add({
      text: TEXT,
      paragraphs: [],
      meta: { title: 'Réimporté', outlet: '', author: '', published: null, language: 'fr' },
      sourceName: 'b.txt',
      sourceFormat: 'txt',
      sha256: 'a'.repeat(64)
    })
    await expect(trash.restore(removed!.trashId)).rejects.toMatchObject({ code: 'articleExists' })
    expect(await trash.count()).toBe(1)
  })
})

it('writes entries of every kind that pass the schema backups are checked with', async () => {
  await tags.moveToTrash(tag.id)
  await events.moveToTrash(event.id)
  await passages.moveToTrash(p2.id)
  await articles.remove(article.id)
  await dossiers.moveToTrash(dossier.id)
  const entries = await trash.list()
  expect(entries.map((e) => e.kind).sort()).toEqual([
    'article',
    'dossier',
    'event',
    'passage',
    'tag'
  ])
  for (const entry of entries)
    expect(checkRecord(TrashEntrySchema, entry)).toEqual({ ok: true, value: entry })
})

describe('restoring when an end is elsewhere', () => {
  it('links whose passage is in another entry wait there, and come back with it', async () => {
    const eventEntry = await events.moveToTrash(event.id)
    const articleEntry = await articles.remove(article.id)
    const result = await trash.restore(eventEntry.trashId)
    expect(result.restored.links).toBe(0)
    expect(result.handedOn.links).toBe(2)
    expect(await db.links.count()).toBe(0)
    expect(summarize((await trash.get(articleEntry!.trashId))!).links).toBe(2)

    await trash.restore(articleEntry!.trashId)
    expect((await db.links.toArray()).map((l) => l.id).sort()).toEqual(
      links.map((l) => l.id).sort()
    )
  })

  it('a link whose passage is nowhere is not restored, and the result says so', async () => {
    const stray: EventLink = { ...links[0]!, id: 'stray', passageId: 'never-existed' }
    await db.trash.add(
      trashEntry('event', 'Ancien', { links: [stray] }, new Date(clock), 'legacy-entry')
    )
    const result = await trash.restore('legacy-entry')
    expect(result.lost.links).toBe(1)
    expect(await db.links.get('stray')).toBeUndefined()
  })
})

describe('purging', () => {
  it('purges entries older than the retention, keeps the others', async () => {
    await dossiers.moveToTrash(dossier.id)
    clock += 20 * DAY
    await passages.moveToTrash(p1.id)
    clock += 15 * DAY
    // The dossier entry is 35 days old, the passage entry 15.
    const result = await trash.purgeExpired(30)
    expect(result.entries).toBe(1)
    expect((await trash.list()).map((e) => e.kind)).toEqual(['passage'])
    expect((await trash.purgeExpired(10)).entries).toBe(1)
    expect(await trash.count()).toBe(0)
  })

  it('emptying removes the passages and links that hung on what it deleted', async () => {
    await articles.remove(article.id)
    // Left behind by an older version: a passage of the deleted article, a link to it, and a link
    // to a passage that went to the trash with the article.
    await db.passages.put({ ...p1, id: 'stray-passage', articleId: article.id })
    await db.links.put({ ...links[0]!, id: 'stray-link', passageId: 'stray-passage' })
    await db.links.put({ ...links[0]!, id: 'old-link', passageId: p1.id })
    const result = await trash.empty()
    expect(result).toEqual({ entries: 1, orphanLinks: 2, orphanPassages: 1 })
    expect(await db.passages.count()).toBe(0)
    expect(await db.links.count()).toBe(0)
    expect(await db.events.get(event.id)).toBeDefined()
  })

  it('deleting an event for good removes the links still pointing at it', async () => {
    const eventEntry = await events.moveToTrash(event.id)
    await db.links.put({ ...links[0]!, id: 'stray-link' })
    const result = await trash.remove(eventEntry.trashId)
    expect(result).toEqual({ entries: 1, orphanLinks: 1, orphanPassages: 0 })
    expect(await db.links.count()).toBe(0)
    expect(await db.passages.count()).toBe(2)
  })

  it('leaves what lost its ends long before to the integrity check, which finds it', async () => {
    await dossiers.moveToTrash(dossier.id)
    // Left behind by an older version, which deleted passages without their links.
    await db.links.put({ ...links[0]!, id: 'orphan-link', passageId: 'deleted-long-ago' })
    await db.passages.put({ ...p1, id: 'orphan-passage', articleId: 'deleted-long-ago' })
    expect(await trash.empty()).toEqual({ entries: 1, orphanLinks: 0, orphanPassages: 0 })
    const findings = await new IntegrityRepository(db).scan()
    expect(findings.map((f) => [f.kind, f.id, f.repairable])).toEqual(
      expect.arrayContaining([
        ['passageWithoutArticle', 'orphan-passage', true],
        ['linkWithoutEnds', 'orphan-link', true]
      ])
    )
  })

  it('deleting an article for good drops its passages waiting in other entries, and their links', async () => {
    const passageEntry = await passages.moveToTrash(p1.id)
    const articleEntry = await articles.remove(article.id)
    const result = await trash.remove(articleEntry!.trashId)
    expect(result).toEqual({ entries: 1, orphanLinks: 1, orphanPassages: 1 })
    const left = (await trash.get(passageEntry!.trashId))!
    expect(left.records.passages).toEqual([])
    expect(left.records.links).toEqual([])
    expect(await db.events.count()).toBe(1)
  })

  it('deleting an event for good drops its links from the passage entries that still wait', async () => {
    const passageEntry = await passages.moveToTrash(p1.id)
    const eventEntry = await events.moveToTrash(event.id)
    await trash.remove(eventEntry.trashId)
    expect(summarize((await trash.get(passageEntry!.trashId))!).links).toBe(0)
    const result = await trash.restore(passageEntry!.trashId)
    expect(result.lost.links).toBe(0)
    expect(await db.passages.get(p1.id)).toBeDefined()
    expect(await db.links.count()).toBe(0)
  })

  it('deleting an article for good also drops the passages handed on to its entry', async () => {
    const passageEntry = await passages.moveToTrash(p1.id)
    const articleEntry = await articles.remove(article.id)
    // The passage cannot come back without its article: it waits in the article's entry.
    const result = await trash.restore(passageEntry!.trashId)
    expect(result.handedOn.passages).toBe(1)
    expect(summarize((await trash.get(articleEntry!.trashId))!).passages).toBe(2)
    await trash.empty()
    expect(await db.passages.count()).toBe(0)
    expect(await db.links.count()).toBe(0)
    expect(await db.events.count()).toBe(1)
  })
})

describe('what a purge reads', () => {
  /**
   * A database with the read counter, holding `size` articles (a text and a passage each), an event
   * for every third article with a link to its passage, and 20 recent entries in the trash.
   */
  async function sizeable(size: number) {
    const big = new LiasseDatabase(`trash-reads-${Math.random()}`)
    const reads = countReads(big)
    const text = (await db.articleTexts.get(article.id))!
    const stamp = new Date(clock).toISOString()
    await big.transaction(
      'rw',
      [big.articles, big.articleTexts, big.passages, big.events, big.links, big.trash],
      async () => {
        for (let i = 0; i < size; i++) {
          const id = `bulk-article-${i}`
          await big.articles.add({ ...article, id, sha256: i.toString(16).padStart(64, '0') })
          await big.articleTexts.add({ ...text, articleId: id })
          await big.passages.add({ ...p1, id: `bulk-passage-${i}`, articleId: id })
          if (i % 3 !== 0) continue
          await big.events.add({ ...event, id: `bulk-event-${i}` })
          await big.links.add({
            ...links[0]!,
            id: `bulk-link-${i}`,
            eventId: `bulk-event-${i}`,
            passageId: `bulk-passage-${i}`
          })
        }
        for (let i = 0; i < 20; i++)
          await big.trash.add(
            trashEntry(
              'dossier',
              `Dossier ${i}`,
              { dossiers: [{ ...dossier, id: `bulk-dossier-${i}` }] },
              new Date(stamp),
              `bulk-entry-${i}`
            )
          )
      }
    )
    return { big, reads }
  }

  /** Deletes, in `big`, an article with two passages linked to one event, then lets it expire. */
  async function expiredArticle(big: LiasseDatabase): Promise<TrashRepository> {
    let time = clock
    const now = (): Date => new Date((time += 1000))
    let n = 0
    const newId = (): string => `expiring-${++n}`
    const bigArticles = new ArticleRepository(big, now, newId)
    const bigPassages = new PassageRepository(big, now, newId)
    const bigEvents = new EventRepository(big, now, newId)
    const added = await bigArticles.add({
      text: TEXT,
      paragraphs: [{ start: 0, end: TEXT.length }],
      meta: { title: 'Expire', outlet: '', author: '', published: null, language: 'fr' },
      sourceName: 'x.txt',
      sourceFormat: 'txt',
      sha256: 'f'.repeat(64)
    })
    const coded = await Promise.all(
      [0, 10].map((start) =>
        bigPassages.create({
          articleId: added.id,
          start,
          end: start + 5,
          tagIds: [],
          note: '',
          author: 'Ana'
        })
      )
    )
    const expiring = await bigEvents.createEvent({ ...event, author: 'Ana' })
    await bigEvents.link(
      expiring.id,
      coded.map((p) => p.id),
      'reports',
      'Ana'
    )
    // Deleted 40 days before the others were.
    time -= 40 * DAY
    await bigArticles.remove(added.id)
    return new TrashRepository(big, () => new Date(clock + DAY))
  }

  it('reads next to nothing when nothing has expired', async () => {
    const { big, reads } = await sizeable(300)
    try {
      reads.reset()
      const result = await new TrashRepository(big, () => new Date(clock + DAY)).purgeExpired(30)
      expect(result).toEqual({ entries: 0, orphanLinks: 0, orphanPassages: 0 })
      expect(reads.total()).toBeLessThanOrEqual(10)
    } finally {
      await big.delete()
    }
  })

  it('reads as much to purge one article whatever the size of the archive', async () => {
    const totals: number[] = []
    for (const size of [100, 400]) {
      const { big, reads } = await sizeable(size)
      try {
        const bigTrash = await expiredArticle(big)
        expect(await big.trash.count()).toBe(21)
        reads.reset()
        const result = await bigTrash.purgeExpired(30)
        expect(result).toEqual({ entries: 1, orphanLinks: 0, orphanPassages: 0 })
        expect(await big.trash.count()).toBe(20)
        // The key chosen and the entries left; in the archive, only what hangs on the entry.
        expect(reads.total(['trash'])).toBeLessThanOrEqual(10)
        totals.push(reads.total())
      } finally {
        await big.delete()
      }
    }
    expect(totals[1]).toBe(totals[0])
  })
})
