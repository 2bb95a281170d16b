// The shipped web build has the app's page and nothing else: the bench and test harness pages
// (bench/web/), which write synthetic archives into the origin's database and with `reset=1`
// delete it, are built only by the harness build, which benches and e2e tests serve.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { UserConfig } from 'vite'
import { describe, expect, it } from 'vitest'
import harness, { HARNESS_PAGES } from '../bench/vite.bench.config'
import shipped, { syncCsp, syncOrigins } from '../vite.web.config'

const root = resolve(import.meta.dirname, '..')

function inputs(config: UserConfig): string[] {
  const input = config.build?.rollupOptions?.input
  if (typeof input === 'string') return [input]
  return Array.isArray(input) ? input : Object.values(input ?? {})
}

describe('web builds', () => {
  it('ships index.html alone, from src/renderer', () => {
    expect(inputs(shipped as UserConfig)).toEqual([resolve(root, 'src/renderer/index.html')])
    // No other page waits in the product's sources to be added back as an input.
    const pages = readdirSync(resolve(root, 'src/renderer')).filter((n) => n.endsWith('.html'))
    expect(pages).toEqual(['index.html'])
  })

  it('builds the harness pages beside the app, into a folder of their own', () => {
    const config = harness as UserConfig
    const names = inputs(config).map((path) => path.slice(resolve(root, 'src/renderer').length + 1))
    expect(names.sort()).toEqual(['index.html', ...Object.keys(HARNESS_PAGES)].sort())
    for (const source of Object.values(HARNESS_PAGES)) expect(existsSync(source)).toBe(true)
    expect(config.build?.outDir).not.toBe((shipped as UserConfig).build?.outDir)
  })

  it('names in connect-src only the team servers it is built for, HTTPS or on loopback', () => {
    expect(syncOrigins('')).toEqual([])
    expect(syncOrigins('https://couch.example.org/team, http://127.0.0.1:5984')).toEqual([
      'https://couch.example.org',
      'http://127.0.0.1:5984'
    ])
    expect(() => syncOrigins('http://couch.example.org')).toThrow(/neither HTTPS nor on loopback/)
    const page = readFileSync(resolve(root, 'src/renderer/index.html'), 'utf8')
    const transform = syncCsp(['https://couch.example.org']).transformIndexHtml as (
      html: string
    ) => string
    expect(transform(page)).toContain("connect-src 'self' blob: data: https://couch.example.org;")
    expect((syncCsp([]).transformIndexHtml as (html: string) => string)(page)).toContain(
      "connect-src 'self' blob: data:;"
    )
  })
})
