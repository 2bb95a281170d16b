// The harness build (`npm run build:harness`, out/harness-web): the app exactly as the shipped web
// build makes it (vite.web.config.ts), plus the bench and test harness pages of bench/web/, which
// write into the origin's IndexedDB (and with `reset=1` delete it). Served by the browser benches
// (bench/playwright.config.ts) and the web e2e tests (playwright.config.ts, for
// e2e/support/synthetic.ts); never shipped. The pages must share the app's origin, so they are
// built beside its index.html: each is loaded as if it stood in src/renderer/ (Vite names a page's
// output after its path under the root), its own scripts resolved from bench/web/.
import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { defineConfig, mergeConfig, type Plugin, type UserConfig } from 'vite'
import web, { syncCsp, syncOrigins } from '../vite.web.config.ts'
import { E2E_COUCH_PORT, E2E_COUCH_PORT_RECOVERY } from '../test/sync/e2e-port.ts'

const root = resolve(import.meta.dirname, '..')
const rendererRoot = resolve(root, 'src/renderer')

/** Output page name → its source in bench/web/. */
export const HARNESS_PAGES: Record<string, string> = {
  // bench/timeline.browser-bench.ts: the time axis alone, generated events.
  'bench-timeline.html': resolve(root, 'bench/web/bench-timeline.html'),
  // bench/library.browser-bench.ts, bench/search.browser-bench.ts, bench/backup.browser-bench.ts
  // and e2e/support/synthetic.ts: writes a synthetic archive (bench/synthetic) into IndexedDB.
  'bench-archive.html': resolve(root, 'bench/web/bench-archive.html'),
  // bench/writes.browser-bench.ts: restore, import and merge against raw IndexedDB puts.
  'bench-writes.html': resolve(root, 'bench/web/bench-writes.html')
}

/** The pages as if in src/renderer/, their `./x.ts` scripts pointing back to bench/web/. */
function harnessPages(): Plugin {
  const source = (id: string): string | undefined =>
    dirname(id) === rendererRoot ? HARNESS_PAGES[relative(rendererRoot, id)] : undefined
  return {
    name: 'liasse-harness-pages',
    enforce: 'pre',
    resolveId: (id) => (source(id) ? id : undefined),
    load(id) {
      const file = source(id)
      if (!file) return undefined
      const from = relative(rendererRoot, dirname(file))
      return readFileSync(file, 'utf8').replace(/src="\.\/([^"]+)"/g, `src="./${from}/$1"`)
    }
  }
}

const shipped = web as UserConfig

export default defineConfig(
  mergeConfig(shipped, {
    // The harness page may reach the team servers the e2e sync tests start (one per spec file),
    // as a team's build may reach its server (LIASSE_SYNC_ORIGINS).
    plugins: [
      harnessPages(),
      syncCsp(
        syncOrigins(
          process.env.LIASSE_SYNC_ORIGINS ??
            `http://127.0.0.1:${E2E_COUCH_PORT} http://127.0.0.1:${E2E_COUCH_PORT_RECOVERY}`
        )
      )
    ],
    build: {
      // LIASSE_HARNESS_OUT lets two harness builds (two checkouts' runs) live side by side.
      outDir: resolve(root, process.env.LIASSE_HARNESS_OUT ?? 'out/harness-web'),
      rollupOptions: {
        input: Object.fromEntries(
          Object.keys(HARNESS_PAGES).map((page) => [
            page.replace(/\.html$/, ''),
            resolve(rendererRoot, page)
          ])
        )
      }
    }
  })
)
