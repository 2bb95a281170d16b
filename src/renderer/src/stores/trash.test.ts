// Undo of a delete through the app's history: the delete goes to the trash, Undo restores it from
// there (removing the entry), Redo deletes again into a new entry. Runs the real stores on fake-indexeddb.
import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, expect, it, vi } from 'vitest'
import { archive } from '@renderer/db'
import { useArchiveStore } from './archive'
import { useEventsStore } from './events'
import { useHistoryStore } from './history'
import { usePassagesStore } from './passages'
import { useTrashStore } from './trash'

// The stores reach the platform only for settings this test does not touch.
vi.mock('@renderer/platform', () => ({ platform: { kind: 'web' } }))

const TEXT = 'Le 21 octobre 2016, WikiLeaks propose de publier les déclarations d’impôts.'

beforeEach(async () => {
  setActivePinia(createPinia())
  const { db } = archive()
  await Promise.all(db.tables.map((table) => table.clear()))
})

/** Every list once it shows what was committed: each follows the change log on its own. */
async function settled(): Promise<void> {
  await Promise.all([
    usePassagesStore().settled(),
    useEventsStore().settled(),
    useTrashStore().settled(),
    useArchiveStore().refresh()
  ])
}

async function articleWithLinkedPassage() {
  const { articles, passages, events } = archive()
  const article = await articles.add({
    text: TEXT,
    paragraphs: [{ start: 0, end: TEXT.length }],
    meta: { title: 'Impôts', outlet: 'RTS', author: '', published: null, language: 'fr' },
    sourceName: 'a.txt',
    sourceFormat: 'txt',
    sha256: `sha-${Math.random()}`
  })
  const passage = await passages.create({
    articleId: article.id,
    start: 20,
    end: 29,
    tagIds: [],
    note: '',
    author: ''
  })
  const event = await events.createEvent({
    author: '',
    title: 'Proposition',
    date: { start: '2016-10-21', precision: 'day', approximate: false },
    place: '',
    participants: [],
    description: '',
    status: 'unverified'
  })
  await events.link(event.id, [passage.id], 'reports', '')
  return { article, passage, event }
}

it('undoes a passage delete from the trash, and redo puts it in the trash again', async () => {
  const { passage, event } = await articleWithLinkedPassage()
  const passages = usePassagesStore()
  const events = useEventsStore()
  const trash = useTrashStore()
  const history = useHistoryStore()
  await Promise.all([events.load(), trash.load()])
  expect(events.linksByEvent.get(event.id)).toHaveLength(1)

  await passages.remove(passage.id)
  await settled()
  expect(passages.passages).toHaveLength(0)
  expect(events.linksByEvent.get(event.id) ?? []).toHaveLength(0)
  expect(trash.entries.map((e) => e.kind)).toEqual(['passage'])

  await history.undo()
  await settled()
  expect(passages.passages.map((p) => p.id)).toEqual([passage.id])
  expect(events.linksByEvent.get(event.id)).toHaveLength(1)
  expect(trash.entries).toHaveLength(0)

  await history.redo()
  await settled()
  expect(passages.passages).toHaveLength(0)
  expect(trash.entries).toHaveLength(1)
})

it('undoes an event delete and an article delete (the notice’s Undo) from the trash', async () => {
  const { article, event } = await articleWithLinkedPassage()
  const events = useEventsStore()
  const articles = useArchiveStore()
  const trash = useTrashStore()
  await Promise.all([events.load(), articles.open(), trash.load()])
  await events.remove(event.id)
  await settled()
  expect(events.events).toHaveLength(0)
  await useHistoryStore().undo()
  await settled()
  expect(events.events.map((e) => e.id)).toEqual([event.id])
  expect(events.linksByEvent.get(event.id)).toHaveLength(1)

  const undo = await articles.remove(article.id)
  await settled()
  expect(articles.articles).toHaveLength(0)
  expect(trash.entries.map((e) => e.kind)).toEqual(['article'])
  await undo()
  await settled()
  expect(articles.articles.map((a) => a.id)).toEqual([article.id])
  expect(usePassagesStore().passages).toHaveLength(1)
  expect(events.linksByEvent.get(event.id)).toHaveLength(1)
  expect(trash.entries).toHaveLength(0)
})

it('an undo whose item was already restored from the trash does nothing and does not block', async () => {
  const { passage } = await articleWithLinkedPassage()
  const passages = usePassagesStore()
  const trash = useTrashStore()
  const history = useHistoryStore()
  await passages.remove(passage.id)
  await settled()
  await trash.restore(trash.entries[0]!.id)
  await settled()
  expect(passages.passages).toHaveLength(1)
  await history.undo()
  await settled()
  expect(passages.passages).toHaveLength(1)
  expect(history.state.canUndo).toBe(false)
  expect(trash.entries).toHaveLength(0)
})
