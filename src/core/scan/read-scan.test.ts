import { afterAll, describe, expect, it } from 'vitest'
import { importSource } from '../import/import'
import { createTestImportEnvironment } from '../../../test/import/test-env'
import { createNodeScanEnvironment } from '../../../test/scan/node-scan'
import { drawPage } from '../../../test/scan/make-page'
import { outlineBoxes, wordAtPoint } from './words'

const scan = createNodeScanEnvironment(1)
const env = { ...createTestImportEnvironment(), scan }
afterAll(() => scan.terminate())

describe('recognising a page image', () => {
  it('imports a PNG as an article whose text is the page, with each word boxed where it is drawn', async () => {
    const page = drawPage({
      headline: 'WikiLeaks écrivait à Donald Trump Jr.',
      columns: [
        [
          ['Le fils du candidat a reçu des messages', 'privés pendant la campagne de 2016.'],
          ['Il a répondu à plusieurs reprises, selon', 'les documents remis au Congrès.']
        ]
      ]
    })
    const article = await importSource({ name: 'coupure.png', bytes: page.png }, env)
    expect(article.sourceFormat).toBe('image')
    expect(article.text).toContain(
      'Le fils du candidat a reçu des messages privés pendant la campagne de 2016.'
    )
    expect(article.paragraphs.length).toBe(3)
    expect(article.meta.title).toBe('WikiLeaks écrivait à Donald Trump Jr.')
    expect(article.meta.language).toBe('fr')
    const pages = article.scan!.pages
    expect(pages).toHaveLength(1)
    expect(article.scan!.summary).toMatchObject({ pages: 1, recognisedPages: 1, language: 'fra' })
    expect(article.scan!.summary.confidence).toBeGreaterThan(80)
    // Text → page: the words of "reçu des messages" are outlined where they were drawn.
    const start = article.text.indexOf('reçu des messages')
    const boxes = outlineBoxes(pages[0]!.words, { start, end: start + 'reçu des messages'.length })
    expect(boxes).toHaveLength(1)
    const scale = pages[0]!.width / page.width
    const drawn = page.words.find((w) => w.text === 'reçu')!
    expect(Math.abs(boxes[0]!.x - drawn.x * scale)).toBeLessThan(10)
    // Page → text: a click on "Congrès." lands on that word's offset.
    const congres = page.words.find((w) => w.text === 'Congrès.')!
    const hit = wordAtPoint(
      pages[0]!.words,
      (congres.x + congres.w / 2) * scale,
      (congres.y + congres.h / 2) * scale
    )
    expect(article.text.slice(hit!.start, hit!.end)).toBe('Congrès.')
  })
})
