// Fixtures for the desktop app: the real Electron binary when installed (skipped otherwise), a
// fresh profile per test via LIASSE_USER_DATA, and the first window once the app says it is ready.
import {
  test as base,
  expect,
  _electron as electron,
  type ElectronApplication,
  type Page
} from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SKIP_REASON =
  'Electron binary not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD)'

/**
 * The Electron executable, or null when only the npm package is installed. Resolved the way the
 * `electron` package does, but without `require('electron')`, whose fallback is to download the
 * binary: a test must not reach the network to find out it has nothing to run.
 */
export function electronBinary(): string | null {
  try {
    const packageDir = dirname(
      createRequire(join(ROOT, 'package.json')).resolve('electron/package.json')
    )
    const pathFile = join(packageDir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const relative = readFileSync(pathFile, 'utf8').trim()
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist')
    const binary = join(distDir, relative)
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

/** Starts the built app (out/) with the given profile, in English where the OS lets us choose. */
export async function launchApp(userDataDir: string): Promise<ElectronApplication> {
  const executablePath = electronBinary()
  if (!executablePath) throw new Error(SKIP_REASON)
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) {
    throw new Error('The app is not built: run `npm run build` before the _electron tests')
  }
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    // The built files, never a dev server; Electron as itself, never as plain Node.
    if (
      value !== undefined &&
      name !== 'ELECTRON_RENDERER_URL' &&
      name !== 'ELECTRON_RUN_AS_NODE'
    ) {
      env[name] = value
    }
  }
  Object.assign(env, {
    LIASSE_USER_DATA: userDataDir,
    // Linux derives the preferred languages (and so the UI and menu language) from these.
    LANG: 'en_US.UTF-8',
    LANGUAGE: 'en_US',
    LC_ALL: 'en_US.UTF-8'
  })
  return electron.launch({
    executablePath,
    // Chromium refuses to start as root with its OS sandbox (containers); the app's own
    // renderer sandbox (sandbox: true, no Node in the page) is unaffected by this switch.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--lang=en-US', '.'],
    cwd: ROOT,
    env
  })
}

/** The renderer marks `<body data-app-ready="true">` once the archive is open. */
export async function appReady(page: Page): Promise<void> {
  await expect(page.locator('body[data-app-ready="true"]')).toBeAttached({ timeout: 30_000 })
}

interface ElectronFixtures {
  userDataDir: string
  electronApp: ElectronApplication
  appWindow: Page
}

export const test = base.extend<ElectronFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern here
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'liasse-e2e-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  electronApp: async ({ userDataDir }, use) => {
    const app = await launchApp(userDataDir)
    await use(app)
    await app.close()
  },
  appWindow: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow()
    await page.waitForLoadState('domcontentloaded')
    await appReady(page)
    await use(page)
  }
})

export { expect }
