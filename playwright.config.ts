// End-to-end tests. `web`: the real UI as the offline web build, in Debian's Chromium (Playwright's
// own browsers cannot be downloaded here), served from the harness build (`npm run build:harness`:
// the shipped app plus the seeding page of e2e/support/synthetic.ts, on the same origin). `_electron`: the desktop app, where its binary exists.
import { defineConfig } from '@playwright/test'

const PORT = Number(process.env.LIASSE_E2E_PORT ?? 5199)
export const CHROMIUM_PATH = process.env.LIASSE_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  webServer: {
    command: `npx vite preview --config bench/vite.bench.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000
  },
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        baseURL: `http://127.0.0.1:${PORT}/`,
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        locale: 'en-US',
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run'
          ]
        }
      }
    },
    { name: '_electron', testDir: 'e2e/electron' }
  ]
})
