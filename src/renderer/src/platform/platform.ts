// The renderer's one door to the outside world. Two implementations: electron.ts (the preload
// bridge) and web.ts (browser APIs), chosen once at start-up by whether the bridge exists.
import type { ImportSource } from '@core/import/types'
import type { MenuCommand } from '@shared/ipc'

export interface SaveRequest {
  suggestedName: string
  mime: string
  bytes: Uint8Array
  /** Filter label and extensions for the native save dialog. */
  filter: { name: string; extensions: string[] }
}

export interface PdfRequest {
  suggestedName: string
  html: string
  pageSize: 'A4' | 'Letter'
  filter: { name: string; extensions: string[] }
}

export interface Platform {
  readonly kind: 'electron' | 'web'
  /** The system's preferred locale (`fr-FR`, `en-US`…). */
  systemLocale(): Promise<string>
  /** Lets the user pick files to import; `null` when cancelled. */
  pickFiles(accept: string[], title: string): Promise<ImportSource[] | null>
  /** The sample archive shipped with the app (resources/sample). */
  readSampleArchive(): Promise<ImportSource[]>
  /** Saves bytes where the user chooses (desktop) or as a download (web); false when cancelled. */
  saveFile(request: SaveRequest, title: string): Promise<boolean>
  /**
   * Turns a self-contained HTML document into a PDF: printed to a file the user chooses (desktop),
   * or handed to the browser's print dialog (web: `printed`, the user saves from there).
   */
  savePdf(request: PdfRequest, title: string): Promise<'saved' | 'cancelled' | 'printed'>
  /** Native menu commands (desktop only; the web build has none). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}
