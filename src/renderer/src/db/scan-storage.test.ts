// Scans in the archive (fake-indexeddb): hostile and huge files refused with nothing stored, a
// full disk or a Cancel in the middle of a scan leaving nothing half-written, pages kept while the
// article is in the trash and gone with it, words following a corrected text, undo included.
import 'fake-indexeddb/auto'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DBCore, Middleware } from 'dexie'
import { importBatch, summarize } from '@core/archive/import-batch'
import { importSource } from '@core/import/import'
import type { ImportSource } from '@core/import/types'
import { crc32 } from '@core/scan/probe'
import { paragraphSpans } from '@core/text/normalize'
import { sha256Hex } from '@core/text/hash'
import { createTestImportEnvironment } from '../../../../test/import/test-env'
import { createNodeScanEnvironment } from '../../../../test/scan/node-scan'
import { drawPage } from '../../../../test/scan/make-page'
import { buildTiff } from '../../../../test/scan/make-tiff'
import { ArticleRepository } from './article-repository'
import { LiasseDatabase } from './database'
import { PassageRepository } from './passage-repository'
import { ScanRepository } from './scan-repository'
import { TrashRepository } from './trash-repository'

const scan = createNodeScanEnvironment(1)
const env = { ...createTestImportEnvironment(), scan }
afterAll(() => scan.terminate())

let name: string
let db: LiasseDatabase
beforeEach(() => {
  name = `scans-${Math.random()}`
  db = new LiasseDatabase(name)
})
afterEach(async () => {
  db.close()
  await new LiasseDatabase(name).delete()
})

/** A PNG whose header says 50,000 × 50,000 (2.5 gigapixels), a few bytes of data after it. */
function pngBomb(): Uint8Array {
  const chunk = (type: string, data: number[]): number[] => {
    const body = [...new TextEncoder().encode(type), ...data]
    const crc = crc32(Uint8Array.from(body))
    const be = (v: number): number[] => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]
    return [...be(data.length), ...body, ...be(crc)]
  }
  const side = [0, 0, 0xc3, 0x50] // 50,000
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [...side, ...side, 8, 0, 0, 0, 0]),
    ...chunk('IDAT', [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
    ...chunk('IEND', [])
  ])
}

function batch(sources: ImportSource[], signal?: AbortSignal) {
  const repo = new ArticleRepository(db)
  return importBatch(sources, {
    parse: (source, onPage) => importSource(source, env, { signal, onPage }),
    store: (article, index) => repo.add(article, index),
    storeGroup: (items) => repo.addMany(items),
    signal
  })
}

describe('hostile and huge scans', () => {
  it('refuses a decompression bomb, a 10,000-frame TIFF, a truncated image; stores the good ones whole', async () => {
    const good = drawPage({ columns: [[['A clipping worth keeping.']]], width: 1200, height: 400 })
    const cut = drawPage({ columns: [[['Cut in half.']]], width: 800, height: 300 })
    const pixel = Uint8Array.of(128)
    const tiff = buildTiff(
      Array.from({ length: 10_000 }, () => ({ width: 1, height: 1, strips: [pixel] }))
    )
    const report = await batch([
      { name: 'good.png', bytes: good.png },
      { name: 'bomb.png', bytes: pngBomb() },
      { name: 'ledger.tif', bytes: tiff },
      { name: 'cut.png', bytes: cut.png.slice(0, Math.floor(cut.png.length * 0.6)) },
      { name: 'photo.pdf', bytes: good.png.slice() }
    ])
    expect(summarize(report)).toEqual({ imported: 1, duplicates: 1, failed: 3, newer: 0 })
    expect(report.outcomes.map((o) => (o.status === 'failed' ? o.code : o.status))).toEqual([
      'imported',
      'imageTooLarge',
      'tooManyPages',
      'corrupt',
      // The same page renamed .pdf is read as the image it is: the same text, so a duplicate.
      'duplicate'
    ])
    const [article] = await db.articles.toArray()
    expect(article).toMatchObject({ sourceFormat: 'image', scan: { pages: 1, recognisedPages: 1 } })
    const pages = await new ScanRepository(db).pages(article!.id)
    expect(pages).toHaveLength(1)
    expect(await db.scanPages.count()).toBe(1)
  })

  it('a full disk while the pages are written leaves no article and no text', async () => {
    const failPages: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'test-quota-scanPages',
      create: (down) => ({
        ...down,
        table: (table) => {
          const inner = down.table(table)
          return {
            ...inner,
            mutate: (req) =>
              table === 'scanPages' && req.type !== 'delete'
                ? Promise.reject(
                    new DOMException('The quota has been exceeded.', 'QuotaExceededError')
                  )
                : inner.mutate(req)
          }
        }
      })
    }
    db.use(failPages)
    const page = drawPage({ columns: [[['Never half stored.']]], width: 1000, height: 300 })
    const report = await batch([{ name: 'full.png', bytes: page.png }])
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', code: 'quota' })
    expect(await db.articles.count()).toBe(0)
    expect(await db.articleTexts.count()).toBe(0)
    expect(await db.scanPages.count()).toBe(0)
  })

  it('Cancel in the middle of a scan stores nothing of it and keeps the files before it', async () => {
    const first = drawPage({ columns: [[['Stored before the cancel.']]], width: 1200, height: 300 })
    const second = drawPage({ columns: [[['Cancelled while read.']]], width: 1200, height: 300 })
    const controller = new AbortController()
    const repo = new ArticleRepository(db)
    const report = await importBatch(
      [
        { name: 'first.png', bytes: first.png },
        { name: 'second.png', bytes: second.png }
      ],
      {
        parse: async (source, onPage) => {
          const promise = importSource(source, env, { signal: controller.signal, onPage })
          if (source.name === 'second.png') controller.abort()
          return promise
        },
        store: (article, index) => repo.add(article, index),
        signal: controller.signal
      }
    )
    expect(report.cancelled).toBe(true)
    expect(report.outcomes.map((o) => o.name)).toEqual(['first.png'])
    expect(await db.articles.count()).toBe(1)
    expect(await db.scanPages.count()).toBe(1)
  })
})

describe('a scanned article in the archive', () => {
  async function stored() {
    const page = drawPage({
      columns: [[['Donald Trump Jr. a répondu aux messages.']]],
      width: 1400,
      height: 300
    })
    await batch([{ name: 'reply.png', bytes: page.png }])
    const article = (await db.articles.toArray())[0]!
    return { article, pages: await new ScanRepository(db).pages(article.id) }
  }

  it('keeps its pages while in the trash, and they go when the trash entry is purged', async () => {
    const { article } = await stored()
    const removed = await new ArticleRepository(db).remove(article.id)
    expect(await db.scanPages.count()).toBe(1)
    const trash = new TrashRepository(db)
    await trash.restore(removed!.trashId)
    expect(await new ScanRepository(db).pages(article.id)).toHaveLength(1)
    const again = await new ArticleRepository(db).remove(article.id)
    await trash.remove(again!.trashId)
    expect(await db.scanPages.count()).toBe(0)
  })

  it('a corrected word keeps its box; undo puts the words back', async () => {
    const { article, pages } = await stored()
    const before = (await db.articleTexts.get(article.id))!.text
    expect(before).toBe('Donald Trump Jr. a répondu aux messages.')
    const after = before.replace('a répondu', 'avait répondu')
    const passages = new PassageRepository(db)
    const { previous } = await passages.replaceArticleText(
      article.id,
      after,
      paragraphSpans(after),
      await sha256Hex(after),
      []
    )
    const [page] = await new ScanRepository(db).pages(article.id)
    const words = page!.words.map((w) => after.slice(w.start, w.end))
    expect(words).toEqual(['Donald', 'Trump', 'Jr.', 'avait', 'répondu', 'aux', 'messages.'])
    expect(page!.start).toBe(0)
    // The corrected word is where "a" was on the page.
    expect(page!.words[3]!.x).toBe(pages[0]!.words[3]!.x)
    await passages.restoreArticleText(previous)
    expect((await new ScanRepository(db).pages(article.id))[0]!.words).toEqual(pages[0]!.words)
  })
})
