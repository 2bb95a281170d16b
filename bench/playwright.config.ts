// `npm run bench`, browser part: the real UI in Chromium (web build), timed by the page itself,
// served from the harness build (`npm run build:harness`: the app plus the pages of bench/web/).
import { defineConfig } from '@playwright/test'

// LIASSE_BENCH_PORT (with LIASSE_HARNESS_OUT) lets two bench runs live side by side.
const PORT = Number(process.env.LIASSE_BENCH_PORT ?? 5198)
const CHROMIUM = process.env.LIASSE_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: '.',
  testMatch: '*.browser-bench.ts',
  timeout: 600_000,
  workers: 1,
  reporter: [['list']],
  webServer: {
    command: `npx vite preview --config bench/vite.bench.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  }
})
