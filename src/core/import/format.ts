// Which parser a source goes to: its extension, overruled by magic bytes (a PDF or an image is one
// whatever its name, a zip is tried as Word); names with no accepted extension are refused as unsupported.
import type { SourceFormat } from '../archive/article'
import { sniffImage } from '../scan/probe'
import { ImportError, type ImportSource } from './types'

export type FileFormat = Exclude<SourceFormat, 'paste'>

export const ACCEPTED_EXTENSIONS = [
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.pdf',
  '.docx',
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
  '.webp'
] as const

const FORMAT_BY_EXTENSION: Record<string, FileFormat> = {
  '.txt': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.tif': 'image',
  '.tiff': 'image',
  '.webp': 'image'
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] // PK\x03\x04

export function startsWithBytes(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte)
}

export const isPdf = (bytes: Uint8Array): boolean => startsWithBytes(bytes, PDF_MAGIC)
export const isZip = (bytes: Uint8Array): boolean => startsWithBytes(bytes, ZIP_MAGIC)

/** `Article.PDF` → `.pdf`; `''` when the name has no extension. */
export function extensionOf(name: string): string {
  const match = /\.[^./\\]+$/.exec(name.trim())
  return match ? match[0].toLowerCase() : ''
}

/** The file format of a source, or ImportError `unsupportedFormat`. Pasted text is `txt`. */
export function detectFormat(source: ImportSource): FileFormat {
  if (source.kind === 'paste') return 'txt'
  if (isPdf(source.bytes)) return 'pdf'
  // An image is read as an image whatever its name ("scan.pdf" that is a JPEG): its header says.
  if (sniffImage(source.bytes)) return 'image'
  const extension = extensionOf(source.name)
  const format = FORMAT_BY_EXTENSION[extension]
  if (!format) {
    throw new ImportError('unsupportedFormat', source.name, extension || 'no extension')
  }
  // A zip under a text name is most likely a Word file saved with the wrong extension.
  return isZip(source.bytes) ? 'docx' : format
}

/** Whether a file's name says it is an image Liasse reads as a scan. */
export function isImageName(name: string): boolean {
  return FORMAT_BY_EXTENSION[extensionOf(name)] === 'image'
}
