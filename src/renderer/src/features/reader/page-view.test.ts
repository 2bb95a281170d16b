// The page view's logic on a three-page scan built here (a recognised page, a page from a PDF's
// text layer, a recognised page): the page that follows a place in the text, the outlines of a
// passage, a click on a word and Enter on the page going back to the text, the keys that turn
// pages, and the words to mark as read with low confidence.
import { describe, expect, it } from 'vitest'
import type { ScanPage, ScanWord } from '@core/scan/types'
import {
  doubtfulWords,
  outlinesOn,
  pageAt,
  pageForKey,
  pageForSpan,
  pageInfo,
  pageStarts,
  spanAtPoint,
  spanForEnter,
  toImagePoint,
  type PageInfo
} from './page-view'

/** Lines of words laid out left to right, 30 px high, 10 px a character; `c` per word (default 90). */
function layout(
  text: string,
  offset: number,
  lines: string[],
  confidences: Record<string, number> = {}
): ScanWord[] {
  const words: ScanWord[] = []
  let from = offset
  lines.forEach((line, row) => {
    let x = 50
    for (const word of line.split(' ')) {
      const start = text.indexOf(word, from)
      words.push({
        start,
        end: start + word.length,
        x,
        y: 100 + row * 50,
        w: word.length * 10,
        h: 30,
        c: confidences[word] ?? 90
      })
      from = start + word.length
      x += word.length * 10 + 10
    }
  })
  return words
}

const page1 = ['Le Monde du 3 octobre', 'Un ministre démissionne']
const page2 = 'Texte de la couche texte du PDF.'
const page3 = ['La suite en page trois', 'Fin du article']
const text = `${page1.join('\n')}\n\n${page2}\n\n${page3.join('\n')}`
const page3Start = text.indexOf('La suite')

function scanPage(page: number, words: ScanWord[], source: 'ocr' | 'text'): ScanPage {
  return {
    id: `a:${page}`,
    articleId: 'a',
    page,
    width: 1000,
    height: 1400,
    mime: 'image/jpeg',
    image: source === 'text' && page === 1 ? '' : 'AAAA',
    words,
    source
  }
}

const pages: PageInfo[] = [
  scanPage(0, layout(text, 0, page1, { Monde: 41, démissionne: 59 }), 'ocr'),
  scanPage(1, [], 'text'),
  scanPage(2, layout(text, page3Start, page3, { article: 12, suite: 60 }), 'ocr')
].map(pageInfo)
const starts = pageStarts(pages, text.length)
const span = (word: string): { start: number; end: number } => {
  const start = text.indexOf(word)
  return { start, end: start + word.length }
}

describe('page view', () => {
  it('keeps no image in the page index, and knows which pages have one', () => {
    expect(pages.map((p) => p.hasImage)).toEqual([true, false, true])
    expect(pages.every((p) => !('image' in p))).toBe(true)
  })

  it('finds the page holding any place of the text, the text-layer page included', () => {
    expect(starts[0]).toBe(0)
    expect(starts[2]).toBe(page3Start)
    expect(pageAt(starts, span('ministre').start)).toBe(0)
    expect(pageAt(starts, span('couche').start)).toBe(1)
    expect(pageAt(starts, span('trois').start)).toBe(2)
    expect(pageAt(starts, text.length)).toBe(2)
  })

  it('places pages where they say their text begins, text-layer pages exactly', () => {
    const told = pages.map((page, i) => ({
      ...page,
      start: [0, text.indexOf('couche'), page3Start][i]
    }))
    const exact = pageStarts(told, text.length)
    expect(exact).toEqual([0, text.indexOf('couche'), page3Start])
    expect(pageAt(exact, text.indexOf('couche') - 1)).toBe(0)
  })

  it('turns to the first page with words of a passage, even when it begins in a gap', () => {
    expect(pageForSpan(pages, starts, span('ministre'))).toBe(0)
    // From the text-layer page onto page three: page two has no words, page three outlines.
    const across = { start: span('couche').start, end: span('suite').end }
    expect(pageForSpan(pages, starts, across)).toBe(2)
    expect(pageForSpan(pages, starts, span('PDF'))).toBe(1)
  })

  it('outlines a passage as one band per line, and nothing on a text-layer page', () => {
    const passage = { start: span('Monde').start, end: span('ministre').end }
    const boxes = outlinesOn(pages[0], passage)
    expect(boxes).toHaveLength(2)
    // "Monde du 3 octobre" on the first line, "Un ministre" on the second.
    expect(boxes[0]).toMatchObject({ x: 80, y: 100, h: 30 })
    expect(boxes[0]!.w).toBe('Monde du 3 octobre'.length * 10 + 0)
    expect(boxes[1]).toMatchObject({ x: 50, y: 150 })
    expect(outlinesOn(pages[1], { start: 0, end: text.length })).toEqual([])
    expect(outlinesOn(pages[0], null)).toEqual([])
  })

  it('goes from a click on a word, scaled from the screen, to that word in the text', () => {
    // The page drawn 500 px wide, so half size: "ministre" is at x 80..160, y 150..180 on the page.
    const rect = { left: 20, top: 40, width: 500, height: 700 }
    const point = toImagePoint(20 + 60, 40 + 82, rect, pages[0]!)
    expect(point).toEqual({ x: 120, y: 164 })
    expect(spanAtPoint(pages[0]!, point.x, point.y)).toEqual(span('ministre'))
    // A margin far from any word, and a page whose text came from its text layer: nothing.
    expect(spanAtPoint(pages[0]!, 900, 1300)).toBeNull()
    expect(spanAtPoint(pages[1]!, 120, 164)).toBeNull()
  })

  it('sends Enter to the outlined words on this page, else the first word, else where the page begins', () => {
    const across = { start: span('octobre').start, end: span('suite').end }
    expect(spanForEnter(pages[0]!, starts[0]!, across, text.length)).toEqual({
      start: span('octobre').start,
      end: span('démissionne').end
    })
    expect(spanForEnter(pages[2]!, starts[2]!, across, text.length)).toEqual({
      start: span('La').start,
      end: span('suite').end
    })
    expect(spanForEnter(pages[2]!, starts[2]!, null, text.length)).toEqual(span('La'))
    const onTextPage = spanForEnter(pages[1]!, starts[1]!, null, text.length)
    expect(pageAt(starts, onTextPage.start)).toBe(1)
    expect(onTextPage.end - onTextPage.start).toBe(1)
  })

  it('turns pages with the arrows, Page Up/Down, Home and End, within the scan', () => {
    expect(pageForKey('ArrowRight', 0, 3)).toBe(1)
    expect(pageForKey('PageDown', 2, 3)).toBe(2)
    expect(pageForKey('ArrowLeft', 0, 3)).toBe(0)
    expect(pageForKey('PageUp', 2, 3)).toBe(1)
    expect(pageForKey('Home', 2, 3)).toBe(0)
    expect(pageForKey('End', 0, 3)).toBe(2)
    expect(pageForKey('ArrowDown', 0, 3)).toBeNull()
    expect(pageForKey('t', 0, 3)).toBeNull()
  })

  it('marks the words under the low-confidence line, in text order, with their confidence', () => {
    const marked = doubtfulWords([pages[2]!, pages[1]!, pages[0]!])
    expect(marked.map((w) => [text.slice(w.start, w.end), w.c])).toEqual([
      ['Monde', 41],
      ['démissionne', 59],
      ['article', 12]
    ])
  })
})
