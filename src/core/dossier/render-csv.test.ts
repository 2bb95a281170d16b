// The passages CSV read back with a strict RFC 4180 reader: one row per passage, headers in the
// dossier's language, accents and awkward notes intact, and no cell a spreadsheet would execute.
import { describe, expect, it } from 'vitest'
import { csvField, renderPassagesCsv } from './render-csv'
import { englishLabels, frenchLabels, sampleDocument } from '../../../test/dossier/test-fixture'
import type { DossierDocument } from './types'

/** RFC 4180 as a state machine: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
      } else if (c === '"') {
        quoted = false
        i += 1
      } else {
        field += c
        i += 1
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`)
      quoted = true
      i += 1
    } else if (c === ',') {
      row.push(field)
      field = ''
      i += 1
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += 2
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare line break outside quotes at ${i}`)
    } else {
      field += c
      i += 1
    }
  }
  if (quoted) throw new Error('unterminated quoted field')
  if (field !== '' || row.length > 0) throw new Error('last record without CRLF')
  return rows
}

function read(csv: string): { header: string[]; records: Record<string, string>[] } {
  expect(csv.startsWith('\uFEFF')).toBe(true)
  const [header, ...rows] = parseCsv(csv.slice(1))
  return {
    header: header!,
    records: rows.map((row) => {
      expect(row).toHaveLength(header!.length)
      return Object.fromEntries(header!.map((name, i) => [name, row[i]!]))
    })
  }
}

describe('renderPassagesCsv', () => {
  it('has a BOM, a header row in column order and one CRLF row per passage', async () => {
    const labels = englishLabels()
    const doc = await sampleDocument()
    const csv = renderPassagesCsv(doc, labels)
    expect(csv.replace(/"[^"]*"/g, '').match(/\n/g)!.length).toBe(doc.quotes.length + 1)
    const { header, records } = read(csv)
    expect(header).toEqual([
      'passage id',
      'quote',
      'before',
      'after',
      'tags',
      'events',
      'roles',
      'note',
      'article',
      'outlet',
      'author',
      'published',
      'start',
      'end',
      'anchor',
      'locator'
    ])
    expect(records).toHaveLength(doc.quotes.length)
    expect(records.map((r) => r['passage id'])).toEqual(doc.quotes.map((q) => q.passage.id))
  })

  it('keeps accents, commas and quotes of the articles intact', async () => {
    const doc = await sampleDocument()
    const { records } = read(renderPassagesCsv(doc, englishLabels()))
    const clinton = records.find((r) => r['passage id'] === 'p-clinton')!
    expect(clinton.quote).toBe('Hillary Clinton, la candidate démocrate')
    expect(clinton.tags).toBe('Acteurs; Demandes')
    expect(clinton.article).toBe('WikiLeaks : les échanges très embarrassants de Donald Trump Jr')
    expect(clinton.published).toBe('2016-10-21')
    expect(clinton.locator).toBe('liasse:passage/p-clinton')
    const son = records.find((r) => r['passage id'] === 'p-son')!
    expect(son.note).toBe('Summary <b>not</b> HTML & "quoted".')
    for (const quote of doc.quotes) {
      const record = records.find((r) => r['passage id'] === quote.passage.id)!
      expect(record.quote).toBe(quote.text)
      expect(record.before).toBe(quote.before)
      expect(record.after).toBe(quote.after)
    }
  })

  it('round-trips a note with a comma, quotes and line breaks', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const note = 'She said "no", then\r\nleft;\nlater, "yes".'
    doc.quotes[2]!.passage.note = note
    const { records } = read(renderPassagesCsv(doc, englishLabels()))
    expect(records[2]!.note).toBe(note)
  })

  it('lists events and their roles in the same order, offsets where the quote sits now', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const father = doc.quotes.find((q) => q.passage.id === 'p-father')!
    father.events.push({
      eventId: 'e-oct3',
      title: 'WikiLeaks asks about a leak',
      role: 'mentions',
      note: ''
    })
    const { records } = read(renderPassagesCsv(doc, englishLabels()))
    const row = records.find((r) => r['passage id'] === 'p-father')!
    expect(row.events).toBe('Contacts during the campaign; WikiLeaks asks about a leak')
    expect(row.roles).toBe('contradicts; mentions')
    expect(Number(row.start)).toBe(father.span!.start)
    expect(Number(row.end)).toBe(father.span!.end)
    expect(row.anchor).toBe('exact')
    const orphan = records.find((r) => r['passage id'] === 'p-orphan')!
    expect([orphan.start, orphan.end, orphan.anchor]).toEqual(['', '', 'orphan'])
  })

  it('defuses cells a spreadsheet would run as formulas', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    doc.quotes[0]!.passage.note = '=HYPERLINK("https://example.org","click")'
    doc.quotes[1]!.passage.note = '@SUM(A1:A2)'
    doc.quotes[0]!.text = '-2+3'
    const { records } = read(renderPassagesCsv(doc, englishLabels()))
    expect(records[0]!.note).toBe('\'=HYPERLINK("https://example.org","click")')
    expect(records[1]!.note).toBe("'@SUM(A1:A2)")
    expect(records[0]!.quote).toBe("'-2+3")
    expect(csvField('+1')).toBe("'+1")
    expect(csvField('\tx')).toBe("'\tx")
    expect(csvField('\r=1')).toBe('"\'\r=1"')
    expect(csvField('a = b')).toBe('a = b')
  })

  it('names its columns and roles in the dossier language', async () => {
    const labels = frenchLabels()
    const { header, records } = read(renderPassagesCsv(await sampleDocument(), labels))
    expect(header).toEqual(Object.values(labels.csv))
    const roles = header[6]!
    expect(records.find((r) => r[header[0]!] === 'p-father')![roles]).toBe(labels.roles.contradicts)
  })
})
