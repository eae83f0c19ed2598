/**
 * The core runs in a browser. app.ts (a web app using @octavo/core as the README shows) is
 * bundled for the browser platform with esbuild, served to headless Chromium (Debian's
 * `chromium`, driven by playwright-core; nothing is downloaded, every other request is refused),
 * and renders an EPUB and a PDF from text, Markdown and HTML chapters given as strings. Both must
 * be what Node makes from the same input, byte for byte (the PDF's streams are deflated by fflate
 * on both platforms, not by pdfkit's platform zlib: `deflate.test.ts`). When the PDFs differ, the
 * failure shows the objects that do, every stream inflated.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { inflateSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CreateOptions, createBook, render } from '../../src/index.js'
import { locate } from '../tools.js'
import type { OctavoApp } from './app.js'

const CHROMIUM = process.env.OCTAVO_CHROMIUM ?? locate('chromium') ?? ''
const hasChromium = CHROMIUM !== '' && existsSync(CHROMIUM)
const require = createRequire(import.meta.url)
const ORIGIN = 'http://octavo.test'

/** A 3×2 PNG with colour and transparency: a figure in the Markdown chapter. */
const DOT = (() => {
  const png = new PNG({ width: 3, height: 2 })
  png.data.set([
    255, 0, 0, 255, 0, 128, 0, 255, 0, 0, 255, 128, 255, 255, 255, 0, 20, 20, 20, 255, 200, 180, 0, 255,
  ])
  return new Uint8Array(PNG.sync.write(png))
})()

const INPUT: CreateOptions = {
  metadata: {
    title: 'The Lighthouse Keeper',
    subtitle: 'A Novella',
    author: 'Ada Quill',
    language: 'en',
    date: '2024-05-01',
    series: { name: 'Coastal Tales', number: 2 },
  },
  chapters: [
    {
      text: 'Chapter One: Arrival\n\nThe boat came in at dusk, and the keeper -- a tall, unhurried woman -- walked down to meet it. "You\'re late," she said.\n\n* * *\n\nThe lamp turned all night, patient and indifferent, sweeping the extraordinarily unremarkable water.',
    },
    {
      markdown:
        '# Chapter Two: The Log\n\nShe kept the log in a *careful* hand, **every** entry dated.[^1]\n\n![A dot of colour](dot.png)\n\n> The sea is never the same sea twice.\n\n[^1]: The logbooks survive in the county archive.\n',
    },
    {
      html: '<h1>Chapter Three: Fog</h1><p>The fog rolled in from the <em>north</em>, thick as wool.</p><p>By morning the horn had sounded four hundred times.</p>',
    },
  ],
  // The author's own face, embedded in the EPUB and setting the PDF's roman text.
  files: {
    'dot.png': DOT,
    'fonts/Body.ttf': new Uint8Array(
      readFileSync(
        require.resolve('@expo-google-fonts/source-serif-4/400Regular/SourceSerif4_400Regular.ttf'),
      ),
    ),
  },
  formats: { epub: { fonts: ['fonts/Body.ttf'] }, pdf: { font: { regular: 'fonts/Body.ttf' } } },
}

/** app.ts bundled for the browser platform, as a web app's build would (once per run). */
let bundled: Promise<{ app: Uint8Array; metafile: Metafile }> | undefined
function bundle(): Promise<{ app: Uint8Array; metafile: Metafile }> {
  bundled ??= build({
    entryPoints: [path.join(import.meta.dirname, 'app.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    // The sources, as tests run them (package.json `imports` maps `#platform` to src/ here).
    conditions: ['octavo-source'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  }).then((result) => ({ app: result.outputFiles[0]!.contents, metafile: result.metafile }))
  return bundled
}

describe('@octavo/core bundled for the browser', () => {
  it('has no node: module and no native addon', async () => {
    const { metafile } = await bundle()
    const inputs = Object.keys(metafile.inputs)
    expect(inputs.some((i) => i.includes('src/platform/browser.ts'))).toBe(true)
    expect(inputs.some((i) => i.includes('src/platform/disk-browser.ts'))).toBe(true)
    expect(
      inputs.filter((i) => /src\/platform\/(node|disk)\.ts|src\/plugins\.ts|resvg-js|^node:/.test(i)),
    ).toEqual([])
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path))
    expect(imports.filter((i) => i.startsWith('node:') || i.endsWith('.node'))).toEqual([])
  })
})

describe.skipIf(!hasChromium)(
  hasChromium
    ? '@octavo/core in headless Chromium'
    : '@octavo/core in headless Chromium (skipped: install the Debian package "chromium")',
  () => {
    let browser: Browser
    let page: Page
    let app: Uint8Array

    beforeAll(async () => {
      app = (await bundle()).app
      const { chromium } = await import('playwright-core')
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
      page = await openApp(browser, app)
    })

    afterAll(async () => {
      await browser?.close()
    })

    it('renders an EPUB and a PDF from strings that equal Node’s', async () => {
      const got = await page.evaluate(
        (input) => (globalThis as unknown as { octavoApp: OctavoApp }).octavoApp.renderBoth(input, true),
        withDot(INPUT) as CreateOptions,
      )
      expect(got.error).toBeUndefined()
      const { book } = await createBook(INPUT)
      const epub = await render(book!, 'epub')
      const pdf = await render(book!, 'pdf')
      const browserEpub = Buffer.from(got.epub ?? '', 'base64')
      const browserPdf = Buffer.from(got.pdf ?? '', 'base64')
      // The generated cover (resvg-wasm in the page, native resvg here) is in the EPUB too.
      expect(browserEpub.length).toBeGreaterThan(50_000)
      expect(browserEpub.equals(Buffer.from(epub))).toBe(true)
      const nodeObjects = pdfObjects(pdf)
      expect(nodeObjects.length).toBeGreaterThan(50)
      // Where the bytes differ, show how: object by object, every stream inflated.
      if (!browserPdf.equals(Buffer.from(pdf))) expect(pdfObjects(browserPdf)).toEqual(nodeObjects)
      expect(browserPdf.equals(Buffer.from(pdf))).toBe(true)
      // Hyphenation patterns reached the page: no "no hyphenation" warning was given there.
      expect(got.codes).not.toContain('pdf-hyphenation-unavailable')
    })

    it('stops with a diagnostic naming the face when a browser build is given no faces', async () => {
      // A fresh page: faces once given are kept for the page's later renders.
      const fresh = await openApp(browser, app)
      const got = await fresh.evaluate(
        (input) => (globalThis as unknown as { octavoApp: OctavoApp }).octavoApp.renderBoth(input, false),
        withDot(INPUT) as CreateOptions,
      )
      expect(got.error).toMatchObject({ name: 'OctavoError', code: 'pdf-font-unavailable' })
      // The custom regular face is given; the first built-in one (the fallback family) is not.
      expect(got.error?.message).toMatch(
        /^The built-in face "eb-garamond\/400Regular\/EBGaramond_400Regular\.ttf" is not available/,
      )
    })

    it('makes an EPUB without the generated cover, and says why, when resvg is not given', async () => {
      // A fresh page: resvg-wasm, once started in a page, stays started.
      const fresh = await openApp(browser, app)
      const got = await fresh.evaluate(
        (input) => (globalThis as unknown as { octavoApp: OctavoApp }).octavoApp.renderEpub(input),
        withDot(INPUT) as CreateOptions,
      )
      expect(got.error).toBeUndefined()
      expect(got.codes).toContain('epub-cover-unavailable')
      expect(Buffer.from(got.epub ?? '', 'base64').includes('cover.png')).toBe(false)
    })

    it('answers loadBook in a browser with a platform-node-only diagnostic', async () => {
      const got = await page.evaluate(() =>
        (globalThis as unknown as { octavoApp: OctavoApp }).octavoApp.tryLoadBook(),
      )
      expect(got.error).toMatchObject({ name: 'OctavoError', code: 'platform-node-only' })
    })
  },
)

/**
 * A page of the web app: its own server (simulated) serves the page, its bundle, the faces and
 * resvg's WebAssembly; any other request is refused, so nothing reaches the network.
 */
async function openApp(browser: Browser, app: Uint8Array): Promise<Page> {
  const page = await browser.newPage()
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.origin !== ORIGIN) return route.abort()
    if (url.pathname === '/') {
      return route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><script type="module" src="/app.js"></script>',
      })
    }
    if (url.pathname === '/app.js') {
      return route.fulfill({ contentType: 'text/javascript', body: Buffer.from(app) })
    }
    if (url.pathname === '/resvg.wasm') {
      return route.fulfill({
        contentType: 'application/wasm',
        body: readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
      })
    }
    const font = /^\/fonts\/([a-z0-9-]+\/[A-Za-z0-9_]+\/[A-Za-z0-9_]+\.ttf)$/.exec(url.pathname)
    if (font) return route.fulfill({ body: readFileSync(require.resolve(`@expo-google-fonts/${font[1]}`)) })
    return route.fulfill({ status: 404, body: '' })
  })
  await page.goto(`${ORIGIN}/`)
  await page.waitForFunction(() => 'octavoApp' in globalThis)
  return page
}

/** The input as it crosses into the page: JSON, with the files' bytes in base64 (app.ts decodes them). */
function withDot(input: CreateOptions): unknown {
  const files = Object.fromEntries(
    Object.entries(input.files ?? {}).map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')]),
  )
  return { ...input, files }
}

/**
 * A PDF as its objects in order, each "number, dictionary, stream content" with streams inflated
 * and `/Length` blanked: what a reader sees, so a failure shows which objects differ and how, not
 * only that the bytes do. The trailer is kept with its byte offsets blanked.
 */
function pdfObjects(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1')
  const out: string[] = []
  const head = /(\d+) 0 obj\n/g
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const start = m.index + m[0].length
    const end = text.indexOf('\nendobj', start)
    const stream = text.indexOf('\nstream\n', start)
    if (stream === -1 || stream > end) {
      out.push(`${m[1]} ${text.slice(start, end)}`)
      head.lastIndex = end
      continue
    }
    const dict = text.slice(start, stream)
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1])
    let data = Buffer.from(text.slice(stream + 8, stream + 8 + length), 'latin1')
    if (dict.includes('/FlateDecode')) data = inflateSync(data)
    out.push(`${m[1]} ${dict.replace(/\/Length \d+/, '/Length _')}\n${data.toString('latin1')}`)
    head.lastIndex = stream + 8 + length
  }
  out.push(text.slice(text.lastIndexOf('trailer')).replace(/startxref\n\d+/, 'startxref _'))
  return out
}
