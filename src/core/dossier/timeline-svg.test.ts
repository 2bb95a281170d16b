// The timeline figure as a reader sees it: a titled image, one bar per dated event drawn over the
// whole span its date covers, approximate dates dashed, undated events listed, counts on each.
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { englishLabels, frenchLabels, sampleDocument } from '../../../test/dossier/test-fixture'
import { TIMELINE_PART_HEIGHT, renderTimelineParts, renderTimelineSvg } from './timeline-svg'
import type { DossierDocument } from './types'

function parse(svg: string): Document {
  return new JSDOM(`<!DOCTYPE html><body>${svg}</body>`).window.document
}

function bar(doc: Document, eventId: string): { x: number; width: number; el: Element } {
  const el = doc.querySelector(`g[data-event-id="${eventId}"] rect.event-bar`)
  if (!el) throw new Error(`no bar for ${eventId}`)
  return { x: Number(el.getAttribute('x')), width: Number(el.getAttribute('width')), el }
}

describe('renderTimelineSvg', () => {
  it('is an image titled with the figure label, described in words for assistive technology', async () => {
    const labels = englishLabels()
    const dom = parse(renderTimelineSvg(await sampleDocument(), labels))
    const svg = dom.querySelector('svg')!
    expect(svg.getAttribute('role')).toBe('img')
    expect(svg.querySelector(':scope > title')!.textContent).toBe(labels.timelineFigure)
    for (const id of svg.getAttribute('aria-labelledby')!.split(' ')) {
      expect(dom.getElementById(id)).not.toBeNull()
    }
    expect(svg.querySelector('desc')!.textContent).toContain('The Atlantic publishes the messages')
  })

  it('draws one bar per dated event and lists the undated one as text below the axis', async () => {
    const doc = await sampleDocument()
    const dom = parse(renderTimelineSvg(doc, englishLabels()))
    const dated = doc.events.filter((e) => e.event.date !== null)
    expect(dom.querySelectorAll('rect.event-bar')).toHaveLength(dated.length)
    expect(dated).toHaveLength(3)
    const undated = [...dom.querySelectorAll('.undated-event')].map((el) => el.textContent)
    expect(undated).toHaveLength(1)
    expect(undated[0]).toContain('A meeting nobody dated')
    expect(dom.querySelector('.undated-heading')!.textContent).toBe('Undated')
  })

  it('cuts a title too long for the frame at a word, and keeps it whole in the tooltip', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    const long =
      'WikiLeaks, le site anti-confidentialité qui est désormais scruté de près à cause de sa ' +
      'prise de position en faveur de la Russie, était en contact avec Donald Trump Jr.'
    doc.events.find((e) => e.event.id === 'e-campaign')!.event.title = long
    const dom = parse(renderTimelineSvg(doc, englishLabels()))
    const group = dom.querySelector('g[data-event-id="e-campaign"]')!
    const shown = group.querySelector('text')!.textContent!
    expect(shown.endsWith('…')).toBe(true)
    expect(shown.length).toBeLessThan(long.length)
    expect(long.startsWith(shown.slice(0, -1))).toBe(true)
    expect(long.charAt(shown.length - 1)).toMatch(/[\s,]/) // cut between words
    expect(group.querySelector('title')!.textContent).toContain(long)
    // Short titles are left alone.
    const short = dom.querySelector('g[data-event-id="e-oct3"] text')!.textContent!
    expect(short.endsWith('…')).toBe(false)
  })

  it('gives a month the width of its month, wider than a day that falls inside it', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    doc.events.find((e) => e.event.id === 'e-campaign')!.event.date = {
      start: '2016-10',
      precision: 'month',
      approximate: false
    }
    const dom = parse(renderTimelineSvg(doc, englishLabels()))
    const month = bar(dom, 'e-campaign')
    const day = bar(dom, 'e-oct3')
    expect(month.width).toBeGreaterThan(day.width * 5)
    // 3 October is drawn inside October, not at a made-up first day of the month.
    expect(day.x).toBeGreaterThan(month.x)
    expect(day.x + day.width).toBeLessThan(month.x + month.width)
    expect(month.el.getAttribute('data-precision')).toBe('month')
  })

  it('draws a range across its range and dashes an approximate date', async () => {
    const dom = parse(renderTimelineSvg(await sampleDocument(), englishLabels()))
    const campaign = bar(dom, 'e-campaign') // ~2016-09/2017-07
    const oct3 = bar(dom, 'e-oct3')
    const atlantic = bar(dom, 'e-atlantic')
    expect(campaign.x).toBeLessThan(oct3.x)
    expect(campaign.x + campaign.width).toBeLessThan(atlantic.x)
    expect(campaign.el.getAttribute('stroke-dasharray')).toBeTruthy()
    expect(oct3.el.getAttribute('stroke-dasharray')).toBeNull()
  })

  it('shows the source counts on each event, in the dossier language', async () => {
    const doc = await sampleDocument()
    const labels = frenchLabels()
    const dom = parse(renderTimelineSvg(doc, labels))
    const atlantic = dom.querySelector('g[data-event-id="e-atlantic"]')!.textContent!
    expect(atlantic).toContain('2 sources indépendantes')
    const campaign = dom.querySelector('g[data-event-id="e-campaign"]')!.textContent!
    expect(campaign).toContain(labels.contradicting(1))
    expect(campaign).toContain('vers septembre 2016 – juillet 2017')
    expect(dom.querySelector('.undated-heading')!.textContent).toBe(labels.undated)
  })

  it('escapes event titles and refers to no URL unless saved as its own file', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    doc.events[0]!.event.title = '<script>alert(1)</script> & co'
    const svg = renderTimelineSvg(doc, englishLabels())
    const dom = parse(svg)
    expect(dom.querySelector('script')).toBeNull()
    expect(dom.querySelector('g.event')!.textContent).toContain('<script>alert(1)</script> & co')
    expect(svg).not.toMatch(/https?:|url\(/)
    expect(renderTimelineSvg(doc, englishLabels(), { standalone: true })).toContain(
      'xmlns="http://www.w3.org/2000/svg"'
    )
  })

  it('still renders a titled figure when no event is dated', async () => {
    const doc = structuredClone(await sampleDocument()) as DossierDocument
    doc.events = doc.events.filter((e) => e.event.date === null)
    const dom = parse(renderTimelineSvg(doc, englishLabels()))
    expect(dom.querySelectorAll('rect.event-bar')).toHaveLength(0)
    expect(dom.querySelectorAll('.undated-event')).toHaveLength(1)
    expect(dom.querySelector('svg')!.getAttribute('viewBox')).not.toMatch(/NaN|Infinity/)
  })

  it('comes in parts that each fit a printed page, with the same axis, when there are many events', async () => {
    const base = await sampleDocument()
    const doc = structuredClone(base) as DossierDocument
    const template = doc.events.find((e) => e.event.id === 'e-oct3')!
    const undated = doc.events.find((e) => e.event.date === null)!
    doc.events = [
      ...Array.from({ length: 40 }, (_, i) => ({
        ...structuredClone(template),
        event: {
          ...template.event,
          id: `e-${i}`,
          title: `Event ${i}`,
          date: {
            start: `2016-${String(1 + (i % 12)).padStart(2, '0')}-10`,
            precision: 'day' as const,
            approximate: false
          }
        }
      })),
      ...Array.from({ length: 50 }, (_, i) => ({
        ...structuredClone(undated),
        event: { ...undated.event, id: `u-${i}`, title: `Undated ${i}` }
      }))
    ]
    const labels = englishLabels()
    const parts = renderTimelineParts(doc, labels)
    expect(parts.length).toBeGreaterThan(3)
    // Every event once, in order, each part numbered and no taller than a page allows.
    const ids: string[] = []
    const ticks = new Set<string>()
    const pageIds = new Set<string>()
    for (const [index, part] of parts.entries()) {
      const dom = parse(part.svg)
      const svg = dom.querySelector('svg')!
      expect(Number(svg.getAttribute('height'))).toBeLessThanOrEqual(TIMELINE_PART_HEIGHT)
      const shown = [...dom.querySelectorAll('[data-event-id]')].map((el) =>
        el.getAttribute('data-event-id')!
      )
      expect(shown).toHaveLength(part.to - part.from + 1)
      ids.push(...shown)
      expect(part.total).toBe(90)
      expect(svg.querySelector(':scope > title')!.textContent).toBe(
        `${labels.timelineFigure} (${labels.timelinePart(part.from, part.to, part.total)})`
      )
      for (const id of svg.getAttribute('aria-labelledby')!.split(' ')) {
        expect(dom.getElementById(id)).not.toBeNull()
        expect(pageIds.has(id), `${id} in part ${index + 1}`).toBe(false)
        pageIds.add(id)
      }
      // The same dates at the same place in every part that has dated rows.
      const axis = [...svg.querySelectorAll(':scope > text')]
        .filter(
          (text) =>
            !text.classList.contains('undated-event') && !text.classList.contains('undated-heading')
        )
        .map((text) => `${text.getAttribute('x')}:${text.textContent}`)
        .join('|')
      if (axis) ticks.add(axis)
    }
    expect(ids).toEqual(doc.events.map((e) => e.event.id))
    expect(parts.map((p) => p.from)).toEqual([1, ...parts.slice(0, -1).map((p) => p.to + 1)])
    expect(ticks.size).toBe(1)
    // Balanced: the dated parts differ by one row at most.
    const datedCounts = parts
      .map((part) => (part.svg.match(/class="event-bar"/g) ?? []).length)
      .filter((n) => n > 0)
    expect(Math.max(...datedCounts) - Math.min(...datedCounts)).toBeLessThanOrEqual(1)
    // A small timeline stays one figure under its plain title.
    const one = renderTimelineParts(base, labels)
    expect(one).toHaveLength(1)
    expect(parse(one[0]!.svg).querySelector('svg > title')!.textContent).toBe(labels.timelineFigure)
  })
})
