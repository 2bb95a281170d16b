// The importer end to end for plain text and pasted text: encodings, the errors users meet
// (empty, unsupported, too large, unreadable), and duplicate detection by hash.
import { describe, expect, it } from 'vitest'
import { ACCEPTED_EXTENSIONS, importSource } from './import'
import { createTestImportEnvironment } from '../../../test/import/test-env'
import { ImportError, MAX_IMPORT_BYTES, type ImportSource } from './types'

const env = createTestImportEnvironment()
const NOW = new Date('2025-01-01T00:00:00Z')
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const run = (source: ImportSource) => importSource(source, env, { now: NOW })

async function importError(source: ImportSource): Promise<ImportError> {
  const error: unknown = await run(source).then(
    () => null,
    (reason: unknown) => reason
  )
  if (!(error instanceof ImportError))
    throw new Error(`expected an ImportError, got ${String(error)}`)
  return error
}

describe('importSource: text files', () => {
  it('imports a Windows-1252 French file with its accents', async () => {
    // "Été à Noël, déjà vu — ça coûte 5 €" in Windows-1252, byte by byte.
    const bytes = new Uint8Array([
      0xc9, 0x74, 0xe9, 0x20, 0xe0, 0x20, 0x4e, 0x6f, 0xeb, 0x6c, 0x2c, 0x20, 0x64, 0xe9, 0x6a,
      0xe0, 0x20, 0x76, 0x75, 0x20, 0x97, 0x20, 0xe7, 0x61, 0x20, 0x63, 0x6f, 0xfb, 0x74, 0x65,
      0x20, 0x35, 0x20, 0x80
    ])
    const article = await run({ name: 'ancien.txt', bytes })
    expect(article.text).toBe('Été à Noël, déjà vu — ça coûte 5 €')
    expect(article.sourceFormat).toBe('txt')
  })

  it('imports UTF-16 LE text from a BOM, paragraphs and CRLF included', async () => {
    const text = '\uFEFFTitre du texte\r\n\r\nPremier paragraphe.\r\n'
    const bytes = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) {
      bytes[i * 2] = text.charCodeAt(i) & 0xff
      bytes[i * 2 + 1] = text.charCodeAt(i) >> 8
    }
    const article = await run({ name: 'notepad.txt', bytes })
    expect(article.text).toBe('Titre du texte\n\nPremier paragraphe.')
    expect(article.paragraphs).toEqual([
      { start: 0, end: 14 },
      { start: 16, end: 35 }
    ])
    expect(article.meta.title).toBe('Titre du texte')
  })

  it('imports pasted text as "paste", whatever label it carries', async () => {
    const article = await run({ name: 'Collage', bytes: utf8('Un texte collé.'), kind: 'paste' })
    expect(article.sourceFormat).toBe('paste')
    expect(article.text).toBe('Un texte collé.')
  })

  it('refuses a binary file named .txt as unreadable', async () => {
    const blob = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)
    expect((await importError({ name: 'photo.txt', bytes: blob })).code).toBe('unreadable')
  })

  it('refuses an empty file and a whitespace-only file as empty', async () => {
    expect((await importError({ name: 'vide.txt', bytes: new Uint8Array() })).code).toBe('empty')
    const blank = utf8(' \r\n\t\u200B\r\n  ')
    expect((await importError({ name: 'blanc.txt', bytes: blank })).code).toBe('empty')
  })

  it('refuses an unknown extension as unsupported, naming it', async () => {
    const error = await importError({ name: 'tableur.xlsx', bytes: utf8('a;b') })
    expect(error.code).toBe('unsupportedFormat')
    expect(error.detail).toBe('.xlsx')
    expect(error.fileName).toBe('tableur.xlsx')
  })

  it('refuses a file over the size limit before reading it', async () => {
    // Shadowing byteLength fakes a huge file without allocating it.
    const bytes = Object.defineProperty(utf8('x'), 'byteLength', { value: MAX_IMPORT_BYTES + 1 })
    expect((await importError({ name: 'enorme.txt', bytes })).code).toBe('tooLarge')
  })

  it('refuses a file the host did not read because of its size', async () => {
    const source = { name: 'enorme.pdf', bytes: new Uint8Array(), oversize: MAX_IMPORT_BYTES + 1 }
    expect((await importError(source)).code).toBe('tooLarge')
  })

  it('goes by magic bytes for a PDF saved under another name', async () => {
    const error = await importError({ name: 'article', bytes: utf8('%PDF-1.4 garbage') })
    expect(error.code).toBe('corrupt')
  })

  it('lists the accepted extensions for file pickers', () => {
    expect(ACCEPTED_EXTENSIONS).toEqual([
      '.txt',
      '.md',
      '.markdown',
      '.html',
      '.htm',
      '.pdf',
      '.docx',
      '.png',
      '.jpg',
      '.jpeg',
      '.tif',
      '.tiff',
      '.webp'
    ])
  })
})

describe('importSource: duplicates by hash', () => {
  const text = 'Titre\n\nLe fils aîné de Donald Trump a entretenu des liens avec WikiLeaks.\n'

  it('gives the same hash to the same text with CRLF, trailing spaces or a BOM', async () => {
    const plain = await run({ name: 'a.txt', bytes: utf8(text) })
    const windows = await run({
      name: 'b.txt',
      bytes: utf8(`\uFEFF${text.replace(/\n/g, '  \r\n')}`)
    })
    expect(windows.text).toBe(plain.text)
    expect(windows.sha256).toBe(plain.sha256)
    expect(plain.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives a different hash to a different text', async () => {
    const a = await run({ name: 'a.txt', bytes: utf8(text) })
    const b = await run({ name: 'b.txt', bytes: utf8(text.replace('aîné', 'cadet')) })
    expect(b.sha256).not.toBe(a.sha256)
  })
})
