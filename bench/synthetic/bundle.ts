// A colleague's whole-archive bundle (.liasse) of synthetic articles, for the e2e test and the
// bench of reading incoming files in a worker (e2e/web/incoming-worker.spec.ts,
// bench/incoming.browser-bench.ts).
import { writeBundle } from '../../src/core/dossier/bundle'
import { sha256Hex } from '../../src/core/text/hash'
import { SYNTHETIC_DEFAULT_SEED, syntheticArticles, syntheticCodebook } from './archive'

/** A whole-archive bundle of `count` synthetic articles (~3 KB each), with real text hashes. */
export async function syntheticBundle(count: number): Promise<Uint8Array> {
  const chunk = syntheticArticles(0, count, SYNTHETIC_DEFAULT_SEED)
  const texts = new Map(chunk.texts.map((t) => [t.articleId, t.text]))
  const articles = await Promise.all(
    chunk.articles.map(async (article) => ({
      ...article,
      sha256: await sha256Hex(texts.get(article.id)!)
    }))
  )
  const { tags, events } = syntheticCodebook()
  return writeBundle(
    { articles, texts, passages: chunk.passages, tags, events, links: chunk.links, dossiers: [] },
    { now: '2026-03-01T09:00:00.000Z', appVersion: 'e2e' }
  )
}
