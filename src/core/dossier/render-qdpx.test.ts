// The REFI-QDA export checked against the 2019 XSD (xmllint), read with an independent XML parser
// (jsdom) for offsets and codebook, then read back by parseQdpx; astral characters included.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { JSDOM } from 'jsdom'
import { validateXML } from 'xmllint-wasm'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildDossier } from './build'
import {
  CodePointMap,
  parseQdpx,
  QdpxImportError,
  renderQdpx,
  stableGuid,
  uuidV5
} from './render-qdpx'
import {
  attributedDocument,
  CHANGED_STAMP,
  englishLabels,
  sampleDocument,
  sampleDossier,
  sampleSnapshot
} from '../../../test/dossier/test-fixture'
import type { ArchiveSnapshot, DossierDocument } from './types'

const XSD = readFileSync(
  join(import.meta.dirname, '../../../standards/refi-qda/Project-mrt2019.xsd'),
  'utf8'
)
const NOW = '2026-02-01T12:00:00.000Z'
const OPTIONS = { now: NOW, userName: 'Camille' }
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

async function validate(xml: string): Promise<void> {
  const result = await validateXML({
    xml: [{ fileName: 'project.qde', contents: xml }],
    schema: [XSD]
  })
  expect(result.errors.map((e) => e.rawMessage)).toEqual([])
  expect(result.valid).toBe(true)
}

function unpack(bytes: Uint8Array): { xml: string; files: Record<string, Uint8Array> } {
  const files = unzipSync(bytes)
  return { xml: new TextDecoder().decode(files['project.qde']), files }
}

function xmlDocument(xml: string): Document {
  return new JSDOM(xml, { contentType: 'text/xml' }).window.document
}

/** Inserts `insert` at `at` in an article's text, shifting its passages as an edit would. */
function insertInto(snapshot: ArchiveSnapshot, articleId: string, at: number, insert: string) {
  const texts = new Map(snapshot.texts)
  const text = texts.get(articleId)!
  texts.set(articleId, text.slice(0, at) + insert + text.slice(at))
  const shift = (offset: number, isEnd: boolean): number =>
    offset > at || (offset === at && !isEnd) ? offset + insert.length : offset
  const passages = snapshot.passages.map((p) =>
    p.articleId !== articleId || p.anchor.status === 'orphan'
      ? p
      : {
          ...p,
          anchor: {
            ...p.anchor,
            start: shift(p.anchor.start, false),
            end: shift(p.anchor.end, true)
          }
        }
  )
  return { ...snapshot, texts, passages }
}

let doc: DossierDocument
let snapshot: ArchiveSnapshot

beforeAll(async () => {
  doc = await sampleDocument()
  snapshot = await sampleSnapshot()
})

describe('renderQdpx', () => {
  it('writes a project that validates against the REFI-QDA XSD, one text file per source', async () => {
    const { xml, files } = unpack(renderQdpx(doc, snapshot.texts, OPTIONS))
    await validate(xml)
    const project = xmlDocument(xml).documentElement
    expect(project.namespaceURI).toBe('urn:QDA-XML:project:1.0')
    expect(project.getAttribute('name')).toBe('WikiLeaks et Trump Jr')
    expect(project.getAttribute('origin')).toBe('Liasse')
    expect(project.getAttribute('creationDateTime')).toBe(NOW)
    const sources = [...project.getElementsByTagName('TextSource')]
    expect(sources).toHaveLength(doc.citations.length)
    for (const [index, source] of sources.entries()) {
      const citation = doc.citations[index]!
      const guid = source.getAttribute('guid')!
      expect(guid).toBe(stableGuid(citation.articleId))
      expect(source.getAttribute('name')).toBe(citation.title)
      expect(source.getAttribute('plainTextPath')).toBe(`internal://${guid}.txt`)
      expect(new TextDecoder().decode(files[`sources/${guid}.txt`])).toBe(
        snapshot.texts.get(citation.articleId)
      )
    }
    // Every GUID the project names is a UUID (fixture ids are not: they are derived).
    for (const attr of xml.matchAll(/(?:guid|GUID|creatingUser)="([^"]*)"/g)) {
      expect(attr[1]).toMatch(GUID)
    }
  })

  it('names who created and who last changed each record, all declared as users, and validates', async () => {
    const attributed = await attributedDocument()
    const { xml } = unpack(renderQdpx(attributed, snapshot.texts, OPTIONS))
    await validate(xml)
    const project = xmlDocument(xml).documentElement
    const guidOf = (name: string): string =>
      uuidV5('6f1c4b0e-3d2a-4e57-9b8c-5a7d2e9f1c30', `user:${name}`)
    const users = [...project.getElementsByTagName('User')].map((u) => ({
      guid: u.getAttribute('guid'),
      name: u.getAttribute('name')
    }))
    // The exporter first (the project's creator), then each person a record names, once.
    expect(users[0]).toEqual({ guid: guidOf('Camille'), name: 'Camille' })
    expect(users.slice(1)).toEqual(
      expect.arrayContaining(['ana', 'bruno', 'camille'].map((n) => ({ guid: guidOf(n), name: n })))
    )
    expect(users).toHaveLength(4)
    expect(project.getAttribute('creatingUserGUID')).toBe(guidOf('Camille'))
    const selections = [...project.getElementsByTagName('PlainTextSelection')]
    expect(selections.length).toBeGreaterThan(0)
    for (const selection of selections) {
      expect(selection.getAttribute('creatingUser')).toBe(guidOf('ana'))
      expect(selection.getAttribute('modifyingUser')).toBe(guidOf('bruno'))
      expect(selection.getAttribute('modifiedDateTime')).toBe(CHANGED_STAMP)
    }
    for (const coding of project.getElementsByTagName('Coding')) {
      expect(coding.getAttribute('creatingUser')).toBe(guidOf('ana'))
    }
    // An article names who imported it, never its byline.
    for (const source of project.getElementsByTagName('TextSource')) {
      expect(source.getAttribute('creatingUser')).toBe(guidOf('camille'))
    }
    for (const note of project.getElementsByTagName('Note')) {
      expect(note.getAttribute('creatingUser')).toBe(guidOf('ana'))
      expect(note.getAttribute('modifyingUser')).toBe(guidOf('ana'))
    }
    // Every user a record names is declared.
    const declared = new Set(users.map((u) => u.guid))
    for (const attr of xml.matchAll(/(?:creatingUser|modifyingUser)(?:GUID)?="([^"]*)"/g)) {
      expect(declared).toContain(attr[1])
    }
    const back = parseQdpx(renderQdpx(attributed, snapshot.texts, OPTIONS))
    expect(back.users.map((u) => u.name).sort()).toEqual(['Camille', 'ana', 'bruno', 'camille'])
    for (const selection of back.selections) expect(selection.creatingUser).toBe(guidOf('ana'))
  })

  it('writes the codebook nested by tag hierarchy with colours', () => {
    const { xml } = unpack(renderQdpx(doc, snapshot.texts, OPTIONS))
    const codes = xmlDocument(xml).getElementsByTagName('Codes')[0]!
    const top = [...codes.children].map((c) => c.getAttribute('name'))
    expect(top).toEqual(['Acteurs', 'Demandes'])
    const actors = codes.children[0]!
    expect(actors.getAttribute('guid')).toBe(stableGuid('t-actors'))
    expect(actors.getAttribute('color')).toBe('#1f77b4')
    expect(actors.getAttribute('isCodable')).toBe('true')
    const [wikileaks] = [...actors.children].filter((c) => c.localName === 'Code')
    expect(wikileaks!.getAttribute('name')).toBe('WikiLeaks')
    expect(wikileaks!.getAttribute('color')).toBe('#d62728')
  })

  it('codes each anchored passage with code-point offsets that select its words', () => {
    const { xml, files } = unpack(renderQdpx(doc, snapshot.texts, OPTIONS))
    const selections = [...xmlDocument(xml).getElementsByTagName('PlainTextSelection')]
    const anchored = doc.quotes.filter((q) => q.span)
    expect(selections).toHaveLength(anchored.length)
    for (const quote of anchored) {
      const selection = selections.find(
        (s) => s.getAttribute('guid') === stableGuid(quote.passage.id)
      )!
      const sourceGuid = selection.parentElement!.getAttribute('guid')!
      const chars = Array.from(new TextDecoder().decode(files[`sources/${sourceGuid}.txt`]))
      const start = Number(selection.getAttribute('startPosition'))
      const end = Number(selection.getAttribute('endPosition'))
      expect(chars.slice(start, end).join('')).toBe(quote.text)
      const codeRefs = [...selection.getElementsByTagName('CodeRef')].map((c) =>
        c.getAttribute('targetGUID')
      )
      expect(codeRefs).toEqual(quote.tags.map((t) => stableGuid(t.id)))
      const description = [...selection.children].find((c) => c.localName === 'Description')
      expect(description?.textContent ?? '').toBe(quote.passage.note)
    }
    // The orphan has no place in the text, so no selection.
    expect(selections.some((s) => s.getAttribute('guid') === stableGuid('p-orphan'))).toBe(false)
  })

  it('writes events as notes the passages refer to, and links named by role', () => {
    const { xml } = unpack(renderQdpx(doc, snapshot.texts, { ...OPTIONS, labels: englishLabels() }))
    const project = xmlDocument(xml)
    const notes = [...project.getElementsByTagName('Note')]
    expect(notes.map((n) => n.getAttribute('guid'))).toEqual(
      doc.events.map((e) => stableGuid(e.event.id))
    )
    const campaign = notes.find((n) => n.getAttribute('guid') === stableGuid('e-campaign'))!
    expect(campaign.textContent).toContain('about September 2016 – July 2017')
    const links = [...project.getElementsByTagName('Link')]
    const contradicts = links.find((l) => l.getAttribute('guid') === stableGuid('l-5'))!
    expect(contradicts.getAttribute('name')).toBe('contradicts')
    expect(contradicts.getAttribute('originGUID')).toBe(stableGuid('p-father'))
    expect(contradicts.getAttribute('targetGUID')).toBe(stableGuid('e-campaign'))
  })

  it('escapes markup and drops characters XML cannot hold, still valid', async () => {
    const tricky = await sampleDocument({ title: `Tom & "Jerry" <'cat'>\u0001\uFFFF` })
    const bytes = renderQdpx(tricky, snapshot.texts, { now: NOW, userName: 'A&B <x>' })
    const { xml } = unpack(bytes)
    await validate(xml)
    expect(xmlDocument(xml).documentElement.getAttribute('name')).toBe(`Tom & "Jerry" <'cat'>`)
    // The note of p-son holds `<b>` and `&` and quotes: read back as written.
    const back = parseQdpx(bytes)
    expect(back.selections.find((s) => s.guid === stableGuid('p-son'))!.description).toBe(
      'Summary <b>not</b> HTML & "quoted".'
    )
    // The exporter, then the passages' and events' author (Camille), who created them.
    expect(back.users).toEqual([
      { guid: expect.stringMatching(GUID), name: 'A&B <x>' },
      { guid: expect.stringMatching(GUID), name: 'Camille' }
    ])
  })

  it('is deterministic: the same dossier gives the same bytes', () => {
    expect(renderQdpx(doc, snapshot.texts, OPTIONS)).toEqual(
      renderQdpx(doc, snapshot.texts, OPTIONS)
    )
  })
})

describe('astral characters', () => {
  it('counts code points where UTF-16 counts two units, both ways', async () => {
    // An emoji and a mathematical letter before every passage of article 1, one inside p-clinton.
    const base = await sampleSnapshot()
    const clinton = base.passages.find((p) => p.id === 'p-clinton')!
    let shifted = insertInto(base, 'article-1', clinton.anchor.start + 'Hillary'.length, '😀')
    shifted = insertInto(shifted, 'article-1', 0, '🦜𝔄 ')
    const astral = buildDossier(sampleDossier(), shifted, { labels: englishLabels(), now: NOW })
    const quote = astral.quotes.find((q) => q.passage.id === 'p-clinton')!
    expect(quote.text).toBe('Hillary😀 Clinton, la candidate démocrate')

    const bytes = renderQdpx(astral, shifted.texts, OPTIONS)
    const { xml, files } = unpack(bytes)
    await validate(xml)
    const selection = [...xmlDocument(xml).getElementsByTagName('PlainTextSelection')].find(
      (s) => s.getAttribute('guid') === stableGuid('p-clinton')
    )!
    const start = Number(selection.getAttribute('startPosition'))
    const end = Number(selection.getAttribute('endPosition'))
    // Two astral characters before it: two fewer code points than UTF-16 units; one inside.
    expect(start).toBe(quote.span!.start - 2)
    expect(end - start).toBe(quote.span!.end - quote.span!.start - 1)
    const text = new TextDecoder().decode(files[`sources/${stableGuid('article-1')}.txt`])
    expect(Array.from(text).slice(start, end).join('')).toBe(quote.text)

    const back = parseQdpx(bytes)
    for (const q of astral.quotes.filter((q) => q.span)) {
      const read = back.selections.find((s) => s.guid === stableGuid(q.passage.id))!
      expect({ start: read.start, end: read.end }).toEqual(q.span)
    }
  })

  it('maps offsets through surrogate pairs', () => {
    const map = new CodePointMap('a😀b𝔄c')
    expect([0, 1, 3, 4, 6, 7].map((o) => map.toCodePoints(o))).toEqual([0, 1, 2, 3, 4, 5])
    expect([0, 1, 2, 3, 4, 5].map((c) => map.toUtf16(c))).toEqual([0, 1, 3, 4, 6, 7])
    expect(map.toUtf16(6)).toBeNull()
    expect(map.codePointLength).toBe(5)
  })
})

describe('GUIDs', () => {
  it('derives RFC 9562 v5 UUIDs for ids that are not UUIDs, keeps those that are', () => {
    // The RFC's DNS namespace example.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2'
    )
    expect(stableGuid('p-son')).toMatch(GUID)
    expect(stableGuid('p-son')).toBe(stableGuid('p-son'))
    expect(stableGuid('p-son')).not.toBe(stableGuid('p-father'))
    expect(stableGuid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe(
      '3f2504e0-4f89-11d3-9a0c-0305e82c3301'
    )
  })
})

describe('parseQdpx', () => {
  it('reads our export back: codes with parents and colours, sources, selections, notes', () => {
    const back = parseQdpx(renderQdpx(doc, snapshot.texts, OPTIONS))
    expect(back.name).toBe('WikiLeaks et Trump Jr')
    expect(back.codes).toEqual([
      {
        guid: stableGuid('t-actors'),
        name: 'Acteurs',
        color: '#1f77b4',
        parentGuid: null,
        description: '',
        isCodable: true
      },
      {
        guid: stableGuid('t-wikileaks'),
        name: 'WikiLeaks',
        color: '#d62728',
        parentGuid: stableGuid('t-actors'),
        description: '',
        isCodable: true
      },
      {
        guid: stableGuid('t-requests'),
        name: 'Demandes',
        color: '#2ca02c',
        parentGuid: null,
        description: '',
        isCodable: true
      }
    ])
    expect(back.sources.map((s) => s.text)).toEqual(
      doc.citations.map((c) => snapshot.texts.get(c.articleId))
    )
    expect(back.skippedSelections).toBe(0)
    for (const quote of doc.quotes.filter((q) => q.span)) {
      const selection = back.selections.find((s) => s.guid === stableGuid(quote.passage.id))!
      expect(selection.sourceGuid).toBe(stableGuid(quote.article.id))
      expect({ start: selection.start, end: selection.end }).toEqual(quote.span)
      expect(selection.codeGuids).toEqual(quote.tags.map((t) => stableGuid(t.id)))
      expect(selection.noteGuids).toEqual(quote.events.map((e) => stableGuid(e.eventId)))
      expect(selection.description).toBe(quote.passage.note)
      expect(selection.creatingUser).toBe(back.users[0]!.guid)
    }
    expect(back.notes.map((n) => n.name)).toEqual(doc.events.map((e) => e.event.title))
  })

  it("reads another tool's project: braced GUIDs, inline text, CDATA, comments, CR LF", () => {
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>\r\n<!-- written by hand -->',
      '<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="Other &amp; tool">',
      '<qda:CodeBook><qda:Codes><qda:Code guid="{A1B2C3D4-0000-4000-8000-000000000001}"',
      '  name="Theme" isCodable="false" color="#abc"><qda:Description><![CDATA[a <raw> note]]></qda:Description>',
      '<qda:Code guid="A1B2C3D4-0000-4000-8000-000000000002" name="Sub" isCodable="true"/>',
      '</qda:Code></qda:Codes></qda:CodeBook>',
      '<qda:Sources><qda:TextSource guid="A1B2C3D4-0000-4000-8000-000000000003" name="Inline">',
      '<qda:PlainTextContent>🦜 caf&#233; au lait</qda:PlainTextContent>',
      '<qda:PlainTextSelection guid="A1B2C3D4-0000-4000-8000-000000000004" startPosition="2" endPosition="6">',
      '<qda:Coding guid="A1B2C3D4-0000-4000-8000-000000000005"><qda:CodeRef targetGUID="{A1B2C3D4-0000-4000-8000-000000000002}"/></qda:Coding>',
      '</qda:PlainTextSelection>',
      '<qda:PlainTextSelection guid="A1B2C3D4-0000-4000-8000-000000000006" startPosition="2" endPosition="99"/>',
      '</qda:TextSource></qda:Sources></qda:Project>'
    ].join('\n')
    const back = parseQdpx(zipSync({ 'project.qde': strToU8(xml) }))
    expect(back.name).toBe('Other & tool')
    expect(back.codes[0]).toMatchObject({
      guid: 'a1b2c3d4-0000-4000-8000-000000000001',
      color: '#abc',
      isCodable: false,
      description: 'a <raw> note'
    })
    expect(back.codes[1]!.parentGuid).toBe('a1b2c3d4-0000-4000-8000-000000000001')
    const source = back.sources[0]!
    expect(source.text).toBe('🦜 café au lait')
    const [selection] = back.selections
    expect(source.text.slice(selection!.start, selection!.end)).toBe('café')
    expect(selection!.codeGuids).toEqual(['a1b2c3d4-0000-4000-8000-000000000002'])
    expect(back.skippedSelections).toBe(1)
  })

  it('refuses what is not a project, with a code', () => {
    const code = (bytes: Uint8Array): string | undefined => {
      try {
        parseQdpx(bytes)
      } catch (error) {
        expect(error).toBeInstanceOf(QdpxImportError)
        return (error as QdpxImportError).code
      }
      return undefined
    }
    const project = (body: string, extra: Record<string, Uint8Array> = {}): Uint8Array =>
      zipSync({ 'project.qde': strToU8(body), ...extra })
    expect(code(strToU8('{"type": "AnnotationCollection"}'))).toBe('notZip')
    expect(code(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toBe('notZip')
    expect(code(zipSync({ 'readme.txt': strToU8('hello') }))).toBe('noProject')
    expect(code(project('<Project name="x"><Users></Project>'))).toBe('badXml')
    expect(code(project('<Project name="a &nbsp; b"/>'))).toBe('badXml')
    expect(code(project('<!DOCTYPE p [<!ENTITY x "y">]><Project name="&x;"/>'))).toBe('unsafeXml')
    expect(code(project('<Codes/>'))).toBe('badXml')
    expect(code(project('<Project name="x"/><Project name="y"/>'))).toBe('badXml')
    expect(
      code(
        project(
          '<Project name="x"><Sources><TextSource guid="a1b2c3d4-0000-4000-8000-000000000003"' +
            ' plainTextPath="internal://gone.txt"/></Sources></Project>'
        )
      )
    ).toBe('missingSource')
    expect(
      code(
        project(
          '<Project name="x"><Sources><TextSource guid="a1b2c3d4-0000-4000-8000-000000000003"' +
            ' plainTextPath="absolute://C:/data/a.txt"/></Sources></Project>'
        )
      )
    ).toBe('missingSource')
  })
})
