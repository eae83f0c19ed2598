/**
 * The real checkers: EPUBCheck (zero errors and zero warnings), Ace by DAISY (zero violations)
 * and calibre (reads back every chapter and every word). Each suite skips, saying why, when its
 * tool is not installed; CI installs them.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { runEpubcheck } from '../epubcheck/run.js'
import { SHARED } from '../shared.js'
import type { EpubcheckMessage } from './helpers.js'
import {
  aceViolations,
  EPUBCHECK_JAR,
  hasEpubcheck,
  richFiles,
  richTree,
  summarise,
  tempFile,
  txtBook,
  which,
} from './helpers.js'

const run = promisify(execFile)
const CORPUS = process.env.OCTAVO_CORPUS ?? `${SHARED}/corpus`
const GEN_SERIAL = process.env.OCTAVO_GEN_SERIAL ?? `${SHARED}/tools/gen-serial.mjs`
const BOOKS = ['alices-adventures-in-wonderland', 'pride-and-prejudice', 'war-and-peace']
const DATE = new Date(Date.UTC(2026, 0, 1))

async function build(tree: Root, files: Record<string, Uint8Array | string> = {}, options = {}) {
  const file = new SourceFile('')
  const bytes = await epubRenderer.render(tree, options, createMemoryEnv(files, { date: DATE, file }))
  return { bytes, messages: file.messages }
}

async function epubcheckAsync(file: string): Promise<EpubcheckMessage[]> {
  const { stdout } = await runEpubcheck([file, '--json', '-'])
  return (JSON.parse(stdout.slice(stdout.indexOf('{'))) as { messages: EpubcheckMessage[] }).messages
}

function corpusMeta(slug: string) {
  const yaml = readFileSync(path.join(CORPUS, slug, 'meta.yaml'), 'utf8')
  const field = (name: string) => new RegExp(`^${name}: "(.*)"$`, 'm').exec(yaml)?.[1] ?? ''
  return { title: field('title'), authors: [{ name: field('author') }], language: field('language') }
}

const hasCorpus = existsSync(CORPUS)
let serialDir: string | undefined

beforeAll(async () => {
  if (!existsSync(GEN_SERIAL)) return
  serialDir = mkdtempSync(path.join(tmpdir(), 'octavo-serial-'))
  await run('node', [GEN_SERIAL, '--out', serialDir, '--chapters', '100', '--formats', 'txt'])
})

afterAll(() => {
  serialDir = undefined
})

describe.skipIf(!hasEpubcheck())(`EPUBCheck (${EPUBCHECK_JAR})`, () => {
  it('passes the feature-rich book: given cover, generated cover, right-to-left', async () => {
    const files = await richFiles()
    const variants = {
      'cover given': await build(richTree({ cover: 'images/cover.png' }), files),
      'cover generated': await build(richTree(), files),
      'rtl (he)': await build(richTree({ language: 'he' }), files),
      'no toc page': await build(richTree(), files, { toc: false, generateCover: false }),
    }
    const results = await Promise.all(
      Object.entries(variants).map(async ([name, { bytes, messages }]) => {
        expect(messages, name).toEqual([])
        return [
          name,
          summarise(await epubcheckAsync(tempFile(`${name.replace(/\W+/g, '-')}.epub`, bytes))),
        ] as const
      }),
    )
    expect(Object.fromEntries(results)).toEqual(Object.fromEntries(results.map(([name]) => [name, []])))
  })

  it.skipIf(!hasCorpus)(
    'passes the three corpus books (from txt)',
    async () => {
      const results: Record<string, string[]> = {}
      for (const slug of BOOKS) {
        const { bytes, messages } = await build(txtBook(path.join(CORPUS, slug), corpusMeta(slug)))
        expect(messages, slug).toEqual([])
        results[slug] = summarise(await epubcheckAsync(tempFile(`${slug}.epub`, bytes)))
      }
      expect(results).toEqual(Object.fromEntries(BOOKS.map((slug) => [slug, []])))
    },
    600_000,
  )

  it('passes a 100-chapter serial', async (context) => {
    if (!serialDir) return context.skip(`no serial generator at ${GEN_SERIAL}`)
    const { bytes } = await build(
      txtBook(serialDir, { title: 'The Serial', series: { name: 'Serials', number: 1 } }),
    )
    expect(summarise(await epubcheckAsync(tempFile('serial.epub', bytes)))).toEqual([])
  })
})

const chromium = process.env.PUPPETEER_EXECUTABLE_PATH ?? which('chromium') ?? which('chromium-browser')
const aceBin = path.resolve(import.meta.dirname, '../../../../node_modules/.bin/ace-cli')

describe.skipIf(!chromium || !existsSync(aceBin))('Ace by DAISY (needs chromium and @daisy/ace-cli)', () => {
  it('reports no violations on the feature-rich book', async () => {
    const { bytes } = await build(richTree(), await richFiles())
    const epub = tempFile('ace.epub', bytes)
    expect(await aceViolations(epub, aceBin, chromium!)).toEqual([])
  })
})

const ebookConvert = which('ebook-convert')

describe.skipIf(!ebookConvert || !hasCorpus)('calibre (needs ebook-convert and the corpus)', () => {
  it('reads back every chapter and every word of Alice', async () => {
    const slug = 'alices-adventures-in-wonderland'
    const tree = txtBook(path.join(CORPUS, slug), corpusMeta(slug))
    const { bytes } = await build(tree)
    const epub = tempFile('alice.epub', bytes)
    const txt = epub.replace(/\.epub$/, '.txt')
    await run(ebookConvert!, [epub, txt], { maxBuffer: 64 * 1024 * 1024 })
    const words = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')
    const out = words(readFileSync(txt, 'utf8'))
    const dir = path.join(CORPUS, slug, 'txt')
    for (const chapter of tree.children) {
      if (chapter.type !== 'chapter') continue
      const source = readFileSync(path.join(dir, path.basename(chapter.file!)), 'utf8')
      const [heading, ...body] = source.split('\n')
      expect(out, chapter.file).toContain(words(heading!))
      expect(out.includes(words(body.join('\n'))), `${chapter.file}: all words in order`).toBe(true)
    }
  })
})
