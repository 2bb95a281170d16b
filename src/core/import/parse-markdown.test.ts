// Markdown notes: syntax stripped to readable text, paragraphs kept, front matter and a leading
// "# Title" as metadata, and raw HTML scripts dropped.
import { describe, expect, it } from 'vitest'
import { importSource } from './import'
import { markdownToText } from './parse-markdown'
import { createTestImportEnvironment } from '../../../test/import/test-env'

const env = createTestImportEnvironment()
const NOW = new Date('2025-01-01T00:00:00Z')
const md = (text: string, name = 'note.md') =>
  importSource({ name, bytes: new TextEncoder().encode(text) }, env, { now: NOW })

describe('markdownToText', () => {
  it('strips inline syntax to the visible text', () => {
    expect(
      markdownToText(
        'Un **gras**, un *italique*, du `code`, un [lien](https://x.fr "t") et ![une image](i.png).'
      )
    ).toBe('Un gras, un italique, du code, un lien et une image.')
  })

  it('joins soft-wrapped lines and keeps paragraphs, headings, lists and quotes', () => {
    const source =
      '## Sous-titre\n\nUne phrase\nsur deux lignes.\n\n- un\n- deux\n\n> Une citation\n> longue.'
    expect(markdownToText(source)).toBe(
      'Sous-titre\n\n\nUne phrase sur deux lignes.\n\n• un\n• deux\n\nUne citation longue.'
    )
  })

  it('keeps snake_case words, escaped characters and code blocks as written', () => {
    expect(markdownToText('Le fichier mon_fichier_final et \\*pas d’italique\\*.')).toBe(
      'Le fichier mon_fichier_final et *pas d’italique*.'
    )
    expect(markdownToText('```\nconst a = 1 * 2\n```')).toBe('\nconst a = 1 * 2\n')
  })

  it('drops raw HTML scripts and comments', () => {
    expect(markdownToText('Avant <script>alert(1)</script><!-- note -->après.')).toBe(
      'Avant après.'
    )
  })
})

describe('importSource: Markdown', () => {
  it('reads title, author, date and language from front matter', async () => {
    const article = await md(
      '---\ntitle: "Les échanges de Trump Jr"\nauthor: Camille Martin\ndate: 2017-11-14\nlang: fr\n---\n\nLe texte de la note, assez long pour être lu.\n'
    )
    expect(article.meta).toEqual({
      title: 'Les échanges de Trump Jr',
      outlet: '',
      author: 'Camille Martin',
      published: { value: '2017-11-14', precision: 'day', qualifier: 'stated' },
      language: 'fr'
    })
    expect(article.text).toBe('Le texte de la note, assez long pour être lu.')
    expect(article.sourceFormat).toBe('md')
  })

  it('takes a leading "# Title" as title and keeps it in the text', async () => {
    const article = await md(
      '# Un *accord* à Bruxelles\n\nLes Vingt-Sept se sont entendus.',
      'n.markdown'
    )
    expect(article.meta.title).toBe('Un accord à Bruxelles')
    expect(article.text).toBe('Un accord à Bruxelles\n\nLes Vingt-Sept se sont entendus.')
  })
})
