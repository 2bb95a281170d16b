// Edit distances between what a selector stored and the current text: whole quotes (banded), and
// context read outward from one boundary, which is how a stored prefix or suffix is compared.

/*
 * All distances are Levenshtein distances over UTF-16 code units (insertion, deletion and
 * substitution each cost 1), the same unit approx-string-match counts in. The dynamic programmes
 * reuse module-level rows: core code is single-threaded and none of these functions re-enter.
 */

let rowA = new Int32Array(256)
let rowB = new Int32Array(256)

function rows(size: number): void {
  if (rowA.length >= size) return
  rowA = new Int32Array(size * 2)
  rowB = new Int32Array(size * 2)
}

/**
 * Levenshtein distance between `a` and `b`. Only the diagonal band of width `limit` is computed,
 * and the result is `limit + 1` as soon as the distance is certain to exceed `limit`: callers only
 * need to know that a candidate is too far, and the band keeps long quotes cheap.
 */
export function editDistance(a: string, b: string, limit = Math.max(a.length, b.length)): number {
  const n = a.length
  const m = b.length
  const over = limit + 1
  if (Math.abs(n - m) > limit) return over
  if (n === 0 || m === 0) return Math.max(n, m)
  rows(m + 2)
  let prev = rowA
  let cur = rowB
  for (let j = 0; j <= m; j++) prev[j] = j < over ? j : over
  prev[m + 1] = over
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - limit)
    const hi = Math.min(m, i + limit)
    let rowMin = lo === 1 ? Math.min(i, over) : over
    cur[lo - 1] = rowMin
    const ca = a.charCodeAt(i - 1)
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1)
      const up = prev[j]! + 1
      const left = cur[j - 1]! + 1
      if (up < v) v = up
      if (left < v) v = left
      if (v > over) v = over
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    // Cells right of the band are "too far" for the next row to read.
    cur[hi + 1] = over
    if (rowMin > limit) return over
    const swap = prev
    prev = cur
    cur = swap
  }
  return Math.min(prev[m]!, over)
}

/**
 * Fewest edits turning `context` into the text read from boundary `at` outward, of whatever length
 * fits best: forward for a suffix (`dir` 1, context[0] next to the boundary), backward for a
 * prefix (`dir` -1, the context's last character next to the boundary). Anchoring at the boundary
 * is the point: a prefix only vouches for a candidate if it ends where the candidate starts.
 * Returns `limit + 1` once that is certain.
 */
export function contextErrors(
  text: string,
  at: number,
  context: string,
  dir: 1 | -1,
  limit = context.length
): number {
  const m = context.length
  if (m === 0) return 0
  if (m <= WORD) {
    const available = dir === 1 ? text.length - at : at
    const w = Math.max(0, Math.min(available, m + limit))
    return Math.min(limit + 1, wordScores(text, context, at, w, dir, true, null))
  }
  return contextErrorsDp(text, at, context, dir, limit)
}

/** contextErrors by plain dynamic programming: for contexts over 32 characters, and as reference. */
export function contextErrorsDp(
  text: string,
  at: number,
  context: string,
  dir: 1 | -1,
  limit = context.length
): number {
  const m = context.length
  if (m === 0) return 0
  const over = limit + 1
  const available = dir === 1 ? text.length - at : at
  const w = Math.max(0, Math.min(available, m + limit))
  rows(w + 2)
  let prev = rowA
  let cur = rowB
  for (let j = 0; j <= w; j++) prev[j] = j
  for (let i = 1; i <= m; i++) {
    const pc = dir === 1 ? context.charCodeAt(i - 1) : context.charCodeAt(m - i)
    cur[0] = i
    let rowMin = i
    for (let j = 1; j <= w; j++) {
      const tc = dir === 1 ? text.charCodeAt(at + j - 1) : text.charCodeAt(at - j)
      let v = prev[j - 1]! + (pc === tc ? 0 : 1)
      const up = prev[j]! + 1
      const left = cur[j - 1]! + 1
      if (up < v) v = up
      if (left < v) v = left
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > limit) return over
    const swap = prev
    prev = cur
    cur = swap
  }
  let best = prev[0]!
  for (let j = 1; j <= w; j++) if (prev[j]! < best) best = prev[j]!
  return Math.min(best, over)
}

/**
 * For every boundary b in [lo, hi]: the fewest edits turning `pattern` into some stretch of text
 * that ends at b (`dir` 1) or starts at b (`dir` -1). Summing "prefix ends at b" and "quote starts
 * at b" and taking the minimum places a quote's start where both agree, which is how a fuzzy
 * match gets its boundaries. Index the result with b - lo.
 */
export function boundaryCosts(
  text: string,
  pattern: string,
  lo: number,
  hi: number,
  dir: 1 | -1
): Int32Array {
  const out = new Int32Array(hi - lo + 1)
  const m = pattern.length
  if (m === 0) return out
  // A stretch longer than 2m costs more than m, which deleting the whole pattern already costs.
  if (m <= WORD) {
    if (dir === 1) {
      const from = Math.max(0, lo - 2 * m)
      if (from === lo) out[0] = m
      wordScores(text, pattern, from, hi - from, 1, false, (consumed, score) => {
        const b = from + consumed
        if (b >= lo) out[b - lo] = score
      })
    } else {
      const from = Math.min(text.length, hi + 2 * m)
      if (from === hi) out[hi - lo] = m
      wordScores(text, pattern, from, from - lo, -1, false, (consumed, score) => {
        const b = from - consumed
        if (b <= hi) out[b - lo] = score
      })
    }
    return out
  }
  return boundaryCostsDp(text, pattern, lo, hi, dir, out)
}

/** boundaryCosts by plain dynamic programming: for patterns over 32 characters, and as reference. */
export function boundaryCostsDp(
  text: string,
  pattern: string,
  lo: number,
  hi: number,
  dir: 1 | -1,
  out = new Int32Array(hi - lo + 1)
): Int32Array {
  const m = pattern.length
  if (m === 0) return out
  rows(m + 2)
  const col = rowA
  for (let i = 0; i <= m; i++) col[i] = i
  if (dir === 1) {
    const from = Math.max(0, lo - 2 * m)
    if (from === lo) out[0] = m
    for (let j = from; j < hi; j++) {
      advance(col, pattern, text.charCodeAt(j), m, false)
      if (j + 1 >= lo) out[j + 1 - lo] = col[m]!
    }
  } else {
    const from = Math.min(text.length, hi + 2 * m)
    if (from === hi) out[hi - lo] = m
    for (let j = from - 1; j >= lo; j--) {
      advance(col, pattern, text.charCodeAt(j), m, true)
      if (j <= hi) out[j - lo] = col[m]!
    }
  }
  return out
}

/** One text character of Sellers' algorithm: a match may start anywhere, so row 0 stays 0. */
function advance(col: Int32Array, pattern: string, tc: number, m: number, reversed: boolean): void {
  let diag = col[0]!
  col[0] = 0
  for (let i = 1; i <= m; i++) {
    const pc = reversed ? pattern.charCodeAt(m - i) : pattern.charCodeAt(i - 1)
    const old = col[i]!
    let v = diag + (pc === tc ? 0 : 1)
    const up = old + 1
    const left = col[i - 1]! + 1
    if (up < v) v = up
    if (left < v) v = left
    col[i] = v
    diag = old
  }
}

/**
 * Ends of the lowest-error approximate occurrences of `pattern` (at most 32 characters) in
 * text[from, to), if that lowest error count is at most `maxErrors`; with the error count. Like
 * approx-string-match's search but without placing starts, which for a short pattern with dozens
 * of equally good matches costs more than the search: callers place boundaries themselves.
 */
export function approximateEnds(
  text: string,
  pattern: string,
  from: number,
  to: number,
  maxErrors: number
): { ends: number[]; errors: number } {
  let errors = maxErrors
  let ends: number[] = []
  if (pattern.length === 0 || pattern.length > WORD || to <= from) return { ends, errors }
  wordScores(text, pattern, from, to - from, 1, false, (consumed, score) => {
    if (score > errors) return
    if (score < errors) {
      errors = score
      ends = []
    }
    ends.push(from + consumed)
  })
  return { ends, errors }
}

/*
 * Bit-parallel edit distance for patterns of up to 32 characters (Myers 1999, in Hyyrö's 2001
 * formulation): one 32-bit word holds a whole column of the dynamic programme, so each text
 * character costs a dozen integer operations instead of m cell updates. Contexts, quote heads and
 * tails are at most 32 characters, which is why they are cut there.
 */
const WORD = 32
/** Per character code, the bit mask of pattern positions holding it; cleared after each use. */
const peq = new Int32Array(0x10000)

/**
 * Runs `pattern` over `count` text characters from boundary `at`, forward (`dir` 1) or backward
 * (`dir` -1, the pattern then read from its end). `anchored`: the pattern must begin at `at`
 * (row 0 counts skipped text, D[0][j] = j), else it may begin anywhere (D[0][j] = 0). Reports
 * D[m][j] after each character to `each` (j characters consumed), and returns the minimum over
 * j = 0..count.
 */
function wordScores(
  text: string,
  pattern: string,
  at: number,
  count: number,
  dir: 1 | -1,
  anchored: boolean,
  each: ((consumed: number, score: number) => void) | null
): number {
  const m = pattern.length
  for (let i = 0; i < m; i++) {
    const code = dir === 1 ? pattern.charCodeAt(i) : pattern.charCodeAt(m - 1 - i)
    peq[code] = peq[code]! | (1 << i)
  }
  const high = 1 << (m - 1)
  const rowZero = anchored ? 1 : 0
  let pv = -1
  let mv = 0
  let score = m
  let best = m
  for (let j = 0; j < count; j++) {
    const eq = peq[dir === 1 ? text.charCodeAt(at + j) : text.charCodeAt(at - 1 - j)]!
    const xv = eq | mv
    const xh = (((eq & pv) + pv) ^ pv) | eq
    let ph = mv | ~(xh | pv)
    let mh = pv & xh
    if (ph & high) score++
    else if (mh & high) score--
    ph = (ph << 1) | rowZero
    mh <<= 1
    pv = mh | ~(xv | ph)
    mv = ph & xv
    if (score < best) best = score
    if (each) each(j + 1, score)
  }
  for (let i = 0; i < m; i++) peq[pattern.charCodeAt(i)] = 0
  return best
}
