// Schema versions: an archive written by version 1 opens under the latest version with its articles intact
// and the new passage and tag tables, indexed as the repositories query them.
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, expect, it } from 'vitest'
import { LATEST_VERSION, LiasseDatabase } from './database'

const name = `upgrade-${Math.random()}`
afterEach(async () => {
  await Dexie.delete(name)
})

it('upgrades a version 1 archive without touching its data', async () => {
  const v1 = new Dexie(name)
  v1.version(1).stores({
    articles: 'id, &sha256, title, outlet, published.value, language, importedAt, updatedAt',
    articleTexts: 'articleId',
    settings: 'key'
  })
  await v1.table('articles').add({ id: 'a1', sha256: 'h', title: 'Titre' })
  await v1.table('articleTexts').add({ articleId: 'a1', text: 'Texte', paragraphs: [] })
  v1.close()

  const db = new LiasseDatabase(name)
  await db.open()
  expect(db.verno).toBe(LATEST_VERSION)
  expect((await db.articles.get('a1'))?.title).toBe('Titre')
  expect((await db.articleTexts.get('a1'))?.text).toBe('Texte')
  expect(db.passages.schema.idxByName['tagIds']?.multi).toBe(true)
  expect(Object.keys(db.tags.schema.idxByName).sort()).toEqual(['name', 'parentId', 'updatedAt'])
  expect(db.links.schema.idxByName['[eventId+passageId]']).toBeDefined()
  expect(await db.events.count()).toBe(0)
  expect(await db.dossiers.count()).toBe(0)
  db.close()
})
