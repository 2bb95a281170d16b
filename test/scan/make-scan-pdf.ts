// TEST ONLY — a scanner's PDF: each page one JPEG image (DCTDecode) and no text layer; optionally
// some pages with a line of real text instead (a mixed PDF). Written by hand, byte offsets and all,
// so that tests need no PDF library that could add a text layer of its own.

export type ScanPdfPage =
  | { kind: 'image'; jpeg: Uint8Array; width: number; height: number }
  | { kind: 'text'; lines: string[] }

const encoder = new TextEncoder()

export function makeScanPdf(pages: ScanPdfPage[], { title }: { title?: string } = {}): Uint8Array {
  const chunks: Uint8Array[] = []
  let length = 0
  const offsets: number[] = []
  const push = (part: string | Uint8Array): void => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part
    chunks.push(bytes)
    length += bytes.length
  }
  const object = (id: number, body: string | Uint8Array[], dict?: string): void => {
    offsets[id] = length
    if (typeof body === 'string') {
      push(`${id} 0 obj\n${body}\nendobj\n`)
      return
    }
    push(`${id} 0 obj\n${dict}\nstream\n`)
    body.forEach(push)
    push('\nendstream\nendobj\n')
  }
  push('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n')
  // 1: catalog, 2: pages, 3: font, 4: info; then per page: page, content, image.
  const first = 5
  const kids = pages.map((_, i) => `${first + i * 3} 0 R`).join(' ')
  object(1, '<< /Type /Catalog /Pages 2 0 R >>')
  object(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`)
  object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  object(4, `<< /Producer (Liasse tests)${title ? ` /Title (${title})` : ''} >>`)
  pages.forEach((page, i) => {
    const id = first + i * 3
    const [w, h] =
      page.kind === 'image' ? [595, Math.round((595 * page.height) / page.width)] : [595, 842]
    const resources =
      page.kind === 'image'
        ? `<< /XObject << /Im0 ${id + 2} 0 R >> >>`
        : '<< /Font << /F1 3 0 R >> >>'
    object(
      id,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources ${resources} /Contents ${id + 1} 0 R >>`
    )
    const content =
      page.kind === 'image'
        ? `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`
        : `BT /F1 14 Tf 60 780 Td 18 TL ${page.lines.map((l) => `(${l.replace(/[()\\]/g, '\\$&')}) Tj T*`).join(' ')} ET`
    const contentBytes = encoder.encode(content)
    object(id + 1, [contentBytes], `<< /Length ${contentBytes.length} >>`)
    if (page.kind === 'image') {
      object(
        id + 2,
        [page.jpeg],
        `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.length} >>`
      )
    } else {
      object(id + 2, '<< >>')
    }
  })
  const xref = length
  const count = first + pages.length * 3
  push(`xref\n0 ${count}\n0000000000 65535 f \n`)
  for (let id = 1; id < count; id++)
    push(`${String(offsets[id] ?? 0).padStart(10, '0')} 00000 n \n`)
  push(`trailer\n<< /Size ${count} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}
