/**
 * The PDF renderer end to end, checked with real tools: qpdf (structure, outline, page labels),
 * pdffonts (embedded and subset), pdfinfo (size, pages, metadata, tagging) and pdftotext (every
 * word back, in order, with curly quotes and dashes).
 */
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Root } from '../../src/model/types.js'
import { type PdfReport, pdfRenderer, renderPdf } from '../../src/renderers/pdf/index.js'
import { parseSize, parseTrim, trimSizes } from '../../src/renderers/pdf/trim.js'
import { SHARED } from '../shared.js'
import { corpusBook, p, picture, sampleBook, t, tempPdf, tool, words } from './helpers.js'

const require = createRequire(import.meta.url)

async function render(
  tree: Root,
  options: Parameters<typeof renderPdf>[1] = {},
  files: Record<string, Uint8Array | string> = {},
  date?: Date,
) {
  const env = createMemoryEnv(files, { file: new SourceFile(''), ...(date ? { date } : {}) })
  const chunks: Uint8Array[] = []
  let report: PdfReport | undefined
  for await (const chunk of renderPdf(tree, options, env, (r) => (report = r))) chunks.push(chunk)
  const bytes = new Uint8Array(Buffer.concat(chunks))
  return { bytes, env, report: report!, chunks: chunks.length, path: tempPdf(bytes) }
}

/** The body text of a tree, in reading order, as the words the PDF must give back. */
function sourceWords(tree: Root): string[] {
  const out: string[] = []
  const block = (b: BlockContent) => {
    if (b.type === 'paragraph' || b.type === 'heading') out.push(...words(textOf(b.children)))
    else if (b.type === 'verse') for (const l of b.children) out.push(...words(textOf(l.children)))
    else if (b.type === 'blockquote' || b.type === 'note') b.children.forEach(block)
    else if (b.type === 'list') for (const item of b.children) item.children.forEach(block)
  }
  for (const child of tree.children) {
    const chapters = child.type === 'part' ? child.children : [child]
    for (const c of chapters) c.children.forEach(block)
  }
  return out.map((w) => w.toLowerCase())
}

function textOf(nodes: readonly unknown[]): string {
  return (nodes as Array<{ type: string; value?: string; children?: unknown[] }>)
    .map((n) =>
      n.type === 'text'
        ? n.value
        : n.type === 'footnoteReference'
          ? ' '
          : n.children
            ? textOf(n.children)
            : '',
    )
    .join('')
}

/** Index of the first source word not found, in order, in the PDF's words (-1 when all are). */
function firstMissing(source: string[], pdf: string[]): number {
  let j = 0
  for (let i = 0; i < source.length; i++) {
    while (j < pdf.length && pdf[j] !== source[i]) j++
    if (j === pdf.length) return i
    j++
  }
  return -1
}

describe('sample book', () => {
  let out: Awaited<ReturnType<typeof render>>
  const tree = sampleBook({ url: 'images/light.png' })
  beforeAll(async () => {
    out = await render(tree, {}, { 'images/light.png': picture() })
  })

  test('qpdf finds no structural errors', () => {
    const check = tool('qpdf', ['--check', out.path])
    expect(check).toContain('No syntax or stream encoding errors')
  })

  test('every font is embedded and subset', () => {
    const rows = tool('pdffonts', [out.path]).trim().split('\n').slice(2)
    expect(rows.length).toBeGreaterThanOrEqual(3)
    for (const row of rows) expect(row).toMatch(/\+\S+\s.*\byes\s+yes\s+yes\b/)
  })

  test('pdfinfo: trim size, pages, metadata, tagged', () => {
    const info = tool('pdfinfo', [out.path])
    expect(info).toMatch(/Page size:\s+432 x 648 pts/)
    expect(info).toMatch(new RegExp(`Pages:\\s+${out.report.pages}\\b`))
    expect(info).toMatch(/Title:\s+The Lighthouse Keeper’s Daughter: A Novel/)
    expect(info).toMatch(/Author:\s+Ada Quill/)
    expect(info).toMatch(/Subject:\s+A story of light, weather & the sea\./)
    expect(info).toMatch(/Keywords:\s+Fiction, Sea stories/)
    expect(info).toMatch(/Creator:\s+Octavo/)
    expect(info).toMatch(/Tagged:\s+yes/)
    expect(info).toMatch(/CreationDate:\s+Sat Jan\s+1 00:00:00 2000 UTC/)
    // The test picture is 600 px: below print's 300 pixels an inch at half the text block.
    expect(out.env.file.messages.map((m) => m.code)).toEqual(['pdf-image-resolution'])
  })

  test('pdftotext gives back every word in order, with curly quotes and dashes', () => {
    const text = tool('pdftotext', ['-layout', out.path, '-'])
    const pdf = words(text).map((w) => w.toLowerCase())
    const source = sourceWords(tree)
    expect(source.length).toBeGreaterThan(500)
    expect(firstMissing(source, pdf)).toBe(-1)
    const plain = tool('pdftotext', [out.path, '-'])
    expect(plain).toContain('“You’ll wear that cloth through,”')
    // The em dash stays with the word before it, whether or not the line breaks after it.
    expect(plain).toMatch(/water—\s*sweeping/)
    expect(plain).toContain('⁂')
  })

  test('outline nests chapters under their part; page labels are roman then arabic', () => {
    const json = JSON.parse(
      tool('qpdf', ['--json', '--json-key=outlines', '--json-key=pagelabels', out.path]),
    )
    const titles = json.outlines.map((o: { title: string }) => o.title)
    expect(titles).toEqual(['Chapter 1: The Lamp Room', 'Part Two: The Crossing'])
    expect(json.outlines[1].kids.map((o: { title: string }) => o.title)).toEqual([
      'Chapter 2: Weather',
      'Chapter 3: Truly All Alone',
    ])
    expect(
      json.pagelabels.map((l: { index: number; label: { '/S': string } }) => [l.index, l.label['/S']]),
    ).toEqual([
      [0, '/r'],
      [out.report.bodyStart, '/D'],
    ])
    expect(out.report.bodyStart! % 2).toBe(0)
  })

  test('the contents has page numbers and links; footnote markers link to their notes', () => {
    const contents = tool('pdftotext', ['-layout', '-f', '7', '-l', '7', out.path, '-'])
    expect(contents).toMatch(/Chapter 1: The Lamp Room\s+1\n/)
    expect(contents).toMatch(/Chapter 3: Truly All Alone\s+\d+\n/)
    const raw = Buffer.from(out.bytes).toString('latin1')
    expect(raw.match(/\/S \/GoTo/g)?.length).toBeGreaterThanOrEqual(5)
    expect(raw).toMatch(/\(fn-1-1\)/)
  })

  test('a footnote is printed on the page of its reference', () => {
    const pages = tool('pdftotext', [out.path, '-']).split('\f')
    const refPage = pages.findIndex((page) => /lavender\.1/.test(page))
    expect(refPage).toBeGreaterThan(0)
    expect(pages[refPage]).toContain('Lavender was grown in the walled garden')
  })

  test('tagged structure: Document, Sect, H1, P, Figure with Alt, Note', () => {
    const raw = Buffer.from(out.bytes).toString('latin1')
    for (const type of [
      'Document',
      'Part',
      'Sect',
      'H1',
      'P',
      'Figure',
      'Note',
      'TOC',
      'BlockQuote',
      'L',
      'LI',
      'Code',
      'H2',
    ])
      expect(raw).toContain(`/S /${type}\n`)
    expect(raw).toContain('/Alt (A lighthouse on a rock at dusk)')
    expect(raw).toContain('/StructTreeRoot')
  })

  test('the figure is embedded as an image', () => {
    const list = tool('pdfimages', ['-list', out.path])
    expect(list.trim().split('\n').length).toBe(3)
  })

  test('renderStream yields the same bytes in several chunks', async () => {
    const env = createMemoryEnv({ 'images/light.png': picture() })
    const chunks: Uint8Array[] = []
    for await (const chunk of pdfRenderer.renderStream!(tree, {}, env)) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(5)
    expect(Buffer.concat(chunks).equals(Buffer.from(out.bytes))).toBe(true)
    const whole = await pdfRenderer.render(tree, {}, createMemoryEnv({ 'images/light.png': picture() }))
    expect(Buffer.from(whole).equals(Buffer.from(out.bytes))).toBe(true)
  })
})

describe('determinism', () => {
  test('same input, same bytes; another date changes only dates and the document ID', async () => {
    const a = await render(sampleBook(), {})
    const b = await render(sampleBook(), {})
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true)
    const c = await render(sampleBook(), {}, {}, new Date(Date.UTC(2024, 4, 1, 12)))
    expect(Buffer.from(c.bytes).equals(Buffer.from(a.bytes))).toBe(false)
    const scrub = (bytes: Uint8Array) =>
      Buffer.from(bytes)
        .toString('latin1')
        .replace(/\(D:\d{14}Z\)/g, '(D)')
        .replace(/<[0-9a-f]{32}>/g, '<id>')
        .replace(/<xmp:CreateDate>[^<]*</g, '<xmp:CreateDate><')
    expect(scrub(c.bytes)).toBe(scrub(a.bytes))
  })
})

describe('options', () => {
  const small = (): Root => ({ ...sampleBook(), children: [sampleBook().children[0]!] })

  // The first named trims, KDP's and British names, and custom sizes (the rest are parsed alike).
  test.each([
    ...Object.keys(trimSizes).slice(0, 9),
    '7x10in',
    '6.14x9.21in',
    'royal',
    '178x254mm',
    '7.2 x 10.1 in',
  ])('trim %s sets the page size', async (trim) => {
    const out = await render(small(), { trim, toc: false })
    // A size within half a millimetre of a named trim is that trim (178x254mm is 7x10in).
    const named = parseTrim(trim)
    const [w, h] = named ? trimSizes[named] : parseSize(trim)!
    const info = tool('pdfinfo', [out.path])
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!
    expect(Number(size[1])).toBeCloseTo(w, 1)
    expect(Number(size[2])).toBeCloseTo(h, 1)
    expect(out.env.file.messages).toEqual([])
  })

  test('bleed grows the MediaBox and sets TrimBox and BleedBox on every page', async () => {
    const out = await render(small(), { bleed: '0.125in' })
    const boxes = tool('pdfinfo', ['-box', '-f', '1', '-l', '99', out.path])
    const media = boxes.match(/MediaBox:\s+0\.00\s+0\.00\s+450\.00\s+666\.00/g) ?? []
    const trim = boxes.match(/TrimBox:\s+9\.00\s+9\.00\s+441\.00\s+657\.00/g) ?? []
    const bleed = boxes.match(/BleedBox:\s+0\.00\s+0\.00\s+450\.00\s+666\.00/g) ?? []
    expect(media.length).toBe(out.report.pages)
    expect(trim.length).toBe(out.report.pages)
    expect(bleed.length).toBe(out.report.pages)
  })

  test('openRight starts every chapter on a recto', async () => {
    const out = await render(sampleBook(), { openRight: true })
    const json = JSON.parse(tool('qpdf', ['--json', '--json-key=outlines', out.path]))
    const pages: number[] = []
    const walk = (items: Array<{ destpageposfrom1: number; kids: unknown[] }>) => {
      for (const item of items) {
        pages.push(item.destpageposfrom1)
        walk(item.kids as typeof items)
      }
    }
    walk(json.outlines)
    expect(pages.length).toBe(4)
    for (const page of pages) expect(page % 2).toBe(1)
  })

  test('bad options are reported and replaced by defaults', async () => {
    const out = await render(small(), { trim: 'huge' as never, bleed: 'lots', fontSize: 99, toc: false })
    expect(out.env.file.messages.map((m) => m.code)).toEqual([
      'pdf-option-invalid',
      'pdf-option-invalid',
      'pdf-option-invalid',
    ])
    expect(tool('pdfinfo', [out.path])).toMatch(/Page size:\s+432 x 648 pts/)
  })

  test('each built-in face embeds', async () => {
    for (const font of ['eb-garamond', 'source-serif-4', 'crimson-pro'] as const) {
      const out = await render(small(), { font, toc: false })
      const fonts = tool('pdffonts', [out.path])
      expect(fonts).toMatch(
        new RegExp(
          { 'eb-garamond': 'EBGaramond', 'source-serif-4': 'SourceSerif4', 'crimson-pro': 'CrimsonPro' }[
            font
          ],
        ),
      )
    }
  })

  test('code is set in Source Code Pro, embedded only when there is code, and in columns', async () => {
    const withCode: Root = {
      ...small(),
      children: [
        {
          type: 'chapter',
          kind: 'chapter',
          matter: 'body',
          number: 1,
          children: [
            p('Run ', { type: 'code', value: 'octavo build' }, ' first.'),
            { type: 'codeBlock', value: 'iiii = 1\nMMMM = 2' },
          ],
        },
      ],
    }
    const out = await render(withCode, { toc: false })
    const fonts = tool('pdffonts', [out.path])
    expect(fonts).toMatch(/\+SourceCodePro-Regular\s.*\byes\s+yes\s+yes\b/)
    expect(tool('pdftotext', [out.path, '-'])).toContain('octavo build')
    // Monospace: "iiii" and "MMMM" are as wide, so "=" stands in one column.
    const layout = tool('pdftotext', ['-layout', out.path, '-']).split('\n')
    const columns = layout.filter((l) => /(iiii|MMMM) =/.test(l)).map((l) => l.indexOf('='))
    expect(columns).toHaveLength(2)
    expect(columns[0]).toBe(columns[1])
    expect(tool('pdffonts', [(await render(small(), { toc: false })).path])).not.toContain('SourceCodePro')
  })

  test('a character no face has is reported in a code block too, at the block', async () => {
    const block = {
      type: 'codeBlock' as const,
      value: 'x = 1\ny = ሀ',
      position: { start: { line: 7, column: 1 }, end: { line: 10, column: 4 } },
    }
    const tree: Root = {
      ...small(),
      children: [{ type: 'chapter', kind: 'chapter', matter: 'body', number: 1, children: [block] }],
    }
    const out = await render(tree, { toc: false })
    const missing = out.env.file.messages.filter((m) => m.code === 'pdf-missing-glyph')
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatchObject({ line: 7 })
    expect(missing[0]!.message).toContain('"ሀ" (U+1200)')
  })

  test('a font file that is not a font is an error naming it; the default face is used', async () => {
    const out = await render(
      small(),
      { font: { regular: 'fonts/book.ttf' }, toc: false },
      { 'fonts/book.ttf': 'not a font' },
    )
    expect(out.env.file.messages).toHaveLength(1)
    expect(out.env.file.messages[0]).toMatchObject({ code: 'pdf-font-invalid', level: 'error' })
    expect(out.env.file.messages[0]!.message).toContain('fonts/book.ttf')
    expect(tool('pdffonts', [out.path])).toContain('Literata-Regular')
  })

  test('a custom font file is embedded', async () => {
    const { readFileSync } = await import('node:fs')
    const path = require.resolve('@expo-google-fonts/crimson-pro/400Regular/CrimsonPro_400Regular.ttf')
    const out = await render(
      small(),
      { font: { regular: 'f/r.ttf' }, toc: false },
      { 'f/r.ttf': new Uint8Array(readFileSync(path)) },
    )
    expect(out.env.file.messages).toEqual([])
    expect(tool('pdffonts', [out.path])).toContain('CrimsonPro-Regular')
  })
})

describe('glyph coverage', () => {
  const book = (text: string): Root => ({
    ...sampleBook(),
    children: [
      {
        type: 'chapter',
        matter: 'body',
        kind: 'chapter',
        number: 1,
        file: 'ch1.md',
        children: [
          p('Intro line.'),
          {
            ...p(text),
            position: { start: { line: 3, column: 1 }, end: { line: 3, column: 40 } },
          } as BlockContent,
        ],
      },
    ],
  })

  test('Greek and Cyrillic the face lacks come from the fallback face, silently', async () => {
    const out = await render(book('Crimson has no Greek: λόγος, nor Cyrillic: Москва.'), {
      font: 'crimson-pro',
      toc: false,
    })
    expect(out.env.file.messages).toEqual([])
    const fonts = tool('pdffonts', [out.path])
    expect(fonts).toContain('EBGaramond-Regular')
    expect(tool('pdftotext', [out.path, '-'])).toContain('λόγος')
  })

  test('a character no face has is reported once, with its code point, file and line', async () => {
    const out = await render(book('The sign ሀ and again ሀ, then ሐ.'), { toc: false })
    const messages = out.env.file.messages
    expect(messages.map((m) => m.code)).toEqual(['pdf-missing-glyph', 'pdf-missing-glyph'])
    expect(messages[0]).toMatchObject({ file: 'ch1.md', line: 3, level: 'warning' })
    expect(messages[0]!.message).toContain('U+1200')
    expect(messages[1]!.message).toContain('U+1210')
  })
})

describe('figures and footnotes', () => {
  const withFigure = (url: string): Root => ({
    ...sampleBook(),
    children: [
      {
        type: 'chapter',
        matter: 'body',
        kind: 'chapter',
        number: 1,
        file: 'ch1.md',
        children: [
          p('Before the picture.'),
          {
            type: 'figure',
            position: { start: { line: 5, column: 1 }, end: { line: 5, column: 30 } },
            image: {
              type: 'image',
              url,
              alt: 'A gull on a post',
              position: { start: { line: 5, column: 1 }, end: { line: 5, column: 30 } },
            },
            caption: [t('The gull.')],
          },
          p('After the picture.'),
        ],
      },
    ],
  })

  test('a damaged GIF is reported with file and line; its alt text is printed', async () => {
    const out = await render(withFigure('gull.gif'), { toc: false }, { 'gull.gif': 'GIF89a....' })
    expect(out.env.file.messages).toHaveLength(1)
    expect(out.env.file.messages[0]).toMatchObject({ code: 'resource-corrupt', file: 'ch1.md', line: 5 })
    expect(tool('pdftotext', [out.path, '-'])).toContain('A gull on a post')
  })

  test('a missing image is reported as resource-missing', async () => {
    const out = await render(withFigure('nowhere.png'), { toc: false })
    expect(out.env.file.messages[0]).toMatchObject({ code: 'resource-missing', file: 'ch1.md', line: 5 })
  })

  test('a long footnote continues on the next page; every line of it is printed', async () => {
    const long = Array.from(
      { length: 60 },
      (_, i) => `Note sentence ${i + 1} goes on about the weather.`,
    ).join(' ')
    const paras: BlockContent[] = []
    for (let i = 0; i < 12; i++) paras.push(p(`Paragraph ${i + 1}. `.repeat(30)))
    paras.splice(
      6,
      0,
      p(
        'Here is the reference',
        { type: 'footnoteReference', identifier: 'n' },
        ' in the middle of the chapter.',
      ),
    )
    paras.push({ type: 'footnoteDefinition', identifier: 'n', children: [p(long)] })
    const tree: Root = {
      ...sampleBook(),
      children: [
        { type: 'chapter', matter: 'body', kind: 'chapter', number: 1, file: 'c.md', children: paras },
      ],
    }
    const out = await render(tree, { toc: false })
    expect(out.report.splitNotes).toBe(1)
    const text = tool('pdftotext', [out.path, '-'])
    // A word hyphenated at a line's end is read back whole.
    const flat = text.replace(/(\p{L})-\n/gu, '$1').replace(/\s+/g, ' ')
    // (A sentence may be cut by the page turn, a running head between its words.)
    const told = new Set([...flat.matchAll(/(\d+) goes on about the weather/g)].map((m) => Number(m[1])))
    // The one sentence the page turn cuts is read by its head ("sentence 47 goes on about the").
    const heads = new Set([...flat.matchAll(/sentence (\d+) goes/g)].map((m) => Number(m[1])))
    for (let i = 1; i <= 60; i++) expect(told.has(i) || heads.has(i), `sentence ${i}`).toBe(true)
    expect(told.size).toBeGreaterThanOrEqual(59)
    const pages = text.split('\f')
    const ref = pages.findIndex((page) => /reference1/.test(page))
    expect(pages[ref]!.replace(/\s+/g, ' ')).toContain('1. Note sentence 1 goes')
    expect(pages[ref + 1]!.replace(/\s+/g, ' ')).toContain('Note sentence 60 goes')
  })

  test('references without definitions and unused definitions are reported', async () => {
    const tree: Root = {
      ...sampleBook(),
      children: [
        {
          type: 'chapter',
          matter: 'body',
          kind: 'chapter',
          number: 1,
          file: 'c.md',
          children: [
            p('A', { type: 'footnoteReference', identifier: 'x' }, ' b.'),
            { type: 'footnoteDefinition', identifier: 'y', children: [p('Unused.')] },
          ],
        },
      ],
    }
    const out = await render(tree, { toc: false })
    expect(out.env.file.messages.map((m) => m.code).sort()).toEqual([
      'pdf-footnote-missing',
      'pdf-footnote-unused',
    ])
  })
})

describe('corpus', () => {
  test('Alice in full: every word back in order, checkers clean', async () => {
    const tree = corpusBook(`${SHARED}/corpus/alices-adventures-in-wonderland/ref`, Infinity, {
      title: 'Alice’s Adventures in Wonderland',
      authors: [{ name: 'Lewis Carroll' }],
    })
    const out = await render(tree, {})
    expect(out.env.file.messages).toEqual([])
    expect(tool('qpdf', ['--check', out.path])).toContain('No syntax or stream encoding errors')
    const source = sourceWords(tree)
    expect(source.length).toBeGreaterThan(26000)
    const pdf = words(tool('pdftotext', [out.path, '-'])).map((w) => w.toLowerCase())
    expect(firstMissing(source, pdf)).toBe(-1)
    // Nothing but running heads, folios, titles and the front matter is added.
    expect(pdf.length - source.length).toBeLessThan(out.report.pages * 6 + 400)
    expect(out.report.forcedSplits).toBe(0)
  })
})
