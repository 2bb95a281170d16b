// The worker runner: a typed error thrown in a worker reaches the view with its name, code and
// detail (so it is translated as before), and a job past its time limit is stopped and named.
import { strToU8 } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportBundle, type ArchiveRecords } from '@core/dossier/bundle'
import { readIncomingFile } from '@core/dossier/read-incoming'
import { sampleSnapshot } from '../../../../test/dossier/test-fixture'
import { deflatedZeros, rawZip } from '../../../../test/zip/test-zips'
import en from '@renderer/i18n/en.json'
import fr from '@renderer/i18n/fr.json'
import {
  JobCancelled,
  JobTimedOut,
  WorkerJobError,
  errorReply,
  rehydrateError,
  runWorkerJob,
  serializeError,
  type JobWorker
} from './worker-job'

/** A worker that does nothing by itself: the test answers for it. */
class FakeWorker extends EventTarget implements JobWorker {
  posted: { message: unknown; transfer: Transferable[] }[] = []
  terminated = 0
  override addEventListener = super.addEventListener.bind(this) as Worker['addEventListener']
  postMessage(message: unknown, transfer: Transferable[] | StructuredSerializeOptions = []): void {
    this.posted.push({ message, transfer: Array.isArray(transfer) ? transfer : [] })
  }
  terminate(): void {
    this.terminated += 1
  }
  /** A reply as a worker would post it: structured-cloned on the way. */
  reply(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: structuredClone(data) }))
  }
}

const context = { now: '2026-03-01T09:00:00.000Z', author: 'Receiver', newId: () => 'id' }
let receiver: ArchiveRecords
let bundle: Uint8Array

beforeAll(async () => {
  const snapshot = await sampleSnapshot()
  receiver = { ...snapshot, dossiers: [] }
  bundle = exportBundle(
    { dossier: null, snapshot, articleIds: [snapshot.articles[0]!.id] },
    { now: context.now, appVersion: 'test' }
  )
})

/** What readIncomingFile throws for these bytes, as the view receives it from the worker. */
async function acrossTheBoundary(fileName: string, bytes: Uint8Array): Promise<Error> {
  const thrown: unknown = await readIncomingFile({ fileName, bytes }, receiver, context).then(
    () => expect.unreachable('the file was accepted'),
    (error: unknown) => error
  )
  const worker = new FakeWorker()
  const job = runWorkerJob(worker, {}, () => undefined)
  worker.reply(errorReply(thrown))
  const received = await job.result.then(
    () => expect.unreachable('the job succeeded'),
    (error: unknown) => error as Error
  )
  const original = thrown as { name: string; code: string; detail: string; message: string }
  expect(received).toBeInstanceOf(WorkerJobError)
  expect(received).toMatchObject({
    name: original.name,
    code: original.code,
    detail: original.detail,
    message: original.message
  })
  return received
}

const translated = (code: string): boolean => {
  const errors = (messages: typeof en) =>
    messages.dossier.import.errors as Record<string, string | undefined>
  return errors(en)[code] !== undefined && errors(fr)[code] !== undefined
}

describe('a typed error crossing the worker boundary', () => {
  it('keeps the name, code and detail of each importer’s errors, every code translated', async () => {
    const zeros = deflatedZeros(4 << 20)
    const bomb = rawZip([
      { name: 'manifest.json', data: strToU8('{}') },
      {
        name: 'texts/z.txt',
        data: zeros.data,
        method: 8,
        declaredSize: 1 << 30,
        crc32: zeros.crc32
      }
    ])
    const cases: [string, Uint8Array, string, string][] = [
      ['bomb.liasse', bomb, 'BundleImportError', 'zipBomb'],
      ['cut.liasse', bundle.subarray(0, bundle.length >> 1), 'BundleImportError', 'notZip'],
      [
        'p.qdpx',
        rawZip([{ name: '../project.qde', data: strToU8('<Project/>') }]),
        'QdpxImportError',
        'badEntryName'
      ],
      ['a.jsonld', strToU8('{"not json'), 'AnnotationImportError', 'notJson'],
      ['empty.liasse', new Uint8Array(0), 'IncomingFileError', 'empty']
    ]
    for (const [fileName, bytes, name, code] of cases) {
      const error = await acrossTheBoundary(fileName, bytes)
      expect([error.name, (error as WorkerJobError).code]).toEqual([name, code])
      expect(translated(code)).toBe(true)
    }
  })

  it('keeps only plain strings, and survives throws of anything', () => {
    const odd = Object.assign(new Error('boom'), { code: 42, detail: { deep: true } })
    expect(serializeError(odd)).toEqual({ name: 'Error', message: 'boom' })
    expect(serializeError('just a string')).toEqual({ name: 'Error', message: 'just a string' })
    expect(serializeError(null)).toEqual({ name: 'Error', message: 'null' })
    const rebuilt = rehydrateError(structuredClone(errorReply(new RangeError('too far'))))
    expect([rebuilt.name, rebuilt.message]).toEqual(['RangeError', 'too far'])
  })

  it('still rejects with the message alone for workers that send no typed error', async () => {
    const worker = new FakeWorker()
    const job = runWorkerJob(worker, {}, () => undefined)
    worker.reply({ type: 'error', message: 'export failed' })
    const error = await job.result.catch((e: unknown) => e as Error)
    expect(error).not.toBeInstanceOf(WorkerJobError)
    expect([error.name, error.message]).toEqual(['Error', 'export failed'])
    expect(worker.terminated).toBe(1)
  })
})

describe('the runner’s time limit', () => {
  it('stops a job that runs past its limit and names the limit; a late answer is ignored', async () => {
    const worker = new FakeWorker()
    const progress: string[] = []
    const started = performance.now()
    const job = runWorkerJob<object, string, string>(worker, {}, (p) => progress.push(p), {
      timeLimitMs: 50
    })
    worker.reply({ type: 'progress', progress: 'file' })
    const error = await job.result.catch((e: unknown) => e)
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
    expect(error).toBeInstanceOf(JobTimedOut)
    expect(error).toMatchObject({ code: 'timeLimit', detail: '0.1' })
    expect(worker.terminated).toBe(1)
    worker.reply({ type: 'progress', progress: 'planning' })
    worker.reply({ type: 'done', result: 'too late' })
    expect(progress).toEqual(['file'])
    expect(worker.terminated).toBe(1)
    expect(new JobTimedOut(60_000).detail).toBe('60')
    expect(new JobTimedOut(119_412).detail).toBe('119')
    expect(translated('timeLimit')).toBe(true)
  })

  it('a job that answers in time resolves, and its timer never fires afterwards', async () => {
    const worker = new FakeWorker()
    const job = runWorkerJob<object, string, string>(worker, {}, () => undefined, {
      timeLimitMs: 40
    })
    worker.reply({ type: 'done', result: 'plan' })
    expect(await job.result).toBe('plan')
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(worker.terminated).toBe(1)
  })

  it('Cancel stops the job at once as cancelled, not timed out', async () => {
    const worker = new FakeWorker()
    const job = runWorkerJob(worker, {}, () => undefined, { timeLimitMs: 40 })
    job.cancel()
    await expect(job.result).rejects.toBeInstanceOf(JobCancelled)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(worker.terminated).toBe(1)
  })

  it('hands the job’s buffers to the worker rather than copying them', () => {
    const worker = new FakeWorker()
    const bytes = new Uint8Array(8)
    runWorkerJob(worker, { bytes }, () => undefined, { transfer: [bytes.buffer] })
    expect(worker.posted[0]!.transfer).toEqual([bytes.buffer])
  })
})
