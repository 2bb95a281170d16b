import { describe, expect, it } from 'vitest'
import {
  axisTicks,
  createTimelineIndex,
  layoutTimeline,
  queryInterval,
  timelineIndex,
  type LayoutInput,
  type PlacedEvent,
  type PlacedGroup
} from './layout'
import { eventInterval, parseEventDate } from './event-dates'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const utc = (y: number, m = 1, d = 1, h = 0): number => Date.UTC(y, m - 1, d, h)

function event(id: string, start: number, end: number, approximate = false): LayoutInput {
  return { id, interval: [start, end], approximate }
}
const month = (id: string, y: number, m: number): LayoutInput => event(id, utc(y, m), utc(y, m + 1))
const day = (id: string, y: number, m: number, d: number): LayoutInput =>
  event(id, utc(y, m, d), utc(y, m, d + 1))

const events = (items: readonly unknown[]): PlacedEvent[] =>
  items.filter((item): item is PlacedEvent => (item as PlacedEvent).kind === 'event')
const groups = (items: readonly unknown[]): PlacedGroup[] =>
  items.filter((item): item is PlacedGroup => (item as PlacedGroup).kind === 'group')

describe('timeline layout', () => {
  it('draws a month-precision event as a month-wide bar and a day event as a day', () => {
    const dated = (id: string, text: string): LayoutInput => ({
      id,
      interval: eventInterval(parseEventDate(text)!),
      approximate: false
    })
    const index = createTimelineIndex([dated('m', '2016-10'), dated('d', '2016-10-21')])
    // One year over 1,200 px: about 100 px a month, 3.3 px a day.
    const year = layoutTimeline(index, { from: utc(2016), to: utc(2017), widthPx: 1200 })
    const m = year.items.find((item) => item.kind === 'event' && item.id === 'm') as PlacedEvent
    const d = year.items.find((item) => item.kind === 'event' && item.id === 'd') as PlacedEvent
    expect(m.shape).toBe('bar')
    expect(m.width).toBeCloseTo((31 * DAY * 1200) / (utc(2017) - utc(2016)), 5)
    expect(m.x).toBeCloseTo(((utc(2016, 10) - utc(2016)) * 1200) / (utc(2017) - utc(2016)), 5)
    // Narrower than a few pixels: a point at the middle of its day, not a bar.
    expect(d.shape).toBe('point')
    expect(d.width).toBe(0)
    expect(d.x).toBeCloseTo(((utc(2016, 10, 21, 12) - utc(2016)) * 1200) / (utc(2017) - utc(2016)))
    // They overlap in time: not in the same lane.
    expect(m.lane).not.toBe(d.lane)

    // Zoomed on October (31 days over 1,240 px): the day is a 40 px bar, the month fills the view.
    const october = layoutTimeline(index, { from: utc(2016, 10), to: utc(2016, 11), widthPx: 1240 })
    const [m2, d2] = ['m', 'd'].map((id) => events(october.items).find((e) => e.id === id)!)
    expect(d2!.shape).toBe('bar')
    expect(d2!.width).toBeCloseTo(40, 5)
    expect(m2!.x).toBeCloseTo(0, 5)
    expect(m2!.width).toBeCloseTo(1240, 5)
  })

  it('assigns lanes greedily so that nothing overlaps', () => {
    const items = [
      month('a', 2016, 1),
      month('b', 2016, 1),
      month('c', 2016, 2),
      day('d', 2016, 3, 10),
      day('e', 2016, 3, 10)
    ]
    const layout = layoutTimeline(createTimelineIndex(items), {
      from: utc(2016),
      to: utc(2016, 5),
      widthPx: 1200
    })
    const lanes = Object.fromEntries(events(layout.items).map((e) => [e.id, e.lane]))
    expect(lanes).toEqual({ a: 0, b: 1, c: 0, d: 0, e: 1 })
    expect(layout.laneCount).toBe(2)
    const placed = events(layout.items)
    for (const one of placed)
      for (const other of placed) {
        if (one === other || one.lane !== other.lane) continue
        const extent = (e: PlacedEvent): [number, number] =>
          e.shape === 'bar' ? [e.x, e.x + Math.max(e.width, 40)] : [e.x - 7, e.x - 7 + 40]
        const [a0, a1] = extent(one)
        const [b0, b1] = extent(other)
        expect(a1 <= b0 || b1 <= a0).toBe(true)
      }
  })

  it('groups a dense period and splits the group when zooming in', () => {
    // 40 events over ten days of October 2016, one every six hours.
    const items = Array.from({ length: 40 }, (_, i) =>
      event(`e${i}`, utc(2016, 10, 1) + i * 6 * HOUR, utc(2016, 10, 1) + i * 6 * HOUR + HOUR)
    )
    const index = createTimelineIndex(items)
    const decade = layoutTimeline(index, { from: utc(2010), to: utc(2020), widthPx: 1000 })
    expect(events(decade.items)).toHaveLength(0)
    const [group] = groups(decade.items)
    expect(groups(decade.items)).toHaveLength(1)
    expect(group!.count).toBe(40)
    expect(group!.ids).toEqual(items.map((e) => e.id))
    expect(group!.interval).toEqual([utc(2016, 10, 1), utc(2016, 10, 1) + 39 * 6 * HOUR + HOUR])
    expect(group!.splittable).toBe(true)
    expect(group!.shape).toBe('pill')
    expect([group!.firstOrder, group!.lastOrder]).toEqual([0, 39])

    // Zoomed on its span, cells are much shorter: no more than 5 events start in any.
    const [start, end] = group!.starts
    const zoomed = layoutTimeline(index, { from: start, to: end + 12 * HOUR, widthPx: 1000 })
    expect(groups(zoomed.items)).toHaveLength(0)
    expect(events(zoomed.items)).toHaveLength(40)
  })

  it('keeps a crowd of month events a month-long group bar, apart from the days', () => {
    // Ten events of "October 2016" and three days in early October.
    const items = [
      ...Array.from({ length: 10 }, (_, i) => month(`m${i}`, 2016, 10)),
      day('d1', 2016, 10, 1),
      day('d2', 2016, 10, 2),
      day('d3', 2016, 10, 3)
    ]
    const index = createTimelineIndex(items)
    const layout = layoutTimeline(index, { from: utc(2016), to: utc(2017), widthPx: 1000 })
    const [group] = groups(layout.items)
    expect(groups(layout.items)).toHaveLength(1)
    expect(group!.shape).toBe('bar')
    expect(group!.count).toBe(10)
    expect(group!.interval).toEqual([utc(2016, 10), utc(2016, 11)])
    const pxPerMs = 1000 / (utc(2017) - utc(2016))
    expect(group!.x).toBeCloseTo((utc(2016, 10) - utc(2016)) * pxPerMs, 5)
    expect(group!.width).toBeCloseTo(31 * DAY * pxPerMs, 5)
    // All start together: zooming cannot split them (the UI lists them instead).
    expect(group!.splittable).toBe(false)
    // Members are told apart from the days that start in the same place.
    const order = (id: string): number => index.position.get(id)!
    expect(group!.contains(order('m3'))).toBe(true)
    expect(group!.contains(order('d1'))).toBe(false)
    expect(group!.ids).toHaveLength(10)
    expect(events(layout.items).map((e) => e.id)).toEqual(['d1', 'd2', 'd3'])

    // Years are grouped with years, not with the months that start on the same day.
    const withYears = createTimelineIndex([
      ...items,
      ...Array.from({ length: 7 }, (_, i) => event(`y${i}`, utc(2016), utc(2017))),
      ...Array.from({ length: 6 }, (_, i) => month(`j${i}`, 2016, 1))
    ])
    const bars = groups(
      layoutTimeline(withYears, { from: utc(2015, 12), to: utc(2017), widthPx: 1000 }).items
    ).map((g) => [g.count, g.interval.map((t) => new Date(t).toISOString().slice(0, 7))])
    expect(bars).toEqual([
      [7, ['2016-01', '2017-01']],
      [6, ['2016-01', '2016-02']],
      [10, ['2016-10', '2016-11']]
    ])

    // Zoomed on October, still one month-wide group, and the days are day-wide bars.
    const october = layoutTimeline(index, { from: utc(2016, 10), to: utc(2016, 11), widthPx: 1240 })
    expect(groups(october.items)[0]!.width).toBeCloseTo(1240, 5)
    expect(events(october.items).map((e) => [e.id, e.shape, Math.round(e.width)])).toEqual([
      ['d1', 'bar', 40],
      ['d2', 'bar', 40],
      ['d3', 'bar', 40]
    ])
  })

  it('keeps groups and lanes in place while panning', () => {
    const items = Array.from({ length: 300 }, (_, i) =>
      day(`d${i}`, 2016, 1 + Math.floor(i / 28), 1 + (i % 28))
    ).concat(Array.from({ length: 12 }, (_, i) => event(`x${i}`, utc(2016, 3, 3), utc(2016, 3, 4))))
    const index = createTimelineIndex(items)
    const span = 60 * DAY
    const at = (from: number): Map<string, number> => {
      const layout = layoutTimeline(index, { from, to: from + span, widthPx: 1200 })
      return new Map(layout.items.map((item) => [item.key, item.lane]))
    }
    const page = Math.ceil(utc(2016, 2) / span) * span
    const before = at(page + DAY)
    const after = at(page + 3 * DAY)
    let shared = 0
    for (const [key, lane] of after) {
      if (!before.has(key)) continue
      shared++
      expect(before.get(key)).toBe(lane)
    }
    expect(shared).toBeGreaterThan(20)
  })

  it('returns only what meets the viewport', () => {
    const items = [
      day('before', 2015, 6, 1),
      day('inside', 2016, 6, 1),
      day('after', 2017, 6, 1),
      event('long', utc(2010), utc(2020)),
      month('december', 2015, 12),
      { ...day('undated', 2016, 6, 2), undated: true }
    ]
    const index = createTimelineIndex(items)
    expect(index.undated.map((e) => e.id)).toEqual(['undated'])
    const layout = layoutTimeline(index, { from: utc(2016), to: utc(2017), widthPx: 1000 })
    expect(events(layout.items).map((e) => e.id)).toEqual(['long', 'inside'])
    const long = events(layout.items).find((e) => e.id === 'long')!
    // Clipped to the view, a little beyond its edges.
    expect(long.clippedStart && long.clippedEnd).toBe(true)
    expect(long.x).toBeLessThan(0)
    expect(long.x + long.width).toBeGreaterThan(1000)
    expect(long.width).toBeLessThan(1200)
  })

  it('finds intervals with binary searches, including long ones', () => {
    const items = [
      ...Array.from({ length: 1000 }, (_, i) => day(`d${i}`, 2014, 1, 1 + i)),
      event('decade', utc(2010), utc(2020)),
      event('instant', utc(2016, 3, 1), utc(2016, 3, 1))
    ]
    const index = timelineIndex(items)
    expect(timelineIndex(items)).toBe(index)
    const ids = (from: number, to: number): string[] =>
      [...queryInterval(index, from, to)].map((i) => index.items[i]!.id)
    expect(ids(utc(2016, 3, 1), utc(2016, 3, 2))).toEqual(['decade', 'd790', 'instant'])
    expect(ids(utc(2030), utc(2031))).toEqual([])
  })

  it('chooses the tick unit from the zoom: years, months, days, hours', () => {
    const width = 1200
    const unit = (from: number, to: number): string => axisTicks({ from, to, widthPx: width }).unit
    expect(unit(utc(1990), utc(2030))).toBe('year')
    expect(unit(utc(2014), utc(2019))).toBe('month')
    expect(unit(utc(2016, 9), utc(2016, 12))).toBe('day')
    expect(unit(utc(2016, 10, 21), utc(2016, 10, 22))).toBe('hour')

    const years = axisTicks({ from: utc(1990), to: utc(2030), widthPx: width })
    expect(years.ticks.map((t) => new Date(t.time).getUTCFullYear())).toEqual([
      1990, 1995, 2000, 2005, 2010, 2015, 2020, 2025, 2030
    ])
    expect(years.ticks.filter((t) => t.major).length).toBe(5)

    const hours = axisTicks({ from: utc(2016, 10, 21), to: utc(2016, 10, 22), widthPx: width })
    expect(hours.step).toBe(2)
    expect(hours.ticks[0]).toEqual({ time: utc(2016, 10, 21), x: 0, major: true })
    expect(hours.ticks[1]!.time - hours.ticks[0]!.time).toBe(2 * HOUR)
    expect(hours.ticks[1]!.x).toBeCloseTo(100, 5)

    // Day ticks restart at each month's first; no tick a day before it.
    const days = axisTicks({ from: utc(2016, 1, 1), to: utc(2016, 4, 1), widthPx: width })
    expect(days.unit).toBe('day')
    const dates = days.ticks.map((t) => new Date(t.time).toISOString().slice(0, 10))
    expect(dates).toContain('2016-02-01')
    for (const tick of days.ticks) expect(new Date(tick.time + DAY).getUTCDate()).not.toBe(1)
  })
})
