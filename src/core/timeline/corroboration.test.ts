// Corroboration: what a source is, wire copies and near-duplicates found with a reason (and the
// five samples not taken for copies), and the events × sources matrix with repeats counted once.
import { describe, expect, it } from 'vitest'
import { corroborationMatrix, detectRepeats, sourceKey } from './corroboration'
import type { EventLink, LinkRole, TimelineEvent } from './types'
import { article, sampleArticles } from '../../../test/timeline/test-fixture'

const DISPATCH = [
  'WASHINGTON (AFP) - Le fils aîné de Donald Trump a publié lundi soir sur Twitter la totalité',
  'de ses échanges privés avec WikiLeaks, quelques heures après que le magazine The Atlantic a',
  'révélé leur existence. Les messages montrent que le site fondé par Julian Assange a sollicité',
  'à plusieurs reprises Donald Trump Jr pendant la campagne présidentielle de 2016, lui',
  'demandant notamment de relayer des liens vers des documents piratés du Parti démocrate.',
  'Le 21 octobre 2016, WikiLeaks lui a aussi proposé de publier les déclarations d’impôts de son',
  'père afin de paraître impartial. Donald Trump Jr affirme n’avoir répondu qu’à trois reprises.',
  'Les enquêteurs du Congrès, qui examinent les liens entre l’équipe de campagne et la Russie,',
  'disposent de ces messages depuis plusieurs semaines, selon des sources proches du dossier.'
].join(' ')

describe('sourceKey', () => {
  it('groups by outlet without case or accents; an unknown outlet is its own source', () => {
    expect(sourceKey(article('a', { outlet: 'Le Monde' }), 'outlet')).toBe('outlet:le monde')
    expect(sourceKey(article('b', { outlet: ' le  MONDE ' }), 'outlet')).toBe('outlet:le monde')
    expect(sourceKey(article('c', { outlet: 'Libération' }), 'outlet')).toBe('outlet:liberation')
    expect(sourceKey(article('d'), 'outlet')).toBe('article:d')
    expect(sourceKey(article('a', { outlet: 'Le Monde' }), 'article')).toBe('article:a')
  })
})

describe('detectRepeats', () => {
  it('finds a wire copy with a few words changed, and says why', () => {
    const original = article('orig', {
      outlet: 'Le Figaro',
      published: { value: '2017-11-14', precision: 'day', qualifier: 'stated' }
    })
    const copy = article('copy', {
      outlet: 'Ouest-France',
      published: { value: '2017-11-15', precision: 'day', qualifier: 'stated' }
    })
    const edited = DISPATCH.replace('lundi soir', 'dans la nuit de lundi')
      .replace('à plusieurs reprises', 'souvent')
      .replace('selon des sources proches du dossier', 'selon le New York Times')
    const groups = detectRepeats([
      { article: copy, text: edited },
      { article: original, text: DISPATCH }
    ])
    expect(groups).toHaveLength(1)
    const [group] = groups
    expect(group?.originalId).toBe('orig')
    expect(group?.articleIds).toEqual(['orig', 'copy'])
    const repeat = group?.repeats[0]
    expect(repeat).toMatchObject({
      articleId: 'copy',
      of: 'orig',
      kind: 'nearDuplicate',
      wires: ['AFP']
    })
    expect(repeat?.similarity).toBeGreaterThanOrEqual(0.6)
    expect(repeat?.detail).toMatch(/^Near-identical to “Article orig”: \d+ % of the shorter/)
  })

  it('finds a cut copy by containment', () => {
    const cut = DISPATCH.slice(0, Math.floor(DISPATCH.length * 0.55))
    const [group] = detectRepeats([
      { article: article('long'), text: DISPATCH },
      { article: article('short'), text: cut }
    ])
    expect(group?.repeats[0]).toMatchObject({ articleId: 'short', kind: 'nearDuplicate' })
    expect(group?.repeats[0]?.containment).toBeGreaterThanOrEqual(0.8)
    expect(group?.repeats[0]?.similarity).toBeLessThan(0.6)
  })

  it('finds a rewritten dispatch that credits the same wire', () => {
    const half = DISPATCH.slice(0, DISPATCH.indexOf(' Le 21 octobre'))
    const rewritten =
      half +
      ' Dans un message daté du 21 octobre, l’organisation suggérait aussi de diffuser la ' +
      'situation fiscale du candidat républicain, ce qui lui aurait permis selon elle de ne plus ' +
      'passer pour une source favorable à la Russie. Le fils du président assure pour sa part ' +
      'que ces échanges sont anodins et que la commission parlementaire les a fait fuiter.\n\nafp/ta'
    const withCredit = [
      { article: article('one'), text: `${DISPATCH}\n\nAFP` },
      { article: article('two'), text: rewritten }
    ]
    const [group] = detectRepeats(withCredit)
    expect(group?.repeats[0]).toMatchObject({ kind: 'sameWire', wires: ['AFP'] })
    expect(group?.repeats[0]?.detail).toMatch(/^Same AFP dispatch as “Article one”/)
    // Without a shared credit, the same overlap is not enough to call it a copy.
    const uncredited = rewritten.replace('WASHINGTON (AFP) - ', '').replace('\n\nafp/ta', '')
    expect(
      detectRepeats([
        { article: article('one'), text: DISPATCH.replace('WASHINGTON (AFP) - ', '') },
        { article: article('two'), text: uncredited }
      ])
    ).toEqual([])
  })

  it('does not take the five sample articles for copies of each other', () => {
    const items = sampleArticles()
    expect(items).toHaveLength(5)
    expect(detectRepeats(items)).toEqual([])
    // Nor a sample with itself under another name: that one is a copy.
    const first = items[0]
    if (!first) throw new Error('no sample')
    const twice = detectRepeats([...items, { article: article('again'), text: first.text }])
    expect(twice.map((g) => g.articleIds.length)).toEqual([2])
  })
})

describe('corroborationMatrix', () => {
  const articles = [
    article('a1', { outlet: 'Le Monde' }),
    article('a2', { outlet: 'le monde' }),
    article('a3'),
    article('a4'),
    article('a5', { outlet: 'Le Temps' })
  ]
  const event = (id: string): TimelineEvent => ({
    id,
    createdAt: '',
    updatedAt: '',
    author: '',
    title: id,
    date: null,
    place: '',
    participants: [],
    description: '',
    status: 'unverified'
  })
  const events = ['e1', 'e2', 'e3', 'e4'].map(event)
  const passages = [
    ['p1', 'a1'],
    ['p2', 'a1'],
    ['p3', 'a2'],
    ['p4', 'a3'],
    ['p5', 'a4'],
    ['p6', 'a5']
  ].map(([id, articleId]) => ({ id: id ?? '', articleId: articleId ?? '' }))
  let n = 0
  const link = (eventId: string, passageId: string, role: LinkRole): EventLink => ({
    id: `l${++n}`,
    createdAt: '',
    updatedAt: '',
    author: '',
    eventId,
    passageId,
    role,
    note: ''
  })
  const links = [
    link('e1', 'p1', 'reports'),
    link('e1', 'p2', 'reports'),
    link('e1', 'p3', 'reports'),
    link('e1', 'p4', 'reports'),
    link('e2', 'p1', 'reports'),
    link('e2', 'p4', 'mentions'),
    link('e2', 'p5', 'contradicts'),
    link('e3', 'p1', 'reports'),
    link('e3', 'p6', 'reports'),
    link('e3', 'gone', 'reports')
  ]
  const repeats = [
    {
      originalId: 'a1',
      articleIds: ['a1', 'a5'],
      repeats: [
        {
          articleId: 'a5',
          of: 'a1',
          kind: 'sameWire' as const,
          similarity: 0.45,
          containment: 0.62,
          wires: ['AFP'],
          detail: 'Same AFP dispatch'
        }
      ]
    }
  ]

  it('counts links per event and source, with their passages', () => {
    const matrix = corroborationMatrix(events, links, passages, articles, { by: 'outlet' })
    expect(matrix.sources.map((s) => [s.key, s.label, s.articleIds])).toEqual([
      ['outlet:le monde', 'Le Monde', ['a1', 'a2']],
      ['article:a3', 'Article a3', ['a3']],
      ['article:a4', 'Article a4', ['a4']],
      ['outlet:le temps', 'Le Temps', ['a5']]
    ])
    const e1 = matrix.byEvent.get('e1')
    expect(e1?.cells.get('outlet:le monde')).toEqual({
      reports: 3,
      contradicts: 0,
      mentions: 0,
      passageIds: ['p1', 'p2', 'p3']
    })
    expect(e1?.supportingSources.map((s) => s.key)).toEqual(['outlet:le monde', 'article:a3'])
    expect(e1?.supportingSources[0]?.articleIds).toEqual(['a1', 'a2'])
    expect(e1?.singleSource).toBe(false)
    const e2 = matrix.byEvent.get('e2')
    expect(e2?.cells.get('article:a3')).toMatchObject({ reports: 0, mentions: 1 })
    expect([e2?.supporting, e2?.contradicting, e2?.singleSource]).toEqual([1, 1, true])
    expect(e2?.contradictingSources[0]?.key).toBe('article:a4')
    expect(matrix.unresolvedLinks).toBe(1)
  })

  it('heads an article without an outlet as an unknown outlet, its title as secondary text', () => {
    const byOutlet = corroborationMatrix(events, links, passages, articles, { by: 'outlet' })
    expect(byOutlet.sources.map((s) => [s.key, s.unknownOutlet, s.label, s.outlet])).toEqual([
      ['outlet:le monde', false, 'Le Monde', 'Le Monde'],
      ['article:a3', true, 'Article a3', ''],
      ['article:a4', true, 'Article a4', ''],
      ['outlet:le temps', false, 'Le Temps', 'Le Temps']
    ])
    // By article every column is an article, headed by its title with its outlet beside it.
    const byArticle = corroborationMatrix(events, links, passages, articles, { by: 'article' })
    expect(byArticle.sources.every((s) => !s.unknownOutlet)).toBe(true)
    expect(byArticle.sources.find((s) => s.key === 'article:a1')).toMatchObject({
      label: 'Article a1',
      outlet: 'Le Monde'
    })
  })

  it('counts by article when asked', () => {
    const matrix = corroborationMatrix(events, links, passages, articles, { by: 'article' })
    expect(matrix.byEvent.get('e1')?.supporting).toBe(3)
    expect(matrix.sources).toHaveLength(5)
  })

  it('counts a repeat once, under its original, with the reason', () => {
    const plain = corroborationMatrix(events, links, passages, articles, { by: 'outlet' })
    expect(plain.byEvent.get('e3')?.supporting).toBe(2)
    const folded = corroborationMatrix(events, links, passages, articles, { by: 'outlet', repeats })
    const e3 = folded.byEvent.get('e3')
    expect([e3?.supporting, e3?.singleSource]).toEqual([1, true])
    expect(e3?.supportingSources[0]).toMatchObject({
      key: 'outlet:le monde',
      label: 'Le Monde',
      sourceKeys: ['outlet:le monde', 'outlet:le temps'],
      articleIds: ['a1', 'a5'],
      passageIds: ['p1', 'p6']
    })
    expect(e3?.supportingSources[0]?.repeats.map((r) => r.detail)).toEqual(['Same AFP dispatch'])
    // The matrix still shows Le Temps as its own column, marked as counting for Le Monde.
    expect(folded.sources.find((s) => s.key === 'outlet:le temps')?.independentKey).toBe(
      'outlet:le monde'
    )
    expect(e3?.cells.get('outlet:le temps')?.reports).toBe(1)
  })

  it('gives an event without links an empty row, not a single source', () => {
    const e4 = corroborationMatrix(events, links, passages, articles, { by: 'outlet' }).byEvent.get(
      'e4'
    )
    expect(e4).toMatchObject({ supporting: 0, contradicting: 0, singleSource: false })
    expect(e4?.cells.size).toBe(0)
  })
})
