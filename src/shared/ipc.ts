// The one typed contract between the main process and the preload: channel names, request and
// response types, menu commands and the error shape. Nothing else crosses the process boundary.

/** Every channel starts with this prefix; the preload and main refuse any other. */
export const CHANNEL_PREFIX = 'liasse:'

/** A file handed to the renderer: its name and its bytes (never a path the renderer could reuse). */
export interface FilePayload {
  name: string
  bytes: Uint8Array
  /** Set, with the file's size in bytes, when the file was over the size limit and not read. */
  oversize?: number
}

export interface FileFilter {
  name: string
  extensions: string[]
}

export interface AppInfo {
  version: string
  /** The system's preferred locale, e.g. `fr-FR`. */
  locale: string
  platform: string
}

/** An automatic backup in the user data folder (desktop). */
export interface BackupFileInfo {
  /** `liasse-auto-<date>.liasse-backup`: the only names main reads back. */
  name: string
  createdAt: string
  size: number
}

/** The largest piece of a streamed file sent or read in one message. */
export const MAX_STREAM_CHUNK = 16 * 1024 * 1024

/** A request to the team server, carried by main (desktop): only to the configured origin. */
export interface SyncHttpRequest {
  /** Names the request, so that the renderer can abort it (`liasse:sync:abort`). */
  id: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD'
  url: string
  /** JSON text, or null. */
  body: string | null
}

/** The server's answer, or why it could not be reached. */
export type SyncHttpResponse = { status: number; body: string } | { unreachable: string }

/** Request → response type of each invoke channel. */
export interface IpcContract {
  'liasse:app:info': { request: void; response: AppInfo }
  /** Shows the native open dialog; `null` when the user cancels. */
  'liasse:files:open': {
    request: { title: string; filters: FileFilter[] }
    response: FilePayload[] | null
  }
  /** The sample archive shipped in resources/sample. */
  'liasse:sample:read': { request: void; response: FilePayload[] }
  /**
   * Shows the native save dialog and writes atomically (temporary file, then rename);
   * `null` when the user cancels, else the chosen file's name.
   */
  'liasse:file:save': {
    request: { title: string; suggestedName: string; filters: FileFilter[]; bytes: Uint8Array }
    response: { fileName: string } | null
  }
  /**
   * Prints a self-contained HTML document to PDF (hidden window, JavaScript off), then saves it
   * like `file:save`; `null` when the user cancels the save dialog.
   */
  'liasse:pdf:save': {
    request: {
      title: string
      suggestedName: string
      filters: FileFilter[]
      html: string
      pageSize: 'A4' | 'Letter'
    }
    response: { fileName: string } | null
  }
  /**
   * Shows the native save dialog and opens a temporary file beside the chosen one for a file
   * written chunk by chunk (`stream:write`, then `stream:close`); `null` when the user cancels.
   */
  'liasse:stream:save': {
    request: { title: string; suggestedName: string; filters: FileFilter[] }
    response: { streamId: string } | null
  }
  'liasse:stream:write': {
    request: { streamId: string; bytes: Uint8Array }
    response: null
  }
  /**
   * `commit`: the file is renamed into place (an automatic backup is also read back whole, then
   * the oldest beyond `keep` are dropped); else it is deleted.
   */
  'liasse:stream:close': {
    request: { streamId: string; commit: boolean; keep: number }
    response: { fileName: string } | null
  }
  /** The renderer is done before closing (its automatic backup made, or none needed). */
  'liasse:app:close-ready': { request: void; response: null }
  /** Opens the next automatic backup in the user data folder, for `stream:write`. */
  'liasse:backups:begin': { request: void; response: { streamId: string } }
  /** The automatic backups, newest first. */
  'liasse:backups:list': { request: void; response: BackupFileInfo[] }
  /** A piece of one automatic backup (empty past its end). */
  'liasse:backups:read': {
    request: { name: string; offset: number; length: number }
    response: Uint8Array
  }
  /** The team server sync may reach (null: none); any other origin is refused. */
  'liasse:sync:server': { request: { server: string | null }; response: null }
  'liasse:sync:request': { request: SyncHttpRequest; response: SyncHttpResponse }
  'liasse:sync:abort': { request: { id: string }; response: null }
  /** Keeps the password with safeStorage; `stored` false when the system cannot encrypt. */
  'liasse:sync:credentials': {
    request: { user: string; password: string }
    response: { stored: boolean }
  }
}

export type InvokeChannel = keyof IpcContract
export type IpcRequest<C extends InvokeChannel> = IpcContract[C]['request']
export type IpcResponse<C extends InvokeChannel> = IpcContract[C]['response']

export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  'liasse:app:info',
  'liasse:files:open',
  'liasse:sample:read',
  'liasse:file:save',
  'liasse:pdf:save',
  'liasse:stream:save',
  'liasse:stream:write',
  'liasse:stream:close',
  'liasse:app:close-ready',
  'liasse:backups:begin',
  'liasse:backups:list',
  'liasse:backups:read',
  'liasse:sync:server',
  'liasse:sync:request',
  'liasse:sync:abort',
  'liasse:sync:credentials'
]

/** Commands sent by the native menus to the renderer on `MENU_CHANNEL`. */
export const MENU_CHANNEL = 'liasse:menu'
export const MENU_COMMANDS = [
  'import',
  'pasteText',
  'backup',
  'restore',
  'library',
  'settings',
  'find',
  'search',
  'undo',
  'redo',
  /** Main asks before the window closes: an automatic backup if the archive changed, then `app:close-ready`. */
  'backupBeforeClose'
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/** The one error shape the renderer ever sees from main (never a raw exception). */
export interface IpcError {
  code:
    | 'badSender'
    | 'badChannel'
    | 'badRequest'
    | 'ioError'
    | 'tooLarge'
    | 'diskFull'
    | 'accessDenied'
    | 'internal'
  message: string
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

/** The API the preload exposes as `window.liasse`. */
export interface LiasseBridge {
  invoke<C extends InvokeChannel>(
    channel: C,
    request: IpcRequest<C>
  ): Promise<IpcResult<IpcResponse<C>>>
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value)
}

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}
