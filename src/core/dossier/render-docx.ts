// The dossier as a Word document: real Title and Heading 1–3 styles (so the table of contents and the
// navigation pane work), quotes in their own style, notes as footnotes, timeline and matrix as tables.
import {
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild
} from 'docx'
import MarkdownIt, { type Token } from 'markdown-it'
import type { Article } from '../archive/article'
import type { LinkRole } from '../timeline/types'
import { matrixParts } from './matrix-parts'
import type {
  Citation,
  DossierAppendixEntry,
  DossierDocument,
  DossierLabels,
  DossierQuote,
  DossierSectionKind
} from './types'

type Heading = (typeof HeadingLevel)[keyof typeof HeadingLevel]
type Block = Paragraph | Table | TableOfContents
type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>

const QUOTE_STYLE = 'LiasseQuote'
const CITATION_STYLE = 'LiasseCitation'
const META_STYLE = 'LiasseMeta'
const SUBTITLE_STYLE = 'Subtitle'
const GREY = '6B6B6B'
const ROLES: readonly LinkRole[] = ['reports', 'contradicts', 'mentions']

// XML 1.0 refuses C0 controls other than tab, newline and return, U+FFFE/U+FFFF and lone
// surrogates; docx escapes markup but passes those through, and Word then refuses the file.
const ILLEGAL_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function clean(text: string): string {
  return text.replace(ILLEGAL_XML, '')
}

/** Runs for a text that may hold line breaks: Word ignores `\n` inside `w:t`, a break run keeps it. */
function runs(text: string, style: RunStyle = {}): TextRun[] {
  return clean(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, index) => new TextRun({ ...style, text: line, ...(index > 0 ? { break: 1 } : {}) }))
}

/** A language tag Word can take for a run (`fr`, `en-GB`); anything else is left to the document's. */
function languageOf(tag: string): RunStyle {
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? { language: { value: tag } } : {}
}

function heading(text: string, level: Heading): Paragraph {
  return new Paragraph({ heading: level, children: runs(text) })
}

function cell(children: Paragraph[], header = false): TableCell {
  return new TableCell({
    children: children.length > 0 ? children : [new Paragraph({})],
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {})
  })
}

function textCell(text: string, header = false): TableCell {
  return cell(
    text ? [new Paragraph({ children: runs(text, header ? { bold: true } : {}) })] : [],
    header
  )
}

/** A full-width table whose first row repeats on every page (`w:tblHeader`). */
function table(headers: string[], rows: TableCell[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => textCell(h, true)) }),
      ...rows.map((children) => new TableRow({ cantSplit: true, children }))
    ]
  })
}

/** Paragraphs of a note: a footnote holds paragraphs, and a note's blank lines separate them. */
function noteParagraphs(note: string): Paragraph[] {
  return note
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => new Paragraph({ style: 'FootnoteText', children: runs(part) }))
}

function footnote(note: string): FootnoteReferenceRun[] {
  const children = noteParagraphs(note)
  return children.length > 0 ? [new FootnoteReferenceRun({ children })] : []
}

// Raw HTML off: a `<script>` in an introduction is words the author typed, not markup.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false })

/** The inline tokens of one Markdown block as runs: emphasis, code, links kept as their words. */
function inlineRuns(tokens: readonly Token[], base: RunStyle): ParagraphChild[] {
  const out: ParagraphChild[] = []
  let bold = 0
  let italic = 0
  let strike = 0
  const links: { href: string; text: string }[] = []
  const push = (text: string, extra: RunStyle = {}): void => {
    for (const link of links) link.text += text
    out.push(
      ...runs(text, {
        ...base,
        ...(bold > 0 ? { bold: true } : {}),
        ...(italic > 0 ? { italics: true } : {}),
        ...(strike > 0 ? { strike: true } : {}),
        ...extra
      })
    )
  }
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        push(token.content)
        break
      case 'code_inline':
        push(token.content, { font: 'Consolas' })
        break
      case 'image':
        push(token.content)
        break
      case 'softbreak':
        push(' ')
        break
      case 'hardbreak':
        out.push(new TextRun({ break: 1 }))
        break
      case 'strong_open':
        bold++
        break
      case 'strong_close':
        bold--
        break
      case 'em_open':
        italic++
        break
      case 'em_close':
        italic--
        break
      case 's_open':
        strike++
        break
      case 's_close':
        strike--
        break
      case 'link_open':
        links.push({ href: String(token.attrGet('href') ?? ''), text: '' })
        break
      case 'link_close': {
        // On paper a link is only its words; an outside address is kept after them so it can be followed.
        const link = links.pop()
        if (link && /^(https?:|mailto:)/i.test(link.href) && link.text.trim() !== link.href) {
          push(` (${link.href})`)
        }
        break
      }
      default:
        if (token.content) push(token.content)
    }
  }
  return out
}

/**
 * The introduction's Markdown as Word paragraphs, from markdown-it's tokens: paragraphs, headings
 * one level under the section's, bullet and numbered lists, quotes and code; nothing more is needed.
 */
function markdownBlocks(source: string): Paragraph[] {
  const out: Paragraph[] = []
  const lists: { ordered: boolean; next: number }[] = []
  let headingLevel: Heading | null = null
  let itemStart = false
  let quoteDepth = 0
  for (const token of markdown.parse(source, {})) {
    switch (token.type) {
      case 'heading_open':
        headingLevel = token.tag === 'h1' ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3
        break
      case 'heading_close':
        headingLevel = null
        break
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({
          ordered: token.type === 'ordered_list_open',
          next: Number(token.attrGet('start') ?? 1)
        })
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop()
        break
      case 'list_item_open':
        itemStart = true
        break
      case 'blockquote_open':
        quoteDepth++
        break
      case 'blockquote_close':
        quoteDepth--
        break
      case 'hr':
        out.push(new Paragraph({ thematicBreak: true }))
        break
      case 'fence':
      case 'code_block':
        out.push(
          new Paragraph({
            indent: { left: 360 * (lists.length + quoteDepth) },
            children: runs(token.content.replace(/\n$/, ''), { font: 'Consolas', size: 20 })
          })
        )
        break
      case 'inline': {
        const children = inlineRuns(token.children ?? [], quoteDepth > 0 ? { italics: true } : {})
        const list = lists.at(-1)
        const indent = 360 * (lists.length + quoteDepth)
        if (headingLevel) {
          out.push(new Paragraph({ heading: headingLevel, children }))
        } else if (list && itemStart && !list.ordered) {
          out.push(new Paragraph({ bullet: { level: Math.min(lists.length - 1, 8) }, children }))
        } else if (list && itemStart) {
          const number = new TextRun({ text: `${list.next++}.\t` })
          out.push(
            new Paragraph({
              indent: { left: indent, hanging: 360 },
              tabStops: [{ type: 'left', position: indent }],
              children: [number, ...children]
            })
          )
        } else {
          out.push(new Paragraph({ indent: indent > 0 ? { left: indent } : undefined, children }))
        }
        itemStart = false
        break
      }
    }
  }
  return out
}

function joined(parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(', ')
}

/** "[n] outlet, title, author, date": what a reader needs to find the article again. */
function citationText(citation: Citation, published: string): string {
  return `[${citation.number}] ${joined([citation.outlet, citation.title, citation.author, published])}`
}

/** Independent sources of an event in words: supporting, contradicting, single-source warning. */
function corroboration(
  labels: DossierLabels,
  row: { supporting: number; contradicting: number; singleSource: boolean }
): Paragraph[] {
  const lines = [labels.supporting(row.supporting)]
  if (row.contradicting > 0) lines.push(labels.contradicting(row.contradicting))
  const out = lines.map((line) => new Paragraph({ children: runs(line) }))
  if (row.singleSource) {
    out.push(
      new Paragraph({ children: runs(labels.singleSource, { bold: true, color: 'B45309' }) })
    )
  }
  return out
}

interface Context {
  doc: DossierDocument
  labels: DossierLabels
  notes: boolean
  published: (citation: Citation) => string
}

function introduction({ doc }: Context): Block[] {
  return markdownBlocks(doc.dossier.introduction)
}

function timeline({ doc, labels }: Context): Block[] {
  if (doc.events.length === 0) return []
  const rows = doc.events.map(({ event, ...row }) => {
    const about: Paragraph[] = [new Paragraph({ children: runs(event.title, { bold: true }) })]
    if (event.description.trim()) {
      about.push(new Paragraph({ children: runs(event.description.trim()) }))
    }
    if (event.place.trim()) {
      about.push(new Paragraph({ children: runs(`${labels.place}: ${event.place.trim()}`) }))
    }
    if (event.participants.length > 0) {
      about.push(
        new Paragraph({
          children: runs(`${labels.participants}: ${event.participants.join(', ')}`)
        })
      )
    }
    return [
      textCell(labels.formatEventDate(event.date)),
      cell(about),
      textCell(labels.statuses[event.status]),
      cell(corroboration(labels, row))
    ]
  })
  return [table([labels.date, labels.event, labels.status, labels.independent], rows)]
}

function quoteBlocks(quote: DossierQuote, { labels, notes, published }: Context): Paragraph[] {
  const context: RunStyle = { color: GREY, italics: false }
  const language = languageOf(quote.citation.language)
  const out: Paragraph[] = [
    new Paragraph({
      style: QUOTE_STYLE,
      children: [
        ...(quote.before ? runs(quote.before, { ...context, ...language }) : []),
        ...runs(quote.text, language),
        ...(quote.after ? runs(quote.after, { ...context, ...language }) : []),
        ...(notes ? footnote(quote.passage.note) : [])
      ]
    })
  ]
  if (quote.span === null) {
    out.push(
      new Paragraph({ style: META_STYLE, children: runs(labels.orphan, { color: 'B45309' }) })
    )
  }
  out.push(
    new Paragraph({
      style: CITATION_STYLE,
      children: runs(citationText(quote.citation, published(quote.citation)))
    })
  )
  if (quote.tags.length > 0) {
    out.push(
      new Paragraph({
        style: META_STYLE,
        children: [
          ...runs(`${labels.tags}: `, { bold: true }),
          ...runs(quote.tags.map((t) => t.path).join(', '))
        ]
      })
    )
  }
  for (const event of quote.events) {
    out.push(
      new Paragraph({
        style: META_STYLE,
        children: [
          ...runs(`${labels.event}: `, { bold: true }),
          ...runs(`${event.title} — ${labels.roles[event.role]}`),
          ...(notes ? footnote(event.note) : [])
        ]
      })
    )
  }
  return out
}

function passages(ctx: Context): Block[] {
  const out: Block[] = []
  for (const group of ctx.doc.groups) {
    out.push(heading(group.heading, HeadingLevel.HEADING_2))
    if (group.detail.trim()) {
      out.push(new Paragraph({ children: runs(group.detail, { italics: true, color: GREY }) }))
    }
    for (const quote of group.quotes) out.push(...quoteBlocks(quote, ctx))
  }
  return out
}

function matrix({ doc, labels }: Context): Block[] {
  const grid = doc.matrix
  if (!grid || grid.rows.length === 0) return []
  const parts = matrixParts(grid)
  return parts.flatMap((part) => {
    const rows = part.rows.map((row) => [
      textCell(row.title),
      ...row.cells.map((counts) =>
        textCell(
          counts
            ? ROLES.filter((role) => counts[role] > 0)
                .map(
                  (role) => `${labels.roles[role]}${counts[role] > 1 ? ` ×${counts[role]}` : ''}`
                )
                .join(', ')
            : ''
        )
      ),
      cell(corroboration(labels, row))
    ])
    const headers = [labels.event, ...part.columns.map((c) => c.label), labels.independent]
    if (parts.length === 1) return [table(headers, rows)]
    // A caption before each part, kept on the page of its table.
    const caption = new Paragraph({
      keepNext: true,
      spacing: { before: 240 },
      children: runs(
        `${labels.sections.matrix} (${labels.matrixPart(part.from, part.to, part.total)})`,
        { bold: true }
      )
    })
    return [caption, table(headers, rows)]
  })
}

/**
 * One paragraph of an appendix text, cut into runs at every mark boundary so that overlapping
 * marks (two passages sharing words) still highlight each character once.
 */
function markedParagraph(
  entry: DossierAppendixEntry,
  span: { start: number; end: number },
  language: RunStyle
): Paragraph {
  const marks = entry.marks.filter((m) => m.start < span.end && m.end > span.start)
  const cuts = new Set([span.start, span.end])
  for (const mark of marks) {
    cuts.add(Math.max(span.start, mark.start))
    cuts.add(Math.min(span.end, mark.end))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const children: TextRun[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!
    const to = points[i + 1]!
    const marked = marks.some((m) => m.start <= from && m.end >= to)
    children.push(
      ...runs(entry.text.slice(from, to), marked ? { ...language, highlight: 'yellow' } : language)
    )
  }
  return new Paragraph({ children })
}

function appendix({ doc, labels, published }: Context): Block[] {
  const out: Block[] = []
  for (const entry of doc.appendix) {
    out.push(heading(`[${entry.citation.number}] ${entry.citation.title}`, HeadingLevel.HEADING_2))
    // The heading already gives number and title; the line under it says where and when.
    const { outlet, author, sourceName } = entry.citation
    const where = joined([outlet, author, published(entry.citation)])
    out.push(
      new Paragraph({
        style: CITATION_STYLE,
        children: [
          ...runs(where),
          ...(sourceName ? runs(`${where ? ' — ' : ''}${labels.sourceFile}: ${sourceName}`) : [])
        ]
      })
    )
    const spans =
      entry.paragraphs.length > 0 ? entry.paragraphs : [{ start: 0, end: entry.text.length }]
    const language = languageOf(entry.citation.language)
    for (const span of spans) out.push(markedParagraph(entry, span, language))
  }
  return out
}

const SECTIONS: Record<DossierSectionKind, (ctx: Context) => Block[]> = {
  introduction,
  timeline,
  passages,
  matrix,
  appendix
}

/** The dossier as the bytes of a .docx file, the same in the renderer, a worker and Node. */
export async function renderDossierDocx(
  doc: DossierDocument,
  labels: DossierLabels
): Promise<Uint8Array> {
  const { dossier } = doc
  const articles = new Map<string, Article>(doc.articles.map((a) => [a.id, a]))
  const ctx: Context = {
    doc,
    labels,
    notes: dossier.options.notes,
    published: (citation) => {
      const article = articles.get(citation.articleId)
      return article ? labels.formatPublished(article.published) : citation.published
    }
  }

  const body: Block[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(dossier.title) })
  ]
  if (dossier.subtitle.trim()) {
    body.push(new Paragraph({ style: SUBTITLE_STYLE, children: runs(dossier.subtitle) }))
  }
  if (dossier.authors.length > 0) {
    body.push(new Paragraph({ children: runs(labels.by(dossier.authors.join(', '))) }))
  }
  body.push(
    new Paragraph({
      children: runs(labels.generated(labels.formatTimestamp(doc.generatedAt)), {
        color: GREY,
        size: 20
      })
    }),
    new Paragraph({
      keepNext: true,
      spacing: { before: 360 },
      children: runs(labels.contents, { bold: true, size: 28 })
    }),
    new TableOfContents(clean(labels.contents), { hyperlink: true, headingStyleRange: '1-3' })
  )
  for (const kind of doc.sections) {
    body.push(heading(labels.sections[kind], HeadingLevel.HEADING_1), ...SECTIONS[kind](ctx))
  }
  if (doc.citations.length > 0) {
    body.push(heading(labels.sources, HeadingLevel.HEADING_1))
    for (const citation of doc.citations) {
      body.push(new Paragraph({ children: runs(citationText(citation, ctx.published(citation))) }))
    }
  }

  const headingStyle = (size: number, outlineLevel: number, before: number) => ({
    run: { size, bold: true, color: '1F3864' },
    paragraph: { keepNext: true, keepLines: true, outlineLevel, spacing: { before, after: 120 } }
  })
  const creator = clean(dossier.authors.join(', ') || dossier.author)
  const file = new Document({
    title: clean(dossier.title),
    creator,
    lastModifiedBy: creator,
    description: clean(dossier.subtitle),
    // Word fills the table of contents' page numbers (after asking) when it opens the file.
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { language: { value: labels.lang }, size: 22 } },
        title: {
          run: { size: 52, bold: true },
          paragraph: { spacing: { after: 120 } }
        },
        heading1: headingStyle(32, 0, 480),
        heading2: headingStyle(26, 1, 320),
        heading3: headingStyle(23, 2, 240)
      },
      paragraphStyles: [
        {
          id: SUBTITLE_STYLE,
          name: 'Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 30, color: GREY },
          paragraph: { spacing: { after: 120 } }
        },
        {
          id: QUOTE_STYLE,
          name: 'Liasse Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true },
          paragraph: {
            keepNext: true,
            indent: { left: 567, right: 283 },
            spacing: { before: 200, after: 60 },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'A5A5A5', space: 8 } }
          }
        },
        {
          id: CITATION_STYLE,
          name: 'Liasse Citation',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 20 },
          paragraph: { indent: { left: 567 }, spacing: { after: 40 } }
        },
        {
          id: META_STYLE,
          name: 'Liasse Details',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 18, color: GREY },
          paragraph: { indent: { left: 567 }, spacing: { after: 20 } }
        }
      ]
    },
    sections: [{ children: body }]
  })
  // `uint8array` comes straight from the zipper: no Node Buffer, no Blob, no copy.
  return Packer.pack(file, 'uint8array')
}
