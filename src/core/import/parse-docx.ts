// Word documents (.docx) through mammoth's raw text extraction: one paragraph per Word paragraph;
// a file that is not a readable zip/Word package is reported as corrupt.
import mammoth from 'mammoth'
import { isZip } from './format'
import { errorMessage, type ParsedDocument } from './parsed'
import { ImportError } from './types'

export async function parseDocx(bytes: Uint8Array, fileName: string): Promise<ParsedDocument> {
  if (!isZip(bytes)) throw new ImportError('corrupt', fileName, 'not a zip archive')
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
