/**
 * A web app using @octavo/core the way the README shows: the core bundled for the browser, the
 * faces and resvg's WebAssembly fetched from the app's own server, the hyphenation patterns
 * imported. browser.test.ts bundles this file with esbuild and runs it in headless Chromium.
 * It has no access to Node: everything it needs is in the bundle or fetched.
 */
import enUs from 'hyphen/patterns/en-us.js'
import {
  type Assets,
  type CreateOptions,
  createBook,
  diagnosticsOf,
  loadBook,
  render,
} from '../../src/index.js'

/** What a web app hands Octavo: fetched faces and WebAssembly, imported patterns. */
const assets: Assets = {
  async font(file) {
    const response = await fetch(`/fonts/${file}`)
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined
  },
  hyphenation: (set) => ({ 'en-us': enUs })[set],
  resvgWasm: () => fetch('/resvg.wasm'),
}

/** Bytes as base64, to hand them back to the test through Playwright's JSON channel. */
function base64(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(text)
}

/** The input as the test sends it (JSON), its files' bytes in base64. */
function fromWire(options: CreateOptions): CreateOptions {
  const files = Object.fromEntries(
    Object.entries(options.files ?? {}).map(([name, text]) => [
      name,
      Uint8Array.from(atob(text as string), (c) => c.charCodeAt(0)),
    ]),
  )
  return { ...options, files }
}

/** The outcome of a call made in the page: bytes or diagnostics, never an exception. */
export interface Outcome {
  epub?: string
  pdf?: string
  codes: string[]
  error?: { name: string; code?: string; message: string }
}

async function attempt(run: (codes: string[]) => Promise<Omit<Outcome, 'codes'>>): Promise<Outcome> {
  const codes: string[] = []
  try {
    return { ...(await run(codes)), codes }
  } catch (error) {
    const e = error as Error & { diagnostic?: { code: string } }
    return {
      codes,
      error: { name: e.name, message: e.message, ...(e.diagnostic ? { code: e.diagnostic.code } : {}) },
    }
  }
}

/** Build `options` and render it to both formats, with the assets or without them. */
function renderBoth(options: CreateOptions, withAssets: boolean): Promise<Outcome> {
  return attempt(async (codes) => {
    const given = fromWire(options)
    const { book } = await createBook(withAssets ? { ...given, assets } : given)
    if (!book) throw new Error('no book')
    const epub = await render(book, 'epub')
    codes.push(...diagnosticsOf(book).map((d) => d.code))
    const pdf = await render(book, 'pdf')
    return { epub: base64(epub), pdf: base64(pdf) }
  })
}

/** Render the EPUB alone (the PDF needs the faces, the EPUB only its cover's). */
function renderEpub(options: CreateOptions): Promise<Outcome> {
  return attempt(async (codes) => {
    // Faces given, resvg's WebAssembly not: the cover cannot be drawn.
    const { book } = await createBook({ ...fromWire(options), assets: { ...assets, resvgWasm: undefined } })
    if (!book) throw new Error('no book')
    const epub = await render(book, 'epub')
    codes.push(...diagnosticsOf(book).map((d) => d.code))
    return { epub: base64(epub) }
  })
}

function tryLoadBook(): Promise<Outcome> {
  return attempt(async () => {
    await loadBook('my-novel/')
    return {}
  })
}

const octavoApp = { renderBoth, renderEpub, tryLoadBook }
/** What the page offers the test, as `globalThis.octavoApp`. */
export type OctavoApp = typeof octavoApp
Object.assign(globalThis, { octavoApp })
