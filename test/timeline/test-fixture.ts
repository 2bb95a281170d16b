// Articles for the timeline's Node tests: one made of a few fields, and the five sample articles
// with the metadata the archive derives for them.
import { readdirSync, readFileSync } from 'node:fs'
import type { Article } from '../../src/core/archive/article'
import { deriveMetadata } from '../../src/core/import/metadata'
import { normalizeText } from '../../src/core/text/normalize'
import type { ArticleWithText } from '../../src/core/timeline/corroboration'

/** An article without outlet, author or date, in French, unless `overrides` says otherwise. */
export function article(id: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    title: `Article ${id}`,
    outlet: '',
    author: '',
    published: null,
    language: 'fr',
    sourceName: `${id}.txt`,
    sourceFormat: 'txt',
    importedAt: '2025-01-01T00:00:00.000Z',
    sha256: '',
    textLength: 0,
    paragraphCount: 0,
    ...overrides
  }
}

/**
 * The five sample articles in file order, each named by its file's first three characters
 * (`000`…`004`), with the title, outlet and date derived from the text as on 1 January 2025.
 */
export function sampleArticles(): ArticleWithText[] {
  const dir = new URL('../../resources/sample/', import.meta.url)
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const text = normalizeText(readFileSync(new URL(name, dir), 'utf8'))
      const meta = deriveMetadata(text, { now: new Date('2025-01-01T00:00:00Z') })
      return { article: article(name.slice(0, 3), meta), text }
    })
}
