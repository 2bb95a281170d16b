// The platform in a plain browser (the offline web build): file input for picking, downloads for
// saving, and the sample archive bundled as static assets of the build.
import { fileToSource } from './file-source'
import type { PdfRequest, Platform, SaveRequest, StreamSaveRequest } from './platform'

// The sample archive is a copy in resources/ (never ../shared at run time), emitted as assets.
const SAMPLE_URLS = import.meta.glob('../../../../resources/sample/*.txt', {
  query: '?url',
  import: 'default',
  eager: true
}) as Record<string, string>

export function pickWithInput(accept: string[]): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = true
    input.accept = accept.join(',')
    input.hidden = true
    const finish = (files: File[] | null): void => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () => finish(input.files ? [...input.files] : null))
    input.addEventListener('cancel', () => finish(null))
    document.body.append(input)
    input.click()
  })
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export const webPlatform: Platform = {
  kind: 'web',
  systemLocale: () => Promise.resolve(navigator.language),
  async pickFiles(accept) {
    const files = await pickWithInput(accept)
    return files ? Promise.all(files.map(fileToSource)) : null
  },
  droppedFiles: (files) => Promise.all(files.map(fileToSource)),
  async readSampleArchive() {
    const entries = Object.entries(SAMPLE_URLS).sort(([a], [b]) => a.localeCompare(b))
    return Promise.all(
      entries.map(async ([path, url]) => {
        const response = await fetch(url)
        if (!response.ok) throw new Error(`${path}: ${response.status}`)
        const name = path.slice(path.lastIndexOf('/') + 1)
        return { name, bytes: new Uint8Array(await response.arrayBuffer()), kind: 'file' as const }
      })
    )
  },
  saveFile(request: SaveRequest) {
    download(new Blob([request.bytes as BlobPart], { type: request.mime }), request.suggestedName)
    return Promise.resolve(true)
  },
  async saveStream(request: StreamSaveRequest) {
    const blob = await new Response(request.stream, {
      headers: { 'Content-Type': request.mime }
    }).blob()
    download(blob, request.suggestedName)
    return true
  },
  savePdf(request: PdfRequest) {
    printHtml(request.html, request.pageSize)
    return Promise.resolve('printed' as const)
  },
  sync: {
    // The page's CSP (connect-src, from LIASSE_SYNC_ORIGINS at build time) is what limits where
    // requests go: a page cannot narrow it further at run time, nor keep a password safely.
    setServer: () => Promise.resolve(),
    fetch: (input, init) => fetch(input, init),
    savePassword: () => Promise.resolve(false)
  },
  onMenuCommand: () => () => undefined
}

/**
 * The browser's print dialog on the dossier alone: its HTML goes into a shadow root that only
 * print media shows (styles.css hides the app while `printing-dossier` is set). The page size
 * is asked for with an @page rule; the user picks "Save as PDF" in the dialog.
 */
export function printHtml(html: string, pageSize: 'A4' | 'Letter'): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  const host = document.createElement('div')
  host.id = 'dossier-print'
  const root = host.attachShadow({ mode: 'open' })
  const styles = [...parsed.querySelectorAll('style')].map((style) => style.textContent ?? '')
  // Inert: the document was parsed by DOMParser (no script runs) and carries no script anyway.
  root.innerHTML = `<style>${styles.join('\n')}</style>${parsed.body.innerHTML}`
  const page = document.createElement('style')
  page.textContent = `@page { size: ${pageSize === 'A4' ? 'A4' : 'letter'}; }`
  document.head.append(page)
  document.body.append(host)
  document.body.classList.add('printing-dossier')
  const done = (): void => {
    document.body.classList.remove('printing-dossier')
    host.remove()
    page.remove()
    window.removeEventListener('afterprint', done)
  }
  window.addEventListener('afterprint', done)
  window.print()
}
