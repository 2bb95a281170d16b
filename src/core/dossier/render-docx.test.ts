// The Word export read back two ways: through mammoth (what a reader gets: headings, quotes, tables,
// footnotes, no markup smuggled in) and as raw OOXML parts (header rows, TOC field, styles, highlights).
import { strFromU8, unzipSync } from 'fflate'
import { JSDOM } from 'jsdom'
import mammoth from 'mammoth'
import { describe, expect, it } from 'vitest'
import { buildDossier } from './build'
import { renderDossierDocx } from './render-docx'
import {
  englishLabels,
  frenchLabels,
  sampleDocument,
  sampleDossier,
  sampleSnapshot
} from '../../../test/dossier/test-fixture'
import type { DossierDocument } from './types'

async function readBack(bytes: Uint8Array): Promise<Document> {
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })
  return new JSDOM(result.value).window.document
}

function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)])
  )
}

function texts(page: Document, selector: string): string[] {
  return [...page.querySelectorAll(selector)].map((el) => el.textContent?.trim() ?? '')
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The text of each run of document.xml, with whether it is highlighted. */
function documentRuns(xml: string): { text: string; highlight: boolean }[] {
  return [...xml.matchAll(/<w:r>((?:(?!<\/w:r>).)*)<\/w:r>/gs)].map(([, inner]) => ({
    text: unescapeXml([...inner!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    highlight: inner!.includes('<w:highlight w:val="yellow"/>')
  }))
}

function highlighted(xml: string): string[] {
  return documentRuns(xml)
    .filter((run) => run.highlight)
    .map((run) => run.text)
}

describe('renderDossierDocx', () => {
  it('reads back as headings, quotes, a matrix table and footnotes, with no markup let in', async () => {
    const doc = await sampleDocument()
    const labels = englishLabels()
    // Its speed is bench/dossier.bench.ts's (a large dossier, against plain docx paragraphs).
    const bytes = await renderDossierDocx(doc, labels)
    expect(bytes).toBeInstanceOf(Uint8Array)
    const page = await readBack(bytes)

    const h1 = texts(page, 'h1')
    for (const kind of doc.sections) expect(h1).toContain(labels.sections[kind])
    expect(h1).toContain(labels.sources)
    const h2 = texts(page, 'h2')
    for (const group of doc.groups) expect(h2).toContain(group.heading)

    const body = page.body.textContent ?? ''
    for (const quote of doc.quotes) expect(body).toContain(quote.text)
    expect(body).toContain(labels.orphan)
    expect(body).toContain(labels.by('Camille, Dominique'))

    const tables = [...page.querySelectorAll('table')]
    const matrix = tables.find((t) => t.textContent?.includes(doc.matrix!.columns[0]!.label))!
    expect(matrix).toBeDefined()
    expect(matrix.querySelectorAll('thead th')).toHaveLength(doc.matrix!.columns.length + 2)
    for (const row of doc.matrix!.rows) expect(matrix.textContent).toContain(row.title)
    expect(matrix.textContent).toContain(labels.singleSource)

    const notes = texts(page, 'li[id^="footnote-"]').join('\n')
    for (const note of [
      'Opening line.',
      'Summary <b>not</b> HTML & "quoted".',
      'Untagged on purpose.',
      'Lost after a correction.',
      'Says Monday.',
      'Only the son is named.'
    ]) {
      expect(notes).toContain(note)
    }
    expect(page.querySelectorAll('sup a[href^="#footnote-"]')).toHaveLength(6)

    const intro = [...page.querySelectorAll('p')].find((p) => p.textContent?.includes('alert(1)'))!
    expect(intro.textContent).toContain('<script>alert(1)</script>')
    expect(intro.querySelector('strong')?.textContent).toBe('one story')
    expect(page.querySelector('script, b')).toBeNull()
  })

  it('writes a matrix of many sources as captioned tables of five sources', async () => {
    const doc = await sampleDocument()
    const labels = englishLabels()
    const columns = Array.from({ length: 8 }, (_, i) => ({
      key: `w${i}`,
      label: `Outlet ${i + 1}`
    }))
    doc.matrix = {
      columns,
      rows: doc.matrix!.rows.map((row) => ({
        ...row,
        cells: columns.map((_, i) => row.cells[i % row.cells.length] ?? null)
      }))
    }
    const page = await readBack(await renderDossierDocx(doc, labels))
    const matrices = [...page.querySelectorAll('table')].filter((t) =>
      t.textContent?.includes('Outlet ')
    )
    expect(matrices).toHaveLength(2)
    expect(matrices.map((t) => t.querySelectorAll('thead th').length)).toEqual([7, 5])
    const body = page.body.textContent ?? ''
    expect(body).toContain(`${labels.sections.matrix} (sources 1–5 of 8)`)
    expect(body).toContain(`${labels.sections.matrix} (sources 6–8 of 8)`)
    for (const table of matrices)
      for (const row of doc.matrix.rows) expect(table.textContent).toContain(row.title)
  })

  it('writes header rows, a TOC field, the quote style, footnotes, highlights and core properties', async () => {
    const doc = await sampleDocument()
    const files = parts(await renderDossierDocx(doc, englishLabels()))
    const xml = files['word/document.xml']!

    expect(xml).toContain('<w:tblHeader/>')
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-3&quot;<\/w:instrText>/)
    // Marked dirty, with updateFields: Word and LibreOffice fill in the page numbers on opening.
    expect(xml).toMatch(
      /<w:fldChar w:fldCharType="begin" w:dirty="true"\/><w:instrText[^>]*>TOC \\h/
    )
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>')
    expect(xml).toContain('<w:pStyle w:val="LiasseQuote"/>')
    expect(files['word/settings.xml']).toContain('<w:updateFields/>')
    expect(files['word/styles.xml']).toMatch(/<w:style [^>]*w:styleId="LiasseQuote"/)
    expect(files['word/styles.xml']).toContain('<w:lang w:val="en"/>')

    const footnotes = files['word/footnotes.xml']!
    expect(footnotes).toContain('Opening line.')
    expect(footnotes).toContain('Summary &lt;b&gt;not&lt;/b&gt; HTML &amp;')
    expect(xml.match(/<w:footnoteReference /g)).toHaveLength(6)

    const marked = highlighted(xml).join('')
    for (const entry of doc.appendix) {
      for (const mark of entry.marks)
        expect(marked).toContain(entry.text.slice(mark.start, mark.end))
    }
    expect(doc.appendix.some((entry) => entry.marks.length > 0)).toBe(true)

    const core = files['docProps/core.xml']!
    expect(core).toContain('<dc:title>WikiLeaks et Trump Jr</dc:title>')
    expect(core).toContain('<dc:creator>Camille, Dominique</dc:creator>')
    expect(core).toContain('<dc:description>Ce que disent les sources</dc:description>')
  })

  it('highlights overlapping marks once each, cutting runs at every boundary', async () => {
    const doc = await sampleDocument()
    const entry = doc.appendix[0]!
    const paragraph = entry.paragraphs[0]!
    const at = paragraph.start
    const only: DossierDocument = {
      ...doc,
      appendix: [
        {
          ...entry,
          paragraphs: [paragraph],
          marks: [
            { start: at, end: at + 20, passageId: 'a' },
            { start: at + 10, end: at + 30, passageId: 'b' },
            { start: at + 12, end: at + 15, passageId: 'c' }
          ]
        }
      ]
    }
    const xml = parts(await renderDossierDocx(only, englishLabels()))['word/document.xml']!
    expect(highlighted(xml)).toEqual(
      [10, 12, 15, 20, 30].map((end, i, ends) =>
        entry.text.slice(at + (i === 0 ? 0 : ends[i - 1]!), at + end)
      )
    )
    const runs = documentRuns(xml)
    const last = runs.findIndex((run) => run.text === entry.text.slice(at + 20, at + 30))
    expect(runs[last + 1]).toEqual({
      text: entry.text.slice(at + 30, paragraph.end),
      highlight: false
    })
  })

  it("renders the introduction's Markdown: nested headings, lists, emphasis, links as words", async () => {
    const doc = await sampleDocument({
      introduction:
        '# Background\n\nSee [site](https://example.org) and [below](#sources).\n\n- one\n- two *it*\n  - nested\n\n1. first\n2. second\n\n## Sub'
    })
    const page = await readBack(await renderDossierDocx(doc, englishLabels()))
    expect(texts(page, 'h2')).toContain('Background')
    expect(texts(page, 'h3')).toContain('Sub')
    expect(texts(page, 'ul > li > ul > li')).toEqual(['nested'])
    expect(page.querySelector('ul li em')?.textContent).toBe('it')
    expect(page.body.textContent).toContain('See site (https://example.org) and below.')
    expect(texts(page, 'p')).toEqual(expect.arrayContaining(['1.\tfirst', '2.\tsecond']))
    expect(page.querySelector('a[href="https://example.org"]')).toBeNull()
  })

  it('writes a French dossier with French headings and language', async () => {
    const labels = frenchLabels()
    const doc = buildDossier(sampleDossier({ language: 'fr' }), await sampleSnapshot(), {
      labels,
      now: '2026-01-15T10:00:00.000Z'
    })
    const bytes = await renderDossierDocx(doc, labels)
    const page = await readBack(bytes)
    const h1 = texts(page, 'h1')
    expect(h1).toEqual(expect.arrayContaining(['Chronologie', 'Événements et sources', 'Sources']))
    expect(texts(page, 'h2')).toContain(labels.unlinked)
    expect(page.body.textContent).toContain(labels.by('Camille, Dominique'))
    expect(parts(bytes)['word/styles.xml']).toContain('<w:lang w:val="fr"/>')
  })

  it('leaves out notes, tables and the appendix when the options are off', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument({
      options: {
        notes: false,
        matrix: false,
        timelineFigure: false,
        appendix: false,
        highlightInAppendix: true
      }
    })
    const bytes = await renderDossierDocx(doc, labels)
    const files = parts(bytes)
    expect(files['word/document.xml']).not.toContain('<w:footnoteReference ')
    expect(files['word/document.xml']).not.toContain('<w:tbl>')
    expect(files['word/footnotes.xml'] ?? '').not.toContain('Opening line.')
    const page = await readBack(bytes)
    expect(page.querySelector('table')).toBeNull()
    expect(page.querySelectorAll('li[id^="footnote-"]')).toHaveLength(0)
    const h1 = texts(page, 'h1')
    expect(h1).not.toContain(labels.sections.appendix)
    expect(h1).not.toContain(labels.sections.matrix)
    expect(h1).toContain(labels.sections.passages)
  })

  it('drops characters XML 1.0 cannot hold instead of writing a file Word refuses', async () => {
    const doc = await sampleDocument()
    const title = 'Bad\u0001 title\uFFFF \uD800end'
    const bytes = await renderDossierDocx(
      { ...doc, dossier: { ...doc.dossier, title, introduction: 'Intro\u000b text' } },
      englishLabels()
    )
    const files = parts(bytes)
    expect(files['docProps/core.xml']).toContain('<dc:title>Bad title end</dc:title>')
    // eslint-disable-next-line no-control-regex -- looking for the characters that must be gone
    expect(files['word/document.xml']).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
    const page = await readBack(bytes)
    expect(page.body.textContent).toContain('Intro text')
  })
})
