import { describe, expect, it } from 'vitest'
import type { Article, ArticleText } from '../archive/article'
import type { Passage, Tag } from '../archive/passage'
import type { EventLink, TimelineEvent } from '../timeline/types'
import {
  articleDocument,
  articleFacts,
  eventDocument,
  passageDocument,
  passageFacts,
  passagesFound,
  tagDocument,
  type SearchText
} from './documents'
import { SearchEngine, containsPhrase, type FacetFilter, type TextLoader } from './engine'
import { parseQuery } from './query'

const stamp = '2024-01-01T00:00:00.000Z'

function article(id: string, fields: Partial<Article>, text: string): [Article, ArticleText] {
  return [
    {
      id,
      createdAt: stamp,
      updatedAt: stamp,
      importedAt: stamp,
      sourceName: `${id}.txt`,
      sourceFormat: 'txt',
      sha256: id,
      textLength: text.length,
      paragraphCount: 1,
      title: '',
      outlet: '',
      author: '',
      published: null,
      language: 'fr',
      ...fields
    },
    { articleId: id, text, paragraphs: [{ start: 0, end: text.length }] }
  ]
}

function passage(
  id: string,
  articleId: string,
  exact: string,
  tagIds: string[],
  note = ''
): Passage {
  return {
    id,
    createdAt: stamp,
    updatedAt: stamp,
    author: '',
    articleId,
    tagIds,
    note,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    anchor: { status: 'exact', start: 0, end: exact.length, score: 1, textSha256: articleId }
  }
}

const tag = (id: string, name: string, parentId: string | null = null): Tag => ({
  id,
  createdAt: stamp,
  updatedAt: stamp,
  author: '',
  name,
  parentId,
  color: '#336699',
  description: ''
})

const event = (id: string, title: string): TimelineEvent => ({
  id,
  createdAt: stamp,
  updatedAt: stamp,
  author: '',
  title,
  date: { start: '2016-10-03', precision: 'day', approximate: false },
  place: 'Washington',
  participants: ['Donald Trump Jr.'],
  description: '',
  status: 'confirmed'
})

const link = (id: string, passageId: string, eventId: string): EventLink => ({
  id,
  createdAt: stamp,
  updatedAt: stamp,
  author: '',
  eventId,
  passageId,
  role: 'reports',
  note: ''
})

/** The sample-like archive, with its texts kept for the phrase loader. */
function fixture(): { engine: SearchEngine; load: TextLoader; texts: Map<string, SearchText> } {
  const engine = new SearchEngine()
  const texts = new Map<string, SearchText>()
  const put = (doc: ReturnType<typeof articleDocument>): void => {
    engine.put(doc)
    texts.set(doc.id, doc)
  }
  const articles = [
    article(
      'a1',
      {
        title: 'Les échanges secrets',
        outlet: 'Le Monde',
        published: { value: '2017-11-14', precision: 'day', qualifier: 'stated' }
      },
      "WikiLeaks a contacté Donald Trump Jr pendant la campagne. Les élections approchaient et l'organisation proposait des documents."
    ),
    article(
      'a2',
      {
        title: 'Messages to Trump Jr',
        outlet: 'The Atlantic',
        language: 'en',
        published: { value: '2017-11', precision: 'month', qualifier: 'stated' }
      },
      'The Atlantic reported that WikiLeaks sent private messages. Trump Jr answered some of them during the election.'
    ),
    article(
      'a3',
      { title: 'Une rencontre', outlet: '', published: null },
      "Un article sans source connue évoque la rencontre de la Trump Tower et le rapport de l'enquête."
    )
  ]
  for (const [meta, text] of articles) {
    engine.setArticle(meta.id, articleFacts(meta))
    put(articleDocument(meta, text))
  }
  for (const t of [
    tag('t1', 'Contacts'),
    tag('t2', 'Messages privés', 't1'),
    tag('t3', 'Élections')
  ]) {
    engine.setTag(t.id, t.parentId)
    put(tagDocument(t))
  }
  const passages = [
    passage('p1', 'a1', 'WikiLeaks a contacté Donald Trump Jr', ['t2'], 'premier contact connu'),
    passage('p2', 'a2', 'WikiLeaks sent private messages', ['t2', 't3'])
  ]
  for (const p of passages) {
    engine.setPassage(p.id, passageFacts(p))
    put(passageDocument(p))
  }
  const e1 = event('e1', 'Premier message de WikiLeaks')
  put(eventDocument(e1))
  engine.setLink('l1', link('l1', 'p1', 'e1'))
  engine.setLink('l2', link('l2', 'p2', 'e1'))
  const load: TextLoader = async (ids) =>
    new Map(ids.flatMap((id) => (texts.has(id) ? [[id, texts.get(id)!]] : [])))
  return { engine, load, texts }
}

async function ids(
  engine: SearchEngine,
  q: string,
  load?: TextLoader,
  filter = {}
): Promise<string[]> {
  const answer = await engine.search(parseQuery(q), filter, load)
  return answer.hits.map((hit) => hit.id).sort()
}

describe('search engine', () => {
  it('finds a word that occurs only in an article body, across stems and accents', async () => {
    const { engine } = fixture()
    expect(await ids(engine, 'enquete')).toEqual(['article:a3'])
    expect(await ids(engine, 'report')).toEqual(['article:a2'])
    expect(await ids(engine, 'élection')).toEqual(['article:a1', 'article:a2', 'tag:t3'])
    expect(await ids(engine, 'ECHANGE')).toEqual(['article:a1'])
  })

  it('does not take a near word for a typo: élections never finds électricité', async () => {
    const { engine } = fixture()
    const [meta, text] = article('a9', { title: 'Énergie' }, "Le prix de l'électricité augmente.")
    engine.setArticle('a9', articleFacts(meta))
    engine.put(articleDocument(meta, text))
    expect(await ids(engine, 'élections')).not.toContain('article:a9')
    // While "élec" is being typed, both are candidates.
    const typing = await engine.search(parseQuery('élec', { typing: true }))
    expect(typing.hits.map((h) => h.id)).toEqual(
      expect.arrayContaining(['article:a1', 'article:a9'])
    )
  })

  it('tolerates a typo in a long word, not in a short one', async () => {
    const { engine } = fixture()
    expect(await ids(engine, 'wikileeks')).toContain('article:a1')
    expect(await ids(engine, 'tover')).toEqual([])
  })

  it('requires every word, and searches the word being typed as a prefix', async () => {
    const { engine } = fixture()
    expect(await ids(engine, 'wikileaks campagne')).toEqual(['article:a1'])
    const typing = await engine.search(parseQuery('rencon', { typing: true }))
    expect(typing.hits.map((h) => h.id)).toEqual(['article:a3'])
  })

  it('checks phrases word for word in the text', async () => {
    const { engine, load } = fixture()
    expect(await ids(engine, '"private messages"', load)).toEqual(['article:a2', 'passage:p2'])
    // Both words occur in a2, but not next to each other in this order.
    expect(await ids(engine, '"messages private"', load)).toEqual([])
    expect(containsPhrase('La Trump  Tower, à New York', 'trump tower')).toBe(true)
  })

  it('checks a phrase with many candidates whole, in the index, without reading any text', async () => {
    const engine = new SearchEngine()
    for (let i = 0; i < 450; i++) {
      // Every other article has the words, not the phrase.
      const text =
        i % 2 ? `Le fils du président, encore, numéro ${i}.` : `Le président du fils, numéro ${i}.`
      const [meta, body] = article(`m${i}`, {}, text)
      engine.put(articleDocument(meta, body))
    }
    const whole = await engine.search(parseQuery('"fils du président"'), {}, undefined, {
      limit: 10
    })
    expect(whole).toMatchObject({ total: 225 })
    expect(whole.hits).toHaveLength(10)
    expect(await engine.search(parseQuery('"du fils"'))).toMatchObject({ total: 225 })
    expect(await engine.search(parseQuery('président -"fils du"'))).toMatchObject({ total: 225 })
    // Being typed: the last word is a prefix.
    expect(await engine.search(parseQuery('"fils du prés*"'))).toMatchObject({ total: 225 })
    expect(await engine.search(parseQuery('fils-du-prés', { typing: true }))).toMatchObject({
      total: 225
    })
    expect(await engine.search(parseQuery('"fils du présidente"'))).toMatchObject({ total: 0 })
  })

  it('gives a page of the best hits, the total and facets covering them all', async () => {
    const engine = new SearchEngine()
    for (let i = 0; i < 120; i++) {
      const words = Array.from({ length: i % 17 }, (_, k) => `mot${k}`).join(' ')
      const [meta, text] = article(`r${i}`, { outlet: i % 2 ? 'A' : 'B' }, `${words} repère ${i}`)
      engine.setArticle(meta.id, articleFacts(meta))
      engine.put(articleDocument(meta, text))
    }
    const all = await engine.search(parseQuery('repère'))
    const page = await engine.search(parseQuery('repère'), {}, undefined, { offset: 10, limit: 5 })
    expect(page.total).toBe(120)
    expect(page.facets).toEqual(all.facets)
    expect(page.hits.map((h) => h.score)).toEqual(all.hits.slice(10, 15).map((h) => h.score))
    expect(all.hits.map((h) => h.score)).toEqual(
      [...all.hits.map((h) => h.score)].sort((a, b) => b - a)
    )
  })

  it('excludes words and phrases', async () => {
    const { engine, load } = fixture()
    // p2 is quoted from The Atlantic's article, but its own text does not name it.
    expect(await ids(engine, 'wikileaks -atlantic', load)).toEqual([
      'article:a1',
      'event:e1',
      'passage:p1',
      'passage:p2'
    ])
    // The event is out too: its participants name Donald Trump Jr.
    expect(await ids(engine, 'wikileaks -"Donald Trump"', load)).toEqual([
      'article:a2',
      'passage:p2'
    ])
  })

  it('searches passages with their notes, events, and tags', async () => {
    const { engine } = fixture()
    expect(await ids(engine, 'premier contact')).toEqual(['passage:p1'])
    expect(await ids(engine, 'washington')).toEqual(['event:e1'])
    expect(await ids(engine, 'privés')).toEqual(['tag:t2'])
  })

  it('counts facets, with sub-tags counted under their parent', async () => {
    const { engine } = fixture()
    const { facets, total } = await engine.search(parseQuery('wikileaks'))
    expect(total).toBe(5)
    expect(facets.kinds).toEqual({ article: 2, passage: 2, event: 1 })
    expect(facets.outlets).toEqual({ 'Le Monde': 2, 'The Atlantic': 2 })
    expect(facets.languages).toEqual({ fr: 2, en: 2 })
    expect(facets.years).toEqual({ '2017': 4 })
    // a1, a2, p1, p2 carry "Messages privés" (t2), a child of "Contacts" (t1).
    expect(facets.tags).toEqual({ t1: 4, t2: 4, t3: 2 })
    expect(facets.events).toEqual({ e1: 5 })
    expect(facets.annotated).toEqual({ yes: 4, no: 0 })
  })

  it('narrows by facets, keeping the other values of the chosen group countable', async () => {
    const { engine } = fixture()
    const q = parseQuery('trump')
    const all = await engine.search(q)
    expect(all.facets.annotated).toEqual({ yes: 3, no: 1 })
    const byOutlet = await engine.search(q, { outlets: ['The Atlantic'] })
    expect(byOutlet.hits.map((h) => h.id).sort()).toEqual(['article:a2'])
    // Disjunctive: the outlet group still shows what the other outlets would give.
    expect(byOutlet.facets.outlets).toEqual(all.facets.outlets)
    expect(byOutlet.facets.languages).toEqual({ en: 1 })
    expect((await engine.search(q, { outlets: [''] })).hits.map((h) => h.id)).toEqual([
      'article:a3'
    ])
    expect(await ids(engine, 'trump', undefined, { tagIds: ['t1'] })).toEqual([
      'article:a1',
      'article:a2',
      'passage:p1'
    ])
    expect(await ids(engine, 'trump', undefined, { annotated: false })).toEqual(['article:a3'])
    expect(await ids(engine, 'trump', undefined, { kinds: ['passage'] })).toEqual(['passage:p1'])
    expect(await ids(engine, 'trump', undefined, { from: '2017-11-10', to: '2017-11-20' })).toEqual(
      ['article:a1', 'article:a2', 'passage:p1']
    )
    expect(await ids(engine, 'trump', undefined, { from: '2017-12' })).toEqual([])
  })

  it('stays current after an edit, a tag change, an unlink and a delete', async () => {
    const { engine } = fixture()
    const [a3, text] = article(
      'a3',
      { title: 'Une rencontre' },
      'Texte corrigé : la réunion de juin.'
    )
    engine.put(articleDocument(a3, text))
    expect(await ids(engine, 'enquete')).toEqual([])
    expect(await ids(engine, 'réunion')).toEqual(['article:a3'])

    engine.setPassage('p1', { articleId: 'a1', tagIds: ['t3'] })
    const tags = (await engine.search(parseQuery('donald'))).facets.tags
    expect(tags).toEqual({ t3: 2 })

    engine.removeLink('l1')
    // Only the event itself (its participants name Donald Trump Jr) is left under it.
    expect((await engine.search(parseQuery('donald'))).facets.events).toEqual({ e1: 1 })

    engine.removePassage('p1')
    engine.removeArticle('a1')
    expect(await ids(engine, 'donald')).toEqual(['event:e1'])
    expect((await engine.search(parseQuery('wikileaks'))).facets.annotated).toEqual({
      yes: 2,
      no: 0
    })
  })

  it('puts a deleted record back as it was (undo)', async () => {
    const { engine, texts } = fixture()
    const doc = texts.get('article:a3')!
    engine.removeArticle('a3')
    expect(await ids(engine, 'enquete')).toEqual([])
    engine.setArticle('a3', { outlet: '', language: 'fr', published: null })
    engine.put({ ...doc, id: 'article:a3', kind: 'article', recordId: 'a3', language: 'fr' })
    expect(await ids(engine, 'enquete')).toEqual(['article:a3'])
  })

  it('saved and restored (as IndexedDB keeps it), answers the same and follows edits', async () => {
    const { engine, load } = fixture()
    engine.removeArticle('a2')
    const restored = SearchEngine.restore(structuredClone(engine.save()))
    expect(restored.documentCount).toBe(engine.documentCount)
    for (const q of [
      'élection',
      'donald',
      'wikileaks',
      'enquete',
      'report',
      '"trump tower"',
      'élec'
    ]) {
      const [before, after] = await Promise.all(
        [engine, restored].map((e) => e.search(parseQuery(q, { typing: true }), {}, load))
      )
      expect(after, q).toEqual(before)
    }
    // Phrases are checked in the word sequences restored, facets in the columns read again.
    const cases: [string, FacetFilter][] = [
      ['"donald trump"', {}],
      ['"trump tower"', { kinds: ['article'] }],
      ['"private mess*"', {}],
      ['wikileaks -"donald trump"', {}],
      ['trump', { tagIds: ['t1'] }],
      ['trump', { annotated: false }],
      ['trump', { outlets: ['Le Monde', ''], from: '2017-11' }]
    ]
    for (const [q, filter] of cases) {
      const [before, after] = await Promise.all(
        [engine, restored].map((e) => e.search(parseQuery(q), filter))
      )
      expect(after, q).toEqual(before)
    }
    expect((await restored.search(parseQuery('"donald trump"'))).total).toBeGreaterThan(0)
    // An edit after the restore replaces the document's terms; a delete removes it.
    const [a3, text] = article(
      'a3',
      { title: 'Une rencontre' },
      'Texte corrigé : la réunion de juin.'
    )
    restored.put(articleDocument(a3, text))
    expect(await ids(restored, 'enquete')).toEqual([])
    expect(await ids(restored, 'réunion')).toEqual(['article:a3'])
    expect(await ids(restored, '"la réunion de juin"')).toEqual(['article:a3'])
    expect(await ids(restored, '"la réunion de mai"')).toEqual([])
    restored.setPassage('p1', { articleId: 'a1', tagIds: ['t3'] })
    expect((await restored.search(parseQuery('donald'))).facets.tags).toEqual({ t3: 2 })
    restored.removeArticle('a1')
    restored.removePassage('p1')
    expect(await ids(restored, 'donald')).toEqual(['event:e1'])
    // The removed article stays removed, its key unknown to the restored index.
    expect(await ids(restored, 'atlantic')).toEqual([])
  })

  it('refuses a snapshot that is not one', () => {
    expect(() => SearchEngine.restore({} as never)).toThrow()
  })

  it('a search finds the passages it matched and those of the articles it matched', () => {
    const passages = [
      passage('p1', 'a1', 'un', []),
      passage('p2', 'a2', 'deux', []),
      passage('p3', 'a3', 'trois', [])
    ]
    const matches = [
      { kind: 'article' as const, recordId: 'a1' },
      { kind: 'passage' as const, recordId: 'p3' },
      { kind: 'event' as const, recordId: 'e1' }
    ]
    expect(passagesFound(matches, passages)).toEqual(['p1', 'p3'])
  })
})

describe('search as the user types', () => {
  /** French and English articles with hyphenated words, elections and electricity. */
  function typed(): (q: string, typing?: boolean) => Promise<string[]> {
    const engine = new SearchEngine()
    const texts = new Map<string, SearchText>()
    const articles = [
      article('usa', {}, "Washington : les États-Unis votent aujourd'hui."),
      article('apart', {}, 'Des états et des pays unis par un traité.'),
      article('jl', {}, "Jean-Luc dénonce une loi anti-confidentialité ; c'est peut-être la fin."),
      article('votes', {}, 'Les élections municipales approchent.'),
      article('power', {}, "Le prix de l'électricité augmente."),
      article('trump', { language: 'en' }, 'Trump won the election in the United States.'),
      article('names', { language: 'en' }, 'Jean and Luc met in Paris.')
    ]
    for (const [meta, text] of articles) {
      const doc = articleDocument(meta, text)
      engine.setArticle(meta.id, articleFacts(meta))
      engine.put(doc)
      texts.set(doc.id, doc)
    }
    const load: TextLoader = async (ids) => new Map(ids.map((id) => [id, texts.get(id)!]))
    return async (q, typing = false) => {
      const answer = await engine.search(parseQuery(q, { typing }), {}, load)
      return answer.hits.map((hit) => hit.recordId).sort()
    }
  }

  /** Every start of a word from its second letter on, as the search box sends them. */
  const keystrokes = (word: string): string[] =>
    Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, i + 2))

  it('finds a hyphenated word typed with its hyphen, a space, or without accents', async () => {
    const search = typed()
    for (const q of ['États-Unis', 'etats-unis', 'ÉTATS-UNIS', 'Etats Unis', 'etats unis']) {
      for (const typing of [false, true]) expect(await search(q, typing)).toContain('usa')
    }
    // With the hyphen, the parts must stand together: "des états et des pays unis" is not it.
    expect(await search('États-Unis')).toEqual(['usa'])
    expect(await search('etats-unis', true)).toEqual(['usa'])
    for (const q of ['Jean-Luc', 'jean-luc', 'anti-confidentialité', 'anti-confidentialite']) {
      expect(await search(q)).toEqual(['jl'])
    }
    for (const q of ['peut-être', 'peut-etre', 'Jean Luc', 'anti confidentialite']) {
      expect(await search(q)).toContain('jl')
    }
  })

  it('keeps a hyphenated word found at every keystroke', async () => {
    const search = typed()
    for (const q of keystrokes('États-Unis')) expect(await search(q, true), q).toContain('usa')
    for (const q of keystrokes('anti-confidentialité')) {
      expect(await search(q, true), q).toContain('jl')
    }
  })

  it('reads apostrophes: an elided article is dropped, aujourd’hui is one word', async () => {
    const search = typed()
    for (const q of ["l'élection", 'l’election', "d'élections"]) {
      expect(await search(q)).toEqual(['trump', 'votes'])
    }
    expect(await search("aujourd'hui")).toEqual(['usa'])
    expect(await search('aujourd’hui', true)).toEqual(['usa'])
  })

  it('still excludes with a leading hyphen, hyphenated words too', async () => {
    const search = typed()
    expect(await search('unis -États-Unis')).toEqual(['apart'])
    expect(await search('élection -trump')).toEqual(['votes'])
  })

  it('keeps the results of a word at every keystroke, past its stem', async () => {
    const search = typed()
    for (const word of ['élections', 'election', 'Élection']) {
      for (const q of keystrokes(word)) {
        const found = await search(q, true)
        expect(found, q).toEqual(expect.arrayContaining(['trump', 'votes']))
        // Once past "élect", électricité is out of the running.
        if (q.length > 5) expect(found, q).not.toContain('power')
      }
    }
    for (const q of keystrokes('Trump')) expect(await search(q, true), q).toContain('trump')
  })

  it('does not take électricité for élections, nor the other way round', async () => {
    const search = typed()
    expect(await search('électio', true)).toEqual(['trump', 'votes'])
    expect(await search('electr', true)).toEqual(['power'])
    expect(await search('électric', true)).toEqual(['power'])
  })
})
