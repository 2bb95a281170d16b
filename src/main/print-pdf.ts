// The PDF of an exported dossier: its self-contained HTML printed by Chromium in a hidden window
// with JavaScript off, in a session of its own that may load that one file and nothing else.
import { BrowserWindow, app, session } from 'electron'
import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DOSSIER_PDF } from '@core/dossier/pdf'
import type { Log } from './log'

export type PdfPageSize = 'A4' | 'Letter'

/** Prints `html` to PDF bytes; the temporary page file is removed whatever happens. */
export async function printHtmlToPdf(
  html: string,
  pageSize: PdfPageSize,
  log: Log
): Promise<Uint8Array> {
  const file = join(app.getPath('temp'), `liasse-print-${randomBytes(8).toString('hex')}.html`)
  const fileUrl = pathToFileURL(file).href
  // In memory (no "persist:"): nothing of the printed dossier stays on disk in a profile.
  const printSession = session.fromPartition('liasse-print')
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  printSession.setPermissionCheckHandler(() => false)
  printSession.webRequest.onBeforeRequest((details, callback) => {
    // The dossier HTML embeds everything (CSS, SVG); any other request is a bug or an attack.
    const allowed = details.url === fileUrl || details.url.startsWith('data:')
    if (!allowed) log.warn('print: request blocked')
    callback({ cancel: !allowed })
  })
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printSession,
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick'
    }
  })
  try {
    await writeFile(file, html, { encoding: 'utf8', flag: 'wx' })
    await window.loadFile(file)
    const pdf = await window.webContents.printToPDF({
      pageSize,
      printBackground: DOSSIER_PDF.printBackground,
      preferCSSPageSize: false,
      generateDocumentOutline: DOSSIER_PDF.outline,
      generateTaggedPDF: DOSSIER_PDF.tagged
    })
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  } finally {
    if (!window.isDestroyed()) window.destroy()
    await rm(file, { force: true })
  }
}
