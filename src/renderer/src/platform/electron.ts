// The platform in the desktop app: every call goes through the preload bridge (`window.liasse`)
// and its typed contract; an IPC error becomes a PlatformError the UI can show.
import type { ImportSource } from '@core/import/types'
import { MAX_STREAM_CHUNK, type IpcError, type IpcResult, type LiasseBridge } from '@shared/ipc'
import { fileToSource } from './file-source'
import type { AutomaticBackups, Platform } from './platform'

export class PlatformError extends Error {
  override readonly name = 'PlatformError'
  constructor(
    readonly code: IpcError['code'],
    message: string
  ) {
    super(message)
  }
}

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value
  throw new PlatformError(result.error.code, result.error.message)
}

/** Pieces sent to main in one message: large enough to keep IPC cheap, small enough to stream. */
const SEND_CHUNK = 1024 * 1024

/**
 * Sends a stream to a file main opened (`streamId`), in pieces of about 1 MiB, then asks main to
 * commit it; on any failure the file is dropped and the error thrown.
 */
export async function sendStream(
  bridge: LiasseBridge,
  streamId: string,
  stream: ReadableStream<Uint8Array>,
  keep = 1
): Promise<string> {
  const reader = stream.getReader()
  let parts: Uint8Array[] = []
  let size = 0
  const flush = async (): Promise<void> => {
    if (size === 0) return
    const bytes = new Uint8Array(size)
    let at = 0
    for (const part of parts) {
      bytes.set(part, at)
      at += part.length
    }
    parts = []
    size = 0
    unwrap(await bridge.invoke('liasse:stream:write', { streamId, bytes }))
  }
  try {
    for (;;) {
      const next = await reader.read()
      if (next.done) break
      for (let at = 0; at < next.value.length; at += MAX_STREAM_CHUNK) {
        const piece = next.value.subarray(at, at + MAX_STREAM_CHUNK)
        parts.push(piece)
        size += piece.length
        if (size >= SEND_CHUNK) await flush()
      }
    }
    await flush()
    const closed = unwrap(
      await bridge.invoke('liasse:stream:close', { streamId, commit: true, keep })
    )
    return closed?.fileName ?? ''
  } catch (error) {
    await reader.cancel().catch(() => undefined)
    await bridge.invoke('liasse:stream:close', { streamId, commit: false, keep })
    throw error
  }
}

function automaticBackups(bridge: LiasseBridge): AutomaticBackups {
  return {
    async save(stream, keep) {
      const { streamId } = unwrap(await bridge.invoke('liasse:backups:begin', undefined))
      return sendStream(bridge, streamId, stream, keep)
    },
    async list() {
      return unwrap(await bridge.invoke('liasse:backups:list', undefined))
    },
    async closeReady() {
      unwrap(await bridge.invoke('liasse:app:close-ready', undefined))
    },
    open(name) {
      let offset = 0
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const bytes = unwrap(
            await bridge.invoke('liasse:backups:read', { name, offset, length: SEND_CHUNK })
          )
          if (bytes.length === 0) controller.close()
          else {
            offset += bytes.length
            controller.enqueue(bytes)
          }
        }
      })
    }
  }
}

/** Statuses whose answers have no body (a Response refuses one). */
const NO_BODY = new Set([101, 204, 205, 304])

/**
 * A fetch for sync's requests that main carries to the team server (the window itself may reach
 * nothing but the app's files). An abort is sent on to main; a refusal or an unreachable server
 * rejects as a network failure does.
 */
export function syncFetch(bridge: LiasseBridge): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const signal = init?.signal ?? undefined
    const aborted = (): DOMException => new DOMException('The request was aborted', 'AbortError')
    if (signal?.aborted) throw aborted()
    const id = crypto.randomUUID()
    const onAbort = (): void => void bridge.invoke('liasse:sync:abort', { id })
    signal?.addEventListener('abort', onAbort)
    try {
      const method = (init?.method ?? 'GET').toUpperCase() as 'GET'
      const body = typeof init?.body === 'string' ? init.body : null
      const result = await bridge.invoke('liasse:sync:request', { id, method, url, body })
      if (signal?.aborted) throw aborted()
      if (!result.ok) throw new TypeError(result.error.message)
      const answer = result.value
      if ('unreachable' in answer) throw new TypeError(answer.unreachable)
      return new Response(NO_BODY.has(answer.status) ? null : answer.body, {
        status: answer.status,
        headers: { 'Content-Type': 'application/json' }
      })
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }
}

export function electronPlatform(bridge: LiasseBridge): Platform {
  return {
    kind: 'electron',
    async systemLocale() {
      return unwrap(await bridge.invoke('liasse:app:info', undefined)).locale
    },
    async pickFiles(accept, title) {
      const extensions = accept.map((ext) => ext.replace(/^\./, ''))
      const files = unwrap(
        await bridge.invoke('liasse:files:open', { title, filters: [{ name: title, extensions }] })
      )
      return files?.map((file): ImportSource => ({ ...file, kind: 'file' })) ?? null
    },
    droppedFiles: (files) => Promise.all(files.map(fileToSource)),
    async readSampleArchive() {
      const files = unwrap(await bridge.invoke('liasse:sample:read', undefined))
      return files.map((file): ImportSource => ({ ...file, kind: 'file' }))
    },
    async saveFile(request, title) {
      const saved = unwrap(
        await bridge.invoke('liasse:file:save', {
          title,
          suggestedName: request.suggestedName,
          filters: [request.filter],
          bytes: request.bytes
        })
      )
      return saved !== null
    },
    async saveStream(request, title) {
      const opened = unwrap(
        await bridge.invoke('liasse:stream:save', {
          title,
          suggestedName: request.suggestedName,
          filters: [request.filter]
        })
      )
      if (!opened) {
        await request.stream.cancel()
        return false
      }
      await sendStream(bridge, opened.streamId, request.stream)
      return true
    },
    backups: automaticBackups(bridge),
    async savePdf(request, title) {
      const saved = unwrap(
        await bridge.invoke('liasse:pdf:save', {
          title,
          suggestedName: request.suggestedName,
          filters: [request.filter],
          html: request.html,
          pageSize: request.pageSize
        })
      )
      return saved ? 'saved' : 'cancelled'
    },
    sync: {
      async setServer(server) {
        unwrap(await bridge.invoke('liasse:sync:server', { server }))
      },
      fetch: syncFetch(bridge),
      async savePassword(user, password) {
        return unwrap(await bridge.invoke('liasse:sync:credentials', { user, password })).stored
      }
    },
    onMenuCommand: (listener) => bridge.onMenuCommand(listener)
  }
}
