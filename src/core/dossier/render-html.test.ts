// The HTML dossier as a reader (and a cautious recipient) meets it: nothing runs, nothing loads,
// every quote is there with its source, notes and contents lead somewhere, appendix marks match.
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { DOSSIER_CSS, renderDossierBody, renderDossierHtml } from './render-html'
import { englishLabels, frenchLabels, sampleDocument } from '../../../test/dossier/test-fixture'
import type { DossierDocument } from './types'

function parse(html: string): Document {
  return new JSDOM(html).window.document
}

/** Every in-document link points at an element that exists; none points anywhere else. */
function expectLinksResolve(dom: Document): void {
  for (const a of dom.querySelectorAll('[href]')) {
    const href = a.getAttribute('href')!
    expect(href.startsWith('#'), href).toBe(true)
    expect(dom.getElementById(decodeURIComponent(href.slice(1))), href).not.toBeNull()
  }
}

function expectNothingLoads(html: string, dom: Document): void {
  expect(dom.querySelector('script')).toBeNull()
  expect(dom.querySelectorAll('[src], [srcset], img, iframe, object, embed, link')).toHaveLength(0)
  for (const el of dom.querySelectorAll('[style]')) {
    expect(el.getAttribute('style')).not.toMatch(/url\(|@import/i)
  }
  for (const style of dom.querySelectorAll('style')) {
    expect(style.textContent).not.toMatch(/url\(|@import/i)
  }
  for (const el of dom.querySelectorAll('*')) {
    expect(el.getAttributeNames().filter((name) => name.startsWith('on'))).toEqual([])
  }
  expect(html).not.toMatch(/<script/i)
  expectLinksResolve(dom)
}

/** The text of every `<mark>` piece of one passage, in document order. */
function markText(dom: Document, passageId: string): string {
  return [...dom.querySelectorAll(`mark[data-passage="${passageId}"]`)]
    .map((m) => m.textContent)
    .join('')
}

describe('renderDossierHtml', () => {
  it('is one file that loads nothing and runs nothing, under a strict CSP', async () => {
    const html = renderDossierHtml(await sampleDocument(), englishLabels())
    const dom = parse(html)
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(dom.documentElement.getAttribute('lang')).toBe('en')
    expect(dom.querySelector('meta[charset]')!.getAttribute('charset')).toBe('utf-8')
    const csp = dom.querySelector('meta[http-equiv="Content-Security-Policy"]')!
    expect(csp.getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    expectNothingLoads(html, dom)
    expect(html).not.toMatch(/https?:\/\//)
    expect(dom.title).toBe('WikiLeaks et Trump Jr')
  })

  it('shows the introduction as Markdown, its raw HTML as text, remote links and images as words', async () => {
    const doc = await sampleDocument({
      introduction:
        'See <script>alert(1)</script> [the list](#sources), [a site](https://example.org/page), ' +
        '![a chart](https://example.org/chart.png) and <https://example.org/auto>.\n\n# Aims'
    })
    const html = renderDossierHtml(doc, englishLabels())
    const dom = parse(html)
    expectNothingLoads(html, dom)
    const intro = dom.getElementById('introduction')!
    expect(intro.textContent).toContain('<script>alert(1)</script>')
    expect(intro.querySelector('a[href="#sources"]')!.textContent).toBe('the list')
    expect(intro.textContent).toContain('a site (https://example.org/page)')
    expect(intro.textContent).toContain('a chart')
    expect(intro.textContent).toContain('https://example.org/auto')
    // Its headings sit under the section's h2.
    expect(intro.querySelector('h3')!.textContent).toBe('Aims')
    expect(intro.querySelector('h1, h2 + h2')).toBeNull()
  })

  it('heads the file with title, subtitle, authors, generation date and working contents', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument()
    const dom = parse(renderDossierHtml(doc, labels))
    expect(dom.querySelector('h1')!.textContent).toBe('WikiLeaks et Trump Jr')
    expect(dom.querySelector('.subtitle')!.textContent).toBe('Ce que disent les sources')
    expect(dom.querySelector('.byline')!.textContent).toBe('By Camille, Dominique')
    expect(dom.querySelector('.generated')!.textContent).toBe(
      labels.generated(labels.formatTimestamp(doc.generatedAt))
    )
    const toc = [...dom.querySelectorAll('nav.toc a')]
    expect(toc.length).toBeGreaterThan(doc.sections.length)
    for (const a of toc) {
      expect(dom.getElementById(a.getAttribute('href')!.slice(1))).not.toBeNull()
    }
    expect(toc.map((a) => a.textContent)).toContain('Sources')
  })

  it('lays sections out in the order the user arranged them', async () => {
    const doc = await sampleDocument({
      sections: ['matrix', 'passages', 'introduction', 'appendix', 'timeline']
    })
    const dom = parse(renderDossierHtml(doc, englishLabels()))
    const headings = [...dom.querySelectorAll('article > section > h2')].map((h) => h.textContent)
    expect(headings).toEqual([
      'Events and sources',
      'Passages',
      'Introduction',
      'Appendix: full texts',
      'Timeline',
      'Notes',
      'Sources'
    ])
  })

  it('quotes every passage in a blockquote with its context, tags, events and citation', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument()
    const dom = parse(renderDossierHtml(doc, labels))
    const exacts = [...dom.querySelectorAll('blockquote .exact')].map((el) => el.textContent)
    for (const quote of doc.quotes) expect(exacts).toContain(quote.text)

    const clinton = dom.getElementById('passage-p-clinton')!
    expect(clinton.querySelector('blockquote')!.getAttribute('lang')).toBe('fr')
    expect(clinton.querySelector('.context')!.textContent).toContain('embarrassants pour')
    expect([...clinton.querySelectorAll('.tag')].map((t) => t.textContent)).toEqual([
      'Acteurs',
      'Demandes'
    ])
    expect(clinton.querySelector('.meta')!.textContent).toContain('mentions A meeting nobody dated')

    const citation = clinton.querySelector('.citation')!
    const ref = citation.querySelector('a.cite-ref')!
    const quote = doc.quotes.find((q) => q.passage.id === 'p-clinton')!
    expect(ref.textContent).toBe(`[${quote.citation.number}]`)
    const source = dom.getElementById(ref.getAttribute('href')!.slice(1))!
    expect(source.closest('#sources')).not.toBeNull()
    expect(source.textContent).toContain(quote.citation.title)
    expect(citation.textContent).toContain(labels.formatPublished(quote.article.published))

    const locator = citation.querySelector('.locator') as HTMLElement
    expect(locator.textContent).toBe('Passage p-clinto')
    expect(locator.dataset.locator).toBe('liasse:passage/p-clinton')
    expect(locator.dataset.exact).toBe(quote.passage.quote.exact)
    expect(locator.dataset.prefix).toBe(quote.passage.quote.prefix)
    expect(locator.dataset.suffix).toBe(quote.passage.quote.suffix)
    expect(Number(locator.dataset.start)).toBe(quote.passage.position.start)
    expect(Number(locator.dataset.end)).toBe(quote.passage.position.end)
  })

  it('under an event heading, does not repeat that event unless the link says more', async () => {
    const dom = parse(renderDossierHtml(await sampleDocument(), englishLabels()))
    const campaign = dom.querySelector('section.group[data-key="event:e-campaign"]')!
    const meta = (id: string) =>
      campaign.querySelector(`figure[data-passage="${id}"] .meta`)?.textContent ?? ''
    // p-son only reports the campaign contacts: the heading says it already.
    expect(meta('p-son')).not.toContain('Contacts during the campaign')
    // p-father contradicts them, with a note: that is said under the quote.
    expect(meta('p-father')).toContain('contradicts Contacts during the campaign')
  })

  it('warns that an orphaned passage is quoted from what was stored', async () => {
    const labels = englishLabels()
    const dom = parse(renderDossierHtml(await sampleDocument(), labels))
    expect(dom.querySelector('#passage-p-orphan .orphan')!.textContent).toBe(labels.orphan)
    expect(dom.querySelectorAll('.orphan')).toHaveLength(1)
  })

  it('turns passage and link notes into numbered footnotes that lead there and back', async () => {
    const labels = englishLabels()
    const dom = parse(renderDossierHtml(await sampleDocument(), labels))
    const notes = [...dom.querySelectorAll('#notes li')]
    // Four passage notes and two link notes in the fixture.
    expect(notes).toHaveLength(6)
    const calls = [...dom.querySelectorAll('sup.fnref a')]
    expect(calls.map((a) => a.textContent)).toEqual(['1', '2', '3', '4', '5', '6'])
    for (const call of calls) {
      const note = dom.getElementById(call.getAttribute('href')!.slice(1))!
      expect(note.closest('#notes')).not.toBeNull()
      const back = note.querySelector('a.backref')!
      expect(back.getAttribute('aria-label')).toBe(labels.backToText)
      expect(dom.getElementById(back.getAttribute('href')!.slice(1))).toBe(call)
    }
    const son = notes.find((li) => li.textContent!.includes('Summary'))!
    expect(son.textContent).toContain('Summary <b>not</b> HTML & "quoted".')
    expect(son.querySelector('b')).toBeNull()
    expect(notes.some((li) => li.textContent!.includes('Only the son is named.'))).toBe(true)
  })

  it('prints the same dossier for a PDF, shown to print media only and without back links', async () => {
    const doc = await sampleDocument()
    const labels = englishLabels()
    const file = parse(renderDossierHtml(doc, labels))
    const printHtml = renderDossierHtml(doc, labels, 'print')
    const printed = parse(printHtml)
    expectNothingLoads(printHtml, printed)
    // Every word of the file but the back links' arrows, every note, every call leading to it.
    const words = (dom: Document): string => {
      const article = dom.querySelector('article')!.cloneNode(true) as Element
      for (const back of article.querySelectorAll('a.backref')) back.remove()
      return article.textContent!.replace(/\s+/g, '')
    }
    expect(words(printed)).toBe(words(file))
    expect(file.querySelectorAll('a.backref')).toHaveLength(6)
    expect(printed.querySelectorAll('a.backref')).toHaveLength(0)
    expect(printed.querySelectorAll('#notes li')).toHaveLength(6)
    for (const call of printed.querySelectorAll('sup.fnref a')) {
      expect(
        printed.getElementById(call.getAttribute('href')!.slice(1))!.closest('#notes')
      ).not.toBeNull()
    }
    // Hidden on screen (the app never shows this page), laid out only when printed.
    const rules = [...printed.querySelectorAll('style')].map((style) => style.textContent).join('')
    expect(rules).toMatch(/@media screen\s*{\s*html\s*{\s*display:\s*none;?\s*}\s*}/)
    expect(
      [...file.querySelectorAll('style')].map((style) => style.textContent).join('')
    ).not.toMatch(/display:\s*none/)
  })

  it('shows a long timeline as numbered figures that each fit a page', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const template = doc.events.find((e) => e.event.date !== null)!
    doc.events = Array.from({ length: 40 }, (_, i) => ({
      ...structuredClone(template),
      event: { ...template.event, id: `e-${i}`, title: `Event ${i}` }
    }))
    const labels = englishLabels()
    const html = renderDossierHtml(doc, labels)
    const dom = parse(html)
    expectNothingLoads(html, dom)
    const figures = [...dom.querySelectorAll('#timeline figure.timeline-figure')]
    expect(figures).toHaveLength(3)
    expect(figures.map((figure) => figure.querySelector('figcaption')!.textContent)).toEqual([
      `${labels.timelineFigure} (${labels.timelinePart(1, 14, 40)})`,
      `${labels.timelineFigure} (${labels.timelinePart(15, 27, 40)})`,
      `${labels.timelineFigure} (${labels.timelinePart(28, 40, 40)})`
    ])
    expect(dom.querySelectorAll('#timeline g.event')).toHaveLength(40)
    // The sample's four events stay one figure with its plain caption.
    const small = parse(renderDossierHtml(await sampleDocument(), labels))
    expect(small.querySelectorAll('figure.timeline-figure')).toHaveLength(1)
    expect(small.querySelector('figure.timeline-figure figcaption')!.textContent).toBe(
      labels.timelineFigure
    )
  })

  it('leaves notes out when the notes option is off', async () => {
    const base = await sampleDocument()
    const doc = await sampleDocument({ options: { ...base.dossier.options, notes: false } })
    const html = renderDossierHtml(doc, englishLabels())
    const dom = parse(html)
    expect(dom.getElementById('notes')).toBeNull()
    expect(dom.querySelector('sup.fnref')).toBeNull()
    expect(html).not.toContain('Opening line.')
  })

  it('keeps ids unique and links working when a passage appears under two groups', async () => {
    const doc = structuredClone(await sampleDocument({ order: 'tag' })) as DossierDocument
    doc.quotes.find((q) => q.passage.id === 'p-clinton')!.passage.note = 'Cited twice.'
    const html = renderDossierHtml(doc, englishLabels())
    const dom = parse(html)
    const ids = [...dom.querySelectorAll('[id]')].map((el) => el.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(dom.querySelectorAll('figure[data-passage="p-clinton"]')).toHaveLength(2)
    // The same note called twice is one footnote, both calls leading to it.
    const note = [...dom.querySelectorAll('#notes li')].filter((li) =>
      li.textContent!.includes('Cited twice.')
    )
    expect(note).toHaveLength(1)
    expect(dom.querySelectorAll(`sup.fnref a[href="#${note[0]!.id}"]`)).toHaveLength(2)
    expectNothingLoads(html, dom)
  })

  it('groups by source: one heading per article with its outlet and date', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument({ order: 'source' })
    const html = renderDossierHtml(doc, labels)
    const dom = parse(html)
    const groups = [...dom.querySelectorAll('#passages section.group')]
    expect(groups.map((g) => g.querySelector('h3')!.textContent)).toEqual(
      doc.groups.map((g) => g.heading)
    )
    const insider = groups.find((g) => g.textContent!.includes('Business Insider France'))!
    expect(insider.querySelector('.group-detail')!.textContent).toBe(
      'Business Insider France, November 13, 2017'
    )
    expect(dom.querySelectorAll('#passages figure.quote')).toHaveLength(doc.quotes.length)
    expectNothingLoads(html, dom)
  })

  it('tabulates events against sources with headers, counts and the single-source marker', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument()
    const dom = parse(renderDossierHtml(doc, labels))
    const table = dom.querySelector('#matrix table')!
    expect(table.querySelector('caption')!.textContent).toBe(labels.sections.matrix)
    const headers = [...table.querySelectorAll('thead th')]
    expect(headers.map((th) => th.textContent)).toEqual([
      labels.event,
      ...doc.matrix!.columns.map((c) => c.label),
      labels.independent
    ])
    expect(headers.every((th) => th.getAttribute('scope') === 'col')).toBe(true)
    const rows = [...table.querySelectorAll('tbody tr')]
    expect(rows).toHaveLength(doc.matrix!.rows.length)
    expect(rows.every((tr) => tr.querySelector('th')!.getAttribute('scope') === 'row')).toBe(true)
    const oct3 = table.querySelector('tr[data-event-id="e-oct3"]')!
    expect(oct3.querySelector('.single-source')!.textContent).toBe(labels.singleSource)
    expect(oct3.textContent).toContain('reports ×1')
    const atlantic = table.querySelector('tr[data-event-id="e-atlantic"]')!
    expect(atlantic.querySelector('.single-source')).toBeNull()
    expect(atlantic.textContent).toContain(labels.supporting(2))
    const campaign = table.querySelector('tr[data-event-id="e-campaign"]')!
    expect(campaign.textContent).toContain('contradicts ×1')
  })

  it('splits a matrix of many sources into tables of five that fit a page, each with every event', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument()
    const matrix = doc.matrix!
    // Fourteen sources: the sample's, repeated under other names.
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
    const dom = parse(renderDossierHtml(doc, labels))
    const tables = [...dom.querySelectorAll('#matrix table')]
    expect(tables.map((t) => t.querySelector('caption')!.textContent)).toEqual([
      `${labels.sections.matrix} (sources 1–5 of 14)`,
      `${labels.sections.matrix} (sources 6–10 of 14)`,
      `${labels.sections.matrix} (sources 11–14 of 14)`
    ])
    const sourceHeaders = tables.flatMap((t) =>
      [...t.querySelectorAll('thead th')].slice(1, -1).map((th) => th.textContent)
    )
    expect(sourceHeaders).toEqual(columns.map((c) => c.label))
    for (const table of tables) {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent)
      expect(headers[0]).toBe(labels.event)
      expect(headers.at(-1)).toBe(labels.independent)
      expect(
        [...table.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-event-id'))
      ).toEqual(matrix.rows.map((row) => row.eventId))
    }
  })

  it('prints full texts in the appendix with the cited words marked, and links quotes to them', async () => {
    const doc = await sampleDocument()
    const dom = parse(renderDossierHtml(doc, englishLabels()))
    expect(dom.querySelectorAll('.appendix-entry')).toHaveLength(doc.appendix.length)
    for (const quote of doc.quotes.filter((q) => q.span)) {
      expect(markText(dom, quote.passage.id)).toBe(quote.text)
      const link = dom.querySelector(`#passage-${quote.passage.id} a.exact`)!
      expect(link.getAttribute('href')).toBe(`#mark-${quote.passage.id}`)
      expect(dom.getElementById(`mark-${quote.passage.id}`)!.tagName).toBe('MARK')
    }
    // The paragraphs are the article's own, word for word.
    const entry = doc.appendix[0]!
    const paragraphs = dom.querySelectorAll(`#appendix-${entry.citation.number} > p:not(.citation)`)
    expect(paragraphs).toHaveLength(entry.paragraphs.length)
    expect(paragraphs[0]!.textContent).toBe(
      entry.text.slice(entry.paragraphs[0]!.start, entry.paragraphs[0]!.end).replace(/\n/g, '')
    )
  })

  it('splits overlapping and nested marks so that each keeps its exact words', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const entry = doc.appendix.find((e) => e.citation.articleId === 'article-1')!
    const father = entry.marks.find((m) => m.passageId === 'p-father')!
    entry.marks.push(
      { start: father.start + 5, end: father.end + 20, passageId: 'overlap' },
      { start: father.start + 10, end: father.start + 15, passageId: 'nested' },
      { start: father.start, end: father.start + 3, passageId: 'same-start' }
    )
    const dom = parse(renderDossierHtml(doc, englishLabels()))
    for (const mark of entry.marks) {
      expect(markText(dom, mark.passageId)).toBe(entry.text.slice(mark.start, mark.end))
      expect(dom.querySelectorAll(`#mark-${mark.passageId}`)).toHaveLength(1)
    }
    const paragraph = entry.paragraphs.find((p) => p.start <= father.start && p.end >= father.end)!
    const shown = dom.getElementById('mark-p-father')!.closest('p')!
    expect(shown.textContent).toBe(
      entry.text.slice(paragraph.start, paragraph.end).replace(/\n/g, '')
    )
    expect(
      dom.querySelector('mark[data-passage="nested"]')!.closest('mark[data-passage="overlap"]')
    ).not.toBeNull()
  })

  it('lists the sources with the ids citations link to', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument()
    const dom = parse(renderDossierHtml(doc, labels))
    const items = [...dom.querySelectorAll('#sources li')]
    expect(items.map((li) => li.id)).toEqual(doc.citations.map((c) => `source-${c.number}`))
    expect(items[0]!.textContent).toContain(`[1]`)
    expect(items[0]!.textContent).toContain(doc.citations[0]!.sourceName)
    expect(dom.querySelector('#sources h2')!.textContent).toBe(labels.sources)
  })

  it('escapes every string the user typed, wherever it appears', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const evil = '<img src=x onerror=alert(1)>"\'&'
    doc.dossier.title = `Title ${evil}`
    doc.dossier.subtitle = evil
    doc.dossier.authors = [evil]
    const quote = doc.quotes[0]!
    quote.tags[0]!.path = `Tag ${evil}`
    quote.tags[0]!.color = 'red;background:url(https://example.org/x)'
    quote.citation.outlet = `Outlet ${evil}`
    quote.events[0]!.title = `Event ${evil}`
    quote.text = `Quote ${evil}`
    doc.groups[0]!.heading = `Group ${evil}`
    doc.matrix!.columns[0]!.label = `Column ${evil}`
    const html = renderDossierHtml(doc, englishLabels())
    const dom = parse(html)
    expect(dom.querySelector('img')).toBeNull()
    expectNothingLoads(html, dom)
    expect(dom.querySelector('h1')!.textContent).toBe(`Title ${evil}`)
    expect(dom.title).toBe(`Title ${evil}`)
    const first = dom.querySelector(`figure[data-passage="${quote.passage.id}"]`)!
    expect(first.querySelector('.exact')!.textContent).toBe(`Quote ${evil}`)
    expect(first.querySelector('.tag')!.textContent).toBe(`Tag ${evil}`)
    expect(first.querySelector('.citation')!.textContent).toContain(`Outlet ${evil}`)
    expect(dom.querySelector('#matrix thead')!.textContent).toContain(`Column ${evil}`)
  })

  it('writes its own words in the dossier language', async () => {
    const labels = frenchLabels()
    const dom = parse(renderDossierHtml(await sampleDocument(), labels))
    expect(dom.documentElement.getAttribute('lang')).toBe('fr')
    expect(dom.querySelector('article')!.getAttribute('lang')).toBe('fr')
    const headings = [...dom.querySelectorAll('article > section > h2')].map((h) => h.textContent)
    expect(headings).toContain(labels.sections.passages)
    expect(headings).toContain(labels.sources)
    expect(dom.querySelector('.byline')!.textContent).toBe(labels.by('Camille, Dominique'))
    expect(dom.querySelector('nav h2')!.textContent).toBe(labels.contents)
  })

  it('drops the sections turned off and never links to them', async () => {
    const base = await sampleDocument()
    const doc = await sampleDocument({
      introduction: '  ',
      options: { ...base.dossier.options, matrix: false, timelineFigure: false, appendix: false }
    })
    const html = renderDossierHtml(doc, englishLabels())
    const dom = parse(html)
    for (const id of ['introduction', 'timeline', 'matrix', 'appendix']) {
      expect(dom.getElementById(id)).toBeNull()
    }
    expect(dom.querySelector('svg, table, mark')).toBeNull()
    // Without the appendix the quotes are plain text, not links to nowhere.
    expect(dom.querySelector('a.exact')).toBeNull()
    expectLinksResolve(dom)
  })
})

describe('renderDossierBody and DOSSIER_CSS', () => {
  it('give the preview the same article without a document around it', async () => {
    const doc = await sampleDocument()
    const body = renderDossierBody(doc, englishLabels())
    expect(body.startsWith('<article class="dossier"')).toBe(true)
    expect(body).not.toMatch(/<html|<head>|<meta|<style/)
    expect(renderDossierHtml(doc, englishLabels())).toContain(body)
  })

  it('styles print with page breaks and margins, without printing link targets or loading fonts', () => {
    expect(DOSSIER_CSS).toMatch(/@media print/)
    expect(DOSSIER_CSS).toMatch(/@page/)
    expect(DOSSIER_CSS).toMatch(/break-before: page/)
    expect(DOSSIER_CSS).not.toMatch(/attr\(href\)|url\(|@import|@font-face/)
  })
})
