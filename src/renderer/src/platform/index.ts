// Chooses the platform once: the desktop bridge when the preload exposed it, else the browser.
import type { LiasseBridge } from '@shared/ipc'
import { electronPlatform } from './electron'
import type { Platform } from './platform'
import { webPlatform } from './web'

declare global {
  interface Window {
    liasse?: LiasseBridge
  }
}

export const platform: Platform = window.liasse ? electronPlatform(window.liasse) : webPlatform
export type { Platform } from './platform'
