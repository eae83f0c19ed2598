/**
 * The Scrivener reader (readers/scrivener/): a project folder's binder to parts and chapters as
 * Scrivener's compile lays them out. Scrivener 3's layout (`Files/Data/<UUID>/content.rtf`) and
 * Scrivener 2's and Windows 1's (`Files/Docs/<ID>.rtf`); parts, chapters and scenes from section
 * types or the binder's shape; binder titles as headings; items left out of the compile, outside
 * the Draft, or not text left out; diagnostics naming each document's own file; a cached read
 * redone when a scene changes; and the same book from disk and from memory.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { createBook, createBookCache, loadBook } from '../../src/index.js'
import { lintBook } from '../../src/lint.js'
import type { Chapter, Part, Root } from '../../src/model/types.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { fcRuns } from '../fast-check.js'
import { PNG } from '../readers-odt/make.js'
import { expectEpubcheckPasses } from '../robustness/helpers.js'

process.env.SOURCE_DATE_EPOCH ??= '1700000000'

/** A document's text as Scrivener 3 for Mac saves it: Cocoa RTF, `\` + line end per paragraph. */
const rtf = (...paragraphs: string[]) =>
  String.raw`{\rtf1\ansi\ansicpg1252\cocoartf2639
\cocoatextscaling0\cocoaplatform0{\fonttbl\f0\froman\fcharset0 Palatino-Roman;}
{\colortbl;\red255\green255\blue255;}
\pard\tx360\fi360\sl288\slmult1\pardirnatural\partightenfactor0

\f0\fs26 \cf0 ` +
  paragraphs.map((p) => `${p}\\\n`).join('') +
  '}'

interface Item {
  id: string
  title: string
  type?: 'Text' | 'Folder' | 'Image'
  include?: boolean
  section?: string
  /** A picture document's file extension. */
  ext?: string
  children?: Item[]
}

const item = (i: Item, v3: boolean): string => {
  const meta = [
    i.include === false
      ? '<IncludeInCompile>No</IncludeInCompile>'
      : '<IncludeInCompile>Yes</IncludeInCompile>',
    i.section ? `<SectionType>${i.section}</SectionType>` : '',
    i.ext ? `<FileExtension>${i.ext}</FileExtension>` : '',
  ].join('')
  const kids = i.children ? `<Children>${i.children.map((c) => item(c, v3)).join('\n')}</Children>` : ''
  return `<BinderItem ${v3 ? 'UUID' : 'ID'}="${i.id}" Type="${i.type ?? 'Text'}" Created="2024-01-01 10:00:00 +0000" Modified="2024-01-01 10:00:00 +0000">
  <Title>${i.title}</Title><MetaData>${meta}</MetaData>${kids}
</BinderItem>`
}

/** A `.scrivx` with this Draft, a research folder holding text, and the trash. */
function scrivx(draft: Item[], options: { v3?: boolean; extra?: string } = {}): string {
  const v3 = options.v3 ?? true
  return `<?xml version="1.0" encoding="UTF-8"?>
<ScrivenerProject Template="No" Version="${v3 ? '2.0' : '1.0'}" Identifier="0F0E" Creator="${v3 ? 'SCRMAC-3.3.1-15696' : 'SCRWIN-1.9.16.0'}">
<Binder>
<BinderItem ${v3 ? 'UUID' : 'ID'}="DRAFT" Type="DraftFolder"><Title>Manuscript</Title><Children>
${draft.map((i) => item(i, v3)).join('\n')}
</Children></BinderItem>
<BinderItem ${v3 ? 'UUID' : 'ID'}="RESEARCH" Type="ResearchFolder"><Title>Research</Title><Children>
${item({ id: 'R1', title: 'Background' }, v3)}
</Children></BinderItem>
<BinderItem ${v3 ? 'UUID' : 'ID'}="TRASH" Type="TrashFolder"><Title>Trash</Title><Children>
${item({ id: 'T1', title: 'Cut scene' }, v3)}
</Children></BinderItem>
</Binder>
${options.extra ?? ''}
</ScrivenerProject>`
}

/** The files of a project: the binder and each document's text, by path inside `Novel.scriv`. */
function project(
  draft: Item[],
  texts: Record<string, string>,
  options: { v3?: boolean; extra?: string } = {},
): Record<string, string> {
  const v3 = options.v3 ?? true
  const files: Record<string, string> = { 'Novel.scrivx': scrivx(draft, options) }
  const all = { ...texts, R1: rtf('Research, not the book.'), T1: rtf('A scene thrown away.') }
  for (const [id, text] of Object.entries(all))
    files[v3 ? `Files/Data/${id}/content.rtf` : `Files/Docs/${id}.rtf`] = text
  return files
}

/** Write a project to a fresh folder as `Novel.scriv`; its path. */
function onDisk(files: Record<string, string | Uint8Array>): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'octavo-scriv-')), 'Novel.scriv')
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    writeFileSync(path.join(root, name), text)
  }
  return root
}

/** Build a project from memory, as a developer would. */
async function inMemory(files: Record<string, string>) {
  const enc = new TextEncoder()
  return createBook({
    metadata: { title: 'T', author: 'A' },
    chapters: [
      { file: 'Novel.scriv/Novel.scrivx', reader: 'scrivener', content: enc.encode(files['Novel.scrivx']!) },
    ],
    files: Object.fromEntries(
      Object.entries(files).map(([name, text]) => [`Novel.scriv/${name}`, enc.encode(text)]),
    ),
  })
}

/** The book's outline: parts as `[title, [chapters]]`, chapters as "label number: title". */
function outline(tree: Root): unknown[] {
  const heading = (c: Chapter | Part) =>
    [c.label, c.number, c.title ? toText(c.title) : undefined].filter((x) => x !== undefined).join(' ')
  return tree.children.map((node) =>
    node.type === 'part' ? [heading(node), node.children.map(heading)] : heading(node),
  )
}

const body = (c: Chapter) =>
  c.children.map((b) =>
    b.type === 'sceneBreak'
      ? '* * *'
      : b.type === 'heading'
        ? `## ${toText(b.children)}`
        : toText('children' in b ? (b.children as never) : []),
  )

/** A Novel-template project: a part of chapter folders holding scenes, then documents on their own. */
const NOVEL: Item[] = [
  {
    id: 'P1',
    title: 'Part One: The Road',
    type: 'Folder',
    children: [
      {
        id: 'C1',
        title: 'The Gate',
        type: 'Folder',
        children: [
          { id: 'S1', title: 'Arrival' },
          { id: 'S2', title: 'The Toll' },
          { id: 'S3', title: 'Note to self', include: false },
        ],
      },
      {
        id: 'C2',
        title: 'Chapter 2',
        type: 'Folder',
        children: [
          { id: 'S4', title: 'Scene' },
          { id: 'S5', title: 'Scene' },
          { id: 'IMG', title: 'Map of the road', type: 'Image' },
        ],
      },
    ],
  },
  { id: 'E1', title: 'Epilogue' },
  { id: 'U1', title: 'Untitled' },
]
const NOVEL_TEXTS = {
  S1: rtf('The gate was shut when she came to it.', `"Open," she said. It didn\\'92t.`),
  S2: rtf('The toll was one silver coin, and she had none.'),
  S3: rtf('Remember to fix the toll.'),
  S4: rtf('Morning came.'),
  S5: rtf('She left at noon "without a word.'),
  E1: rtf('Years later, she came back.'),
}

describe('Scrivener projects', () => {
  it('lays out parts, chapters and scenes from the binder, and leaves out what Scrivener would', async () => {
    const root = onDisk(project(NOVEL, NOVEL_TEXTS))
    const { book, diagnostics } = await loadBook(root)
    expect(book).toBeDefined()
    const tree = book!.tree
    // Chapters are numbered through the book; the epilogue after the part stands outside it.
    expect(outline(tree)).toEqual([['Part 1 The Road', ['1 The Gate', 'Chapter 2']], 'Epilogue'])
    const [gate, two] = chaptersOf(tree)
    // Scenes joined with breaks; a document set not to compile, research and trash left out.
    expect(body(gate!)).toEqual([
      'The gate was shut when she came to it.',
      '“Open,” she said. It didn’t.',
      '* * *',
      'The toll was one silver coin, and she had none.',
    ])
    expect(body(two!)).toEqual(['Morning came.', '* * *', 'She left at noon “without a word.'])
    const text = JSON.stringify(tree)
    for (const gone of ['Remember to fix', 'Research, not', 'thrown away']) expect(text).not.toContain(gone)
    const codes = diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)
    expect(codes).toContain('scrivener-item-skipped Novel.scrivx:24')
    expect(diagnostics.find((d) => d.code === 'scrivener-item-skipped')?.message).toContain(
      '"Map of the road" (Image)',
    )
    expect(diagnostics.find((d) => d.code === 'scrivener-empty')?.message).toBe(
      'Left out an untitled document, which has no text yet',
    )
    // The book is named after the project folder. A chapter's file is the binder, which was
    // read; each of its nodes names the document it came from.
    expect(tree.metadata.title).toBe('Novel')
    expect(gate!.file).toBe('Novel.scrivx')
    expect(gate!.position?.file).toBe('Files/Data/S1/content.rtf')
    expect(gate!.children.map((b) => b.position?.file)).toEqual([
      'Files/Data/S1/content.rtf',
      'Files/Data/S1/content.rtf',
      undefined,
      'Files/Data/S2/content.rtf',
    ])
  })

  it('reads Scrivener 2 and Windows projects (Files/Docs/<ID>.rtf) the same way', async () => {
    const v3 = await loadBook(onDisk(project(NOVEL, NOVEL_TEXTS)))
    const v2 = await loadBook(onDisk(project(NOVEL, NOVEL_TEXTS, { v3: false })))
    expect(outline(v2.book!.tree)).toEqual(outline(v3.book!.tree))
    expect(chaptersOf(v2.book!.tree).map(body)).toEqual(chaptersOf(v3.book!.tree).map(body))
  })

  it('builds the same book from memory as from disk, and it passes EPUBCheck', async () => {
    const files = project(NOVEL, NOVEL_TEXTS)
    const disk = await loadBook(onDisk(files))
    const memory = await inMemory(files)
    expect(outline(memory.book!.tree)).toEqual(outline(disk.book!.tree))
    expect(chaptersOf(memory.book!.tree).map(body)).toEqual(chaptersOf(disk.book!.tree).map(body))
    await expectEpubcheckPasses(disk.book!)
  })

  it("takes the project's title and author from its properties", async () => {
    const extra =
      '<ProjectProperties><ProjectTitle>The Long Road</ProjectTitle><FullName>Ann Writer</FullName></ProjectProperties>'
    const { book } = await loadBook(onDisk(project(NOVEL, NOVEL_TEXTS, { extra })))
    expect(book!.tree.metadata.title).toBe('The Long Road')
    expect(book!.tree.metadata.authors.map((a) => a.name)).toEqual(['Ann Writer'])
    // Without them, the name Scrivener 3 signs the project with.
    const files = project(NOVEL, NOVEL_TEXTS)
    files['Novel.scrivx'] = files['Novel.scrivx']!.replace(
      'Identifier="0F0E"',
      'Identifier="0F0E" Author="Bea Author"',
    )
    const signed = await loadBook(onDisk(files))
    expect(signed.book!.tree.metadata.authors.map((a) => a.name)).toEqual(['Bea Author'])
  })

  it('follows section types: a part typed as one, chapters of documents, sections with subheadings', async () => {
    const extra = `<SectionTypes><TypeDefinitions>
      <Type ID="t-part">Part Title</Type><Type ID="t-ch">Chapter Heading</Type>
      <Type ID="t-sec">Section</Type><Type ID="t-scene">Scene</Type>
    </TypeDefinitions><LevelTypes>
      <Folders><Type>t-ch</Type><Type>t-sec</Type></Folders>
      <Containers><Type>t-ch</Type></Containers>
      <Files><Type>t-ch</Type><Type>t-sec</Type></Files>
    </LevelTypes></SectionTypes>`
    const draft: Item[] = [
      {
        id: 'P',
        title: 'The Science',
        type: 'Folder',
        section: 't-part',
        children: [
          { id: 'A', title: 'Genetics' },
          { id: 'B', title: 'Diet' },
        ],
      },
      {
        id: 'C',
        title: 'Hard Work',
        type: 'Folder',
        children: [
          { id: 'C1', title: 'Cardio' },
          { id: 'C2', title: 'Strength' },
          { id: 'C3', title: 'Rest', section: 't-scene' },
        ],
      },
    ]
    const texts = {
      A: rtf('On genes.'),
      B: rtf('On food.'),
      C1: rtf('Run.'),
      C2: rtf('Lift.'),
      C3: rtf('Sleep.'),
    }
    const { book } = await loadBook(onDisk(project(draft, texts, { extra })))
    expect(outline(book!.tree)).toEqual([['The Science', ['1 Genetics', '2 Diet']], '3 Hard Work'])
    expect(body(chaptersOf(book!.tree)[2]!)).toEqual([
      '## Cardio',
      'Run.',
      '## Strength',
      'Lift.',
      '* * *',
      'Sleep.',
    ])
  })

  it('joins scenes standing where chapters stand into one chapter, as Scrivener compiles them', async () => {
    // The Novel template's section types: a document is a scene, a folder a chapter.
    const extra = `<SectionTypes><TypeDefinitions>
      <Type ID="t-ch">Chapter Heading</Type><Type ID="t-scene">Scene</Type>
    </TypeDefinitions><LevelTypes>
      <Folders><Type>t-ch</Type></Folders><Containers><Type>t-ch</Type></Containers><Files><Type>t-scene</Type></Files>
    </LevelTypes></SectionTypes>`
    const draft: Item[] = [
      { id: 'A', title: 'Opening' },
      { id: 'B', title: 'Dawn' },
      { id: 'F', title: 'The Road', type: 'Folder', children: [{ id: 'C', title: 'Scene' }] },
      { id: 'D', title: 'Chapter 3' },
      { id: 'E', title: 'Aftermath' },
    ]
    const texts = {
      A: rtf('It began.'),
      B: rtf('Dawn came.'),
      C: rtf('They walked.'),
      D: rtf('Rest.'),
      E: rtf('After.'),
    }
    const { book } = await loadBook(onDisk(project(draft, texts, { extra })))
    expect(outline(book!.tree)).toEqual(['1', '2 The Road', 'Chapter 3', '4'])
    expect(chaptersOf(book!.tree).map(body)).toEqual([
      ['It began.', '* * *', 'Dawn came.'],
      ['They walked.'],
      ['Rest.'],
      ['After.'],
    ])
  })

  it("keeps a heading typed in a document: the author's own chapter break", async () => {
    const draft: Item[] = [
      {
        id: 'F',
        title: 'Act One',
        type: 'Folder',
        children: [
          { id: 'D1', title: 'Opening' },
          { id: 'D2', title: 'Second' },
        ],
      },
    ]
    const texts = {
      D1: rtf('It began at dawn.'),
      D2: String.raw`{\rtf1\ansi{\fonttbl\f0 Times;}\pard\qc\b\fs36 Chapter 2: Noon\par\pard\b0\fs24 The sun stood high.\par}`,
    }
    const { book } = await loadBook(onDisk(project(draft, texts)))
    expect(outline(book!.tree)).toEqual(['1 Act One', 'Chapter 2 Noon'])
  })

  it('leaves out annotations and comments, and makes inline and inspector footnotes footnotes', async () => {
    const draft: Item[] = [{ id: 'N1', title: 'Notes' }]
    const texts = {
      N1: rtf(
        // Scrivener 3 for Windows writes where a style starts and ends as text.
        '<$Scr_Ps::0>Storm<!$Scr_Ps::0>',
        String.raw`The ship sailed{\Scrv_annot \color={\R=1.0\G=0.0\B=0.0} \text=check the date
\end_Scrv_annot} at dawn.`,
        String.raw`She wept{\Scrv_fn=Not for the first time.\end_Scrv_fn} and left.<$Scr_Cs::1> <!$Scr_Cs::1>`,
        String.raw`The {\field{\*\fldinst{HYPERLINK "scrivcmt://C-1"}}{\fldrslt harbour}} was empty, the {\field{\*\fldinst{HYPERLINK "scrivcmt://F-1"}}{\fldrslt tide}} out.`,
      ),
    }
    const files = project(draft, texts)
    files['Files/Data/N1/content.comments'] = String.raw`<?xml version="1.0" encoding="UTF-8"?>
<Comments>
<Comment ID="C-1" Color="0.99 0.95 0.75"><![CDATA[{\rtf1\ansi\ansicpg1252\cocoartf2639{\fonttbl\f0\fnil Helvetica;}\f0\fs22 Is it a harbour or a port?}]]></Comment>
<Comment ID="F-1" Footnote="Yes" Color="0.99 0.95 0.75"><![CDATA[{\rtf1\ansi\ansicpg1252\cocoartf2639{\fonttbl\f0\fnil Helvetica;}\f0\fs22 The spring tide, {\i twice} a month.}]]></Comment>
</Comments>`
    const { book, diagnostics } = await loadBook(onDisk(files))
    const [chapter] = chaptersOf(book!.tree)
    const paragraphs = chapter!.children.filter((b) => b.type === 'paragraph').map((b) => toText(b.children))
    expect(paragraphs).toEqual([
      'Storm',
      'The ship sailed at dawn.',
      'She wept and left.',
      'The harbour was empty, the tide out.',
    ])
    const notes = chapter!.children.filter((b) => b.type === 'footnoteDefinition')
    expect(
      notes.map((n) =>
        n.children.map((p) => toText((p as unknown as { children: never }).children)).join(''),
      ),
    ).toEqual(['Not for the first time.', 'The spring tide, twice a month.'])
    expect(JSON.stringify(notes[1])).toContain('"emphasis"')
    expect(JSON.stringify(book!.tree)).not.toMatch(/check the date|harbour or a port|octavo-scrivener-note/)
    expect(diagnostics.find((d) => d.code === 'scrivener-notes-to-self')?.message).toContain(
      'Left out 1 inline annotation and 1 comment',
    )
    await expectEpubcheckPasses(book!)
  })

  it('takes picture documents in the Draft as figures, and says which it cannot show', async () => {
    const draft: Item[] = [
      { id: 'MAP', title: 'Map of the Isles', type: 'Image', ext: 'png' },
      {
        id: 'C',
        title: 'The Crossing',
        type: 'Folder',
        children: [
          { id: 'S', title: 'Scene' },
          { id: 'SHIP', title: 'The ship', type: 'Image', ext: 'bmp' },
        ],
      },
    ]
    const files: Record<string, string | Uint8Array> = project(draft, { S: rtf('They sailed at dawn.') })
    files['Files/Data/MAP/content.png'] = PNG
    files['Files/Data/SHIP/content.bmp'] = new Uint8Array([0x42, 0x4d, 0, 0, 0, 0])
    const { book, diagnostics } = await loadBook(onDisk(files))
    expect(outline(book!.tree)).toEqual(['1 Map of the Isles', '2 The Crossing'])
    const [map] = chaptersOf(book!.tree)
    expect(map!.children).toMatchObject([
      {
        type: 'figure',
        image: { type: 'image', url: 'Files/Data/MAP/content.png', alt: 'Map of the Isles' },
      },
    ])
    expect(diagnostics.find((d) => d.code === 'scrivener-item-skipped')?.message).toContain(
      'Left out the picture "The ship": it is not PNG, JPEG, GIF, WebP or SVG',
    )
    await expectEpubcheckPasses(book!)
  })

  it("reads a project's zipped backup as the project, and says what a zip without one is", async () => {
    const files = project(NOVEL, NOVEL_TEXTS)
    const enc = new TextEncoder()
    const zipped = zipSync({
      ...Object.fromEntries(
        Object.entries(files).map(([name, text]) => [`Novel.scriv/${name}`, enc.encode(text)]),
      ),
      '__MACOSX/Novel.scriv/._Novel.scrivx': new Uint8Array([0, 5, 22, 7]),
    })
    const dir = mkdtempSync(path.join(tmpdir(), 'octavo-scriv-zip-'))
    writeFileSync(path.join(dir, 'Novel.bak3.zip'), zipped)
    writeFileSync(path.join(dir, 'photos.zip'), zipSync({ 'a.txt': enc.encode('not a project') }))
    const fromZip = await loadBook(path.join(dir, 'Novel.bak3.zip'))
    const fromFolder = await loadBook(onDisk(files))
    expect(outline(fromZip.book!.tree)).toEqual(outline(fromFolder.book!.tree))
    expect(chaptersOf(fromZip.book!.tree).map(body)).toEqual(chaptersOf(fromFolder.book!.tree).map(body))
    // Titled after the project, not the backup's file; diagnostics name the files inside.
    expect(fromZip.book!.tree.metadata.title).toBe('Novel')
    expect(fromZip.diagnostics.find((d) => d.code === 'scrivener-item-skipped')?.file).toBe(
      'Novel.bak3.zip/Novel.scriv/Novel.scrivx',
    )
    const other = await loadBook(path.join(dir, 'photos.zip'))
    expect(other.diagnostics.find((d) => d.code === 'scrivener-invalid')).toMatchObject({ level: 'error' })
    expect(other.diagnostics.find((d) => d.code === 'scrivener-invalid')?.message).toContain(
      'holds no Scrivener project',
    )
    // A zip in a book folder is never taken for a chapter.
    writeFileSync(path.join(dir, 'chapter-1.md'), '# One\n\nText.')
    const folder = await loadBook(dir)
    expect(chaptersOf(folder.book!.tree)).toHaveLength(1)
  })

  it("names each document's own file and line in what later stages find", async () => {
    const root = onDisk(project(NOVEL, NOVEL_TEXTS))
    const { book } = await loadBook(root)
    // The unclosed quotation is in the second scene of chapter 2, a file of its own.
    const found = lintBook(book!).flatMap((f) => f.messages)
    const unclosed = found.find((d) => d.code === 'lint-unclosed-quote')
    expect(unclosed).toMatchObject({ file: 'Files/Data/S5/content.rtf', line: 1 })
    // …and what that file is called where the author finds it.
    expect(book!.names?.get('Files/Data/S5/content.rtf')).toBe('Part One: The Road › Chapter 2 › Scene')
  })

  it('reads a scene again when its file changes, from the cache otherwise', async () => {
    const files = project(NOVEL, NOVEL_TEXTS)
    const root = onDisk(files)
    const cache = createBookCache()
    const first = await loadBook(root, { cache })
    expect(body(chaptersOf(first.book!.tree)[1]!)).toContain('Morning came.')
    writeFileSync(path.join(root, 'Files/Data/S4/content.rtf'), rtf('Evening came.'))
    const second = await loadBook(root, { cache })
    const two = body(chaptersOf(second.book!.tree)[1]!)
    expect(two).toContain('Evening came.')
    expect(two).not.toContain('Morning came.')
    // Unchanged, the entry is used: the same chapter objects come back.
    const third = await loadBook(root, { cache })
    expect(chaptersOf(third.book!.tree)[0]).toBe(chaptersOf(second.book!.tree)[0])
  })

  it('says clearly what is wrong with a binder that is not one, or a draft with no text', async () => {
    const broken = await loadBook(onDisk({ 'Novel.scrivx': '<ScrivenerProject><Binder>' }))
    expect(broken.diagnostics.map((d) => d.code)).toContain('scrivener-invalid')
    expect(broken.diagnostics.find((d) => d.code === 'scrivener-invalid')?.message).toContain('no Draft')
    const empty = await loadBook(onDisk(project([{ id: 'E', title: 'Chapter 1' }], {})))
    const codes = empty.diagnostics.map((d) => `${d.level} ${d.code}`)
    expect(codes).toContain('warning scrivener-empty')
    expect(codes).toContain('error scrivener-invalid')
    expect(empty.diagnostics.find((d) => d.code === 'scrivener-invalid')?.message).toContain(
      'no text to compile',
    )
    // A draft planned ahead: its empty chapters are one warning, not one each.
    const planned = ['The Road', 'The Inn', 'The Gate', 'The Hill', 'Home'].map((title, n) => ({
      id: `P${n}`,
      title,
    }))
    const ahead = await loadBook(
      onDisk(project([{ id: 'W', title: 'Begun' }, ...planned], { W: rtf('Written.') })),
    )
    expect(ahead.diagnostics.filter((d) => d.code === 'scrivener-empty').map((d) => d.message)).toEqual([
      'Left out 5 chapters that have no text yet: "The Road", "The Inn", "The Gate" and 2 more',
    ])
  })

  it('compiles a text once, however many items of a crafted binder name it', async () => {
    const copies: Item[] = Array.from({ length: 2000 }, (_, i) => ({ id: 'BIG', title: `Copy ${i}` }))
    const { book, diagnostics } = await loadBook(onDisk(project(copies, { BIG: rtf('The one text.') })))
    expect(chaptersOf(book!.tree)).toHaveLength(1)
    expect(diagnostics.find((d) => d.code === 'scrivener-item-skipped')?.message).toBe(
      'Left out 1999 items, the first "Copy 1": it names the text of an item already in the book, which is compiled once',
    )
  })

  it('never reads outside the book folder, whatever the binder names', async () => {
    const files = project(
      [
        { id: '../../../../etc/passwd', title: 'Escape' },
        { id: 'OK', title: 'Fine' },
      ],
      {
        OK: rtf('Safe.'),
      },
    )
    const { book, diagnostics } = await loadBook(onDisk(files))
    expect(outline(book!.tree)).toEqual(['1 Fine'])
    expect(diagnostics.find((d) => d.code === 'scrivener-text-unreadable')?.message).toContain(
      'leaves the book folder',
    )
  })

  it('compiles every included document exactly once, whatever the binder, and never throws', async () => {
    const titles = fc.constantFrom(
      '',
      'Untitled',
      'Part One',
      'Part Two: Home',
      'Chapter 3',
      '7',
      'The Storm',
      'Scene',
    )
    const tree: fc.Memo<Item> = fc.memo((depth) =>
      fc.record({
        id: fc.constant(''),
        title: titles,
        type:
          depth > 1
            ? fc.constantFrom('Text' as const, 'Folder' as const, 'Image' as const)
            : fc.constant('Text' as const),
        include: fc.nat(4).map((n) => n > 0),
        children: depth > 1 ? fc.array(tree(depth - 1), { maxLength: 3 }) : fc.constant([]),
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(tree(4), { maxLength: 5 }), fc.boolean(), async (draft, empty) => {
        let next = 0
        const number = (items: Item[]): void => {
          for (const i of items) {
            i.id = `I${next++}`
            number(i.children ?? [])
          }
        }
        number(draft)
        const texts: Record<string, string> = {}
        const wanted: string[] = []
        const unwanted: string[] = []
        const walk = (items: Item[], included: boolean) => {
          for (const i of items) {
            const inBook = included && i.include !== false && i.type !== 'Image'
            // Some documents have never been typed in; folders can hold text too.
            if (i.type !== 'Image' && !(empty && i.id.endsWith('3'))) {
              texts[i.id] = rtf(`Text of ${i.id.toLowerCase()} here.`)
              ;(inBook ? wanted : unwanted).push(`Text of ${i.id.toLowerCase()} here.`)
            }
            walk(i.children ?? [], included && i.include !== false)
          }
        }
        walk(draft, true)
        const { book, diagnostics } = await inMemory(project(draft, texts))
        expect(diagnostics.filter((d) => d.code === 'internal-error')).toEqual([])
        if (wanted.length === 0) {
          expect(diagnostics.map((d) => d.code)).toContain('scrivener-invalid')
          return
        }
        const text = chaptersOf(book!.tree)
          .flatMap((c) => c.children)
          .map((b) => ('children' in b ? toText(b.children as never) : ''))
        for (const line of wanted) expect(text.filter((t) => t === line)).toHaveLength(1)
        for (const line of unwanted) expect(text).not.toContain(line)
      }),
      { numRuns: fcRuns(60) },
    )
  })
})
