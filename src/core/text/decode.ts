// Turns the bytes of a text file into a string: BOM first, then strict UTF-8, then Windows-1252,
// so that legacy French files keep their accents; binary content is refused rather than garbled.

/** Thrown when bytes are not text (an image, an archive, a renamed binary). */
export class BinaryContentError extends Error {
  override readonly name = 'BinaryContentError'
}

export interface DecodedText {
  text: string
  /** The WHATWG encoding name used: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`, … */
  encoding: string
}

interface Bom {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be'
  length: number
}

/** Above this share of control characters, content is binary, not text with a few stray bytes. */
const MAX_CONTROL_RATIO = 0.08
/** Enough characters to judge; scanning a whole 50 MB file adds nothing. */
const SAMPLE_LENGTH = 65536

export function detectBom(bytes: Uint8Array): Bom | null {
  const [b0, b1, b2] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

/**
 * Decodes text bytes, or throws BinaryContentError. `declared` is an encoding the file names for
 * itself (an HTML `<meta charset>`): it is trusted only when the bytes are not valid UTF-8.
 */
export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  const decoded = decodeWithoutCheck(bytes, declared)
  if (looksBinary(decoded.text)) {
    throw new BinaryContentError('binary content (NUL or control characters)')
  }
  return decoded
}

function decodeWithoutCheck(bytes: Uint8Array, declared?: string): DecodedText {
  const bom = detectBom(bytes)
  if (bom) {
    const text = new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(
      bytes.subarray(bom.length)
    )
    return { text, encoding: bom.encoding }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    const legacy = declared ? legacyDecoder(declared) : null
    if (legacy) return { text: legacy.decode(bytes), encoding: legacy.encoding }
    // Files saved by older Windows software are Windows-1252 (a superset of Latin-1), which maps
    // every byte, so this cannot fail; looksBinary catches real binaries.
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
  }
}

/** A decoder for a declared label, if the platform knows it (labels are WHATWG Encoding's). */
function legacyDecoder(label: string): TextDecoder | null {
  try {
    const decoder = new TextDecoder(label.trim())
    return decoder.encoding === 'utf-8' ? null : decoder
  } catch {
    return null
  }
}

/** True when a decoded string holds NUL characters or too many other control characters. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_LENGTH)
  if (sample.length === 0) return false
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if (code === 0) return true
    if (isControl(code)) controls++
  }
  return controls / sample.length > MAX_CONTROL_RATIO
}

function isControl(code: number): boolean {
  const allowedWhitespace = code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d
  return (code < 0x20 && !allowedWhitespace) || code === 0x7f || (code >= 0x80 && code <= 0x9f)
}
