// The platform in the desktop app: every call goes through the preload bridge (`window.liasse`)
// and its typed contract; an IPC error becomes a PlatformError the UI can show.
import type { ImportSource } from '@core/import/types'
import type { IpcError, IpcResult, LiasseBridge } from '@shared/ipc'
import type { Platform } from './platform'

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
    onMenuCommand: (listener) => bridge.onMenuCommand(listener)
  }
}
