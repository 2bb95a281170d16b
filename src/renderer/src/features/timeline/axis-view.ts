// The viewport of the time axis and its moves (zoom around a point, pan, fit), kept within the
// zoom limits and near the events. Pure functions of numbers: times in ms since the epoch.

export interface AxisView {
  from: number
  to: number
}

export interface ViewLimits {
  /** Narrowest view (most zoomed in). */
  minSpan: number
  /** Widest view (most zoomed out). */
  maxSpan: number
  /** [first start, last end] of the events: the view's centre stays within it. */
  extent: readonly [number, number] | null
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const YEAR = 365.25 * DAY

export const DEFAULT_LIMITS: Omit<ViewLimits, 'extent'> = {
  minSpan: 6 * HOUR,
  maxSpan: 100 * YEAR
}

export function clampView(view: AxisView, limits: ViewLimits): AxisView {
  const span = Math.min(limits.maxSpan, Math.max(limits.minSpan, view.to - view.from))
  let centre = (view.from + view.to) / 2
  if (limits.extent) {
    centre = Math.min(limits.extent[1], Math.max(limits.extent[0], centre))
  }
  return { from: centre - span / 2, to: centre + span / 2 }
}

/** Zooms by `factor` (< 1 zooms in) keeping the time `anchor` at the same place on screen. */
export function zoomView(
  view: AxisView,
  factor: number,
  anchor: number,
  limits: ViewLimits
): AxisView {
  const span = view.to - view.from
  const next = Math.min(limits.maxSpan, Math.max(limits.minSpan, span * factor))
  const ratio = span > 0 ? (anchor - view.from) / span : 0.5
  const from = anchor - ratio * next
  return clampView({ from, to: from + next }, limits)
}

export function panView(view: AxisView, deltaMs: number, limits: ViewLimits): AxisView {
  return clampView({ from: view.from + deltaMs, to: view.to + deltaMs }, limits)
}

/** Everything, with a margin; a default decade when there is nothing to show. */
export function fitView(limits: ViewLimits, now = Date.now()): AxisView {
  if (!limits.extent) return clampView({ from: now - 10 * YEAR, to: now }, limits)
  const [start, end] = limits.extent
  const margin = Math.max((end - start) * 0.04, HOUR)
  return clampView({ from: start - margin, to: end + margin }, limits)
}

/** The same view if [start, end) is in sight; else the view moved (same zoom) to show it. */
export function revealView(
  view: AxisView,
  start: number,
  end: number,
  limits: ViewLimits
): AxisView {
  const span = view.to - view.from
  const margin = span * 0.08
  const visible =
    start >= view.from + margin
      ? start <= view.to - margin
      : end > view.from + margin && start < view.to
  if (visible) return view
  // Short enough: centred; longer: its start near the left edge.
  const from = end - start < span - 2 * margin ? (start + end) / 2 - span / 2 : start - margin
  return clampView({ from, to: from + span }, limits)
}

/** Linear interpolation between two views (t from 0 to 1), for animated zooms. */
export function mixViews(a: AxisView, b: AxisView, t: number): AxisView {
  // Interpolating the span geometrically feels even at every zoom level.
  const spanA = a.to - a.from
  const spanB = b.to - b.from
  const span = spanA * Math.pow(spanB / spanA, t)
  const centre = (a.from + a.to) / 2 + ((b.from + b.to - (a.from + a.to)) / 2) * t
  return { from: centre - span / 2, to: centre + span / 2 }
}
