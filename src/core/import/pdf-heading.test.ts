// The first page's largest heading, from pdf.js-like text items (a string, a transform whose
// fourth number is the font height and sixth the baseline), through the parser's own line builder.
import { describe, expect, it } from 'vitest'
import { pageLines } from './parse-pdf'
import { largestHeading, RunningLines } from './pdf-heading'

/** One pdf.js text item per line: [size, text], laid out down the page at 1.3 × size leading. */
function page(...rows: Array<[number, string]>) {
  let y = 770
  const items = rows.map(([size, str]) => {
    const item = { str, hasEOL: true, transform: [size, 0, 0, size, 72, y] }
    y -= size * 1.3
    return item
  })
  return pageLines(items)
}

const BODY =
  'Le magazine américain The Atlantic a révélé lundi que le compte WikiLeaks avait échangé des messages.'

describe('largestHeading', () => {
  it('takes the line set in the largest type', () => {
    const lines = page(
      [10, 'Publié le 14 novembre 2017'],
      [22, 'Des échanges secrets entre Trump Jr et WikiLeaks'],
      [14, 'Le fils aîné du président a publié lui-même la correspondance'],
      [10, BODY],
      [10, BODY]
    )
    expect(largestHeading(lines)).toBe('Des échanges secrets entre Trump Jr et WikiLeaks')
  })

  it('joins a heading set over consecutive lines', () => {
    const lines = page(
      [22, 'Des échanges secrets entre'],
      [22, 'Trump Jr et WikiLeaks'],
      [10, BODY],
      [10, BODY]
    )
    expect(largestHeading(lines)).toBe('Des échanges secrets entre Trump Jr et WikiLeaks')
  })

  it('joins items of one line, and keeps the hyphen of a heading broken after one', () => {
    const items = [
      { str: 'Le procès de Jean-', transform: [20, 0, 0, 20, 72, 770] },
      { str: 'Pierre', transform: [20, 0, 0, 20, 72, 744], hasEOL: true },
      { str: 'Des ', transform: [10, 0, 0, 10, 72, 700] },
      { str: 'échanges suivis.', transform: [10, 0, 0, 10, 92, 700], hasEOL: true },
      { str: BODY, transform: [10, 0, 0, 10, 72, 687], hasEOL: true }
    ]
    expect(largestHeading(pageLines(items))).toBe('Le procès de Jean-Pierre')
  })

  it('keeps two headings of the same size apart when body text sits between them', () => {
    const lines = page([18, 'Premier titre de la page'], [10, BODY], [18, 'Second titre'])
    expect(largestHeading(lines)).toBe('Premier titre de la page')
  })

  it('finds no heading on a page set in one size', () => {
    expect(largestHeading(page([10, 'Un titre dans la page'], [10, BODY], [10, BODY]))).toBe('')
    expect(largestHeading([])).toBe('')
  })

  it('skips a one-word masthead and a number set larger than the headline', () => {
    const lines = page(
      [40, 'LIBÉRATION'],
      [30, '2017'],
      [22, 'Des échanges secrets entre Trump Jr et WikiLeaks'],
      [10, BODY],
      [10, BODY]
    )
    expect(largestHeading(lines)).toBe('Des échanges secrets entre Trump Jr et WikiLeaks')
  })

  it('skips a placeholder set in large type', () => {
    const lines = page([24, 'Untitled'], [18, 'Le vrai titre de l’article'], [10, BODY])
    expect(largestHeading(lines)).toBe('Le vrai titre de l’article')
  })

  it('skips a running header repeated on every page, page numbers aside', () => {
    const running = new RunningLines()
    const first = page(
      [24, 'LE MONDE DIPLOMATIQUE — 1'],
      [18, 'Des échanges secrets entre Trump Jr et WikiLeaks'],
      [10, BODY],
      [10, BODY]
    )
    running.addPage(first)
    running.addPage(page([24, 'Le Monde diplomatique — 2'], [10, BODY]))
    running.addPage(page([24, 'LE MONDE DIPLOMATIQUE — 3'], [10, 'Fin.']))
    expect(largestHeading(first, running.keys())).toBe(
      'Des échanges secrets entre Trump Jr et WikiLeaks'
    )
    // Without the other pages it is the largest line, and taken.
    expect(largestHeading(first)).toBe('LE MONDE DIPLOMATIQUE — 1')
  })

  it('finds no running header in a single page, nor in a line missing from one page', () => {
    const single = new RunningLines()
    single.addPage(page([24, 'LE MONDE DIPLOMATIQUE'], [10, BODY]))
    expect(single.keys().size).toBe(0)
    const two = new RunningLines()
    two.addPage(page([24, 'LE MONDE DIPLOMATIQUE'], [10, BODY]))
    two.addPage(page([10, BODY]))
    expect(two.keys().has('le monde diplomatique')).toBe(false)
  })
})
