// What the library list shows: articles filtered by a free-text query and sorted by a column.
// Kept pure so that the rules (accents ignored, unknown values last) are tested in Node.
import type { Article } from './article'
import { compareDates } from './published-date'

export type LibraryColumn = 'title' | 'outlet' | 'published' | 'language' | 'importedAt'
export interface LibrarySort {
  column: LibraryColumn
  direction: 'ascending' | 'descending'
}

/** Lower case without diacritics, so that "echanges" finds "échanges". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
}

/** Every word of the query must appear in the title, outlet, author, language, file name or date. */
export function filterArticles(articles: readonly Article[], query: string): Article[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...articles]
  return articles.filter((article) => {
    const haystack = foldForSearch(
      [
        article.title,
        article.outlet,
        article.author,
        article.language,
        article.sourceName,
        article.published?.value ?? ''
      ].join(' ')
    )
    return words.every((word) => haystack.includes(word))
  })
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function compareText(a: string, b: string): number {
  // Empty values (unknown outlet…) go last whatever the direction is worth reading first.
  if (!a || !b) return a ? -1 : b ? 1 : 0
  return collator.compare(a, b)
}

export function sortArticles(articles: readonly Article[], sort: LibrarySort): Article[] {
  const sign = sort.direction === 'ascending' ? 1 : -1
  const compare = (a: Article, b: Article): number => {
    switch (sort.column) {
      case 'published': {
        if (!a.published || !b.published) return compareDates(a.published, b.published)
        return sign * compareDates(a.published, b.published)
      }
      case 'importedAt':
        return sign * a.importedAt.localeCompare(b.importedAt)
      default: {
        const x = a[sort.column]
        const y = b[sort.column]
        if (!x || !y) return compareText(x, y)
        return sign * compareText(x, y)
      }
    }
  }
  return [...articles].sort((a, b) => compare(a, b) || collator.compare(a.title, b.title))
}
