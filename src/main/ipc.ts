// The IPC handlers of the contract in src/shared/ipc.ts, each registered through `handle`, which
// checks the sender and the request, logs, and always answers with an IpcResult.
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { basename, join } from 'node:path'
import { isInvokeChannel, type AppInfo, type InvokeChannel } from '@shared/ipc'
import type { AppLocation } from './app-origin'
import { processInvoke, type Handler, type SenderFacts } from './ipc-core'
import {
  beginAutoBackup,
  FileStreams,
  finishAutoBackup,
  listBackups,
  readBackupChunk
} from './backup-files'
import { readPickedFiles, readSampleFolder, writeFileAtomic } from './files'
import { createLog } from './log'
import { printHtmlToPdf } from './print-pdf'
import { SyncBridge } from './sync-bridge'

const log = createLog('ipc')

interface HandlerContext {
  /** The app window the request came from, used as the parent of dialogs. */
  window: BrowserWindow
}

export interface IpcDeps {
  location: AppLocation
  getWindow: () => BrowserWindow | null
  sampleDir: string
  /** The renderer answered `backupBeforeClose`: the window may close now. */
  onCloseReady: () => void
  /** Carries sync requests to the one team server configured. */
  sync: SyncBridge
}

/** Registers one handler per channel of the contract; the record type forces all of them. */
export function registerIpcHandlers(deps: IpcDeps): void {
  const streams = new FileStreams()
  const backupsDir = (): string => join(app.getPath('userData'), 'backups')
  const handlers: { [C in InvokeChannel]: Handler<C, HandlerContext> } = {
    'liasse:app:info': async () => appInfo(),
    'liasse:files:open': async (request, { window }) => {
      const picked = await dialog.showOpenDialog(window, {
        title: request.title,
        filters: request.filters,
        properties: ['openFile', 'multiSelections']
      })
      if (picked.canceled || picked.filePaths.length === 0) return null
      return readPickedFiles(picked.filePaths)
    },
    'liasse:sample:read': async () => readSampleFolder(deps.sampleDir),
    'liasse:file:save': async (request, { window }) => {
      const filePath = await askWhereToSave(window, request)
      if (!filePath) return null
      await writeFileAtomic(filePath, request.bytes)
      return { fileName: basename(filePath) }
    },
    'liasse:pdf:save': async (request, { window }) => {
      // Printed before the dialog: a failure to print is reported before the user picks a place.
      const bytes = await printHtmlToPdf(request.html, request.pageSize, log)
      const filePath = await askWhereToSave(window, request)
      if (!filePath) return null
      await writeFileAtomic(filePath, bytes)
      return { fileName: basename(filePath) }
    },
    'liasse:stream:save': async (request, { window }) => {
      const filePath = await askWhereToSave(window, request)
      if (!filePath) return null
      return { streamId: await streams.begin(filePath) }
    },
    'liasse:stream:write': async (request) => {
      await streams.write(request.streamId, request.bytes)
      return null
    },
    'liasse:stream:close': async (request) => {
      if (!request.commit) {
        await streams.abort(request.streamId)
        return null
      }
      if (streams.isAuto(request.streamId)) {
        const done = await finishAutoBackup(streams, request.streamId, backupsDir(), request.keep)
        log.info(`automatic backup ${done.fileName} verified; ${done.dropped.length} dropped`)
        return { fileName: done.fileName }
      }
      return { fileName: basename(await streams.finish(request.streamId)) }
    },
    'liasse:app:close-ready': async () => {
      deps.onCloseReady()
      return null
    },
    'liasse:backups:begin': async () => ({
      streamId: await beginAutoBackup(streams, backupsDir())
    }),
    'liasse:backups:list': async () => listBackups(backupsDir()),
    'liasse:backups:read': async (request) =>
      readBackupChunk(backupsDir(), request.name, request.offset, request.length),
    'liasse:sync:server': async (request) => {
      deps.sync.setServer(request.server)
      return null
    },
    'liasse:sync:request': async (request) => deps.sync.request(request),
    'liasse:sync:abort': async (request) => {
      deps.sync.abort(request.id)
      return null
    },
    'liasse:sync:credentials': async (request) => ({
      stored: await deps.sync.saveCredentials(request.user, request.password)
    })
  }
  handle('liasse:app:info', handlers['liasse:app:info'], deps)
  handle('liasse:files:open', handlers['liasse:files:open'], deps)
  handle('liasse:sample:read', handlers['liasse:sample:read'], deps)
  handle('liasse:file:save', handlers['liasse:file:save'], deps)
  handle('liasse:pdf:save', handlers['liasse:pdf:save'], deps)
  handle('liasse:stream:save', handlers['liasse:stream:save'], deps)
  handle('liasse:stream:write', handlers['liasse:stream:write'], deps)
  handle('liasse:stream:close', handlers['liasse:stream:close'], deps)
  handle('liasse:app:close-ready', handlers['liasse:app:close-ready'], deps)
  handle('liasse:backups:begin', handlers['liasse:backups:begin'], deps)
  handle('liasse:backups:list', handlers['liasse:backups:list'], deps)
  handle('liasse:backups:read', handlers['liasse:backups:read'], deps)
  handle('liasse:sync:server', handlers['liasse:sync:server'], deps)
  handle('liasse:sync:request', handlers['liasse:sync:request'], deps)
  handle('liasse:sync:abort', handlers['liasse:sync:abort'], deps)
  handle('liasse:sync:credentials', handlers['liasse:sync:credentials'], deps)
}

/** The one way a channel is registered: nothing reaches a handler without the checks. */
export function handle<C extends InvokeChannel>(
  channel: C,
  handler: Handler<C, HandlerContext>,
  deps: IpcDeps
): void {
  if (!isInvokeChannel(channel)) throw new Error(`Not a channel of the IPC contract: ${channel}`)
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    const window = deps.getWindow()
    return processInvoke({
      channel,
      handler,
      context: window && !window.isDestroyed() ? { window } : null,
      sender: senderFacts(event, window),
      location: deps.location,
      args,
      log
    })
  })
}

function senderFacts(event: IpcMainInvokeEvent, window: BrowserWindow | null): SenderFacts {
  const ours = window !== null && !window.isDestroyed() && event.sender.id === window.webContents.id
  try {
    const frame = event.senderFrame
    if (!frame) return { frameUrl: null, isMainFrame: false, isOurWindow: ours }
    const main = ours ? window.webContents.mainFrame : null
    const isMainFrame =
      frame.parent === null &&
      main !== null &&
      frame.processId === main.processId &&
      frame.routingId === main.routingId
    return { frameUrl: frame.url, isMainFrame, isOurWindow: ours }
  } catch {
    // Reading a frame that was disposed mid-call throws; treat it as a vanished sender.
    return { frameUrl: null, isMainFrame: false, isOurWindow: ours }
  }
}

function appInfo(): AppInfo {
  return {
    version: app.getVersion(),
    locale: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    platform: process.platform
  }
}

/** The native save dialog, in the user's documents, with the file name and filters asked for. */
async function askWhereToSave(
  window: BrowserWindow,
  request: { title: string; suggestedName: string; filters: Electron.FileFilter[] }
): Promise<string | null> {
  const chosen = await dialog.showSaveDialog(window, {
    title: request.title,
    defaultPath: join(app.getPath('documents'), request.suggestedName),
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation']
  })
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath
}
