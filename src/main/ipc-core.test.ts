// Tests of the IPC pipeline without Electron: sender validation, request guards, the mapping of
// failures to IpcError, and that the renderer only ever receives an IpcResult.
import { describe, expect, it, vi } from 'vitest'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runInNewContext } from 'node:vm'
import type { InvokeChannel } from '@shared/ipc'
import { makeAppLocation } from './app-origin'
import {
  REQUEST_GUARDS,
  checkSender,
  isFileFilter,
  isPlainFileName,
  processInvoke,
  toIpcError,
  type SenderFacts
} from './ipc-core'

const index = resolve('/opt/liasse/out/renderer/index.html')
const built = makeAppLocation(undefined, index)
const dev = makeAppLocation('http://localhost:5173', index)
const appUrl = `${pathToFileURL(index).href}#/library`
const good: SenderFacts = { frameUrl: appUrl, isMainFrame: true, isOurWindow: true }

describe('checkSender', () => {
  it('accepts the main frame of our window showing the app', () => {
    expect(checkSender(good, built)).toBeNull()
    expect(checkSender({ ...good, frameUrl: 'http://localhost:5173/' }, dev)).toBeNull()
  })

  it('refuses a vanished frame, another window, an iframe, or a foreign page', () => {
    expect(checkSender({ ...good, frameUrl: null }, built)?.code).toBe('badSender')
    expect(checkSender({ ...good, isOurWindow: false }, built)?.code).toBe('badSender')
    expect(checkSender({ ...good, isMainFrame: false }, built)?.code).toBe('badSender')
    expect(checkSender({ ...good, frameUrl: 'https://evil.example/' }, built)?.code).toBe(
      'badSender'
    )
    expect(checkSender({ ...good, frameUrl: 'file:///tmp/index.html' }, built)?.code).toBe(
      'badSender'
    )
    // The dev server origin is only trusted in dev.
    expect(checkSender({ ...good, frameUrl: 'http://localhost:5173/' }, built)?.code).toBe(
      'badSender'
    )
    expect(checkSender({ ...good, frameUrl: 'http://localhost:6666/' }, dev)?.code).toBe(
      'badSender'
    )
  })
})

describe('request guards', () => {
  const filters = [{ name: 'Texts', extensions: ['txt', 'md'] }]
  const bytes = new Uint8Array([1, 2, 3])
  const save = { title: 'Export', suggestedName: 'dossier.docx', filters, bytes }

  it('accept the shapes of the contract', () => {
    expect(REQUEST_GUARDS['liasse:app:info'](undefined)).toBe(true)
    expect(REQUEST_GUARDS['liasse:sample:read'](undefined)).toBe(true)
    expect(REQUEST_GUARDS['liasse:files:open']({ title: 'Import', filters })).toBe(true)
    expect(REQUEST_GUARDS['liasse:files:open']({ title: 'Import', filters: [] })).toBe(true)
    expect(REQUEST_GUARDS['liasse:file:save'](save)).toBe(true)
  })

  it('refuse payloads on void channels and malformed requests', () => {
    expect(REQUEST_GUARDS['liasse:app:info']({ x: 1 })).toBe(false)
    expect(REQUEST_GUARDS['liasse:files:open'](undefined)).toBe(false)
    expect(REQUEST_GUARDS['liasse:files:open']({ title: 3, filters })).toBe(false)
    expect(REQUEST_GUARDS['liasse:files:open']({ title: 'x'.repeat(201), filters })).toBe(false)
    expect(REQUEST_GUARDS['liasse:files:open']({ title: 'Import', filters: 'txt' })).toBe(false)
    expect(REQUEST_GUARDS['liasse:file:save']({ ...save, bytes: [1, 2, 3] })).toBe(false)
    expect(REQUEST_GUARDS['liasse:file:save']({ ...save, bytes: new Uint16Array(2) })).toBe(false)
    expect(REQUEST_GUARDS['liasse:file:save']({ ...save, suggestedName: '../../.bashrc' })).toBe(
      false
    )
  })

  it('accept a PDF request only with HTML text and a known page size', () => {
    const pdf = {
      title: 'Export',
      suggestedName: 'dossier.pdf',
      filters,
      html: '<p>x</p>',
      pageSize: 'A4'
    }
    expect(REQUEST_GUARDS['liasse:pdf:save'](pdf)).toBe(true)
    expect(REQUEST_GUARDS['liasse:pdf:save']({ ...pdf, pageSize: 'Letter' })).toBe(true)
    expect(REQUEST_GUARDS['liasse:pdf:save']({ ...pdf, pageSize: 'A3' })).toBe(false)
    expect(REQUEST_GUARDS['liasse:pdf:save']({ ...pdf, html: bytes })).toBe(false)
    expect(REQUEST_GUARDS['liasse:pdf:save']({ ...pdf, suggestedName: '/tmp/x.pdf' })).toBe(false)
  })

  it('accept Buffers and Uint8Arrays from another realm (structured clone)', () => {
    const foreign: unknown = runInNewContext('new Uint8Array([1, 2])')
    expect(foreign instanceof Uint8Array).toBe(false)
    expect(REQUEST_GUARDS['liasse:file:save']({ ...save, bytes: foreign })).toBe(true)
    expect(REQUEST_GUARDS['liasse:file:save']({ ...save, bytes: Buffer.from('x') })).toBe(true)
  })

  it('allow only plain extensions in filters', () => {
    expect(isFileFilter({ name: 'All', extensions: ['*'] })).toBe(true)
    expect(isFileFilter({ name: 'Docs', extensions: ['docx', 'tar-gz'] })).toBe(true)
    expect(isFileFilter({ name: 'Bad', extensions: ['.txt'] })).toBe(false)
    expect(isFileFilter({ name: 'Bad', extensions: ['a/b'] })).toBe(false)
    expect(isFileFilter({ name: 'Empty', extensions: [] })).toBe(false)
    expect(isFileFilter({ extensions: ['txt'] })).toBe(false)
  })

  it('allow only bare file names as suggested names', () => {
    expect(isPlainFileName('Dossier — Assange (2017).docx')).toBe(true)
    for (const name of [
      '',
      '  ',
      '.',
      '..',
      'a/b.txt',
      'a\\b.txt',
      'C:x.txt',
      'a\u0000b',
      'x'.repeat(256)
    ]) {
      expect(isPlainFileName(name), JSON.stringify(name)).toBe(false)
    }
  })
})

describe('toIpcError', () => {
  const errno = (code: string): Error => Object.assign(new Error(`${code}: /home/me/x`), { code })

  it('maps the failures users can act on', () => {
    expect(toIpcError(errno('ENOSPC')).code).toBe('diskFull')
    expect(toIpcError(errno('EDQUOT')).code).toBe('diskFull')
    expect(toIpcError(errno('EACCES')).code).toBe('accessDenied')
    expect(toIpcError(errno('EPERM')).code).toBe('accessDenied')
    expect(toIpcError(errno('EROFS')).code).toBe('accessDenied')
  })

  it('maps other file-system errors to ioError, naming the code but not the path', () => {
    const error = toIpcError(errno('ENOENT'))
    expect(error).toEqual({
      code: 'ioError',
      message: 'The file could not be read or written (ENOENT)'
    })
  })

  it('maps anything else to internal without leaking its message', () => {
    expect(toIpcError(new TypeError('x is undefined at secret.ts:12'))).toEqual({
      code: 'internal',
      message: 'Unexpected error in the main process'
    })
    expect(toIpcError('boom').code).toBe('internal')
    expect(toIpcError({ code: 'not-errno' }).code).toBe('internal')
  })
})

describe('processInvoke', () => {
  const log = { info: vi.fn(), warn: vi.fn() }
  const run = <C extends InvokeChannel>(
    channel: C,
    args: unknown[],
    handler: () => Promise<unknown>,
    sender: SenderFacts = good,
    context: { window: string } | null = { window: 'w' }
  ) =>
    processInvoke({
      channel,
      handler: handler as never,
      context,
      sender,
      location: built,
      args,
      log
    })

  it('returns the handler value wrapped in ok', async () => {
    const handler = vi.fn(async () => ({ version: '1', locale: 'fr-FR', platform: 'linux' }))
    const result = await run('liasse:app:info', [undefined], handler)
    expect(result).toEqual({
      ok: true,
      value: { version: '1', locale: 'fr-FR', platform: 'linux' }
    })
    expect(handler).toHaveBeenCalledWith(undefined, { window: 'w' })
  })

  it('refuses an unknown channel, a bad sender or a bad request without calling the handler', async () => {
    const handler = vi.fn(async () => null)
    const unknown = await run('liasse:shell:exec' as InvokeChannel, [undefined], handler)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'badChannel' } })
    const foreign = { ...good, frameUrl: 'https://evil.example/' }
    expect(await run('liasse:sample:read', [undefined], handler, foreign)).toMatchObject({
      ok: false,
      error: { code: 'badSender' }
    })
    expect(await run('liasse:sample:read', [undefined], handler, good, null)).toMatchObject({
      ok: false,
      error: { code: 'badSender' }
    })
    expect(await run('liasse:files:open', [{ title: 1 }], handler)).toMatchObject({
      ok: false,
      error: { code: 'badRequest' }
    })
    expect(await run('liasse:sample:read', [undefined, 'extra'], handler)).toMatchObject({
      ok: false,
      error: { code: 'badRequest' }
    })
    expect(handler).not.toHaveBeenCalled()
  })

  it('turns a thrown error into the error shape instead of rejecting', async () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC'
    })
    const result = await run('liasse:sample:read', [], async () => {
      throw full
    })
    expect(result).toEqual({
      ok: false,
      error: { code: 'diskFull', message: 'There is not enough space left on the disk' }
    })
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('diskFull'), full)
  })
})

describe('the sync channels’ guards', () => {
  const request = REQUEST_GUARDS['liasse:sync:request']
  const ok = { id: 'a1b2', method: 'GET', url: 'https://couch.example.org/team', body: null }
  it('take a well-formed request to the team server', () => {
    expect(request(ok)).toBe(true)
    expect(request({ ...ok, method: 'POST', body: '{"docs":[]}' })).toBe(true)
  })
  it('refuse other methods, odd request ids and bodies that are not text', () => {
    expect(request({ ...ok, method: 'CONNECT' })).toBe(false)
    expect(request({ ...ok, id: '../x' })).toBe(false)
    expect(request({ ...ok, body: new Uint8Array(4) })).toBe(false)
    expect(request({ ...ok, extra: undefined, url: 42 })).toBe(false)
    expect(REQUEST_GUARDS['liasse:sync:server']({ server: null })).toBe(true)
    expect(REQUEST_GUARDS['liasse:sync:server']({ server: 'x'.repeat(5000) })).toBe(false)
    expect(REQUEST_GUARDS['liasse:sync:credentials']({ user: 'ana', password: 7 })).toBe(false)
  })
})
