// The reader's paragraphs, parsed back as the browser would: the text reads exactly as the article,
// every passage has one focusable mark named after it, and nothing in the text or the labels can
// become markup.
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import type { ArticleText } from '@core/archive/article'
import { renderParagraphs, type ReaderDoubt, type ReaderHighlight } from './highlight-html'

function article(text: string): ArticleText {
  const paragraphs: { start: number; end: number }[] = []
  for (const match of text.matchAll(/[^\n]+/g))
    paragraphs.push({ start: match.index, end: match.index + match[0].length })
  return { articleId: 'a', text, paragraphs }
}

function parse(
  body: ArticleText,
  highlights: ReaderHighlight[],
  doubts: ReaderDoubt[] = []
): HTMLElement[] {
  const { document } = new JSDOM('<!doctype html><div></div>').window
  return renderParagraphs(body, highlights, doubts).map((paragraph) => {
    const element = document.createElement('p')
    element.innerHTML = paragraph.html
    element.dataset.start = String(paragraph.start)
    return element
  })
}

const hl = (id: string, start: number, end: number, extra: Partial<ReaderHighlight> = {}) => ({
  id,
  start,
  end,
  color: '#a0c4ff',
  label: `Passage ${id}`,
  ...extra
})

describe('renderParagraphs', () => {
  const body = article(
    'Le 3 octobre 2016, WikiLeaks écrit.\n\nDonald Trump Jr. répond le même jour.'
  )

  it('keeps the text of every paragraph exactly', () => {
    const paragraphs = parse(body, [hl('p1', 3, 20), hl('p2', 10, 45), hl('p3', 50, 60)])
    expect(paragraphs.map((p) => p.textContent)).toEqual(
      body.paragraphs.map((span) => body.text.slice(span.start, span.end))
    )
  })

  it('gives each passage one focusable mark, named after it, and marks what covers each part', () => {
    const paragraphs = parse(body, [hl('outer', 3, 30), hl('inner', 10, 20)])
    const marks = paragraphs.flatMap((p) => [...p.querySelectorAll('mark')])
    const focusable = marks.filter((mark) => mark.getAttribute('tabindex') === '0')
    expect(focusable.map((mark) => [mark.dataset.starts, mark.getAttribute('aria-label')])).toEqual(
      [
        ['outer', 'Passage outer'],
        ['inner', 'Passage inner']
      ]
    )
    expect(focusable.every((mark) => mark.getAttribute('role') === 'button')).toBe(true)
    const nested = marks.find((mark) => mark.classList.contains('nested'))!
    expect(nested.textContent).toBe(body.text.slice(10, 20))
    // Innermost first.
    expect(nested.dataset.ids).toBe('inner outer')
    expect(
      marks.filter((mark) => !mark.dataset.starts).map((m) => m.getAttribute('tabindex'))
    ).toEqual(['-1'])
  })

  it('gives a passage that begins between paragraphs its focusable mark in the next one', () => {
    const gap = body.paragraphs[0]!.end + 1
    const paragraphs = parse(body, [hl('gap', gap, gap + 10)])
    const marks = paragraphs.flatMap((p) => [...p.querySelectorAll('mark')])
    expect(marks).toHaveLength(1)
    expect(marks[0]!.dataset.starts).toBe('gap')
    expect(marks[0]!.textContent).toBe(body.text.slice(body.paragraphs[1]!.start, gap + 10))
  })

  it('spans paragraphs with one focusable mark, at the start', () => {
    const paragraphs = parse(body, [hl('long', 20, 50)])
    const marks = paragraphs.flatMap((p) => [...p.querySelectorAll('mark')])
    expect(marks.map((mark) => mark.dataset.starts ?? null)).toEqual(['long', null])
    expect(marks.map((m) => m.textContent).join('\n\n')).toBe(body.text.slice(20, 50))
  })

  it('escapes the text and the labels, and only lets a #rrggbb colour into the style', () => {
    const hostile = article('<img src=x onerror=alert(1)> & "quotes" \'here\'')
    const paragraphs = parse(hostile, [
      hl('x', 0, 10, {
        label: '"><script>alert(1)</script>',
        color: 'red; background-image: url(https://example.com/)'
      })
    ])
    expect(paragraphs[0]!.querySelector('img, script')).toBeNull()
    expect(paragraphs[0]!.textContent).toBe(hostile.text)
    const mark = paragraphs[0]!.querySelector('mark')!
    expect(mark.getAttribute('aria-label')).toBe('"><script>alert(1)</script>')
    expect(mark.getAttribute('style')).toBe('--hl: #f2d35b;')
  })
})

describe('renderParagraphs on a scan: words recognised with low confidence', () => {
  const body = article('Le Monde du 3 octobre.\n\nUn ministre démissionne à Paris.')
  const doubt = (word: string, c: number, from = 0): ReaderDoubt => {
    const start = body.text.indexOf(word, from)
    return { start, end: start + word.length, label: `Recognised with low confidence (${c} %)` }
  }

  it('marks each doubtful word, labelled with its confidence, and keeps the text exactly', () => {
    const doubts = [doubt('Monde', 41), doubt('octobre', 55), doubt('démissionne', 12)]
    const paragraphs = parse(body, [], doubts)
    expect(paragraphs.map((p) => p.textContent)).toEqual(
      body.paragraphs.map((span) => body.text.slice(span.start, span.end))
    )
    const marked = paragraphs.flatMap((p) => [...p.querySelectorAll('span.doubt')])
    expect(marked.map((span) => [span.textContent, span.getAttribute('title')])).toEqual([
      ['Monde', 'Recognised with low confidence (41 %)'],
      ['octobre', 'Recognised with low confidence (55 %)'],
      ['démissionne', 'Recognised with low confidence (12 %)']
    ])
    expect(
      marked.every((span) => span.getAttribute('aria-description') === span.getAttribute('title'))
    ).toBe(true)
  })

  it('marks a doubtful word inside a passage without splitting the passage or its focusable mark', () => {
    const start = body.text.indexOf('ministre')
    const paragraphs = parse(body, [hl('p', start - 3, start + 20)], [doubt('ministre', 30)])
    const marks = [...paragraphs[1]!.querySelectorAll('mark')]
    expect(marks).toHaveLength(1)
    expect(marks[0]!.textContent).toBe(body.text.slice(start - 3, start + 20))
    expect(marks[0]!.querySelector('span.doubt')?.textContent).toBe('ministre')
  })

  it('cuts a doubtful word at a passage boundary into parts, one in each segment', () => {
    const start = body.text.indexOf('ministre')
    const paragraphs = parse(body, [hl('p', start + 4, start + 20)], [doubt('ministre', 30)])
    const parts = [...paragraphs[1]!.querySelectorAll('span.doubt')].map((s) => s.textContent)
    expect(parts).toEqual(['mini', 'stre'])
    expect(paragraphs[1]!.querySelector('mark span.doubt')?.textContent).toBe('stre')
  })

  it('leaves a confident text and a born-digital article without marks', () => {
    expect(parse(body, []).flatMap((p) => [...p.querySelectorAll('span')])).toEqual([])
  })

  it('escapes the label', () => {
    const start = body.text.indexOf('Paris')
    const paragraphs = parse(body, [], [{ start, end: start + 5, label: '"><img src=x>' }])
    expect(paragraphs[1]!.querySelector('img')).toBeNull()
    expect(paragraphs[1]!.querySelector('span.doubt')!.getAttribute('title')).toBe('"><img src=x>')
  })
})
