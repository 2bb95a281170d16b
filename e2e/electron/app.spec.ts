// The desktop app end to end: it starts on the sample library, imports through the native menu
// (dialog stubbed in main), keeps the renderer without Node or network, and remembers its window.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LiasseBridge } from '../../src/shared/ipc'
import { electronBinary, expect, launchApp, appReady, SKIP_REASON, test } from './fixtures'

test.skip(electronBinary() === null, SKIP_REASON)

const LIBRARY_HEADING = /^(Library|Bibliothèque)$/

test('opens one window on the library with the five sample articles', async ({
  electronApp,
  appWindow
}) => {
  expect(electronApp.windows()).toHaveLength(1)
  await expect(appWindow).toHaveTitle(/Liasse/)
  await expect(appWindow.getByRole('heading', { name: LIBRARY_HEADING })).toBeVisible()
  // A header row plus one row per sample article.
  await expect.poll(() => appWindow.getByRole('row').count()).toBeGreaterThanOrEqual(6)
})

test('File › Import… imports the file chosen in the native dialog', async ({
  electronApp,
  appWindow,
  userDataDir
}) => {
  const title = 'Note importée par le menu natif'
  const file = join(userDataDir, 'note-menu.txt')
  await writeFile(
    file,
    `${title}\n\nUn court texte importé par le test de bout en bout, via le menu Fichier.\n`
  )
  await expect.poll(() => appWindow.getByRole('row').count()).toBeGreaterThanOrEqual(6)
  const before = await appWindow.getByRole('row').count()

  // The test cannot drive a native dialog, so main's dialog answers with our file instead.
  await electronApp.evaluate(({ dialog }, path) => {
    dialog.showOpenDialog = async () => ({ canceled: false, filePaths: [path] })
  }, file)
  await electronApp.evaluate(({ Menu }) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById('file-import')
    if (!item) throw new Error('menu item file-import not found')
    item.click()
  })

  await expect(appWindow.getByRole('row').filter({ hasText: title })).toHaveCount(1)
  expect(await appWindow.getByRole('row').count()).toBe(before + 1)
})

test('the page has no Node, only the bridge, and no network', async ({ appWindow }) => {
  const facts = await appWindow.evaluate(async () => {
    const scope = globalThis as unknown as {
      liasse?: LiasseBridge
      require?: unknown
      process?: unknown
    }
    const bridge = scope.liasse
    const bad = bridge
      ? await bridge.invoke('liasse:shell:exec' as 'liasse:app:info', undefined)
      : null
    const info = bridge ? await bridge.invoke('liasse:app:info', undefined) : null
    let network = 'allowed'
    try {
      await fetch('https://example.com/')
    } catch {
      network = 'blocked'
    }
    return {
      keys: bridge ? Object.keys(bridge).sort() : [],
      require: typeof scope.require,
      process: typeof scope.process,
      bad,
      info,
      network
    }
  })
  expect(facts.keys).toEqual(['invoke', 'onMenuCommand'])
  expect(facts.require).toBe('undefined')
  expect(facts.process).toBe('undefined')
  expect(facts.bad).toMatchObject({ ok: false, error: { code: 'badChannel' } })
  expect(facts.info).toMatchObject({ ok: true, value: { version: expect.any(String) } })
  expect(facts.network).toBe('blocked')
})

test('navigation away from the app and new windows are refused', async ({
  electronApp,
  appWindow
}) => {
  const start = appWindow.url()
  await appWindow.evaluate(() => {
    globalThis.open('https://example.com/', '_blank')
    globalThis.location.href = 'https://example.com/'
  })
  await appWindow.waitForTimeout(500)
  expect(appWindow.url()).toBe(start)
  expect(electronApp.windows()).toHaveLength(1)
})

test('remembers the window size across restarts', async ({ userDataDir }) => {
  const first = await launchApp(userDataDir)
  const page = await first.firstWindow()
  await appReady(page)
  await first.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 40, width: 1000, height: 700 })
  })
  await first.close()

  const second = await launchApp(userDataDir)
  try {
    await appReady(await second.firstWindow())
    const size = await second.evaluate(({ BrowserWindow }) => {
      const bounds = BrowserWindow.getAllWindows()[0]?.getNormalBounds()
      return bounds ? { width: bounds.width, height: bounds.height } : null
    })
    expect(size).toEqual({ width: 1000, height: 700 })
  } finally {
    await second.close()
  }
})
