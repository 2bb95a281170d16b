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
}

export type InvokeChannel = keyof IpcContract
export type IpcRequest<C extends InvokeChannel> = IpcContract[C]['request']
export type IpcResponse<C extends InvokeChannel> = IpcContract[C]['response']

export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  'liasse:app:info',
  'liasse:files:open',
  'liasse:sample:read',
  'liasse:file:save',
  'liasse:pdf:save'
]

/** Commands sent by the native menus to the renderer on `MENU_CHANNEL`. */
export const MENU_CHANNEL = 'liasse:menu'
export const MENU_COMMANDS = [
  'import',
  'pasteText',
  'export',
  'library',
  'settings',
  'find',
  'search',
  'undo',
  'redo'
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
