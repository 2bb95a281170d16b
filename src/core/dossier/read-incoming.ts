// A colleague's file read into records for the merge: a `.liasse` bundle, a REFI-QDA `.qdpx` or
// W3C Web Annotations (`.jsonld`, `.json`); any fault is one typed error, never a partial result.
import { MAX_IMPORT_BYTES } from '../import/types'
import { sha256Hex } from '../text/hash'
import { readBundle, verifyBundleTexts, type ArchiveRecords } from './bundle'
import { recordsFromAnnotations, recordsFromQdpx, type ExternalContext } from './import-external'
import { readAnnotationsJson } from './jsonld-normalize'
import { recordsSource, type ReceiverSource } from './merge-receiver'
import { localId, parseWebAnnotations, type ImportedAnnotations } from './render-jsonld'
import { parseQdpx } from './render-qdpx'

export type IncomingErrorCode = 'unsupported' | 'tooLarge' | 'empty'

/** A file refused before any reader sees it: its kind unknown, too large, or empty. */
export class IncomingFileError extends Error {
  override readonly name = 'IncomingFileError'
  constructor(
    readonly code: IncomingErrorCode,
    readonly detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

export interface IncomingFile {
  fileName: string
  bytes: Uint8Array
  /** Set when the host did not read a file over MAX_IMPORT_BYTES (bytes is then empty). */
  oversize?: number
}

export interface IncomingRecords {
  incoming: ArchiveRecords
  /** Passages that could not be placed in their text (kept as orphans). */
  orphaned: number
  /** Annotations on documents the receiver does not hold. */
  unknownSources: number
}

export const INCOMING_EXTENSIONS = ['.liasse', '.qdpx', '.jsonld', '.json'] as const

/**
 * What annotations on our articles need of the receiver: the articles they target with their
 * texts, the events they link to, and the codebook (tags are matched by their path).
 */
async function receiverForAnnotations(
  source: ReceiverSource,
  imported: ImportedAnnotations
): Promise<ArchiveRecords> {
  const articleIds = [...new Set(imported.annotations.map((a) => localId(a.source)))]
  const eventIds = [
    ...new Set(imported.annotations.flatMap((a) => a.links.map((l) => localId(l.target))))
  ]
  const [articles, texts, events, tags] = await Promise.all([
    source.articles(articleIds),
    source.texts(articleIds),
    source.events(eventIds),
    source.codebook()
  ])
  return { articles, texts, passages: [], tags, events, links: [], dossiers: [] }
}

function isSource(receiver: ArchiveRecords | ReceiverSource): receiver is ReceiverSource {
  return typeof (receiver as ReceiverSource).articlesBySha256 === 'function'
}

/**
 * Reads an incoming file by its extension. Throws IncomingFileError, BundleImportError,
 * QdpxImportError or AnnotationImportError, each with a code the UI translates. Only Web
 * Annotations need the receiver (the articles they target): it is read for those alone.
 */
export async function readIncomingFile(
  file: IncomingFile,
  receiver: ArchiveRecords | ReceiverSource,
  context: Omit<ExternalContext, 'sha256'>
): Promise<IncomingRecords> {
  const lower = file.fileName.toLowerCase()
  if (!INCOMING_EXTENSIONS.some((extension) => lower.endsWith(extension))) {
    throw new IncomingFileError('unsupported', file.fileName)
  }
  const size = Math.max(file.oversize ?? 0, file.bytes.byteLength)
  if (size > MAX_IMPORT_BYTES) {
    throw new IncomingFileError('tooLarge', `${size} bytes, limit ${MAX_IMPORT_BYTES}`)
  }
  if (size === 0) throw new IncomingFileError('empty', file.fileName)
  if (lower.endsWith('.liasse')) {
    const contents = readBundle(file.bytes)
    await verifyBundleTexts(contents)
    return { incoming: contents, orphaned: 0, unknownSources: 0 }
  }
  if (lower.endsWith('.qdpx')) {
    const { records, orphaned } = await recordsFromQdpx(parseQdpx(file.bytes), {
      ...context,
      sha256: sha256Hex
    })
    return { incoming: records, orphaned, unknownSources: 0 }
  }
  // Decoded leniently: a bad byte must not hide the file's annotations; JSON errors are named.
  // Any JSON-LD form (compact, expanded, another prefix) is first brought to the compact one.
  const text = new TextDecoder('utf-8').decode(file.bytes)
  const imported = parseWebAnnotations(await readAnnotationsJson(text))
  const source = isSource(receiver) ? receiver : recordsSource(receiver)
  const { records, unknownSources, orphaned } = recordsFromAnnotations(
    imported,
    await receiverForAnnotations(source, imported),
    context
  )
  return { incoming: records, orphaned, unknownSources: unknownSources.length }
}
