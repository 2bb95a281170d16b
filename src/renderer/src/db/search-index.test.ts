// The search index against fake-indexeddb: built from the archive, then kept current by the change
// feed through the real repositories (import, edit, tag, link, merge, delete and undo).
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportedArticle } from '@core/import/types'
import { sha256Hex } from '@core/text/hash'
import { normalizeText, paragraphSpans } from '@core/text/normalize'
import { openArchive, type Archive } from './index'
import { onArchiveChange } from './change-feed'
import { ArchiveSearchIndex } from './search-index'

async function imported(title: string, body: string, language = 'fr'): Promise<ImportedArticle> {
  const text = normalizeText(body)
  return {
    text,
    paragraphs: paragraphSpans(text),
    meta: { title, outlet: 'Le Monde', author: '', published: null, language },
    sourceName: `${title}.txt`,
    sourceFormat: 'txt',
    sha256: await sha256Hex(text)
  }
}

let archive: Archive
let index: ArchiveSearchIndex
let unsubscribe: () => void
let name = 0

/** Waits until every committed change has reached the index. */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0))
  await index.apply([])
}

async function find(text: string, filter = {}): Promise<string[]> {
  await settled()
  const response = await index.query({ text, typing: false, filter, offset: 0, limit: 50 })
  return response.items.map((item) => item.id).sort()
}

beforeEach(async () => {
  archive = openArchive(`search-index-${++name}`)
  await archive.articles.add(
    await imported('Les échanges', 'WikiLeaks écrit à Donald Trump Jr pendant les élections.')
  )
  index = new ArchiveSearchIndex(archive.db)
  unsubscribe = onArchiveChange((changes) => void index.apply(changes))
  await index.build()
})

afterEach(async () => {
  unsubscribe()
  archive.db.close()
})

describe('archive search index', () => {
  it('is built from the archive, with progress, and finds words of article bodies', async () => {
    const progress: number[] = []
    const fresh = new ArchiveSearchIndex(archive.db)
    await fresh.build((state) => progress.push(state.done))
    expect(progress).toEqual([0, 1])
    const response = await fresh.query({
      text: 'élection',
      typing: false,
      filter: {},
      offset: 0,
      limit: 10
    })
    expect(response.total).toBe(1)
    const [item] = response.items
    expect(item).toMatchObject({ kind: 'article', title: 'Les échanges', outlet: 'Le Monde' })
    expect(item!.snippet.filter((part) => part.match).map((part) => part.text)).toEqual([
      'élections'
    ])
    // The reader opens at the match.
    const text = (await archive.articles.text(item!.recordId))!.text
    expect(text.slice(item!.at!, item!.at! + 9)).toBe('élections')
  })

  it('follows an import, a text edit, a delete and its undo', async () => {
    const added = await archive.articles.add(
      await imported('Atlantic', 'The Atlantic reported the private messages.', 'en')
    )
    expect(await find('reporting')).toEqual([`article:${added.id}`])

    const text = normalizeText('The Atlantic published the messages.')
    await archive.passages.replaceArticleText(
      added.id,
      text,
      paragraphSpans(text),
      await sha256Hex(text),
      []
    )
    expect(await find('reporting')).toEqual([])
    expect(await find('published')).toEqual([`article:${added.id}`])

    const removed = await archive.articles.remove(added.id)
    expect(await find('published')).toEqual([])
    await archive.articles.restore(removed!.article, removed!.text, removed!.passages)
    expect(await find('published')).toEqual([`article:${added.id}`])
  })

  it('follows passages, tags and event links in results and facets', async () => {
    const [article] = await archive.articles.list()
    const parent = await archive.tags.create({ name: 'Contacts', author: '' })
    const child = await archive.tags.create({ name: 'Messages', author: '', parentId: parent.id })
    const passage = await archive.passages.create({
      articleId: article!.id,
      start: 0,
      end: 8,
      tagIds: [child.id],
      note: 'note confidentielle',
      author: ''
    })
    expect(await find('confidentielle')).toEqual([`passage:${passage.id}`])
    expect(await find('wikileaks', { tagIds: [parent.id] })).toEqual([
      `article:${article!.id}`,
      `passage:${passage.id}`
    ])
    const event = await archive.events.createEvent({
      title: 'Premier message',
      date: null,
      place: '',
      participants: [],
      description: '',
      status: 'confirmed',
      author: ''
    })
    await archive.events.link(event.id, [passage.id], 'reports', '')
    expect(await find('wikileaks', { eventIds: [event.id] })).toEqual([
      `article:${article!.id}`,
      `passage:${passage.id}`
    ])
    await archive.passages.update(passage.id, { tagIds: [parent.id] })
    expect(await find('wikileaks', { tagIds: [child.id] })).toEqual([])
    await archive.passages.delete(passage.id)
    expect(await find('confidentielle')).toEqual([])
    expect(await find('wikileaks', { annotated: true })).toEqual([])
  })

  it('follows a merge and its undo', async () => {
    const incoming = await imported('Fusion', 'Un texte venu d’un collègue sur la Trump Tower.')
    const plan = {
      put: {
        articles: [
          {
            id: 'merged-1',
            createdAt: '2024-01-01T00:00:00.000Z',
            updatedAt: '2024-01-01T00:00:00.000Z',
            importedAt: '2024-01-01T00:00:00.000Z',
            ...incoming.meta,
            sourceName: incoming.sourceName,
            sourceFormat: incoming.sourceFormat,
            sha256: incoming.sha256,
            textLength: incoming.text.length,
            paragraphCount: 1
          }
        ],
        texts: [{ articleId: 'merged-1', text: incoming.text, paragraphs: incoming.paragraphs }],
        tags: [],
        passages: [],
        events: [],
        links: [],
        dossiers: []
      },
      summary: {},
      conflicts: []
    } as unknown as Parameters<Archive['dossiers']['applyMerge']>[0]
    const undo = await archive.dossiers.applyMerge(plan)
    expect(await find('tower')).toEqual(['article:merged-1'])
    await archive.dossiers.revertMerge(undo)
    expect(await find('tower')).toEqual([])
  })

  it('checks phrases against the stored text', async () => {
    expect(await find('"Donald Trump"')).toHaveLength(1)
    expect(await find('"Trump Donald"')).toEqual([])
  })
})
