// The main window's remembered size, position and maximized flag (userData/window-state.json):
// parsing, restoring against the displays present now, and reading/writing the file.
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync
} from 'node:fs'
import { randomBytes } from 'node:crypto'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  isMaximized: boolean
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const
export const MIN_SIZE = { width: 720, height: 480 } as const
/** How much of the title-bar area must stay on a display for a saved position to be reused. */
const MIN_VISIBLE = 96

/** Accepts only a well-formed saved state; anything else (old format, hand edits) is ignored. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null
  const { bounds, isMaximized } = value as Record<string, unknown>
  if (typeof isMaximized !== 'boolean' || typeof bounds !== 'object' || bounds === null) return null
  const { x, y, width, height } = bounds as Record<string, unknown>
  const numbers = [x, y, width, height]
  if (!numbers.every((n): n is number => typeof n === 'number' && Number.isFinite(n))) return null
  const [nx, ny, nw, nh] = numbers.map(Math.round) as [number, number, number, number]
  if (nw <= 0 || nh <= 0) return null
  return { bounds: { x: nx, y: ny, width: nw, height: nh }, isMaximized }
}

/**
 * Where to open the window given the saved state and the work areas of the displays connected
 * now (primary first). A saved window is kept on the display it overlaps most, shrunk to fit it
 * and moved inside it; when no display shows enough of it (a monitor was unplugged), it opens
 * centred on the primary display, so it can never open out of reach.
 */
export function restoreWindowState(
  saved: WindowState | null,
  workAreas: readonly Rect[]
): WindowState {
  const primary = workAreas[0]
  if (!primary) return { bounds: { x: 0, y: 0, ...DEFAULT_SIZE }, isMaximized: false }
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), isMaximized: false }

  const titleBar: Rect = { ...saved.bounds, height: Math.min(saved.bounds.height, MIN_VISIBLE) }
  let best: Rect | undefined
  let bestArea = 0
  for (const area of workAreas) {
    const overlap = intersection(titleBar, area)
    if (overlap && overlap.width >= Math.min(MIN_VISIBLE, titleBar.width) && overlap.height > 0) {
      const size = overlap.width * overlap.height
      if (size > bestArea) {
        best = area
        bestArea = size
      }
    }
  }
  if (!best)
    return { bounds: centred(fit(saved.bounds, primary), primary), isMaximized: saved.isMaximized }
  return { bounds: clampInto(fit(saved.bounds, best), best), isMaximized: saved.isMaximized }
}

/** Reads the saved state; a missing or corrupt file means "no saved state", never an error. */
export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return null
  }
}

/**
 * Writes the state synchronously (it runs while the window closes and the app may be quitting)
 * and atomically, so a crash mid-write leaves the previous file intact.
 */
export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`
  try {
    const fd = openSync(temp, 'wx')
    try {
      writeSync(fd, JSON.stringify(state))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

function fit(bounds: Rect, area: Rect): Rect {
  const width = Math.max(Math.min(bounds.width, area.width), Math.min(MIN_SIZE.width, area.width))
  const height = Math.max(
    Math.min(bounds.height, area.height),
    Math.min(MIN_SIZE.height, area.height)
  )
  return { x: bounds.x, y: bounds.y, width, height }
}

function clampInto(bounds: Rect, area: Rect): Rect {
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - bounds.width)
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - bounds.height)
  return { ...bounds, x, y }
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width)
  const height = Math.min(size.height, area.height)
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height
  }
}

function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  const right = Math.min(a.x + a.width, b.x + b.width)
  const bottom = Math.min(a.y + a.height, b.y + b.height)
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null
}
