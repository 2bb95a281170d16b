// Passages: creation from a selection, re-anchoring a real sample article after an edit, the
// passages view's filter, and a quote cut into its context at word boundaries.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../text/normalize'
import type { Article } from './article'
import type { Passage, Tag } from './passage'
import { filterPassages, newPassage, quoteInContext, reanchorPassages } from './passages'

const samplePath = fileURLToPath(
  new URL('../../../resources/sample/003_94c777c597bd5d81.txt', import.meta.url)
)
const sample = normalizeText(readFileSync(samplePath, 'utf8'))

let ids = 0
function coded(text: string, quote: string, tagIds: string[] = [], note = ''): Passage {
  const start = text.indexOf(quote)
  expect(start, quote).toBeGreaterThanOrEqual(0)
  expect(text.indexOf(quote, start + 1), `${quote} is unique`).toBe(-1)
  return newPassage({
    id: `p${++ids}`,
    stamp: '2026-11-22T10:00:00.000Z',
    author: 'Camille',
    articleId: 'a1',
    text,
    textSha256: 'old',
    start,
    end: start + quote.length,
    tagIds,
    note
  })
}

describe('newPassage', () => {
  it('describes the span, anchors it exactly and trims white space at its edges', () => {
    const text = 'Premier paragraphe.\n\nLe site WikiLeaks était en contact avec lui.'
    const start = text.indexOf('Le site') - 2
    const end = text.indexOf(' était')
    const passage = newPassage({
      id: 'x',
      stamp: '2026-11-22T10:00:00.000Z',
      author: 'Camille',
      articleId: 'a1',
      text,
      textSha256: 'sha',
      start,
      end: end + 1,
      tagIds: ['t1', 't2', 't1'],
      note: 'À suivre'
    })
    expect(passage.quote.exact).toBe('Le site WikiLeaks')
    expect(passage.position).toEqual({ type: 'TextPositionSelector', start: start + 2, end })
    expect(passage.anchor).toEqual({
      status: 'exact',
      start: start + 2,
      end,
      score: 1,
      textSha256: 'sha'
    })
    expect(passage.tagIds).toEqual(['t1', 't2'])
    expect(passage).toMatchObject({ id: 'x', articleId: 'a1', author: 'Camille', note: 'À suivre' })
    expect(passage.createdAt).toBe(passage.updatedAt)
  })

  it('refuses a span with no text', () => {
    const make = (start: number, end: number): Passage =>
      newPassage({
        id: 'x',
        stamp: '',
        author: '',
        articleId: 'a1',
        text: 'un  deux',
        textSha256: '',
        start,
        end,
        tagIds: [],
        note: ''
      })
    expect(() => make(2, 4)).toThrow(RangeError)
    expect(() => make(3, 3)).toThrow(RangeError)
  })
})

describe('reanchorPassages on an edited sample article', () => {
  const kept = 'WikiLeaks contacte Trump Jr. via un message direct sur Twitter.'
  const shifted = `Trump Jr. a répondu qu'il l'avait "déjà fait plus tôt dans la journée."`
  const reworded = `Le message arrive après que Trump ait dit lors d'un rally le 10 octobre qu'il aimait WikiLeaks.`
  const removed = `Ils ont ajouté que Trump pourrait formuler la demande comme ceci: "C'est vraiment un type intelligent et coriace et l'australien [sic] le plus célèbre que vous avez!"`

  const passages = [kept, shifted, reworded, removed].map((quote) => coded(sample, quote))
  // The edit: a paragraph inserted after the first passage, a word corrected in the third, the
  // paragraph of the fourth deleted.
  const insertion = '\n\nNote de la rédaction : cet article a été mis à jour le 15 novembre 2017.'
  const insertAt = sample.indexOf('\n\n', sample.indexOf(kept))
  let edited = sample.slice(0, insertAt) + insertion + sample.slice(insertAt)
  edited = edited.replace("lors d'un rally le 10", "lors d'un meeting le 10")
  edited = edited.replace(`${removed}\n\n`, '')

  it('sorts passages into unchanged, moved, fuzzy and orphaned', () => {
    expect(edited).not.toContain(removed)
    const result = reanchorPassages(edited, 'new', passages)
    expect(result.summary).toEqual({ unchanged: 1, moved: 1, fuzzy: 1, orphaned: 1 })
    const [a, b, c, d] = result.entries
    expect(a?.after).toMatchObject({ status: 'exact', start: a?.before.start, textSha256: 'new' })
    expect(b?.after.status).toBe('moved')
    expect(b?.after.start).toBe((b?.before.start ?? 0) + insertion.length)
    expect(b?.found).toBe(shifted)
    expect(c?.after.status).toBe('fuzzy')
    expect(c?.found).toContain('meeting le 10 octobre')
    expect(d?.after).toMatchObject({ status: 'orphan', start: 0, end: 0, textSha256: 'new' })
    expect(d?.found).toBe('')
    expect(result.updates.map((u) => [u.passageId, u.anchor.status])).toEqual([
      [passages[0]?.id, 'exact'],
      [passages[1]?.id, 'moved'],
      [passages[2]?.id, 'fuzzy'],
      [passages[3]?.id, 'orphan']
    ])
  })

  it('counts a passage untouched by a second edit as unchanged, not moved again', () => {
    const first = reanchorPassages(edited, 'new', passages)
    const moved = passages.map((passage, i) => ({
      ...passage,
      anchor: first.updates[i]?.anchor ?? passage.anchor
    }))
    const again = reanchorPassages(`${edited}\n\nPost-scriptum.`, 'newer', moved)
    expect(again.summary).toEqual({ unchanged: 2, moved: 0, fuzzy: 1, orphaned: 1 })
    // The selectors still say what was coded, in the text as it was.
    expect(moved[1]?.quote.exact).toBe(shifted)
  })
})

describe('filterPassages', () => {
  const stamp = '2026-11-22T10:00:00.000Z'
  const tag = (id: string, parentId: string | null = null): Tag => ({
    id,
    name: id,
    parentId,
    color: '#fcd34d',
    description: '',
    author: '',
    createdAt: stamp,
    updatedAt: stamp
  })
  const tags = [tag('eco'), tag('emploi', 'eco'), tag('chomage', 'emploi'), tag('etat')]
  const article = (id: string, outlet: string): Article => ({
    id,
    outlet,
    title: id,
    author: '',
    published: null,
    language: 'fr',
    createdAt: stamp,
    updatedAt: stamp,
    importedAt: stamp,
    sourceName: '',
    sourceFormat: 'txt',
    sha256: id,
    textLength: 0,
    paragraphCount: 0
  })
  const articles = [article('a1', 'Le Monde'), article('a2', 'Libération'), article('a3', '')]
  const text = 'Les échanges très embarrassants du fils. Une note. Le chômage recule.'
  const on = (articleId: string, passage: Passage): Passage => ({ ...passage, articleId })
  const p1 = on('a1', coded(text, 'Les échanges très embarrassants', ['eco']))
  const p2 = on('a2', coded(text, 'du fils', ['chomage'], 'Relire la Déclaration'))
  const p3 = on('a3', coded(text, 'Une note', ['etat', 'emploi']))
  const p4 = on('a1', {
    ...coded(text, 'Le chômage recule', []),
    anchor: { ...p1.anchor, status: 'orphan' }
  })
  const all = [p1, p2, p3, p4]
  const matching = (query: Parameters<typeof filterPassages>[1]): string[] =>
    filterPassages(all, query, { tags, articles }).map((p) => p.id)

  it('returns everything for an empty query', () => {
    expect(matching({})).toEqual(all.map((p) => p.id))
  })

  it('filters by tags, with or without their descendants', () => {
    expect(matching({ tagIds: ['eco'] })).toEqual([p1.id])
    expect(matching({ tagIds: ['eco'], includeDescendants: true })).toEqual([p1.id, p2.id, p3.id])
    expect(matching({ tagIds: ['emploi'], includeDescendants: true })).toEqual([p2.id, p3.id])
    expect(matching({ tagIds: ['etat', 'chomage'] })).toEqual([p2.id, p3.id])
    expect(matching({ untagged: true })).toEqual([p4.id])
  })

  it('filters a passage carrying a merged tag as carrying the tag it was merged into', () => {
    const late = on('a2', coded(text, 'du fils', ['old-eco']))
    const redirects = new Map([['old-eco', 'eco']])
    const found = (query: Parameters<typeof filterPassages>[1]): string[] =>
      filterPassages([late], query, { tags, articles, redirects }).map((p) => p.id)
    expect(found({ tagIds: ['eco'] })).toEqual([late.id])
    expect(found({ untagged: true })).toEqual([])
  })

  it('filters by article, outlet and anchor status', () => {
    expect(matching({ articleId: 'a1' })).toEqual([p1.id, p4.id])
    expect(matching({ outlet: 'liberation' })).toEqual([p2.id])
    expect(matching({ outlet: '' })).toEqual([p3.id])
    expect(matching({ anchorStatus: ['orphan'] })).toEqual([p4.id])
  })

  it('searches the quote and the note, accents and case aside, every word required', () => {
    expect(matching({ text: 'ECHANGES embarrassants' })).toEqual([p1.id])
    expect(matching({ text: 'declaration' })).toEqual([p2.id])
    expect(matching({ text: 'chomage' })).toEqual([p4.id])
    expect(matching({ text: 'échanges fils' })).toEqual([])
    expect(matching({ text: 'fils', tagIds: ['eco'], includeDescendants: true })).toEqual([p2.id])
    expect(matching({ text: 'recule', tagIds: ['eco'], includeDescendants: true })).toEqual([])
  })
})

describe('quoteInContext', () => {
  it('keeps short context whole', () => {
    const text = 'Avant le passage, après.'
    const start = text.indexOf('le passage')
    expect(quoteInContext(text, start, start + 10)).toEqual({
      before: 'Avant ',
      quote: 'le passage',
      after: ', après.'
    })
  })

  it('cuts long context at word boundaries with ellipses', () => {
    const text = 'Un deux trois quatre cinq QUOTE six sept huit neuf dix'
    const start = text.indexOf('QUOTE')
    const { before, quote, after } = quoteInContext(text, start, start + 5, 9)
    // 9 characters back land inside "quatre": the partial word is dropped.
    expect(before).toBe('…cinq ')
    expect(quote).toBe('QUOTE')
    expect(after).toBe(' six sept…')
  })

  it('does not cross a paragraph break, and folds single line breaks', () => {
    const text = 'Autre paragraphe.\n\nDébut du\nparagraphe QUOTE fin du\nparagraphe.\n\nSuite.'
    const start = text.indexOf('QUOTE')
    expect(quoteInContext(text, start, start + 5)).toEqual({
      before: 'Début du paragraphe ',
      quote: 'QUOTE',
      after: ' fin du paragraphe.'
    })
  })

  it('cuts a single long word hard without splitting a surrogate pair', () => {
    const text = `${'😀'.repeat(10)}QUOTE${'😀'.repeat(10)}`
    const start = text.indexOf('QUOTE')
    const { before, after } = quoteInContext(text, start, start + 5, 5)
    expect(before).toBe(`…${'😀'.repeat(2)}`)
    expect(after).toBe(`${'😀'.repeat(2)}…`)
  })

  it('clamps offsets outside the text', () => {
    expect(quoteInContext('abc', -5, 99)).toEqual({ before: '', quote: 'abc', after: '' })
  })
})
