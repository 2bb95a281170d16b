// The renderer's one door to the outside world. Two implementations: electron.ts (the preload
// bridge) and web.ts (browser APIs), chosen once at start-up by whether the bridge exists.
import type { ImportSource } from '@core/import/types'
import type { BackupFileInfo, MenuCommand } from '@shared/ipc'

export interface SaveRequest {
  suggestedName: string
  mime: string
  bytes: Uint8Array
  /** Filter label and extensions for the native save dialog. */
  filter: { name: string; extensions: string[] }
}

/** A file written as it is produced (a backup): never held whole by the renderer. */
export interface StreamSaveRequest {
  suggestedName: string
  mime: string
  stream: ReadableStream<Uint8Array>
  filter: { name: string; extensions: string[] }
}

export interface PdfRequest {
  suggestedName: string
  html: string
  pageSize: 'A4' | 'Letter'
  filter: { name: string; extensions: string[] }
}

export interface AutomaticBackups {
  /** Writes the next automatic backup; main reads it back, then drops the oldest beyond `keep`. */
  save(stream: ReadableStream<Uint8Array>, keep: number): Promise<string>
  /** Newest first. */
  list(): Promise<BackupFileInfo[]>
  /** One automatic backup, read in pieces as the stream is consumed. */
  open(name: string): ReadableStream<Uint8Array>
  /** Tells main the backup before closing is done (or was not needed). */
  closeReady(): Promise<void>
}

/** How team sync reaches its server. */
export interface TeamServerAccess {
  /**
   * Where sync's requests may go from now on (null: nowhere). The desktop's main process carries
   * them and refuses any other origin; the web build's CSP names the team's server.
   */
  setServer(server: string | null): Promise<void>
  /** A fetch for the team server's requests. */
  readonly fetch: typeof fetch
  /**
   * Keeps the password across sessions (desktop: with the system's keychain, safeStorage); false
   * when it lasts for this session only (the web build, or a system without encryption).
   */
  savePassword(user: string, password: string): Promise<boolean>
}

export interface Platform {
  readonly kind: 'electron' | 'web'
  /** The system's preferred locale (`fr-FR`, `en-US`…). */
  systemLocale(): Promise<string>
  /** Lets the user pick files to import; `null` when cancelled. */
  pickFiles(accept: string[], title: string): Promise<ImportSource[] | null>
  /** Files dropped on the window, as import sources (a file over the limit is not read). */
  droppedFiles(files: readonly File[]): Promise<ImportSource[]>
  /** The sample archive shipped with the app (resources/sample). */
  readSampleArchive(): Promise<ImportSource[]>
  /** Saves bytes where the user chooses (desktop) or as a download (web); false when cancelled. */
  saveFile(request: SaveRequest, title: string): Promise<boolean>
  /**
   * Saves a stream where the user chooses (desktop: written to the file chunk by chunk) or as a
   * download (web: a Blob, which the browser may keep on disk); false when cancelled.
   */
  saveStream(request: StreamSaveRequest, title: string): Promise<boolean>
  /**
   * Turns a self-contained HTML document into a PDF: printed to a file the user chooses (desktop),
   * or handed to the browser's print dialog (web: `printed`, the user saves from there).
   */
  savePdf(request: PdfRequest, title: string): Promise<'saved' | 'cancelled' | 'printed'>
  /** Automatic backups in the user data folder: desktop only (undefined in the web build). */
  readonly backups?: AutomaticBackups
  /** Team sync's way to its server. */
  readonly sync: TeamServerAccess
  /** Native menu commands (desktop only; the web build has none). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}
