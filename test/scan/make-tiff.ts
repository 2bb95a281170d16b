// TEST ONLY — baseline TIFFs written by hand (no binary fixture): frames of strips, shared strips
// stored once, optional directory loops for the hostile cases.

export type Field = [tag: number, type: 3 | 4, values: number[]]

export interface Frame {
  width: number
  height: number
  strips: Uint8Array[]
  spp?: number
  bps?: number
  photometric?: number
  compression?: number
  rowsPerStrip?: number
  extra?: Field[]
}

/** Writes a baseline TIFF; strips given as the same array are stored once and shared. */
export function buildTiff(
  frames: Frame[],
  { le = true, loopTo }: { le?: boolean; loopTo?: number } = {}
): Uint8Array {
  const out: number[] = []
  const u16 = (v: number): void => void out.push(...(le ? [v & 255, v >>> 8] : [v >>> 8, v & 255]))
  const u32 = (v: number): void => {
    const b = [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24]
    out.push(...(le ? b : b.reverse()))
  }
  const set32 = (at: number, v: number): void => {
    const b = [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24]
    ;(le ? b : b.reverse()).forEach((x, i) => (out[at + i] = x))
  }
  const pad = (): void => void (out.length & 1 && out.push(0))
  out.push(...(le ? [0x49, 0x49, 42, 0] : [0x4d, 0x4d, 0, 42]))
  let nextField = out.length
  u32(0)
  const stored = new Map<Uint8Array, number>()
  const directories: number[] = []
  for (const f of frames) {
    const offsets = f.strips.map((strip) => {
      let at = stored.get(strip)
      if (at === undefined) {
        pad()
        at = out.length
        for (const b of strip) out.push(b)
        stored.set(strip, at)
      }
      return at
    })
    const spp = f.spp ?? 1
    const fields: Field[] = [
      [256, 4, [f.width]],
      [257, 3, [f.height]],
      [258, 3, new Array<number>(spp).fill(f.bps ?? 8)],
      [259, 3, [f.compression ?? 1]],
      [262, 3, [f.photometric ?? (spp < 3 ? 1 : 2)]],
      [273, 4, offsets],
      [277, 3, [spp]],
      [278, 4, [f.rowsPerStrip ?? f.height]],
      [279, 4, f.strips.map((s) => s.length)],
      ...(f.extra ?? [])
    ]
    fields.sort((a, b) => a[0] - b[0])
    const write = (type: 3 | 4, values: number[]): void =>
      values.forEach((v) => (type === 3 ? u16(v) : u32(v)))
    const external = fields.map(([, type, values]) => {
      if (values.length * (type === 3 ? 2 : 4) <= 4) return -1
      pad()
      const at = out.length
      write(type, values)
      return at
    })
    pad()
    directories.push(out.length)
    set32(nextField, out.length)
    u16(fields.length)
    fields.forEach(([tag, type, values], i) => {
      u16(tag)
      u16(type)
      u32(values.length)
      if (external[i]! >= 0) return u32(external[i]!)
      const end = out.length + 4
      write(type, values)
      while (out.length < end) out.push(0)
    })
    nextField = out.length
    u32(0)
  }
  if (loopTo !== undefined) set32(nextField, directories[loopTo]!)
  return Uint8Array.from(out)
}
