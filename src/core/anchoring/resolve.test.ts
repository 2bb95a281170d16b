// Resolving passages: round trips on the sample articles, repeated words told apart by context,
// stale positions after edits, and the cases where the only right answer is an orphan.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeText, paragraphSpans } from '../text/normalize'
import { sentenceSpans } from '../text/sentences'
import { describeSpan, splitsSurrogatePair } from './describe'
import { resolveAll, resolveAnchor } from './resolve'
import {
  applyEdits,
  pickPassages,
  prng,
  randomEdits,
  type Span
} from '../../../test/anchoring/test-corpus'
import type { PassageSelectors, Resolution } from './types'

const dir = 'resources/sample'
const articles = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => normalizeText(readFileSync(join(dir, name), 'utf8')))
const wikileaks = articles.find((a) => a.split('WikiLeaks').length > 20)!

/** Sentences, every seventh word, paragraphs, and quotes at the very start and end. */
function spansOf(text: string): Span[] {
  const words = [...text.matchAll(/\p{L}[\p{L}'’-]*/gu)]
    .filter((_, i) => i % 7 === 0)
    .map((m) => ({ start: m.index, end: m.index + m[0].length }))
  return [
    ...sentenceSpans(text),
    ...words,
    ...paragraphSpans(text),
    { start: 0, end: 1 },
    { start: 0, end: 40 },
    { start: text.length - 1, end: text.length },
    { start: text.length - 40, end: text.length },
    { start: 0, end: text.length }
  ]
}

const at = (r: Resolution): Span | null =>
  r.status === 'orphan' ? null : { start: r.start, end: r.end }

describe('round trips on the sample articles', () => {
  it.each(articles.map((text, i) => [i, text] as const))(
    'article %i: every span resolves exact',
    (_, text) => {
      const spans = spansOf(text)
      const selectors = spans.map((s) => describeSpan(text, s.start, s.end))
      const all = resolveAll(text, selectors)
      spans.forEach((span, i) => {
        expect(all[i]).toEqual({ status: 'exact', ...span, score: 1 })
        expect(resolveAnchor(text, selectors[i]!)).toEqual(all[i])
      })
    }
  )
})

describe('repeated quotes', () => {
  const starts = [...wikileaks.matchAll(/WikiLeaks/g)].map((m) => m.index)
  const selectors = starts.map((s) => describeSpan(wikileaks, s, s + 9))

  it('finds each "WikiLeaks" by its context when the stored position is shifted', () => {
    expect(starts.length).toBeGreaterThan(20)
    starts.forEach((start, i) => {
      const shifted = {
        ...selectors[i]!,
        position: { ...selectors[i]!.position, start: start + 7, end: start + 16 }
      }
      expect(resolveAnchor(wikileaks, shifted)).toMatchObject({
        status: 'moved',
        start,
        end: start + 9
      })
    })
  })

  it('is not fooled when the stored position holds another occurrence (the repeated-word trap)', () => {
    starts.forEach((start, i) => {
      const other = starts[(i + 1) % starts.length]!
      const trap: PassageSelectors = {
        ...selectors[i]!,
        position: { type: 'TextPositionSelector', start: other, end: other + 9 }
      }
      expect(resolveAnchor(wikileaks, trap)).toMatchObject({
        status: 'moved',
        start,
        end: start + 9
      })
    })
  })

  it('is not fooled when an edit shifts another occurrence under the old offset', () => {
    // Delete exactly the text between two occurrences' starts: the second now sits where the
    // first was, and the first is gone.
    const [a, b] = [starts[3]!, starts[4]!]
    const edited = wikileaks.slice(0, a) + wikileaks.slice(b)
    expect(edited.startsWith('WikiLeaks', a)).toBe(true)
    expect(resolveAnchor(edited, selectors[3]!).status).toBe('orphan')
    // The second lost its prefix (it now follows what preceded the first): a 9-letter quote
    // with one side is not enough to be sure, so it is an orphan too, never anchored elsewhere.
    const second = resolveAnchor(edited, selectors[4]!)
    expect(second.status === 'orphan' || second.start === a).toBe(true)
  })

  it('orphans a word repeated with the same context rather than guess', () => {
    const block = 'Le site a publié les messages privés échangés avec le fils du candidat.'
    const text = `${block}\n\n${block}`
    const second = text.lastIndexOf('messages')
    const selectors = describeSpan(text, second, second + 8)
    // The stored position still holds it, context and all: that is the one place to trust.
    expect(resolveAnchor(text, selectors)).toMatchObject({ status: 'exact', start: second })
    // Shifted by an edit, two places fit equally: no guess.
    const edited = 'Mise à jour. ' + text
    expect(resolveAnchor(edited, selectors).status).toBe('orphan')
  })
})

describe('stale positions', () => {
  it('moves every passage after an insertion before it, by the inserted length', () => {
    const text = articles[1]!
    const spans = sentenceSpans(text).filter((s) => s.end - s.start > 20)
    const selectors = spans.map((s) => describeSpan(text, s.start, s.end))
    const insert = 'Mise à jour du 15 novembre : ce texte a été complété.\n\n'
    const edited = insert + text
    resolveAll(edited, selectors).forEach((r, i) => {
      expect(r).toMatchObject({ status: 'moved', start: spans[i]!.start + insert.length })
    })
  })

  it('finds edited passages far from their old offset (resolveAll uses found neighbours)', () => {
    const text = articles[3]!
    const spans = pickPassages(text, 40, prng(5), 20, 120)
    const selectors = spans.map((s) => describeSpan(text, s.start, s.end))
    const filler = 'Un long paragraphe ajouté en tête. '.repeat(60) + '\n\n'
    const mutated = applyEdits(text, randomEdits(text, 0.01, prng(6)))
    const edited = filler + mutated.text
    const results = resolveAll(edited, selectors)
    results.forEach((r, i) => {
      if (r.status === 'orphan') return
      const start = filler.length + mutated.mapStart(spans[i]!.start)
      expect(Math.abs(r.start - start)).toBeLessThanOrEqual(3)
    })
    expect(results.filter((r) => r.status === 'orphan').length).toBeLessThanOrEqual(2)
    // One at a time, with no neighbours to go by, the whole-text search finds them too.
    expect(selectors.map((s) => resolveAnchor(edited, s).status)).toEqual(
      results.map((r) => r.status)
    )
  })
})

describe('edge cases', () => {
  const text = articles[0]!
  const sel = (start: number, end: number): PassageSelectors => describeSpan(text, start, end)

  it('orphans everything in an empty text', () => {
    expect(resolveAnchor('', sel(0, 10))).toEqual({ status: 'orphan', score: 0 })
  })

  it('orphans an empty quote', () => {
    const empty: PassageSelectors = {
      quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 0 }
    }
    expect(resolveAnchor(text, empty).status).toBe('orphan')
  })

  it('orphans a quote longer than the text', () => {
    expect(resolveAnchor(text.slice(0, 50), sel(0, 400)).status).toBe('orphan')
  })

  it('orphans every passage when the text was replaced entirely', () => {
    const selectors = spansOf(text).map((s) => sel(s.start, s.end))
    for (const other of articles.slice(1)) {
      expect(resolveAll(other, selectors).every((r) => r.status === 'orphan')).toBe(true)
    }
  })

  it('finds an edited quote at offset 0 with its empty prefix', () => {
    const selectors = sel(0, 40)
    const edited = text.slice(0, 10) + 'X' + text.slice(11)
    expect(resolveAnchor(edited, selectors)).toMatchObject({ status: 'fuzzy', start: 0, end: 40 })
  })

  it('finds an edited quote at the very end with its empty suffix', () => {
    const selectors = sel(text.length - 40, text.length)
    const edited = text.slice(0, text.length - 10) + text.slice(text.length - 9)
    expect(resolveAnchor(edited, selectors)).toMatchObject({
      status: 'fuzzy',
      start: text.length - 40,
      end: edited.length
    })
  })

  it('takes a very short quote only with its context', () => {
    const start = text.indexOf(' de ') + 1
    const selectors = sel(start, start + 2)
    expect(resolveAnchor('Préambule. ' + text, selectors)).toMatchObject({
      status: 'moved',
      start: start + 11
    })
    // Its context rewritten on one side: "de" is everywhere, so no guess.
    const rewritten = text.slice(0, start - 20) + 'x'.repeat(20) + text.slice(start)
    expect(resolveAnchor(rewritten, selectors).status).toBe('orphan')
  })
})

describe('unicode', () => {
  const text =
    'Élection présidentielle 🇺🇸 : le fils aîné 👨‍👦 a répondu « Wow 😮 » aux messages. ' +
    'Ça a été publié ensuite ; les réactions 🔥 ont été nombreuses, à Paris comme à Genève.'

  it('round-trips spans around accents, flags and emoji sequences, offsets in UTF-16 units', () => {
    for (const quote of ['Élection', '🇺🇸', '👨‍👦 a répondu', '« Wow 😮 »', 'Genève.']) {
      const start = text.indexOf(quote)
      const selectors = describeSpan(text, start, start + quote.length)
      expect(resolveAnchor(text, selectors)).toMatchObject({ status: 'exact', start })
      // "Élection" began the text: with something now before it, its prefix is gone, but its
      // suffix agrees, it is where it was expected, and it occurs nowhere else.
      expect(resolveAnchor('🎉 ' + text, selectors)).toMatchObject({
        status: 'moved',
        start: start + 3
      })
    }
  })

  it('never returns a span that splits a surrogate pair', () => {
    const emojiText = text.repeat(3)
    const spans = pickPassages(emojiText, 60, prng(11), 4, 60)
    const selectors = spans.map((s) => describeSpan(emojiText, s.start, s.end))
    for (let seed = 0; seed < 10; seed++) {
      const edited = applyEdits(emojiText, randomEdits(emojiText, 0.05, prng(seed))).text
      for (const r of resolveAll(edited, selectors)) {
        if (r.status === 'orphan') continue
        expect(splitsSurrogatePair(edited, r.start)).toBe(false)
        expect(splitsSurrogatePair(edited, r.end)).toBe(false)
      }
    }
  })
})

describe('long quotes', () => {
  it('finds a whole paragraph edited in several places, boundaries within 3 characters', () => {
    const text = articles[3]!
    const paragraph = paragraphSpans(text).sort((a, b) => b.end - b.start - (a.end - a.start))[0]!
    const selectors = describeSpan(text, paragraph.start, paragraph.end)
    const edited = applyEdits(text, randomEdits(text, 0.03, prng(3)))
    const r = resolveAnchor(edited.text, selectors)
    expect(r.status).toBe('fuzzy')
    expect(Math.abs(at(r)!.start - edited.mapStart(paragraph.start))).toBeLessThanOrEqual(3)
    expect(Math.abs(at(r)!.end - edited.mapEnd(paragraph.end))).toBeLessThanOrEqual(3)
  })
})
