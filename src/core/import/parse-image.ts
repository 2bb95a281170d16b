// Photographs and scans: PNG, JPEG, WebP (one page each) and TIFF (a page per frame), one file or
// several gathered as the pages of one article. Every file's header is checked against the limits
// before any pixel is decoded; then the pages are recognised one by one (readScan).
import { readScan, type PageSource } from '../scan/read-scan'
import { checkComplete, checkImageLimits, probeImage } from '../scan/probe'
import { readTiffPages } from '../scan/tiff'
import { DEFAULT_SCAN_LIMITS, type ImageFormat } from '../scan/types'
import type { ParsedDocument } from './parsed'
import {
  ImportError,
  type ImportEnvironment,
  type ImportSource,
  type ScanImportOptions
} from './types'

interface ImageFile {
  name: string
  bytes: Uint8Array
  format: ImageFormat
  frames: number
}

export async function parseImages(
  source: ImportSource,
  env: ImportEnvironment,
  options: ScanImportOptions = {}
): Promise<ParsedDocument> {
  const limits = options.limits ?? DEFAULT_SCAN_LIMITS
  const scan = env.scan
  if (!scan) throw new ImportError('noOcr', source.name, 'no recognition engine')
  const files: ImageFile[] = []
  let total = 0
  for (const file of [{ name: source.name, bytes: source.bytes }, ...(source.morePages ?? [])]) {
    const probe = probeImage(file.bytes, file.name, limits.maxPages)
    checkImageLimits(probe, limits.maxPages, file.name)
    if (probe.format !== 'tiff') checkComplete(file.bytes, probe.format, file.name)
    total += probe.frames
    if (total > limits.maxPages) {
      throw new ImportError('tooManyPages', source.name, `${total} pages, limit ${limits.maxPages}`)
    }
    files.push({ ...file, format: probe.format, frames: probe.frames })
  }
  // Page n of the article: which file, which frame. A TIFF is opened once, when its first page comes.
  const pages: Array<{ file: ImageFile; frame: number }> = files.flatMap((file) =>
    Array.from({ length: file.frames }, (_, frame) => ({ file, frame }))
  )
  let openTiff: { file: ImageFile; reader: ReturnType<typeof readTiffPages> } | undefined
  const pageAt = (index: number): PageSource => {
    const { file, frame } = pages[index]!
    if (file.format === 'tiff') {
      if (openTiff?.file !== file) {
        openTiff = { file, reader: readTiffPages(file.bytes, file.name, limits.maxPages) }
      }
      const reader = openTiff.reader
      return { kind: 'image', image: () => Promise.resolve(reader.page(frame)) }
    }
    const format = file.format
    return {
      kind: 'image',
      image: () =>
        scan.decodeImage(file.bytes, format).catch((error: unknown) => {
          throw new ImportError(
            'corrupt',
            file.name,
            error instanceof Error ? error.message : String(error)
          )
        })
    }
  }
  const read = await readScan(pages.length, pageAt, scan, { ...options, limits })
  if (read.text.trim() === '') throw new ImportError('empty', source.name, 'no text recognised')
  return {
    text: read.text,
    meta: read.heading ? { title: read.heading } : {},
    scan: read
  }
}
