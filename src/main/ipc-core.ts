// The Electron-free heart of the IPC layer: who may call (sender check), what they may send
// (request guards), how failures become the one IpcError shape, and the pipeline joining them.
import {
  isInvokeChannel,
  MAX_STREAM_CHUNK,
  type FileFilter,
  type InvokeChannel,
  type IpcError,
  type IpcRequest,
  type IpcResponse,
  type IpcResult
} from '@shared/ipc'
import { isAppPageUrl, type AppLocation } from './app-origin'

/** What main knows about the frame behind an IPC message, reduced to plain facts. */
export interface SenderFacts {
  /** The sending frame's URL; null when `event.senderFrame` is missing (frame gone or navigated). */
  frameUrl: string | null
  /** True when the sending frame is the top frame of its page (not an iframe). */
  isMainFrame: boolean
  /** True when the message came from the webContents of the app's own main window. */
  isOurWindow: boolean
}

/** Accepts only the main frame of our window showing our own page; returns why otherwise. */
export function checkSender(facts: SenderFacts, location: AppLocation): IpcError | null {
  if (facts.frameUrl === null) return ipcError('badSender', 'The sending frame no longer exists')
  if (!facts.isOurWindow) return ipcError('badSender', 'The sender is not the app window')
  if (!facts.isMainFrame) return ipcError('badSender', 'The sender is not the main frame')
  if (!isAppPageUrl(facts.frameUrl, location)) {
    return ipcError('badSender', 'The sender is not showing the app')
  }
  return null
}

// Bounds on what the renderer may ask for: they keep a confused or compromised renderer from
// making main build huge dialogs or write absurd names; legitimate requests are far below them.
const MAX_TITLE = 200
/** A dossier of thousands of passages with its appendix stays far below this. */
const MAX_HTML = 256 * 1024 * 1024
const MAX_NAME = 255
const MAX_FILTERS = 32
const MAX_EXTENSIONS = 64
const EXTENSION = /^(\*|[A-Za-z0-9][A-Za-z0-9_-]{0,15})$/

type Guard<T> = (value: unknown) => value is T

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max
}

export function isFileFilter(value: unknown): value is FileFilter {
  if (!isRecord(value) || !isShortString(value.name, MAX_TITLE)) return false
  const { extensions } = value
  return (
    Array.isArray(extensions) &&
    extensions.length > 0 &&
    extensions.length <= MAX_EXTENSIONS &&
    extensions.every((ext) => typeof ext === 'string' && EXTENSION.test(ext))
  )
}

function isFilterList(value: unknown): value is FileFilter[] {
  return Array.isArray(value) && value.length <= MAX_FILTERS && value.every(isFileFilter)
}

/** A bare file name: no folder part, nothing that could make the dialog start elsewhere. */
export function isPlainFileName(value: unknown): value is string {
  return (
    isShortString(value, MAX_NAME) &&
    value.trim() !== '' &&
    value !== '.' &&
    value !== '..' &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold.
    !/[/\\:\u0000-\u001f]/.test(value)
  )
}

function isBytes(value: unknown): value is Uint8Array {
  // Checked by tag rather than instanceof so a Uint8Array from another realm still counts.
  return (
    ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]'
  )
}

function isVoid(value: unknown): value is void {
  return value === undefined || value === null
}

/** One guard per channel; the mapped type makes forgetting a channel a compile error. */
export const REQUEST_GUARDS: { [C in InvokeChannel]: Guard<IpcRequest<C>> } = {
  'liasse:app:info': isVoid,
  'liasse:files:open': (value): value is IpcRequest<'liasse:files:open'> =>
    isRecord(value) && isShortString(value.title, MAX_TITLE) && isFilterList(value.filters),
  'liasse:sample:read': isVoid,
  'liasse:file:save': (value): value is IpcRequest<'liasse:file:save'> =>
    isRecord(value) &&
    isShortString(value.title, MAX_TITLE) &&
    isPlainFileName(value.suggestedName) &&
    isFilterList(value.filters) &&
    isBytes(value.bytes),
  'liasse:pdf:save': (value): value is IpcRequest<'liasse:pdf:save'> =>
    isRecord(value) &&
    isShortString(value.title, MAX_TITLE) &&
    isPlainFileName(value.suggestedName) &&
    isFilterList(value.filters) &&
    isShortString(value.html, MAX_HTML) &&
    (value.pageSize === 'A4' || value.pageSize === 'Letter'),
  'liasse:stream:save': (value): value is IpcRequest<'liasse:stream:save'> =>
    isRecord(value) &&
    isShortString(value.title, MAX_TITLE) &&
    isPlainFileName(value.suggestedName) &&
    isFilterList(value.filters),
  'liasse:stream:write': (value): value is IpcRequest<'liasse:stream:write'> =>
    isRecord(value) &&
    isStreamId(value.streamId) &&
    isBytes(value.bytes) &&
    value.bytes.byteLength <= MAX_STREAM_CHUNK,
  'liasse:stream:close': (value): value is IpcRequest<'liasse:stream:close'> =>
    isRecord(value) &&
    isStreamId(value.streamId) &&
    typeof value.commit === 'boolean' &&
    Number.isInteger(value.keep) &&
    (value.keep as number) >= 1 &&
    (value.keep as number) <= 100,
  'liasse:app:close-ready': isVoid,
  'liasse:backups:begin': isVoid,
  'liasse:backups:list': isVoid,
  'liasse:backups:read': (value): value is IpcRequest<'liasse:backups:read'> =>
    isRecord(value) &&
    isPlainFileName(value.name) &&
    Number.isSafeInteger(value.offset) &&
    (value.offset as number) >= 0 &&
    Number.isInteger(value.length) &&
    (value.length as number) >= 1 &&
    (value.length as number) <= MAX_STREAM_CHUNK,
  'liasse:sync:server': (value): value is IpcRequest<'liasse:sync:server'> =>
    isRecord(value) && (value.server === null || isShortString(value.server, 2048)),
  'liasse:sync:request': (value): value is IpcRequest<'liasse:sync:request'> =>
    isRecord(value) &&
    isRequestId(value.id) &&
    typeof value.method === 'string' &&
    SYNC_METHODS.has(value.method) &&
    isShortString(value.url, 8192) &&
    (value.body === null || isShortString(value.body, MAX_SYNC_BODY)),
  'liasse:sync:abort': (value): value is IpcRequest<'liasse:sync:abort'> =>
    isRecord(value) && isRequestId(value.id),
  'liasse:sync:credentials': (value): value is IpcRequest<'liasse:sync:credentials'> =>
    isRecord(value) && isShortString(value.user, 256) && isShortString(value.password, 1024)
}

const SYNC_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD'])
/** A 50 MB text, base64 in its document, with room for the rest of the JSON. */
const MAX_SYNC_BODY = 80 * 1024 * 1024

function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value)
}

function isStreamId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value)
}

/**
 * Maps any failure to the error shape the renderer understands. File-system codes become the
 * cases a user can act on (disk full, no permission); anything unexpected is `internal`. The
 * message never carries a stack trace.
 */
export function toIpcError(error: unknown): IpcError {
  const code = errnoCode(error)
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return ipcError('diskFull', 'There is not enough space left on the disk')
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return ipcError('accessDenied', 'Permission denied')
    case undefined:
      return ipcError('internal', 'Unexpected error in the main process')
    default:
      return ipcError('ioError', `The file could not be read or written (${code})`)
  }
}

function errnoCode(error: unknown): string | undefined {
  if (!isRecord(error) && !(error instanceof Error)) return undefined
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined
}

export function ipcError(code: IpcError['code'], message: string): IpcError {
  return { code, message }
}

export type Handler<C extends InvokeChannel, Context> = (
  request: IpcRequest<C>,
  context: Context
) => Promise<IpcResponse<C>>

export interface InvokeLog {
  info(message: string): void
  warn(message: string, detail?: unknown): void
}

/**
 * The pipeline every invoke goes through: channel, sender, request shape, then the handler. It
 * always resolves to an IpcResult; nothing thrown here or by the handler reaches the renderer.
 */
export async function processInvoke<C extends InvokeChannel, Context>(options: {
  channel: C
  handler: Handler<C, Context>
  /** What the handler needs about the caller (its window); null when that is gone. */
  context: Context | null
  sender: SenderFacts
  location: AppLocation
  args: readonly unknown[]
  log: InvokeLog
}): Promise<IpcResult<IpcResponse<C>>> {
  const { channel, sender, location, args, log } = options
  const started = Date.now()
  const fail = (error: IpcError, detail?: unknown): IpcResult<IpcResponse<C>> => {
    log.warn(`${String(channel)} refused: ${error.code} (${error.message})`, detail)
    return { ok: false, error }
  }

  if (!isInvokeChannel(channel)) return fail(ipcError('badChannel', 'Unknown channel'))
  const senderError = checkSender(sender, location)
  if (senderError) return fail(senderError, { frameUrl: sender.frameUrl })
  const { context } = options
  if (context === null) return fail(ipcError('badSender', 'The app window is gone'))
  const guard: Guard<IpcRequest<C>> = REQUEST_GUARDS[channel]
  const request = args[0]
  if (args.length > 1 || !guard(request)) {
    return fail(ipcError('badRequest', 'The request does not have the expected shape'))
  }
  try {
    const value = await options.handler(request, context)
    log.info(`${channel} ok in ${Date.now() - started} ms`)
    return { ok: true, value }
  } catch (error) {
    return fail(toIpcError(error), error)
  }
}
