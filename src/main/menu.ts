// Installs the native application menu built by menu-template.ts, in the system language, and
// delivers its commands to the app window on MENU_CHANNEL.
import { app, Menu, type BrowserWindow } from 'electron'
import { MENU_CHANNEL, type MenuCommand } from '@shared/ipc'
import { buildMenuTemplate, pickMenuLocale } from './menu-template'

export function installMenu(getWindow: () => BrowserWindow | null): void {
  const locale = pickMenuLocale(app.getPreferredSystemLanguages())
  // Commands go to the app window only, never to whatever else might hold focus (a devtools
  // window, a dialog); a click programmatically triggered by a test has no window at all.
  const send = (command: MenuCommand): void => {
    const window = getWindow()
    if (window && !window.isDestroyed()) window.webContents.send(MENU_CHANNEL, command)
  }
  app.setAboutPanelOptions({
    applicationName: 'Liasse',
    applicationVersion: app.getVersion(),
    copyright: 'MIT License'
  })
  const template = buildMenuTemplate({
    locale,
    platform: process.platform,
    isPackaged: app.isPackaged,
    send
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
