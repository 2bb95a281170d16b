// Events and links against fake-indexeddb: links made once per passage, an event deleted with its
// links and put back by undo, a suggestion accepted as one write.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newPassage } from '@core/archive/passages'
import type { NewEvent } from './event-repository'
import { EventError, EventRepository } from './event-repository'
import { ArticleRepository } from './article-repository'
import { LiasseDatabase } from './database'
import { PassageRepository } from './passage-repository'

let db: LiasseDatabase
let events: EventRepository
let passages: PassageRepository
let articleId: string
const TEXT = 'Le 21 octobre 2016, WikiLeaks propose de publier les déclarations d’impôts.'

const input = (title: string): NewEvent => ({
  author: 'Ana',
  title,
  date: { start: '2016-10-21', precision: 'day', approximate: false },
  place: '',
  participants: ['WikiLeaks', 'Donald Trump Jr'],
  description: '',
  status: 'unverified'
})

beforeEach(async () => {
  db = new LiasseDatabase(`events-${Math.random()}`)
  events = new EventRepository(db)
  passages = new PassageRepository(db)
  const article = await new ArticleRepository(db).add({
    text: TEXT,
    paragraphs: [{ start: 0, end: TEXT.length }],
    meta: { title: 'A', outlet: 'RTS', author: '', published: null, language: 'fr' },
    sourceName: 'a.txt',
    sourceFormat: 'txt',
    sha256: 'sha-a'
  })
  articleId = article.id
})
afterEach(async () => {
  await db.delete()
})

describe('EventRepository', () => {
  it('refuses an event without a title', async () => {
    await expect(events.createEvent(input('  '))).rejects.toMatchObject({ code: 'emptyTitle' })
    expect(await db.events.count()).toBe(0)
  })

  it('links a passage once, whatever the number of attempts', async () => {
    const event = await events.createEvent(input('Proposition des impôts'))
    const passage = await passages.create({
      articleId,
      start: 20,
      end: 29,
      tagIds: [],
      note: '',
      author: ''
    })
    const first = await events.link(event.id, [passage.id, passage.id], 'reports', 'Ana')
    const again = await events.link(event.id, [passage.id], 'contradicts', 'Ana')
    expect(first).toHaveLength(1)
    expect(again).toHaveLength(0)
    expect((await events.listLinks()).map((l) => l.role)).toEqual(['reports'])
    await expect(events.link(event.id, ['missing'], 'reports', '')).rejects.toBeInstanceOf(
      EventError
    )
  })

  it('deletes an event with its links, and revert puts both back', async () => {
    const event = await events.createEvent(input('Proposition des impôts'))
    const passage = await passages.create({
      articleId,
      start: 20,
      end: 29,
      tagIds: [],
      note: '',
      author: ''
    })
    await events.link(event.id, [passage.id], 'reports', 'Ana')
    const snapshot = await events.deleteEvent(event.id)
    expect(await db.events.count()).toBe(0)
    expect(await db.links.count()).toBe(0)
    expect(await db.passages.count()).toBe(1)
    await events.revert(snapshot)
    expect((await events.listEvents()).map((e) => e.title)).toEqual(['Proposition des impôts'])
    expect(await db.links.count()).toBe(1)
  })

  it('accepts a suggestion as one write: event, new passages and reports links; undo removes all', async () => {
    const existing = await passages.create({
      articleId,
      start: 0,
      end: 18,
      tagIds: [],
      note: '',
      author: ''
    })
    const fresh = newPassage({
      id: 'p-new',
      stamp: '2026-01-01T00:00:00Z',
      author: 'Ana',
      articleId,
      text: TEXT,
      textSha256: 'sha-a',
      start: 20,
      end: TEXT.length,
      tagIds: [],
      note: ''
    })
    const reuse = newPassage({
      id: 'p-dup',
      stamp: '2026-01-01T00:00:00Z',
      author: 'Ana',
      articleId,
      text: TEXT,
      textSha256: 'sha-a',
      start: 0,
      end: 18,
      tagIds: [],
      note: ''
    })
    const snapshot = await events.createWithPassages(input('Proposition'), [fresh, reuse], 'Ana')
    expect(snapshot.added.passages).toEqual(['p-new'])
    const links = await events.listLinks()
    expect(links.map((l) => l.passageId).sort()).toEqual([existing.id, 'p-new'].sort())
    expect(links.every((l) => l.role === 'reports')).toBe(true)
    await events.revert(snapshot)
    expect(await db.events.count()).toBe(0)
    expect(await db.links.count()).toBe(0)
    expect((await passages.listAll()).map((p) => p.id)).toEqual([existing.id])
    await events.reapply(snapshot)
    expect(await db.links.count()).toBe(2)
  })

  it('accepts a disputed event: one passage reports, the other contradicts, undone as one', async () => {
    const existing = await passages.create({
      articleId,
      start: 0,
      end: 18,
      tagIds: [],
      note: '',
      author: ''
    })
    const side = (id: string, start: number, end: number) =>
      newPassage({
        id,
        stamp: '2026-01-01T00:00:00Z',
        author: 'Ana',
        articleId,
        text: TEXT,
        textSha256: 'sha-a',
        start,
        end,
        tagIds: [],
        note: ''
      })
    const snapshot = await events.createWithPassages(
      { ...input('WikiLeaks demande les courriels'), status: 'disputed' },
      [side('p-reports', 20, TEXT.length), side('p-same-span', 0, 18)],
      'Ana',
      ['reports', 'contradicts']
    )
    expect(snapshot.events[0]?.status).toBe('disputed')
    // The contradicting side's span was already coded: its passage is reused, not doubled.
    expect(snapshot.added.passages).toEqual(['p-reports'])
    const roles = Object.fromEntries((await events.listLinks()).map((l) => [l.passageId, l.role]))
    expect(roles).toEqual({ 'p-reports': 'reports', [existing.id]: 'contradicts' })
    await events.revert(snapshot)
    expect(await db.events.count()).toBe(0)
    expect(await db.links.count()).toBe(0)
    expect((await passages.listAll()).map((p) => p.id)).toEqual([existing.id])
    await events.reapply(snapshot)
    expect((await events.listLinks()).map((l) => l.role).sort()).toEqual(['contradicts', 'reports'])
  })

  it('changes a link role and restores the previous one', async () => {
    const event = await events.createEvent(input('Proposition'))
    const passage = await passages.create({
      articleId,
      start: 20,
      end: 29,
      tagIds: [],
      note: '',
      author: ''
    })
    const [link] = await events.link(event.id, [passage.id], 'reports', 'Ana')
    const { previous } = await events.updateLink(link!.id, { role: 'contradicts' })
    expect((await events.listLinks())[0]?.role).toBe('contradicts')
    await events.restore({ links: [previous] })
    expect((await events.listLinks())[0]?.role).toBe('reports')
  })
})
