// TEST ONLY — streams to and from bytes, and the sample archive as backup sources. App code must
// never import this file.
import type { ArchiveSnapshot, Dossier } from '../../src/core/dossier/types'
import type { BackupSource } from '../../src/core/backup/backup'

export function streamOf(bytes: Uint8Array, chunk = 4096): ReadableStream<Uint8Array> {
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close()
        return
      }
      controller.enqueue(bytes.slice(at, at + chunk))
      at += chunk
    }
  })
}

export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

async function* each<T>(records: readonly T[]): AsyncGenerator<T> {
  for (const record of records) yield record
}

/** Every table of an archive as the renderer hands them to writeBackup. */
export function sourcesOf(
  snapshot: ArchiveSnapshot & { dossiers: Dossier[] },
  settings: { key: string; value: unknown }[] = []
): BackupSource[] {
  const tables: [string, string, readonly unknown[]][] = [
    ['articles', 'id', snapshot.articles],
    [
      'articleTexts',
      'articleId',
      [...snapshot.texts].map(([articleId, text]) => ({
        articleId,
        text,
        paragraphs: [{ start: 0, end: text.length }]
      }))
    ],
    ['settings', 'key', settings],
    ['passages', 'id', snapshot.passages],
    ['tags', 'id', snapshot.tags],
    ['events', 'id', snapshot.events],
    ['links', 'id', snapshot.links],
    ['dossiers', 'id', snapshot.dossiers]
  ]
  return tables.map(([name, key, records]) => ({ name, key, records: each(records) }))
}

export function countsOf(sources: readonly BackupSource[], records: Record<string, number>) {
  return Object.fromEntries(sources.map((s) => [s.name, records[s.name] ?? 0]))
}

type BytePair = ReadableWritablePair<Uint8Array, Uint8Array>

export function gzip(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return stream.pipeThrough(new CompressionStream('gzip') as unknown as BytePair)
}

export function gunzip(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return stream.pipeThrough(new DecompressionStream('gzip') as unknown as BytePair)
}
