// The dossier as one self-contained HTML file: inline CSS and SVG, no script, no request of any
// kind (a strict CSP says so), every user string escaped; also the body and CSS for a live preview.
import MarkdownIt from 'markdown-it'
import type { LinkRole } from '../timeline/types'
import { matrixParts } from './matrix-parts'
import { escapeMarkup } from '../text/markup'
import { renderTimelineParts } from './timeline-svg'
import type { QuoteCrop } from './scan-regions'
import type {
  DossierAppendixEntry,
  DossierDocument,
  DossierLabels,
  DossierMatrixPart,
  DossierQuote,
  DossierSectionKind
} from './types'

const ROLES: readonly LinkRole[] = ['reports', 'contradicts', 'mentions']

/** Nothing may load: no script, no font, no frame, no remote image; only the inline styles. */
export const DOSSIER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/**
 * The dossier's stylesheet, scoped to `.dossier` so that it also works inside a shadow root
 * (the app's preview). System fonts only: a web font would be a request, or megabytes inline.
 */
export const DOSSIER_CSS = `
.dossier {
  color-scheme: light;
  --ink: #1b1b1b; --muted: #5b5b5b; --rule: #d6d6d6; --accent: #1f4f8f; --mark: #fff1a8;
  --mark-deep: #ffd966; --paper: #ffffff; --wash: #f6f6f3;
  box-sizing: border-box; max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem;
  background: var(--paper); color: var(--ink);
  font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  font-size: 1.0625rem; line-height: 1.6; hyphens: auto; overflow-wrap: break-word;
  font-variant-numeric: oldstyle-nums proportional-nums;
}
.dossier *, .dossier *::before, .dossier *::after { box-sizing: inherit; }
.dossier h1, .dossier h2, .dossier h3, .dossier h4, .dossier h5, .dossier h6,
.dossier nav, .dossier figcaption, .dossier table, .dossier .citation, .dossier .meta,
.dossier .byline, .dossier .generated, .dossier .footnotes, .dossier .sources {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-variant-numeric: lining-nums tabular-nums;
}
.dossier h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.4rem; hyphens: manual; }
.dossier h2 { font-size: 1.45rem; line-height: 1.25; margin: 3rem 0 1rem; padding-bottom: 0.3rem;
  border-bottom: 1px solid var(--rule); hyphens: manual; }
.dossier h3 { font-size: 1.15rem; line-height: 1.3; margin: 2.2rem 0 0.3rem; hyphens: manual; }
.dossier h4, .dossier h5, .dossier h6 { font-size: 1rem; margin: 1.5rem 0 0.3rem; }
.dossier p { margin: 0 0 0.9rem; }
.dossier a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
.dossier .subtitle { font-size: 1.25rem; color: var(--muted); margin: 0 0 1rem; }
.dossier .byline { margin: 0; font-weight: 600; }
.dossier .generated { margin: 0.2rem 0 0; color: var(--muted); font-size: 0.85rem; }
.dossier nav.toc { margin: 2rem 0; padding: 1rem 1.25rem; background: var(--wash); border-radius: 6px; }
.dossier nav.toc h2 { margin: 0 0 0.5rem; border: 0; padding: 0; font-size: 1rem;
  text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.dossier nav.toc ol { margin: 0; padding-left: 1.3rem; }
.dossier nav.toc ol ol { font-size: 0.92rem; }
.dossier nav.toc a { text-decoration: none; }
.dossier .group-detail { color: var(--muted); margin: 0 0 1rem; font-size: 0.95rem; }
.dossier figure { margin: 0; }
.dossier figure.quote { margin: 1.2rem 0 1.8rem; }
.dossier blockquote { margin: 0; padding: 0.2rem 0 0.2rem 1.1rem; border-left: 3px solid var(--accent); }
.dossier blockquote p { margin: 0; }
.dossier .context { color: var(--muted); }
.dossier .exact { font-weight: 500; }
.dossier a.exact { color: inherit; text-decoration: none; }
.dossier a.exact:hover, .dossier a.exact:focus { text-decoration: underline dotted; }
.dossier .citation { margin: 0.45rem 0 0 1.1rem; font-size: 0.85rem; color: var(--muted); }
.dossier .citation cite { font-style: italic; }
.dossier .cite-ref { font-weight: 600; text-decoration: none; }
.dossier .locator { white-space: nowrap; }
.dossier .meta { margin: 0.35rem 0 0 1.1rem; font-size: 0.85rem; display: grid;
  grid-template-columns: max-content 1fr; gap: 0.1rem 0.6rem; }
.dossier .meta dt { color: var(--muted); }
.dossier .meta dd { margin: 0; }
.dossier .meta ul { list-style: none; margin: 0; padding: 0; }
.dossier .tag { display: inline-block; margin: 0 0.35rem 0.15rem 0; padding: 0 0.45rem;
  border-radius: 999px; background: var(--wash); border: 1px solid var(--tag, var(--rule)); }
.dossier .role { font-variant: small-caps; letter-spacing: 0.02em; }
.dossier .role-contradicts { color: #a1291f; }
.dossier .scan-crops { margin: 0.5rem 0 0 1.1rem; }
.dossier .scan-crop { display: block; width: auto; height: auto; max-width: 100%; max-height: 24rem;
  margin-bottom: 0.3rem; border: 1px solid var(--rule); background: var(--paper); }
.dossier .orphan { margin: 0.4rem 0 0 1.1rem; padding: 0.4rem 0.6rem; font-size: 0.85rem;
  background: #fff4e5; border-left: 3px solid #d9822b; }
.dossier sup.fnref { line-height: 0; font-size: 0.72em; }
.dossier sup.fnref a { text-decoration: none; padding: 0 0.1em; }
.dossier .timeline-figure { margin: 1rem 0 2rem; }
.dossier .timeline-figure svg { display: block; max-width: 100%; height: auto; }
.dossier figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 0.4rem; }
/* A quote's caption holds blocks that set their own type: it adds none of its own. */
.dossier figure.quote figcaption { font: inherit; color: inherit; margin: 0; }
.dossier .table-wrap { overflow-x: auto; }
.dossier table { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
.dossier caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
.dossier caption .part, .dossier figcaption .part { font-weight: 400; color: var(--muted); }
.dossier .table-wrap + .table-wrap { margin-top: 1.5rem; }
.dossier th, .dossier td { border: 1px solid var(--rule); padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
.dossier thead th { background: var(--wash); }
.dossier tbody th { font-weight: 600; }
.dossier td.count .role { display: block; }
.dossier .single-source { display: inline-block; margin-top: 0.2rem; padding: 0 0.35rem;
  border-radius: 3px; background: #fde8e6; color: #8a1f14; font-weight: 600; white-space: nowrap; }
.dossier .appendix-entry { margin-top: 2rem; }
.dossier .appendix-entry p { text-align: justify; }
.dossier mark { background: var(--mark); color: inherit; padding: 0.05em 0; }
.dossier mark mark { background: var(--mark-deep); }
.dossier .footnotes ol, .dossier .sources ol { padding-left: 1.6rem; font-size: 0.92rem; }
.dossier .footnotes li, .dossier .sources li { margin-bottom: 0.4rem; }
.dossier .sources ol { list-style: none; padding-left: 0; }
.dossier .sources .number { font-weight: 600; margin-right: 0.3rem; }
.dossier .backref { text-decoration: none; margin-left: 0.3rem; }
.dossier .url { color: var(--muted); font-size: 0.9em; word-break: break-all; }
.dossier :target { scroll-margin-top: 1rem; }
.dossier li:target, .dossier figure:target { background: #eef4fb; }
.dossier mark:target { outline: 2px solid var(--accent); }
@page { size: A4; margin: 1.8cm 1.8cm 2.2cm;
  @bottom-right { content: counter(page) " / " counter(pages);
    font-family: system-ui, sans-serif; font-size: 9pt; color: #555; } }
@media print {
  .dossier { max-width: none; padding: 0; font-size: 10pt; line-height: 1.4; }
  /* Sizes for paper, around the 10 pt text: the screen's rem sizes would print citations and
     tags larger than the quotes they belong to. */
  .dossier h1 { font-size: 20pt; }
  .dossier h2 { font-size: 14pt; margin: 1.8rem 0 0.7rem; }
  .dossier h3 { font-size: 11.5pt; margin: 1.3rem 0 0.2rem; }
  .dossier .subtitle { font-size: 12pt; }
  .dossier .generated, .dossier .citation, .dossier .meta, .dossier .orphan,
  .dossier figcaption, .dossier .group-detail { font-size: 8.5pt; }
  .dossier nav.toc, .dossier nav.toc h2, .dossier .footnotes ol, .dossier .sources ol { font-size: 9pt; }
  .dossier nav.toc ol ol { font-size: 1em; }
  /* Room for a note number of four digits: the page clips what overflows into its margin. */
  .dossier .footnotes ol { padding-left: 3.2em; }
  .dossier .citation { margin-top: 0.25rem; }
  .dossier .meta { margin-top: 0.15rem; }
  .dossier .tag { padding: 0 0.35rem; margin-bottom: 0.1rem; }
  .dossier figure.quote { margin: 0.8rem 0 1.1rem; }
  .dossier a { color: inherit; text-decoration: none; }
  .dossier a::after { content: none !important; }
  .dossier nav.toc { background: none; border: 1px solid var(--rule); }
  /* The long parts start on a new page; the short ones follow what precedes them. */
  .dossier > .section-passages, .dossier > .section-matrix, .dossier > .section-appendix,
  .dossier > .sources, .dossier .appendix-entry + .appendix-entry { break-before: page; }
  .dossier h1, .dossier h2, .dossier h3, .dossier h4, .dossier caption { break-after: avoid; }
  .dossier .group-detail { break-after: avoid; }
  .dossier figure.quote, .dossier tr, .dossier .timeline-figure, .dossier .sources li,
  .dossier .footnotes li { break-inside: avoid; }
  .dossier p { orphans: 3; widows: 3; }
  .dossier .table-wrap { overflow: visible; }
  /* A page cannot scroll: each matrix table (at most five sources) fits its width. */
  .dossier table { table-layout: fixed; font-size: 8pt; width: calc(100% - 2px); }
  .dossier th, .dossier td { overflow-wrap: break-word; hyphens: auto; padding: 0.25rem 0.3rem; }
  .dossier table.matrix thead th:first-child { width: 26%; }
  .dossier table.matrix thead th:last-child { width: 17%; }
  .dossier thead { display: table-header-group; }
  .dossier mark, .dossier .tag, .dossier .single-source, .dossier .orphan {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .dossier li:target, .dossier figure:target { background: none; }
}
`.trim()

/** Text as HTML, a line break kept as `<br>` (normalized texts use `\n` inside paragraphs). */
function textWithBreaks(text: string): string {
  return escapeMarkup(text).replace(/\r?\n/g, '<br>')
}

/** An id usable in `id` and `#fragment` alike, whatever a record's id contains. */
function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_')
}

/** The short form of a passage id a reader can search for (UUIDs are unique by their start). */
function shortId(id: string): string {
  return id.slice(0, 8)
}

/** A CSS colour is user data too: only a plain hex value reaches a style attribute. */
function safeColor(color: string): string | null {
  return /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : null
}

/**
 * Markdown for the introduction. Raw HTML stays text (`html: false`); images are off, so that a
 * dossier never loads anything; only in-document links (`#…`) stay links, other URLs are shown as
 * text beside their words, since a file sent around should not lead a reader off by a click.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false })
markdown.disable('image')
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!
  const href = String(token.attrGet('href') ?? '')
  if (href.startsWith('#')) {
    openLinks(env).push(null)
    return self.renderToken(tokens, idx, options)
  }
  openLinks(env).push(token.markup === 'autolink' ? '' : href)
  return '<span class="link">'
}
markdown.renderer.rules.link_close = (tokens, idx, options, env, self) => {
  const href = openLinks(env).pop()
  if (href === null || href === undefined) return self.renderToken(tokens, idx, options)
  return href ? `</span> <span class="url">(${escapeMarkup(href)})</span>` : '</span>'
}
// The introduction sits under the dossier's h1 and its own h2: its headings start at h3.
const shiftHeading: NonNullable<typeof markdown.renderer.rules.heading_open> = (
  tokens,
  idx,
  options,
  _env,
  self
) => {
  const token = tokens[idx]!
  const level = Number(token.tag.slice(1))
  token.tag = `h${Math.min(6, level + 2)}`
  return self.renderToken(tokens, idx, options)
}
markdown.renderer.rules.heading_open = shiftHeading
markdown.renderer.rules.heading_close = shiftHeading

/**
 * The links open while rendering, innermost last: `null` for a kept link, else the URL to show
 * after the words. Kept in each render's env, so that a render failing midway leaves no trace.
 */
function openLinks(env: unknown): (string | null)[] {
  const holder = env as { links?: (string | null)[] }
  holder.links ??= []
  return holder.links
}

/** The introduction's Markdown as safe HTML. */
export function renderIntroductionHtml(source: string): string {
  return markdown.render(source, { links: [] })
}

/** The sections that have something to show, in the dossier's order. */
export function visibleSections(doc: DossierDocument): DossierSectionKind[] {
  return doc.sections.filter((kind) => {
    if (kind === 'introduction') return doc.dossier.introduction.trim() !== ''
    if (kind === 'timeline') return doc.events.length > 0
    if (kind === 'matrix') return doc.matrix !== null && doc.matrix.rows.length > 0
    if (kind === 'appendix') return doc.appendix.length > 0
    return true
  })
}

/** Footnotes numbered in reading order; a note called twice keeps its number. */
class Footnotes {
  private readonly byKey = new Map<string, { n: number; calls: number }>()
  readonly items: { n: number; html: string }[] = []

  call(key: string, html: string, labels: DossierLabels): string {
    let note = this.byKey.get(key)
    if (!note) {
      note = { n: this.items.length + 1, calls: 0 }
      this.byKey.set(key, note)
      this.items.push({ n: note.n, html })
    }
    note.calls += 1
    // Every call needs its own id; the footnote's back link returns to the first.
    const id = note.calls === 1 ? `fnref-${note.n}` : `fnref-${note.n}-${note.calls}`
    return `<sup class="fnref"><a href="#fn-${note.n}" id="${id}" role="doc-noteref" aria-label="${escapeMarkup(`${labels.note} ${note.n}`)}">${note.n}</a></sup>`
  }

  /** `backLinks`: a link from each note back to its call (on screen; paper has no use for it). */
  render(labels: DossierLabels, backLinks: boolean): string {
    if (this.items.length === 0) return ''
    const back = (n: number): string =>
      backLinks
        ? ` <a class="backref" href="#fnref-${n}" role="doc-backlink" aria-label="${escapeMarkup(labels.backToText)}" title="${escapeMarkup(labels.backToText)}">↩\uFE0E</a>`
        : ''
    const items = this.items
      .map((item) => `<li id="fn-${item.n}">${item.html}${back(item.n)}</li>`)
      .join('')
    return `<section id="notes" class="footnotes" role="doc-endnotes"><h2>${escapeMarkup(labels.notes)}</h2><ol>${items}</ol></section>`
  }
}

interface Context {
  doc: DossierDocument
  labels: DossierLabels
  footnotes: Footnotes
  /** Passages already shown once: a passage under two groups gets its id only the first time. */
  shown: Set<string>
  /** Where a quote's words can be read in full: its mark, else its article, in the appendix. */
  targets: Map<string, string>
  /** Crops of the scanned pages under quotes, by passage id (the `pageImages` option). */
  crops: ReadonlyMap<string, readonly QuoteCrop[]>
}

function langAttribute(language: string): string {
  return language && language !== 'und' ? ` lang="${escapeMarkup(language)}"` : ''
}

function citationLine(quote: DossierQuote, labels: DossierLabels): string {
  const { citation, article } = quote
  const parts = [
    citation.outlet.trim() ? escapeMarkup(citation.outlet) : '',
    citation.title.trim() ? `<cite>${escapeMarkup(citation.title)}</cite>` : '',
    citation.author.trim() ? escapeMarkup(citation.author) : '',
    escapeMarkup(labels.formatPublished(article.published))
  ].filter((part) => part !== '')
  const passage = quote.passage
  const locator =
    `<span class="locator" data-locator="${escapeMarkup(quote.locator)}"` +
    ` data-exact="${escapeMarkup(passage.quote.exact)}" data-prefix="${escapeMarkup(passage.quote.prefix)}"` +
    ` data-suffix="${escapeMarkup(passage.quote.suffix)}" data-start="${passage.position.start}"` +
    ` data-end="${passage.position.end}" data-anchor="${escapeMarkup(passage.anchor.status)}"` +
    ` title="${escapeMarkup(quote.locator)}">${escapeMarkup(`${labels.passage} ${shortId(passage.id)}`)}</span>`
  return `<p class="citation"><a class="cite-ref" href="#source-${citation.number}">[${citation.number}]</a> ${parts.join(', ')} · ${locator}</p>`
}

/**
 * One quote with its context, citation, tags and events. `groupEventId`: the event whose section
 * holds the quote; a plain "reports" link to it would only repeat the heading, so it is left out.
 */
function renderQuote(
  quote: DossierQuote,
  ctx: Context,
  groupEventId: string | null = null
): string {
  const { labels, doc } = ctx
  const notes = doc.dossier.options.notes
  const id = quote.passage.id
  const first = !ctx.shown.has(id)
  ctx.shown.add(id)
  const target = ctx.targets.get(id)
  const exact = target
    ? `<a class="exact" href="#${target}">${textWithBreaks(quote.text)}</a>`
    : `<span class="exact">${textWithBreaks(quote.text)}</span>`
  const before = quote.before ? `<span class="context">${textWithBreaks(quote.before)}</span>` : ''
  const after = quote.after ? `<span class="context">${textWithBreaks(quote.after)}</span>` : ''
  const noteCall =
    notes && quote.passage.note.trim()
      ? ctx.footnotes.call(`passage:${id}`, textWithBreaks(quote.passage.note), labels)
      : ''

  const meta: string[] = []
  if (quote.tags.length > 0) {
    const tags = quote.tags
      .map((tag) => {
        const color = safeColor(tag.color)
        return `<li class="tag"${color ? ` style="--tag: ${color}"` : ''}>${escapeMarkup(tag.path)}</li>`
      })
      .join('')
    meta.push(`<dt>${escapeMarkup(labels.tags)}</dt><dd><ul>${tags}</ul></dd>`)
  }
  const shownEvents = quote.events.filter(
    (event) => !(event.eventId === groupEventId && event.role === 'reports' && !event.note.trim())
  )
  if (shownEvents.length > 0) {
    const events = shownEvents
      .map((event) => {
        const call =
          notes && event.note.trim()
            ? ctx.footnotes.call(
                `link:${id}:${event.eventId}`,
                `${escapeMarkup(`${labels.roles[event.role]} — ${event.title}`)}: ${textWithBreaks(event.note)}`,
                labels
              )
            : ''
        return `<li><span class="role role-${event.role}">${escapeMarkup(labels.roles[event.role])}</span> ${escapeMarkup(event.title)}${call}</li>`
      })
      .join('')
    meta.push(`<dt>${escapeMarkup(labels.event)}</dt><dd><ul>${events}</ul></dd>`)
  }
  const orphan = quote.span === null ? `<p class="orphan">${escapeMarkup(labels.orphan)}</p>` : ''
  return (
    `<figure class="quote"${first ? ` id="passage-${safeId(id)}"` : ''} data-passage="${escapeMarkup(id)}">` +
    `<blockquote${langAttribute(quote.article.language)}><p>${before}${exact}${after}${noteCall}</p></blockquote>` +
    renderCrops(ctx.crops.get(id), labels) +
    // A figcaption must be the figure's first or last child: everything said about the quote
    // (citation, orphan warning, tags, events) is its caption, in the order a reader meets it.
    `<figcaption class="quote-caption">${citationLine(quote, labels)}${orphan}` +
    (meta.length > 0 ? `<dl class="meta">${meta.join('')}</dl>` : '') +
    `</figcaption></figure>`
  )
}

/** The quote's words as printed on its scanned pages: one image per page, under the quote. */
function renderCrops(crops: readonly QuoteCrop[] | undefined, labels: DossierLabels): string {
  if (!crops || crops.length === 0) return ''
  const images = crops
    .map(
      (crop) =>
        `<img class="scan-crop" src="${escapeMarkup(crop.src)}" width="${crop.width}" height="${crop.height}" alt="${escapeMarkup(labels.scanCrop(crop.page))}">`
    )
    .join('')
  return `<div class="scan-crops">${images}</div>`
}

function renderPassages(ctx: Context): string {
  return ctx.doc.groups
    .map((group, index) => {
      const detail = group.detail.trim()
        ? `<p class="group-detail">${escapeMarkup(group.detail)}</p>`
        : ''
      const eventId = group.key.startsWith('event:') ? group.key.slice('event:'.length) : null
      const quotes = group.quotes.map((quote) => renderQuote(quote, ctx, eventId)).join('')
      return `<section class="group" id="group-${index + 1}" data-key="${escapeMarkup(group.key)}"><h3>${escapeMarkup(group.heading)}</h3>${detail}${quotes}</section>`
    })
    .join('')
}

/** The timeline figure, in parts that each fit a printed page when the dossier has many events. */
function renderTimeline(doc: DossierDocument, labels: DossierLabels): string {
  const parts = renderTimelineParts(doc, labels)
  return parts
    .map((part) => {
      const caption =
        parts.length > 1
          ? `${escapeMarkup(labels.timelineFigure)} <span class="part">(${escapeMarkup(labels.timelinePart(part.from, part.to, part.total))})</span>`
          : escapeMarkup(labels.timelineFigure)
      return `<figure class="timeline-figure">${part.svg}<figcaption>${caption}</figcaption></figure>`
    })
    .join('')
}

function renderMatrix(doc: DossierDocument, labels: DossierLabels): string {
  if (!doc.matrix) return ''
  const parts = matrixParts(doc.matrix)
  return parts.map((part) => renderMatrixTable(part, parts.length > 1, labels)).join('')
}

function renderMatrixTable(
  part: DossierMatrixPart,
  several: boolean,
  labels: DossierLabels
): string {
  const head =
    `<th scope="col">${escapeMarkup(labels.event)}</th>` +
    part.columns.map((column) => `<th scope="col">${escapeMarkup(column.label)}</th>`).join('') +
    `<th scope="col">${escapeMarkup(labels.independent)}</th>`
  const rows = part.rows
    .map((row) => {
      const cells = row.cells
        .map((cell) => {
          if (!cell) return '<td class="count empty"></td>'
          const roles = ROLES.filter((role) => cell[role] > 0)
            .map(
              (role) =>
                `<span class="role role-${role}">${escapeMarkup(labels.roles[role])} ×${cell[role]}</span>`
            )
            .join('')
          return `<td class="count">${roles}</td>`
        })
        .join('')
      const totals = [labels.supporting(row.supporting)]
      if (row.contradicting > 0) totals.push(labels.contradicting(row.contradicting))
      const single = row.singleSource
        ? `<br><span class="single-source">${escapeMarkup(labels.singleSource)}</span>`
        : ''
      return `<tr data-event-id="${escapeMarkup(row.eventId)}"><th scope="row">${escapeMarkup(row.title)}</th>${cells}<td class="total">${escapeMarkup(totals.join(', '))}${single}</td></tr>`
    })
    .join('')
  const caption = several
    ? `${escapeMarkup(labels.sections.matrix)} <span class="part">(${escapeMarkup(labels.matrixPart(part.from, part.to, part.total))})</span>`
    : escapeMarkup(labels.sections.matrix)
  return `<div class="table-wrap"><table class="matrix"><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
}

/** The marks that fall inside a paragraph, clipped to it (a quote may run over two paragraphs). */
function marksIn(
  entry: DossierAppendixEntry,
  paragraph: { start: number; end: number }
): { start: number; end: number; passageId: string }[] {
  return entry.marks
    .filter((mark) => mark.start < paragraph.end && mark.end > paragraph.start)
    .map((mark) => ({
      start: Math.max(mark.start, paragraph.start),
      end: Math.min(mark.end, paragraph.end),
      passageId: mark.passageId
    }))
    .filter((mark) => mark.end > mark.start)
}

/**
 * A paragraph with its marks. Marks may overlap or nest, which HTML elements cannot do; so the
 * text is cut at every mark boundary and each piece is wrapped in the marks covering it, outer
 * (longer) first. Every piece of a mark carries `data-passage`; the first also carries its id.
 */
function markedParagraph(
  entry: DossierAppendixEntry,
  paragraph: { start: number; end: number },
  opened: Set<string>
): string {
  const marks = marksIn(entry, paragraph)
  const cuts = [
    ...new Set([paragraph.start, paragraph.end, ...marks.flatMap((mark) => [mark.start, mark.end])])
  ].sort((a, b) => a - b)
  let html = ''
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const from = cuts[i]!
    const to = cuts[i + 1]!
    let piece = textWithBreaks(entry.text.slice(from, to))
    const covering = marks
      .filter((mark) => mark.start <= from && mark.end >= to)
      .sort((a, b) => b.start - a.start || a.end - b.end)
    // Innermost first, so that the outermost mark ends up outside.
    for (const mark of covering) {
      const first = !opened.has(mark.passageId)
      opened.add(mark.passageId)
      const id = first ? ` id="mark-${safeId(mark.passageId)}"` : ''
      piece = `<mark${id} data-passage="${escapeMarkup(mark.passageId)}">${piece}</mark>`
    }
    html += piece
  }
  return `<p>${html}</p>`
}

function renderAppendix(doc: DossierDocument, labels: DossierLabels): string {
  const articles = new Map(doc.articles.map((article) => [article.id, article]))
  return doc.appendix
    .map((entry) => {
      const { citation } = entry
      const byline = [citation.outlet, citation.author]
        .filter((part) => part.trim() !== '')
        .map(escapeMarkup)
      const article = articles.get(citation.articleId)
      byline.push(escapeMarkup(labels.formatPublished(article?.published ?? null)))
      const opened = new Set<string>()
      const paragraphs = entry.paragraphs
        .map((paragraph) => markedParagraph(entry, paragraph, opened))
        .join('')
      return (
        `<section class="appendix-entry" id="appendix-${citation.number}"${langAttribute(article?.language ?? '')}>` +
        `<h3><a class="cite-ref" href="#source-${citation.number}">[${citation.number}]</a> ${escapeMarkup(citation.title)}</h3>` +
        `<p class="citation">${byline.join(', ')}</p>${paragraphs}</section>`
      )
    })
    .join('')
}

/** Passage id → the appendix anchor its quote links to, when the appendix is shown. */
function appendixTargets(
  doc: DossierDocument,
  sections: DossierSectionKind[]
): Map<string, string> {
  const targets = new Map<string, string>()
  if (!sections.includes('appendix')) return targets
  for (const entry of doc.appendix) {
    for (const quote of doc.quotes) {
      if (quote.article.id === entry.citation.articleId) {
        targets.set(quote.passage.id, `appendix-${entry.citation.number}`)
      }
    }
    // A mark is a better target than the article, if it shows in some paragraph.
    for (const paragraph of entry.paragraphs) {
      for (const mark of marksIn(entry, paragraph)) {
        targets.set(mark.passageId, `mark-${safeId(mark.passageId)}`)
      }
    }
  }
  return targets
}

function renderSources(doc: DossierDocument, labels: DossierLabels, withAppendix: boolean): string {
  const published = new Map(doc.articles.map((article) => [article.id, article.published]))
  const items = doc.citations
    .map((citation) => {
      const parts = [
        citation.outlet.trim() ? escapeMarkup(citation.outlet) : '',
        citation.title.trim() ? `<cite>${escapeMarkup(citation.title)}</cite>` : '',
        citation.author.trim() ? escapeMarkup(citation.author) : '',
        escapeMarkup(labels.formatPublished(published.get(citation.articleId) ?? null))
      ].filter((part) => part !== '')
      const file = citation.sourceName
        ? ` <span class="source-file">${escapeMarkup(`${labels.sourceFile}: ${citation.sourceName}`)}</span>`
        : ''
      const appendix = withAppendix
        ? ` · <a href="#appendix-${citation.number}">${escapeMarkup(labels.sections.appendix)}</a>`
        : ''
      return `<li id="source-${citation.number}"><span class="number">[${citation.number}]</span> ${parts.join(', ')}.${file}${appendix}</li>`
    })
    .join('')
  return `<section id="sources" class="sources"><h2>${escapeMarkup(labels.sources)}</h2><ol>${items}</ol></section>`
}

/**
 * What the HTML is for. `file`: the exported file, read on screen and printable from a browser.
 * `print`: only the page a PDF is printed from (by the app, never shown): the same dossier, but
 * nothing is laid out for a screen no one sees, and notes have no link back to their call, which
 * paper cannot follow (a PDF viewer's Back does it). Chromium checks every link target on every
 * printed page: 500 back links cost about 0.8 s on the bench's 240-page dossier.
 */
export type DossierHtmlPurpose = 'file' | 'print'

/**
 * The `<article>` of the dossier, without document head: the export's body and the app's preview.
 * `crops`: images of the scanned pages to show under quotes, by passage id (see `quoteCrops`).
 */
export function renderDossierBody(
  doc: DossierDocument,
  labels: DossierLabels,
  purpose: DossierHtmlPurpose = 'file',
  crops: ReadonlyMap<string, readonly QuoteCrop[]> = new Map()
): string {
  const { dossier } = doc
  const sections = visibleSections(doc)
  const ctx: Context = {
    doc,
    labels,
    footnotes: new Footnotes(),
    shown: new Set(),
    targets: appendixTargets(doc, sections),
    crops
  }

  const body = sections.map((kind) => {
    let content: string
    if (kind === 'introduction') {
      content = `<div class="introduction">${renderIntroductionHtml(dossier.introduction)}</div>`
    } else if (kind === 'timeline') {
      content = renderTimeline(doc, labels)
    } else if (kind === 'passages') {
      content = renderPassages(ctx)
    } else if (kind === 'matrix') {
      content = renderMatrix(doc, labels)
    } else {
      content = renderAppendix(doc, labels)
    }
    return `<section id="${kind}" class="section-${kind}"><h2>${escapeMarkup(labels.sections[kind])}</h2>${content}</section>`
  })
  const notes = ctx.footnotes.render(labels, purpose === 'file')
  const sources = renderSources(doc, labels, sections.includes('appendix'))

  const tocItems = sections.map((kind) => {
    const groups =
      kind === 'passages' && doc.groups.length > 0
        ? `<ol>${doc.groups.map((group, index) => `<li><a href="#group-${index + 1}">${escapeMarkup(group.heading)}</a></li>`).join('')}</ol>`
        : ''
    return `<li><a href="#${kind}">${escapeMarkup(labels.sections[kind])}</a>${groups}</li>`
  })
  if (notes) tocItems.push(`<li><a href="#notes">${escapeMarkup(labels.notes)}</a></li>`)
  tocItems.push(`<li><a href="#sources">${escapeMarkup(labels.sources)}</a></li>`)
  const toc = `<nav class="toc" aria-labelledby="contents"><h2 id="contents">${escapeMarkup(labels.contents)}</h2><ol>${tocItems.join('')}</ol></nav>`

  const authors = dossier.authors.map((a) => a.trim()).filter((a) => a !== '')
  const header =
    `<header><h1>${escapeMarkup(dossier.title)}</h1>` +
    (dossier.subtitle.trim() ? `<p class="subtitle">${escapeMarkup(dossier.subtitle)}</p>` : '') +
    (authors.length > 0
      ? `<p class="byline">${escapeMarkup(labels.by(authors.join(', ')))}</p>`
      : '') +
    `<p class="generated">${escapeMarkup(labels.generated(labels.formatTimestamp(doc.generatedAt)))}</p></header>`

  return `<article class="dossier" lang="${escapeMarkup(labels.lang)}">${header}${toc}${body.join('')}${notes}${sources}</article>`
}

/**
 * Shown to print media only: Chromium lays a loaded page out for the screen before printing lays
 * it out again in pages; a page that is only printed skips that first layout (0.5 to 0.9 s
 * measured on the bench's 240-page dossier).
 */
const PRINT_ONLY = '@media screen { html { display: none; } }'

/** The whole file: a strict CSP first in the head, the stylesheet inline, no script. */
export function renderDossierHtml(
  doc: DossierDocument,
  labels: DossierLabels,
  purpose: DossierHtmlPurpose = 'file',
  crops?: ReadonlyMap<string, readonly QuoteCrop[]>
): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeMarkup(labels.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${DOSSIER_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Liasse">',
    `<title>${escapeMarkup(doc.dossier.title)}</title>`,
    `<style>\nhtml { background: #ffffff; }\nbody { margin: 0; }\n${DOSSIER_CSS}\n</style>`,
    ...(purpose === 'print' ? [`<style>${PRINT_ONLY}</style>`] : []),
    '</head>',
    '<body>',
    renderDossierBody(doc, labels, purpose, crops),
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
