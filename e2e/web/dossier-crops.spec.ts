// The HTML dossier's page crops as the export worker draws them, in Chromium: the module the
// worker imports (features/dossier/crop-pages.ts), run in a dedicated worker, decodes a JPEG page
// with createImageBitmap and crops it with OffscreenCanvas. Node tests crop with @napi-rs/canvas;
// this is the app's own implementation, on a page of known pixels.
import { readFileSync } from 'node:fs'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import ts from 'typescript'
import { expect, test } from '@playwright/test'

const MODULE = 'src/renderer/src/features/dossier/crop-pages.ts'

test('the export worker crops a page image into JPEG data URLs of the asked boxes and sizes', async ({
  page
}) => {
  // A white page with one black block at (100, 100), 200 × 50.
  const canvas = createCanvas(400, 300)
  const context = canvas.getContext('2d')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, 400, 300)
  context.fillStyle = '#000000'
  context.fillRect(100, 100, 200, 50)
  const base64 = (await canvas.encode('jpeg', 95)).toString('base64')

  // The module as the bundle has it (types stripped), run as a classic worker script.
  const code = ts.transpileModule(readFileSync(MODULE, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext }
  }).outputText
  const script =
    code.replace(/^export /gm, '') +
    `\nself.onmessage = async (event) => {
      try { self.postMessage({ urls: await cropPagesWithCanvas(event.data.image, event.data.requests) }) }
      catch (error) { self.postMessage({ error: String(error) }) }
    }`
  // A blank page on its own origin: no app, no CSP in the way of a blob worker.
  await page.route('http://crops.invalid/', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>crops</title>' })
  )
  await page.goto('http://crops.invalid/')
  const reply = await page.evaluate(
    ({ script, base64 }) =>
      new Promise<{ urls?: string[]; error?: string }>((resolve) => {
        const worker = new Worker(
          URL.createObjectURL(new Blob([script], { type: 'text/javascript' }))
        )
        worker.onmessage = (event) => resolve(event.data as { urls?: string[]; error?: string })
        worker.postMessage({
          image: { mime: 'image/jpeg', base64, width: 400, height: 300 },
          requests: [
            // The block with a 20 px margin, at its size.
            { source: { x: 80, y: 80, w: 240, h: 90 }, width: 240, height: 90 },
            // The same, drawn at half size.
            { source: { x: 80, y: 80, w: 240, h: 90 }, width: 120, height: 45 }
          ]
        })
      }),
    { script, base64 }
  )
  expect(reply.error).toBeUndefined()
  expect(reply.urls).toHaveLength(2)
  const sizes: [number, number][] = [
    [240, 90],
    [120, 45]
  ]
  for (const [index, [width, height]] of sizes.entries()) {
    const url = reply.urls![index]!
    expect(url).toMatch(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/)
    const crop = await loadImage(Buffer.from(url.split(',')[1]!, 'base64'))
    expect([crop.width, crop.height]).toEqual([width, height])
    const drawn = createCanvas(width, height).getContext('2d')
    drawn.drawImage(crop, 0, 0)
    const pixels = drawn.getImageData(0, 0, width, height).data
    const grey = (x: number, y: number): number => pixels[(y * width + x) * 4]!
    // The block in the middle, the margin around it white.
    expect(grey(Math.floor(width / 2), Math.floor(height / 2))).toBeLessThan(40)
    expect(grey(2, 2)).toBeGreaterThan(215)
    expect(grey(width - 3, height - 3)).toBeGreaterThan(215)
  }
})
