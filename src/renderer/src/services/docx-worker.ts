// The Word worker: checks the zip and runs mammoth off the UI thread (mammoth needs no DOM: its
// XML parser is xmldom), so a long report does not freeze the window while it is read.
import { parseDocx } from '@core/import/parse-docx'
import type { ParsedDocument } from '@core/import/parsed'
import { errorReply, type WorkerJobReply } from '@renderer/services/worker-job'

export interface DocxJob {
  bytes: Uint8Array
  fileName: string
}

export type DocxReply = WorkerJobReply<never, ParsedDocument>

const post = (reply: DocxReply): void => (self as unknown as Worker).postMessage(reply)

self.addEventListener('message', (event: MessageEvent<DocxJob>) => {
  parseDocx(event.data.bytes, event.data.fileName).then(
    (parsed) => post({ type: 'done', result: parsed }),
    // ImportError's code and detail cross as they are; the environment rebuilds the error.
    (error: unknown) => post(errorReply(error))
  )
})
