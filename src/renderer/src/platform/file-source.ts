// A file the page holds (picked in the browser, or dropped on the window in either platform) as an
// import source: both platforms read dropped files the same way.
import { MAX_IMPORT_BYTES, type ImportSource } from '@core/import/types'

/** A picked or dropped file as an import source; a file over the limit is not read. */
export async function fileToSource(file: File): Promise<ImportSource> {
  if (file.size > MAX_IMPORT_BYTES) {
    return { name: file.name, bytes: new Uint8Array(0), oversize: file.size, kind: 'file' }
  }
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), kind: 'file' }
}
