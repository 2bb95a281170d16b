// The composer's autosave as a user meets it: "saved" only when every edit is written, edits
// written in order, the last edits written at once when the page is left.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Autosave } from './autosave'

/** A store whose writes finish only when the test says so, recording what each wrote. */
function slowStore() {
  const record = { order: 'timeline', sections: 'a' }
  const written: (typeof record)[] = []
  const finish: (() => void)[] = []
  const write = () =>
    new Promise<void>((resolve) => {
      written.push({ ...record })
      finish.push(resolve)
    })
  return { record, written, finish, write }
}

describe('Autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('says "saving" from the first edit until the write is done', async () => {
    const store = slowStore()
    const states: boolean[] = []
    const autosave = new Autosave(store.write, (saving) => states.push(saving))
    autosave.changed()
    autosave.changed()
    expect(states.at(-1)).toBe(true)
    await vi.advanceTimersByTimeAsync(399)
    expect(store.written).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(store.written).toHaveLength(1) // two quick edits, one write
    expect(states.at(-1)).toBe(true)
    store.finish[0]!()
    await vi.advanceTimersByTimeAsync(0)
    expect(states.at(-1)).toBe(false)
  })

  it('does not say "saved" when a write ends while a newer edit waits for its own', async () => {
    const store = slowStore()
    let saving = false
    const autosave = new Autosave(store.write, (value) => (saving = value))
    store.record.sections = 'b'
    autosave.changed()
    await vi.advanceTimersByTimeAsync(400) // the first write starts…
    store.record.order = 'source'
    autosave.changed() // …and an edit comes while it is on its way
    store.finish[0]!()
    await vi.advanceTimersByTimeAsync(0)
    expect(saving).toBe(true) // the order is not written yet
    await vi.advanceTimersByTimeAsync(400)
    expect(store.written.at(-1)).toEqual({ order: 'source', sections: 'b' })
    store.finish[1]!()
    await vi.advanceTimersByTimeAsync(0)
    expect(saving).toBe(false)
  })

  it('writes one at a time, in order', async () => {
    const store = slowStore()
    const autosave = new Autosave(store.write, () => undefined)
    autosave.changed()
    await vi.advanceTimersByTimeAsync(400)
    store.record.order = 'tag'
    autosave.changed()
    await vi.advanceTimersByTimeAsync(400)
    // The second write waits for the first to finish.
    expect(store.written).toHaveLength(1)
    store.finish[0]!()
    await vi.advanceTimersByTimeAsync(0)
    expect(store.written).toHaveLength(2)
    expect(store.written[1]!.order).toBe('tag')
  })

  it('writes the waiting edit at once when the page is left', async () => {
    const store = slowStore()
    let saving = false
    const autosave = new Autosave(store.write, (value) => (saving = value))
    store.record.order = 'source'
    autosave.changed()
    const flushed = autosave.flush()
    await Promise.resolve() // the write starts in the same task, before the page goes
    expect(store.written).toEqual([{ order: 'source', sections: 'a' }])
    store.finish[0]!()
    await flushed
    expect(saving).toBe(false)
    // Nothing more is written when the timer would have fired.
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.written).toHaveLength(1)
  })

  it('goes on writing after a write that failed', async () => {
    const writes: string[] = []
    let fail = true
    const autosave = new Autosave(
      async () => {
        writes.push(fail ? 'failed' : 'written')
        if (fail) throw new Error('disk full')
      },
      () => undefined
    )
    autosave.changed()
    await vi.advanceTimersByTimeAsync(400)
    fail = false
    autosave.changed()
    await vi.advanceTimersByTimeAsync(400)
    expect(writes).toEqual(['failed', 'written'])
  })
})
