// The backup file: written and read back equal on every table, and every damaged file refused with
// a specific code, never a crash: random bytes, truncations, flipped bits, hostile records.
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sampleDossier, sampleSnapshot } from '../../../test/dossier/test-fixture'
import {
  BACKUP_VERSION,
  BackupError,
  readBackup,
  verifyBackup,
  writeBackup,
  type BackupHeader,
  type BackupSource
} from './backup'
import {
  bytesOf,
  gunzip,
  gzip,
  sourcesOf,
  streamOf
} from '../../../test/backup/backup-test-support'
import { Sha256 } from './sha256'

const META = {
  createdAt: '2026-03-01T09:00:00.000Z',
  appVersion: '1.0.0',
  schemaVersion: 4,
  counts: {}
}

async function sampleBackup(): Promise<{ bytes: Uint8Array; tables: Record<string, unknown[]> }> {
  const snapshot = { ...(await sampleSnapshot()), dossiers: [sampleDossier()] }
  const settings = [
    { key: 'author', value: 'Camille' },
    { key: 'backup.keep', value: 10 }
  ]
  const tables: Record<string, unknown[]> = {}
  for (const source of sourcesOf(snapshot, settings)) {
    tables[source.name] = []
    for await (const record of source.records) tables[source.name]!.push(record)
  }
  const bytes = await bytesOf(writeBackup(META, sourcesOf(snapshot, settings)))
  return { bytes, tables }
}

interface Read {
  header: BackupHeader
  tables: Record<string, unknown[]>
}

async function readAll(bytes: Uint8Array, chunk?: number): Promise<Read> {
  let header: BackupHeader | null = null
  const tables: Record<string, unknown[]> = {}
  let ended = false
  for await (const item of readBackup(streamOf(bytes, chunk), { schemaVersion: 4 })) {
    if (item.kind === 'header') header = item.header
    else if (item.kind === 'record') (tables[item.table] ??= []).push(item.record)
    else ended = true
  }
  if (!header || !ended) throw new Error('no header or no end')
  return { header, tables }
}

async function refusal(bytes: Uint8Array): Promise<BackupError> {
  try {
    await readAll(bytes)
  } catch (error) {
    if (error instanceof BackupError) return error
    throw error
  }
  throw new Error('accepted')
}

/** A backup written from lines as given (the digest made right), gzipped. */
async function gzipLines(lines: string[]): Promise<Uint8Array> {
  const plain = new TextEncoder().encode(lines.map((l) => l + '\n').join(''))
  return bytesOf(gzip(streamOf(plain)))
}

async function gunzipText(bytes: Uint8Array): Promise<string> {
  return new Response(gunzip(streamOf(bytes))).text()
}

describe('Sha256', () => {
  it('agrees with node:crypto whatever the pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat({ max: 200 }), (bytes, cut) => {
        const hash = new Sha256()
        for (let at = 0; at < bytes.length; at += cut + 1)
          hash.update(bytes.subarray(at, at + cut + 1))
        expect(hash.hex()).toBe(createHash('sha256').update(bytes).digest('hex'))
      }),
      { numRuns: 200 }
    )
  })
})

describe('writeBackup and readBackup', () => {
  it('round trip: every record of every table read back equal, in any chunking', async () => {
    const { bytes, tables } = await sampleBackup()
    for (const chunk of [7, 4096, 1 << 20]) {
      const read = await readAll(bytes, chunk)
      expect(read.header.version).toBe(BACKUP_VERSION)
      expect(read.header.tables.map((t) => t.name)).toEqual(Object.keys(tables))
      for (const [name, records] of Object.entries(tables)) {
        expect(read.tables[name] ?? []).toEqual(records)
      }
    }
    const compared = Object.values(tables).reduce((n, list) => n + list.length, 0)
    expect(compared).toBeGreaterThan(30)
  })

  it('is NDJSON in gzip: header, one line per record, trailer with counts and digest', async () => {
    const { bytes, tables } = await sampleBackup()
    const lines = (await gunzipText(bytes)).trimEnd().split('\n')
    const header = JSON.parse(lines[0]!) as BackupHeader
    expect(header.format).toBe('liasse-backup')
    expect(header.tables).toContainEqual({ name: 'articleTexts', key: 'articleId' })
    const records = lines.slice(1, -1).map((l) => JSON.parse(l) as { table: string })
    expect(records.filter((r) => r.table === 'articles')).toHaveLength(tables['articles']!.length)
    const trailer = JSON.parse(lines.at(-1)!) as { trailer: { counts: Record<string, number> } }
    expect(trailer.trailer.counts['passages']).toBe(tables['passages']!.length)
    const summary = await verifyBackup(streamOf(bytes))
    expect(summary.counts).toEqual(trailer.trailer.counts)
  })

  it('refuses with a specific code', async () => {
    const { bytes } = await sampleBackup()
    const lines = (await gunzipText(bytes)).trimEnd().split('\n')
    expect((await refusal(new TextEncoder().encode('{"format":"liasse-backup"}'))).code).toBe(
      'notBackup'
    )
    expect((await refusal(await gzipLines(['{"format":"other"}']))).code).toBe('notBackup')
    const newer = JSON.parse(lines[0]!) as Record<string, unknown>
    expect((await refusal(await gzipLines([JSON.stringify({ ...newer, version: 99 })]))).code).toBe(
      'newerVersion'
    )
    const newerSchema = await refusal(
      await gzipLines([JSON.stringify({ ...newer, schemaVersion: 99 }), ...lines.slice(1)])
    )
    expect(newerSchema.code).toBe('newerVersion')
    // No trailer: the file was cut at a line's end.
    expect((await refusal(await gzipLines(lines.slice(0, -3)))).code).toBe('truncated')
    // Cut inside the gzip data.
    expect(['truncated', 'corrupt']).toContain(
      (await refusal(bytes.slice(0, Math.floor(bytes.length * 0.7)))).code
    )
    // A record changed after the digest was made.
    const altered = [...lines]
    altered[2] = altered[2]!.replace('"', ' "')
    expect((await refusal(await gzipLines(altered))).code).toBe('corrupt')
    expect((await refusal(await gzipLines([...lines, '{}']))).code).toBe('corrupt')
    const big = new TextEncoder().encode(`${lines[0]}\n${'x'.repeat(300)}\n`)
    const gzBig = await bytesOf(gzip(streamOf(big)))
    let tooLarge: unknown
    try {
      for await (const _ of readBackup(streamOf(gzBig), { maxLineBytes: 200 })) void _
    } catch (error) {
      tooLarge = error
    }
    expect((tooLarge as BackupError).code).toBe('tooLarge')
  })

  it('badRecord names the line, table, record and field', async () => {
    const snapshot = { ...(await sampleSnapshot()), dossiers: [] }
    const sources = sourcesOf(snapshot)
    const passages = sources.find((s) => s.name === 'passages')!
    const list: unknown[] = []
    for await (const p of passages.records) list.push(p)
    const broken = { ...(list[1] as Record<string, unknown>), note: 3 }
    passages.records = (async function* () {
      yield list[0]
      yield broken
    })()
    const error = await refusal(await bytesOf(writeBackup(META, sources)))
    expect(error.code).toBe('badRecord')
    expect(error.detail).toMatch(/^line \d+, passages "[^"]+": note is not a string$/)
  })

  it('badRecord for a duplicate id', async () => {
    const snapshot = { ...(await sampleSnapshot()), dossiers: [] }
    const sources = sourcesOf(snapshot)
    const tag = snapshot.tags[0]!
    sources.find((s) => s.name === 'tags')!.records = (async function* () {
      yield tag
      yield { ...tag, name: 'Autre' }
    })()
    const error = await refusal(await bytesOf(writeBackup(META, sources)))
    expect(error.code).toBe('badRecord')
    expect(error.detail).toContain('has the id of an earlier record')
  })
})

// Hostile input: every case ends in a typed BackupError or a valid read, never anything else.
describe('readBackup on generated hostile input', () => {
  let cases = 0
  async function outcome(bytes: Uint8Array): Promise<'ok' | BackupError> {
    cases++
    try {
      await readAll(bytes, 1 + (bytes.length % 997))
      return 'ok'
    } catch (error) {
      if (error instanceof BackupError) return error
      throw error
    }
  }

  it('random bytes and random gzip are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, zip) => {
        const input = zip ? await bytesOf(gzip(streamOf(bytes))) : bytes
        expect(await outcome(input)).toBeInstanceOf(BackupError)
      }),
      { numRuns: 300 }
    )
  })

  it('every truncation of a valid backup is refused', async () => {
    const { bytes } = await sampleBackup()
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), async (length) => {
        expect(await outcome(bytes.slice(0, length))).toBeInstanceOf(BackupError)
      }),
      { numRuns: 300 }
    )
  })

  it('flipped bits are refused, or read back the very same records', async () => {
    const { bytes, tables } = await sampleBackup()
    const plain = new TextEncoder().encode(await gunzipText(bytes))
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 4
        }),
        fc.boolean(),
        async (flips, inPlain) => {
          // In the compressed bytes (gzip's CRC, then the digest), or in the NDJSON (the digest).
          const target = (inPlain ? plain : bytes).slice()
          for (const [at, bit] of flips) target[at % target.length]! ^= 1 << bit
          const input = inPlain ? await bytesOf(gzip(streamOf(target))) : target
          const result = await outcome(input)
          if (result === 'ok') {
            // Only bytes no reader uses (gzip's header time or OS) can change without harm.
            const read = await readAll(input)
            for (const [name, records] of Object.entries(tables)) {
              expect(read.tables[name] ?? []).toEqual(records)
            }
          } else expect(result).toBeInstanceOf(BackupError)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('hostile records with a right digest: badRecord, or records that pass the schemas', async () => {
    const snapshot = await sampleSnapshot()
    const passage = snapshot.passages[0]!
    const article = snapshot.articles[0]!
    const mutate = (base: Record<string, unknown>) =>
      fc
        .tuple(fc.constantFrom(...Object.keys(base), '__proto__', 'extra'), fc.anything())
        .map(([key, value]) => JSON.parse(JSON.stringify({ ...base, [key]: value }) ?? 'null'))
    const record = fc.oneof(
      fc.anything(),
      mutate(passage as unknown as Record<string, unknown>),
      mutate(article as unknown as Record<string, unknown>)
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('passages', 'articles', 'tags', 'nope'),
        fc.array(record, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (table, records, duplicate) => {
          const list = duplicate ? [...records, records[0]] : records
          const source: BackupSource = {
            name: table,
            key: 'id',
            records: (async function* () {
              yield* list
            })()
          }
          const result = await outcome(await bytesOf(writeBackup(META, [source])))
          if (result !== 'ok') expect(result.code).toBe('badRecord')
          else expect(table === 'nope' || !duplicate).toBe(true)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('tried at least 1,000 hostile cases', () => {
    expect(cases).toBeGreaterThanOrEqual(1200)
    console.info(`backup: ${cases} hostile cases tried`)
  })
})
