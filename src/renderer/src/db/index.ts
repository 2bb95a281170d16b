// Opens the archive once for the whole renderer and hands out its repositories.
import { activeArchiveName } from './active-archive'
import { ArticleRepository } from './article-repository'
import { installChangeFeed } from './change-feed'
import { LiasseDatabase } from './database'
import { DossierRepository } from './dossier-repository'
import { EventRepository } from './event-repository'
import { Identity } from './identity'
import { ImportJournal } from './import-journal'
import { IntegrityRepository } from './integrity-repository'
import { PassageRepository } from './passage-repository'
import { ScanRepository } from './scan-repository'
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
  scans: ScanRepository
  /** Who writes: stamped by the repositories on what a person creates or changes. */
  identity: Identity
}

export function openArchive(name = 'liasse'): Archive {
  const db = new LiasseDatabase(name)
  installChangeFeed(db)
  const settings = new SettingsRepository(db)
  const identity = new Identity(settings)
  identity.follow()
  const now = (): Date => new Date()
  const newId = (): string => crypto.randomUUID()
  const { who } = identity
  return {
    db,
    articles: new ArticleRepository(db, now, newId, who),
    settings,
    passages: new PassageRepository(db, now, newId, who),
    tags: new TagRepository(db, now, newId, who),
    events: new EventRepository(db, now, newId, who),
    dossiers: new DossierRepository(db, now, newId, who),
    trash: new TrashRepository(db),
    importJournal: new ImportJournal(db),
    integrity: new IntegrityRepository(db),
    scans: new ScanRepository(db),
    identity
  }
}

let shared: Archive | undefined

export function archive(): Archive {
  // The active database: 'liasse', or the one the last restore filled (see active-archive).
  shared ??= openArchive(activeArchiveName())
  return shared
}
