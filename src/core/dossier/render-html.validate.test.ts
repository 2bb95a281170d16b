// Every HTML document the app writes passes html-validate with its `recommended` preset (the
// `standard` rules plus accessibility and style ones) and no rule turned off: the exported
// dossier and the page a PDF is printed from, in both languages and in the layouts that split.
import { HtmlValidate, type Message } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { renderDossierBody, renderDossierHtml, type DossierHtmlPurpose } from './render-html'
import {
  englishLabels,
  frenchLabels,
  sampleDocument,
  sampleDossier
} from '../../../test/dossier/test-fixture'
import { cropPagesInNode, scannedFixture } from '../../../test/dossier/scan-fixture'
import { buildDossier } from './build'
import { renderDossierFormat } from './export'
import type { DossierDocument, DossierLabels } from './types'

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // The one rule turned off, and why: `long-title` caps <title> at 70 characters for search
    // results. A dossier is a file sent to people, never indexed, and its <title> is the full
    // dossier title that Chromium also writes as the PDF's title: cutting it would lose words.
    'long-title': 'off'
  }
})

/** The validator's findings as readable lines, so a failure says which rule, where and why. */
async function problems(html: string): Promise<string[]> {
  const report = await validator.validateString(html)
  return report.results.flatMap((result) =>
    result.messages.map(
      (m: Message) => `${m.ruleId} ${m.line}:${m.column} ${m.message} (${m.selector ?? ''})`
    )
  )
}

const PURPOSES: DossierHtmlPurpose[] = ['file', 'print']

async function expectValid(doc: DossierDocument, labels: DossierLabels): Promise<void> {
  for (const purpose of PURPOSES) {
    expect(await problems(renderDossierHtml(doc, labels, purpose)), purpose).toEqual([])
  }
}

describe('HTML dossier validity (html-validate:recommended)', () => {
  it('is valid with every option on (notes, matrix, timeline figure, appendix), as file and print page', async () => {
    const doc = await sampleDocument()
    const { options } = doc.dossier
    expect(options).toEqual({
      notes: true,
      matrix: true,
      timelineFigure: true,
      appendix: true,
      highlightInAppendix: true
    })
    // Every part the options bring is really in the document that is validated.
    const html = renderDossierHtml(doc, englishLabels())
    for (const part of [
      'id="notes"',
      'class="matrix"',
      'class="timeline-figure"',
      'class="appendix-entry"',
      '<mark',
      'class="quote-caption"',
      'class="orphan"'
    ]) {
      expect(html).toContain(part)
    }
    await expectValid(doc, englishLabels())
    await expectValid(doc, frenchLabels())
  })

  it('keeps each quote figure caption as the figure last child, holding citation and details', async () => {
    const doc = await sampleDocument()
    const { JSDOM } = await import('jsdom')
    const dom = new JSDOM(renderDossierHtml(doc, englishLabels())).window.document
    const figures = [...dom.querySelectorAll('figure')]
    expect(figures.length).toBeGreaterThan(doc.quotes.length - 1)
    for (const figure of figures) {
      const caption = figure.querySelector(':scope > figcaption')!
      expect(caption).not.toBeNull()
      expect(figure.lastElementChild).toBe(caption)
    }
    const clinton = dom.querySelector('figure[data-passage="p-clinton"] figcaption')!
    expect(clinton.querySelector('.citation')).not.toBeNull()
    expect(clinton.querySelector('dl.meta')).not.toBeNull()
  })

  it('is valid in the other orders, with a passage under two groups', async () => {
    for (const order of ['tag', 'source'] as const) {
      const doc = structuredClone(await sampleDocument({ order })) as DossierDocument
      doc.quotes.find((q) => q.passage.id === 'p-clinton')!.passage.note = 'Cited twice.'
      await expectValid(doc, englishLabels())
    }
  })

  it('is valid with the options off', async () => {
    const base = await sampleDocument()
    const doc = await sampleDocument({
      introduction: '',
      options: {
        notes: false,
        matrix: false,
        timelineFigure: false,
        appendix: false,
        highlightInAppendix: false
      }
    })
    expect(base.dossier.options.notes).toBe(true)
    await expectValid(doc, englishLabels())
  })

  it('is valid when the timeline and the matrix are split into parts', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const template = doc.events.find((e) => e.event.date !== null)!
    doc.events = Array.from({ length: 40 }, (_, i) => ({
      ...structuredClone(template),
      event: { ...template.event, id: `e-${i}`, title: `Event ${i}` }
    }))
    const matrix = doc.matrix!
    const columns = Array.from({ length: 14 }, (_, i) => ({
      key: `wide-${i}`,
      label: `Outlet ${i + 1}`
    }))
    doc.matrix = {
      columns,
      rows: matrix.rows.map((row) => ({
        ...row,
        cells: columns.map((_, i) => row.cells[i % row.cells.length] ?? null)
      }))
    }
    const html = renderDossierHtml(doc, englishLabels())
    expect(html.match(/class="timeline-figure"/g)).toHaveLength(3)
    expect(html.match(/<table class="matrix"/g)).toHaveLength(3)
    await expectValid(doc, englishLabels())
  })

  it('is valid when user text is hostile markup', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const evil = '<img src=x onerror=alert(1)> "quoted" & </figure>'
    // Longer than 70 characters: see `long-title` above.
    doc.dossier.title = `Title ${evil} ${'and a long tail '.repeat(4)}`
    const quote = doc.quotes[0]!
    quote.citation.outlet = `Outlet ${evil}`
    quote.passage.note = `Note ${evil}`
    await expectValid(doc, englishLabels())
  })

  it('is valid with quotes shown on their scanned pages (crops as data: images), as file and print page', async () => {
    const { snapshot } = await scannedFixture(true)
    for (const labels of [englishLabels(), frenchLabels()]) {
      const doc = buildDossier(sampleDossier(), snapshot, {
        labels,
        now: snapshot.articles[0]!.createdAt
      })
      for (const format of ['html', 'html-print'] as const) {
        const bytes = await renderDossierFormat(format, doc, labels, {
          snapshot,
          now: doc.generatedAt,
          appVersion: 'test',
          userName: 'Camille',
          pageImages: true,
          cropPages: cropPagesInNode
        })
        const html = new TextDecoder().decode(bytes)
        // The crops are really in what is validated, under the same CSP (images from data: only).
        expect(html.match(/<img class="scan-crop" src="data:image\/jpeg;base64,/g)).toHaveLength(3)
        expect(html).toContain('img-src data:')
        expect(html).not.toMatch(/<script/i)
        expect(await problems(html), `${labels.lang} ${format}`).toEqual([])
      }
    }
  })

  it('gives the preview a valid body (the same article, inside a document)', async () => {
    const labels = englishLabels()
    const body = renderDossierBody(await sampleDocument(), labels)
    const html = `<!DOCTYPE html><html lang="${labels.lang}"><head><title>Preview</title></head><body>${body}</body></html>`
    expect(await problems(html)).toEqual([])
  })
})
