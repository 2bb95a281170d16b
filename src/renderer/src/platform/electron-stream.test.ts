// The renderer's half of a streamed save on the desktop, against a fake bridge: the stream goes to
// main in pieces of about 1 MiB and is committed at its end; a failing stream is dropped in main.
import { describe, expect, it } from 'vitest'
import type { IpcResult, LiasseBridge } from '@shared/ipc'
import { sendStream } from './electron'

function fakeBridge(failWriteAt = -1) {
  const calls: { channel: string; request: unknown }[] = []
  const received: Uint8Array[] = []
  const bridge = {
    invoke: (channel: string, request: unknown): Promise<IpcResult<unknown>> => {
      calls.push({ channel, request })
      if (channel === 'liasse:stream:write') {
        const { bytes } = request as { bytes: Uint8Array }
        if (calls.filter((c) => c.channel === channel).length - 1 === failWriteAt) {
          return Promise.resolve({ ok: false, error: { code: 'diskFull', message: 'full' } })
        }
        received.push(bytes.slice())
        return Promise.resolve({ ok: true, value: null })
      }
      return Promise.resolve({ ok: true, value: { fileName: 'out.liasse-backup' } })
    },
    onMenuCommand: () => () => undefined
  } as unknown as LiasseBridge
  return { bridge, calls, received }
}

function streamOf(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent === chunks) return controller.close()
      controller.enqueue(new Uint8Array(size).fill(sent++ % 256))
    }
  })
}

describe('sendStream', () => {
  it('sends the bytes in order, in pieces of about 1 MiB, then commits', async () => {
    const { bridge, calls, received } = fakeBridge()
    const name = await sendStream(bridge, 'a'.repeat(32), streamOf(40, 100_000), 7)
    expect(name).toBe('out.liasse-backup')
    const all = new Uint8Array(await new Blob(received as BlobPart[]).arrayBuffer())
    expect(all).toHaveLength(4_000_000)
    expect(all[0]).toBe(0)
    expect(all[150_000]).toBe(1)
    expect(all[3_999_999]).toBe(39)
    const writes = calls.filter((c) => c.channel === 'liasse:stream:write')
    expect(writes.length).toBe(4)
    expect(calls.at(-1)).toEqual({
      channel: 'liasse:stream:close',
      request: { streamId: 'a'.repeat(32), commit: true, keep: 7 }
    })
  })

  it('a failed write drops the file in main and throws', async () => {
    const { bridge, calls } = fakeBridge(1)
    await expect(sendStream(bridge, 'b'.repeat(32), streamOf(40, 100_000))).rejects.toThrow('full')
    expect(calls.at(-1)).toMatchObject({
      channel: 'liasse:stream:close',
      request: { commit: false }
    })
  })
})
