// The one app window: created with the locked-down webPreferences, at its remembered place and
// size (validated against the displays present now), and saving that state as it changes.
import { BrowserWindow, screen } from 'electron'
import {
  MIN_SIZE,
  loadWindowState,
  restoreWindowState,
  saveWindowState,
  type Rect,
  type WindowState
} from './window-state'
import { entryUrl, type AppLocation } from './app-origin'
import type { Log } from './log'

export interface MainWindowOptions {
  location: AppLocation
  /** The dev server URL to load in development; absent in preview and packaged builds. */
  devUrl: string | undefined
  preload: string
  stateFile: string
  log: Log
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { log } = options
  const state = restoreWindowState(loadWindowState(options.stateFile), workAreas())

  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Liasse',
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      webviewTag: false,
      safeDialogs: true,
      // No middle-click: it is the one click that can ask for a new window without window.open.
      disableBlinkFeatures: 'Auxclick'
    }
  })
  if (state.isMaximized) window.maximize()
  window.once('ready-to-show', () => window.show())

  trackState(window, options.stateFile, log)

  const { location } = options
  const load =
    location.kind === 'dev'
      ? window.loadURL(entryUrl(location, options.devUrl))
      : window.loadFile(location.indexFile)
  load.catch((error: unknown) => log.warn('the app page failed to load', error))
  return window
}

// Primary display first: restoreWindowState falls back to it when the saved place is gone.
function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id)
  return [primary, ...others].map((display) => display.workArea)
}

function trackState(window: BrowserWindow, file: string, log: Log): void {
  const current = (): WindowState => ({
    // Normal bounds, so un-maximizing after a restart returns to the size the user chose.
    bounds: window.getNormalBounds(),
    isMaximized: window.isMaximized()
  })
  const save = (state: WindowState): void => {
    try {
      saveWindowState(file, state)
    } catch (error) {
      log.warn('the window state could not be saved', error)
    }
  }
  // Saved shortly after moves and resizes too, so a crash does not lose the last arrangement.
  let timer: NodeJS.Timeout | undefined
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (!window.isDestroyed()) save(current())
    }, 1000)
  }
  window.on('resize', later)
  window.on('move', later)
  window.on('maximize', later)
  window.on('unmaximize', later)
  window.on('close', () => {
    clearTimeout(timer)
    save(current())
  })
}
