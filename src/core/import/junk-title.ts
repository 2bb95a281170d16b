// Titles that tools write when nobody gave one: a browser printing a blank tab ("about:blank"),
// an editor's "Untitled" or "Document1", Office's "Microsoft Word - x.docx", a path, a URL, a file
// name. Such a title tells the reader nothing, so the importer looks at the page instead.
//
// The rule is whole-title only: a title is junk when all of it is a placeholder, never because a
// placeholder word appears in it ("Untitled Film Stills de Cindy Sherman" is a real title).

const anyOf = (words: string[]): string => `(?:${words.join('|')})`

/** Editors' and printers' names for a document nobody named, in the languages users write in. */
const PLACEHOLDER_NAMES = [
  'untitled',
  'untitled (?:document|presentation|spreadsheet|drawing|form|page)',
  'sans titre',
  'document sans titre',
  '(?:présentation|feuille de calcul|dessin|formulaire|page) sans titre',
  'sans nom',
  'no title',
  'unnamed',
  'new document',
  'nouveau document',
  'document',
  'doc',
  'title',
  'titre',
  'insert title here',
  'titre du document',
  'document title',
  'sin título',
  'documento sin título',
  'senza titolo',
  'documento senza titolo',
  'ohne titel',
  'unbenannt',
  'sem título',
  'naamloos',
  'zonder titel',
  'bez tytułu',
  'без названия',
  '無題',
  'powerpoint presentation',
  'présentation powerpoint',
  'microsoft word document',
  'document microsoft word',
  'scan(?:ned)?(?: document)?',
  'document numérisé',
  'image',
  'page',
  'print',
  'imprimer'
]
/** "Untitled", "Untitled-1", "Sans titre 2", "Document1", "Scan 2023-04-01 10.32.05". */
const PLACEHOLDER = new RegExp(
  `^${anyOf(PLACEHOLDER_NAMES)}(?:[\\s_-]*[\\p{N}][\\p{N}\\s:._-]*)?$`,
  'iu'
)
/** What Office's PDF printer writes before the file name: "Microsoft Word - rapport.docx". */
const OFFICE_PREFIX = /^microsoft (?:office )?(?:word|powerpoint|excel|publisher|visio)\s*-\s/iu
/** A URL or URI as the whole title: about:blank, https://…, file://…, data:…, chrome://…. */
const URI = /^(?:[a-z][a-z\d+.-]*:\/\/|(?:about:|data:|blob:|javascript:|www\.)\S*$)/iu
/** A host with a path and nothing else: "lemonde.fr/international/article/…". */
const BARE_URL = /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)+\/\S*$/iu
/** C:\…, \\server\share\…, /home/…, ~/…: a path, whatever its file name holds. */
const PATH = /^(?:[a-z]:[\\/]|\\\\|~?\/[^/\s]*\/)/iu
/** File names ending in a document, page-layout or image extension. */
const FILE_EXTENSIONS = [
  'pdf',
  'docx?',
  'docm',
  'dotx?',
  'odt',
  'ott',
  'rtf',
  'txt',
  'md',
  'html?',
  'xhtml',
  'mht(?:ml)?',
  'xml',
  'pages',
  'indd',
  'qxp',
  'ps',
  'eps',
  'xps',
  'oxps',
  'epub',
  'djvu',
  'pptx?',
  'odp',
  'key',
  'xlsx?',
  'ods',
  'csv',
  'tiff?',
  'jpe?g',
  'png',
  'gif',
  'bmp',
  'webp',
  'heic',
  'heif',
  'jp2',
  'svg'
]
// The extension must follow a non-space: "Le format .pdf" ends in a word, not a file name.
const FILE_NAME = new RegExp(`\\S\\.${anyOf(FILE_EXTENSIONS)}$`, 'iu')
/**
 * Camera and scanner names: "IMG_2034", "DSC01234", "scan0001", "rapport_final_v2"; not "A380" or
 * "COVID-19", which are words.
 */
const MACHINE_NAME = /^(?:\p{L}{1,8}(?:_\p{N}{3,}|\p{N}{4,})|[^\s_]+(?:_[^\s_]+)+)$/u
/** A real title has at least two letters: "2017", "---", "#1" are not titles. */
const TWO_LETTERS = /\p{L}.*\p{L}/su

/**
 * True when `title` is no title a reader would give the document: empty, a placeholder such as
 * "about:blank", "Untitled" or "Document1", Office's "Microsoft Word - …", a path, a URL, a file
 * name (or exactly `fileName`, the imported file's own name), or only digits and punctuation.
 */
export function isJunkTitle(title: string | null | undefined, fileName?: string): boolean {
  const text = (title ?? '')
    .replace(/\s+/gu, ' ')
    .trim()
    // Some tools quote the name: "“Untitled”", "'Document1'".
    .replace(/^["'“”«»‘’\s]+|["'“”«»‘’\s]+$/gu, '')
  if (!TWO_LETTERS.test(text)) return true
  if (fileName !== undefined && text.toLowerCase() === fileName.trim().toLowerCase()) return true
  return (
    PLACEHOLDER.test(text) ||
    OFFICE_PREFIX.test(text) ||
    URI.test(text) ||
    BARE_URL.test(text) ||
    PATH.test(text) ||
    FILE_NAME.test(text) ||
    MACHINE_NAME.test(text)
  )
}
