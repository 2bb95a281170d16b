// Layout of events on a time axis, pure and framework-free: which events are drawn in a viewport,
// where, in which lane, which ones are too dense to draw one by one (groups), and the axis ticks.
//
// Honest geometry: an event covers its whole interval (a month-precision event is a month-wide
// bar), and is reduced to a point only when that interval is narrower than a few pixels.
// All calendar arithmetic is in UTC, like the dates of events (see event-dates.ts).
//
// Cost: the items are sorted once (createTimelineIndex, memoized per array by timelineIndex);
// a layout then costs a few binary searches plus work proportional to what is drawn: a dense
// period collapsed into a group is jumped over, not walked through.

/** An event to place: its interval is [start, end) in ms since the epoch. */
export interface LayoutInput {
  id: string
  interval: readonly [number, number]
  approximate: boolean
  /** Undated events are never placed on the axis (they are listed apart). */
  undated?: boolean
}

export interface Viewport {
  /** Time at the left edge (ms). */
  from: number
  /** Time at the right edge (ms), > from. */
  to: number
  /** Drawing width in CSS pixels. */
  widthPx: number
}

export interface LayoutOptions {
  /** An interval at least this wide is drawn as a bar; narrower, as a point at its middle. */
  minBarPx: number
  /** Size of the marker of a point. */
  markerPx: number
  /** Horizontal room an event needs in its lane (marker plus source badge). */
  pointPx: number
  /** Horizontal room a group needs in its lane ("12 events"). */
  groupPx: number
  /** Free space kept between two neighbours in a lane. */
  gapPx: number
  /** Width of a density cell: the items starting within one cell may be grouped. */
  clusterPx: number
  /** More than this many items starting in one cell are shown as one group. */
  groupThreshold: number
  /** The narrowest viewport the UI allows (max zoom): decides whether zooming can split a group. */
  minSpanMs: number
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  minBarPx: 6,
  markerPx: 14,
  pointPx: 40,
  groupPx: 84,
  gapPx: 4,
  clusterPx: 48,
  groupThreshold: 5,
  minSpanMs: 6 * 3_600_000
}

export interface PlacedEvent<T extends LayoutInput = LayoutInput> {
  kind: 'event'
  key: string
  id: string
  item: T
  /** Position in the index's time order (for keyboard navigation). */
  order: number
  shape: 'bar' | 'point'
  /** Bar: left edge; point: centre. In px from the viewport's left edge. */
  x: number
  /** Drawn width of a bar (0 for a point), after clipping. */
  width: number
  lane: number
  /** The bar goes on past the drawn edge (clipped): no rounded end there. */
  clippedStart: boolean
  clippedEnd: boolean
  approximate: boolean
}

export interface PlacedGroup {
  kind: 'group'
  key: string
  count: number
  /**
   * 'pill': short events (each narrower than a cell) starting close together, drawn as a label
   * at their starts. 'bar': long events starting close together (several the same month, year),
   * drawn over their whole span.
   */
  shape: 'pill' | 'bar'
  /** From the first start to the last end of its members. */
  interval: readonly [number, number]
  /** Span of the members' starts: zooming to it splits the group (if splittable). */
  starts: readonly [number, number]
  /** Zooming in (down to minSpanMs) would separate at least some of its members. */
  splittable: boolean
  /** Time-order positions of its first and last member (members need not be consecutive). */
  firstOrder: number
  lastOrder: number
  x: number
  width: number
  lane: number
  clippedStart: boolean
  clippedEnd: boolean
  /** Ids of the members, in time order (computed on first read). */
  readonly ids: readonly string[]
  /** Whether the event at this time-order position is one of the members. */
  contains(order: number): boolean
}

export type PlacedItem<T extends LayoutInput = LayoutInput> = PlacedEvent<T> | PlacedGroup

export type TickUnit = 'year' | 'month' | 'day' | 'hour'

export interface Tick {
  /** The instant the tick marks (start of a UTC year, month, day or hour). */
  time: number
  x: number
  /** Starts a larger unit (a decade, a year, a month, a day): the UI labels it with more context. */
  major: boolean
}

export interface AxisTicks {
  unit: TickUnit
  /** A tick every `step` units. */
  step: number
  ticks: Tick[]
}

export interface TimelineLayout<T extends LayoutInput = LayoutInput> {
  /** What meets the viewport, in time order (of starts), with lanes (0 is the top one). */
  items: PlacedItem<T>[]
  /** Lanes used by the returned items. */
  laneCount: number
  ticks: AxisTicks
  msPerPx: number
}

/** Items of similar durations (within a factor of two), in time order. */
interface DurationClass {
  /** Longest duration in the class. */
  maxDuration: number
  /** Positions in the sorted items, ascending (so in time order). */
  order: Int32Array
  starts: Float64Array
}

/** The items of the duration classes [lo, hi), in time order, with what grouping needs. */
interface Tier {
  lo: number
  hi: number
  order: Int32Array
  starts: Float64Array
  /** Sparse table of maxima of the ends, for O(1) range maxima (a group's end). */
  endMax: Float64Array[]
}

export interface TimelineIndex<T extends LayoutInput = LayoutInput> {
  /**
   * Dated items sorted by start, the longer first on a tie (2016 before October 2016, as in
   * compareEventDates), then by id: the time order.
   */
  readonly items: readonly T[]
  readonly starts: Float64Array
  readonly ends: Float64Array
  /** id → position in items. */
  readonly position: ReadonlyMap<string, number>
  /** [earliest start, latest end] of the dated items, or null when there are none. */
  readonly extent: readonly [number, number] | null
  readonly undated: readonly T[]
  /** Items bucketed by duration (powers of two, shortest first), to find long ones quickly. */
  readonly classes: readonly DurationClass[]
  /** Rank in `classes` of each item. */
  readonly classOf: Uint8Array
  /** Tiers by class range ("lo-hi"), built on first use. */
  readonly tiers: Map<string, Tier>
}

/** Sorts the items once; every layout of the same items reuses the index. O(n log n). */
export function createTimelineIndex<T extends LayoutInput>(input: readonly T[]): TimelineIndex<T> {
  const undated: T[] = []
  const dated: T[] = []
  for (const item of input) {
    const [start, end] = item.interval
    if (item.undated || !Number.isFinite(start) || !Number.isFinite(end)) undated.push(item)
    else dated.push(item)
  }
  dated.sort(
    (a, b) =>
      a.interval[0] - b.interval[0] ||
      b.interval[1] - a.interval[1] ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
  const n = dated.length
  const starts = new Float64Array(n)
  const ends = new Float64Array(n)
  const position = new Map<string, number>()
  const byClass = new Map<number, number[]>()
  let maxEnd = -Infinity
  for (let i = 0; i < n; i++) {
    const [start, rawEnd] = dated[i]!.interval
    const end = Math.max(start, rawEnd)
    starts[i] = start
    ends[i] = end
    if (end > maxEnd) maxEnd = end
    position.set(dated[i]!.id, i)
    const k = durationClass(end - start)
    let bucket = byClass.get(k)
    if (!bucket) byClass.set(k, (bucket = []))
    bucket.push(i)
  }
  const classOf = new Uint8Array(n)
  const classes: DurationClass[] = [...byClass.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, indexes], rank) => {
      const order = Int32Array.from(indexes)
      const classStarts = new Float64Array(order.length)
      let maxDuration = 0
      for (let j = 0; j < order.length; j++) {
        const i = order[j]!
        classOf[i] = rank
        classStarts[j] = starts[i]!
        maxDuration = Math.max(maxDuration, ends[i]! - starts[i]!)
      }
      return { maxDuration, order, starts: classStarts }
    })
  return {
    items: dated,
    starts,
    ends,
    position,
    extent: n ? [starts[0]!, maxEnd] : null,
    undated,
    classes,
    classOf,
    tiers: new Map()
  }
}

const indexCache = new WeakMap<readonly LayoutInput[], TimelineIndex>()

/** createTimelineIndex memoized per array: pass the same (immutable) array to reuse its index. */
export function timelineIndex<T extends LayoutInput>(input: readonly T[]): TimelineIndex<T> {
  let index = indexCache.get(input)
  if (!index) indexCache.set(input, (index = createTimelineIndex(input)))
  return index as TimelineIndex<T>
}

/** Duration class: items within a class differ at most twofold in duration. */
function durationClass(duration: number): number {
  return duration <= 1000 ? 0 : Math.ceil(Math.log2(duration / 1000))
}

/** First position in `sorted` whose value is >= value. */
function lowerBound(
  sorted: ArrayLike<number>,
  value: number,
  low = 0,
  high = sorted.length
): number {
  while (low < high) {
    const mid = (low + high) >>> 1
    if (sorted[mid]! < value) low = mid + 1
    else high = mid
  }
  return low
}

/** The items of classes [lo, hi) (memoized; O(n) once per range, O(size) for one class). */
function tierOf(index: TimelineIndex, lo: number, hi: number): Tier {
  const key = `${lo}-${hi}`
  let tier = index.tiers.get(key)
  if (tier) return tier
  let order: Int32Array
  if (hi - lo === 1) order = index.classes[lo]!.order
  else {
    const positions: number[] = []
    for (let i = 0; i < index.items.length; i++) {
      const rank = index.classOf[i]!
      if (rank >= lo && rank < hi) positions.push(i)
    }
    order = Int32Array.from(positions)
  }
  const m = order.length
  const starts = new Float64Array(m)
  const ends = new Float64Array(m)
  for (let j = 0; j < m; j++) {
    starts[j] = index.starts[order[j]!]!
    ends[j] = index.ends[order[j]!]!
  }
  const endMax: Float64Array[] = [ends]
  for (let width = 2; width <= m; width *= 2) {
    const previous = endMax[endMax.length - 1]!
    const half = width / 2
    const row = new Float64Array(m - width + 1)
    for (let i = 0; i < row.length; i++) row[i] = Math.max(previous[i]!, previous[i + half]!)
    endMax.push(row)
  }
  tier = { lo, hi, order, starts, endMax }
  index.tiers.set(key, tier)
  return tier
}

/** Largest end among a tier's items [first, last) (last > first). */
function maxEndOf(tier: Tier, first: number, last: number): number {
  const level = 31 - Math.clz32(last - first)
  const row = tier.endMax[level]!
  return Math.max(row[first]!, row[last - (1 << level)]!)
}

/** Positions (ascending, so in time order) of the items whose interval meets [from, to). */
export function queryInterval(
  index: TimelineIndex,
  from: number,
  to: number,
  fromClass = 0
): Int32Array {
  const found: number[] = []
  for (let k = fromClass; k < index.classes.length; k++) {
    const cls = index.classes[k]!
    const low = lowerBound(cls.starts, from - cls.maxDuration)
    const high = lowerBound(cls.starts, to, low)
    for (let j = low; j < high; j++) {
      const i = cls.order[j]!
      // A zero-length item (an instant) meets [from, to) when from <= start.
      if (index.ends[i]! > from || index.starts[i]! >= from) found.push(i)
    }
  }
  return Int32Array.from(found).sort()
}

class Group implements PlacedGroup {
  readonly kind = 'group'
  readonly key: string
  private cachedIds: readonly string[] | null = null
  constructor(
    private readonly index: TimelineIndex,
    private readonly tier: Tier,
    private readonly first: number,
    private readonly last: number,
    private readonly cell: readonly [number, number],
    readonly shape: 'pill' | 'bar',
    readonly interval: readonly [number, number],
    readonly starts: readonly [number, number],
    readonly splittable: boolean,
    readonly x: number,
    readonly width: number,
    readonly lane: number,
    readonly clippedStart: boolean,
    readonly clippedEnd: boolean
  ) {
    this.key = `g:${index.items[this.firstOrder]!.id}:${last - first}`
  }
  get count(): number {
    return this.last - this.first
  }
  get firstOrder(): number {
    return this.tier.order[this.first]!
  }
  get lastOrder(): number {
    return this.tier.order[this.last - 1]!
  }
  get ids(): readonly string[] {
    if (!this.cachedIds) {
      const ids: string[] = []
      for (let j = this.first; j < this.last; j++)
        ids.push(this.index.items[this.tier.order[j]!]!.id)
      this.cachedIds = ids
    }
    return this.cachedIds
  }
  contains(order: number): boolean {
    const start = this.index.starts[order]
    if (start === undefined || start < this.cell[0] || start >= this.cell[1]) return false
    const rank = this.index.classOf[order]!
    return rank >= this.tier.lo && rank < this.tier.hi
  }
}

/**
 * Lays out the items that meet the viewport (whose drawn extent, marker and badge included,
 * reaches into it), in time order.
 *
 * - Density: time is cut into cells `clusterPx` wide, anchored at the epoch (so that panning does
 *   not reshuffle them). Short items (narrower than a cell at this zoom) are counted together,
 *   long ones by duration class (months with months, years with years): when more than
 *   `groupThreshold` of one kind start in one cell, they are returned as one group, a label at
 *   their starts for short ones, a bar over their span for long ones (ten events of October
 *   2016 stay a month-long bar). Zooming in makes cells
 *   shorter and splits groups; a group whose members all start too close together to ever be
 *   separated (even at `minSpanMs`), such as ten events of "October 2016", is not splittable.
 * - Lanes: greedy first fit in time order of starts, each item needing max(its drawn width,
 *   pointPx) (a group: groupPx) plus gapPx (none after a bar wider than pointPx: adjacent months
 *   may touch). The greedy pass starts at a page boundary left of the viewport (a multiple of the
 *   viewport's duration) so that lanes stay put while the view is panned.
 */
export function layoutTimeline<T extends LayoutInput>(
  index: TimelineIndex<T>,
  viewport: Viewport,
  options: Partial<LayoutOptions> = {}
): TimelineLayout<T> {
  const o = { ...DEFAULT_LAYOUT_OPTIONS, ...options }
  const { from, to, widthPx } = viewport
  const span = to - from
  if (!(span > 0) || !(widthPx > 0)) {
    return { items: [], laneCount: 0, ticks: { unit: 'year', step: 1, ticks: [] }, msPerPx: 0 }
  }
  const msPerPx = span / widthPx
  const px = (time: number): number => (time - from) / msPerPx
  const ticks = axisTicks(viewport)
  if (!index.items.length) return { items: [], laneCount: 0, ticks, msPerPx }

  const cellMs = o.clusterPx * msPerPx
  const minSeparableMs = o.clusterPx * (o.minSpanMs / widthPx)
  const pageStart = Math.floor(from / span) * span
  const marginMs = Math.max(o.pointPx, o.groupPx) * msPerPx
  const queryFrom = Math.floor((pageStart - marginMs) / cellMs) * cellMs
  const queryTo = to + marginMs
  // Bars are clipped a little outside the viewport: no huge coordinates at high zoom.
  const clipLeft = -2 * o.pointPx
  const clipRight = widthPx + 2 * o.pointPx

  let shortClasses = 0
  while (shortClasses < index.classes.length && index.classes[shortClasses]!.maxDuration < cellMs) {
    shortClasses++
  }

  interface Unit {
    make: (lane: number) => PlacedItem<T>
    start: number
    order: number
    left: number
    right: number
    gap: number
  }
  const units: Unit[] = []

  const addEvent = (i: number): void => {
    const item = index.items[i]!
    const start = index.starts[i]!
    const startPx = px(start)
    const endPx = px(index.ends[i]!)
    const base = { kind: 'event' as const, key: `e:${item.id}`, id: item.id, item, order: i }
    if (endPx - startPx >= o.minBarPx) {
      const x = Math.max(startPx, clipLeft)
      units.push({
        make: (lane) => ({
          ...base,
          shape: 'bar',
          x,
          width: Math.max(0, Math.min(endPx, clipRight) - x),
          lane,
          clippedStart: startPx < clipLeft,
          clippedEnd: endPx > clipRight,
          approximate: item.approximate
        }),
        start,
        order: i,
        left: startPx,
        right: Math.max(endPx, startPx + o.pointPx),
        // Wide bars may touch the next one: time-adjacent events (October, November) share a lane.
        gap: endPx - startPx >= o.pointPx ? 0 : o.gapPx
      })
    } else {
      const x = (startPx + endPx) / 2
      const left = x - o.markerPx / 2
      units.push({
        make: (lane) => ({
          ...base,
          shape: 'point',
          x,
          width: 0,
          lane,
          clippedStart: false,
          clippedEnd: false,
          approximate: item.approximate
        }),
        start,
        order: i,
        left,
        right: left + o.pointPx,
        gap: o.gapPx
      })
    }
  }

  /** Adds the tier's items starting in the cell of its item j: a group, or each (`only`: j). */
  const addCell = (tier: Tier, long: boolean, j: number, only: boolean): number => {
    const cell = Math.floor(tier.starts[j]! / cellMs)
    const cellStart = cell * cellMs
    const cellEnd = (cell + 1) * cellMs
    const first = lowerBound(tier.starts, cellStart, 0, j + 1)
    const last = lowerBound(tier.starts, cellEnd, j)
    if (last - first <= o.groupThreshold) {
      if (only) addEvent(tier.order[j]!)
      else for (let k = j; k < last; k++) addEvent(tier.order[k]!)
      return only ? j + 1 : last
    }
    const firstStart = tier.starts[first]!
    const lastStart = tier.starts[last - 1]!
    const end = maxEndOf(tier, first, last)
    const startPx = px(firstStart)
    const endPx = long ? px(end) : px(lastStart)
    const x = Math.max(startPx, clipLeft)
    const width = Math.max(0, Math.min(endPx, clipRight) - x)
    units.push({
      make: (lane) =>
        new Group(
          index,
          tier,
          first,
          last,
          [cellStart, cellEnd],
          long ? 'bar' : 'pill',
          [firstStart, end],
          [firstStart, lastStart],
          lastStart - firstStart > minSeparableMs,
          x,
          width,
          lane,
          startPx < clipLeft,
          endPx > clipRight
        ),
      start: firstStart,
      order: tier.order[first]!,
      left: startPx,
      right: Math.max(endPx, startPx + o.groupPx),
      gap: o.gapPx
    })
    return last
  }

  // Short items: everything starting in the window, cell by cell (a group is one jump).
  const shortTier = shortClasses ? tierOf(index, 0, shortClasses) : null
  if (shortTier) {
    const end = lowerBound(shortTier.starts, queryTo)
    for (let j = lowerBound(shortTier.starts, queryFrom); j < end;) {
      j = addCell(shortTier, false, j, false)
    }
  }
  // Long items, class by class (a month is grouped with months, not with years): those starting
  // before the window and reaching into it, then those starting in it.
  for (let k = shortClasses; k < index.classes.length; k++) {
    const tier = tierOf(index, k, k + 1)
    const maxDuration = index.classes[k]!.maxDuration
    let j = lowerBound(tier.starts, queryFrom - maxDuration)
    const inWindow = lowerBound(tier.starts, queryFrom, j)
    while (j < inWindow) {
      j = index.ends[tier.order[j]!]! > queryFrom ? addCell(tier, true, j, true) : j + 1
    }
    const end = lowerBound(tier.starts, queryTo, j)
    while (j < end) j = addCell(tier, true, j, false)
  }

  units.sort((a, b) => a.start - b.start || a.order - b.order)
  // `laneEnds` holds each lane's right end plus the gap its last item wants after it.
  const laneEnds: number[] = []
  const out: PlacedItem<T>[] = []
  let laneCount = 0
  for (const unit of units) {
    let lane = 0
    while (lane < laneEnds.length && laneEnds[lane]! > unit.left) lane++
    laneEnds[lane] = unit.right + unit.gap
    if (unit.right <= 0 || unit.left >= widthPx) continue
    out.push(unit.make(lane))
    if (lane + 1 > laneCount) laneCount = lane + 1
  }
  return { items: out, laneCount, ticks, msPerPx }
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Date.UTC without its mapping of years 0–99 to 1900–1999. */
function utc(year: number, monthIndex: number, day: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, day)
  return date.getTime()
}

const TICK_STEPS: readonly { unit: TickUnit; step: number; approxMs: number }[] = [
  ...[1, 2, 3, 6, 12].map((step) => ({ unit: 'hour' as const, step, approxMs: step * HOUR })),
  ...[1, 2, 5, 10].map((step) => ({ unit: 'day' as const, step, approxMs: step * DAY })),
  ...[1, 2, 3, 6].map((step) => ({ unit: 'month' as const, step, approxMs: step * 30.44 * DAY })),
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((step) => ({
    unit: 'year' as const,
    step,
    approxMs: step * 365.25 * DAY
  }))
]

/** Ticks for the axis: the finest unit whose labels stay at least `minLabelPx` apart. */
export function axisTicks(viewport: Viewport, minLabelPx = 90): AxisTicks {
  const { from, to, widthPx } = viewport
  const msPerPx = (to - from) / widthPx
  const choice =
    TICK_STEPS.find((candidate) => candidate.approxMs / msPerPx >= minLabelPx) ?? TICK_STEPS.at(-1)!
  const { unit, step } = choice
  const ticks: Tick[] = []
  if (!(to > from) || !(widthPx > 0)) return { unit, step, ticks }
  const push = (time: number, major: boolean): void => {
    if (time >= from && time <= to) ticks.push({ time, x: (time - from) / msPerPx, major })
  }
  const origin = new Date(from)
  const LIMIT = 2000
  if (unit === 'year') {
    const majorEvery = step < 10 ? 10 : step < 100 ? 100 : 1000
    let year = Math.floor(origin.getUTCFullYear() / step) * step
    for (let n = 0; n < LIMIT; n++, year += step) {
      const time = utc(year, 0, 1)
      if (time > to) break
      push(time, year % majorEvery === 0)
    }
  } else if (unit === 'month') {
    let month = Math.floor((origin.getUTCFullYear() * 12 + origin.getUTCMonth()) / step) * step
    for (let n = 0; n < LIMIT; n++, month += step) {
      const monthIndex = ((month % 12) + 12) % 12
      const time = utc(Math.floor(month / 12), monthIndex, 1)
      if (time > to) break
      push(time, monthIndex === 0)
    }
  } else if (unit === 'day') {
    // Days 1, 1+step, … of each month; a last one too close to the next month's first is skipped.
    let year = origin.getUTCFullYear()
    let month = origin.getUTCMonth()
    for (let n = 0; n < LIMIT; n++) {
      const days = new Date(utc(year, month + 1, 0)).getUTCDate()
      for (let day = 1; day <= days; day += step) {
        if (day > 1 && days + 1 - day < step * 0.75) break
        push(utc(year, month, day), day === 1)
      }
      if (utc(year, month + 1, 1) > to) break
      if (++month === 12) {
        month = 0
        year++
      }
    }
  } else {
    const stepMs = step * HOUR
    let time = Math.floor(from / stepMs) * stepMs
    for (let n = 0; n < LIMIT && time <= to; n++, time += stepMs) {
      push(time, new Date(time).getUTCHours() === 0)
    }
  }
  return { unit, step, ticks }
}
