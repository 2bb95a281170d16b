// The Web Annotation export checked against the W3C test suite's schemas (the MUST assertions of
// annotationMusts.test, collectionMusts.test, pageMusts.test), offsets, round trip and import.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DossierDocument } from './types'
import { buildDossier } from './build'
import { renderDossierFormat } from './export'
import * as jsonldModule from 'jsonld'
import { offlineDocumentLoader } from './jsonld-normalize'
import {
  AnnotationImportError,
  localId,
  parseWebAnnotations,
  recordIri,
  renderWebAnnotations,
  renderWebAnnotationsJson
} from './render-jsonld'
import {
  astralDocument,
  attributedDocument,
  CHANGED_STAMP,
  englishLabels,
  FIXTURE_QUOTES,
  sampleArticles,
  sampleDocument,
  sampleDossier
} from '../../../test/dossier/test-fixture'
import { scannedFixture, SCANNED_ARTICLE } from '../../../test/dossier/scan-fixture'

const SCHEMA_DIR = join(import.meta.dirname, '../../../standards/w3c-annotation-model')

type Json = Record<string, unknown>

/**
 * The suite's schemas are draft-04; Ajv 8 reads draft-07. The differences they use: `id` for
 * `$id`, the draft-04 `$schema`, and boolean `exclusiveMinimum`. Converted here, nothing else.
 */
function toDraft7(node: unknown, root = true): unknown {
  if (Array.isArray(node)) return node.map((item) => toDraft7(item, false))
  if (typeof node !== 'object' || node === null) return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$schema') continue
    if (root && key === 'id') out.$id = value
    else out[key] = toDraft7(value, false)
  }
  if (out.exclusiveMinimum === true && typeof out.minimum === 'number') {
    out.exclusiveMinimum = out.minimum
    delete out.minimum
  }
  return out
}

const def = (file: string, name: string): Json => ({ $ref: `${file}#/definitions/${name}` })

// annotations/annotationMusts.test (web-platform-tests), written with the vendored definitions.
const ANNOTATION_MUSTS: Json = {
  $id: 'liasse-annotation-musts.json',
  allOf: [
    {
      type: 'object',
      required: ['@context'],
      properties: {
        '@context': {
          oneOf: [
            def('annotations.json', 'contextValueFound'),
            def('annotations.json', 'contextValueInArrayFound')
          ]
        }
      }
    },
    def('id.json', 'idValueFound'),
    def('annotations.json', 'annotationTypeValueFound'),
    { type: 'object', required: ['target'] },
    {
      type: 'object',
      properties: {
        target: {
          oneOf: [
            def('bodyTarget.json', 'targetResourcesFound'),
            { type: ['array'], items: def('bodyTarget.json', 'targetResourcesFound') }
          ]
        }
      }
    },
    { type: 'object', not: { required: ['body', 'bodyValue'] } },
    {
      type: 'object',
      properties: {
        body: {
          oneOf: [
            def('bodyTarget.json', 'bodyResourcesFound'),
            { type: ['array'], items: def('bodyTarget.json', 'bodyResourcesFound') }
          ]
        }
      }
    },
    def('annotations.json', 'bodyValueValidIfPresent'),
    def('otherProperties.json', 'createdValidIfPresent'),
    def('otherProperties.json', 'modifiedValidIfPresent'),
    def('otherProperties.json', 'generatedValidIfPresent'),
    def('otherProperties.json', 'rightsValidIfPresent'),
    def('otherProperties.json', 'canonicalValidIfPresent'),
    def('otherProperties.json', 'viaValidIfPresent'),
    // Beyond the MUSTs: the motivation and every body purpose are from the model's list.
    def('annotations.json', 'motivationSingularIfPresent'),
    {
      properties: {
        body: { items: def('otherProperties.json', 'purposeRecognizedIfPresent') }
      }
    }
  ]
}

// collections/collectionMusts.test and collections/pages/pageMusts.test, same definitions.
const COLLECTION_MUSTS: Json = {
  $id: 'liasse-collection-musts.json',
  allOf: [
    {
      type: 'object',
      required: ['@context'],
      properties: {
        '@context': {
          oneOf: [
            def('collections.json', 'contextValueFound'),
            def('collections.json', 'contextValueInArrayFound')
          ]
        }
      }
    },
    def('id.json', 'idValueFound'),
    def('collections.json', 'annotationCollectionTypeValueFound'),
    def('collections.json', 'labelDefinition'),
    def('collections.json', 'totalDefinition'),
    def('collections.json', 'firstValidIfPresent'),
    def('collections.json', 'firstRequiredIfTotalMoreThanZero'),
    def('collections.json', 'lastValidIfPresent'),
    def('otherProperties.json', 'createdValidIfPresent'),
    def('otherProperties.json', 'modifiedValidIfPresent'),
    def('otherProperties.json', 'rightsValidIfPresent'),
    {
      properties: {
        first: {
          allOf: [
            def('id.json', 'idValueFound'),
            def('collections.json', 'annotationPageTypeValueFound'),
            def('collections.json', 'itemsFound'),
            def('collections.json', 'startIndexDefinition'),
            def('collections.json', 'partOfValidIfPresent'),
            def('collections.json', 'nextValidIfPresent'),
            def('collections.json', 'prevValidIfPresent')
          ]
        }
      }
    }
  ]
}

/**
 * The target's selectors, beyond the MUSTs: each one the model describes (specificResource.json's
 * selectorDetected), every refinement one too (checkForRefinedBy), and each FragmentSelector,
 * TextQuoteSelector and TextPositionSelector, and each FragmentSelector's refinement, complete.
 */
const SELECTOR_CHECKS: Json = {
  $id: 'liasse-selector-checks.json',
  type: 'object',
  required: ['target'],
  properties: {
    target: {
      allOf: [
        def('specificResource.json', 'selectorDetected'),
        def('specificResource.json', 'checkForRefinedBy'),
        {
          properties: {
            selector: {
              type: 'array',
              items: {
                allOf: [
                  def('specificResource.json', 'fragmentSelectorTypeValidIfPresent'),
                  def('specificResource.json', 'textQuoteSelectorTypeValidIfPresent'),
                  def('specificResource.json', 'textPositionSelectorTypeValidIfPresent'),
                  {
                    properties: {
                      refinedBy: def('specificResource.json', 'fragmentSelectorTypeValidIfPresent')
                    }
                  }
                ]
              }
            }
          }
        }
      ]
    }
  }
}

let validateAnnotation: ValidateFunction
let validateCollection: ValidateFunction
let validateSelectors: ValidateFunction
let doc: DossierDocument
let texts: Map<string, string>

beforeAll(async () => {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(toDraft7(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'))) as Json)
  }
  validateAnnotation = ajv.compile(ANNOTATION_MUSTS)
  validateCollection = ajv.compile(COLLECTION_MUSTS)
  validateSelectors = ajv.compile(SELECTOR_CHECKS)
  doc = await sampleDocument()
  texts = (await sampleArticles()).texts
})

function items(collection: Json): Json[] {
  return (collection.first as { items: Json[] }).items
}

describe('renderWebAnnotations', () => {
  it('validates against the W3C test-suite schemas, collection and every annotation', () => {
    const collection = renderWebAnnotations(doc, { articleTexts: texts })
    expect(validateCollection(collection), JSON.stringify(validateCollection.errors)).toBe(true)
    expect(items(collection)).toHaveLength(doc.quotes.length)
    for (const annotation of items(collection)) {
      expect(validateAnnotation(annotation), JSON.stringify(validateAnnotation.errors)).toBe(true)
    }
    // The validators do reject: a target-less annotation and a wrong context fail.
    const [first] = items(collection)
    expect(validateAnnotation({ ...first, target: undefined })).toBe(false)
    expect(validateAnnotation({ ...first, '@context': 'http://example.org/ctx' })).toBe(false)
    expect(validateCollection({ ...collection, type: 'Collection' })).toBe(false)
  })

  it('writes the collection head: context, id, label, total, offsets convention, events', () => {
    const collection = renderWebAnnotations(doc)
    const context = collection['@context'] as unknown[]
    expect(context[0]).toBe('http://www.w3.org/ns/anno.jsonld')
    expect(context[1]).toMatchObject({ liasse: 'https://liasse.invalid/ns#' })
    expect(collection).toMatchObject({
      id: recordIri('d-1'),
      type: 'AnnotationCollection',
      label: 'WikiLeaks et Trump Jr',
      total: 7,
      'liasse:offsetUnit': 'codePoint',
      'liasse:offsetText': 'normalized'
    })
    expect(collection.first).toMatchObject({ type: 'AnnotationPage', startIndex: 0 })
    const events = collection['liasse:events'] as Json[]
    expect(events.map((e) => e.id)).toEqual(doc.events.map((e) => recordIri(e.event.id)))
    expect(events.find((e) => e.id === recordIri('e-campaign'))).toMatchObject({
      type: 'liasse:Event',
      title: 'Contacts during the campaign',
      date: '2016-09/2017-07',
      status: 'disputed',
      'liasse:approximate': true
    })
    expect(events.find((e) => e.id === recordIri('e-undated'))!.date).toBeUndefined()
  })

  it('targets the article with quote and position selectors that select the quote', () => {
    const collection = renderWebAnnotations(doc, { articleTexts: texts })
    for (const annotation of items(collection)) {
      const quote = doc.quotes.find((q) => recordIri(q.passage.id) === annotation.id)!
      const target = annotation.target as { source: Json; selector: Json[] }
      expect(target.source.id).toBe(recordIri(quote.article.id))
      expect(target.source.type).toBe('Text')
      const textQuote = target.selector.find((s) => s.type === 'TextQuoteSelector')!
      expect(textQuote.exact).toBe(quote.text)
      expect(typeof textQuote.prefix).toBe('string')
      expect(typeof textQuote.suffix).toBe('string')
      const position = target.selector.find((s) => s.type === 'TextPositionSelector')
      if (quote.span) {
        const text = texts.get(quote.article.id)!
        const { start, end } = position as { start: number; end: number }
        expect(text.slice(start, end)).toBe(textQuote.exact)
        expect(text.slice(start - (textQuote.prefix as string).length, start)).toBe(
          textQuote.prefix
        )
        expect(text.slice(end, end + (textQuote.suffix as string).length)).toBe(textQuote.suffix)
      } else {
        // An orphan has lost its place: quote only, and it says so.
        expect(position).toBeUndefined()
        expect(annotation['liasse:anchor']).toBe('orphan')
      }
    }
  })

  it('carries tags, note, event links, creator and source metadata', () => {
    const annotation = items(renderWebAnnotations(doc)).find((a) => a.id === recordIri('p-father'))!
    expect(annotation.motivation).toBe('tagging')
    expect(annotation.creator).toEqual({ type: 'Person', name: 'Camille' })
    expect(annotation.created).toBe('2026-01-15T10:00:00.000Z')
    expect(annotation.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'Acteurs' },
      { type: 'TextualBody', purpose: 'commenting', value: 'Opening line.', format: 'text/plain' },
      {
        type: 'SpecificResource',
        purpose: 'linking',
        source: recordIri('e-campaign'),
        'liasse:role': 'contradicts',
        'liasse:note': 'Only the son is named.'
      }
    ])
    const untagged = items(renderWebAnnotations(doc)).find(
      (a) => a.id === recordIri('p-atlantic5')
    )!
    expect(untagged.motivation).toBe('commenting')
    const withByline = items(renderWebAnnotations(doc)).find(
      (a) => a.id === recordIri('p-atlantic3')
    )!
    expect((withByline.target as { source: Json }).source).toMatchObject({
      publisher: 'Business Insider France',
      creator: { type: 'Person', name: 'Sonam Sheth' },
      issued: '2017-11-13',
      language: 'fr'
    })
  })

  it('names who created each passage as its creator, when it was last changed, and still validates', async () => {
    const attributed = await attributedDocument()
    const collection = renderWebAnnotations(attributed, { articleTexts: texts })
    expect(validateCollection(collection), JSON.stringify(validateCollection.errors)).toBe(true)
    expect(items(collection)).toHaveLength(attributed.quotes.length)
    for (const annotation of items(collection)) {
      expect(validateAnnotation(annotation), JSON.stringify(validateAnnotation.errors)).toBe(true)
      // The passage's createdBy before its author (Camille); no term names the last editor.
      expect(annotation.creator).toEqual({ type: 'Person', name: 'ana' })
      expect(annotation.modified).toBe(CHANGED_STAMP)
      expect(JSON.stringify(annotation)).not.toContain('bruno')
    }
    // Read back, the creator is the passage's creator.
    const back = parseWebAnnotations(renderWebAnnotationsJson(attributed, { articleTexts: texts }))
    expect(new Set(back.annotations.map((a) => a.creator))).toEqual(new Set(['ana']))
  })

  it('gives UUID ids as urn:uuid and other ids a reversible URN', () => {
    const uuid = '3F2504E0-4F89-11D3-9A0C-0305E82C3301'
    expect(recordIri(uuid)).toBe('urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301')
    expect(localId(recordIri(uuid))).toBe(uuid.toLowerCase())
    expect(localId(recordIri('p-son'))).toBe('p-son')
    expect(localId('https://example.com/a')).toBe('https://example.com/a')
  })

  it('has no page for an empty dossier, and the JSON string parses', () => {
    const empty = renderWebAnnotations({ ...doc, quotes: [] })
    expect(empty.total).toBe(0)
    expect(empty.first).toBeUndefined()
    expect(validateCollection(empty)).toBe(true)
    expect(JSON.parse(renderWebAnnotationsJson(doc))).toEqual(renderWebAnnotations(doc))
  })
})

describe('renderWebAnnotations on scans', () => {
  type Selector = Json & { refinedBy?: Json }

  /** The smallest box holding the words that overlap `quote`'s place in the scanned text. */
  function expectedRegions(
    pages: Awaited<ReturnType<typeof scannedFixture>>['pages'],
    text: string,
    quote: string
  ): { page: number; xywh: string }[] {
    const start = text.indexOf(quote)
    const end = start + quote.length
    return pages.flatMap((page) => {
      const words = page.words.filter((w) => w.start < end && w.end > start)
      if (words.length === 0) return []
      const left = Math.min(...words.map((w) => w.x))
      const top = Math.min(...words.map((w) => w.y))
      const right = Math.max(...words.map((w) => w.x + w.w))
      const bottom = Math.max(...words.map((w) => w.y + w.h))
      return [{ page: page.page + 1, xywh: `${left},${top},${right - left},${bottom - top}` }]
    })
  }

  function fragments(annotation: Json): Selector[] {
    return (annotation.target as { selector: Selector[] }).selector.filter(
      (s) => s.type === 'FragmentSelector'
    )
  }

  it('gives a passage on a scan a FragmentSelector per page, refined by its words’ region, and validates', async () => {
    const { snapshot, pages } = await scannedFixture(false)
    const scanned = buildDossier(sampleDossier(), snapshot, {
      labels: englishLabels(),
      now: '2026-01-15T10:00:00.000Z'
    })
    const collection = renderWebAnnotations(scanned, {
      articleTexts: snapshot.texts,
      scans: snapshot.scans
    })
    expect(validateCollection(collection), JSON.stringify(validateCollection.errors)).toBe(true)
    for (const annotation of items(collection)) {
      expect(validateAnnotation(annotation), JSON.stringify(validateAnnotation.errors)).toBe(true)
      expect(validateSelectors(annotation), JSON.stringify(validateSelectors.errors)).toBe(true)
    }

    const text = snapshot.texts.get(SCANNED_ARTICLE)!
    const byId = (id: string): Json => items(collection).find((a) => a.id === recordIri(id))!
    for (const id of ['p-father', 'p-clinton']) {
      const quote = FIXTURE_QUOTES.find((q) => q.id === id)!.quote
      const expected = expectedRegions(pages, text, quote)
      const found = fragments(byId(id))
      // Beside the text selectors, which still come first.
      const kinds = (byId(id).target as { selector: Json[] }).selector.map((s) => s.type)
      expect(kinds.slice(0, 2)).toEqual(['TextQuoteSelector', 'TextPositionSelector'])
      expect(found).toEqual(
        expected.map(({ page, xywh }) => ({
          type: 'FragmentSelector',
          conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
          value: `page=${page}`,
          refinedBy: {
            type: 'FragmentSelector',
            conformsTo: 'http://www.w3.org/TR/media-frags/',
            value: `xywh=pixel:${xywh}`,
            'liasse:imageWidth': pages[page - 1]!.width,
            'liasse:imageHeight': pages[page - 1]!.height
          }
        }))
      )
    }
    // The fixture's page break falls inside p-clinton: one region on each page, pages from 1.
    expect(fragments(byId('p-father')).map((f) => f.value)).toEqual(['page=1'])
    expect(fragments(byId('p-clinton')).map((f) => f.value)).toEqual(['page=1', 'page=2'])
    // A born-digital article's passage, and an orphan on the scan (no place), have none.
    expect(fragments(byId('p-son'))).toEqual([])
    expect(fragments(byId('p-orphan'))).toEqual([])

    // As linked data: oa:FragmentSelector refined by another, conformsTo IRIs, the image size in
    // our namespace (the terms expand; none is dropped as unknown).
    const jsonld =
      (jsonldModule as unknown as { default?: typeof jsonldModule }).default ?? jsonldModule
    const [expanded] = (await jsonld.expand(byId('p-clinton') as never, {
      documentLoader: offlineDocumentLoader as never
    })) as Json[]
    const OA = 'http://www.w3.org/ns/oa#'
    const target = (expanded![`${OA}hasTarget`] as Json[])[0]!
    const pageSelectors = (target[`${OA}hasSelector`] as Json[]).filter((s) =>
      (s['@type'] as string[]).includes(`${OA}FragmentSelector`)
    )
    expect(pageSelectors).toHaveLength(2)
    const refined = (pageSelectors[0]![`${OA}refinedBy`] as Json[])[0]!
    expect(refined['http://purl.org/dc/terms/conformsTo']).toEqual([
      { '@id': 'http://www.w3.org/TR/media-frags/' }
    ])
    expect(refined['https://liasse.invalid/ns#imageWidth']).toEqual([{ '@value': pages[0]!.width }])
    expect(pageSelectors[0]!['http://www.w3.org/1999/02/22-rdf-syntax-ns#value']).toEqual([
      { '@value': 'page=1' }
    ])

    // The checks do reject a fragment without its value, and one refined by nothing known.
    const father = byId('p-father')
    const broken = (selector: Json): Json => ({
      ...father,
      target: { ...(father.target as Json), selector: [selector] }
    })
    expect(validateSelectors(broken({ type: 'FragmentSelector', conformsTo: 'x:y' }))).toBe(false)
    expect(
      validateSelectors(
        broken({
          type: 'FragmentSelector',
          value: 'page=1',
          refinedBy: { type: 'FragmentSelector' }
        })
      )
    ).toBe(false)
  })

  it('reaches the exported file, and our import still reads the text selectors', async () => {
    const { snapshot } = await scannedFixture(false)
    const scanned = buildDossier(sampleDossier(), snapshot, {
      labels: englishLabels(),
      now: '2026-01-15T10:00:00.000Z'
    })
    const bytes = await renderDossierFormat('jsonld', scanned, englishLabels(), {
      snapshot,
      now: '2026-01-15T10:00:00.000Z',
      appVersion: 'test',
      userName: 'Camille'
    })
    const json = new TextDecoder().decode(bytes)
    const father = items(JSON.parse(json) as Json).find((a) => a.id === recordIri('p-father'))!
    expect(fragments(father)).toHaveLength(1)
    const back = parseWebAnnotations(json)
    const quote = scanned.quotes.find((q) => q.passage.id === 'p-father')!
    const read = back.annotations.find((a) => localId(a.id!) === 'p-father')!
    expect(read.quote?.exact).toBe(quote.text)
    expect(read.position).toEqual({ type: 'TextPositionSelector', ...quote.span })
  })
})

describe('parseWebAnnotations', () => {
  it('round-trips our own export: selectors, tags, notes, links, dates, creator', () => {
    const imported = parseWebAnnotations(renderWebAnnotationsJson(doc, { articleTexts: texts }))
    expect(imported.label).toBe('WikiLeaks et Trump Jr')
    expect(imported.skipped).toBe(0)
    expect(imported.annotations).toHaveLength(doc.quotes.length)
    for (const quote of doc.quotes) {
      const back = imported.annotations.find((a) => localId(a.id!) === quote.passage.id)!
      expect(localId(back.source)).toBe(quote.article.id)
      expect(back.sourceTitle).toBe(quote.article.title)
      expect(back.quote?.exact).toBe(quote.text)
      expect(back.position).toEqual(
        quote.span ? { type: 'TextPositionSelector', ...quote.span } : null
      )
      expect(back.tags).toEqual(quote.tags.map((t) => t.path))
      expect(back.notes).toEqual(quote.passage.note ? [quote.passage.note] : [])
      expect(back.links.map((l) => [localId(l.target), l.role])).toEqual(
        quote.events.map((e) => [e.eventId, e.role])
      )
      expect(back.created).toBe(quote.passage.createdAt)
      expect(back.creator).toBe('Camille')
    }
  })

  it('reads a Hypothesis export (client JSON) and its W3C form', () => {
    // Shaped as the Hypothesis client's "Export annotations" file (API annotation objects).
    const hypothesisExport = {
      export_date: '2024-03-02T09:12:44.000Z',
      export_userid: 'acct:alice@hypothes.is',
      client_version: '1.1422.0',
      annotations: [
        {
          id: 'zxTYvL5dEe6kTyfZ2SIc1A',
          created: '2024-02-29T15:03:12.391562+00:00',
          updated: '2024-02-29T15:04:01.002143+00:00',
          user: 'acct:alice@hypothes.is',
          uri: 'https://www.example.org/2017/11/13/wikileaks-trump-jr',
          text: 'Check against **The Atlantic** piece.',
          tags: ['WikiLeaks', 'to verify'],
          group: '__world__',
          permissions: { read: ['group:__world__'] },
          target: [
            {
              source: 'https://www.example.org/2017/11/13/wikileaks-trump-jr',
              selector: [
                {
                  type: 'RangeSelector',
                  startContainer: '/main[1]/p[3]',
                  startOffset: 0,
                  endContainer: '/main[1]/p[3]',
                  endOffset: 52
                },
                { type: 'TextPositionSelector', start: 1204, end: 1256 },
                {
                  type: 'TextQuoteSelector',
                  exact: 'Le magazine The Atlantic a révélé, lundi 13 novembre',
                  prefix: 'de WikiLeaks et Julian Assange. ',
                  suffix: ", que l'ONG, soupçonnée, comme l"
                }
              ]
            }
          ],
          document: { title: ['WikiLeaks et Trump Jr : des messages privés'] },
          links: { html: 'https://hypothes.is/a/zxTYvL5dEe6kTyfZ2SIc1A' },
          user_info: { display_name: 'Alice Martin' }
        },
        {
          // A page note: no selector, nothing to anchor.
          id: 'pgNote1',
          created: '2024-02-29T15:10:00+00:00',
          updated: '2024-02-29T15:10:00+00:00',
          user: 'acct:alice@hypothes.is',
          uri: 'https://www.example.org/2017/11/13/wikileaks-trump-jr',
          text: 'Whole page',
          tags: [],
          target: [{ source: 'https://www.example.org/2017/11/13/wikileaks-trump-jr' }]
        }
      ]
    }
    const imported = parseWebAnnotations(JSON.stringify(hypothesisExport))
    expect(imported.skipped).toBe(1)
    expect(imported.annotations).toHaveLength(1)
    const [first] = imported.annotations
    expect(first).toMatchObject({
      id: 'zxTYvL5dEe6kTyfZ2SIc1A',
      source: 'https://www.example.org/2017/11/13/wikileaks-trump-jr',
      sourceTitle: 'WikiLeaks et Trump Jr : des messages privés',
      position: { type: 'TextPositionSelector', start: 1204, end: 1256 },
      tags: ['WikiLeaks', 'to verify'],
      notes: ['Check against **The Atlantic** piece.'],
      created: '2024-02-29T15:03:12.391562+00:00',
      modified: '2024-02-29T15:04:01.002143+00:00',
      creator: 'Alice Martin'
    })
    expect(first!.quote?.exact).toBe('Le magazine The Atlantic a révélé, lundi 13 novembre')

    // The same annotation as Hypothesis serves it in JSON-LD (…/annotations/<id>.jsonld).
    const w3c = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/zxTYvL5dEe6kTyfZ2SIc1A',
      created: '2024-02-29T15:03:12.391562+00:00',
      modified: '2024-02-29T15:04:01.002143+00:00',
      creator: 'acct:alice@hypothes.is',
      body: [
        { type: 'TextualBody', value: 'Check against the piece.', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'WikiLeaks' }
      ],
      target: hypothesisExport.annotations[0]!.target
    }
    const single = parseWebAnnotations(w3c)
    expect(single.label).toBeNull()
    expect(single.annotations[0]).toMatchObject({
      tags: ['WikiLeaks'],
      notes: ['Check against the piece.'],
      creator: 'alice'
    })
  })

  it('accepts a page, an array, and a collection with items', () => {
    const annotations = items(renderWebAnnotations(doc))
    expect(parseWebAnnotations(annotations).annotations).toHaveLength(7)
    expect(
      parseWebAnnotations({ type: 'AnnotationPage', items: annotations }).annotations
    ).toHaveLength(7)
    expect(
      parseWebAnnotations({ type: 'AnnotationCollection', label: 'x', items: annotations })
        .annotations
    ).toHaveLength(7)
  })

  it('refuses what is not annotations on text, with a code', () => {
    const code = (input: unknown): string | undefined => {
      try {
        parseWebAnnotations(input)
      } catch (error) {
        expect(error).toBeInstanceOf(AnnotationImportError)
        return (error as AnnotationImportError).code
      }
      return undefined
    }
    expect(code('{"type": "Annotation",')).toBe('notJson')
    expect(code('<html></html>')).toBe('notJson')
    expect(code('42')).toBe('notAnnotations')
    expect(code({ hello: 'world' })).toBe('notAnnotations')
    expect(code({ type: 'AnnotationCollection', total: 0 })).toBe('notAnnotations')
    expect(
      code({
        type: 'Annotation',
        target: { source: 'http://example.org/image.jpg', selector: { type: 'FragmentSelector' } }
      })
    ).toBe('noTextTarget')
    expect(code([{ type: 'Annotation', target: 'http://example.org/page' }])).toBe('noTextTarget')
  })
})

describe('renderWebAnnotations with emoji and combining characters', () => {
  it('writes positions in code points that select the quote, and still passes the W3C schemas', async () => {
    const { doc: astral, snapshot } = await astralDocument()
    const collection = renderWebAnnotations(astral, { articleTexts: snapshot.texts })
    expect(collection['liasse:offsetUnit']).toBe('codePoint')
    expect(validateCollection(collection), JSON.stringify(validateCollection.errors)).toBe(true)
    let differing = 0
    let astralInside = 0
    for (const annotation of items(collection)) {
      expect(validateAnnotation(annotation), JSON.stringify(validateAnnotation.errors)).toBe(true)
      const target = annotation.target as { source: Json; selector: Json[] }
      const quote = target.selector.find((s) => s.type === 'TextQuoteSelector')!
      const position = target.selector.find((s) => s.type === 'TextPositionSelector')
      if (!position) continue
      const text = snapshot.texts.get(localId(target.source.id as string))!
      // Code points: what any tool gets from Array.from, Python's str or the W3C model.
      const points = Array.from(text)
      const { start, end } = position as { start: number; end: number }
      expect(points.slice(start, end).join('')).toBe(quote.exact)
      const prefix = quote.prefix as string
      const suffix = quote.suffix as string
      expect(points.slice(start - Array.from(prefix).length, start).join('')).toBe(prefix)
      expect(points.slice(end, end + Array.from(suffix).length).join('')).toBe(suffix)
      if (text.slice(start, end) !== quote.exact) differing += 1
      if (/\p{Extended_Pictographic}/u.test(quote.exact as string)) astralInside += 1
    }
    // The fixture bites: every anchored position differs from its UTF-16 offsets, and most
    // passages hold an emoji and a combining mark themselves.
    expect(differing).toBe(astral.quotes.filter((q) => q.span).length)
    expect(astralInside).toBeGreaterThanOrEqual(4)
  })
})
