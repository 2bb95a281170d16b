// A table as a store follows it (fake-indexeddb, the real change feed): read once when first
// asked, then kept by the keys that change, whoever writes; a failed first read is tried again.
import 'fake-indexeddb/auto'
import { expect, it } from 'vitest'
import type { Tag } from '@core/archive/passage'
import { openArchive } from '@renderer/db'
import { followTable } from './followed-table'

it('reads the table when first asked, then follows creates, edits and deletes by key', async () => {
  const archive = openArchive(`followed-${Math.random()}`)
  const first = await archive.tags.create({ name: 'Contacts', author: '' })
  let reads = 0
  const tags = followTable<Tag>('tags', (tag) => tag.id, {
    all: () => archive.tags.list(),
    get: (keys) => {
      reads += keys.length
      return archive.db.tags.bulkGet(keys)
    }
  })
  expect(tags.loaded.value).toBe(false)
  // Reading the list starts the first read.
  expect(tags.list.value).toEqual([])
  await tags.load()
  expect(tags.list.value.map((tag) => tag.name)).toEqual(['Contacts'])

  const second = await archive.tags.create({ name: 'Sources', author: '' })
  await archive.tags.update(first.id, { name: 'Contacts directs' })
  await tags.settled()
  expect(tags.byId.value.get(first.id)?.name).toBe('Contacts directs')
  expect(tags.byId.value.get(second.id)?.name).toBe('Sources')
  await archive.tags.delete(second.id)
  await tags.settled()
  expect(tags.list.value.map((tag) => tag.id)).toEqual([first.id])
  // Only the changed keys were read back, never the table again.
  expect(reads).toBeLessThanOrEqual(3)
  archive.db.close()
})

it('tries a failed first read again at the next ask', async () => {
  let attempts = 0
  const table = followTable<{ id: string }>('nothing-written-here', (record) => record.id, {
    all: async () => {
      if (++attempts === 1) throw new Error('disk busy')
      return [{ id: 'a' }]
    },
    get: async () => []
  })
  await expect(table.load()).rejects.toThrow('disk busy')
  await table.load()
  expect(table.list.value).toEqual([{ id: 'a' }])
})
