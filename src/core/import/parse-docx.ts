// Word documents (.docx) through mammoth's raw text extraction: one paragraph per Word paragraph;
// the zip is checked first (names, sizes, a bomb), so that mammoth only ever opens a sound one.
import mammoth from 'mammoth'
import { checkZip, ZipLimitError, type ZipLimits } from '../zip/safe-unzip'
import { isZip } from './format'
import { errorMessage, type ParsedDocument } from './parsed'
import { ImportError } from './types'

/**
 * A Word file's parts: the text of a thousand-page report is some 20 MB of XML, so 100 MiB for one
 * part and 300 MiB in all leave room for any real document, and a bomb is stopped within a second.
 */
export const DOCX_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 300 * 1024 * 1024
}

export async function parseDocx(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
  if (!isZip(bytes)) throw new ImportError('corrupt', fileName, 'not a zip archive')
  let names: string[]
  try {
    // Every part inflated once under the caps and thrown away: mammoth would inflate a bomb whole.
    names = checkZip(bytes, DOCX_ZIP_LIMITS).map((entry) => entry.name)
  } catch (error) {
    if (error instanceof ZipLimitError) {
      const bomb = error.code === 'zipBomb' || error.code === 'tooManyEntries'
      throw new ImportError(bomb ? 'zipBomb' : 'corrupt', fileName, error.message)
    }
    throw new ImportError('corrupt', fileName, errorMessage(error))
  }
  // Every Office Open XML package lists its parts' types here; a bundle or a project does not.
  if (!names.includes('[Content_Types].xml')) {
    throw new ImportError('notWord', fileName, 'no [Content_Types].xml')
  }
  const arrayBuffer = bytes.slice().buffer
  // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; both accept these bytes.
  const input = { arrayBuffer, buffer: arrayBuffer }
  try {
    const result = await mammoth.extractRawText(input)
    return { text: result.value, meta: {} }
  } catch (error) {
    throw new ImportError('corrupt', fileName, errorMessage(error))
  }
}
