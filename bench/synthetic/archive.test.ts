// The synthetic archive generator: deterministic, chunk-independent, realistic enough (size,
// languages, paragraphs, anchored passages) for the scale benchmarks and tests to rely on.
import { describe, expect, it } from 'vitest'
import { paragraphSpans, normalizeText } from '../../src/core/text/normalize'
import {
  SYNTHETIC_EVENT_COUNT,
  SYNTHETIC_TAG_COUNT,
  syntheticArticles,
  syntheticCodebook,
  syntheticRareWord
} from './archive'

const N = 400
const chunk = syntheticArticles(0, N)

describe('syntheticArticles', () => {
  it('is deterministic from the seed', () => {
    expect(syntheticArticles(0, 30)).toEqual(syntheticArticles(0, 30))
    const other = syntheticArticles(0, 30, 7)
    expect(other.articles[0]!.id).not.toBe(chunk.articles[0]!.id)
    expect(other.texts[0]!.text).not.toBe(chunk.texts[0]!.text)
  })

  it('makes each article independently of the chunk it is in', () => {
    const a = syntheticArticles(0, 10)
    const b = syntheticArticles(10, 20)
    const whole = syntheticArticles(0, 20)
    expect(whole).toEqual({
      articles: [...a.articles, ...b.articles],
      texts: [...a.texts, ...b.texts],
      passages: [...a.passages, ...b.passages],
      links: [...a.links, ...b.links]
    })
    expect(syntheticArticles(95_000, 95_001).articles[0]).toEqual(
      syntheticArticles(94_990, 95_010).articles[10]
    )
  })

  it('writes about 3 KB of normalized text in paragraphs, French and English', () => {
    const lengths = chunk.texts.map((t) => t.text.length)
    const mean = lengths.reduce((s, n) => s + n, 0) / lengths.length
    expect(mean).toBeGreaterThan(2700)
    expect(mean).toBeLessThan(3500)
    const french = chunk.articles.filter((a) => a.language === 'fr').length / N
    expect(french).toBeGreaterThan(0.5)
    expect(french).toBeLessThan(0.7)
    expect(chunk.articles.every((a) => a.language === 'fr' || a.language === 'en')).toBe(true)
    for (const [k, t] of chunk.texts.entries()) {
      const article = chunk.articles[k]!
      expect(t.articleId).toBe(article.id)
      expect(normalizeText(t.text)).toBe(t.text)
      expect(t.paragraphs).toEqual(paragraphSpans(t.text))
      expect(article.textLength).toBe(t.text.length)
      expect(article.paragraphCount).toBe(t.paragraphs.length)
      expect(t.paragraphs.length).toBeGreaterThanOrEqual(4)
    }
    const all = chunk.texts.map((t) => t.text).join('\n')
    for (const word of ['élection', 'élections', 'report', 'reported', 'reporting']) {
      expect(all).toMatch(new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u'))
    }
    expect(all).toMatch(
      /\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 20\d\d/
    )
    expect(all).toMatch(
      /(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, 20\d\d/
    )
    expect(all).toContain('Marie Dupont')
    expect(all).toContain('John Carter')
  })

  it('gives metadata as imports do', () => {
    expect(chunk.articles.some((a) => a.outlet === '')).toBe(true)
    expect(chunk.articles.some((a) => a.outlet !== '')).toBe(true)
    expect(chunk.articles.some((a) => a.published === null)).toBe(true)
    for (const a of chunk.articles) {
      expect(a.title.length).toBeGreaterThan(10)
      expect(a.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(new Date(a.importedAt).toISOString()).toBe(a.importedAt)
      expect(a.updatedAt >= a.createdAt).toBe(true)
      if (a.published) {
        expect(a.published.value).toMatch(/^20(1[5-9]|20)(-\d\d(-\d\d)?)?$/)
        expect(a.published.value.length).toBe({ year: 4, month: 7, day: 10 }[a.published.precision])
      }
    }
  })

  it('keeps ids and hashes unique', () => {
    const big = syntheticArticles(0, 3000)
    expect(new Set(big.articles.map((a) => a.id)).size).toBe(3000)
    expect(new Set(big.articles.map((a) => a.sha256)).size).toBe(3000)
    const ids = [...big.passages.map((p) => p.id), ...big.links.map((l) => l.id)]
    expect(new Set([...ids, ...big.articles.map((a) => a.id)]).size).toBe(ids.length + 3000)
  })

  it('anchors one passage per ten articles, linked to one event, tagged from the codebook', () => {
    const { tags, events } = syntheticCodebook()
    const tagIds = new Set(tags.map((t) => t.id))
    const eventIds = new Set(events.map((e) => e.id))
    expect(chunk.passages).toHaveLength(N / 10)
    expect(chunk.links).toHaveLength(N / 10)
    const texts = new Map(chunk.texts.map((t) => [t.articleId, t.text]))
    const articles = new Map(chunk.articles.map((a) => [a.id, a]))
    for (const [k, p] of chunk.passages.entries()) {
      expect(p.articleId).toBe(chunk.articles[k * 10]!.id)
      const text = texts.get(p.articleId)!
      expect(p.quote.exact).toBe(text.slice(p.anchor.start, p.anchor.end))
      expect(p.quote.exact).toBe(text.slice(p.position.start, p.position.end))
      expect(p.quote.prefix).toBe(text.slice(Math.max(0, p.position.start - 32), p.position.start))
      expect(p.anchor).toMatchObject({ status: 'exact', score: 1 })
      expect(p.anchor.textSha256).toBe(articles.get(p.articleId)!.sha256)
      expect(p.tagIds.length).toBeGreaterThanOrEqual(1)
      expect(p.tagIds.length).toBeLessThanOrEqual(3)
      for (const t of p.tagIds) expect(tagIds.has(t)).toBe(true)
      const link = chunk.links[k]!
      expect(link.passageId).toBe(p.id)
      expect(eventIds.has(link.eventId)).toBe(true)
      expect(['reports', 'contradicts', 'mentions']).toContain(link.role)
    }
    expect(chunk.passages.some((p) => p.note !== '')).toBe(true)
    expect(new Set(chunk.links.map((l) => l.role)).size).toBe(3)
  })

  it('puts each rare word in its own article only', () => {
    const words = chunk.articles.map((_, i) => syntheticRareWord(i))
    expect(new Set(words).size).toBe(N)
    for (const [i, t] of chunk.texts.entries()) {
      const found = t.text.match(/\bzorg[a-z]+/g)
      expect(found).toEqual([words[i]])
      expect(chunk.articles[i]!.title).not.toContain('zorg')
    }
    expect(syntheticRareWord(99_999)).toHaveLength(syntheticRareWord(0).length)
  })
})

describe('syntheticCodebook', () => {
  it('has a nested codebook and dated events with places and participants', () => {
    const { tags, events } = syntheticCodebook()
    expect(tags).toHaveLength(SYNTHETIC_TAG_COUNT)
    expect(events).toHaveLength(SYNTHETIC_EVENT_COUNT)
    const ids = new Set(tags.map((t) => t.id))
    expect(ids.size).toBe(tags.length)
    const nested = tags.filter((t) => t.parentId !== null)
    expect(nested.length).toBeGreaterThan(10)
    for (const t of nested) expect(ids.has(t.parentId!)).toBe(true)
    // Three levels somewhere (Thèmes › Élections › Présidentielle).
    const byId = new Map(tags.map((t) => [t.id, t]))
    expect(nested.some((t) => byId.get(t.parentId!)!.parentId !== null)).toBe(true)
    for (const e of events) {
      expect(e.date).not.toBeNull()
      expect(e.date!.start).toMatch(/^20(1[5-9]|20)-\d\d(-\d\d)?$/)
      expect(e.place).not.toBe('')
      expect(e.participants.length).toBeGreaterThan(0)
    }
    expect(new Set(events.map((e) => e.date!.precision))).toEqual(new Set(['day', 'month']))
    expect(syntheticCodebook()).toEqual(syntheticCodebook())
  })
})
