// Several images imported together as the pages of one article: a clipping photographed in several
// shots, a scanner's one file per page. The other files of the batch stay as they are.
import { isImageName } from './format'
import type { ImportSource } from './types'

/** How many of `sources` are images (two or more can be gathered). */
export function imageCount(sources: readonly ImportSource[]): number {
  return sources.filter((source) => isImageName(source.name)).length
}

/**
 * The images of `sources` as one source, its pages in the order of their names as a scanner or a
 * camera numbers them ("p2" before "p10"), followed by the other files.
 */
export function gatherImages(sources: readonly ImportSource[]): ImportSource[] {
  const images = sources.filter((source) => isImageName(source.name))
  if (images.length < 2) return [...sources]
  const [first, ...rest] = [...images].sort((a, b) =>
    a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' })
  )
  const gathered: ImportSource = {
    ...first!,
    morePages: rest.map(({ name, bytes }) => ({ name, bytes }))
  }
  return [gathered, ...sources.filter((source) => !isImageName(source.name))]
}
