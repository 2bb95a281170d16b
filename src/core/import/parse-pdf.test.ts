// PDFs made the way users get them: French text with accents over two pages, document info, a
// damaged file, and a scan without a text layer.
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { makePdf } from '../../../test/import/make-pdf'
import { importSource } from './import'
import { createTestImportEnvironment } from '../../../test/import/test-env'
import { ImportError } from './types'

const env = createTestImportEnvironment()
const NOW = new Date('2025-01-01T00:00:00Z')
const pdf = (bytes: Uint8Array, name = 'article.pdf') =>
  importSource({ name, bytes }, env, { now: NOW })

const PAGES = [
  [
    [
      'Le fils aîné de Donald Trump a entretenu, pendant la campagne,',
      'des échanges suivis avec WikiLeaks.'
    ],
    ['« Bien sûr, l’Australie ne le fera pas », écrivait l’organisation — déjà en 2016.']
  ],
  [['Ces révélations coûtent cher à l’équipe de campagne, à Noël comme à l’été.']]
]

describe('importSource: PDF', () => {
  it('extracts French text with accents, line breaks and paragraphs over two pages', async () => {
    const article = await pdf(
      await makePdf({ pages: PAGES, title: 'Les échanges de Trump Jr', author: 'Hélène Dupré' })
    )
    expect(article.text).toBe(
      [
        'Le fils aîné de Donald Trump a entretenu, pendant la campagne,\ndes échanges suivis avec WikiLeaks.',
        '« Bien sûr, l’Australie ne le fera pas », écrivait l’organisation — déjà en 2016.',
        'Ces révélations coûtent cher à l’équipe de campagne, à Noël comme à l’été.'
      ].join('\n\n')
    )
    expect(article.paragraphs).toHaveLength(3)
    expect(article.sourceFormat).toBe('pdf')
  })

  it('takes title and author from the document info', async () => {
    const article = await pdf(
      await makePdf({ pages: PAGES, title: 'Les échanges de Trump Jr', author: 'Hélène Dupré' })
    )
    expect(article.meta).toMatchObject({
      title: 'Les échanges de Trump Jr',
      author: 'Hélène Dupré',
      language: 'fr'
    })
  })

  it('ignores placeholder titles and uses the text instead', async () => {
    const article = await pdf(
      await makePdf({
        pages: [[['Un titre dans la page'], ['Un paragraphe.']]],
        title: 'Microsoft Word - brouillon.docx'
      })
    )
    expect(article.meta.title).toBe('Un titre dans la page')
  })

  it('titles a PDF printed from a browser ("about:blank") with its first page’s largest heading', async () => {
    const article = await pdf(
      await makePdf({
        title: 'about:blank',
        runningHeader: 'LE QUOTIDIEN — 14 NOVEMBRE 2017',
        pages: [
          [
            ['International'],
            [{ text: 'Des échanges secrets entre Trump Jr et WikiLeaks', size: 20 }],
            ...PAGES[0]!
          ],
          ...PAGES.slice(1)
        ]
      }),
      'about_blank.pdf'
    )
    expect(article.meta.title).toBe('Des échanges secrets entre Trump Jr et WikiLeaks')
    // The heading stays in the text, where the reader sees it.
    expect(article.text).toContain('\n\nDes échanges secrets entre Trump Jr et WikiLeaks\n\n')
  })

  it('joins a headline set over two lines, and uses it when the document info has no title', async () => {
    const article = await pdf(
      await makePdf({
        pages: [
          [
            [
              { text: 'Des échanges secrets entre', size: 20 },
              { text: 'Trump Jr et WikiLeaks', size: 20 }
            ],
            ...PAGES[0]!
          ]
        ]
      })
    )
    expect(article.meta.title).toBe('Des échanges secrets entre Trump Jr et WikiLeaks')
  })

  it('keeps a real document title over the page’s heading', async () => {
    const article = await pdf(
      await makePdf({
        title: 'Le Monde — WikiLeaks et Donald Trump Jr',
        pages: [[[{ text: 'Des échanges secrets', size: 20 }], ...PAGES[0]!]]
      })
    )
    expect(article.meta.title).toBe('Le Monde — WikiLeaks et Donald Trump Jr')
  })

  it('uses the creation date only when the text gives no date', async () => {
    const creationDate = new Date('2019-05-06T12:00:00Z')
    const dated = await pdf(await makePdf({ pages: PAGES, creationDate }))
    expect(dated.meta.published).toEqual({
      value: '2016',
      precision: 'year',
      qualifier: 'notBefore'
    })
    const undated = await pdf(
      await makePdf({ pages: [[['Un texte sans aucune date.']]], creationDate })
    )
    expect(undated.meta.published).toEqual({
      value: '2019-05-06',
      precision: 'day',
      qualifier: 'stated'
    })
  })

  it('reports damaged bytes as corrupt', async () => {
    const error = await pdf(new TextEncoder().encode('%PDF-1.4 garbage')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).code).toBe('corrupt')
  })

  it('reports a PDF without a text layer as empty, saying why', async () => {
    const scan = await PDFDocument.create()
    scan.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 300 })
    const error = await pdf(await scan.save()).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'empty', detail: 'no text layer (scanned PDF?)' })
  })

  it('leaves the caller’s bytes intact (pdf.js gets a copy)', async () => {
    const bytes = await makePdf({ pages: PAGES })
    const length = bytes.byteLength
    await pdf(bytes)
    expect(bytes.byteLength).toBe(length)
  })
})
