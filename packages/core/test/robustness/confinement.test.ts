/**
 * Rendering never reads outside the book's folder and never opens a network connection. Checked
 * in-process: the file-opening functions of `fs` and `fs/promises` and every network entry point
 * (`net.Socket#connect`, `dns.lookup`, `http(s).request/get`, `fetch`) are wrapped with spies while
 * a hostile book folder is loaded and rendered to EPUB and PDF. Reads under `node_modules` and
 * Octavo's own package (fonts, assets) are allowed; anything else outside the book fails.
 */
import dns from 'node:dns'
import fs from 'node:fs'
import { readFile as esmReadFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import { syncBuiltinESMExports } from 'node:module'
import net from 'node:net'
import nodePath from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadBook, render } from '../../src/index.js'
import {
  cleanupTempDirs,
  expectBookOrDiagnostics,
  isInside,
  TINY_PNG,
  tempDir,
  writeTree,
} from './helpers.js'

afterAll(cleanupTempDirs)

const corePackage = nodePath.resolve(fileURLToPath(new URL('../../', import.meta.url)))

interface Spy {
  reads: string[]
  network: string[]
  restore(): void
}

/** Wrap every way of opening a file or a connection; record what is asked for. */
function instrument(): Spy {
  const reads: string[] = []
  const network: string[] = []
  const restores: Array<() => void> = []
  const wrap = <T extends object>(target: T, key: keyof T & string, record: (args: unknown[]) => void) => {
    const original = target[key] as unknown as (...args: unknown[]) => unknown
    if (typeof original !== 'function') return
    const wrapped = function (this: unknown, ...args: unknown[]) {
      record(args)
      return original.apply(this, args)
    }
    ;(target as Record<string, unknown>)[key] = wrapped
    restores.push(() => {
      ;(target as Record<string, unknown>)[key] = original
    })
  }
  const pathArg = (args: unknown[]) => {
    const p = args[0]
    if (typeof p === 'string') reads.push(nodePath.resolve(p))
    else if (p instanceof URL) reads.push(fileURLToPath(p))
    else if (Buffer.isBuffer(p)) reads.push(nodePath.resolve(p.toString()))
  }
  for (const key of [
    'readFile',
    'readFileSync',
    'open',
    'openSync',
    'createReadStream',
    'openAsBlob',
  ] as const)
    wrap(fs, key, pathArg)
  for (const key of ['readFile', 'open'] as const) wrap(fs.promises, key, pathArg)
  const net_ = (what: string) => (args: unknown[]) =>
    network.push(`${what} ${JSON.stringify(args[0] ?? '').slice(0, 200)}`)
  wrap(net.Socket.prototype, 'connect', net_('net.connect'))
  wrap(net, 'connect', net_('net.connect'))
  wrap(net, 'createConnection', net_('net.createConnection'))
  wrap(dns, 'lookup', net_('dns.lookup'))
  wrap(dns.promises, 'lookup', net_('dns.promises.lookup'))
  wrap(dns, 'resolve', net_('dns.resolve'))
  wrap(http, 'request', net_('http.request'))
  wrap(http, 'get', net_('http.get'))
  wrap(https, 'request', net_('https.request'))
  wrap(https, 'get', net_('https.get'))
  wrap(globalThis, 'fetch', net_('fetch'))
  // ESM named imports of builtins (`import { readFile } from 'node:fs/promises'`) see the wrappers only after this.
  syncBuiltinESMExports()
  return {
    reads,
    network,
    restore() {
      for (const r of restores.reverse()) r()
      syncBuiltinESMExports()
    },
  }
}

let spy: Spy | undefined
afterEach(() => {
  spy?.restore()
  spy = undefined
})

let book: string
let hostileManifest: string
let outside: string

beforeAll(async () => {
  outside = await tempDir('octavo-outside-')
  await writeTree(outside, {
    'secret.png': TINY_PNG,
    'secret.css': 'body{}',
    'secret.ttf': 'x',
    'secret.txt': 'Chapter 9\n\nsecret\n',
  })
  book = await tempDir('octavo-confined-')
  const up = `../${nodePath.basename(outside)}`
  await writeTree(book, {
    'book.yaml': 'title: Confined\nauthor: A\nchapters: [a.md, b.html, c.txt]\n',
    'a.md': [
      '# Chapter 1',
      '',
      `![up](${up}/secret.png) ![abs](${nodePath.join(outside, 'secret.png')}) ![web](http://127.0.0.1:9/a.png)`,
      '',
      '![https](https://example.invalid/b.png) ![file](file:///etc/hostname) ![ok](images/ok.png)',
      '',
      '[a link](https://example.invalid/never-fetched)',
    ].join('\n'),
    'b.html': `<h1>Chapter 2</h1><link rel="stylesheet" href="http://127.0.0.1:9/x.css"><p><img src="http://127.0.0.1:9/t.gif" alt="t"><img src="${up}/secret.png" alt="u"><img src="//example.invalid/x.png" alt="v"></p><iframe src="http://127.0.0.1:9/"></iframe><video src="http://127.0.0.1:9/v.mp4"></video>`,
    'c.txt': 'Chapter 3\n\nPlain words.\n',
    'images/ok.png': TINY_PNG,
  })
  await fs.promises.symlink(nodePath.join(outside, 'secret.png'), nodePath.join(book, 'images/link.png'))
  await fs.promises.appendFile(nodePath.join(book, 'a.md'), '\n\n![link](images/link.png)\n')

  hostileManifest = await tempDir('octavo-confined-')
  await writeTree(hostileManifest, {
    'book.yaml': [
      'title: Confined',
      'author: A',
      `cover: ${up}/secret.png`,
      'chapters: [c.txt]',
      'epub:',
      `  css: ${up}/secret.css`,
      `  fonts: [${nodePath.join(outside, 'secret.ttf')}, http://127.0.0.1:9/font.woff]`,
      'pdf:',
      '  font:',
      `    regular: ${up}/secret.ttf`,
    ].join('\n'),
    'c.txt': 'Chapter 1\n\nPlain words.\n',
  })
})

function allowed(path: string, root: string): boolean {
  if (isInside(path, root) && !path.includes('images/link.png')) return true
  if (path.split(nodePath.sep).includes('node_modules')) return true
  if (isInside(path, corePackage)) return true
  // Node's own internals (ICU data, /proc for os info) are not the book's business but are harmless.
  if (path.startsWith('/proc/') || path.startsWith('/sys/') || path.startsWith('/dev/')) return true
  return false
}

describe('confinement', () => {
  it('the instrumentation sees ESM and CJS reads and connections (self-test)', async () => {
    spy = instrument()
    const { readFile } = await import('node:fs/promises')
    await readFile(nodePath.join(outside, 'secret.txt'))
    fs.readFileSync(nodePath.join(outside, 'secret.css'))
    await esmReadFile(nodePath.join(outside, 'secret.ttf'))
    await new Promise<void>((resolve) => dns.lookup('localhost', () => resolve()))
    spy.restore()
    const seen = new Set(spy.reads.filter((p) => isInside(p, outside)))
    const connections = spy.network.length
    spy = undefined
    expect([...seen].sort()).toEqual(
      ['secret.css', 'secret.ttf', 'secret.txt'].map((n) => nodePath.join(outside, n)),
    )
    expect(connections).toBeGreaterThan(0)
  })

  it('loadBook + render EPUB and PDF read nothing outside the book and open no connection', async () => {
    spy = instrument()
    let epub: Uint8Array | undefined
    let pdf: Uint8Array | undefined
    const result = await loadBook([book])
    expectBookOrDiagnostics(result)
    if (result.book) {
      epub = await render(result.book, 'epub')
      pdf = await render(result.book, 'pdf')
    }
    const { reads, network } = spy
    spy.restore()
    spy = undefined
    expect(network, 'network calls').toEqual([])
    const outsideReads = [...new Set(reads)].filter((p) => !allowed(p, book))
    expect(outsideReads, 'reads outside the book').toEqual([])
    expect(result.book, JSON.stringify(result.diagnostics)).toBeDefined()
    expect(epub!.length).toBeGreaterThan(0)
    expect(pdf!.length).toBeGreaterThan(0)
  })

  it('a book.yaml naming cover, CSS and fonts outside the book or on the web reads and fetches none of them', async () => {
    spy = instrument()
    const result = await loadBook([hostileManifest])
    expectBookOrDiagnostics(result)
    if (result.book) {
      await render(result.book, 'epub')
      await render(result.book, 'pdf')
    }
    const { reads, network } = spy
    spy.restore()
    spy = undefined
    expect(network, 'network calls').toEqual([])
    expect(
      [...new Set(reads)].filter((p) => !allowed(p, hostileManifest)),
      'reads outside the book',
    ).toEqual([])
    const all = result.book
      ? (await import('../../src/index.js')).diagnosticsOf(result.book)
      : result.diagnostics
    expect(all.filter((d) => d.code === 'resource-outside-book').length, JSON.stringify(all)).toBeGreaterThan(
      0,
    )
  })
})
