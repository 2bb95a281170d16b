// Undo/redo semantics: order, labels, redo cleared by a new edit, the cap, failures leaving the
// stacks consistent, and operations running one at a time.
import { describe, expect, it } from 'vitest'
import { History, type Command } from './history'

/** A command over a shared list, so that the tests check the effect, not only the stacks. */
function push(log: string[], value: string, fail: { do?: boolean; undo?: boolean } = {}): Command {
  return {
    label: `add ${value}`,
    async do() {
      if (fail.do) throw new Error('do failed')
      log.push(value)
    },
    async undo() {
      if (fail.undo) throw new Error('undo failed')
      expect(log.at(-1)).toBe(value)
      log.pop()
    }
  }
}

describe('History', () => {
  it('undoes and redoes in order, with labels for the UI', async () => {
    const log: string[] = []
    const history = new History()
    expect(history.canUndo).toBe(false)
    expect(history.undoLabel).toBeNull()
    await history.execute(push(log, 'a'))
    await history.execute(push(log, 'b'))
    expect(log).toEqual(['a', 'b'])
    expect(history.undoLabel).toBe('add b')
    expect(history.undoLabels).toEqual(['add b', 'add a'])

    expect(await history.undo()).toBe(true)
    expect(log).toEqual(['a'])
    expect(history.undoLabel).toBe('add a')
    expect(history.redoLabel).toBe('add b')
    expect(await history.undo()).toBe(true)
    expect(await history.undo()).toBe(false)
    expect(log).toEqual([])
    expect(history.redoLabels).toEqual(['add a', 'add b'])

    expect(await history.redo()).toBe(true)
    expect(await history.redo()).toBe(true)
    expect(await history.redo()).toBe(false)
    expect(log).toEqual(['a', 'b'])
    expect(history.canRedo).toBe(false)
  })

  it('clears redo on a new edit', async () => {
    const log: string[] = []
    const history = new History()
    await history.execute(push(log, 'a'))
    await history.execute(push(log, 'b'))
    await history.undo()
    await history.execute(push(log, 'c'))
    expect(history.canRedo).toBe(false)
    expect(log).toEqual(['a', 'c'])
    expect(history.undoLabels).toEqual(['add c', 'add a'])
  })

  it('keeps only the most recent commands up to its cap', async () => {
    const log: string[] = []
    const history = new History(3)
    for (const value of ['a', 'b', 'c', 'd', 'e']) await history.execute(push(log, value))
    expect(history.undoLabels).toEqual(['add e', 'add d', 'add c'])
    while (await history.undo());
    expect(log).toEqual(['a', 'b'])
    expect(() => new History(0)).toThrow(RangeError)
  })

  it('does not record a command whose do throws, and keeps what could be redone', async () => {
    const log: string[] = []
    const history = new History()
    await history.execute(push(log, 'a'))
    await history.undo()
    await expect(history.execute(push(log, 'x', { do: true }))).rejects.toThrow('do failed')
    expect(history.canUndo).toBe(false)
    expect(history.redoLabel).toBe('add a')
  })

  it('leaves a command whose undo throws on the undo stack', async () => {
    const log: string[] = []
    const history = new History()
    await history.execute(push(log, 'a'))
    await history.execute(push(log, 'b', { undo: true }))
    await expect(history.undo()).rejects.toThrow('undo failed')
    expect(log).toEqual(['a', 'b'])
    expect(history.undoLabels).toEqual(['add b', 'add a'])
    expect(history.canRedo).toBe(false)
    expect(history.busy).toBe(false)
    // The stack still works afterwards.
    await history.execute(push(log, 'c'))
    expect(await history.undo()).toBe(true)
    expect(log).toEqual(['a', 'b'])
  })

  it('leaves a command whose redo throws on the redo stack', async () => {
    let failing = false
    const log: string[] = []
    const history = new History()
    await history.execute({
      label: 'flaky',
      async do() {
        if (failing) throw new Error('redo failed')
        log.push('f')
      },
      async undo() {
        log.pop()
      }
    })
    await history.undo()
    failing = true
    await expect(history.redo()).rejects.toThrow('redo failed')
    expect(history.redoLabel).toBe('flaky')
    expect(history.canUndo).toBe(false)
    failing = false
    expect(await history.redo()).toBe(true)
    expect(log).toEqual(['f'])
  })

  it('runs operations one at a time, so two quick undos undo two commands in order', async () => {
    const events: string[] = []
    const slow = (value: string): Command => ({
      label: value,
      async do() {
        events.push(`do ${value}`)
      },
      async undo() {
        events.push(`start undo ${value}`)
        await new Promise((resolve) => setTimeout(resolve, 10))
        events.push(`end undo ${value}`)
      }
    })
    const history = new History()
    await history.execute(slow('a'))
    await history.execute(slow('b'))
    const results = await Promise.all([history.undo(), history.undo(), history.undo()])
    expect(results).toEqual([true, true, false])
    expect(events.slice(2)).toEqual(['start undo b', 'end undo b', 'start undo a', 'end undo a'])
  })

  it('tells subscribers about every change', async () => {
    const history = new History()
    const seen: Array<string | null> = []
    const stop = history.subscribe((state) => {
      if (!state.busy) seen.push(state.undoLabel)
    })
    await history.execute(push([], 'a'))
    await history.clear()
    stop()
    await history.execute(push([], 'b'))
    expect(seen).toEqual(['add a', null])
  })
})
