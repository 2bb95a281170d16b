// Scans for the e2e tests, drawn at test time (nothing binary is committed): a scanner's PDF of two
// pages with no text layer, and a photograph of a page (slightly turned, grainy, as a phone takes it).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { drawPage } from '../../test/scan/make-page'
import { makeScanPdf } from '../../test/scan/make-scan-pdf'

export const SCAN_PDF_TITLE = 'Les courriels de la campagne'
export const PHOTO_TITLE = 'Une coupure de presse photographiée'

export const SHOT_TITLE = 'Une coupure en deux prises'

export interface ScanFiles {
  pdf: string
  photo: string
  /** Two shots of one clipping, named in page order. */
  shot1: string
  shot2: string
}

async function jpeg(png: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const canvas = createCanvas(width, height)
  canvas.getContext('2d').drawImage(await loadImage(Buffer.from(png)), 0, 0)
  return new Uint8Array(await canvas.encode('jpeg', 85))
}

export async function writeScanFiles(folder: string): Promise<ScanFiles> {
  mkdirSync(folder, { recursive: true })
  const first = drawPage({
    headline: SCAN_PDF_TITLE,
    width: 1240,
    height: 1754,
    fontSize: 30,
    columns: [
      [
        ['Le fils du candidat a reçu des messages', 'privés de WikiLeaks pendant la campagne.'],
        ['Il a répondu à plusieurs reprises, selon', 'les documents remis au Congrès américain.']
      ]
    ]
  })
  const second = drawPage({
    width: 1240,
    height: 1754,
    fontSize: 30,
    columns: [[['La commission a publié ces échanges', 'à l’automne, après une longue enquête.']]]
  })
  const pdf = makeScanPdf(
    [
      {
        kind: 'image',
        jpeg: await jpeg(first.png, first.width, first.height),
        width: first.width,
        height: first.height
      },
      {
        kind: 'image',
        jpeg: await jpeg(second.png, second.width, second.height),
        width: second.width,
        height: second.height
      }
    ],
    { title: 'about:blank' }
  )
  const pdfPath = join(folder, 'courriels-numerises.pdf')
  writeFileSync(pdfPath, pdf)

  // The photograph: the page turned by one degree on a grey table, with grain.
  const page = drawPage({
    headline: PHOTO_TITLE,
    width: 1400,
    height: 1000,
    fontSize: 34,
    columns: [
      [['Les archives du journal gardent la trace', 'de ces échanges entre le fils et le site.']]
    ]
  })
  const photo = createCanvas(1500, 1100)
  const g = photo.getContext('2d')
  g.fillStyle = '#8a8a80'
  g.fillRect(0, 0, 1500, 1100)
  g.translate(750, 550)
  g.rotate((1 * Math.PI) / 180)
  g.drawImage(await loadImage(Buffer.from(page.png)), -700, -500)
  g.setTransform(1, 0, 0, 1, 0, 0)
  const pixels = g.getImageData(0, 0, 1500, 1100)
  let seed = 7
  for (let i = 0; i < pixels.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    const noise = (seed % 31) - 15
    for (let c = 0; c < 3; c++)
      pixels.data[i + c] = Math.max(0, Math.min(255, pixels.data[i + c]! + noise))
  }
  g.putImageData(pixels, 0, 0)
  const photoPath = join(folder, 'coupure.jpg')
  writeFileSync(photoPath, new Uint8Array(await photo.encode('jpeg', 80)))
  const shots = [
    drawPage({
      headline: SHOT_TITLE,
      width: 1300,
      height: 600,
      fontSize: 34,
      columns: [[['Première prise de la coupure.']]]
    }),
    drawPage({
      width: 1300,
      height: 400,
      fontSize: 34,
      columns: [[['Seconde prise de la coupure.']]]
    })
  ]
  const shotPaths = shots.map((shot, i) => {
    const path = join(folder, `prise-${i + 1}.png`)
    writeFileSync(path, shot.png)
    return path
  })
  return { pdf: pdfPath, photo: photoPath, shot1: shotPaths[0]!, shot2: shotPaths[1]! }
}
