// Tests of the menu template: French and English labels, accelerators, the commands each item
// sends, developer items only when unpackaged, and the macOS app menu.
import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '@shared/ipc'
import { buildMenuTemplate, pickMenuLocale, type MenuOptions } from './menu-template'

function build(overrides: Partial<MenuOptions> = {}) {
  const send = vi.fn<(command: MenuCommand) => void>()
  const template = buildMenuTemplate({
    locale: 'en',
    platform: 'linux',
    isPackaged: true,
    send,
    ...overrides
  })
  return { template, send }
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : [])
  ])
}

function byId(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = items(template).find((item) => item.id === id)
  if (!found) throw new Error(`no menu item ${id}`)
  return found
}

function click(item: MenuItemConstructorOptions): void {
  // The template's handlers ignore Electron's arguments, so none are built here.
  ;(item.click as unknown as () => void)()
}

describe('pickMenuLocale', () => {
  it('follows the first preferred system language', () => {
    expect(pickMenuLocale(['fr-FR', 'en-US'])).toBe('fr')
    expect(pickMenuLocale(['fr'])).toBe('fr')
    expect(pickMenuLocale(['FR-ca'])).toBe('fr')
    expect(pickMenuLocale(['en-GB', 'fr-FR'])).toBe('en')
    expect(pickMenuLocale(['de-DE'])).toBe('en')
    expect(pickMenuLocale(['fry'])).toBe('en')
    expect(pickMenuLocale([])).toBe('en')
  })
})

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Help on Windows and Linux, labelled in English', () => {
    const { template } = build()
    expect(template.map((menu) => menu.label)).toEqual(['&File', '&Edit', '&View', '&Help'])
    expect(byId(template, 'file-import').label).toBe('Import…')
    expect(byId(template, 'file-paste-text').label).toBe('Paste Text as Article…')
    expect(byId(template, 'file-backup').label).toBe('Back Up Archive…')
    expect(byId(template, 'file-restore').label).toBe('Restore from Backup…')
    expect(byId(template, 'file-quit')).toMatchObject({ role: 'quit', label: 'Quit' })
    expect(byId(template, 'view-library').label).toBe('Library')
    expect(byId(template, 'help-about')).toMatchObject({ role: 'about', label: 'About Liasse' })
  })

  it('is labelled in French, role items included', () => {
    const { template } = build({ locale: 'fr' })
    expect(template.map((menu) => menu.label)).toEqual([
      '&Fichier',
      '&Édition',
      '&Affichage',
      '&Aide'
    ])
    expect(byId(template, 'file-import').label).toBe('Importer…')
    expect(byId(template, 'file-paste-text').label).toBe('Coller du texte comme article…')
    expect(byId(template, 'file-backup').label).toBe('Sauvegarder l’archive…')
    expect(byId(template, 'file-restore').label).toBe('Restaurer depuis une sauvegarde…')
    expect(byId(template, 'file-quit').label).toBe('Quitter')
    expect(byId(template, 'view-library').label).toBe('Bibliothèque')
    const edit = items(template).filter((item) => item.role !== undefined)
    expect(byId(template, 'edit-undo').label).toBe('Annuler')
    expect(byId(template, 'edit-redo').label).toBe('Rétablir')
    expect(edit.find((item) => item.role === 'selectAll')?.label).toBe('Tout sélectionner')
    expect(edit.find((item) => item.role === 'togglefullscreen')?.label).toBe('Plein écran')
  })

  it('gives Import and Back Up their shortcuts', () => {
    const { template } = build()
    expect(byId(template, 'file-import').accelerator).toBe('CmdOrCtrl+O')
    expect(byId(template, 'file-backup').accelerator).toBe('CmdOrCtrl+E')
    expect(byId(template, 'file-paste-text').accelerator).toBeUndefined()
  })

  it('sends one command per item, and only when clicked', () => {
    const { template, send } = build()
    expect(send).not.toHaveBeenCalled()
    const expected: Record<string, MenuCommand> = {
      'file-import': 'import',
      'file-paste-text': 'pasteText',
      'file-backup': 'backup',
      'file-restore': 'restore',
      'file-settings': 'settings',
      'edit-find': 'find',
      'edit-search': 'search',
      'edit-undo': 'undo',
      'edit-redo': 'redo',
      'view-library': 'library'
    }
    for (const [id, command] of Object.entries(expected)) {
      send.mockClear()
      click(byId(template, id))
      expect(send, id).toHaveBeenCalledExactlyOnceWith(command)
    }
  })

  it('uses roles for editing, zoom and full screen', () => {
    const roles = items(build().template).flatMap((item) => (item.role ? [item.role] : []))
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']))
    expect(roles).toEqual(
      expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    )
  })

  it('offers reload and devtools only when not packaged', () => {
    const packaged = items(build({ isPackaged: true }).template).map((item) => item.role)
    expect(packaged).not.toContain('reload')
    expect(packaged).not.toContain('toggleDevTools')
    const dev = items(build({ isPackaged: false }).template).map((item) => item.role)
    expect(dev).toContain('reload')
    expect(dev).toContain('toggleDevTools')
  })

  it('adds the app menu on macOS, with settings, about and quit there instead', () => {
    const { template, send } = build({ platform: 'darwin', locale: 'fr' })
    expect(template.map((menu) => menu.label)).toEqual([
      'Liasse',
      'Fichier',
      'Édition',
      'Affichage',
      'Fenêtre',
      'Aide'
    ])
    expect(byId(template, 'app-about')).toMatchObject({
      role: 'about',
      label: 'À propos de Liasse'
    })
    expect(byId(template, 'app-quit')).toMatchObject({ role: 'quit', label: 'Quitter Liasse' })
    click(byId(template, 'app-settings'))
    expect(send).toHaveBeenCalledExactlyOnceWith('settings')
    const ids = items(template).map((item) => item.id)
    expect(ids).not.toContain('file-quit')
    expect(ids).not.toContain('file-settings')
    expect(ids).not.toContain('help-about')
    expect(ids).toContain('file-import')
  })

  it('uses unique ids so tests can find every item', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const ids = items(build({ platform, isPackaged: false }).template).flatMap((item) =>
        item.id ? [item.id] : []
      )
      expect(new Set(ids).size, platform).toBe(ids.length)
    }
  })
})
