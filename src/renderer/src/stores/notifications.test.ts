import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_ACTIONS, useNotificationsStore } from './notifications'

describe('notices', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('a run of deletes shows only the newest Undo notices, and keeps errors', () => {
    const store = useNotificationsStore()
    store.push({ kind: 'error', text: 'Disk full' })
    for (let i = 1; i <= 10; i++)
      store.push({ kind: 'info', text: `Deleted ${i}`, action: { label: 'Undo', run: () => {} } })
    const texts = store.notices.map((notice) => notice.text)
    expect(texts).toEqual(['Disk full', 'Deleted 8', 'Deleted 9', 'Deleted 10'])
    expect(texts.length).toBe(1 + MAX_ACTIONS)
  })

  it('a plain message replaces the previous plain one', () => {
    const store = useNotificationsStore()
    store.push({ kind: 'info', text: 'Saved' })
    store.push({ kind: 'info', text: 'Saved again' })
    expect(store.notices.map((notice) => notice.text)).toEqual(['Saved again'])
  })
})
