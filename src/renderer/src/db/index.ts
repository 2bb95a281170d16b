// Opens the archive once for the whole renderer and hands out its repositories.
import { activeArchiveName } from './active-archive'
import { ArticleRepository } from './article-repository'
import { installChangeFeed } from './change-feed'
import { LiasseDatabase } from './database'
import { DossierRepository } from './dossier-repository'
import { EventRepository } from './event-repository'
import { ImportJournal } from './import-journal'
import { IntegrityRepository } from './integrity-repository'
import { PassageRepository } from './passage-repository'
import { SettingsRepository } from './settings-repository'
import { TagRepository } from './tag-repository'
import { TrashRepository } from './trash-repository'

export interface Archive {
  db: LiasseDatabase
  articles: ArticleRepository
  settings: SettingsRepository
  passages: PassageRepository
  tags: TagRepository
  events: EventRepository
  dossiers: DossierRepository
  trash: TrashRepository
  importJournal: ImportJournal
  integrity: IntegrityRepository
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
    dossiers: new DossierRepository(db),
    trash: new TrashRepository(db),
    importJournal: new ImportJournal(db),
    integrity: new IntegrityRepository(db)
  }
}

let shared: Archive | undefined

export function archive(): Archive {
  // The active database: 'liasse', or the one the last restore filled (see active-archive).
  shared ??= openArchive(activeArchiveName())
  return shared
}
