// Word documents as users save them: a heading and French paragraphs; damaged files are reported
// as corrupt rather than imported half-way.
import { describe, expect, it } from 'vitest'
import { makeDocx } from '../../../test/import/make-docx'
import { importSource } from './import'
import { createTestImportEnvironment } from '../../../test/import/test-env'

const env = createTestImportEnvironment()
const NOW = new Date('2025-01-01T00:00:00Z')
const docx = (bytes: Uint8Array, name = 'note.docx') =>
  importSource({ name, bytes }, env, { now: NOW })

describe('importSource: DOCX', () => {
  it('extracts the heading and paragraphs, accents included, and takes the heading as title', async () => {
    const bytes = await makeDocx({
      heading: 'Les échanges secrets de Trump Jr',
      paragraphs: [
        'Le fils aîné du président a publié ses messages avec WikiLeaks le 14 novembre 2017.',
        'L’organisation lui demandait déjà, en octobre, ses déclarations d’impôts.'
      ]
    })
    const article = await docx(bytes)
    expect(article.text).toBe(
      'Les échanges secrets de Trump Jr\n\n' +
        'Le fils aîné du président a publié ses messages avec WikiLeaks le 14 novembre 2017.\n\n' +
        'L’organisation lui demandait déjà, en octobre, ses déclarations d’impôts.'
    )
    expect(article.paragraphs).toHaveLength(3)
    expect(article.meta).toMatchObject({
      title: 'Les échanges secrets de Trump Jr',
      language: 'fr',
      published: { value: '2017-11-14', precision: 'day', qualifier: 'notBefore' }
    })
    expect(article.sourceFormat).toBe('docx')
  })

  it('reports a zip-looking file that is not a readable archive as corrupt', async () => {
    const garbage = new Uint8Array([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xde, 0xad, 0xbe, 0xef
    ])
    await expect(docx(garbage)).rejects.toMatchObject({ code: 'corrupt' })
  })

  it('reports a .docx that is not a zip at all as corrupt', async () => {
    await expect(
      docx(new TextEncoder().encode('Ceci n’est pas un document Word.'))
    ).rejects.toMatchObject({
      code: 'corrupt',
      detail: 'not a zip archive'
    })
  })
})
