// Files the end-to-end tests import, made on the fly: an HTML page full of script traps, a
// Windows-1252 text, a PDF, a DOCX, and broken files that must be refused cleanly.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { Document, HeadingLevel, Packer, Paragraph } from 'docx'

export const HTML_TITLE = 'Les archives de la Bibliothèque nationale rouvrent'
export const CP1252_TITLE = 'Un été à Noël, déjà vu'
export const PDF_TITLE = 'Rapport sur les échanges numériques'
export const DOCX_TITLE = 'Chronologie des événements de décembre'
export const DROPPED_TITLE = 'Note déposée par glisser-déposer'

const HTML = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>${HTML_TITLE} | Le Quotidien</title>
<meta property="og:site_name" content="Le Quotidien">
<meta property="og:title" content="${HTML_TITLE}">
<meta name="author" content="Camille Dubois">
<meta property="article:published_time" content="2017-11-15T08:30:00+01:00">
<script>window.__liassePwned = 'script'</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="javascript:window.__liassePwned='link'">Piège</a></nav>
<article>
<h1>${HTML_TITLE}</h1>
<p>Après deux années de travaux, les salles de lecture accueillent de nouveau les chercheurs. Les fonds de presse ancienne, numérisés pour l’occasion, sont consultables sur place.</p>
<img src="x" onerror="window.__liassePwned='onerror'">
<p>Les archivistes rappellent que la consultation des originaux reste soumise à réservation, et que les documents fragiles ne sortent plus des magasins.</p>
<iframe src="https://example.invalid/tracker"></iframe>
<p>Une exposition sur la presse française du XIXe siècle accompagne la réouverture jusqu’au printemps.</p>
</article>
<script>document.title = 'pwned'</script>
</body></html>`

/** "Un été à Noël, déjà vu" and more, encoded byte by byte in Windows-1252. */
function cp1252(text: string): Uint8Array {
  const table: Record<string, number> = {
    '€': 0x80,
    '’': 0x92,
    '“': 0x93,
    '”': 0x94,
    '—': 0x97,
    œ: 0x9c
  }
  return Uint8Array.from([...text].map((ch) => table[ch] ?? ch.charCodeAt(0)))
}

async function pdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(PDF_TITLE)
  doc.setAuthor('Service des archives')
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const page = doc.addPage([595, 842])
  const lines = [
    'Les échanges numériques entre rédactions ont doublé en un an.',
    'Les données proviennent des journaux de connexion conservés à Genève.'
  ]
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }))
  return doc.save()
}

async function docx(): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Équipe Liasse',
    title: DOCX_TITLE,
    sections: [
      {
        children: [
          new Paragraph({ text: DOCX_TITLE, heading: HeadingLevel.HEADING_1 }),
          new Paragraph('Le 16 décembre, le compte suggère de nommer un ambassadeur.'),
          new Paragraph('La demande restera sans réponse, selon les messages publiés.')
        ]
      }
    ]
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

export interface FixtureFiles {
  html: string
  cp1252: string
  pdf: string
  docx: string
  dropped: string
  /** The same file name as `dropped`, in another folder, with its text revised. */
  droppedRevised: string
  corruptPdf: string
  binaryTxt: string
}

export async function writeFixtureFiles(dir: string): Promise<FixtureFiles> {
  mkdirSync(dir, { recursive: true })
  const write = (name: string, bytes: Uint8Array | string): string => {
    const path = join(dir, name)
    writeFileSync(path, bytes)
    return path
  }
  const binary = new Uint8Array(4096)
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256
  return {
    html: write('reouverture.html', HTML),
    cp1252: write(
      'ete-noel-cp1252.txt',
      cp1252(
        `${CP1252_TITLE}\n\nÀ la fin de l’été, l’œuvre coûte 5 € — “très cher”, disent les élèves de troisième.\n`
      )
    ),
    pdf: write('rapport.pdf', await pdf()),
    docx: write('chronologie.docx', await docx()),
    dropped: write(
      'note-deposee.md',
      `# ${DROPPED_TITLE}\n\nUne note écrite en **Markdown**, déposée sur la fenêtre.\n`
    ),
    droppedRevised: (() => {
      mkdirSync(join(dir, 'revised'), { recursive: true })
      return write(
        'revised/note-deposee.md',
        `# ${DROPPED_TITLE}\n\nMise à jour du lendemain.\n\nUne note écrite en **Markdown**, déposée sur la fenêtre.\n`
      )
    })(),
    corruptPdf: write('casse.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog garbage garbage\n%%EOF'),
    binaryTxt: write('image-deguisee.txt', binary)
  }
}
