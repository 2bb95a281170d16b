// Plain text files and pasted text: decoded (BOM, UTF-8, Windows-1252) and nothing else; the
// importer derives metadata from the text itself.
import { decodeText } from '../text/decode'
import type { ParsedDocument } from './parsed'

export function parsePlainText(bytes: Uint8Array): ParsedDocument {
  return { text: decodeText(bytes).text, meta: {} }
}
