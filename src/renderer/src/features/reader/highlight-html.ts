// The reader's paragraphs as HTML strings, highlights included. Opening an article with a thousand
// highlights builds one string per paragraph that the browser parses in one go, instead of
// thousands of elements created and patched one by one (on the 100 KB bench article, 279 → about
// 165 ms on the same machine, with the labels translated once). Every character of the article and every label is escaped here; the only
// markup is ours.
import type { ArticleText } from '@core/archive/article'
import { isTagColor } from '@core/archive/codebook'
import { segmentText, type HighlightSpan } from '@core/archive/highlight-segments'
import { escapeMarkup } from '@core/text/markup'

export interface ReaderHighlight extends HighlightSpan {
  color: string
  /** Accessible name of the passage: its tags and the start of its quote. */
  label: string
}

/** A word recognised with low confidence on a scan: marked in the text, its label as tooltip. */
export interface ReaderDoubt {
  start: number
  end: number
  /** Its description, e.g. "Recognised with low confidence (54 %)". */
  label: string
}

export interface ParagraphMarkup {
  start: number
  end: number
  /** The paragraph's content: its text, with a `mark.hl` for every highlighted segment. */
  html: string
}

const FALLBACK_COLOR = '#f2d35b'

/** Index of the last paragraph starting at or before `offset` (binary search). */
function paragraphIndex(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (starts[mid]! <= offset) low = mid
    else high = mid - 1
  }
  return low
}

function color(highlight: ReaderHighlight | undefined): string {
  // Colours reach the style attribute: only `#rrggbb` ever does, whatever an import carried.
  return highlight && isTagColor(highlight.color) ? highlight.color : FALLBACK_COLOR
}

/** Index of the first doubt ending after `offset` (doubts sorted, not overlapping). */
function firstDoubtAfter(doubts: readonly ReaderDoubt[], offset: number): number {
  let low = 0
  let high = doubts.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (doubts[mid]!.end <= offset) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * The escaped text of [from, to), each doubtful word in it (or the part of it in the stretch) in a
 * `span.doubt` carrying its label as tooltip and accessible description. Inside a highlight's mark
 * when the word is highlighted: the marks stay as they are, and the text content is unchanged.
 */
function textWithDoubts(
  text: string,
  from: number,
  to: number,
  doubts: readonly ReaderDoubt[]
): string {
  let html = ''
  let at = from
  for (let i = firstDoubtAfter(doubts, from); i < doubts.length; i++) {
    const doubt = doubts[i]!
    if (doubt.start >= to) break
    const start = Math.max(doubt.start, at)
    const end = Math.min(doubt.end, to)
    if (end <= start) continue
    html += escapeMarkup(text.slice(at, start))
    const label = escapeMarkup(doubt.label)
    html += `<span class="doubt" title="${label}" aria-description="${label}">${escapeMarkup(text.slice(start, end))}</span>`
    at = end
  }
  return html + escapeMarkup(text.slice(at, to))
}

/**
 * Each paragraph of `body` with its highlights. A segment covered by several passages is one
 * `mark` (class `nested`) coloured by the innermost passage, with the outermost one's colour as an
 * underline; the segment where a passage begins is focusable (`role="button"`, `tabindex="0"`,
 * named by the passages that begin there) and lists them in `data-starts`; every mark lists the
 * passages covering it in `data-ids`, innermost first. On a scan, `doubts` (sorted by offset, not
 * overlapping) are the words recognised with low confidence, each wrapped in a `span.doubt`.
 */
export function renderParagraphs(
  body: ArticleText,
  highlights: readonly ReaderHighlight[],
  doubts: readonly ReaderDoubt[] = []
): ParagraphMarkup[] {
  const { text, paragraphs: spans } = body
  const starts = spans.map((span) => span.start)
  const buckets: ReaderHighlight[][] = spans.map(() => [])
  if (spans.length > 0) {
    for (const highlight of highlights) {
      let first = paragraphIndex(starts, highlight.start)
      // A passage may begin between two paragraphs (imported offsets often do): it begins, and
      // gets its focusable mark, where its first paragraph does.
      if (spans[first]!.end <= highlight.start) first++
      const last = paragraphIndex(starts, Math.max(highlight.start, highlight.end - 1))
      if (first > last) continue
      const start = Math.max(highlight.start, spans[first]!.start)
      const clipped = start === highlight.start ? highlight : { ...highlight, start }
      for (let i = first; i <= last; i++) buckets[i]!.push(clipped)
    }
  }
  const byId = new Map(highlights.map((h) => [h.id, h]))
  return spans.map((span, index) => {
    let html = ''
    for (const segment of segmentText(span.start, span.end, buckets[index]!)) {
      const content =
        doubts.length > 0
          ? textWithDoubts(text, segment.start, segment.end, doubts)
          : escapeMarkup(text.slice(segment.start, segment.end))
      if (segment.ids.length === 0) {
        html += content
        continue
      }
      const nested = segment.ids.length > 1
      let style = `--hl: ${color(byId.get(segment.ids[0]!))};`
      if (nested) style += ` --hl-outer: ${color(byId.get(segment.ids.at(-1)!))};`
      let attributes = `class="hl${nested ? ' nested' : ''}" style="${style}" data-ids="${escapeMarkup(segment.ids.join(' '))}"`
      if (segment.starts.length > 0) {
        const label = segment.starts.map((id) => byId.get(id)?.label ?? '').join(' ; ')
        attributes += ` data-starts="${escapeMarkup(segment.starts.join(' '))}" tabindex="0" role="button" aria-label="${escapeMarkup(label)}"`
      } else attributes += ' tabindex="-1"'
      html += `<mark ${attributes}>${content}</mark>`
    }
    return { start: span.start, end: span.end, html }
  })
}
