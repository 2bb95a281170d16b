// The importer: one source in (file, drop or paste), one ImportedArticle out with normalized text,
// paragraphs, metadata and hash, or one ImportError whose code says what the user can do about it.
import type { ArticleMeta, SourceFormat } from '../archive/article'
import { BinaryContentError } from '../text/decode'
import { sha256Hex } from '../text/hash'
import { normalizeText, paragraphSpans } from '../text/normalize'
import { detectFormat, type FileFormat } from './format'
import { deriveMetadata, type DeriveOptions } from './metadata'
import { parseDocx } from './parse-docx'
import { decodeHtml, HtmlTooDeepError, parseHtmlPage } from './parse-html'
import { parseImages } from './parse-image'
import { parseMarkdown } from './parse-markdown'
import { parsePdf } from './parse-pdf'
import { parsePlainText } from './parse-text'
import { errorMessage, type ParsedDocument } from './parsed'
import {
  ImportError,
  MAX_IMPORT_BYTES,
  type ImportEnvironment,
  type ImportedArticle,
  type ImportSource,
  type ScanImportOptions
} from './types'

export { ACCEPTED_EXTENSIONS } from './format'

export type ImportOptions = DeriveOptions & ScanImportOptions

export async function importSource(
  source: ImportSource,
  env: ImportEnvironment,
  options: ImportOptions = {}
): Promise<ImportedArticle> {
  // A host may refuse to read an oversize file and only report its size.
  const size = Math.max(source.oversize ?? 0, source.bytes.byteLength)
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportError('tooLarge', source.name, `${size} bytes, limit ${MAX_IMPORT_BYTES}`)
  }
  if (size === 0) throw new ImportError('empty', source.name, 'empty file')
  const format = detectFormat(source)
  const parsed = await parseSource(format, source, env, options)
  const text = normalizeText(parsed.text)
  if (text === '') throw new ImportError('empty', source.name, 'no text')
  // A scan's word offsets count in its text: it was built normalized, and must have stayed so.
  if (parsed.scan && text !== parsed.text) {
    throw new Error('A recognised text changed when normalized: its words would be misplaced')
  }
  return {
    text,
    paragraphs: paragraphSpans(text),
    meta: mergeMeta(parsed, deriveMetadata(text, options)),
    sourceName: source.name,
    sourceFormat: sourceFormatOf(source, format),
    sha256: await sha256Hex(text),
    ...(parsed.scan ? { scan: { summary: parsed.scan.summary, pages: parsed.scan.pages } } : {})
  }
}

function sourceFormatOf(source: ImportSource, format: FileFormat): SourceFormat {
  return source.kind === 'paste' ? 'paste' : format
}

/** Runs the parser for `format`; any failure it does not name itself becomes a specific code. */
async function parseSource(
  format: FileFormat,
  source: ImportSource,
  env: ImportEnvironment,
  options: ScanImportOptions
): Promise<ParsedDocument> {
  try {
    switch (format) {
      case 'txt':
        return parsePlainText(source.bytes)
      case 'md':
        return parseMarkdown(source.bytes)
      case 'html':
        return parseHtmlPage(decodeHtml(source.bytes), env)
      case 'pdf':
        return await parsePdf(source.bytes, source.name, env, options)
      case 'docx':
        return await (env.parseDocx ?? parseDocx)(source.bytes, source.name)
      case 'image':
        return await parseImages(source, env, options)
    }
  } catch (error) {
    if (error instanceof ImportError) throw error
    // Cancel: not a fault of the file.
    if (options.signal?.aborted) throw options.signal.reason ?? error
    if (error instanceof HtmlTooDeepError) {
      throw new ImportError('tooComplex', source.name, error.message)
    }
    if (error instanceof BinaryContentError) {
      throw new ImportError('unreadable', source.name, error.message)
    }
    throw new ImportError('corrupt', source.name, errorMessage(error))
  }
}

/** Field by field: what the format states, else what the text shows, else the format's hints. */
function mergeMeta(parsed: ParsedDocument, derived: ArticleMeta): ArticleMeta {
  const fallback = parsed.fallback ?? {}
  const known = (value: string | undefined): value is string =>
    value !== undefined && value !== '' && value !== 'und'
  const pick = (field: 'title' | 'outlet' | 'author' | 'language'): string => {
    const candidates = [parsed.meta[field], derived[field], fallback[field]]
    return candidates.find(known) ?? derived[field]
  }
  return {
    title: pick('title'),
    outlet: pick('outlet'),
    author: pick('author'),
    language: pick('language'),
    published: parsed.meta.published ?? derived.published ?? fallback.published ?? null
  }
}
