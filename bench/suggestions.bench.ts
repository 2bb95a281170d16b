// Event suggestions over 1,000 articles (against chrono-node's bare French parse of the same
// texts), text that is no prose (10,000 dates in one line), date disagreements (against the suggestions they read, and at 3,000 articles against
// 1,000: how the work grows), repeat detection, and the corroboration matrix for 5,000 events and 50,000 links.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as chronoFr from 'chrono-node/fr'
import { afterAll, expect, test } from 'vitest'
import type { Article } from '../src/core/archive/article'
import { foldForSearch } from '../src/core/archive/library-view'
import { prng } from '../test/anchoring/test-corpus'
import { deriveMetadata } from '../src/core/import/metadata'
import { normalizeText } from '../src/core/text/normalize'
import { corroborationMatrix, detectRepeats } from '../src/core/timeline/corroboration'
import { findDateDisagreements } from '../src/core/timeline/disagreements'
import { suggestEvents } from '../src/core/timeline/suggest'
import type { EventLink, LinkRole, TimelineEvent } from '../src/core/timeline/types'
import { compare, writeReport } from './harness'

const ARTICLES = 1_000
const EVENTS = 5_000
const LINKS = 50_000
const PASSAGES = 20_000
const OUTLETS = [
  'Le Monde',
  'Libération',
  'Le Figaro',
  'Les Échos',
  'La Croix',
  'Ouest-France',
  'Le Temps',
  'La Presse',
  'Le Soir',
  'RTS Info',
  'France 24',
  'RFI',
  '20 Minutes',
  'L’Obs',
  'Mediapart',
  'Slate.fr',
  'Numerama',
  'Business Insider France',
  '',
  ''
]
const MONTH_NAMES =
  'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre'
const NOW = new Date('2025-01-01T00:00:00Z')

const samples = readdirSync('resources/sample')
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => normalizeText(readFileSync(join('resources/sample', name), 'utf8')))

/**
 * Article i is sample i mod 5 with its years moved on by i mod 5 and its days of the month by
 * i mod 9 (so that dates and year resolution vary), from one of 20 outlets (two unknown).
 */
function corpus(count = ARTICLES): Array<{ article: Article; text: string }> {
  return Array.from({ length: count }, (_, i) => {
    const years = i % 5
    const days = i % 9
    const text = (samples[i % samples.length] ?? '')
      .replace(/(?<!\d)(201[0-9])(?!\d)/g, (year) => String(Number(year) + years))
      .replace(
        new RegExp(`(?<!\\d)(\\d{1,2})(\\s+(?:${MONTH_NAMES}))`, 'giu'),
        (_, day: string, month: string) => `${((Number(day) + days - 1) % 28) + 1}${month}`
      )
    const meta = deriveMetadata(text, { now: NOW })
    const article: Article = {
      ...meta,
      outlet: OUTLETS[i % OUTLETS.length] ?? '',
      id: `article-${i}`,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      sourceName: `article-${i}.txt`,
      sourceFormat: 'txt',
      importedAt: new Date(NOW.getTime() + i * 1000).toISOString(),
      sha256: '',
      textLength: text.length,
      paragraphCount: 0
    }
    return { article, text }
  })
}

const items = corpus()
const articles = items.map((item) => item.article)

afterAll(() => writeReport('bench/report-suggestions.json'))

test('suggestions over 1,000 articles', async () => {
  const reference = new Date(Date.UTC(2017, 10, 15, 12))
  const suggestions = suggestEvents(items)
  console.log(
    `${items.length} articles, ${suggestions.length} suggestions, top: ` +
      suggestions
        .slice(0, 3)
        .map((s) => `${s.key} (${s.sourceCount})`)
        .join(', ')
  )
  const row = await compare(
    'suggestEvents × 1,000 articles',
    () => suggestEvents(items),
    'chrono-node fr parse × 1,000',
    () => items.map(({ text }) => chronoFr.parse(text, reference)),
    { runs: 3, warmup: 1 }
  )
  expect(row.medianMs).toBeLessThan(10_000)
})

test('date disagreements over 1,000 and 3,000 articles', async () => {
  // The worst case for the pairs: every article is one of five texts, so hundreds of accounts of
  // each happening with dates moved apart, and the comparisons reach their bound. At 3,000 such
  // articles every word is in more than 200 contexts, too common to propose a pair: the second
  // row measures how the reading of contexts grows (linearly), not the pairs.
  const suggestions = suggestEvents(items)
  const found = findDateDisagreements(items, suggestions)
  console.log(`${items.length} articles: ${found.length} disagreements`)
  const row = await compare(
    'findDateDisagreements × 1,000 articles',
    () => findDateDisagreements(items, suggestions),
    'suggestEvents × 1,000 articles',
    () => suggestEvents(items),
    { runs: 3, warmup: 1 }
  )
  expect(row.medianMs).toBeGreaterThan(0)
  const larger = corpus(3 * ARTICLES)
  const largerSuggestions = suggestEvents(larger)
  const scaling = await compare(
    'findDateDisagreements × 3,000 articles',
    () => findDateDisagreements(larger, largerSuggestions),
    'findDateDisagreements × 1,000 articles',
    () => findDateDisagreements(items, suggestions),
    { runs: 3, warmup: 1 }
  )
  expect(scaling.medianMs).toBeGreaterThan(0)
})

test('suggestions on text that is no prose: 10,000 dates in one line', async () => {
  // A chronology flattened into one 245 KB line (a PDF without line breaks, say), against the
  // same sentences one per line: with sentences and line facts bounded, the two stay close.
  const sentence = 'Le 3 octobre 2016, X a dit "a, b" au 4 mai 2017.'
  const one = (text: string): Array<{ article: Article; text: string }> => [
    { article: { ...(items[0]?.article as Article), id: 'flat', published: null }, text }
  ]
  const flat = one(Array.from({ length: 5000 }, () => sentence).join(' '))
  const lines = one(Array.from({ length: 5000 }, () => sentence).join('\n'))
  expect(suggestEvents(flat).map((s) => s.key)).toEqual(suggestEvents(lines).map((s) => s.key))
  const row = await compare(
    'suggestEvents, 10,000 dates in one line',
    () => suggestEvents(flat),
    'suggestEvents, the same one sentence a line',
    () => suggestEvents(lines),
    { runs: 3, warmup: 1 }
  )
  expect(row.medianMs).toBeGreaterThan(0)
  // The comparison of sources reads each of the 10,000 dates' context once, by position.
  const flatSuggestions = suggestEvents(flat)
  const lineSuggestions = suggestEvents(lines)
  const compared = await compare(
    'findDateDisagreements, 10,000 dates in one line',
    () => findDateDisagreements(flat, flatSuggestions),
    'findDateDisagreements, one sentence a line',
    () => findDateDisagreements(lines, lineSuggestions),
    { runs: 3, warmup: 1 }
  )
  expect(compared.medianMs).toBeGreaterThan(0)
})

test('repeat detection over 1,000 articles', async () => {
  const groups = detectRepeats(items)
  console.log(
    `${groups.length} repeat groups, ${groups.reduce((n, g) => n + g.repeats.length, 0)} repeats`
  )
  const row = await compare(
    'detectRepeats × 1,000 articles',
    () => detectRepeats(items),
    'foldForSearch + word split × 1,000',
    () => items.map(({ text }) => foldForSearch(text).match(/[\p{L}\p{N}]+/gu)?.length ?? 0),
    { runs: 3, warmup: 1 }
  )
  expect(row.medianMs).toBeGreaterThan(0)
})

test('corroboration matrix, 5,000 events × 50,000 links', async () => {
  const rand = prng(42)
  const pick = (n: number): number => Math.floor(rand() * n)
  const events: TimelineEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
    id: `event-${i}`,
    createdAt: '',
    updatedAt: '',
    author: '',
    title: `Event ${i}`,
    date: null,
    place: '',
    participants: [],
    description: '',
    status: 'unverified'
  }))
  const passages = Array.from({ length: PASSAGES }, (_, i) => ({
    id: `passage-${i}`,
    articleId: `article-${pick(ARTICLES)}`
  }))
  const roles: LinkRole[] = ['reports', 'reports', 'reports', 'reports', 'contradicts', 'mentions']
  const links: EventLink[] = Array.from({ length: LINKS }, (_, i) => ({
    id: `link-${i}`,
    createdAt: '',
    updatedAt: '',
    author: '',
    eventId: `event-${pick(EVENTS)}`,
    passageId: `passage-${pick(PASSAGES)}`,
    role: roles[pick(roles.length)] ?? 'reports',
    note: ''
  }))
  const repeats = detectRepeats(items)
  const matrix = corroborationMatrix(events, links, passages, articles, { by: 'outlet', repeats })
  const single = matrix.rows.filter((row) => row.singleSource).length
  console.log(`${matrix.sources.length} sources, ${single} single-source events`)
  const row = await compare(
    'corroborationMatrix 5,000 events × 50,000 links',
    () => corroborationMatrix(events, links, passages, articles, { by: 'outlet', repeats }),
    'Map count per event × 50,000 links',
    () => {
      const counts = new Map<string, number>()
      for (const link of links) counts.set(link.eventId, (counts.get(link.eventId) ?? 0) + 1)
      return counts
    },
    { runs: 10, warmup: 2 }
  )
  expect(row.medianMs).toBeLessThan(2_000)
})
