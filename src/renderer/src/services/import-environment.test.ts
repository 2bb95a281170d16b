// Word is read in a worker: its refusal must come back as the same ImportError (code, file name,
// detail), so that the import report says "zip bomb" or "not a Word file" as before.
import { strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { parseDocx } from '@core/import/parse-docx'
import { ImportError } from '@core/import/types'
import { deflatedZeros, rawZip } from '../../../../test/zip/test-zips'
import { errorReply, rehydrateError } from '@renderer/services/worker-job'
import { importErrorFrom } from './import-environment'

const refusal = (bytes: Uint8Array): Promise<unknown> =>
  parseDocx(bytes, 'rapport.docx').then(
    () => expect.unreachable('accepted'),
    (error: unknown) => error
  )

describe('a Word refusal crossing back from the worker', () => {
  it('is the same ImportError, with its code, file name and detail', async () => {
    const zeros = deflatedZeros(4 << 20)
    const bomb = rawZip([
      { name: '[Content_Types].xml', data: strToU8('<Types/>') },
      { name: 'word/document.xml', data: zeros.data, method: 8, declaredSize: 1 << 30 }
    ])
    const notWord = rawZip([{ name: 'manifest.json', data: strToU8('{}') }])
    for (const [bytes, code] of [
      [bomb, 'zipBomb'],
      [notWord, 'notWord'],
      [strToU8('plain text'), 'corrupt']
    ] as const) {
      const original = (await refusal(bytes)) as ImportError
      const received = importErrorFrom(
        rehydrateError(structuredClone(errorReply(original))),
        'rapport.docx'
      )
      expect(received).toBeInstanceOf(ImportError)
      expect(received).toMatchObject({
        code,
        fileName: 'rapport.docx',
        detail: original.detail,
        message: original.message
      })
    }
  })

  it('leaves any other failure (the worker did not start) as it is', () => {
    const failure = new Error('worker failed')
    expect(importErrorFrom(failure, 'rapport.docx')).toBe(failure)
  })
})
