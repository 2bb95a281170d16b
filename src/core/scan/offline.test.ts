// Recognition needs nothing from the network: with every request refused (fetch, http, https),
// a page is still read, and no request was even tried.
import http from 'node:http'
import https from 'node:https'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { importSource } from '../import/import'
import { createTestImportEnvironment } from '../../../test/import/test-env'
import { createNodeScanEnvironment } from '../../../test/scan/node-scan'
import { drawPage } from '../../../test/scan/make-page'

const tried: string[] = []
const refuse =
  (what: string) =>
  (...args: unknown[]) => {
    tried.push(`${what} ${String(args[0])}`)
    throw new Error(`${what}: network refused in this test`)
  }

describe('recognition offline', () => {
  const scan = createNodeScanEnvironment(1)
  beforeAll(() => {
    vi.stubGlobal('fetch', refuse('fetch'))
    vi.spyOn(http, 'request').mockImplementation(refuse('http') as never)
    vi.spyOn(https, 'request').mockImplementation(refuse('https') as never)
    vi.spyOn(http, 'get').mockImplementation(refuse('http') as never)
    vi.spyOn(https, 'get').mockImplementation(refuse('https') as never)
  })
  afterAll(async () => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    await scan.terminate()
  })

  it('reads a page with every request refused, and tries none', async () => {
    const page = drawPage({
      columns: [[['Nothing is fetched to read this page.']]],
      width: 1300,
      height: 400
    })
    const article = await importSource(
      { name: 'offline.png', bytes: page.png },
      { ...createTestImportEnvironment(), scan },
      { limits: { maxPages: 10, maxStoredSide: 1000, language: 'eng' } }
    )
    expect(article.text).toBe('Nothing is fetched to read this page.')
    expect(tried).toEqual([])
  })
})
