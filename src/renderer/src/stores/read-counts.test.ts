// What the views read, counted record by record on a 600-article archive (fake-indexeddb): the
// start reads the library's first screen and the settings, nothing of the other tables; a
// passage edit reads a handful of records, however large the archive; so does a trash purge at
// start with nothing expired. The stores follow the change log instead of reading tables again.
import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { syntheticArticles, syntheticCodebook } from '../../../../bench/synthetic/archive'
import { countReads, type ReadCounter } from '../../../../test/db/read-counter'
import { archive } from '@renderer/db'
import { useArchiveStore } from './archive'
import { useCodebookStore } from './codebook'
import { useEventsStore } from './events'
import { usePassagesStore } from './passages'
import { useSettingsStore } from './settings'
import { useTrashStore } from './trash'

vi.stubGlobal('document', { documentElement: { lang: '' } })
vi.mock('@renderer/platform', () => ({
  platform: { kind: 'web', systemLocale: async () => 'en-US' }
}))

const ARTICLES = 600
let reads: ReadCounter

beforeAll(async () => {
  const { db } = archive()
  reads = countReads(db)
  const { tags, events } = syntheticCodebook()
  const chunk = syntheticArticles(0, ARTICLES)
  await db.transaction('rw', db.tables, async () => {
    await db.tags.bulkAdd(tags)
    await db.events.bulkAdd(events)
    await db.articles.bulkAdd(chunk.articles)
    await db.articleTexts.bulkAdd(chunk.texts)
    await db.passages.bulkAdd(chunk.passages)
    await db.links.bulkAdd(chunk.links)
  })
  await archive().settings.set('authorName', 'Ana')
  // A trash entry deleted today: nothing has expired.
  await archive().articles.remove(chunk.articles[1]!.id)
})

beforeEach(() => {
  setActivePinia(createPinia())
  reads.reset()
})

/** Every store once it shows what was committed. */
async function settled(): Promise<void> {
  await Promise.all([
    usePassagesStore().settled(),
    useEventsStore().settled(),
    useCodebookStore().settled(),
    useTrashStore().settled()
  ])
}

describe('records read', () => {
  it('at start: the settings, the trash purge and the library’s first screen, nothing else', async () => {
    await useSettingsStore().load()
    await useTrashStore().purgeExpired()
    await useArchiveStore().open()
    const firstScreen = useArchiveStore().articles.length
    expect(firstScreen).toBe(200)
    expect(reads.byTable.get('articles')).toBe(firstScreen)
    // Fixed-size reads besides: settings, the log's newest entry, the trash's expired keys.
    expect(reads.total(['articles'])).toBeLessThanOrEqual(10)
    for (const table of ['articleTexts', 'passages', 'tags', 'events', 'links', 'dossiers'])
      expect(reads.byTable.get(table) ?? 0, table).toBe(0)
    // The rest of the list follows in the background (the library's filter and sort need it).
    await useArchiveStore().refresh()
    expect(useArchiveStore().articles).toHaveLength(ARTICLES - 1)
  })

  it('a passage edit: at most 10 records, with every view that shows passages open', async () => {
    const passages = usePassagesStore()
    await Promise.all([passages.load(), useEventsStore().load(), useCodebookStore().load()])
    expect(passages.passages.length).toBeGreaterThan(50)
    const [passage] = passages.passages
    reads.reset()
    await passages.update(passage!.id, { note: 'relu' })
    await settled()
    expect(passages.passages.find((p) => p.id === passage!.id)?.note).toBe('relu')
    expect(reads.total()).toBeLessThanOrEqual(10)
  })

  it('a title edit reads the article again, not the list', async () => {
    const library = useArchiveStore()
    await library.refresh()
    const [article] = library.articles
    reads.reset()
    await library.updateMeta(article!.id, { title: 'Titre revu' })
    await library.refresh()
    expect(library.byId.get(article!.id)?.title).toBe('Titre revu')
    expect(reads.total()).toBeLessThanOrEqual(10)
  })

  it('a trash purge at start with nothing expired: at most 10', async () => {
    const result = await useTrashStore().purgeExpired()
    expect(result.entries).toBe(0)
    expect(reads.total()).toBeLessThanOrEqual(10)
  })
})
