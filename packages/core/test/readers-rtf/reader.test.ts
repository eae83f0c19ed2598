/**
 * The RTF reader (readers/rtf/): TextEdit's, Word's, pandoc's and calibre's RTF to chapters by
 * the Word reader's rules. Its tokens as the specification says; text in each font's code page
 * and as `\uN` with its fallback skipped; chapters from heading styles, outline levels or lines
 * typed as headings; a title page typed by hand naming the book; notes, links, lists (numbered,
 * bulleted, or typed as a mark and a tab), tables, quotations set in, page breaks and PNG
 * pictures kept; comments, deletions, hidden text and metafiles left out and said so; anything
 * else one clear diagnostic, never a throw.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { loadBook } from '../../src/index.js'
import type { Chapter } from '../../src/model/types.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { docxReader } from '../../src/readers/docx/index.js'
import { rtfReader } from '../../src/readers/rtf/index.js'
import { CLOSE, HEX, Lexer, OPEN, SYMBOL, TEXT, WORD } from '../../src/readers/rtf/tokens.js'
import type { ReadResult } from '../../src/readers/types.js'
import { fcRuns } from '../fast-check.js'
import { textOf } from '../model-text.js'
import { PNG } from '../readers-odt/make.js'
import { expectEpubcheckPasses } from '../robustness/helpers.js'
import { need } from '../tools.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

async function read(input: Uint8Array | string, name = 'novel.rtf') {
  const file = new SourceFile(name)
  const bytes = typeof input === 'string' ? Uint8Array.from(input, (c) => c.charCodeAt(0) & 0xff) : input
  const result: ReadResult = await rtfReader.read(bytes, file, { language: 'en' })
  return { result, file, codes: file.messages.map((m) => m.code) }
}

const strip = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'position' ? undefined : v)))
const chapters = (result: ReadResult) => result.children as Chapter[]
const titles = (result: ReadResult) =>
  chapters(result).map((c) => [c.kind, c.number, c.title ? toText(c.title) : undefined])
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')

/** What TextEdit saves: Cocoa's header, fonts without groups, `\` + line end ending paragraphs. */
const TEXTEDIT = String.raw`{\rtf1\ansi\ansicpg1252\cocoartf2761
\cocoatextscaling0\cocoaplatform0{\fonttbl\f0\fswiss\fcharset0 Helvetica;\f1\fswiss\fcharset0 Helvetica-Bold;\f2\fswiss\fcharset0 Helvetica-Oblique;
}
{\colortbl;\red255\green255\blue255;}
{\*\expandedcolortbl;;}
{\*\listtable{\list\listtemplateid1\listhybrid{\listlevel\levelnfc23{\*\levelmarker \{disc\}}{\leveltext\leveltemplateid1\'01\uc0\u8226 ;}{\levelnumbers;}\fi-360\li720\lin720 }{\listname ;}\listid1}}
{\*\listoverridetable{\listoverride\listid1\listoverridecount0\ls1}}
\paperw11900\paperh16840\margl1440\margr1440\vieww11520\viewh8400\viewkind0
\pard\tx566\tx1133\pardirnatural\qc\partightenfactor0

\f1\b\fs36 \cf0 My Summer Story\
\pard\tx566\pardirnatural\qc\partightenfactor0

\f0\b0\fs24 \cf0 by Jane Q. Author\
\
\pard\tx566\pardirnatural\qc\partightenfactor0

\f1\b\fs28 \cf0 Chapter One\
\pard\tx566\pardirnatural\partightenfactor0

\f0\b0\fs24 \cf0 It was a \'93dark\'94 night; the caf\'e9 was shut \'97 as always. She didn\'92t mind.\
\
He said, \'93
\f2\i Never
\f0\i0  again.\'94 Na\'efve\uc0\u8230 \
\pard\tx220\tx720\pardirnatural\li720\fi-720\partightenfactor0
\ls1\ilvl0\cf0 {\listtext	\uc0\u8226 	}apples\
{\listtext	\uc0\u8226 	}pears\
\pard\tx566\pardirnatural\qc\partightenfactor0
\cf0 * * *\
\pard\tx566\pardirnatural\partightenfactor0
\cf0 After the break.\
\pard\tx566\pardirnatural\qc\partightenfactor0

\f1\b\fs28 \cf0 Chapter Two\
\pard\tx566\pardirnatural\partightenfactor0

\f0\b0\fs24 \cf0 The end \'96 almost.}`

/** What Word saves, cut down: a style sheet, fields, notes, a table, pictures, revisions. */
const WORD_DOC = String.raw`{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff31507\deff0{\fonttbl{\f0\froman\fcharset0\fprq2{\*\panose 02020603050405020304}Times New Roman;}{\f1\fnil\fcharset128 MS Mincho;}}
{\colortbl;\red0\green0\blue0;}
{\stylesheet{\ql \li0\ri0\widctlpar\fs24\lang1033 \snext0 \sqformat \spriority0 Normal;}{\s1\ql \li0\ri0\sb240\keepn\widctlpar\outlinelevel0\b\fs32 \sbasedon0 \snext0 \slink15 \sqformat heading 1;}{\s20\qc \li0\ri0\widctlpar\b\fs56 \sbasedon0 \snext0 Title;}{\*\cs10 \additive \ssemihidden Default Paragraph Font;}{\*\ts11\tsrowd\ssemihidden Normal Table;}}
{\*\listtable{\list\listtemplateid1{\listlevel\levelnfc0\leveltext\'02\'00.;}\listid7}}
{\*\generator Microsoft Word 11.0.0;}{\info{\title The Glass Orchard}{\author Ada Quill}{\operator Ada Quill}{\creatim\yr2026\mo1\dy2}{\keywords orchards, winter}{\doccomm A winter tale.}}
\paperw12240\paperh15840\margl1800\margr1800
\pard\plain \s20\qc \li0\ri0\widctlpar\b\fs56 The Glass Orchard\par
\pard\plain \s1\ql \li0\ri0\sb240\keepn\widctlpar\outlinelevel0\b\fs32 Chapter One: {\i Frost}\par
\pard\plain \ql \li0\ri0\widctlpar\fs24 \ldblquote I {\i never} said that,\rdblquote  she said.{\cs17\super \chftn {\footnote \pard\plain \s21\ql \li0\ri0\widctlpar\fs20 {\cs17\super \chftn } Not {\b once}.}} It was x{\super 2}, {\scaps Rome}, {\ul under}, \u8364\'80 and \u26481\'3f.{\*\atnid E}{\*\atnauthor Ed}\chatn {\*\annotation \pard\plain fix this}\par
\pard\plain \ql \widctlpar See {\field{\*\fldinst {HYPERLINK "https://example.com/"}}{\fldrslt {\cs18\ul\cf2 the site}}} and {\field{\*\fldinst {HYPERLINK "javascript:alert(1)"}}{\fldrslt {there}}}.{\deleted Gone.}{\v Hidden.} Kept.\par
{\listtext\pard\plain \f0 1.\tab}\pard\plain \ql \fi-360\li720\ls7\ilvl0 First\par
{\listtext\pard\plain \f0 2.\tab}Second\par
\pard\plain \ql \li1440\ri1440\widctlpar A letter, set in.\par
\trowd \trgaph108\cellx4320\cellx8640\pard\plain \intbl Hour\cell Place\cell \row
\trowd \trgaph108\cellx4320\cellx8640\pard\plain \intbl Six\cell Road\cell \row
\pard\plain \ql {\*\shppict{\pict{\*\picprop}\picw10\pich10\pngblip
${hex(PNG)}}}{\nonshppict{\pict\wmetafile8\picw10\pich10 0100090000}}\par
\pard\plain {\pict\wmetafile8\picw10\pich10 0100090000}\par
\pard\plain {\f1 \'93\'8c\'8b\'9e}\par
\pard\plain \ql\fs24 Last words.\page
\pard\plain \s1\ql \outlinelevel0\b\fs32 Chapter Two: Thaw\par
\pard\plain \ql Spring at last.\par
}`

describe('the RTF tokens', () => {
  it('reads words with their numbers and the space that ends them, symbols, escapes and groups', () => {
    const lexer = new Lexer(`${String.raw`{\b0 x\fs-12y\'e9\~\{\*\u8217?}`}\\\n`)
    const out: unknown[] = []
    for (let k = lexer.next(); k; k = lexer.next()) {
      if (k === WORD) out.push([lexer.name, lexer.param])
      else if (k === TEXT) out.push(lexer.src.slice(lexer.from, lexer.to))
      else if (k === HEX) out.push(lexer.byte)
      else if (k === SYMBOL) out.push(`\\${lexer.symbol}`)
      else if (k === OPEN) out.push('{')
      else if (k === CLOSE) out.push('}')
    }
    expect(out).toEqual([
      '{',
      ['b', 0],
      'x',
      ['fs', -12],
      'y',
      0xe9,
      '\\~',
      '\\{',
      '\\*',
      ['u', 8217],
      '?',
      '}',
      '\\\n',
    ])
  })
})

describe('the RTF reader', () => {
  it('reads what TextEdit saves: its title page, chapters typed as headings, quotes, lists, a scene break', async () => {
    const { result, codes } = await read(TEXTEDIT, 'summer.rtf')
    expect(result.metadata).toMatchObject({ title: 'My Summer Story', authors: [{ name: 'Jane Q. Author' }] })
    expect(titles(result)).toEqual([
      ['chapter', 1, undefined],
      ['chapter', 2, undefined],
    ])
    const blocks = strip(chapters(result)[0]!.children)
    expect(blocks.map((b: { type: string }) => b.type)).toEqual([
      'paragraph',
      'paragraph',
      'list',
      'sceneBreak',
      'paragraph',
    ])
    expect(textOf(blocks[0])).toBe('It was a “dark” night; the café was shut — as always. She didn’t mind.')
    expect(blocks[1].children).toEqual([
      { type: 'text', value: 'He said, “' },
      { type: 'emphasis', children: [{ type: 'text', value: 'Never' }] },
      { type: 'text', value: ' again.” Naïve…' },
    ])
    expect(blocks[2]).toMatchObject({ ordered: false })
    expect(blocks[2].children.map(textOf)).toEqual(['apples', 'pears'])
    expect(textOf(chapters(result)[1]!.children[0]!)).toBe('The end – almost.')
    expect(codes).toEqual(['rtf-book-title'])
  })

  it('reads what Word saves: styles, notes, links, lists, a table, a picture, code pages', async () => {
    const { result, codes } = await read(WORD_DOC)
    expect(result.metadata).toMatchObject({
      title: 'The Glass Orchard',
      authors: [{ name: 'Ada Quill' }],
      subjects: ['orchards', 'winter'],
      description: 'A winter tale.',
    })
    expect(titles(result)).toEqual([
      ['chapter', 1, 'Frost'],
      ['chapter', 2, 'Thaw'],
    ])
    // The heading's bold is its look; its italics are the words'.
    expect(strip(chapters(result)[0]!.title)).toEqual([
      { type: 'emphasis', children: [{ type: 'text', value: 'Frost' }] },
    ])
    const blocks = strip(chapters(result)[0]!.children)
    expect(blocks.map((b: { type: string }) => b.type)).toEqual([
      'paragraph',
      'paragraph',
      'list',
      'blockquote',
      'table',
      'figure',
      'paragraph',
      'paragraph',
      'footnoteDefinition',
    ])
    expect(blocks[0].children).toEqual([
      { type: 'text', value: '“I ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'never' }] },
      { type: 'text', value: ' said that,” she said.' },
      { type: 'footnoteReference', identifier: 'fn-1' },
      { type: 'text', value: ' It was x' },
      { type: 'superscript', children: [{ type: 'text', value: '2' }] },
      { type: 'text', value: ', ' },
      { type: 'smallCaps', children: [{ type: 'text', value: 'Rome' }] },
      { type: 'text', value: ', ' },
      { type: 'underline', children: [{ type: 'text', value: 'under' }] },
      { type: 'text', value: ', € and 東.' },
    ])
    // A link's underline is its look; an unsafe link keeps only its text; deletions and hidden text go.
    expect(blocks[1].children).toEqual([
      { type: 'text', value: 'See ' },
      { type: 'link', url: 'https://example.com/', children: [{ type: 'text', value: 'the site' }] },
      { type: 'text', value: ' and there. Kept.' },
    ])
    expect(blocks[2]).toMatchObject({ ordered: true })
    expect(blocks[2].children.map(textOf)).toEqual(['First', 'Second'])
    expect(textOf(blocks[3])).toBe('A letter, set in.')
    expect(blocks[4].children.map((row: { children: unknown[] }) => row.children.map(textOf))).toEqual([
      ['Hour', 'Place'],
      ['Six', 'Road'],
    ])
    expect(blocks[5].image).toMatchObject({ url: 'novel.rtf/image-1.png' })
    expect(result.resources?.['novel.rtf/image-1.png']).toEqual(PNG)
    // Shift-JIS bytes in a font of that character set.
    expect(textOf(blocks[6])).toBe('東京')
    expect(textOf(blocks[8])).toBe('Not once.')
    expect(codes).toEqual(
      expect.arrayContaining([
        'rtf-book-title',
        'rtf-comments',
        'rtf-tracked-changes',
        'rtf-hidden-text',
        'rtf-image',
      ]),
    )
    expect(codes.filter((c) => c === 'rtf-image')).toHaveLength(1)
    expect(JSON.stringify(result.children)).not.toMatch(/fix this|Gone|Hidden|Normal Table|Times New Roman/)
  })

  it('reads calibre’s RTF: chapter headings in a style set inside a group', async () => {
    const rtf = String.raw`{\rtf1{\info{\title Treasure Island}{\author Robert Louis Stevenson}}\ansi\ansicpg1252\deff0
{\fonttbl{\f0\froman\fprq2\fcharset128 Times New Roman;}}
{\stylesheet{\ql \snext0 Normal;}
{\s1\ql \outlinelevel0 \b\fs32 \sbasedon15 \snext16 heading 1;}}
{\qc

 }{\par\pard\hyphpar }{\page } {\s1 \afs32
{\b
Chapter 1: At the Admiral Benbow\par\pard\plain\hyphpar}\par\pard\plain\hyphpar} {	
Squire Trelawney asked me to write it down.\par\pard\plain\hyphpar} {\s1 \afs32
{\b
Chapter 2: Black Dog\par\pard\plain\hyphpar}\par\pard\plain\hyphpar} {	
It was not long.\par\pard\plain\hyphpar}}`
    const { result } = await read(rtf)
    expect(result.metadata).toMatchObject({
      title: 'Treasure Island',
      authors: [{ name: 'Robert Louis Stevenson' }],
    })
    expect(titles(result)).toEqual([
      ['chapter', 1, 'At the Admiral Benbow'],
      ['chapter', 2, 'Black Dog'],
    ])
    expect(textOf(chapters(result)[0]!.children[0]!)).toBe('Squire Trelawney asked me to write it down.')
  })

  it('reads a style sheet given after the text (Google Docs’ export), a font’s own code page, a picture’s description', async () => {
    const { result } = await read(
      String.raw`{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fswiss\fcharset238 Arial;}}` +
        String.raw`\pard\plain\s1 Prologue\par\pard\plain\f0 \'c8l\'e1nek t\'fddne.\par` +
        String.raw`\pard\plain{\*\shppict{\pict{\*\picprop{\sp{\sn wzDescription}{\sv The old map}}}\pngblip ${hex(PNG)}}}\par` +
        String.raw`\pard\plain\s1 Chapter 1: Home\par\pard\plain Text.\par` +
        String.raw`{\stylesheet{\s0 Normal;}{\s1\outlinelevel0 heading 1;}}}`,
    )
    expect(titles(result)).toEqual([
      ['prologue', undefined, undefined],
      ['chapter', 1, 'Home'],
    ])
    const blocks = strip(chapters(result)[0]!.children)
    expect(textOf(blocks[0])).toBe('Článek týdne.')
    expect(blocks[1].image).toMatchObject({ url: 'novel.rtf/image-1.png', alt: 'The old map' })
  })

  it('finds chapter headings typed as plain paragraphs when they are labelled; a bare number must be set apart', async () => {
    const { result } = await read(
      String.raw`{\rtf1\ansi \pard Chapter 1: The Start\par It began.\par 7\par Chapter and verse were quoted.\par Chapter Two\par It ended.\par}`,
    )
    expect(titles(result)).toEqual([
      ['chapter', 1, 'The Start'],
      ['chapter', 2, undefined],
    ])
    expect(chapters(result)[0]!.children.map(textOf)).toEqual([
      'It began.',
      '7',
      'Chapter and verse were quoted.',
    ])
  })

  it('joins a drop cap to the paragraph it opens, in RTF and in Word', async () => {
    const rtf = await read(
      String.raw`{\rtf1\ansi \pard Chapter One\par\pard\dropcapli3\dropcapt1 {\fs114 T}\par\pard he night was long.\par}`,
    )
    expect(chapters(rtf.result)[0]!.children.map(textOf)).toEqual(['The night was long.'])
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    const document = `<?xml version="1.0" encoding="UTF-8"?><w:document ${w}><w:body><w:p><w:r><w:t>Chapter One</w:t></w:r></w:p><w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="3"/></w:pPr><w:r><w:rPr><w:sz w:val="120"/></w:rPr><w:t>T</w:t></w:r></w:p><w:p><w:r><w:t>he night was long.</w:t></w:r></w:p></w:body></w:document>`
    const file = new SourceFile('story.docx')
    const word = await docxReader.read(zipSync({ 'word/document.xml': strToU8(document) }), file, {
      language: 'en',
    })
    expect((word.children[0] as Chapter).children.map(textOf)).toEqual(['The night was long.'])
  })

  it('reads Cyrillic in the document’s code page, Unicode with its fallback skipped, \\ucN honoured', async () => {
    const { result } = await read(
      String.raw`{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2 \u1084?\u1080?\u1088?{\uc2\u8212\'97\'97} \uc0\u8230 x\par}`,
    )
    expect(textOf(chapters(result)[0]!.children[0]!)).toBe('Привет мир— …x')
    // Word 97's \upr: the same text as ANSI and as Unicode, read once.
    const twice = await read(String.raw`{\rtf1\ansi {\upr{Caf\'e9 ANSI}{\*\ud{Caf\u233? Unicode}}} end.\par}`)
    expect(textOf(chapters(twice.result)[0]!.children[0]!)).toBe('Café Unicode end.')
  })

  it('reads what pandoc writes as RTF: its title block, chapters, notes, lists, quotations', async () => {
    need('pandoc')
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-rtf-pandoc-'))
    const md = path.join(dir, 'in.md')
    writeFileSync(
      md,
      '---\ntitle: Lanterns\nauthor: Jo March\n---\n\n# Chapter 1: Dusk\n\nIt was *late*.[^1]\n\n> Set apart.\n\n- one\n- two\n\n1. first\n2. second\n\n# Chapter 2: Dawn\n\nIt was early.\n\n[^1]: Very late.\n',
    )
    execFileSync('pandoc', [md, '-s', '-t', 'rtf', '-o', path.join(dir, 'in.rtf')])
    const { result, codes } = await read(readFileSync(path.join(dir, 'in.rtf')))
    expect(codes).not.toContain('internal-error')
    expect(result.metadata).toMatchObject({ title: 'Lanterns', authors: [{ name: 'Jo March' }] })
    expect(titles(result)).toEqual([
      ['chapter', 1, 'Dusk'],
      ['chapter', 2, 'Dawn'],
    ])
    const blocks = strip(chapters(result)[0]!.children)
    expect(blocks.map((b: { type: string; ordered?: boolean }) => b.type + (b.ordered ? '+' : ''))).toEqual([
      'paragraph',
      'blockquote',
      'list',
      'list+',
      'footnoteDefinition',
    ])
    expect(textOf(blocks[4])).toBe('Very late.')
  })

  it('a book folder holding an .rtf builds to an EPUB that passes EPUBCheck', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-rtf-'))
    writeFileSync(path.join(dir, 'novel.rtf'), WORD_DOC)
    const { book, diagnostics } = await loadBook(dir)
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(book!.tree.metadata).toMatchObject({
      title: 'The Glass Orchard',
      authors: [{ name: 'Ada Quill' }],
    })
    expect(chaptersOf(book!.tree)).toHaveLength(2)
    await expectEpubcheckPasses(book!)
  })

  it('reads what TextEdit saves with pictures (.rtfd): the picture beside the text, the folder the book', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'octavo-rtfd-')), 'My Story.rtfd')
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'photo.png'), PNG)
    writeFileSync(
      path.join(dir, 'TXT.rtf'),
      String.raw`{\rtf1\ansi\ansicpg1252\cocoartf2761 \f0\fs24 Chapter One\
It was dark:\
{{\NeXTGraphic photo.png \width2000 \height1500 \appleattachmentpadding0 \appleembedtype0 \appleaqc
}\'ac}\
After.}`,
    )
    const { book, diagnostics } = await loadBook(dir, { metadata: { authors: [{ name: 'A' }] } })
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([])
    expect(book!.tree.metadata.title).toBe('My Story')
    const chapter = chaptersOf(book!.tree)[0]!
    expect(chapter.children.map(textOf)).toEqual(['It was dark:', '', 'After.'])
    expect(JSON.stringify(chapter)).toContain('"url":"photo.png"')
    expect(JSON.stringify(chapter)).not.toMatch(/¬|NeXTGraphic|photo\.png /)
  })

  it('refuses a file that is not RTF with one error, and says when a document was cut short', async () => {
    const plain = await read('Chapter 1\n\nJust text.', 'story.rtf')
    expect(plain.codes).toEqual(['rtf-invalid'])
    expect(plain.file.messages[0]!.message).toContain('story.rtf')
    const cut = await read(String.raw`{\rtf1\ansi {\b Chapter 1}\par Text that goes on`)
    expect(cut.codes).toEqual(['rtf-truncated'])
    expect(JSON.stringify(cut.result.children)).toContain('Text that goes on')
  })
})

describe('properties', () => {
  const tokens = [
    '{',
    '}',
    '\\',
    '\\par ',
    '\\pard',
    '\\b ',
    '\\i0 ',
    '\\u8217?',
    '\\uc2 ',
    "\\'e9",
    "\\'9",
    '\\*',
    '\\footnote ',
    '\\field',
    '\\fldinst HYPERLINK "x"',
    '\\fldrslt ',
    '\\pict\\pngblip 89504e',
    '\\bin5 ',
    '\\cell ',
    '\\row ',
    '\\intbl ',
    '\\s1 ',
    '\\stylesheet',
    '\\fonttbl',
    '\\f1 ',
    '\\fcharset128 ',
    '\\listtext 1.\\tab ',
    '\\page ',
    '\\outlinelevel0 ',
    'Chapter 1',
    'text ',
    '\n',
    '\u0000',
    '\u00ff',
  ]
  it('any sequence of RTF’s tokens reads without a throw, every message naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...tokens), { maxLength: 80 }), async (parts) => {
        const { result, file } = await read(`{\\rtf1 ${parts.join('')}`)
        expect(Array.isArray(result.children)).toBe(true)
        expect(file.messages.filter((m) => m.code === 'internal-error')).toEqual([])
        for (const m of file.messages) expect(m.file).toBe('novel.rtf')
        JSON.stringify(result)
      }),
      { numRuns: fcRuns(300) },
    )
  })

  it('keeps every word of any text, however it is escaped and formatted', async () => {
    const words = [
      'apple',
      'café',
      'naïve',
      'Ærø',
      '東京',
      '“quoted”',
      '{brace}',
      'back\\slash',
      'é',
      '€5',
      '😀',
      'tab',
    ]
    /** RTF for a piece of text: ASCII as it is (braces and backslashes escaped), the rest as \\uN with a fallback. */
    const encode = (text: string) => {
      let out = ''
      for (let i = 0; i < text.length; i++) {
        const ch = text[i]!
        const unit = text.charCodeAt(i)
        if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`
        else if (unit < 0x80) out += ch
        // UTF-16 units, signed, as RTF writes them: a surrogate pair is two.
        else out += `\\u${unit > 32767 ? unit - 65536 : unit}?`
      }
      return out
    }
    const piece = fc.record({
      word: fc.constantFrom(...words),
      mark: fc.constantFrom('', 'i', 'ul', 'scaps', 'strike'),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(piece, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        async (paragraphs) => {
          const body = paragraphs
            .map((pieces) =>
              pieces.map(({ word, mark }) => (mark ? `{\\${mark} ${encode(word)}}` : encode(word))).join(' '),
            )
            .join('\\par\n')
          const { result, codes } = await read(`{\\rtf1\\ansi\\ansicpg1252\\uc1 ${body}\\par}`)
          expect(codes).toEqual([])
          const got = chapters(result).flatMap((c) => c.children.map(textOf))
          expect(got).toEqual(paragraphs.map((pieces) => pieces.map((p) => p.word).join(' ')))
        },
      ),
      { numRuns: fcRuns(200) },
    )
  })

  it('deep nesting, a long \\bin and 100,000 groups end, in linear work', async () => {
    const deep = await read(`{\\rtf1 ${'{\\i '.repeat(50_000)}deep${'}'.repeat(50_000)}\\par}`)
    expect(textOf(chapters(deep.result)[0]!.children[0]!)).toBe('deep')
    const bin = await read(`{\\rtf1 {\\pict\\pngblip\\bin999999999 abc}} After.\\par}`)
    expect(bin.codes).not.toContain('internal-error')
    const many = await read(`{\\rtf1 ${'{\\i a}'.repeat(100_000)}\\par}`)
    expect(textOf(chapters(many.result)[0]!.children[0]!)).toHaveLength(100_000)
  })
})
