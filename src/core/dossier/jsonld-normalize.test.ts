// Any JSON-LD serialization of our Web Annotations reads back to the same passages and links:
// compact with the W3C context, expanded by jsonld.js, compacted under other prefixes; processed
// offline with the shipped W3C context, a remote context refused without any fetch.
import * as jsonldModule from 'jsonld'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ArchiveRecords } from './bundle'
import { readIncomingFile } from './read-incoming'
import {
  normalizeAnnotationsJsonLd,
  offlineDocumentLoader,
  readAnnotationsJson
} from './jsonld-normalize'
import { AnnotationImportError, parseWebAnnotations, renderWebAnnotations } from './render-jsonld'
import { astralDocument } from '../../../test/dossier/test-fixture'
import type { ArchiveSnapshot } from './types'

const jsonld =
  (jsonldModule as unknown as { default?: typeof jsonldModule }).default ?? jsonldModule

type Json = Record<string, unknown>

function receiverOf(snapshot: ArchiveSnapshot): ArchiveRecords {
  return { ...snapshot, passages: [], tags: [], links: [], dossiers: [] }
}

function context(): { now: string; author: string; newId: () => string } {
  let n = 0
  return { now: '2026-02-02T00:00:00.000Z', author: 'Receiver', newId: () => `new-${++n}` }
}

const encoder = new TextEncoder()

/** What the merge would receive from `file`: passages and links (ids and anchors included). */
async function incoming(file: unknown, snapshot: ArchiveSnapshot): Promise<Json> {
  const { incoming: records, orphaned } = await readIncomingFile(
    { fileName: 'annotations.jsonld', bytes: encoder.encode(JSON.stringify(file)) },
    receiverOf(snapshot),
    context()
  )
  return {
    orphaned,
    passages: records.passages.map((p) => ({
      id: p.id,
      articleId: p.articleId,
      anchor: p.anchor,
      tagIds: p.tagIds,
      note: p.note,
      author: p.author
    })),
    links: records.links.map((l) => ({
      id: l.id,
      eventId: l.eventId,
      passageId: l.passageId,
      role: l.role,
      note: l.note
    })),
    tags: records.tags.map((t) => t.name).sort()
  }
}

const loader = offlineDocumentLoader as never

/** A context that names the same vocabularies under other prefixes and terms. */
const OTHER_CONTEXT = {
  w3: 'http://www.w3.org/ns/oa#',
  stream: 'http://www.w3.org/ns/activitystreams#',
  dcterms: 'http://purl.org/dc/terms/',
  mine: 'https://liasse.app/ns#'
}

describe('JSON-LD annotations in any serialization', () => {
  afterEach(() => vi.restoreAllMocks())

  it('compact, expanded and other-prefix forms of our export give the same passages and links', async () => {
    const { doc, snapshot } = await astralDocument()
    const compact = renderWebAnnotations(doc, { articleTexts: snapshot.texts })
    const expanded = await jsonld.expand(compact as jsonldModule.JsonLdDocument, {
      documentLoader: loader
    })
    const otherPrefix = await jsonld.compact(
      compact as jsonldModule.JsonLdDocument,
      OTHER_CONTEXT as jsonldModule.ContextDefinition,
      { documentLoader: loader }
    )
    // The other forms really are other spellings: no compact W3C key is left in them.
    expect(JSON.stringify(expanded)).not.toContain('"TextQuoteSelector"')
    expect(JSON.stringify(expanded)).toContain('http://www.w3.org/ns/oa#TextQuoteSelector')
    expect(JSON.stringify(otherPrefix)).toContain('w3:hasSelector')
    expect(JSON.stringify(otherPrefix)).not.toContain('"selector"')

    const reference = await incoming(compact, snapshot)
    expect((reference.passages as unknown[]).length).toBe(snapshot.passages.length)
    expect((reference.links as unknown[]).length).toBeGreaterThan(0)
    expect(await incoming(expanded, snapshot)).toEqual(reference)
    expect(await incoming(otherPrefix, snapshot)).toEqual(reference)
  })

  it('reads the expanded form of a single annotation and of a bare page of items', async () => {
    const { doc, snapshot } = await astralDocument()
    const compact = renderWebAnnotations(doc, { articleTexts: snapshot.texts }) as Json
    const first = (compact.first as { items: Json[] }).items[0]!
    const single = { '@context': compact['@context'], ...first }
    const expanded = await jsonld.expand(single as jsonldModule.JsonLdDocument, {
      documentLoader: loader
    })
    const parsed = parseWebAnnotations(await normalizeAnnotationsJsonLd(expanded))
    const direct = parseWebAnnotations(single)
    expect(parsed.annotations).toEqual(direct.annotations)
    expect(parsed.offsetUnit).toBe('codePoint')
  })

  it('keeps our older files in UTF-16 once expanded: the unit note survives processing', async () => {
    const { doc, snapshot } = await astralDocument()
    const compact = renderWebAnnotations(doc, { articleTexts: snapshot.texts }) as Json
    const older = { ...compact, 'liasse:offsetUnit': 'utf16CodeUnit' }
    const expanded = await jsonld.expand(older as jsonldModule.JsonLdDocument, {
      documentLoader: loader
    })
    expect(parseWebAnnotations(await normalizeAnnotationsJsonLd(expanded)).offsetUnit).toBe(
      'utf16CodeUnit'
    )
  })

  it('leaves plain JSON (a Hypothesis export) as it is', async () => {
    const hypothesis = {
      rows: [
        {
          uri: 'https://example.org/a',
          text: 'note',
          tags: ['Fuite'],
          target: [{ selector: [{ type: 'TextQuoteSelector', exact: 'mot' }] }]
        }
      ]
    }
    expect(await normalizeAnnotationsJsonLd(hypothesis)).toBe(hypothesis)
  })

  it('refuses a remote context by name, and fetches nothing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const file = JSON.stringify({
      '@context': 'https://tracker.example/annotation-context.jsonld',
      type: 'Annotation',
      target: { source: 'urn:x', selector: { type: 'TextQuoteSelector', exact: 'mot' } }
    })
    const error = await readAnnotationsJson(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AnnotationImportError)
    expect((error as AnnotationImportError).code).toBe('remoteContext')
    expect((error as AnnotationImportError).detail).toBe(
      'https://tracker.example/annotation-context.jsonld'
    )
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('serves the W3C context under its http and https names, offline', async () => {
    for (const url of ['http://www.w3.org/ns/anno.jsonld', 'https://www.w3.org/ns/anno.jsonld']) {
      const file = {
        '@context': url,
        type: 'Annotation',
        target: { source: 'urn:x', selector: { type: 'TextQuoteSelector', exact: 'mot' } }
      }
      const parsed = parseWebAnnotations(await normalizeAnnotationsJsonLd(file))
      expect(parsed.annotations[0]?.quote?.exact).toBe('mot')
    }
  })

  it('names invalid JSON-LD and non-JSON as such', async () => {
    const bad = await readAnnotationsJson(
      JSON.stringify({ '@context': { '@version': 2 }, type: 'Annotation' })
    ).catch((e: unknown) => e)
    expect((bad as AnnotationImportError).code).toBe('badJsonLd')
    const deep = await readAnnotationsJson(
      `{"@context":"http://www.w3.org/ns/anno.jsonld","target":${'{"source":'.repeat(10_000)}"x"${'}'.repeat(10_000)}}`
    ).catch((e: unknown) => e)
    expect((deep as AnnotationImportError).code).toBe('badJsonLd')
    expect((deep as AnnotationImportError).detail).toMatch(/nested deeper than 64 levels/)
    const notJson = await readAnnotationsJson('{ nope').catch((e: unknown) => e)
    expect((notJson as AnnotationImportError).code).toBe('notJson')
  })

  it('reads integers written as typed strings as numbers', async () => {
    const file = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      target: {
        source: 'urn:x',
        selector: [
          { type: 'TextQuoteSelector', exact: 'mot' },
          {
            type: 'TextPositionSelector',
            start: {
              '@value': '4',
              '@type': 'http://www.w3.org/2001/XMLSchema#nonNegativeInteger'
            },
            end: { '@value': '7', '@type': 'http://www.w3.org/2001/XMLSchema#nonNegativeInteger' }
          }
        ]
      }
    }
    const parsed = parseWebAnnotations(await normalizeAnnotationsJsonLd(file))
    expect(parsed.annotations[0]?.position).toEqual({
      type: 'TextPositionSelector',
      start: 4,
      end: 7
    })
  })
})
