// Tests of the remembered window state: parsing untrusted JSON, restoring onto the displays
// present now (unplugged monitor, smaller screen), and the atomic file round trip.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  loadWindowState,
  parseWindowState,
  restoreWindowState,
  saveWindowState,
  type Rect
} from './window-state'

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 }
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1415 }

describe('parseWindowState', () => {
  it('accepts a saved state and rounds fractional pixels', () => {
    expect(
      parseWindowState({ bounds: { x: 10.4, y: 20.6, width: 800, height: 600 }, isMaximized: true })
    ).toEqual({ bounds: { x: 10, y: 21, width: 800, height: 600 }, isMaximized: true })
  })

  it('rejects anything malformed', () => {
    expect(parseWindowState(null)).toBeNull()
    expect(parseWindowState('x')).toBeNull()
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 800, height: 600 } })).toBeNull()
    expect(parseWindowState({ bounds: { x: 0, y: 0, width: 800 }, isMaximized: false })).toBeNull()
    expect(
      parseWindowState({ bounds: { x: 0, y: 0, width: Infinity, height: 600 }, isMaximized: false })
    ).toBeNull()
    expect(
      parseWindowState({ bounds: { x: '0', y: 0, width: 800, height: 600 }, isMaximized: false })
    ).toBeNull()
    expect(
      parseWindowState({ bounds: { x: 0, y: 0, width: 0, height: 600 }, isMaximized: false })
    ).toBeNull()
  })
})

describe('restoreWindowState', () => {
  it('centres a default-sized window on the primary display the first time', () => {
    expect(restoreWindowState(null, [rightMonitor, laptop])).toEqual({
      bounds: {
        x: 1440 + (2560 - DEFAULT_SIZE.width) / 2,
        y: Math.round((1415 - DEFAULT_SIZE.height) / 2),
        ...DEFAULT_SIZE
      },
      isMaximized: false
    })
  })

  it('keeps a window that is fully visible exactly where it was', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, isMaximized: true }
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toEqual(saved)
  })

  it('moves a window back to the primary display when its monitor is gone', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, isMaximized: false }
    const restored = restoreWindowState(saved, [laptop])
    // Shrunk to the laptop's height and centred on it.
    expect(restored.bounds).toEqual({ x: 120, y: 0, width: 1200, height: 875 })
  })

  it('pulls a window half off the edge of its display back inside it', () => {
    const saved = { bounds: { x: 1000, y: -20, width: 1000, height: 700 }, isMaximized: false }
    expect(restoreWindowState(saved, [laptop]).bounds).toEqual({
      x: 440,
      y: 0,
      width: 1000,
      height: 700
    })
  })

  it('treats a window whose title bar is off screen as lost', () => {
    // Only the bottom of the window would show: the user could not drag it.
    const saved = { bounds: { x: 100, y: -650, width: 1000, height: 700 }, isMaximized: false }
    const restored = restoreWindowState(saved, [laptop])
    expect(restored.bounds).toEqual({ x: 220, y: 88, width: 1000, height: 700 })
  })

  it('chooses the display showing most of the window and fits the window to it', () => {
    const saved = { bounds: { x: 1300, y: 50, width: 3000, height: 2000 }, isMaximized: false }
    expect(restoreWindowState(saved, [laptop, rightMonitor]).bounds).toEqual(rightMonitor)
  })

  it('never makes a window smaller than the minimum size, unless the display is', () => {
    const saved = { bounds: { x: 10, y: 10, width: 200, height: 100 }, isMaximized: false }
    expect(restoreWindowState(saved, [laptop]).bounds).toMatchObject({ ...MIN_SIZE, x: 10, y: 10 })
    const tiny: Rect = { x: 0, y: 0, width: 640, height: 400 }
    expect(restoreWindowState(saved, [tiny]).bounds).toMatchObject({ width: 640, height: 400 })
  })

  it('survives having no display information', () => {
    expect(restoreWindowState(null, []).bounds).toMatchObject(DEFAULT_SIZE)
  })
})

describe('window-state file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'liasse-ws-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('round-trips through the file and leaves no temporary file', () => {
    const file = join(dir, 'window-state.json')
    const state = { bounds: { x: 5, y: 6, width: 900, height: 700 }, isMaximized: true }
    saveWindowState(file, state)
    saveWindowState(file, { ...state, isMaximized: false })
    expect(loadWindowState(file)).toEqual({ ...state, isMaximized: false })
    expect(readdirSync(dir)).toEqual(['window-state.json'])
  })

  it('reads a missing or corrupt file as no state', () => {
    expect(loadWindowState(join(dir, 'missing.json'))).toBeNull()
    writeFileSync(join(dir, 'bad.json'), '{"bounds": ')
    expect(loadWindowState(join(dir, 'bad.json'))).toBeNull()
  })

  it('cleans up and throws when the folder is gone', () => {
    expect(() =>
      saveWindowState(join(dir, 'nope', 'state.json'), {
        bounds: { x: 0, y: 0, width: 800, height: 600 },
        isMaximized: false
      })
    ).toThrow(/ENOENT/)
  })
})
