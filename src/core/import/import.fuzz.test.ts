// Hostile input for every article importer (text, Markdown, HTML, PDF, Word): random bytes,
// truncated and bit-flipped valid files, invalid UTF-8, empty files, wrong names, hostile zips and
// pages. Each either imports well-formed text or fails with an ImportError; never a crash or a hang.
import fc from 'fast-check'
import { JSDOM } from 'jsdom'
import { beforeAll, describe, expect, it } from 'vitest'
import { FUZZ_RUNS, FUZZ_TIMEOUT, hostileBytes } from '../../../test/zip/hostile-arbitraries'
import { deflatedZeros, rawZip } from '../../../test/zip/test-zips'
import { makeDocx } from '../../../test/import/make-docx'
import { makePdf } from '../../../test/import/make-pdf'
import { importSource } from './import'
import { blockText, READABILITY_MAX_DEPTH } from './parse-html'
import { createTestImportEnvironment } from '../../../test/import/test-env'
import { ImportError, type ImportEnvironment, type ImportErrorCode } from './types'

const env = createTestImportEnvironment()
// The browser's way (one window, a DOMParser per page) rather than a new jsdom window per page:
// the same inert parse, some twenty times quicker, so that a thousand pages fit in seconds.
const window = new JSDOM('').window
const quick: ImportEnvironment = {
  ...env,
  parseHtml: (html) =>
    new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document
}
const NOW = new Date('2025-01-01T00:00:00Z')
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

const CODES: ImportErrorCode[] = [
  'unsupportedFormat',
  'empty',
  'unreadable',
  'tooLarge',
  'corrupt',
  'zipBomb',
  'notWord',
  'tooComplex'
]

/** The property every importer keeps: an article whose fields hold together, or an ImportError. */
async function importsOrRefuses(name: string, bytes: Uint8Array): Promise<void> {
  let outcome: unknown
  try {
    outcome = await importSource({ name, bytes }, quick, { now: NOW })
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    expect(CODES).toContain(error.code)
    // A stack overflow wrapped as "corrupt" would still be a crash (a third-party parser's own
    // TypeError on a damaged file is what "corrupt" means).
    expect(error.detail).not.toMatch(/call stack/)
    return
  }
  const article = outcome as Awaited<ReturnType<typeof importSource>>
  expect(article.text.length).toBeGreaterThan(0)
  expect(article.sha256).toMatch(/^[0-9a-f]{64}$/)
  for (const span of article.paragraphs) {
    expect(span.start).toBeGreaterThanOrEqual(0)
    expect(span.end).toBeLessThanOrEqual(article.text.length)
  }
}

const NAMES = ['a.txt', 'a.md', 'a.html', 'a.pdf', 'a.docx', 'a', 'a.exe', 'A.HTM', 'a.markdown']
const anyName = (own: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(own) },
    { weight: 1, arbitrary: fc.constantFrom(...NAMES) }
  )

const HOSTILE_HTML = [
  '<script>globalThis.pwned = true</script>',
  '<img src=x onerror="globalThis.pwned = true">',
  '<svg onload="globalThis.pwned = true"><text>svg</text></svg>',
  '<iframe srcdoc="<script>parent.pwned = true</script>"></iframe>',
  '<a href="javascript:globalThis.pwned = true">lien</a>',
  '<style>@import url(http://evil.invalid/x.css)</style>',
  '<meta http-equiv="refresh" content="0;url=http://evil.invalid">',
  '<object data="x.swf"></object>',
  '<p>Un paragraphe de texte ordinaire, avec des virgules, et des mots.</p>',
  '<div>',
  '</div>',
  '<table><tr><td>cellule',
  '<!--',
  '<![CDATA[',
  '&#x0;&#xD800;&nbsp;&amp'
]

function hostileHtml(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.array(fc.constantFrom(...HOSTILE_HTML), { maxLength: 20 }),
      // Shallow mostly; now and then past READABILITY_MAX_DEPTH (Readability skipped) — jsdom is
      // slow on deep trees, and the 100,000-deep page has its own test below.
      fc.oneof(
        { weight: 9, arbitrary: fc.nat({ max: 6 }) },
        { weight: 1, arbitrary: fc.constantFrom(READABILITY_MAX_DEPTH + 2, 300) }
      ),
      fc.string({ maxLength: 40 })
    )
    .map(([parts, depth, text]) =>
      utf8(
        `<html><body>${'<div>'.repeat(depth)}${parts.join(text)}${'</div>'.repeat(depth)}</body></html>`
      )
    )
}

function hostileMarkdown(): fc.Arbitrary<Uint8Array> {
  const pieces = [
    '# ',
    '> ',
    '- ',
    '1. ',
    '```',
    '---\n',
    '[a](javascript:x)',
    '<script>x</script>',
    '*',
    '_',
    '\n',
    '    ',
    '|a|b|\n|-|-|\n',
    '![i](x)'
  ]
  return fc
    .tuple(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.nat({ max: 3000 }))
    .map(([parts, nesting]) => utf8('> '.repeat(nesting % 2 ? nesting : 0) + parts.join('texte ')))
}

let docx: Uint8Array
let pdf: Uint8Array

beforeAll(async () => {
  docx = await makeDocx({
    heading: 'Titre',
    paragraphs: ['Le président a déclaré le 14 novembre 2017.', 'Deuxième paragraphe.']
  })
  pdf = await makePdf({ pages: [[['Une ligne de texte.'], ['Encore une ligne.']]] })
})

describe('importSource on hostile input', () => {
  it(
    'text: random bytes, invalid UTF-8, cut and flipped files, any name',
    async () => {
      const valid = utf8('Titre\n\nÉté à Noël, déjà vu — ça coûte 5 €.\n')
      await fc.assert(fc.asyncProperty(anyName('a.txt'), hostileBytes(valid), importsOrRefuses), {
        numRuns: FUZZ_RUNS
      })
    },
    FUZZ_TIMEOUT
  )

  it(
    'Markdown: random bytes, deep quotes, hostile links and HTML, cut and flipped files',
    async () => {
      const valid = utf8(
        '---\ntitle: Titre\n---\n# Titre\n\nUn *paragraphe* avec un [lien](http://x).\n'
      )
      await fc.assert(
        fc.asyncProperty(
          anyName('a.md'),
          fc.oneof(hostileBytes(valid), hostileMarkdown()),
          importsOrRefuses
        ),
        { numRuns: FUZZ_RUNS }
      )
    },
    FUZZ_TIMEOUT
  )

  it(
    'HTML: script-laden and deeply nested pages import without running any script',
    async () => {
      const valid = utf8(
        '<html lang="fr"><head><title>T</title></head><body><p>Texte.</p></body></html>'
      )
      await fc.assert(
        fc.asyncProperty(
          anyName('a.html'),
          fc.oneof(hostileBytes(valid), hostileHtml()),
          importsOrRefuses
        ),
        { numRuns: FUZZ_RUNS }
      )
      expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined()
    },
    FUZZ_TIMEOUT
  )

  it(
    'PDF: random bytes, cut and flipped PDFs, PDFs under other names',
    async () => {
      await fc.assert(fc.asyncProperty(anyName('a.pdf'), hostileBytes(pdf), importsOrRefuses), {
        numRuns: FUZZ_RUNS
      })
    },
    FUZZ_TIMEOUT
  )

  it(
    'Word: random bytes, cut and flipped files, rewritten parts, hostile zips',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyName('a.docx'), hostileBytes(docx, true), importsOrRefuses),
        { numRuns: FUZZ_RUNS }
      )
    },
    FUZZ_TIMEOUT
  )
})

describe('importSource: specific errors for hostile files', () => {
  const refusal = async (name: string, bytes: Uint8Array): Promise<ImportError> => {
    const error: unknown = await importSource({ name, bytes }, env, { now: NOW }).then(
      () => null,
      (reason: unknown) => reason
    )
    expect(error).toBeInstanceOf(ImportError)
    return error as ImportError
  }

  // How fast these refusals are is measured in bench/hostile.bench.ts.
  it('refuses a Word bomb as a bomb, before mammoth sees it', async () => {
    const bomb = deflatedZeros(8 << 20)
    const lying = rawZip([
      { name: '[Content_Types].xml', data: utf8('<Types/>') },
      { name: 'word/document.xml', data: bomb.data, method: 8, declaredSize: 0xfffffff0 }
    ])
    expect((await refusal('bomb.docx', lying)).code).toBe('zipBomb')
  })

  it('names a zip that is no Word document, and an empty file', async () => {
    const bundle = rawZip([{ name: 'manifest.json', data: utf8('{}') }])
    expect((await refusal('colleague.docx', bundle)).code).toBe('notWord')
    expect((await refusal('empty.docx', new Uint8Array(0))).code).toBe('empty')
  })

  it('reads a PDF named .docx as the PDF it is', async () => {
    const article = await importSource({ name: 'misnamed.docx', bytes: pdf }, env, { now: NOW })
    expect(article.sourceFormat).toBe('pdf')
    expect(article.text).toContain('Une ligne de texte.')
  })

  it('refuses a page nested 100,000 deep by name, before any parser runs', async () => {
    const depth = 100_000
    const html = `<html><body>${'<div>'.repeat(depth)}<p>x</p>${'</div>'.repeat(depth)}</body></html>`
    // jsdom would take minutes on it (see below), far past the test timeout.
    expect((await refusal('deep.html', utf8(html))).code).toBe('tooComplex')
  })

  it('imports 3,000 nested divs with a script as text, without running the script', async () => {
    // jsdom takes minutes over 100,000 levels (Chromium's parser stops nesting at 512); our own
    // code on such a tree is checked below.
    const depth = 3_000
    const html = `<html><body>${'<div>'.repeat(depth)}<p>Le texte au fond.</p><script>globalThis.pwned = true</script>${'</div>'.repeat(depth)}</body></html>`
    const article = await importSource({ name: 'deep.html', bytes: utf8(html) }, quick, {
      now: NOW
    })
    expect(article.text).toBe('Le texte au fond.')
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined()
  }, 60_000)

  it('reads the text of a tree 100,000 elements deep without overflowing the stack', () => {
    // A plain tree of the fields blockText reads: jsdom itself is quadratic on such depth.
    interface Fake {
      nodeType: number
      localName?: string
      nodeValue?: string
      firstChild: Fake | null
      nextSibling: Fake | null
    }
    let top: Fake = {
      nodeType: 1,
      localName: 'p',
      firstChild: {
        nodeType: 3,
        nodeValue: 'Le texte au fond.',
        firstChild: null,
        nextSibling: null
      },
      nextSibling: null
    }
    for (let i = 0; i < 100_000; i++) {
      top = { nodeType: 1, localName: i % 2 ? 'div' : 'span', firstChild: top, nextSibling: null }
    }
    expect(blockText(top as unknown as Node).trim()).toBe('Le texte au fond.')
  })
})
