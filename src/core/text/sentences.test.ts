// Sentence spans give suggested events their passage and title: a passage must be a whole
// sentence, never cut after an abbreviation or an initial, nor inside a quoted message. Measured
// on a corpus of French and English press sentences (boundary precision and recall), then rule by
// rule.
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CorpusLanguage,
  SENTENCE_CORPUS,
  expectedBoundaries,
  paragraphText
} from '../../../test/text/sentence-corpus'
import { normalizeText, paragraphSpans } from './normalize'
import { MAX_SENTENCE, sentenceSpans } from './sentences'

const sentences = (text: string): string[] =>
  sentenceSpans(text).map(({ start, end }) => text.slice(start, end))

interface Score {
  sentences: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
}

/** Boundary precision and recall: a boundary is the end of a sentence that is not the last. */
function score(language?: CorpusLanguage): Score & { precision: number; recall: number } {
  const total: Score = { sentences: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 }
  for (const paragraph of SENTENCE_CORPUS) {
    if (language && paragraph.language !== language) continue
    const text = paragraphText(paragraph)
    const expected = new Set(expectedBoundaries(paragraph))
    const found = new Set(
      sentenceSpans(text)
        .slice(0, -1)
        .map((span) => span.end)
    )
    total.sentences += paragraph.lines.flat().length
    for (const boundary of found) {
      if (expected.has(boundary)) total.truePositives++
      else total.falsePositives++
    }
    for (const boundary of expected) if (!found.has(boundary)) total.falseNegatives++
  }
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = total
  return { ...total, precision: tp / (tp + fp), recall: tp / (tp + fn) }
}

describe('sentenceSpans on the press corpus', () => {
  it('holds at least 200 sentences, about half French and half English', () => {
    const fr = score('fr').sentences
    const en = score('en').sentences
    expect(fr + en).toBeGreaterThanOrEqual(200)
    expect(Math.min(fr, en) / (fr + en)).toBeGreaterThan(0.4)
  })

  it('finds sentence boundaries with precision and recall of at least 0.98', () => {
    const figures = (['fr', 'en', undefined] as const).map((language) => {
      const s = score(language)
      return (
        `${language ?? 'all'}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} ` +
        `(${s.sentences} sentences, ${s.truePositives + s.falseNegatives} boundaries, ` +
        `${s.falsePositives} false, ${s.falseNegatives} missed)`
      )
    })
    console.log(`Sentence boundaries on the corpus\n  ${figures.join('\n  ')}`)
    for (const language of ['fr', 'en', undefined] as const) {
      const { precision, recall } = score(language)
      expect(precision, language).toBeGreaterThanOrEqual(0.98)
      expect(recall, language).toBeGreaterThanOrEqual(0.98)
    }
  })

  it('gives each paragraph of the corpus exactly its expected sentences', () => {
    for (const paragraph of SENTENCE_CORPUS) {
      expect(sentences(paragraphText(paragraph)), paragraph.difficulty).toEqual(
        paragraph.lines.flat()
      )
    }
  })
})

describe('sentenceSpans', () => {
  it('splits on terminal punctuation followed by a capital', () => {
    expect(sentences('Il pleut. Il vente ! Viendra-t-il ? Oui.')).toEqual([
      'Il pleut.',
      'Il vente !',
      'Viendra-t-il ?',
      'Oui.'
    ])
  })

  it('does not split after titles, initials or dotted abbreviations', () => {
    expect(sentences('M. Assange et J. Doe sont aux U.S. Army. Fin.')).toEqual([
      'M. Assange et J. Doe sont aux U.S. Army.',
      'Fin.'
    ])
    expect(
      sentences('Mme Martin, le Dr. Vidal, Mr. Smith et Sen. McCain ont vu J.-L. Mélenchon.')
    ).toHaveLength(1)
    expect(sentences('George W. Bush et J.-M. Le Pen ont lu J. R. R. Tolkien.')).toHaveLength(1)
    expect(sentences('Several outlets, e.g. The Atlantic, ran it (cf. Politico).')).toHaveLength(1)
  })

  it('does not split when the next word is lowercase', () => {
    expect(sentences('Donald Trump Jr. entre septembre et juillet.')).toHaveLength(1)
    expect(sentences('« Et après ? » a-t-il demandé. « Pourquoi ? », dit-elle.')).toEqual([
      '« Et après ? » a-t-il demandé.',
      '« Pourquoi ? », dit-elle.'
    ])
  })

  it('ends a sentence at an abbreviation when a new sentence clearly follows', () => {
    expect(sentences('Le rapport a été envoyé aux U.S. Il a été lu.')).toEqual([
      'Le rapport a été envoyé aux U.S.',
      'Il a été lu.'
    ])
    expect(sentences('Ils ont été reconnus par Donald Trump Jr. Ce dernier a minimisé.')).toEqual([
      'Ils ont été reconnus par Donald Trump Jr.',
      'Ce dernier a minimisé.'
    ])
    expect(
      sentences('Martin Luther King Jr. Day is on Monday. Apple Inc. Chief Tim Cook spoke.')
    ).toEqual(['Martin Luther King Jr. Day is on Monday.', 'Apple Inc. Chief Tim Cook spoke.'])
    expect(sentences('Il cite le chat, le chien, etc. Le reste suit.')).toHaveLength(2)
  })

  it('never splits a quoted message, and ends a sentence after a closing quotation mark', () => {
    expect(sentences('16 décembre 2016: "Salut Don. On espère que vous allez bien!"')).toHaveLength(
      1
    )
    expect(
      sentences(
        'L’organisation explique : « Bien sûr l’Australie ne le fera pas […] mais cela enverra ' +
          'un bon signal ». Cette demande ne trouvera pas grâce.'
      )
    ).toEqual([
      'L’organisation explique : « Bien sûr l’Australie ne le fera pas […] mais cela enverra un bon signal ».',
      'Cette demande ne trouvera pas grâce.'
    ])
    expect(sentences('Il a dit : « C’est fini. » Puis il est parti.')).toEqual([
      'Il a dit : « C’est fini. »',
      'Puis il est parti.'
    ])
    expect(sentences('“Why now? Why us?” asked one aide. “No comment.” That was all.')).toEqual([
      '“Why now? Why us?” asked one aide.',
      '“No comment.”',
      'That was all.'
    ])
  })

  it('keeps the speaker named after a quotation in its sentence', () => {
    expect(sentences('"Is this legal?" Senator Mark Warner asked. He got no answer.')).toEqual([
      '"Is this legal?" Senator Mark Warner asked.',
      'He got no answer.'
    ])
  })

  it('does not end a sentence at "?" or "!" inside parentheses opened mid-sentence', () => {
    expect(
      sentences('Le candidat (a-t-il lu le rapport ?) a balayé les critiques. Il est parti.')
    ).toHaveLength(2)
    expect(sentences('Nobody expected it (not even his staff!). The next day, he left.')).toEqual([
      'Nobody expected it (not even his staff!).',
      'The next day, he left.'
    ])
    expect(sentences('(Le porte-parole n’a pas réagi.) L’affaire est close.')).toEqual([
      '(Le porte-parole n’a pas réagi.)',
      'L’affaire est close.'
    ])
  })

  it('reads ellipses: an elision never ends a sentence, "…" before a capital does', () => {
    expect(sentences('Nous avons tout essayé […] Mais rien. Le texte (…) sera lu.')).toEqual([
      'Nous avons tout essayé […] Mais rien.',
      'Le texte (…) sera lu.'
    ])
    expect(sentences('Il a hésité... puis il a signé. Rien ne va… Les talks ont échoué.')).toEqual([
      'Il a hésité... puis il a signé.',
      'Rien ne va…',
      'Les talks ont échoué.'
    ])
  })

  it('keeps numbers whole and ends a sentence after one', () => {
    expect(sentences('Le taux passe de 2,5 % à 3.5 % et 1.000.000 votent à 10 h 30.')).toHaveLength(
      1
    )
    expect(
      sentences('Le texte est arrivé en n° 3. Il a été adopté. Voir p. 12 et vol. 3.')
    ).toEqual(['Le texte est arrivé en n° 3.', 'Il a été adopté.', 'Voir p. 12 et vol. 3.'])
    expect(sentences('Trois mesures. 1. Contrôler. 2. Publier.')).toEqual([
      'Trois mesures.',
      '1. Contrôler.',
      '2. Publier.'
    ])
  })

  it('does not split web addresses, e-mail addresses or handles', () => {
    expect(
      sentences('Le site putintrump.org et @WikiLeaks ont relayé wlsearch.tk hier.')
    ).toHaveLength(1)
    expect(sentences('Écrivez à redaction@exemple.fr. La rédaction répondra.')).toEqual([
      'Écrivez à redaction@exemple.fr.',
      'La rédaction répondra.'
    ])
  })

  it('makes every line a unit: headings, bullets and chronology lines', () => {
    expect(
      sentences(
        'Chronologie des échanges\n' +
          '• WikiLeaks était en contact avec Donald Trump Jr.\n' +
          '• Il a demandé ses déclarations d’impôts\n' +
          '20 septembre 2016: WikiLeaks contacte Trump Jr. via Twitter. Il répond.'
      )
    ).toEqual([
      'Chronologie des échanges',
      '• WikiLeaks était en contact avec Donald Trump Jr.',
      '• Il a demandé ses déclarations d’impôts',
      '20 septembre 2016: WikiLeaks contacte Trump Jr. via Twitter.',
      'Il répond.'
    ])
    expect(sentences('A line wrapped by the capture\nin the middle of a sentence. Next.')).toEqual([
      'A line wrapped by the capture\nin the middle of a sentence.',
      'Next.'
    ])
    expect(sentences('Points clés • un accord • une date')).toEqual([
      'Points clés',
      '• un accord',
      '• une date'
    ])
  })

  it('tells an em-dash aside from a dialogue reply', () => {
    expect(sentences('Le ministre — qui l’eût cru ? — a cédé. — Vous partez ? — Oui.')).toEqual([
      'Le ministre — qui l’eût cru ? — a cédé.',
      '— Vous partez ?',
      '— Oui.'
    ])
  })

  it('splits within a range, with offsets in the whole text', () => {
    const text = 'Titre\n\nM. Dupont arrive. Il parle.\n\nFin.'
    const start = text.indexOf('M.')
    const range = { start, end: text.indexOf('\n\nFin') }
    expect(sentenceSpans(text, range).map((s) => text.slice(s.start, s.end))).toEqual([
      'M. Dupont arrive.',
      'Il parle.'
    ])
    expect(sentenceSpans(text, range)[0]?.start).toBe(start)
  })

  it('returns ordered, trimmed spans that cover every word of the range', () => {
    const pieces = fc.constantFrom(
      'M.',
      'Il',
      'pleut',
      'U.S.',
      'Jr.',
      '«',
      '»',
      '"',
      '(',
      ')',
      '?',
      '!',
      '.',
      '…',
      '[…]',
      '—',
      '•',
      'etc.',
      '3.5',
      '\n',
      ' ',
      'Le',
      'the',
      'wikileaks.org'
    )
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.nat(5), (parts, cut) => {
        const text = parts.join(' ')
        const range = { start: Math.min(cut, text.length), end: text.length }
        const spans = sentenceSpans(text, range)
        let previousEnd = range.start
        let covered = ''
        for (const span of spans) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd)
          expect(span.end).toBeGreaterThan(span.start)
          expect(span.end).toBeLessThanOrEqual(range.end)
          const piece = text.slice(span.start, span.end)
          expect(piece).toBe(piece.trim())
          covered += piece
          previousEnd = span.end
        }
        expect(covered.replace(/\s/g, '')).toBe(text.slice(range.start).replace(/\s/g, ''))
      })
    )
  })
})

describe('sentenceSpans on the sample archive (real press text, not written with the rules)', () => {
  const dir = new URL('../../../resources/sample/', import.meta.url)
  const texts = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => normalizeText(readFileSync(new URL(name, dir), 'utf8')))
  /** The sentences of the paragraph holding `anchor`, each by its first 30 characters (no-break
   * spaces as spaces). */
  const starts = (anchor: string): string[] => {
    for (const text of texts) {
      const paragraph = paragraphSpans(text).find((p) =>
        text.slice(p.start, p.end).includes(anchor)
      )
      if (paragraph) {
        return sentenceSpans(text, paragraph).map(({ start, end }) =>
          text.slice(start, Math.min(end, start + 30)).replace(/\u00a0/gu, ' ')
        )
      }
    }
    throw new Error(`no paragraph holds ${anchor}`)
  }

  it('ends a sentence on "Jr." before a capital, not on "M." before a name', () => {
    expect(starts('Les échanges dévoilés par le magazine')).toEqual([
      'Les échanges dévoilés par le m',
      'Ce dernier, forcé de reconnaît',
      'Après les révélations par voie',
      'Mettant en avant la brièveté d',
      'Jusque-là, l’équipe Trump, pui'
    ])
  })

  it('keeps a quoted message of several sentences as one unit', () => {
    expect(starts('putintrump.org')).toEqual([
      '"Un site putintrump.org dirigé',
      '"Le PAC est un PAC recyclé en '
    ])
    expect(starts('Il faisait certainement référence')).toEqual([
      "\"C'est formidable ce qu'elle p",
      'Il a contacté WikiLeaks une fo',
      'Il faisait certainement référe'
    ])
  })

  it('splits an embedded tweet at its own sentences and keeps its signature whole', () => {
    expect(starts('Here is the entire chain')).toEqual([
      'Here is the entire chain of me',
      'How ironic!',
      '1/3 pic.twitter.com/SiwTqWtykA'
    ])
  })

  it('sets a caption credit in brackets apart from the caption', () => {
    expect(starts('photographié en janvier 2017')).toEqual(
      expect.arrayContaining(['[Reuters - Jonathan Ernst]', 'Donald Trump Junior photograph'])
    )
  })
})

describe('sentenceSpans on text that is no prose', () => {
  it('cuts a run-on "sentence" into pieces of bounded length, after commas, losing no word', () => {
    // A table flattened by extraction: 3,000 cells and not one period.
    const text = Array.from({ length: 3000 }, (_, i) => `cellule ${i}`).join(', ')
    const spans = sentenceSpans(text)
    expect(spans.length).toBeGreaterThan(10)
    for (const { start, end } of spans) {
      expect(end - start).toBeLessThanOrEqual(MAX_SENTENCE)
      // Cut after a comma: each piece ends on a whole cell.
      expect(text.slice(start, end)).toMatch(/cellule \d+,?$/u)
    }
    const words = (s: string): string[] => s.split(/[\s,]+/u).filter(Boolean)
    expect(spans.flatMap(({ start, end }) => words(text.slice(start, end)))).toEqual(words(text))
  })

  it('bounds a quotation never closed, and text with no space at all', () => {
    const unclosed = `Il écrit : « ${'bla '.repeat(2000)}`
    for (const { start, end } of sentenceSpans(unclosed)) {
      expect(end - start).toBeLessThanOrEqual(MAX_SENTENCE)
    }
    const solid = 'x'.repeat(5000)
    expect(sentenceSpans(solid).map(({ start, end }) => end - start)).toEqual([2000, 2000, 1000])
  })

  it('leaves real sentences whole, however long', () => {
    const long = `${'Le rapport, '.repeat(150)}fin.`
    expect(long.length).toBeLessThan(MAX_SENTENCE)
    expect(sentenceSpans(long)).toEqual([{ start: 0, end: long.length }])
  })
})
