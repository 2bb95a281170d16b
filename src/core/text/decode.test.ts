// Decoding as users meet it: legacy Windows files with French accents, UTF-8 with or without BOM,
// UTF-16 from Notepad, and binaries renamed .txt that must be refused rather than shown as garbage.
import { describe, expect, it } from 'vitest'
import { BinaryContentError, decodeText } from './decode'

const SAMPLE = 'Été à Noël, déjà vu — ça coûte 5 €'

/** Windows-1252 byte by byte: Latin-1 plus the few C1-range characters the sample uses. */
function windows1252(text: string): Uint8Array {
  const c1: Record<string, number> = { '€': 0x80, '—': 0x97, '’': 0x92, '…': 0x85, œ: 0x9c }
  return Uint8Array.from(text, (char) => {
    const code = c1[char] ?? char.charCodeAt(0)
    if (code > 0xff) throw new Error(`not in Windows-1252: ${char}`)
    return code
  })
}

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2)
  const view = new DataView(bytes.buffer)
  view.setUint16(0, 0xfeff, littleEndian)
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian)
  return bytes
}

describe('decodeText', () => {
  it('reads a Windows-1252 French file with its accents, dash and euro sign', () => {
    expect(decodeText(windows1252(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'windows-1252' })
  })

  it('reads UTF-8 without BOM', () => {
    expect(decodeText(new TextEncoder().encode(SAMPLE))).toEqual({
      text: SAMPLE,
      encoding: 'utf-8'
    })
  })

  it('reads UTF-8 with BOM and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SAMPLE)])
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8' })
  })

  it('reads UTF-16 little-endian and big-endian with BOM', () => {
    expect(decodeText(utf16(SAMPLE, true))).toEqual({ text: SAMPLE, encoding: 'utf-16le' })
    expect(decodeText(utf16(SAMPLE, false))).toEqual({ text: SAMPLE, encoding: 'utf-16be' })
  })

  it('refuses binary content (NUL bytes) instead of returning garbage', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
    expect(() => decodeText(png)).toThrow(BinaryContentError)
  })

  it('refuses content made mostly of control characters even without NUL', () => {
    const noise = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41 + (i % 26)))
    expect(() => decodeText(noise)).toThrow(BinaryContentError)
  })

  it('accepts ordinary text with tabs and line breaks', () => {
    const text = 'Colonne\tValeur\r\nPrix\t5 €\r\n'
    expect(decodeText(new TextEncoder().encode(text)).text).toBe(text)
  })
})
