// Opens the archive once for the whole renderer and hands out its repositories.
import { ArticleRepository } from './article-repository'
import { installChangeFeed } from './change-feed'
import { LiasseDatabase } from './database'
import { DossierRepository } from './dossier-repository'
import { EventRepository } from './event-repository'
import { PassageRepository } from './passage-repository'
import { SettingsRepository } from './settings-repository'
import { TagRepository } from './tag-repository'

export interface Archive {
  db: LiasseDatabase
  articles: ArticleRepository
  settings: SettingsRepository
  passages: PassageRepository
  tags: TagRepository
  events: EventRepository
  dossiers: DossierRepository
}

export function openArchive(name = 'liasse'): Archive {
  const db = new LiasseDatabase(name)
  installChangeFeed(db)
  return {
    db,
    articles: new ArticleRepository(db),
    settings: new SettingsRepository(db),
    passages: new PassageRepository(db),
    tags: new TagRepository(db),
    events: new EventRepository(db),
    dossiers: new DossierRepository(db)
  }
}

let shared: Archive | undefined

export function archive(): Archive {
  shared ??= openArchive()
  return shared
}
