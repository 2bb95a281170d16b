// The reader's paragraphs, parsed back as the browser would: the text reads exactly as the article,
// every passage has one focusable mark named after it, and nothing in the text or the labels can
// become markup.
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import type { ArticleText } from '@core/archive/article'
import { renderParagraphs, type ReaderHighlight } from './highlight-html'

function article(text: string): ArticleText {
  const paragraphs: { start: number; end: number }[] = []
  for (const match of text.matchAll(/[^\n]+/g))
    paragraphs.push({ start: match.index, end: match.index + match[0].length })
  return { articleId: 'a', text, paragraphs }
}

function parse(body: ArticleText, highlights: ReaderHighlight[]): HTMLElement[] {
  const { document } = new JSDOM('<!doctype html><div></div>').window
  return renderParagraphs(body, highlights).map((paragraph) => {
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
