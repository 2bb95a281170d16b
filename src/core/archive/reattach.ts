// Re-attaching a passage the user places again by hand (an orphan after a text change): new
// selectors describe the chosen span; tags, note, author and creation stay the passage's own.
import { describeSpan } from '../anchoring/describe'
import type { Passage } from './passage'
import { trimSpan } from './passages'

export function reattachPassage(
  passage: Passage,
  text: string,
  textSha256: string,
  start: number,
  end: number,
  stamp: string
): Passage {
  const span = trimSpan(text, start, end)
  if (span.start >= span.end) throw new RangeError(`Empty span [${start}, ${end})`)
  const { quote, position } = describeSpan(text, span.start, span.end)
  return {
    ...passage,
    quote,
    position,
    updatedAt: stamp,
    anchor: { status: 'exact', start: span.start, end: span.end, score: 1, textSha256 }
  }
}
