// CSL-JSON of the cited articles: one article-newspaper item per citation, names split the way
// citation managers expect, dates at the article's precision.
import { describe, expect, it } from 'vitest'
import {
  cslDate,
  cslTitle,
  parseName,
  renderCslItems,
  renderCslJson,
  splitAuthors
} from './render-csl'
import { englishLabels, sampleDocument } from '../../../test/dossier/test-fixture'
import type { DossierDocument } from './types'

describe('renderCslItems', () => {
  it('gives every cited article an item with its id, type and title, in citation order', async () => {
    const doc = await sampleDocument()
    const items = renderCslItems(doc)
    expect(items.map((item) => item.id)).toEqual(doc.citations.map((c) => c.articleId))
    for (const item of items) {
      expect(item.type).toBe('article-newspaper')
      expect(item.title).toBe(cslTitle(doc.citations.find((c) => c.articleId === item.id)!.title))
      expect(item.language).toBe('fr')
      expect(item.note).toMatch(/\.txt$/)
    }
  })

  it('writes issued date-parts at the precision of each article', async () => {
    const doc = await sampleDocument()
    const items = renderCslItems(doc)
    for (const article of doc.articles) {
      const item = items.find((i) => i.id === article.id)!
      const precision = article.published!.precision
      const parts = item.issued!['date-parts'][0]
      expect(parts).toHaveLength(precision === 'year' ? 1 : precision === 'month' ? 2 : 3)
      expect(parts.join('-')).toBe(
        article
          .published!.value.split('-')
          .map((p) => String(Number(p)))
          .join('-')
      )
      // "Published after" is not a publication date: marked circa.
      expect(item.issued!.circa).toBe(article.published!.qualifier === 'notBefore' || undefined)
    }
    const insider = items.find((i) => i.id === 'article-4')!
    expect(insider).toMatchObject({
      'container-title': 'Business Insider France',
      author: [{ given: 'Sonam', family: 'Sheth' }],
      issued: { 'date-parts': [[2017, 11, 13]] }
    })
    expect(items.find((i) => i.id === 'article-3')!.author).toEqual([{ literal: 'AFP' }])
    expect(items.find((i) => i.id === 'article-2')!.author).toBeUndefined()
  })

  it('names the source file in the dossier language when labels are given', async () => {
    const doc = await sampleDocument()
    const labels = englishLabels()
    const [item] = JSON.parse(renderCslJson(doc, labels)) as { note: string }[]
    expect(item!.note.startsWith(`${labels.sourceFile}: `)).toBe(true)
  })
})

describe('author names', () => {
  it('splits bylines into given and family names, literal when it cannot', () => {
    expect(parseName('Sonam Sheth')).toEqual({ given: 'Sonam', family: 'Sheth' })
    expect(parseName('Jean-Baptiste  Chastand')).toEqual({
      given: 'Jean-Baptiste',
      family: 'Chastand'
    })
    expect(parseName('Marine Le Pen')).toEqual({ given: 'Marine', family: 'Le Pen' })
    expect(parseName('Jean de La Fontaine')).toEqual({ given: 'Jean', family: 'de La Fontaine' })
    expect(parseName('AFP')).toEqual({ literal: 'AFP' })
    expect(parseName('AFP REUTERS')).toEqual({ literal: 'AFP REUTERS' })
    expect(splitAuthors('Par Sonam Sheth et Jean Dupont, AFP')).toEqual([
      { given: 'Sonam', family: 'Sheth' },
      { given: 'Jean', family: 'Dupont' },
      { literal: 'AFP' }
    ])
    expect(splitAuthors('Anna Smith and Bob Jones; Reuters')).toHaveLength(3)
    expect(splitAuthors('  ')).toEqual([])
  })

  it('reads dates at year, month and day precision', () => {
    expect(cslDate({ value: '2017', precision: 'year', qualifier: 'stated' })).toEqual({
      'date-parts': [[2017]]
    })
    expect(cslDate({ value: '2017-03', precision: 'month', qualifier: 'inferred' })).toEqual({
      'date-parts': [[2017, 3]]
    })
    expect(cslDate(null)).toBeUndefined()
  })
})

describe('titles', () => {
  it('drops a trailing ellipsis or period, which APA would double ("…." / "Jr..")', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const endings = [
      ['Donald Trump Jr. a échangé avec WikiLeaks…', 'Donald Trump Jr. a échangé avec WikiLeaks'],
      ['Ce que savait le fils...', 'Ce que savait le fils'],
      ['Ce que savait le fils …', 'Ce que savait le fils'],
      ['Interview with Donald Trump Jr.', 'Interview with Donald Trump Jr'],
      ['Il savait.…', 'Il savait'],
      ['川普之子。', '川普之子'],
      // Other marks stay: styles do not add a period after "?" or "!".
      ['Que savait-il ?', 'Que savait-il ?'],
      ['Il savait !', 'Il savait !'],
      ['Le « Russiagate »', 'Le « Russiagate »'],
      // An ellipsis inside the title is the author's and stays.
      ['Trump… et WikiLeaks', 'Trump… et WikiLeaks'],
      ['…', '…']
    ] as const
    for (const [title, expected] of endings) expect(cslTitle(title), title).toBe(expected)
    // In the file as written, each cited article with one of these titles.
    const cited = endings.slice(0, doc.citations.length)
    cited.forEach(([title], index) => {
      doc.citations[index]!.title = title
    })
    const items = JSON.parse(renderCslJson(doc)) as { title: string }[]
    expect(items.map((item) => item.title)).toEqual(cited.map(([, expected]) => expected))
  })
})
