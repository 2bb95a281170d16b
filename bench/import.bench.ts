// Import pipeline on the sample archive: decode, normalize, derive metadata and hash each
// article, against the bare minimum any importer does (decode + SHA-256) as the baseline.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { importSource } from '../src/core/import/import'
import { createTestImportEnvironment } from '../test/import/test-env'
import { sha256Hex } from '../src/core/text/hash'
import { compare, writeReport } from './harness'

const dir = 'resources/sample'
const samples = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }))

afterAll(() => writeReport('bench/report.json'))

test('import of the five sample articles', async () => {
  const env = createTestImportEnvironment()
  const row = await compare(
    'importSource × 5 sample articles',
    () => Promise.all(samples.map((s) => importSource(s, env))),
    'TextDecoder + SHA-256 × 5',
    () => Promise.all(samples.map((s) => sha256Hex(new TextDecoder().decode(s.bytes)))),
    { runs: 40 }
  )
  expect(row.medianMs).toBeGreaterThan(0)
})
