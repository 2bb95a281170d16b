// The scanned pages an export needs, added to its snapshot: word boxes for the W3C annotations'
// image regions, and the page images themselves only when the HTML dossier shows quotes' crops.
import { exportScansOf } from '@core/dossier/scan-regions'
import type { ArchiveSnapshot } from '@core/dossier/types'
import type { DossierFormat } from '@core/dossier/export'
import { archive } from '@renderer/db'

/** What a format takes of the scans: nothing, the boxes, or the boxes and the images. */
export function scansNeeded(
  format: DossierFormat,
  pageImages: boolean
): 'none' | 'boxes' | 'images' {
  if (format === 'jsonld') return 'boxes'
  if ((format === 'html' || format === 'html-print') && pageImages) return 'images'
  return 'none'
}

/** The snapshot with its scanned articles' pages, as `need` says (the same snapshot if none). */
export async function withScans(
  snapshot: ArchiveSnapshot,
  need: 'none' | 'boxes' | 'images'
): Promise<ArchiveSnapshot> {
  if (need === 'none') return snapshot
  const scanned = snapshot.articles.filter((article) => article.scan).map((article) => article.id)
  if (scanned.length === 0) return snapshot
  const pages = await archive().scans.pagesOf(scanned)
  return { ...snapshot, scans: exportScansOf(pages, need === 'images') }
}
