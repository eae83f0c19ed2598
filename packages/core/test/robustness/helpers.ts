/**
 * Shared checks for the robustness suite: open an EPUB and parse every XML file in it, run the
 * real checkers (EPUBCheck, qpdf) when they are installed, make temporary book folders, and state
 * the one outcome every bad input must have: a book, or diagnostics with a code and a file, never
 * an exception and never an `internal-error`.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import nodePath from 'node:path'
import { unzipSync } from 'fflate'
import { SaxesParser } from 'saxes'
import { expect, it } from 'vitest'
import type { Diagnostic } from '../../src/diagnostics/file.js'
import { type Book, diagnosticsOf, loadBook, render } from '../../src/index.js'
import { runEpubcheck } from '../epubcheck/run.js'
import { EPUBCHECK_JAR, has, need } from '../tools.js'

export { EPUBCHECK_JAR }
export const hasEpubcheck = has('epubcheck')
export const hasQpdf = has('qpdf')
export const hasPdftotext = has('pdftotext')

export { fcRuns } from '../fast-check.js'

// ---------------------------------------------------------------- EPUB

export type Entries = Record<string, Uint8Array>

export function unzip(bytes: Uint8Array): Entries {
  return unzipSync(bytes)
}

const decoder = new TextDecoder('utf-8', { fatal: true })

/** Text of an entry; throws when it is not valid UTF-8 (an EPUB's XML must be). */
export function entryText(entries: Entries, name: string): string {
  const bytes = entries[name]
  if (!bytes) throw new Error(`no entry ${name}`)
  return decoder.decode(bytes)
}

/** Parse XML with a conforming, namespace-aware parser; returns the first error or undefined. */
export function xmlError(text: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true })
  let first: string | undefined
  parser.on('error', (error) => {
    first ??= error.message
  })
  try {
    parser.write(text).close()
  } catch (error) {
    first ??= (error as Error).message
  }
  return first
}

export interface XmlElement {
  name: string
  attributes: Record<string, string>
}

/** Every element of a document (name and attributes) and its text, for content assertions. */
export function xmlScan(text: string): { elements: XmlElement[]; text: string } {
  const parser = new SaxesParser({ xmlns: false })
  const elements: XmlElement[] = []
  let content = ''
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {}
    for (const [key, value] of Object.entries(tag.attributes)) attributes[key] = String(value)
    elements.push({ name: tag.name, attributes })
  })
  parser.on('text', (t) => {
    content += t
  })
  parser.on('cdata', (t) => {
    content += t
  })
  parser.write(text).close()
  return { elements, text: content }
}

export interface EpubReport {
  entries: Entries
  /** Names of XHTML content documents. */
  xhtml: string[]
  /** Every XML problem found: `name: message`. Empty for a well-formed EPUB. */
  problems: string[]
}

/** Open an EPUB and check its container shape and that every XML file in it is well-formed. */
export function inspectEpub(bytes: Uint8Array): EpubReport {
  const problems: string[] = []
  let entries: Entries
  try {
    entries = unzip(bytes)
  } catch (error) {
    return { entries: {}, xhtml: [], problems: [`zip: ${(error as Error).message}`] }
  }
  const names = Object.keys(entries)
  if (names[0] !== 'mimetype') problems.push('mimetype: not the first entry')
  else if (new TextDecoder().decode(entries.mimetype) !== 'application/epub+zip')
    problems.push('mimetype: wrong content')
  if (!entries['META-INF/container.xml']) problems.push('META-INF/container.xml: missing')
  const xhtml: string[] = []
  for (const name of names) {
    if (!/\.(xhtml|opf|ncx|xml|svg)$/i.test(name)) continue
    if (name.endsWith('.xhtml')) xhtml.push(name)
    let text: string
    try {
      text = entryText(entries, name)
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`)
      continue
    }
    const error = xmlError(text)
    if (error) problems.push(`${name}: ${error}`)
  }
  if (!names.some((n) => n.endsWith('.opf'))) problems.push('no package document (.opf)')
  return { entries, xhtml, problems }
}

/** All XHTML text of an EPUB concatenated (markup included), for `not.toContain` checks. */
export function allXhtml(report: EpubReport): string {
  return report.xhtml.map((name) => entryText(report.entries, name)).join('\n')
}

/** Run EPUBCheck; returns its verdict and the lines that matter. */
export async function epubcheck(bytes: Uint8Array): Promise<{ ok: boolean; output: string }> {
  const dir = await tempDir('epubcheck-')
  const file = nodePath.join(dir, 'book.epub')
  await writeFile(file, bytes)
  const run = await runEpubcheck(['-q', file])
  await rm(dir, { recursive: true, force: true })
  const output = `${run.stdout}\n${run.stderr}`.trim()
  return { ok: run.status === 0 && !/^(ERROR|FATAL|WARNING)/m.test(output), output }
}

// ---------------------------------------------------------------- PDF

export async function qpdfCheck(bytes: Uint8Array): Promise<{ ok: boolean; output: string }> {
  const dir = await tempDir('qpdf-')
  const file = nodePath.join(dir, 'book.pdf')
  await writeFile(file, bytes)
  const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8', timeout: 600_000 })
  await rm(dir, { recursive: true, force: true })
  // qpdf exits 0 when clean, 3 on warnings, 2 on errors.
  return { ok: run.status === 0, output: `${run.stdout}\n${run.stderr}`.trim() }
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const dir = await tempDir('pdftext-')
  const file = nodePath.join(dir, 'book.pdf')
  await writeFile(file, bytes)
  const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 1 << 28,
  })
  await rm(dir, { recursive: true, force: true })
  return run.stdout ?? ''
}

export function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 5))
  const tail = new TextDecoder().decode(bytes.subarray(Math.max(0, bytes.length - 1024)))
  return head === '%PDF-' && tail.includes('%%EOF')
}

// ---------------------------------------------------------------- folders

const made: string[] = []

/** A fresh folder under the OS temp dir; removed by `cleanupTempDirs`. */
export async function tempDir(prefix = 'octavo-robust-'): Promise<string> {
  const dir = await mkdtemp(nodePath.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}

export async function cleanupTempDirs(): Promise<void> {
  while (made.length) await rm(made.pop()!, { recursive: true, force: true })
}

/** Write a tree of files: `{ 'book.yaml': '…', 'ch/01.txt': bytes }`. */
export async function writeTree(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = nodePath.join(root, name)
    await mkdir(nodePath.dirname(path), { recursive: true })
    await writeFile(path, content)
  }
}

// ---------------------------------------------------------------- outcomes

/**
 * The outcome every bad input must have. With a book: no diagnostic is an `internal-error` (a
 * reader or transform that threw). Without one: at least one error, and every diagnostic names
 * its code and, unless it is about the book as a whole, its file.
 */
export function expectBookOrDiagnostics(result: { book?: unknown; diagnostics: Diagnostic[] }): void {
  const internal = result.diagnostics.filter((d) => d.code === 'internal-error')
  expect(internal, 'no internal errors').toEqual([])
  if (!result.book) expect(result.diagnostics.some((d) => d.level === 'error')).toBe(true)
  for (const d of result.diagnostics) {
    expect(typeof d.code).toBe('string')
    expect(d.message.length).toBeGreaterThan(0)
  }
}

/** Find a diagnostic by code (and optionally file); fails with the whole list when absent. */
export function findDiagnostic(list: Diagnostic[], code: string, file?: string): Diagnostic {
  const found = list.find((d) => d.code === code && (file === undefined || d.file === file))
  expect(
    found,
    `expected ${code}${file ? ` on ${file}` : ''} among ${JSON.stringify(list, null, 1)}`,
  ).toBeDefined()
  return found!
}

/** A valid 1×1 PNG (red, RGB). */
export const TINY_PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
    'base64',
  ),
)

/** CRC-32 for crafting PNG chunks. */
function crc32(bytes: Uint8Array): number {
  let c = ~0
  for (const b of bytes) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  out.set(new TextEncoder().encode(type), 4)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** A PNG whose header claims `width`×`height` (8-bit RGBA) with a few bytes of image data. */
export function pngClaiming(
  width: number,
  height: number,
  idat: Uint8Array = new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
): Uint8Array {
  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  ihdr[8] = 8
  ihdr[9] = 6
  const sig = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const parts = [sig, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array())]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** A baseline JPEG header claiming `width`×`height`, with no scan data worth the name. */
export function jpegClaiming(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8, // SOI
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00, // APP0 JFIF
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01, // SOF0, 3 components
    0xff,
    0xd9, // EOI
  ])
}

/** Sanity: a folder path is inside another (after resolution). */
export function isInside(child: string, parent: string): boolean {
  const rel = nodePath.relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel))
}

// ---------------------------------------------------------------- books

/** Write a book folder (a `book.yaml` naming `chapters` in order, plus any files) and load it. */
export async function loadFolder(
  files: Record<string, string | Uint8Array>,
  chapters: string[] = Object.keys(files).filter((n) => /\.(txt|md|html?|xhtml)$/.test(n)),
  yamlExtra = '',
): Promise<{ dir: string; result: Awaited<ReturnType<typeof loadBook>> }> {
  const dir = await tempDir()
  const yaml = `title: Robustness\nauthor: Test Author\nlanguage: en\nchapters:\n${chapters.map((c) => `  - ${JSON.stringify(c)}`).join('\n')}\n${yamlExtra}`
  await writeTree(dir, { 'book.yaml': yaml, ...files })
  const result = await loadBook([dir])
  return { dir, result }
}

/** Render the EPUB and inspect it; fails the test on any XML problem. */
export async function epubOf(book: Book): Promise<EpubReport & { bytes: Uint8Array }> {
  const bytes = await render(book, 'epub')
  const report = inspectEpub(bytes)
  expect(report.problems, 'EPUB XML problems').toEqual([])
  return { ...report, bytes }
}

/** Diagnostics after rendering too (renderers add theirs to the book's files). */
export function allDiagnostics(book: Book): Diagnostic[] {
  return diagnosticsOf(book)
}

/** Plain text of all XHTML bodies (entities decoded), for "the words survived" checks. */
export function epubText(report: EpubReport): string {
  return report.xhtml.map((name) => xmlScan(entryText(report.entries, name)).text).join('\n')
}

// ---------------------------------------------------------------- known defects

/**
 * Cases that fail today because of a defect in the code under test, each with the defect named
 * (see the robustness report). A case listed here is skipped, not deleted: it asserts the correct
 * behaviour, and removing its entry turns it back on once the defect is fixed.
 */
export const KNOWN_DEFECTS: Record<string, string> = {}

/**
 * `it`, or a skipped `it` when the case is blocked by a known defect. `OCTAVO_KNOWN_DEFECTS=1` runs
 * them anyway, to see which defects are still there.
 */
export function itUnless(defect: string | undefined): ReturnType<typeof it.skipIf> {
  const blocked = Boolean(defect && KNOWN_DEFECTS[defect]) && process.env.OCTAVO_KNOWN_DEFECTS !== '1'
  return it.skipIf(blocked)
}

/** The book's EPUB passes EPUBCheck (the test is skipped, naming the package, where it is missing). */
export async function expectEpubcheckPasses(book: Book): Promise<void> {
  const epub = await render(book, 'epub')
  need('epubcheck')
  const check = await epubcheck(epub)
  expect(check.ok, check.output).toBe(true)
}
