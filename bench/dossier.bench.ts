// Dossier exports at scale: 1,000 passages over 200 articles. Each case against the bare floor of
// the same output (the same text through the same library, without Liasse's structure), measured
// side by side. Targets: HTML under 1 s, DOCX under 3 s, bundle export and import under 3 s each.
// The PDF (printed from this HTML by Chromium) is in dossier-pdf.browser-bench.ts.
import { Document, Packer, Paragraph } from 'docx'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  exportBundle,
  readBundle,
  verifyBundleTexts,
  type ArchiveRecords
} from '../src/core/dossier/bundle'
import { applyMergePlan, planMerge } from '../src/core/dossier/bundle-merge'
import { renderDossierDocx } from '../src/core/dossier/render-docx'
import { renderDossierHtml } from '../src/core/dossier/render-html'
import { escapeMarkup } from '../src/core/text/markup'
import { englishLabels } from '../test/dossier/test-fixture'
import type { ArchiveSnapshot } from '../src/core/dossier/types'
import { compare, writeReport } from './harness'
import { ARTICLES, PASSAGES, largeDocument, largeSnapshot } from './dossier-fixture'

const labels = englishLabels()
const NOW = '2026-02-01T12:00:00.000Z'
let snapshot: ArchiveSnapshot
let quotes: string[]

beforeAll(async () => {
  snapshot = await largeSnapshot()
  quotes = snapshot.passages.map((p) => p.quote.exact)
})

afterAll(() => writeReport('bench/report-dossier.json'))

/** The floor of an HTML page: the same quotes escaped into paragraphs, nothing else. */
const bareHtml = (): string =>
  `<!doctype html><html><body>${quotes.map((q) => `<blockquote>${escapeMarkup(q)}</blockquote>`).join('')}</body></html>`

test(`HTML of ${PASSAGES} passages over ${ARTICLES} articles (dossier built each time)`, async () => {
  const doc = largeDocument(snapshot, false)
  expect(doc.quotes).toHaveLength(PASSAGES)
  expect(doc.citations).toHaveLength(ARTICLES)
  const html = renderDossierHtml(doc, labels)
  for (const q of quotes.slice(0, 50)) expect(html).toContain(escapeMarkup(q))
  console.log(`HTML: ${(html.length / 1e6).toFixed(2)} MB`)
  const row = await compare(
    'build + HTML, 1,000 passages',
    () => renderDossierHtml(largeDocument(snapshot, false), labels),
    'quotes escaped into bare HTML',
    bareHtml,
    { runs: 10, warmup: 2 }
  )
  expect(row.medianMs).toBeLessThan(1000)
  await compare(
    'build + HTML, 1,000 passages + appendix of 200 full texts',
    () => renderDossierHtml(largeDocument(snapshot, true), labels),
    'quotes escaped into bare HTML',
    bareHtml,
    { runs: 10, warmup: 1 }
  )
})

test('DOCX of the same dossier', async () => {
  const bytes = await renderDossierDocx(largeDocument(snapshot, false), labels)
  expect(bytes.length).toBeGreaterThan(50_000)
  console.log(`DOCX: ${(bytes.length / 1e6).toFixed(2)} MB`)
  const bare = () =>
    Packer.toBuffer(new Document({ sections: [{ children: quotes.map((q) => new Paragraph(q)) }] }))
  const row = await compare(
    'build + DOCX, 1,000 passages',
    () => renderDossierDocx(largeDocument(snapshot, false), labels),
    'docx: the quotes as plain paragraphs',
    bare,
    { runs: 8, warmup: 1 }
  )
  expect(row.medianMs).toBeLessThan(3000)
  await compare(
    'build + DOCX, 1,000 passages + appendix of 200 full texts',
    () => renderDossierDocx(largeDocument(snapshot, true), labels),
    'docx: the quotes as plain paragraphs',
    bare,
    { runs: 5, warmup: 1 }
  )
})

test('Liasse bundle: export, then import (read, verify, plan and apply the merge)', async () => {
  const doc = largeDocument(snapshot, false)
  const records = (): ArchiveRecords => ({ ...snapshot, dossiers: [doc.dossier] })
  const exportIt = () => exportBundle({ dossier: doc, snapshot }, { now: NOW, appVersion: 'bench' })
  const bytes = exportIt()
  console.log(`bundle: ${(bytes.length / 1e6).toFixed(2)} MB`)
  // The floor: the same records as one JSON file and the texts, zipped.
  const bareZip = () =>
    zipSync({
      'records.json': strToU8(JSON.stringify({ ...records(), texts: undefined })),
      ...Object.fromEntries(
        [...snapshot.texts].map(([id, text]) => [`texts/${id}.txt`, strToU8(text)])
      )
    })
  const exported = await compare(
    'bundle export, 1,000 passages, 200 texts',
    exportIt,
    'records as JSON, zipped',
    bareZip,
    {
      runs: 10,
      warmup: 2
    }
  )
  expect(exported.medianMs).toBeLessThan(3000)

  const empty: ArchiveRecords = {
    articles: [],
    texts: new Map(),
    passages: [],
    tags: [],
    events: [],
    links: [],
    dossiers: []
  }
  const importInto = async (receiver: ArchiveRecords) => {
    const contents = readBundle(bytes)
    await verifyBundleTexts(contents)
    return applyMergePlan(receiver, planMerge(receiver, contents))
  }
  const zipped = bareZip()
  const bareRead = () => {
    const files = unzipSync(zipped)
    return JSON.parse(new TextDecoder().decode(files['records.json'])) as unknown
  }
  const merged = await importInto(empty)
  expect(merged.passages).toHaveLength(PASSAGES)
  expect(merged.articles).toHaveLength(ARTICLES)
  const imported = await compare(
    'bundle import into an empty archive',
    () => importInto(empty),
    'unzip + JSON.parse',
    bareRead,
    {
      runs: 10,
      warmup: 2
    }
  )
  expect(imported.medianMs).toBeLessThan(3000)
  const again = await compare(
    'bundle import into an archive that holds it all',
    () => importInto(records()),
    'unzip + JSON.parse',
    bareRead,
    { runs: 10, warmup: 1 }
  )
  expect(again.medianMs).toBeLessThan(3000)
})
