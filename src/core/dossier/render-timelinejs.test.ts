// TimelineJS3 JSON of the dossier's events: sorted, dates at precision, undated events left out,
// user text escaped since TimelineJS renders it as HTML.
import { describe, expect, it } from 'vitest'
import { renderTimelineJs, renderTimelineJsJson } from './render-timelinejs'
import { englishLabels, sampleDocument } from '../../../test/dossier/test-fixture'

describe('renderTimelineJs', () => {
  it('lists dated events by date with dates at their precision, undated left out', async () => {
    const doc = await sampleDocument()
    const labels = englishLabels()
    const timeline = renderTimelineJs(doc, labels)
    expect(timeline.events.map((e) => e.unique_id)).toEqual(['e-campaign', 'e-oct3', 'e-atlantic'])
    const [campaign, oct3] = timeline.events
    // Month precision: no day, and a range has an end date.
    expect(campaign!.start_date).toEqual({ year: 2016, month: 9 })
    expect(campaign!.end_date).toEqual({ year: 2017, month: 7 })
    expect(campaign!.display_date).toBe('about September 2016 – July 2017')
    expect(campaign!.group).toBe(labels.statuses.disputed)
    expect(oct3!.start_date).toEqual({ year: 2016, month: 10, day: 3 })
    expect(oct3!.end_date).toBeUndefined()
    expect(oct3!.text.headline).toBe('WikiLeaks asks about a leak')
    expect(oct3!.text.text).toContain(labels.supporting(1))
    expect(campaign!.text.text).toContain(labels.contradicting(1))
    expect(timeline.title.text.headline).toBe('WikiLeaks et Trump Jr')
  })

  it('escapes user text and keeps times with day precision', async () => {
    const doc = await sampleDocument()
    const entry = doc.events.find((e) => e.event.id === 'e-oct3')!
    const event = {
      ...entry.event,
      title: 'A <b>bold</b> "claim" & more',
      description: 'Line one\n<script>x</script>',
      date: {
        start: '2016-10-03',
        precision: 'day' as const,
        approximate: false,
        time: '14:05',
        timeZone: 'Europe/Paris'
      }
    }
    const timeline = renderTimelineJs({ ...doc, events: [{ ...entry, event }] }, englishLabels())
    const [slide] = timeline.events
    expect(slide!.start_date).toEqual({ year: 2016, month: 10, day: 3, hour: 14, minute: 5 })
    expect(slide!.text.headline).toBe('A &lt;b&gt;bold&lt;/b&gt; &quot;claim&quot; &amp; more')
    expect(slide!.text.text).toMatch(/^Line one<br>&lt;script&gt;x&lt;\/script&gt;<br>/)
    expect(JSON.parse(renderTimelineJsJson({ ...doc, events: [] }, englishLabels()))).toEqual({
      title: { text: { headline: 'WikiLeaks et Trump Jr', text: 'Ce que disent les sources' } },
      events: []
    })
  })
})
