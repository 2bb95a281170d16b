// The native menu as data: labels in French or English following the system language, and
// the template Electron builds it from, kept free of Electron calls so it is unit-tested.
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '@shared/ipc'

export type MenuLocale = 'fr' | 'en'

const LABELS = {
  en: {
    file: '&File',
    import: 'Import…',
    pasteText: 'Paste Text as Article…',
    backup: 'Back Up Archive…',
    restore: 'Restore from Backup…',
    settings: 'Settings…',
    quit: 'Quit',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    find: 'Find…',
    search: 'Search the Archive…',
    view: '&View',
    library: 'Library',
    reload: 'Reload',
    toggleDevTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    help: '&Help',
    about: 'About Liasse',
    services: 'Services',
    hide: 'Hide Liasse',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    quitMac: 'Quit Liasse',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    front: 'Bring All to Front'
  },
  fr: {
    file: '&Fichier',
    import: 'Importer…',
    pasteText: 'Coller du texte comme article…',
    backup: 'Sauvegarder l’archive…',
    restore: 'Restaurer depuis une sauvegarde…',
    settings: 'Réglages…',
    quit: 'Quitter',
    edit: '&Édition',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    find: 'Trouver…',
    search: 'Rechercher dans l’archive…',
    view: '&Affichage',
    library: 'Bibliothèque',
    reload: 'Recharger',
    toggleDevTools: 'Outils de développement',
    resetZoom: 'Taille réelle',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    fullScreen: 'Plein écran',
    help: '&Aide',
    about: 'À propos de Liasse',
    services: 'Services',
    hide: 'Masquer Liasse',
    hideOthers: 'Masquer les autres',
    unhide: 'Tout afficher',
    quitMac: 'Quitter Liasse',
    window: 'Fenêtre',
    minimize: 'Placer dans le Dock',
    zoom: 'Réduire/agrandir',
    front: 'Tout ramener au premier plan'
  }
} as const satisfies Record<MenuLocale, Record<string, string>>

export type MenuLabels = (typeof LABELS)[MenuLocale]

/** French when the first preferred system language is French, English for everything else. */
export function pickMenuLocale(preferredLanguages: readonly string[]): MenuLocale {
  const first = preferredLanguages[0]?.toLowerCase() ?? ''
  return first === 'fr' || first.startsWith('fr-') || first.startsWith('fr_') ? 'fr' : 'en'
}

export function menuLabels(locale: MenuLocale): MenuLabels {
  return LABELS[locale]
}

export interface MenuOptions {
  locale: MenuLocale
  platform: NodeJS.Platform
  /** Developer items (reload, devtools) exist only in unpackaged builds. */
  isPackaged: boolean
  /** Delivers a command to the renderer; the template never touches a window itself. */
  send: (command: MenuCommand) => void
}

/**
 * The application menu. Items that act on the archive carry an id (`file-import`…) so tests
 * can click them, and send a MenuCommand; editing and window items use Electron roles, with
 * explicit labels because Electron's role labels are English whatever the system language.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { send, isPackaged } = options
  const mac = options.platform === 'darwin'
  // `&` marks the Alt-key mnemonic on Windows and Linux; macOS has no mnemonics.
  const top = (label: string): string => (mac ? label.replace('&', '') : label)
  const t = LABELS[options.locale]
  const command = (
    id: string,
    label: string,
    cmd: MenuCommand,
    accelerator?: string
  ): MenuItemConstructorOptions => ({
    id,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd)
  })
  const separator: MenuItemConstructorOptions = { type: 'separator' }
  const settings = command('file-settings', t.settings, 'settings', 'CmdOrCtrl+,')

  const appMenu: MenuItemConstructorOptions = {
    id: 'app',
    label: 'Liasse',
    submenu: [
      { id: 'app-about', role: 'about', label: t.about },
      separator,
      { ...settings, id: 'app-settings' },
      separator,
      { role: 'services', label: t.services },
      separator,
      { role: 'hide', label: t.hide },
      { role: 'hideOthers', label: t.hideOthers },
      { role: 'unhide', label: t.unhide },
      separator,
      { id: 'app-quit', role: 'quit', label: t.quitMac }
    ]
  }

  const fileMenu: MenuItemConstructorOptions = {
    id: 'file',
    label: top(t.file),
    submenu: [
      command('file-import', t.import, 'import', 'CmdOrCtrl+O'),
      command('file-paste-text', t.pasteText, 'pasteText'),
      separator,
      command('file-backup', t.backup, 'backup', 'CmdOrCtrl+E'),
      command('file-restore', t.restore, 'restore'),
      // macOS keeps settings and quit in the app menu.
      ...(mac
        ? []
        : [
            separator,
            settings,
            separator,
            { id: 'file-quit', role: 'quit', label: t.quit } as const
          ])
    ]
  }

  const editMenu: MenuItemConstructorOptions = {
    id: 'edit',
    label: top(t.edit),
    submenu: [
      // Not roles: undo and redo act on the archive's history unless a text field has the focus,
      // which the renderer decides (it knows where the focus is).
      command('edit-undo', t.undo, 'undo', 'CmdOrCtrl+Z'),
      command('edit-redo', t.redo, 'redo', 'CmdOrCtrl+Shift+Z'),
      separator,
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
      separator,
      command('edit-find', t.find, 'find', 'CmdOrCtrl+F'),
      command('edit-search', t.search, 'search', 'CmdOrCtrl+K')
    ]
  }

  const viewMenu: MenuItemConstructorOptions = {
    id: 'view',
    label: top(t.view),
    submenu: [
      command('view-library', t.library, 'library'),
      separator,
      ...(isPackaged
        ? []
        : [
            { id: 'view-reload', role: 'reload', label: t.reload } as const,
            { id: 'view-devtools', role: 'toggleDevTools', label: t.toggleDevTools } as const,
            separator
          ]),
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      separator,
      { role: 'togglefullscreen', label: t.fullScreen }
    ]
  }

  const windowMenu: MenuItemConstructorOptions = {
    id: 'window',
    label: t.window,
    role: 'windowMenu',
    submenu: [
      { role: 'minimize', label: t.minimize },
      { role: 'zoom', label: t.zoom },
      separator,
      { role: 'front', label: t.front }
    ]
  }

  const helpMenu: MenuItemConstructorOptions = {
    id: 'help',
    label: top(t.help),
    role: 'help',
    // On macOS "About" lives in the app menu already.
    submenu: mac ? [] : [{ id: 'help-about', role: 'about', label: t.about }]
  }

  return mac
    ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu]
    : [fileMenu, editMenu, viewMenu, helpMenu]
}
