// The whole archive as one JSON document (File › Export…): a backup a person can read, with a
// format name and version so that later versions of Liasse can read it back.
import type { Article, ArticleText } from './article'

export const ARCHIVE_EXPORT_FORMAT = 'liasse-archive'
export const ARCHIVE_EXPORT_VERSION = 1

export interface ArchiveExport {
  format: typeof ARCHIVE_EXPORT_FORMAT
  version: typeof ARCHIVE_EXPORT_VERSION
  exportedAt: string
  articles: Array<Article & { text: string; paragraphs: ArticleText['paragraphs'] }>
}

export function buildArchiveExport(
  articles: readonly Article[],
  texts: ReadonlyMap<string, ArticleText>,
  now: Date
): ArchiveExport {
  return {
    format: ARCHIVE_EXPORT_FORMAT,
    version: ARCHIVE_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    articles: articles.map((article) => {
      const body = texts.get(article.id)
      return { ...article, text: body?.text ?? '', paragraphs: body?.paragraphs ?? [] }
    })
  }
}

export function archiveExportName(now: Date): string {
  return `liasse-archive-${now.toISOString().slice(0, 10)}.json`
}
