// The Markdown dossier read back by a CommonMark parser (markdown-it): headings, quotes word for
// word, user text that stays text, the matrix as one table, footnotes that all have a definition.
import { JSDOM } from 'jsdom'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { escapeMarkdownInline, renderDossierMarkdown } from './render-markdown'
import { englishLabels, frenchLabels, sampleDocument } from '../../../test/dossier/test-fixture'
import type { DossierDocument } from './types'

/** Rendered with raw HTML on, so that any unescaped tag would show up as an element. */
function parse(markdown: string): Document {
  const html = new MarkdownIt({ html: true }).render(markdown)
  return new JSDOM(`<!DOCTYPE html><body>${html}</body>`).window.document
}

/** A blockquote's text without the GFM footnote call markdown-it leaves as text. */
function quoteTexts(dom: Document): string[] {
  return [...dom.querySelectorAll('blockquote')].map((b) =>
    b.textContent!.trim().replace(/\[\^\d+\]$/, '')
  )
}

describe('renderDossierMarkdown', () => {
  it('has the title, the sections and the groups as headings, in order', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument()
    const dom = parse(renderDossierMarkdown(doc, labels))
    expect(dom.querySelector('h1')!.textContent).toBe(doc.dossier.title)
    expect([...dom.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      ...doc.sections.map((kind) => labels.sections[kind]),
      labels.sources
    ])
    const h3 = [...dom.querySelectorAll('h3')].map((h) => h.textContent)
    expect(h3.slice(0, doc.groups.length)).toEqual(doc.groups.map((g) => g.heading))
    expect(h3.slice(doc.groups.length)).toEqual(
      doc.appendix.map((e) => `[${e.citation.number}] ${e.citation.title}`)
    )
    expect(dom.body.textContent).toContain('By Camille, Dominique')
  })

  it('quotes every passage word for word in a blockquote, with its citation', async () => {
    const doc = await sampleDocument()
    const markdown = renderDossierMarkdown(doc, englishLabels())
    const dom = parse(markdown)
    const quotes = quoteTexts(dom)
    for (const quote of doc.quotes) expect(quotes).toContain(quote.text)
    const clinton = doc.quotes.find((q) => q.passage.id === 'p-clinton')!
    const citation = [...dom.querySelectorAll('p')].find((p) =>
      p.textContent!.includes(clinton.locator)
    )!
    expect(citation.textContent).toContain(`[${clinton.citation.number}]`)
    expect(citation.querySelector('em')!.textContent).toBe(clinton.citation.title)
    expect(dom.body.textContent).toContain(englishLabels().orphan)
  })

  it('keeps a multi-line quote in one blockquote and never lets its words become markup', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const tricky = [
      '# not a heading',
      '- not a list',
      '1. nor this',
      '> nor a quote',
      '',
      '***',
      '    not code *nor emphasis* [nor](a link) <b>nor html</b> | pipe'
    ].join('\n')
    doc.quotes[0]!.text = tricky
    const markdown = renderDossierMarkdown(doc, englishLabels())
    const block = markdown.slice(markdown.indexOf('> \\# not a heading'))
    const lines = block.slice(0, block.indexOf('\n\n')).split('\n')
    expect(lines.every((line) => line.startsWith('>'))).toBe(true)
    const quote = parse(markdown).querySelector('blockquote')!
    expect(quote.querySelector('h1, h2, ul, ol, blockquote, hr, pre, em, a, b')).toBeNull()
    expect(quote.querySelectorAll('br').length).toBeGreaterThan(0)
    expect(quote.querySelectorAll('p')).toHaveLength(2)
    expect(quote.textContent).toContain(
      'not code *nor emphasis* [nor](a link) <b>nor html</b> | pipe'
    )
    expect(quote.textContent).toContain('# not a heading')
  })

  it('escapes titles and notes so that they read as typed', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    doc.dossier.title = '*Not* _emphasis_ [link](x) <b>bold</b> `code` &amp;'
    const dom = parse(renderDossierMarkdown(doc, englishLabels()))
    const h1 = dom.querySelector('h1')!
    expect(h1.textContent).toBe(doc.dossier.title)
    expect(h1.children).toHaveLength(0)
    expect(escapeMarkdownInline('a|b')).toBe('a\\|b')
  })

  it('gives notes as GFM footnotes, each call with its definition, and none when notes are off', async () => {
    const doc = await sampleDocument()
    const markdown = renderDossierMarkdown(doc, englishLabels())
    const calls = new Set([...markdown.matchAll(/\[\^(\d+)\](?!:)/g)].map((m) => m[1]))
    const definitions = [...markdown.matchAll(/^\[\^(\d+)\]: (.*)$/gm)]
    expect([...calls].sort()).toEqual(definitions.map((m) => m[1]).sort())
    expect(definitions).toHaveLength(6)
    const son = definitions.find((m) => m[2]!.startsWith('Summary'))!
    expect(son[2]).toBe('Summary \\<b\\>not\\</b\\> HTML & "quoted".')
    expect(markdown).toContain(': Only the son is named.')

    const off = await sampleDocument({ options: { ...doc.dossier.options, notes: false } })
    expect(renderDossierMarkdown(off, englishLabels())).not.toContain('[^')
  })

  it('indents a multi-line note under its footnote', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    doc.quotes.find((q) => q.passage.id === 'p-father')!.passage.note = 'First line\nsecond line'
    const markdown = renderDossierMarkdown(doc, englishLabels())
    expect(markdown).toMatch(/^\[\^\d+\]: First line\\\n {4}second line$/m)
  })

  it('writes the matrix as one GFM table, pipes in labels escaped, single sources marked', async () => {
    const labels = englishLabels()
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    doc.matrix!.columns[0]!.label = 'Le Monde | Paris'
    const dom = parse(renderDossierMarkdown(doc, labels))
    const table = dom.querySelector('table')!
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      labels.event,
      ...doc.matrix!.columns.map((c) => c.label),
      labels.independent
    ])
    const rows = [...table.querySelectorAll('tbody tr')]
    expect(rows).toHaveLength(doc.matrix!.rows.length)
    for (const row of rows) expect(row.children).toHaveLength(doc.matrix!.columns.length + 2)
    const oct3 = rows.find((r) => r.textContent!.includes('WikiLeaks asks about a leak'))!
    expect(oct3.querySelector('strong')!.textContent).toBe(labels.singleSource)
    expect(oct3.textContent).toContain('reports ×1')
    const atlantic = rows.find((r) => r.textContent!.includes('The Atlantic publishes'))!
    expect(atlantic.querySelector('strong')).toBeNull()
  })

  it('includes the introduction as written, the appendix texts and the sources', async () => {
    const doc = await sampleDocument()
    const markdown = renderDossierMarkdown(doc, englishLabels())
    expect(markdown).toContain(doc.dossier.introduction)
    const dom = parse(markdown)
    const sources = dom.querySelector('ol:last-of-type')!
    expect(sources.querySelectorAll('li')).toHaveLength(doc.citations.length)
    expect(sources.textContent).toContain(doc.citations[0]!.sourceName)
    const entry = doc.appendix[0]!
    const first = entry.text.slice(entry.paragraphs[0]!.start, entry.paragraphs[0]!.end)
    expect(dom.body.textContent).toContain(first.split('\n')[0]!.trim())
  })

  it('writes its own words in the dossier language', async () => {
    const labels = frenchLabels()
    const dom = parse(renderDossierMarkdown(await sampleDocument(), labels))
    const h2 = [...dom.querySelectorAll('h2')].map((h) => h.textContent)
    expect(h2).toContain(labels.sections.passages)
    expect(h2.at(-1)).toBe(labels.sources)
    expect(dom.body.textContent).toContain(labels.supporting(2))
  })
})
