/**
 * The Word 97–2003 reader (readers/doc/): a .doc read into the same chapters as the same
 * document read from OpenDocument or .docx by their readers (titles, paragraphs, marks, notes,
 * tables, lists, quotations), its properties as metadata; inline PNG and JPEG pictures kept,
 * horizontal lines as scene breaks; metafiles, comments and hidden text left out and said so; Word 6/95, encrypted, damaged and non-Word OLE files one clear `doc-invalid`;
 * RTF, web pages, text and .docx files named .doc read by their own readers; any damage to a
 * .doc's bytes diagnostics, never a throw.
 *
 * The fixtures were made with LibreOffice 7: `features.doc` from `features.fodt` (`soffice
 * --headless --convert-to doc features.fodt`), `alice-short.doc` from `alice-short.docx`, which
 * pandoc made of the first paragraphs of each chapter of the corpus's Alice; `pictures.doc` from
 * `pictures.docx`, which pandoc made of `pictures.md` (with `red.png`, `blue.jpg`);
 * `metafile.doc` from a copy of `features.fodt`'s head holding one inline WMF picture.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import CFB from 'cfb'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { loadBook } from '../../src/index.js'
import type { Chapter } from '../../src/model/types.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { docReader } from '../../src/readers/doc/index.js'
import { docxReader } from '../../src/readers/docx/index.js'
import { readerFor } from '../../src/readers/index.js'
import { odtReader } from '../../src/readers/odt/index.js'
import type { Reader, ReadResult } from '../../src/readers/types.js'
import { fcRuns } from '../fast-check.js'
import { textOf } from '../model-text.js'
import { expectEpubcheckPasses } from '../robustness/helpers.js'
import { need } from '../tools.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures', name)))
const FEATURES = fixture('features.doc')

async function read(bytes: Uint8Array | string, name = 'novel.doc', reader: Reader = docReader) {
  const file = new SourceFile(name)
  const result: ReadResult = await reader.read(bytes, file, { language: 'en' })
  return { result, file, codes: file.messages.map((m) => m.code) }
}

/** A tree without what differs by format alone: positions, note identifiers, file names. */
const strip = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value, (k, v) => (k === 'position' || k === 'identifier' || k === 'file' ? undefined : v)),
  )
/** A tree with every picture's URL the same: each reader names the bytes it keeps its own way. */
const unnamed = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'url' && /\/image-\d|media\//.test(v) ? 'IMG' : v)))
const chapters = (result: ReadResult) => result.children as Chapter[]
const titles = (result: ReadResult) => chapters(result).map((c) => (c.title ? toText(c.title) : undefined))

/** The WordDocument stream's first byte in a .doc LibreOffice wrote (its FIB starts a sector). */
function fibAt(bytes: Uint8Array): number {
  for (let at = 512; at < bytes.length; at += 512) if (bytes[at] === 0xec && bytes[at + 1] === 0xa5) return at
  throw new Error('no FIB')
}

function folder(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-doc-'))
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content)
  return dir
}

describe('the Word 97–2003 reader', () => {
  it('reads what LibreOffice saves as .doc into the chapters the OpenDocument reader makes of the same document', async () => {
    const doc = await read(FEATURES)
    const odt = await read(fixture('features.fodt'), 'novel.fodt', odtReader)
    expect(titles(doc.result)).toEqual(['Frost', 'Thaw'])
    expect(doc.result.metadata).toMatchObject({ title: 'The Glass Orchard', subtitle: 'A Winter Tale' })
    // The picture is in both, its bytes kept under a name of each reader's.
    const [first, second] = chapters(odt.result).map(strip)
    expect(chapters(doc.result).map(strip).map(unnamed)).toEqual([first, second].map(unnamed))
    const picture = Object.values(doc.result.resources ?? {})
    expect(picture).toEqual(Object.values(odt.result.resources ?? {}))
    expect(Object.keys(doc.result.resources ?? {})).toEqual(['novel.doc/image-1.png'])

    const one = chapters(doc.result)[0]!
    expect(one.children.map((b) => b.type)).toEqual([
      'paragraph',
      'paragraph',
      'sceneBreak',
      'blockquote',
      'heading',
      'list',
      'table',
      'paragraph',
      'paragraph',
      'footnoteDefinition',
      'footnoteDefinition',
    ])
    const json = JSON.stringify(one)
    for (const mark of ['emphasis', 'strong', 'underline', 'smallCaps', 'superscript', 'subscript', 'delete'])
      expect(json).toContain(`"type":"${mark}"`)
    expect(json).toContain('"url":"https://example.com/"')
    expect(textOf(one)).toContain('“I never said that,” she said')
    expect(textOf(one)).toContain('— café, naïve…')
    expect(textOf(one)).toContain('Русский текст, 日本語のテキスト, Ελληνικά.')
    expect(textOf(one)).not.toContain('Hidden words')
    expect(textOf(one.children.at(-2))).toBe('Not once.')
    expect(textOf(one.children.at(-1))).toBe('An endnote.')
    expect(strip(one.children[6])).toEqual(
      strip({
        type: 'table',
        children: [
          {
            type: 'tableRow',
            children: [
              { type: 'tableCell', children: [{ type: 'text', value: 'Hour' }] },
              { type: 'tableCell', children: [{ type: 'text', value: 'Place' }] },
            ],
          },
          {
            type: 'tableRow',
            children: [
              { type: 'tableCell', children: [{ type: 'text', value: 'Six' }] },
              { type: 'tableCell', children: [{ type: 'text', value: 'Road' }] },
            ],
          },
        ],
      }),
    )
  })

  it('says what it left out: the comment, the hidden text, each once with its paragraph', async () => {
    const { file, codes } = await read(FEATURES)
    expect(codes.sort()).toEqual(['doc-book-title', 'doc-comments', 'doc-hidden-text'])
    expect(file.messages.find((m) => m.code === 'doc-comments')!.line).toBe(5)
  })

  it('takes the document’s properties as the book’s metadata', async () => {
    const { result } = await read(FEATURES)
    expect(result.metadata).toMatchObject({
      title: 'The Glass Orchard',
      authors: [{ name: 'Ada Quill' }],
      description: 'A winter tale.',
    })
    expect(result.metadata?.subjects).toContain('Orchards')
  })

  it('reads a whole book into the chapters its .docx gives', async () => {
    const doc = await read(fixture('alice-short.doc'))
    const docx = await read(fixture('alice-short.docx'), 'alice.docx', docxReader)
    expect(titles(doc.result)).toHaveLength(12)
    expect(titles(doc.result).slice(0, 3)).toEqual([
      'Down the Rabbit-Hole',
      'The Pool of Tears',
      'A Caucus-Race and a Long Tale',
    ])
    expect(strip(doc.result.children)).toEqual(strip(docx.result.children))
    // Both say their language: the .docx its styles' defaults, the .doc its Normal style's.
    expect(docx.result.metadata?.language).toBe('en-US')
    expect(doc.result.metadata).toEqual(docx.result.metadata)
  })

  it('says the language its Normal style is in (a German manuscript, saved by LibreOffice)', async () => {
    const german = await read(fixture('german.doc'))
    expect(german.result.metadata?.language).toBe('de-DE')
    expect(german.result.metadata?.title).toBe('Der Leuchtturm')
  })

  it('reads all of Alice, saved as .doc by LibreOffice, as its .docx reads', async () => {
    need('soffice', 'pandoc')
    const corpus = path.join(
      process.env.OCTAVO_SHARED ?? '/work/shared',
      'corpus/alices-adventures-in-wonderland/md',
    )
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-doc-alice-'))
    const chaptersMd = Array.from({ length: 12 }, (_, i) =>
      path.join(corpus, `chapter-${String(i + 1).padStart(3, '0')}.md`),
    )
    execFileSync('pandoc', [
      '-s',
      '--metadata',
      'title=Alice',
      ...chaptersMd,
      '-o',
      path.join(dir, 'alice.docx'),
    ])
    execFileSync(
      'soffice',
      ['--headless', '--convert-to', 'doc', '--outdir', dir, path.join(dir, 'alice.docx')],
      {
        stdio: 'ignore',
      },
    )
    const doc = await read(new Uint8Array(readFileSync(path.join(dir, 'alice.doc'))))
    const docx = await read(
      new Uint8Array(readFileSync(path.join(dir, 'alice.docx'))),
      'alice.docx',
      docxReader,
    )
    expect(titles(doc.result)).toHaveLength(12)
    expect(strip(doc.result.children)).toEqual(strip(docx.result.children))
  }, 120_000)

  it('a book of one .doc builds to an EPUB that passes EPUBCheck', async () => {
    const dir = folder({ 'novel.doc': FEATURES })
    const { book, diagnostics } = await loadBook(path.join(dir, 'novel.doc'))
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(book!.tree.metadata).toMatchObject({
      title: 'The Glass Orchard',
      authors: [{ name: 'Ada Quill' }],
    })
    expect(chaptersOf(book!.tree).map((c) => toText(c.title!))).toEqual(['Frost', 'Thaw'])
    await expectEpubcheckPasses(book!)
  })
})

describe('pictures and horizontal lines', () => {
  // pictures.docx is pandoc's of pictures.md (a PNG inline, a JPEG alone, `* * *`);
  // pictures.doc LibreOffice's of it; metafile.doc LibreOffice's of a .fodt holding a WMF.
  const PICTURES = fixture('pictures.doc')
  /** Without what LibreOffice does not write to a .doc: a picture's description. */
  const noAlt = (value: unknown) =>
    JSON.parse(JSON.stringify(unnamed(value), (k, v) => (k === 'alt' ? undefined : v)))

  it('carries inline PNG and JPEG pictures over byte for byte, where they stood, and a horizontal line as a scene break', async () => {
    const doc = await read(PICTURES, 'pictures.doc')
    const docx = await read(fixture('pictures.docx'), 'pictures.docx', docxReader)
    expect(doc.codes).toEqual(['doc-book-title'])
    expect(doc.result.resources).toEqual({
      'pictures.doc/image-1.png': fixture('red.png'),
      'pictures.doc/image-2.jpg': fixture('blue.jpg'),
    })
    expect(noAlt(strip(doc.result.children))).toEqual(noAlt(strip(docx.result.children)))
    const [one] = chapters(doc.result)
    expect(one!.children.map((b) => b.type)).toEqual(['paragraph', 'figure', 'sceneBreak', 'paragraph'])
    expect(strip(one!.children[0])).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', value: 'Before the picture ' },
        { type: 'image', url: 'pictures.doc/image-1.png' },
        { type: 'text', value: ' after it.' },
      ],
    })
    expect(JSON.stringify(one!.children[1])).toContain('"url":"pictures.doc/image-2.jpg"')
  })

  it('leaves a metafile out with a warning that says what it is, naming its paragraph', async () => {
    const { file, codes, result } = await read(fixture('metafile.doc'))
    expect(codes).toEqual(['doc-image'])
    expect(file.messages[0]).toMatchObject({ line: 2 })
    expect(file.messages[0]!.message).toBe(
      'Left out a picture in paragraph 2: it is a Windows metafile (WMF), which books cannot show; insert it as PNG or JPEG',
    )
    expect(result.resources).toBeUndefined()
    expect(textOf(result.children)).toContain('A drawing: here.')
  })

  it('a damaged picture is a warning naming its paragraph, never a throw', async () => {
    const bytes = PICTURES.slice()
    // The PNG's signature, wherever the Data stream put it.
    for (let at = 0; at + 8 < bytes.length; at++)
      if (bytes[at] === 0x89 && bytes[at + 1] === 0x50 && bytes[at + 2] === 0x4e && bytes[at + 3] === 0x47) {
        bytes[at + 1] = 0
        break
      }
    const { file, result } = await read(bytes, 'pictures.doc')
    const image = file.messages.find((m) => m.code === 'doc-image')!
    expect(image.message).toBe('Left out a picture in paragraph 3: its PNG bytes are damaged')
    expect(Object.keys(result.resources ?? {})).toEqual(['pictures.doc/image-1.jpg'])
  })

  it('a book of a .doc with pictures and a rule builds to an EPUB that passes EPUBCheck', async () => {
    const dir = folder({ 'pictures.doc': PICTURES })
    const { book, diagnostics } = await loadBook(path.join(dir, 'pictures.doc'), {
      metadata: { title: 'Pictures', authors: [{ name: 'A' }] },
    })
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(diagnostics.filter((d) => d.code === 'doc-image')).toEqual([])
    await expectEpubcheckPasses(book!)
  })

  it('any damage to a .doc with pictures gives chapters or diagnostics, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(PICTURES.length - 1), value: fc.nat(255) }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.option(fc.nat(PICTURES.length), { nil: undefined }),
        async (changes, cut) => {
          const bytes = PICTURES.slice(0, cut)
          for (const { at, value } of changes) if (at < bytes.length) bytes[at] = value
          const { result, file } = await read(bytes)
          expect(Array.isArray(result.children)).toBe(true)
          for (const m of file.messages) expect(m.code).not.toBe('internal-error')
        },
      ),
      { numRuns: fcRuns(300) },
    )
  })
})

describe('files it refuses', () => {
  it('a Word 6 or 95 document: one error that says so and what to do', async () => {
    const bytes = FEATURES.slice()
    const fib = fibAt(bytes)
    bytes[fib + 2] = 0x68
    bytes[fib + 3] = 0x00
    const { file, codes } = await read(bytes)
    expect(codes).toEqual(['doc-invalid'])
    expect(file.messages[0]!.message).toContain('Word 6 or Word 95')
    expect(file.messages[0]!.message).toContain('save it as .docx')
  })

  it('an encrypted document, in the Word 97 way or as an encrypted .docx: one error naming the password', async () => {
    const bytes = FEATURES.slice()
    bytes[fibAt(bytes) + 11]! |= 0x01
    const old = await read(bytes)
    expect(old.codes).toEqual(['doc-invalid'])
    expect(old.file.messages[0]!.message).toContain('password-protected')

    const container = CFB.utils.cfb_new()
    CFB.utils.cfb_add(container, 'EncryptionInfo', new Uint8Array(16))
    CFB.utils.cfb_add(container, 'EncryptedPackage', new Uint8Array(600))
    const encrypted = await read(new Uint8Array(CFB.write(container, { type: 'array' }) as ArrayLike<number>))
    expect(encrypted.codes).toEqual(['doc-invalid'])
    expect(encrypted.file.messages[0]!.message).toContain('password-protected')
  })

  it('another Office file, a damaged one, a cut-short one, an empty one: one doc-invalid each', async () => {
    const container = CFB.utils.cfb_new()
    CFB.utils.cfb_add(container, 'Workbook', new Uint8Array(600))
    const xls = await read(new Uint8Array(CFB.write(container, { type: 'array' }) as ArrayLike<number>))
    expect(xls.file.messages.map((m) => [m.code, m.message])).toEqual([
      [
        'doc-invalid',
        '"novel.doc" cannot be read as a Word 97–2003 document: it is an Excel workbook holding no Word document (no WordDocument stream)',
      ],
    ])
    for (const bytes of [
      FEATURES.slice(0, 3000),
      FEATURES.slice(0, 4),
      new Uint8Array(0),
      new Uint8Array(2000).fill(7),
    ]) {
      const { codes, file } = await read(bytes)
      expect(codes).toEqual(['doc-invalid'])
      expect(file.messages[0]!.message).toMatch(/^"novel\.doc" cannot be read as a Word 97–2003 document: /)
    }
  })
})

describe('other formats named .doc', () => {
  it('the registry sends a web page or plain text saved as .doc to its reader; an OLE file stays with .doc', () => {
    const enc = (s: string) => new TextEncoder().encode(s)
    expect(readerFor('a.doc', enc('<!DOCTYPE html><html><body><p>Hi</p></body></html>'))).toMatchObject({
      reader: { name: 'html' },
      sniffed: true,
    })
    expect(readerFor('a.doc', enc('Chapter 1\n\nIt was dark.'))).toMatchObject({
      reader: { name: 'text' },
      sniffed: true,
    })
    expect(readerFor('a.doc', FEATURES)).toMatchObject({ reader: { name: 'doc' }, sniffed: false })
    // RTF and zips stay with the .doc reader, which hands them on (the text reader would take RTF).
    expect(readerFor('a.doc', enc('{\\rtf1 Hello}'))).toMatchObject({ reader: { name: 'doc' } })
    expect(readerFor('a.doc', fixture('alice-short.docx'))).toMatchObject({ reader: { name: 'doc' } })
  })

  it('RTF, a web page, a .docx and plain text named .doc build as what they are, and say so', async () => {
    const rtf = String.raw`{\rtf1\ansi{\info{\title Saved as RTF}}\pard\qc\b Chapter One\par\pard\plain It was {\i dark}.\par}`
    for (const [content, reader, words] of [
      [rtf, 'rtf', 'It was dark.'],
      [
        '<!DOCTYPE html><html><head><title>Page</title></head><body><h1>One</h1><p>It was <em>dark</em>.</p></body></html>',
        'html',
        'It was dark.',
      ],
      [fixture('alice-short.docx'), 'docx', 'Alice was beginning'],
      ['Chapter One\n\nIt was dark.\n', 'text', 'It was dark.'],
    ] as const) {
      const dir = folder({ 'story.doc': content })
      const { book, diagnostics } = await loadBook(path.join(dir, 'story.doc'), {
        metadata: { title: 'T', authors: [{ name: 'A' }] },
      })
      expect(
        diagnostics.filter((d) => d.level === 'error'),
        reader,
      ).toEqual([])
      const sniffed = diagnostics.find((d) => d.code === 'book-format-sniffed')
      expect(sniffed?.message, reader).toContain(`read as ${reader}`)
      expect(
        chaptersOf(book!.tree)
          .map((c) => textOf(c.children))
          .join(' '),
        reader,
      ).toContain(words)
    }
  })
})

describe('properties', () => {
  it('any damage to a .doc’s bytes gives chapters or diagnostics, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(FEATURES.length - 1), value: fc.nat(255) }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.option(fc.nat(FEATURES.length), { nil: undefined }),
        async (changes, cut) => {
          const bytes = FEATURES.slice(0, cut)
          for (const { at, value } of changes) if (at < bytes.length) bytes[at] = value
          const { result, file } = await read(bytes)
          expect(Array.isArray(result.children)).toBe(true)
          for (const m of file.messages) {
            expect(m.code).not.toBe('internal-error')
            expect(m.file).toBe('novel.doc')
          }
        },
      ),
      { numRuns: fcRuns(300) },
    )
  })

  it('damage to the Word structures themselves (the FIB, the piece table, the formatting pages) never throws', async () => {
    const fib = fibAt(FEATURES)
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(1500), value: fc.nat(255) }), { minLength: 1, maxLength: 12 }),
        async (changes) => {
          const bytes = FEATURES.slice()
          for (const { at, value } of changes) bytes[fib + at] = value
          const { file } = await read(bytes)
          for (const m of file.messages) expect(m.code).not.toBe('internal-error')
        },
      ),
      { numRuns: fcRuns(300) },
    )
  })
})
