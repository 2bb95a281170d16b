// Repeats kept from the change log (db/repeat-index.ts) against detection from scratch, on 2,000
// articles in fake-indexeddb (each a sample article with its own sentence added, so every five
// are copies): one text edited, then the saved prints caught up, against reading every text and
// detecting again, as Liasse did before the prints were saved.
import 'fake-indexeddb/auto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import type { Article, ArticleText } from '../src/core/archive/article'
import { normalizeText, paragraphSpans } from '../src/core/text/normalize'
import { detectRepeats } from '../src/core/timeline/corroboration'
import { LiasseDatabase } from '../src/renderer/src/db/database'
import { updateRepeats } from '../src/renderer/src/db/repeat-index'
import { compare, writeReport } from './harness'

const ARTICLES = 2_000
const samples = readdirSync('resources/sample')
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => normalizeText(readFileSync(join('resources/sample', name), 'utf8')))

afterAll(() => writeReport('bench/report-repeats.json'))

test(`repeats after one text edit, ${ARTICLES.toLocaleString('en')} articles`, async () => {
  const db = new LiasseDatabase('bench-repeats')
  const now = '2025-01-01T00:00:00.000Z'
  const articles: Article[] = []
  const texts: ArticleText[] = []
  for (let i = 0; i < ARTICLES; i++) {
    const id = `article-${String(i).padStart(5, '0')}`
    articles.push({
      id,
      title: `Article ${i}`,
      outlet: '',
      author: '',
      published: null,
      language: 'fr',
      createdAt: now,
      updatedAt: now,
      sourceName: `${id}.txt`,
      sourceFormat: 'txt',
      importedAt: now,
      sha256: id,
      textLength: 0,
      paragraphCount: 1
    })
    const text = `${samples[i % samples.length]}\n\nNote ${i}.`
    texts.push({ articleId: id, text, paragraphs: paragraphSpans(text) })
  }
  await db.transaction('rw', db.articles, db.articleTexts, async () => {
    await db.articles.bulkAdd(articles)
    await db.articleTexts.bulkAdd(texts)
  })
  const built = await updateRepeats(db)
  console.log(`built from ${built.articlesRead} texts: ${built.groups.length} groups`)

  let n = 0
  const edit = async (): Promise<void> => {
    const i = (n++ * 7) % ARTICLES
    await db.articleTexts.put({ ...texts[i]!, text: `${texts[i]!.text} Révisé ${n}.` })
  }
  const row = await compare(
    'one text edited, saved repeats caught up',
    async () => {
      await edit()
      const update = await updateRepeats(db, { haveGroups: true })
      // Its own edit, and the one the baseline made since the last run.
      expect(update.articlesRead).toBeLessThanOrEqual(2)
    },
    'one text edited, every text read and detected again',
    async () => {
      await edit()
      const all = await db.articles.toArray()
      const read = await db.articleTexts.bulkGet(all.map((a) => a.id))
      detectRepeats(all.map((article, i) => ({ article, text: read[i]?.text ?? '' })))
    },
    { runs: 5, warmup: 1 }
  )
  console.log(
    `repeats after an edit: ${row.medianMs.toFixed(0)} ms caught up, ` +
      `${row.baselineMedianMs.toFixed(0)} ms from scratch (×${row.ratio.toFixed(3)})`
  )
  expect(row.medianMs).toBeGreaterThan(0)
  db.close()
})
