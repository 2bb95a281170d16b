// Hostile files from colleagues: `.liasse` bundles, REFI-QDA projects and Web Annotation JSON,
// random, cut, bit-flipped, rewritten inside, or zips built to attack. Each is read into records
// or refused with its importer's typed error; never a TypeError, a RangeError or a hang.
import fc from 'fast-check'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FUZZ_RUNS,
  FUZZ_TIMEOUT,
  hostileBytes,
  invalidUtf8
} from '../../../test/zip/hostile-arbitraries'
import { deflatedZeros, rawZip } from '../../../test/zip/test-zips'
import { BundleImportError, exportBundle, type ArchiveRecords } from './bundle'
import { IncomingFileError, readIncomingFile } from './read-incoming'
import { AnnotationImportError, renderWebAnnotationsJson } from './render-jsonld'
import { QdpxImportError, renderQdpx } from './render-qdpx'
import { sampleDocument, sampleSnapshot } from '../../../test/dossier/test-fixture'

const context = {
  now: '2026-03-01T09:00:00.000Z',
  author: 'Receiver',
  newId: (() => {
    let next = 0
    return () => `new-${++next}`
  })()
}

const TYPED = [BundleImportError, QdpxImportError, AnnotationImportError, IncomingFileError]

let receiver: ArchiveRecords
let bundle: Uint8Array
let qdpx: Uint8Array
let annotations: Uint8Array

beforeAll(async () => {
  const snapshot = await sampleSnapshot()
  receiver = { ...snapshot, dossiers: [] }
  // One article and what hangs on it: small, so that a thousand variants read in seconds.
  const first = snapshot.articles[0]!.id
  bundle = exportBundle(
    { dossier: null, snapshot, articleIds: [first] },
    { now: context.now, appVersion: 'test' }
  )
  const document = await sampleDocument()
  qdpx = renderQdpx(document, snapshot.texts, { now: context.now, userName: 'Camille' })
  annotations = strToU8(renderWebAnnotationsJson(document, { articleTexts: snapshot.texts }))
})

/** Read into records whose references hold, or refused with a typed error. */
async function readsOrRefuses(fileName: string, bytes: Uint8Array): Promise<void> {
  let read
  try {
    read = await readIncomingFile({ fileName, bytes }, receiver, context)
  } catch (error) {
    if (!TYPED.some((type) => error instanceof type)) throw error
    expect(typeof (error as { code: unknown }).code).toBe('string')
    return
  }
  const { incoming } = read
  for (const article of incoming.articles) {
    expect(incoming.texts.get(article.id)?.length).toBe(article.textLength)
  }
  for (const passage of incoming.passages) {
    expect(passage.position.end).toBeGreaterThanOrEqual(passage.position.start)
  }
}

function hostileJson(): fc.Arbitrary<Uint8Array> {
  const deep = fc.nat({ max: 100_000 }).map((n) => strToU8(`${'['.repeat(n)}${']'.repeat(n)}`))
  const shapes = fc.oneof(
    fc.jsonValue(),
    fc.record({
      type: fc.constantFrom('Annotation', 'AnnotationCollection', 'AnnotationPage', 1, null),
      target: fc.jsonValue(),
      body: fc.jsonValue(),
      motivation: fc.oneof(fc.jsonValue(), fc.constant({ toString: 1 })),
      items: fc.jsonValue(),
      first: fc.jsonValue()
    }),
    // A selector refined a million times over.
    fc.constant({
      type: 'Annotation',
      target: {
        source: 'x',
        selector: { type: 'TextQuoteSelector', exact: 'a', refinedBy: new Array(200_000).fill({}) }
      }
    })
  )
  // JSON-LD: contexts shipped, remote, inline or invalid; keywords in any place; deep graphs.
  const context = fc.oneof(
    fc.constantFrom(
      'http://www.w3.org/ns/anno.jsonld',
      'https://tracker.example/context.jsonld',
      'file:///etc/passwd',
      ['http://www.w3.org/ns/anno.jsonld', { liasse: 'https://liasse.app/ns#' }],
      { '@version': 1.1, '@vocab': 'http://www.w3.org/ns/oa#' },
      { '@import': 'https://tracker.example/x.jsonld' }
    ),
    fc.jsonValue()
  )
  const jsonLd = fc.record({
    '@context': context,
    '@id': fc.oneof(fc.string(), fc.jsonValue()),
    '@type': fc.oneof(fc.constantFrom('oa:Annotation', '@json', '@id'), fc.jsonValue()),
    '@graph': fc.jsonValue(),
    target: fc.jsonValue(),
    'http://www.w3.org/ns/oa#hasTarget': fc.jsonValue()
  })
  const deepGraph = fc
    .nat({ max: 50_000 })
    .map((n) =>
      strToU8(
        `{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","target":` +
          `${'{"source":'.repeat(n)}"x"${'}'.repeat(n)}}`
      )
    )
  return fc.oneof(
    shapes.map((value) => strToU8(JSON.stringify(value))),
    jsonLd.map((value) => strToU8(JSON.stringify(value))),
    deepGraph,
    deep,
    invalidUtf8(),
    hostileBytes(annotations)
  )
}

describe('readIncomingFile on hostile input', () => {
  it(
    '.liasse bundles: random, cut, flipped, rewritten inside, hostile zips',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileBytes(bundle, true), (bytes) => readsOrRefuses('b.liasse', bytes)),
        { numRuns: FUZZ_RUNS }
      )
    },
    FUZZ_TIMEOUT
  )

  it(
    '.qdpx projects: random, cut, flipped, rewritten inside, hostile zips',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileBytes(qdpx, true), (bytes) => readsOrRefuses('p.qdpx', bytes)),
        { numRuns: FUZZ_RUNS }
      )
    },
    FUZZ_TIMEOUT
  )

  it(
    'Web Annotations: any JSON or JSON-LD, deep nesting, hostile objects and contexts, invalid UTF-8',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileJson(), fc.constantFrom('a.jsonld', 'a.json'), (bytes, name) =>
          readsOrRefuses(name, bytes)
        ),
        { numRuns: FUZZ_RUNS }
      )
    },
    FUZZ_TIMEOUT
  )
})

describe('readIncomingFile: the attacks found, each refused by name', () => {
  const refusal = async (fileName: string, bytes: Uint8Array): Promise<string> => {
    const error: unknown = await readIncomingFile({ fileName, bytes }, receiver, context).then(
      () => null,
      (reason: unknown) => reason
    )
    expect(TYPED.some((type) => error instanceof type)).toBe(true)
    return (error as { code: string }).code
  }

  // How fast these refusals are is measured in bench/hostile.bench.ts.
  it('a bundle or project holding a gigabyte of zeros is a bomb, refused', async () => {
    const zeros = deflatedZeros(4 << 20)
    const bomb = { data: zeros.data, method: 8, declaredSize: 1 << 30, crc32: zeros.crc32 }
    const withBomb = (valid: Uint8Array, name: string): Uint8Array => {
      const entries = Object.entries(unzipSync(valid)).map(([n, data]) => ({ name: n, data }))
      return rawZip([...entries, { name, ...bomb }])
    }
    for (const [file, bytes] of [
      ['b.liasse', withBomb(bundle, 'texts/zeros.txt')],
      ['p.qdpx', withBomb(qdpx, 'sources/zeros.txt')],
      ['p.qdpx', withBomb(qdpx, 'unused.bin')]
    ] as const) {
      expect(await refusal(file, bytes)).toBe('zipBomb')
    }
  })

  it('refuses a project with entity declarations, climbing names, empty and oversize files', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' +
      '<Project name="&b;"/>'
    expect(await refusal('p.qdpx', zipSync({ 'project.qde': strToU8(laughs) }))).toBe('unsafeXml')
    const xxe = '<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>'
    expect(await refusal('p.qdpx', zipSync({ 'project.qde': strToU8(xxe) }))).toBe('unsafeXml')
    const deep = `<Project name="x">${'<Sources>'.repeat(1000)}${'</Sources>'.repeat(1000)}</Project>`
    expect(await refusal('p.qdpx', zipSync({ 'project.qde': strToU8(deep) }))).toBe('badXml')
    const climbing = rawZip([{ name: '../../project.qde', data: strToU8('<Project/>') }])
    expect(await refusal('p.qdpx', climbing)).toBe('badEntryName')
    expect(await refusal('b.liasse', new Uint8Array(0))).toBe('empty')
    expect(
      await readIncomingFile(
        { fileName: 'b.liasse', bytes: new Uint8Array(0), oversize: 60e6 },
        receiver,
        context
      ).catch((error: IncomingFileError) => error.code)
    ).toBe('tooLarge')
    expect(await refusal('b.zip', bundle)).toBe('unsupported')
  })

  it('still reads the valid files', async () => {
    expect(
      (await readIncomingFile({ fileName: 'b.liasse', bytes: bundle }, receiver, context)).incoming
        .articles
    ).toHaveLength(1)
    expect(
      (await readIncomingFile({ fileName: 'p.qdpx', bytes: qdpx }, receiver, context)).incoming
        .articles.length
    ).toBeGreaterThan(0)
    const read = await readIncomingFile(
      { fileName: 'a.jsonld', bytes: annotations },
      receiver,
      context
    )
    expect(read.incoming.passages.length).toBeGreaterThan(0)
  })
})
