// The one Dexie class of the archive. Every schema version stays declared, in order, forever:
// a shipped version is never edited, a change is a new version() with its upgrade.
import Dexie, { type EntityTable } from 'dexie'
import type { Article, ArticleText } from '@core/archive/article'

export interface SettingRecord {
  key: string
  value: unknown
}

export class LiasseDatabase extends Dexie {
  articles!: EntityTable<Article, 'id'>
  articleTexts!: EntityTable<ArticleText, 'articleId'>
  settings!: EntityTable<SettingRecord, 'key'>

  constructor(name = 'liasse') {
    super(name)
    // v1: articles (metadata only, listed often), their texts (read when an article opens), settings.
    this.version(1).stores({
      articles: 'id, &sha256, title, outlet, published.value, language, importedAt, updatedAt',
      articleTexts: 'articleId',
      settings: 'key'
    })
  }
}
