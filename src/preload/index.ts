// The preload: exposes `window.liasse`, a typed bridge built from the IPC contract and nothing
// else. It forwards only the contract's channels and never hands Electron objects to the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  isInvokeChannel,
  isMenuCommand,
  MENU_CHANNEL,
  type InvokeChannel,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
  type LiasseBridge,
  type MenuCommand
} from '../shared/ipc'

const bridge: LiasseBridge = {
  invoke<C extends InvokeChannel>(
    channel: C,
    request: IpcRequest<C>
  ): Promise<IpcResult<IpcResponse<C>>> {
    // Checked here too (main checks again): a page must not reach any channel by guessing names.
    if (!isInvokeChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'badChannel', message: 'Unknown channel' }
      })
    }
    const reply: Promise<IpcResult<IpcResponse<C>>> = ipcRenderer.invoke(channel, request)
    // Main always answers with an IpcResult; a rejection means the request could not even be
    // sent (an uncloneable value) or no handler exists, and still becomes the one error shape.
    return reply.catch((): IpcResult<IpcResponse<C>> => ({
      ok: false,
      error: { code: 'internal', message: 'The request could not be delivered' }
    }))
  },

  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    // The event object is dropped: it carries `sender`, a way back into ipcRenderer.
    const onMessage = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command)
    }
    ipcRenderer.on(MENU_CHANNEL, onMessage)
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, onMessage)
    }
  }
}

contextBridge.exposeInMainWorld('liasse', bridge)
