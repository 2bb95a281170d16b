// The analysis worker: reads the archive's texts in chunks (its own connection to the same
// IndexedDB) and computes suggested events or repeats off the UI thread, telling its progress.
import type { ArticleWithText } from '@core/timeline/corroboration'
import { findDateDisagreements, type DisagreementSide } from '@core/timeline/disagreements'
import { suggestEvents } from '@core/timeline/suggest'
import { LiasseDatabase } from '@renderer/db/database'
import { updateRepeats } from '@renderer/db/repeat-index'
import type {
  AnalysisJob,
  AnalysisProgress,
  AnalysisReply,
  AnalysisResult
} from './analysis-protocol'

const post = (reply: AnalysisReply): void => (self as unknown as Worker).postMessage(reply)
const CHUNK = 500

/** Every article with its text, in archive order (import time, then file name). */
async function readArchive(
  database: string,
  onProgress: (progress: AnalysisProgress) => void
): Promise<ArticleWithText[]> {
  const db = new LiasseDatabase(database)
  try {
    const articles = await db.articles.toArray()
    // The same archive always gets the same suggestions, titles included: archive order, not
    // storage order (random ids).
    articles.sort(
      (a, b) => a.importedAt.localeCompare(b.importedAt) || a.sourceName.localeCompare(b.sourceName)
    )
    const items: ArticleWithText[] = []
    for (let i = 0; i < articles.length; i += CHUNK) {
      const chunk = articles.slice(i, i + CHUNK)
      const texts = await db.articleTexts.bulkGet(chunk.map((article) => article.id))
      chunk.forEach((article, j) => {
        const text = texts[j]?.text
        if (text !== undefined) items.push({ article, text })
      })
      onProgress({
        phase: 'reading',
        done: Math.min(articles.length, i + CHUNK),
        total: articles.length
      })
    }
    return items
  } finally {
    db.close()
  }
}

async function run(job: AnalysisJob): Promise<AnalysisResult> {
  const progress = (p: AnalysisProgress): void => post({ type: 'progress', progress: p })
  if (job.type === 'repeats') {
    const db = new LiasseDatabase(job.database)
    try {
      const update = await updateRepeats(db, { haveGroups: job.haveGroups, onProgress: progress })
      return { type: 'repeats', ...update }
    } finally {
      db.close()
    }
  }
  const items = await readArchive(job.database, progress)
  progress({ phase: 'analysing', done: 0, total: items.length })
  const suggestions = suggestEvents(items, { dismissed: new Set(job.dismissed) })
  const textOf = new Map(items.map(({ article, text }) => [article.id, text]))
  const sentences = suggestions.map((suggestion) =>
    suggestion.mentions.map(
      (m) => textOf.get(m.articleId)?.slice(m.sentence.start, m.sentence.end) ?? ''
    )
  )
  progress({ phase: 'comparing', done: 0, total: suggestions.length })
  const disagreements = findDateDisagreements(items, suggestions)
  const passageOf = (m: { articleId: string; sentence: { start: number; end: number } }): string =>
    textOf.get(m.articleId)?.slice(m.sentence.start, m.sentence.end) ?? ''
  const disagreementPassages = disagreements.map((d): [string, string] => [
    passageOf(d.sides[0].mention),
    passageOf(d.sides[1].mention)
  ])
  const followingOf = (side: DisagreementSide): string =>
    textOf
      .get(side.mention.articleId)
      ?.slice(Math.max(side.mention.sentence.end, side.context.start), side.context.end)
      .trim() ?? ''
  const disagreementFollowing = disagreements.map((d): [string, string] => [
    followingOf(d.sides[0]),
    followingOf(d.sides[1])
  ])
  return {
    type: 'suggest',
    suggestions,
    sentences,
    disagreements,
    disagreementPassages,
    disagreementFollowing
  }
}

self.addEventListener('message', (event: MessageEvent<AnalysisJob>) => {
  run(event.data).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) =>
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
  )
})
