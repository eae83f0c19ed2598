/**
 * The examples, built as the README's `npm run example` builds them, and checked by the real
 * tools: EPUBCheck on every EPUB, Ace by DAISY on the example books, qpdf/pdffonts/pdfinfo on
 * every PDF. Each checker's tests skip with a reason when the tool is not installed.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { runEpubcheck } from '../../core/test/epubcheck/run.js'
import { has, locate } from '../../core/test/tools.js'
import { repo } from './helpers.js'

const run = promisify(execFile)
const hasEpubcheck = has('epubcheck')
const chromium = locate('chromium')
const ace = locate('ace') ?? ''

const out = mkdtempSync(path.join(tmpdir(), 'octavo-examples-'))
const epubs = () => readdirSync(out).filter((n) => n.endsWith('.epub'))
const pdfs = () => readdirSync(out).filter((n) => n.endsWith('.pdf'))

/** What building the examples printed: each example is built once, and every test reads it. */
let build: { status: number | null; stderr: string }

beforeAll(() => {
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000', NO_COLOR: '1' }
  build = spawnSync(process.execPath, [path.join(repo, 'scripts/build-examples.mjs'), out], {
    cwd: repo,
    env,
    encoding: 'utf8',
  })
  if (build.status !== 0) throw new Error(`building the examples failed:\n${build.stderr}`)
})

describe('the examples', () => {
  it('all build, into the files the README names', () => {
    expect(readdirSync(out).sort()).toEqual([
      'letters.epub',
      'letters.pdf',
      'the-cartographers-apprentice.epub',
      'the-cartographers-apprentice.pdf',
      'the-glass-orchard.epub',
      'the-glass-orchard.pdf',
      'two-small-tales.epub',
      'two-small-tales.txt',
    ])
  })

  it('the plugin example writes the plain-text format', () => {
    const text = readFileSync(path.join(out, 'two-small-tales.txt'), 'utf8')
    expect(text).toMatch(/^TWO SMALL TALES\nby O\. Plugin/)
    expect(text).toContain('                                  * * *')
  })

  it('build with no warnings at all', () => {
    // Every diagnostic the CLI and the library example print goes to stderr, so an empty stderr
    // is what `--strict` would pass (whose exit code cli.test.ts checks); no second build needed.
    expect(build.stderr).toBe('')
    expect(build.status).toBe(0)
  })

  it.skipIf(!hasEpubcheck)(
    'every EPUB passes EPUBCheck with no error and no warning',
    async () => {
      for (const name of epubs()) {
        const report = path.join(out, `${name}.json`)
        await runEpubcheck([path.join(out, name), '--json', report])
        const messages = (
          JSON.parse(readFileSync(report, 'utf8')) as {
            messages: Array<{ severity: string; ID: string; message: string }>
          }
        ).messages
          .filter((m) => m.severity !== 'USAGE' && m.severity !== 'INFO')
          .map((m) => `${name}: ${m.ID} ${m.message}`)
        expect(messages).toEqual([])
      }
    },
    300_000,
  )

  it.skipIf(!chromium || !existsSync(ace))(
    'the example books pass Ace by DAISY with no violation',
    async () => {
      for (const name of ['the-glass-orchard.epub', 'the-cartographers-apprentice.epub']) {
        const report = mkdtempSync(path.join(tmpdir(), 'octavo-ace-'))
        await run(ace, ['-E', '-f', '-s', '-o', report, path.join(out, name)], {
          env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium },
          maxBuffer: 1 << 26,
        }).catch(() => undefined) // non-zero on violations; the report says which
        const json = JSON.parse(readFileSync(path.join(report, 'report.json'), 'utf8')) as {
          assertions: Array<{
            'earl:testSubject': { url: string }
            assertions?: Array<{
              'earl:test': { 'dct:title': string }
              'earl:result': { 'earl:outcome': string }
            }>
          }>
          'earl:result': { 'earl:outcome': string }
        }
        const violations = json.assertions.flatMap((doc) =>
          (doc.assertions ?? [])
            .filter((a) => a['earl:result']['earl:outcome'] === 'fail')
            .map((a) => `${name} ${doc['earl:testSubject'].url}: ${a['earl:test']['dct:title']}`),
        )
        expect(violations).toEqual([])
        expect(json['earl:result']['earl:outcome']).toBe('pass')
      }
    },
    600_000,
  )

  it.skipIf(!has('qpdf') || !has('pdffonts'))(
    'every PDF passes qpdf --check, with every font embedded and subset',
    async () => {
      for (const name of pdfs()) {
        const file = path.join(out, name)
        const check = await run('qpdf', ['--check', file])
        expect(check.stdout).toMatch(/No syntax or stream encoding errors found/)
        const fonts = (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2)
        expect(fonts.length).toBeGreaterThan(0)
        for (const line of fonts) expect(line, `${name}: ${line}`).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/)
        const info = (await run('pdfinfo', [file])).stdout
        expect(info).toMatch(/Tagged:\s+yes/)
      }
    },
    300_000,
  )

  it.skipIf(!has('pdftotext'))(
    'the Markdown novel PDF has its trim size, outline text and curly quotes',
    async () => {
      const file = path.join(out, 'the-glass-orchard.pdf')
      const info = (await run('pdfinfo', [file])).stdout
      expect(info).toMatch(/Page size:\s+396 x 612 pts/) // 5.5 x 8.5 in, from book.yaml
      expect(info).toMatch(/Title:\s+The Glass Orchard/)
      const text = (await run('pdftotext', ['-layout', file, '-'])).stdout
      // Labelled once: the contents say "Part One: Blossom" (in capitals), the part page prints
      // "Part One" over "Blossom"; never "Part: Part One: Blossom".
      expect(text).toContain('PART ONE: BLOSSOM')
      expect(text).toMatch(/^\s*Part One\s*\n\s*Blossom\s*$/m)
      expect(text).not.toMatch(/Part: Part/i)
      expect(text).toMatch(/“It’s a living,” said Pell’s father/)
    },
  )
})
