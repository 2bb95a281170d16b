// Entry point of the main process: one instance, one window, the security settings, the IPC
// handlers and the menu, wired together in the order Electron requires.
import { app, BrowserWindow, safeStorage, session } from 'electron'
import { dirname, isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MENU_CHANNEL } from '@shared/ipc'
import { makeAppLocation } from './app-origin'
import { registerIpcHandlers } from './ipc'
import { createLog } from './log'
import { createMainWindow } from './main-window'
import { installMenu } from './menu'
import { hardenAllWebContents, hardenSession } from './security'
import { SyncBridge } from './sync-bridge'

const log = createLog('main')
/** How long closing waits for the renderer's last automatic backup. */
const CLOSE_BACKUP_TIMEOUT_MS = 2 * 60 * 1000
const here = dirname(fileURLToPath(import.meta.url))

// Tests give every run a fresh profile. It must be set before the single-instance lock, which
// is held per profile, and before anything reads userData.
const userData = process.env.LIASSE_USER_DATA
if (userData) {
  if (isAbsolute(userData)) app.setPath('userData', userData)
  else log.warn('LIASSE_USER_DATA ignored: not an absolute path')
}

// Every renderer sandboxed, whatever a future window's webPreferences say.
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this profile; it is told (second-instance) and focuses its window.
  app.quit()
} else {
  start()
}

function start(): void {
  // A packaged app never loads a URL taken from the environment.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  const location = makeAppLocation(devUrl, join(here, '../renderer/index.html'))
  const sampleDir = app.isPackaged
    ? join(process.resourcesPath, 'sample')
    : join(app.getAppPath(), 'resources', 'sample')

  let mainWindow: BrowserWindow | null = null
  const getWindow = (): BrowserWindow | null =>
    mainWindow && !mainWindow.isDestroyed() ? mainWindow : null

  const openWindow = (): void => {
    closeReady = false
    mainWindow = createMainWindow({
      location,
      devUrl,
      preload: join(here, '../preload/index.cjs'),
      stateFile: join(app.getPath('userData'), 'window-state.json'),
      log
    })
    mainWindow.on('closed', () => {
      mainWindow = null
    })
    // Before closing, the renderer makes an automatic backup if the archive changed since the
    // last one, and says when it is done; a renderer that does not answer is not waited for long.
    let closeAsked = false
    const window = mainWindow
    mainWindow.on('close', (event) => {
      if (closeReady) return
      event.preventDefault()
      if (closeAsked) return
      closeAsked = true
      window.webContents.send(MENU_CHANNEL, 'backupBeforeClose')
      setTimeout(allowClose, CLOSE_BACKUP_TIMEOUT_MS)
    })
  }

  let closeReady = false
  const allowClose = (): void => {
    if (closeReady) return
    closeReady = true
    getWindow()?.close()
  }

  hardenAllWebContents(location, log)

  app.on('second-instance', () => {
    const window = getWindow()
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  })

  app.on('window-all-closed', () => {
    // macOS apps stay alive without windows until the user quits.
    if (process.platform !== 'darwin') app.quit()
  })

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession, location, log)
      // Sync's requests leave from here, with Node's fetch, to the one team server configured:
      // the window's own session still reaches nothing but the app's files.
      const sync = new SyncBridge({
        fetch: (input, init) => fetch(input, init),
        safeStorage,
        credentialsFile: join(app.getPath('userData'), 'sync-credentials.json'),
        warn: (message) => log.warn(message)
      })
      registerIpcHandlers({ location, getWindow, sampleDir, onCloseReady: allowClose, sync })
      installMenu(getWindow)
      openWindow()
      app.on('activate', () => {
        if (!getWindow()) openWindow()
      })
      log.info(`ready (${location.kind === 'dev' ? 'dev server' : 'built files'})`)
    })
    .catch((error: unknown) => {
      log.warn('start-up failed', error)
      app.exit(1)
    })
}
