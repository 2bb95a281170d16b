// Which clause a date governs, in French and English press sentences, and the short titles made
// from it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Span } from '../archive/article'
import { insideQuotation, quotationSpans } from '../text/quotations'
import { governedBy, quotesIn, segmentsOf } from './clauses'
import { findDateMentions, suggestEvents } from './suggest'
import { titleOf } from './titles'

/** The dates written in `sentence` (given as the exact words), read as the clause each governs. */
function govern(
  sentence: string,
  dates: string[]
): Array<{ date: string; main: boolean; clause: string }> {
  const spans = dates.map((d) => {
    const start = sentence.indexOf(d)
    if (start === -1) throw new Error(`no "${d}" in the sentence`)
    return { start, end: start + d.length }
  })
  return governedBy(sentence, { start: 0, end: sentence.length }, spans).map((g, i) => ({
    date: dates[i] ?? '',
    main: g.main,
    clause: sentence.slice(g.clause.start, g.clause.end)
  }))
}

function segments(sentence: string): string[] {
  return segmentsOf(sentence, { start: 0, end: sentence.length }).map((s) =>
    sentence.slice(s.start, s.end)
  )
}

/** The title of the mention of `date` in `sentence`, standing alone as its passage. */
function title(sentence: string, date: string, others: string[] = []): string {
  const whole = { start: 0, end: sentence.length }
  const spans: Span[] = [date, ...others].map((d) => {
    const start = sentence.indexOf(d)
    return { start, end: start + d.length }
  })
  const [g] = governedBy(sentence, whole, spans.slice(0, 1).concat(spans.slice(1)))
  if (!g) throw new Error('nothing governed')
  const passage = g.main ? whole : g.segment && g.segment.kind !== 'attribution' ? g.segment : whole
  const [own] = spans
  return titleOf(
    sentence,
    {
      start: own?.start ?? 0,
      end: own?.end ?? 0,
      sentence: passage,
      clause: g.clause,
      main: g.main
    },
    spans
  )
}

describe('segmentsOf', () => {
  it('finds subordinate and relative clauses, parentheses, attributions, semicolons', () => {
    expect(
      segments(
        'En avril, alors que les enquêteurs s’intéressent à une rencontre, Wikileaks lui demande ' +
          'des courriels (selon le site), qui restent secrets; le site refuse.'
      )
    ).toEqual([
      'alors que les enquêteurs s’intéressent à une rencontre',
      '(selon le site)',
      'qui restent secrets',
      'le site refuse'
    ])
    expect(
      segments(
        'WikiLeaks, le site qui est scruté, était en contact avec lui, a révélé The Atlantic.'
      )
    ).toEqual(['a révélé The Atlantic'])
    expect(segments('Selon The Atlantic, le 16 décembre, le compte suggère un nom.')).toEqual([
      'Selon The Atlantic'
    ])
    expect(
      segments('Trump Jr. tweeted the link, which WikiLeaks had sent, after it asked him to.')
    ).toEqual(['which WikiLeaks had sent', 'after it asked him to'])
    expect(segments('When the polls closed, WikiLeaks wrote to him, the magazine said.')).toEqual([
      'When the polls closed',
      'the magazine said'
    ])
  })

  it('never splits inside a quotation', () => {
    expect(
      segments('Il a écrit : « Quand vous voulez, qui que vous soyez ; merci », puis il est parti.')
    ).toEqual([])
    expect(segments("He wrote 'great, when you can' to the son.")).toEqual([])
  })
})

describe('quotesIn', () => {
  it('pairs single quotes opened after a space, never apostrophes', () => {
    const text = "WikiLeaks écrit que ce serait 'super si vous pouviez l'aider.' D'accord, l'ami."
    expect(
      quotesIn(text, { start: 0, end: text.length }).map((q) => text.slice(q.start, q.end))
    ).toEqual(["'super si vous pouviez l'aider.'"])
  })
})

describe('governedBy', () => {
  it('gives a fronted date the main clause and a date in a subordinate clause that clause', () => {
    const sentence =
      'En avril, alors que les enquêteurs s’intéressent à une rencontre en juin 2016 de Trump Jr ' +
      'avec une avocate russe, Wikileaks lui demande des courriels à propos de cette rencontre.'
    expect(govern(sentence, ['avril', 'juin 2016'])).toEqual([
      { date: 'avril', main: true, clause: sentence.slice(0, -1) },
      {
        date: 'juin 2016',
        main: false,
        clause: 'une rencontre en juin 2016 de Trump Jr avec une avocate russe'
      }
    ])
  })

  it('gives a date qualifying a happening the noun phrase, unless the phrase opens the clause', () => {
    expect(
      govern(
        'Le groupe avait demandé des courriels à propos de la rencontre avec une avocate en juin 2016.',
        ['juin 2016']
      )
    ).toEqual([
      { date: 'juin 2016', main: false, clause: 'la rencontre avec une avocate en juin 2016' }
    ])
    expect(
      govern('La rencontre du 9 juin 2016 a eu lieu à la Trump Tower.', ['9 juin 2016'])
    ).toEqual([
      {
        date: '9 juin 2016',
        main: true,
        clause: 'La rencontre du 9 juin 2016 a eu lieu à la Trump Tower'
      }
    ])
    // "lors d'un rally le 10 octobre": the date times the saying, not the rally alone.
    expect(
      govern(
        "Le message arrive après que Trump ait dit lors d'un rally le 10 octobre qu'il aimait WikiLeaks.",
        ['10 octobre']
      )
    ).toEqual([
      {
        date: '10 octobre',
        main: false,
        clause: "après que Trump ait dit lors d'un rally le 10 octobre qu'il aimait WikiLeaks"
      }
    ])
  })

  it('gives a date in an attribution the attribution, and one between commas the main clause', () => {
    const sentence =
      'WikiLeaks était en contact avec Donald Trump Jr. entre septembre 2016 et juillet 2017, a ' +
      'révélé ce 13 novembre 2017 le magazine The Atlantic.'
    expect(
      govern(sentence, ['septembre 2016 et juillet 2017', '13 novembre 2017']).map((g) => g.main)
    ).toEqual([true, false])
    expect(
      govern('Il demande, le 3 octobre 2016, juste avant la publication, des détails.', [
        '3 octobre 2016'
      ])[0]?.main
    ).toBe(true)
  })

  it('reads English sentences the same way', () => {
    const sentence =
      'In April, as investigators looked into a meeting in June 2016 between Trump Jr. and a ' +
      'Russian lawyer, WikiLeaks asked him for the emails about it.'
    // ", as" opens a clause only after a comma: here "In April," is followed by one.
    expect(govern(sentence, ['April', 'June 2016'])).toEqual([
      { date: 'April', main: true, clause: sentence.slice(0, -1) },
      {
        date: 'June 2016',
        main: false,
        clause: 'a meeting in June 2016 between Trump Jr. and a Russian lawyer'
      }
    ])
    expect(
      govern('On October 3, 2016, WikiLeaks wrote to him, when the leak was near.', [
        'October 3, 2016'
      ])[0]?.main
    ).toBe(true)
    expect(
      govern('He tweeted the link, which WikiLeaks had sent on October 12, 2016.', [
        'October 12, 2016'
      ])
    ).toEqual([
      {
        date: 'October 12, 2016',
        main: false,
        clause: 'which WikiLeaks had sent on October 12, 2016'
      }
    ])
  })
})

describe('titleOf', () => {
  it('makes a short statement of who did what from the main clause', () => {
    expect(
      title(
        'Selon The Atlantic, le 16 décembre, le compte de l’organisation suggère au fils Trump de nommer Julian Assange ambassadeur.',
        '16 décembre'
      )
    ).toBe('Le compte de l’organisation suggère au fils Trump de nommer Julian Assange…')
    expect(
      title(
        'WikiLeaks, le site anti-confidentialité qui est désormais scruté de près, était en contact avec Donald Trump Jr. entre septembre 2016 et juillet 2017, a révélé The Atlantic.',
        'septembre 2016 et juillet 2017'
      )
    ).toBe('WikiLeaks était en contact avec Donald Trump Jr.')
    expect(
      title(
        'Plus tard, le 21 octobre, WikiLeaks exige de Trump Jr. des documents sur la situation fiscale du candidat.',
        '21 octobre'
      )
    ).toBe('WikiLeaks exige de Trump Jr. des documents sur la situation fiscale du candidat')
    expect(
      title(
        'According to The Atlantic, on October 21, 2016, WikiLeaks, which had denied any bias, asked Trump Jr. for his father’s tax returns.',
        'October 21, 2016'
      )
    ).toBe('WikiLeaks asked Trump Jr. for his father’s tax returns')
  })

  it('keeps a quotation whole or drops it, never cuts inside one, and stays within 80 characters', () => {
    expect(
      title(
        "Le 3 octobre 2016, WikiLeaks écrit à Trump Jr. que ce serait 'super si vous pouviez commenter sur/promouvoir cette histoire.'",
        '3 octobre 2016'
      )
    ).toBe('WikiLeaks écrit à Trump Jr.')
    const long = title(
      'On November 8, 2016, WikiLeaks wrote to Trump Jr. that if his father lost, it would be "much more interesting" if he refused to concede, the magazine said.',
      'November 8, 2016'
    )
    expect(long.length).toBeLessThanOrEqual(80)
    expect(long).toMatch(/^WikiLeaks wrote to Trump Jr\. that if his father lost, it would be/u)
    expect((long.match(/"/gu) ?? []).length % 2).toBe(0)
  })

  it('titles a secondary date with its noun phrase or its clause, never the main clause', () => {
    expect(
      title(
        'Le message est arrivé trois jours après que le New York Times ait publié un article détaillant une rencontre de Trump Jr. avec une avocate connectée au Kremlin en juin 2016 à la Trump Tower.',
        'juin 2016'
      )
    ).toBe('Rencontre de Trump Jr. avec une avocate connectée au Kremlin à la Trump Tower')
    expect(
      title(
        "Le message arrive après que Trump ait dit lors d'un rally le 10 octobre qu'il aimait WikiLeaks.",
        '10 octobre'
      )
    ).toBe("Trump a dit lors d'un rally qu'il aimait WikiLeaks")
    expect(
      title(
        'The message came after Trump said at a rally on October 10 that he loved WikiLeaks.',
        'October 10'
      )
    ).toBe('Trump said at a rally that he loved WikiLeaks')
  })
})

describe('passages and titles on generated press paragraphs', () => {
  const fragments = [
    'Le 21 octobre 2016, WikiLeaks écrit à Trump Jr.',
    'En avril, alors que les enquêteurs s’intéressent à une rencontre en juin 2016, le site demande des courriels.',
    '16 décembre 2016: "Salut Don. On espère que vous allez bien!"',
    'Il a dit : « Le 3 octobre 2016, rien ; quand vous voulez, merci. »',
    'Selon The Atlantic, le 16 décembre, le compte suggère un nom (un ambassadeur).',
    "WikiLeaks écrit à Trump Jr. que ce serait 'super si vous pouviez commenter, merci.'",
    'The message came after Trump said at a rally on October 10, 2016 that he loved WikiLeaks.',
    'In April, as investigators looked into a meeting in June 2016, WikiLeaks asked for the emails.',
    '"It would be great, really," WikiLeaks wrote on November 8, 2016, the magazine said.',
    'Des échanges entre septembre 2016 et juillet 2017, a révélé ce 13 novembre 2017 The Atlantic.',
    'Trump Jr. n’a pas répondu.'
  ]
  const paragraph = fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 4 })
  const article = fc.array(paragraph, { minLength: 1, maxLength: 5 })

  it('never starts or ends a passage or a clause inside a quotation; titles stay short', () => {
    fc.assert(
      fc.property(article, (paragraphs) => {
        const text = paragraphs.map((p) => p.join(' ')).join('\n\n')
        const meta = {
          id: 'g',
          createdAt: '',
          updatedAt: '',
          title: '',
          outlet: '',
          author: '',
          published: {
            value: '2017-11-14',
            precision: 'day' as const,
            qualifier: 'stated' as const
          },
          language: 'fr',
          sourceName: 'g.txt',
          sourceFormat: 'txt' as const,
          importedAt: '',
          sha256: '',
          textLength: text.length,
          paragraphCount: paragraphs.length
        }
        const quotes = quotationSpans(text)
        const mentions = findDateMentions(meta, text)
        for (const m of mentions) {
          for (const at of [m.sentence.start, m.sentence.end, m.clause.start, m.clause.end]) {
            expect(insideQuotation(quotes, at)).toBe(false)
          }
          expect(m.clause.start).toBeGreaterThanOrEqual(m.sentence.start)
          expect(m.clause.end).toBeLessThanOrEqual(m.sentence.end)
          expect(m.start).toBeGreaterThanOrEqual(m.sentence.start)
          expect(m.end).toBeLessThanOrEqual(m.sentence.end)
        }
        for (const s of suggestEvents([{ article: meta, text }])) {
          expect(s.label.length).toBeLessThanOrEqual(80)
          expect(s.label).not.toMatch(/^\s|\s$/u)
          expect((s.label.match(/"/gu) ?? []).length % 2).toBe(0)
          expect((s.label.match(/«/gu) ?? []).length).toBe((s.label.match(/»/gu) ?? []).length)
        }
      }),
      { numRuns: 200 }
    )
  })
})
