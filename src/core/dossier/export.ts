// One entry point from a resolved dossier to the bytes of any format: the export worker, the bench
// and the tests call it, so that every path writes exactly the same files.
import { exportBundle } from './bundle'
import { renderCslJson } from './render-csl'
import { renderPassagesCsv } from './render-csv'
import { renderDossierDocx } from './render-docx'
import { renderDossierHtml } from './render-html'
import { renderWebAnnotationsJson } from './render-jsonld'
import { renderDossierMarkdown } from './render-markdown'
import { renderQdpx } from './render-qdpx'
import { renderTimelineJsJson } from './render-timelinejs'
import { quoteCrops, type CropPages, type QuoteCrop } from './scan-regions'
import type { ArchiveSnapshot, DossierDocument, DossierLabels } from './types'

/** `html-print`: the HTML a PDF is printed from (see `DossierHtmlPurpose`). */
export type DossierFormat =
  | 'html'
  | 'html-print'
  | 'docx'
  | 'markdown'
  | 'csv'
  | 'jsonld'
  | 'csl'
  | 'qdpx'
  | 'timelinejs'
  | 'bundle'

export interface ExportContext {
  /** The archive the document was built from (texts for selectors, records for the bundle). */
  snapshot: ArchiveSnapshot
  /** ISO timestamp written into the files. */
  now: string
  appVersion: string
  /** Settings' name, as the REFI-QDA project's user. */
  userName: string
  /**
   * HTML and PDF: under each quote on a scan, its crop of the page image (the snapshot's scans
   * must then carry their images, and `cropPages` crop them). Off by default.
   */
  pageImages?: boolean
  /** Decodes and crops page images: the host's (a canvas), so that core stays DOM-free. */
  cropPages?: CropPages
}

/** The crops the HTML shows, when asked for and the snapshot has scans. */
async function cropsFor(
  doc: DossierDocument,
  context: ExportContext
): Promise<ReadonlyMap<string, QuoteCrop[]> | undefined> {
  const scans = context.snapshot.scans
  if (!context.pageImages || !scans || scans.size === 0) return undefined
  if (!context.cropPages) throw new Error('Page images asked for without a way to crop them')
  return quoteCrops(doc, scans, context.cropPages)
}

export async function renderDossierFormat(
  format: DossierFormat,
  doc: DossierDocument,
  labels: DossierLabels,
  context: ExportContext
): Promise<Uint8Array> {
  const text = (value: string): Uint8Array => new TextEncoder().encode(value)
  switch (format) {
    case 'html':
      return text(renderDossierHtml(doc, labels, 'file', await cropsFor(doc, context)))
    case 'html-print':
      return text(renderDossierHtml(doc, labels, 'print', await cropsFor(doc, context)))
    case 'docx':
      return renderDossierDocx(doc, labels)
    case 'markdown':
      return text(renderDossierMarkdown(doc, labels))
    case 'csv':
      // The BOM is part of the string the renderer writes; TextEncoder keeps it.
      return text(renderPassagesCsv(doc, labels))
    case 'jsonld':
      return text(
        renderWebAnnotationsJson(doc, {
          articleTexts: context.snapshot.texts,
          scans: context.snapshot.scans
        })
      )
    case 'csl':
      return text(renderCslJson(doc, labels))
    case 'timelinejs':
      return text(renderTimelineJsJson(doc, labels))
    case 'qdpx':
      return renderQdpx(doc, context.snapshot.texts, {
        now: context.now,
        userName: context.userName,
        labels
      })
    case 'bundle':
      return exportBundle(
        { dossier: doc, snapshot: context.snapshot },
        { now: context.now, appVersion: context.appVersion }
      )
  }
}
