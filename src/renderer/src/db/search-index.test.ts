// The search index against fake-indexeddb: built from the archive, then kept current from the
// change log through the real repositories (import, edit, tag, link, merge, delete and undo);
// saved, read back at the next start and caught up, rebuilt when the saved copy is unfit.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportedArticle } from '@core/import/types'
import { sha256Hex } from '@core/text/hash'
import { normalizeText, paragraphSpans } from '@core/text/normalize'
import { openArchive, type Archive } from './index'
import { onArchiveChange } from './change-feed'
import { ArchiveSearchIndex, SEARCH_INDEX_VERSION } from './search-index'

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
  await index.catchUp()
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
  unsubscribe = onArchiveChange(() => void index.catchUp())
  await index.open()
})

afterEach(async () => {
  unsubscribe()
  index.close()
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
    const article = await archive.db.articles.toCollection().first()
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

describe('the saved search index', () => {
  async function reopened(): Promise<{ origin: string; again: ArchiveSearchIndex }> {
    const again = new ArchiveSearchIndex(archive.db)
    const origin = await again.open()
    again.close()
    return { origin, again }
  }

  async function found(target: ArchiveSearchIndex, text: string): Promise<number> {
    return (await target.query({ text, typing: false, filter: {}, offset: 0, limit: 50 })).total
  }

  it('is read back at the next start, and what was written after its save is caught up', async () => {
    // Written while the index runs, but killed before its next save: only the log has it.
    await archive.articles.add(await imported('Tardif', 'Une correction arrivée après coup.'))
    await settled()
    index.close()
    const { origin, again } = await reopened()
    expect(origin).toBe('saved')
    expect(await found(again, 'correction')).toBe(1)
    expect(await found(again, 'wikileaks')).toBe(1)
    expect(again.seq).toBe(index.seq)
  })

  it('a query asked while the saved index is read waits for it, and finds everything', async () => {
    const again = new ArchiveSearchIndex(archive.db)
    const opening = again.open()
    const early = again.query({
      text: 'wikileaks',
      typing: false,
      filter: {},
      offset: 0,
      limit: 50
    })
    expect((await early).total).toBe(1)
    expect(await opening).toBe('saved')
    again.close()
  })

  it('a save covers the log up to where the index is, and the next start reads only the rest', async () => {
    await archive.articles.add(await imported('Deux', 'Le deuxième texte parle de Moscou.'))
    await settled()
    await index.save()
    const meta = (await archive.db.searchIndex.get('meta'))!.value as { seq: number }
    expect(meta.seq).toBe(index.seq)
    const { origin, again } = await reopened()
    expect(origin).toBe('saved')
    expect(await found(again, 'moscou')).toBe(1)
  })

  it('is never saved half-built: a save asked during the build waits for its end', async () => {
    // More articles than one step of the build reads (500), so that the build has several steps.
    const many = await Promise.all(
      Array.from({ length: 1100 }, (_, i) => imported(`Article ${i}`, `Texte numéro mot${i}.`))
    )
    for (const one of many) await archive.articles.add(one)
    const fresh = new ArchiveSearchIndex(archive.db)
    const saves: Promise<void>[] = []
    await fresh.build((state) => {
      if (state.done > 0 && state.done < state.total) saves.push(fresh.save())
    })
    await Promise.all(saves)
    // Nothing was saved while it was partial; the save after the build holds everything.
    await fresh.save()
    fresh.close()
    const { origin, again } = await reopened()
    expect(origin).toBe('saved')
    expect(again.engine.documentCount).toBe(fresh.engine.documentCount)
    for (const word of ['mot1099', 'mot0', 'numéro', 'article'])
      expect(await found(again, word), word).toBe(await found(fresh, word))
    expect(await found(again, 'numéro')).toBe(1100)
  })

  it('is rebuilt when a part is damaged or missing', async () => {
    const meta = (await archive.db.searchIndex.get('meta'))!.value as { parts: string[] }
    const flexPart = meta.parts.find((id) => id.startsWith('flex:'))!
    await archive.db.searchIndex.put({ id: flexPart, value: '{"not": [json' })
    expect((await reopened()).origin).toBe('built')
    await archive.db.searchIndex.delete('terms')
    const { origin, again } = await reopened()
    expect(origin).toBe('built')
    expect(await found(again, 'wikileaks')).toBe(1)
  })

  it('is rebuilt when saved by another version, or ahead of the change log', async () => {
    const meta = (await archive.db.searchIndex.get('meta'))!.value as Record<string, unknown>
    await archive.db.searchIndex.put({
      id: 'meta',
      value: { ...meta, version: SEARCH_INDEX_VERSION - 1 }
    })
    expect((await reopened()).origin).toBe('built')
    const saved = (await archive.db.searchIndex.get('meta'))!.value as Record<string, unknown>
    expect(saved.version).toBe(SEARCH_INDEX_VERSION)
    await archive.db.searchIndex.put({ id: 'meta', value: { ...saved, seq: 1_000_000 } })
    const { origin, again } = await reopened()
    expect(origin).toBe('built')
    expect(await found(again, 'wikileaks')).toBe(1)
  })
})
