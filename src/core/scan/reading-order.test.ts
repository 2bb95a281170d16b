import { afterAll, describe, expect, it } from 'vitest'
import { importSource } from '../import/import'
import { createTestImportEnvironment } from '../../../test/import/test-env'
import { createNodeScanEnvironment } from '../../../test/scan/node-scan'
import { drawPage } from '../../../test/scan/make-page'

const scan = createNodeScanEnvironment(1)
const env = { ...createTestImportEnvironment(), scan }
afterAll(() => scan.terminate())

// A newspaper page: two columns of two paragraphs each, the lines of one column level with the
// other's, so that reading line across would interleave them.
const FIRST_COLUMN = [
  [
    'Le fils du candidat a reçu des',
    'messages privés pendant toute',
    'la campagne présidentielle.'
  ],
  [
    'Il a répondu à plusieurs reprises',
    'selon les documents remis au',
    'Congrès en novembre dernier.'
  ]
]
const SECOND_COLUMN = [
  ['Le site avait demandé les', 'déclarations fiscales du père', 'pour paraître impartial.'],
  ['Ses avocats ont minimisé la', 'portée de ces échanges lors', 'de leur audition au Sénat.']
]

describe('reading order of a scanned page', () => {
  it('reads a two-column page column by column, not line across', async () => {
    const page = drawPage({
      headline: 'Les échanges de Trump Jr',
      columns: [FIRST_COLUMN, SECOND_COLUMN]
    })
    const article = await importSource({ name: 'journal.png', bytes: page.png }, env)
    const flat = article.text.replace(/\s+/g, ' ')
    const at = (line: string): number => {
      const index = flat.indexOf(line)
      expect(index, `"${line}" in the recognised text:\n${article.text}`).toBeGreaterThanOrEqual(0)
      return index
    }
    // Every line of the first column comes before every line of the second, each in its order.
    const first = FIRST_COLUMN.flat().map(at)
    const second = SECOND_COLUMN.flat().map(at)
    expect(first).toEqual([...first].sort((a, b) => a - b))
    expect(second).toEqual([...second].sort((a, b) => a - b))
    expect(Math.max(...first)).toBeLessThan(Math.min(...second))
    // A paragraph of one column is one paragraph of the text: never cut by the other column.
    for (const paragraph of [...FIRST_COLUMN, ...SECOND_COLUMN]) {
      expect(article.text).toContain(paragraph.join(' '))
    }
  })
})
