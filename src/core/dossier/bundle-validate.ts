// Why a Liasse bundle is refused, and where. The records themselves are checked by the schemas of
// core/archive/record-schemas.
import type { ZipErrorCode } from '../zip/safe-unzip'

/** Why a bundle was refused; the UI translates the code (`dossier.import.errors.<code>`). */
export type BundleImportErrorCode =
  | 'notZip'
  | 'notBundle'
  | 'newerVersion'
  | 'missingText'
  | 'badRecord'
  // The zip itself refused by safeUnzip (a bomb, too many entries, a climbing name…).
  | Exclude<ZipErrorCode, 'notZip'>

export class BundleImportError extends Error {
  override readonly name = 'BundleImportError'
  constructor(
    readonly code: BundleImportErrorCode,
    /** Which file, record and field, for the log and the details pane; never the message shown. */
    readonly detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

export function badRecord(where: string, problem: string): never {
  throw new BundleImportError('badRecord', `${where}: ${problem}`)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The id of a raw record, for error details before it is validated. */
export function recordWhere(file: string, index: number, value: unknown): string {
  const id = isObject(value) && typeof value['id'] === 'string' ? ` "${value['id']}"` : ''
  return `${file}[${index}]${id}`
}
