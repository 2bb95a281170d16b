// Date disagreements: the sample's April / 11 July request for the meeting emails, synthetic French,
// English and bilingual pairs, and the near misses that must not be reported.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Article } from '../archive/article'
import { normalizeText } from '../text/normalize'
import { detectRepeats, type ArticleWithText } from './corroboration'
import { eventInterval } from './event-dates'
import { findDateDisagreements, preferredSide } from './disagreements'
import { suggestEvents } from './suggest'
import { article, sampleArticles } from '../../../test/timeline/test-fixture'

function item(id: string, text: string, overrides: Partial<Article> = {}): ArticleWithText {
  return { article: article(id, overrides), text: normalizeText(text) }
}

function disagreements(items: ArticleWithText[], repeats = false) {
  const groups = repeats ? detectRepeats(items) : []
  return findDateDisagreements(items, suggestEvents(items, { repeats: groups }), {
    repeats: groups
  })
}

function passage(
  items: ArticleWithText[],
  m: { articleId: string; sentence: { start: number; end: number } }
) {
  const text = items.find((i) => i.article.id === m.articleId)?.text ?? ''
  return text.slice(m.sentence.start, m.sentence.end)
}

describe('findDateDisagreements on the five sample articles', () => {
  const samples = sampleArticles()
  const found = findDateDisagreements(samples, suggestEvents(samples))

  it('proposes by default the date more sources give, then the more precise one', () => {
    const pair = found.find((d) => d.sides.some((s) => s.key === '2017-04'))!
    // April 2017 (month) against 11 July 2017 (day), one source each: the day.
    expect(preferredSide(pair, [1, 1])).toBe(1)
    expect(preferredSide(pair, [2, 1])).toBe(0)
    expect(preferredSide(pair, [1, 3])).toBe(1)
  })

  it('finds that 002 dates the request for the meeting emails April 2017 and 003 11 July 2017', () => {
    const pair = found.find((d) => d.sides.some((s) => s.key === '2017-04'))
    expect(pair).toBeDefined()
    const [april, july] = pair!.sides
    expect(april).toMatchObject({ key: '2017-04', mention: { articleId: '002' } })
    expect(july).toMatchObject({ key: '2017-07-11', mention: { articleId: '003' } })
    expect(passage(samples, april.mention)).toContain('Wikileaks lui demande des courriels')
    expect(passage(samples, july.mention)).toContain('WikiLeaks a écrit à Trump Jr.')
    expect(pair!.label).toMatch(/demande des courriels|correspondance/)
    expect(pair!.similarity).toBeGreaterThanOrEqual(0.4)
  })

  it('reports no other pair (each checked by reading the texts)', () => {
    expect(found.map((d) => d.sides.map((s) => `${s.mention.articleId}@${s.key}`))).toEqual([
      ['002@2017-04', '003@2017-07-11']
    ])
  })

  it('gives a key that stays the same from one run to the next', () => {
    const again = findDateDisagreements(samples, suggestEvents(samples))
    expect(again.map((d) => d.key)).toEqual(found.map((d) => d.key))
  })
})

describe('findDateDisagreements on synthetic articles', () => {
  const mondeResign = item(
    'a',
    'Le 3 mars 2020, le ministre Paul Dupont a remis sa démission au président Moreau. Le ' +
      'gouvernement a confirmé la nouvelle.',
    { outlet: 'Le Monde' }
  )
  const liberationResign = item(
    'b',
    'Crise au gouvernement.\n\nLe 12 mars 2020, Paul Dupont a présenté sa démission au président ' +
      'Moreau, selon son entourage.',
    { outlet: 'Libération' }
  )

  it('finds a French pair: the same resignation on 3 and 12 March', () => {
    const items = [mondeResign, liberationResign]
    const [pair, ...rest] = disagreements(items)
    expect(rest).toEqual([])
    expect(pair?.sides.map((s) => s.key)).toEqual(['2020-03-03', '2020-03-12'])
    expect(pair?.label).toMatch(/démission/)
  })

  it('finds an English pair: the same agreement signed in May and in June', () => {
    const items = [
      item(
        'a',
        'On May 4, 2019, the mayor Alice Brown signed the Harbor agreement with Portcorp.',
        {
          outlet: 'Reuters',
          language: 'en'
        }
      ),
      item(
        'b',
        'Officials confirmed it. Alice Brown signed the Harbor agreement with Portcorp on June 9, ' +
          '2019, they said.',
        { outlet: 'AP', language: 'en' }
      )
    ]
    const [pair, ...rest] = disagreements(items)
    expect(rest).toEqual([])
    expect(pair?.sides.map((s) => s.date.start)).toEqual(['2019-05-04', '2019-06-09'])
  })

  it('finds a pair across French and English through the press synonyms', () => {
    const items = [
      item('a', 'Le 3 mars 2020, Paul Dupont a réclamé les courriels de la réunion à Vertex.', {
        outlet: 'Le Monde'
      }),
      item('b', 'On April 9, 2020, Paul Dupont asked Vertex for the emails about the meeting.', {
        outlet: 'Reuters',
        language: 'en'
      })
    ]
    expect(disagreements(items).map((d) => d.sides.map((s) => s.key))).toEqual([
      ['2020-03-03', '2020-04-09']
    ])
  })

  it('reports nothing when the same actors do something else', () => {
    const other = item(
      'b',
      'Le 12 mars 2020, Paul Dupont a inauguré le nouveau pont de Nantes avec le président Moreau.',
      { outlet: 'Libération' }
    )
    expect(disagreements([mondeResign, other])).toEqual([])
  })

  it('reports nothing when the dates are compatible (a month and a day inside it)', () => {
    const month = item(
      'b',
      'En mars 2020, Paul Dupont a présenté sa démission au président Moreau.',
      { outlet: 'Libération' }
    )
    expect(disagreements([mondeResign, month])).toEqual([])
  })

  it('reports nothing between two articles of the same outlet, or a repeat and its original', () => {
    const sameOutlet = {
      ...liberationResign,
      article: { ...liberationResign.article, outlet: 'le monde' }
    }
    expect(disagreements([mondeResign, sameOutlet])).toEqual([])
    const body =
      'Paul Dupont, ministre depuis deux ans, a remis sa démission au président Moreau après une ' +
      'longue crise au sein du gouvernement, selon plusieurs sources proches du dossier qui ont ' +
      'suivi les discussions pendant toute la semaine au palais et au ministère des finances.'
    const original = item('o', `Le 3 mars 2020. ${body}`, { outlet: 'Ouest' })
    const copy = item('c', `Le 4 mars 2020. ${body}`, { outlet: 'Est' })
    expect(detectRepeats([original, copy])).toHaveLength(1)
    expect(disagreements([original, copy], true)).toEqual([])
  })

  it('reports nothing when a side names the other date for another part of the story', () => {
    const items = [
      item('a', 'Le 3 mars 2020, Paul Dupont a remis sa démission au président Moreau.', {
        outlet: 'Le Monde'
      }),
      item(
        'b',
        'Le 12 mars 2020, après sa démission du 3 mars 2020, Paul Dupont a écrit au président ' +
          'Moreau pour contester sa démission.',
        { outlet: 'Libération' }
      )
    ]
    expect(disagreements(items)).toEqual([])
  })

  it('stays bounded on a large archive: 3,000 articles telling routine news', () => {
    const items = Array.from({ length: 3000 }, (_, i) =>
      item(
        `x${i}`,
        `Le ${1 + (i % 28)} mars 2020, le conseil Ville${i % 50} a voté le budget de Ville${i % 50} ` +
          `et demandé un rapport au préfet Martin. Le maire Durand${i % 7} a publié le compte rendu.`,
        { outlet: `Outlet ${i % 40}` }
      )
    )
    // A pairwise blowup would not finish within the test timeout; the time itself is measured
    // in bench/hostile.bench.ts.
    const found = disagreements(items)
    expect(found.length).toBeLessThanOrEqual(200)
  })
})

describe('findDateDisagreements on generated archives', () => {
  const DATES = ['3 mars 2020', '12 mars 2020', 'mars 2020', '9 avril 2020', '20 mai 2021']
  const STORIES = [
    'Paul Dupont a remis sa démission au président Moreau.',
    'Paul Dupont a réclamé les courriels de la réunion à Vertex.',
    'Le conseil de Nantes a voté le budget proposé par Alice Brown.',
    'Vertex a publié le rapport sur la rencontre avec Paul Dupont.'
  ]
  const OUTLETS = ['Le Monde', 'Libération', '', 'Ouest']
  const archive = fc.array(
    fc.record({
      date: fc.constantFrom(...DATES),
      story: fc.constantFrom(...STORIES),
      outlet: fc.constantFrom(...OUTLETS)
    }),
    { minLength: 2, maxLength: 8 }
  )

  it('reports only pairs of different sources with disjoint dates, whatever the order (200 archives)', () => {
    fc.assert(
      fc.property(archive, (specs) => {
        const items = specs.map((spec, i) =>
          item(`g${i}`, `Le ${spec.date}, ${spec.story}`, { outlet: spec.outlet })
        )
        const found = disagreements(items)
        const outletOf = new Map(items.map((i) => [i.article.id, i.article.outlet]))
        for (const d of found) {
          const [a, b] = d.sides
          const [as, ae] = eventInterval(a.date)
          const [bs, be] = eventInterval(b.date)
          expect(as < be && bs < ae).toBe(false)
          const oa = outletOf.get(a.mention.articleId)
          const ob = outletOf.get(b.mention.articleId)
          expect(oa === '' || ob === '' || oa !== ob).toBe(true)
          expect(a.mention.articleId).not.toBe(b.mention.articleId)
        }
        const reversed = disagreements([...items].reverse())
        expect(new Set(reversed.map((d) => d.key))).toEqual(new Set(found.map((d) => d.key)))
      }),
      { numRuns: 200 }
    )
  })
})
