// The dossier as CommonMark (with GFM tables and footnotes): text a researcher pastes into notes,
// a wiki or a manuscript. User text is escaped so that it reads as written, never as markup.
import type { LinkRole } from '../timeline/types'
import { visibleSections } from './render-html'
import { sourceCounts } from './timeline-svg'
import type { Citation, DossierDocument, DossierLabels, DossierQuote } from './types'

const ROLES: readonly LinkRole[] = ['reports', 'contradicts', 'mentions']

/**
 * Inline text as Markdown: every character that could start emphasis, code, a link, an autolink,
 * raw HTML, a table cell or strikethrough is backslash-escaped (CommonMark allows escaping any
 * ASCII punctuation, so escaping too much is harmless); `&` only where it would read as an entity.
 */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
}

/**
 * One line of escaped text that cannot open a block: headings (`#`), lists (`-`, `+`, `1.`),
 * setext underlines (`=`, `-`), fences and indented code (leading spaces are dropped).
 */
function escapeLineStart(line: string): string {
  const trimmed = line.replace(/^[ \t]+/, '')
  return trimmed.replace(/^([#+\-=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2')
}

/**
 * Text of any length as Markdown lines: blank-line paragraphs stay paragraphs, single line breaks
 * become hard breaks (a trailing backslash), every line escaped.
 */
function markdownLines(text: string): string[] {
  const paragraphs: string[][] = [[]]
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = escapeLineStart(escapeMarkdownInline(raw.trim()))
    if (line !== '') paragraphs[paragraphs.length - 1]!.push(line)
    else if (paragraphs[paragraphs.length - 1]!.length > 0) paragraphs.push([])
  }
  const out: string[] = []
  for (const lines of paragraphs.filter((p) => p.length > 0)) {
    if (out.length > 0) out.push('')
    lines.forEach((line, i) => out.push(i < lines.length - 1 ? `${line}\\` : line))
  }
  return out
}

/** A text on one line (headings, list items, table cells): line breaks become spaces. */
function inline(text: string): string {
  return escapeLineStart(escapeMarkdownInline(text.replace(/\s*[\r\n]+\s*/g, ' ').trim()))
}

/** A table cell: one line, `|` escaped (done by `inline`), nothing that could end the row. */
function cell(text: string): string {
  return inline(text) || ' '
}

/** Footnotes numbered in reading order; a note cited twice keeps its label. */
class Footnotes {
  private readonly byKey = new Map<string, number>()
  readonly items: string[] = []

  call(key: string, text: string): string {
    let n = this.byKey.get(key)
    if (n === undefined) {
      this.items.push(text)
      n = this.items.length
      this.byKey.set(key, n)
    }
    return `[^${n}]`
  }

  /** GFM footnote definitions; continuation lines indented by four spaces. */
  render(): string[] {
    return this.items.flatMap((text, index) => {
      const lines = markdownLines(text)
      return lines.map((line, i) =>
        i === 0 ? `[^${index + 1}]: ${line}` : line === '' ? '' : `    ${line}`
      )
    })
  }
}

function citationParts(citation: Citation, published: string, labels: DossierLabels): string[] {
  return [
    citation.outlet.trim() ? escapeMarkdownInline(citation.outlet.trim()) : '',
    citation.title.trim() ? `*${escapeMarkdownInline(citation.title.trim())}*` : '',
    citation.author.trim() ? escapeMarkdownInline(citation.author.trim()) : '',
    escapeMarkdownInline(published || labels.unknownDate)
  ].filter((part) => part !== '')
}

function renderQuote(
  quote: DossierQuote,
  doc: DossierDocument,
  labels: DossierLabels,
  footnotes: Footnotes
): string[] {
  const notes = doc.dossier.options.notes
  const lines = markdownLines(quote.text).map((line) => (line === '' ? '>' : `> ${line}`))
  if (lines.length === 0) lines.push('>')
  if (notes && quote.passage.note.trim()) {
    lines[lines.length - 1] += footnotes.call(`passage:${quote.passage.id}`, quote.passage.note)
  }
  const parts = citationParts(
    quote.citation,
    labels.formatPublished(quote.article.published),
    labels
  )
  const out = [
    ...lines,
    '',
    `\\[${quote.citation.number}\\] ${parts.join(', ')} · ${escapeMarkdownInline(labels.passage)} \`${quote.locator.replace(/`/g, '')}\``
  ]
  if (quote.span === null) out.push('', `*${inline(labels.orphan)}*`)
  const meta: string[] = []
  if (quote.tags.length > 0) {
    meta.push(
      `- ${escapeMarkdownInline(labels.tags)}: ${quote.tags.map((tag) => escapeMarkdownInline(tag.path)).join('; ')}`
    )
  }
  for (const event of quote.events) {
    const call =
      notes && event.note.trim()
        ? footnotes.call(
            `link:${quote.passage.id}:${event.eventId}`,
            `${labels.roles[event.role]} — ${event.title}: ${event.note}`
          )
        : ''
    meta.push(
      `- ${escapeMarkdownInline(labels.event)}: ${escapeMarkdownInline(labels.roles[event.role])} — ${inline(event.title)}${call}`
    )
  }
  if (meta.length > 0) out.push('', ...meta)
  return out
}

function renderMatrix(doc: DossierDocument, labels: DossierLabels): string[] {
  const matrix = doc.matrix
  if (!matrix) return []
  const header = [labels.event, ...matrix.columns.map((c) => c.label), labels.independent].map(cell)
  const rows = matrix.rows.map((row) => {
    const cells = row.cells.map((counts) =>
      counts
        ? ROLES.filter((role) => counts[role] > 0)
            .map((role) => `${escapeMarkdownInline(labels.roles[role])} ×${counts[role]}`)
            .join(', ') || ' '
        : ' '
    )
    const totals = [labels.supporting(row.supporting)]
    if (row.contradicting > 0) totals.push(labels.contradicting(row.contradicting))
    let total = cell(totals.join(', '))
    if (row.singleSource) total += ` **${inline(labels.singleSource)}**`
    return [cell(row.title), ...cells, total]
  })
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)]
}

/** The dossier as Markdown, sections in the dossier's order. */
export function renderDossierMarkdown(doc: DossierDocument, labels: DossierLabels): string {
  const { dossier } = doc
  const footnotes = new Footnotes()
  const out: string[] = [`# ${inline(dossier.title)}`, '']
  if (dossier.subtitle.trim()) out.push(`*${inline(dossier.subtitle)}*`, '')
  const authors = dossier.authors.map((a) => a.trim()).filter((a) => a !== '')
  if (authors.length > 0) out.push(inline(labels.by(authors.join(', '))), '')
  out.push(inline(labels.generated(labels.formatTimestamp(doc.generatedAt))), '')
  const published = new Map(doc.articles.map((article) => [article.id, article.published]))

  for (const kind of visibleSections(doc)) {
    out.push(`## ${inline(labels.sections[kind])}`, '')
    if (kind === 'introduction') {
      // Already Markdown, written by the user for this very output.
      out.push(dossier.introduction.trim(), '')
    } else if (kind === 'timeline') {
      for (const entry of doc.events) {
        const when = entry.event.date ? labels.formatEventDate(entry.event.date) : labels.undated
        const single = entry.singleSource ? ` (${escapeMarkdownInline(labels.singleSource)})` : ''
        out.push(
          `- ${escapeMarkdownInline(when)} — **${inline(entry.event.title)}** — ${escapeMarkdownInline(sourceCounts(entry, labels))}${single}`
        )
      }
      out.push('')
    } else if (kind === 'passages') {
      for (const group of doc.groups) {
        out.push(`### ${inline(group.heading)}`, '')
        if (group.detail.trim()) out.push(`*${inline(group.detail)}*`, '')
        for (const quote of group.quotes) {
          out.push(...renderQuote(quote, doc, labels, footnotes), '')
        }
      }
    } else if (kind === 'matrix') {
      out.push(...renderMatrix(doc, labels), '')
    } else {
      for (const entry of doc.appendix) {
        const { citation } = entry
        out.push(`### \\[${citation.number}\\] ${inline(citation.title)}`, '')
        const parts = citationParts(
          { ...citation, title: '' },
          labels.formatPublished(published.get(citation.articleId) ?? null),
          labels
        )
        out.push(`*${parts.join(', ')}*`, '')
        for (const paragraph of entry.paragraphs) {
          out.push(...markdownLines(entry.text.slice(paragraph.start, paragraph.end)), '')
        }
      }
    }
  }

  out.push(`## ${inline(labels.sources)}`, '')
  for (const citation of doc.citations) {
    const parts = citationParts(
      citation,
      labels.formatPublished(published.get(citation.articleId) ?? null),
      labels
    )
    const file = citation.sourceName
      ? ` ${escapeMarkdownInline(`${labels.sourceFile}: ${citation.sourceName}`)}`
      : ''
    out.push(`${citation.number}. ${parts.join(', ')}.${file}`)
  }
  out.push('')

  const notes = footnotes.render()
  if (notes.length > 0) out.push(...notes, '')
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  )
}
