/**
 * The Word reader on manuscripts as writers really send them: standard manuscript format (an
 * address block and word count over a centred title and by-line), chapters titled only in words
 * on pages of their own, front matter pages, Heading 1 "Chapter One" over a Heading 2 title,
 * tracked deletions of whole paragraphs, nested tables, LibreOffice's alt text, the language.
 */
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
} from 'docx'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Node, Root } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import { docxReader } from '../../src/readers/docx/index.js'
import { png } from '../epub/helpers.js'

type Block = Paragraph | Table

async function docx(children: Block[], options: Partial<ConstructorParameters<typeof Document>[0]> = {}) {
  const doc = new Document({ ...options, sections: [{ children }] })
  return new Uint8Array(await Packer.toBuffer(doc))
}

async function read(bytes: Uint8Array) {
  const file = new SourceFile('story.docx')
  const result = await docxReader.read(bytes, file, { language: 'en' })
  const chapters = result.children.flatMap((c) => (c.type === 'part' ? c.children : [c]))
  return { result, file, chapters, codes: file.messages.map((m) => m.code) }
}

const para = (text: string, extra: { pageBreakBefore?: boolean } = {}) =>
  new Paragraph({ ...extra, children: [new TextRun(text)] })
const centred = (text: string, bold = false) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold })] })
const blank = () => new Paragraph({ children: [] })
const titleOf = (c: Chapter) => (c.title ? toText(c.title) : undefined)
const plain = (node: Node) => {
  const out: string[] = []
  visit(node as Root, (n) => {
    if (n.type === 'text') out.push(n.value)
  })
  return out.join('')
}

/** Page one in standard manuscript format, then the story. */
function shunnPage(title: string, bold: boolean): Block[] {
  return [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: 9000 }],
      children: [new TextRun('Margaret Ellison'), new TextRun('\tAbout 3,100 words')],
    }),
    para('14 Harbour Lane'),
    para('Port Elgin, ON N0H 2C0'),
    para('m.ellison@example.com'),
    ...Array.from({ length: 8 }, blank),
    centred(title, bold),
    centred('by Margaret Ellison'),
    blank(),
  ]
}

describe('standard manuscript format', () => {
  it('takes the title and author from the title and by-line, leaves out the header, starts Chapter One at its heading', async () => {
    for (const bold of [false, true]) {
      const bytes = await docx(
        [
          ...shunnPage('THE LIGHTHOUSE KEEPER’S DAUGHTER', bold),
          centred('Chapter One', true),
          para('The lamp had not been lit in eleven years.'),
          centred('Chapter Two', true),
          para('Tom came up from the village on Thursday.'),
        ],
        { creator: 'mellison' },
      )
      const { result, chapters, file, codes } = await read(bytes)
      // The author's words, capitals and all: a casing changed by rule would spoil acronyms.
      expect(result.metadata?.title).toBe('THE LIGHTHOUSE KEEPER’S DAUGHTER')
      // The by-line beats the account name in the properties.
      expect(result.metadata?.authors).toEqual([{ name: 'Margaret Ellison' }])
      expect(chapters).toHaveLength(2)
      expect(chapters[0]!.number).toBe(1)
      expect(plain(chapters[0]!)).toBe('The lamp had not been lit in eleven years.')
      expect(codes).toContain('docx-manuscript-header')
      const header = file.messages.find((m) => m.code === 'docx-manuscript-header')!
      expect(header.level).toBe('info')
      expect(header.message).toContain('About 3,100 words')
    }
  })

  it('reads a short story with no chapter headings as one chapter titled as the book', async () => {
    const bytes = await docx([
      ...shunnPage('The Keeper', true),
      para('The lamp had not been lit in eleven years.'),
      centred('#'),
      para('Morning came grey and wet.'),
    ])
    const { result, chapters } = await read(bytes)
    expect(result.metadata?.title).toBe('The Keeper')
    expect(chapters).toHaveLength(1)
    expect(titleOf(chapters[0]!)).toBe('The Keeper')
    expect(plain(chapters[0]!)).not.toContain('Harbour')
    expect(plain(chapters[0]!)).not.toContain('by Margaret')
  })

  it('needs no address block: a plain centred title over a by-line names the book', async () => {
    const bytes = await docx([
      centred('THE LIGHTHOUSE'),
      centred('by Margaret Ellison'),
      centred('Chapter One', true),
      para('Text one.'),
      centred('Chapter Two', true),
      para('Text two.'),
    ])
    const { result, chapters, codes } = await read(bytes)
    expect(result.metadata).toMatchObject({
      title: 'THE LIGHTHOUSE',
      authors: [{ name: 'Margaret Ellison' }],
    })
    expect(chapters.map((c) => c.number)).toEqual([1, 2])
    expect(codes).not.toContain('docx-manuscript-header')
  })

  it('keeps a story whose opening lines only look like a header', async () => {
    const bytes = await docx([
      para('It was a long road.'),
      para('She walked it anyway, as she always had, through the rain.'),
      centred('Chapter One', true),
      para('Text.'),
    ])
    const { codes, chapters } = await read(bytes)
    expect(codes).not.toContain('docx-manuscript-header')
    expect(plain(chapters[0]!)).toContain('It was a long road.')
  })
})

describe('chapters titled only in words, each on a new page', () => {
  it('opens a chapter at each of them, the first included', async () => {
    const title = (text: string, first = false) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        pageBreakBefore: !first,
        children: [new TextRun({ text, bold: true, size: 32 })],
      })
    const bytes = await docx([
      title('Flood', true),
      para('The tide came in at six.'),
      title('Ebb'),
      para('She walked to the harbour.'),
      title('Slack Water'),
      para('Night fell.'),
    ])
    const { chapters } = await read(bytes)
    expect(chapters.map(titleOf)).toEqual(['Flood', 'Ebb', 'Slack Water'])
    // Bold is the heading's look, not emphasis in its title.
    expect(chapters[0]!.title?.[0]?.type).toBe('text')
  })

  it('after Ctrl+Enter page breaks too, with left-aligned bold titles', async () => {
    const end = (text: string) => new Paragraph({ children: [new TextRun(text), new PageBreak()] })
    const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] })
    const bytes = await docx([
      bold('Flood'),
      end('The tide came in at six.'),
      bold('Ebb'),
      end('She walked to the harbour.'),
      bold('Slack Water'),
      para('Night fell.'),
    ])
    const { chapters } = await read(bytes)
    expect(chapters.map(titleOf)).toEqual(['Flood', 'Ebb', 'Slack Water'])
  })

  it('still takes a first line with nothing under it as the book title', async () => {
    const title = (text: string, first = false) =>
      new Paragraph({ pageBreakBefore: !first, children: [new TextRun({ text, bold: true })] })
    const bytes = await docx([
      title('Tidewater', true),
      title('Flood'),
      para('The tide came in at six.'),
      title('Ebb'),
      para('She walked to the harbour.'),
    ])
    const { chapters } = await read(bytes)
    expect(chapters.map(titleOf)).toEqual(['Flood', 'Ebb'])
  })
})

describe('front matter before the first chapter', () => {
  const frontPages = (): Block[] => [
    new Paragraph({ text: 'Salt and Iron', heading: HeadingLevel.TITLE }),
    para('Copyright © 2024 Dara Quinn. All rights reserved.', { pageBreakBefore: true }),
    para('ISBN 978-0-00-000000-0'),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      pageBreakBefore: true,
      children: [new TextRun({ text: 'For Niamh', italics: true })],
    }),
    new Paragraph({
      style: 'Quote',
      pageBreakBefore: true,
      children: [new TextRun('“Iron rusts; salt keeps.”')],
    }),
    new Paragraph({ style: 'Quote', children: [new TextRun('— Irish proverb')] }),
    new Paragraph({ text: 'Chapter One', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    para('The forge was cold when she arrived.'),
    new Paragraph({ text: 'Chapter Two', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    para('By winter it was warm again.'),
    new Paragraph({ text: 'About the Author', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    para('Dara Quinn lives in Galway.'),
  ]

  it('reads a dedication and an epigraph, keeps the © line, and starts Chapter One with its own text', async () => {
    const { result, chapters, codes } = await read(await docx(frontPages()))
    expect(result.metadata).toMatchObject({
      dedication: 'For Niamh',
      epigraph: { text: '“Iron rusts; salt keeps.”', source: 'Irish proverb' },
      copyright: 'Copyright © 2024 Dara Quinn',
    })
    expect(plain(chapters[0]!)).toBe('The forge was cold when she arrived.')
    expect(codes).toContain('docx-front-matter')
  })

  it('makes "About the Author" at the end back matter, not a numbered chapter', async () => {
    const { chapters } = await read(await docx(frontPages()))
    const about = chapters.at(-1)!
    expect(about.number).toBeUndefined()
    expect(about.matter).toBe('back')
    expect(chapters.filter((c) => c.matter === 'body').map((c) => c.number)).toEqual([1, 2])
  })

  it('keeps an unrecognised page as an untitled front-matter chapter', async () => {
    const bytes = await docx([
      para('A long note to the reader about how this book came to be written, over several lines.'),
      para('It goes on, as such notes do, for a while.'),
      new Paragraph({ text: 'Chapter One', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
      para('One.'),
      new Paragraph({ text: 'Chapter Two', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
      para('Two.'),
    ])
    const { chapters } = await read(bytes)
    expect(chapters[0]).toMatchObject({ matter: 'front', kind: 'other' })
    expect(plain(chapters[1]!)).toBe('One.')
  })

  it('still opens Chapter One with an epigraph on its own page', async () => {
    const bytes = await docx([
      new Paragraph({ style: 'Quote', children: [new TextRun('“Iron rusts.”')] }),
      new Paragraph({ text: 'Chapter One', heading: HeadingLevel.HEADING_1 }),
      para('One.'),
      new Paragraph({ text: 'Chapter Two', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
      para('Two.'),
    ])
    const { chapters, codes, result } = await read(bytes)
    expect(codes).not.toContain('docx-front-matter')
    expect(result.metadata?.epigraph).toBeUndefined()
    expect(chapters[0]!.children[0]!.type).toBe('blockquote')
  })
})

describe('a Heading 1 "Chapter One" over a Heading 2', () => {
  it('takes the Heading 2 as the chapter title, unless the chapter has more of them', async () => {
    const bytes = await docx([
      new Paragraph({ text: 'Chapter One', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: 'The Storm', heading: HeadingLevel.HEADING_2 }),
      para('Text one.'),
      new Paragraph({ text: 'Chapter Two', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: 'The Calm', heading: HeadingLevel.HEADING_2 }),
      para('Text two.'),
      new Paragraph({ text: 'Evening', heading: HeadingLevel.HEADING_2 }),
      para('Later.'),
    ])
    const { chapters } = await read(bytes)
    expect(chapters.map((c) => [c.label, c.number, titleOf(c)])).toEqual([
      ['Chapter', 1, 'The Storm'],
      ['Chapter', 2, undefined],
    ])
    // A chapter with more Heading 2s has sections ("The Calm", "Evening"), as before.
    expect(chapters[1]!.children.filter((b) => b.type === 'heading')).toHaveLength(2)
  })
})

describe('a bare "Chapter One" heading over a short line set apart', () => {
  it('takes a centred or italic line as the title, not a sentence or a line of dialogue', async () => {
    const italic = (text: string) =>
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, italics: true })] })
    const bytes = await docx([
      new Paragraph({ text: 'Chapter One', heading: HeadingLevel.HEADING_1 }),
      italic('The Storm'),
      para('Text one.'),
      new Paragraph({ text: 'Chapter Two', heading: HeadingLevel.HEADING_1 }),
      centred('Boston, 1892'),
      para('Text two.'),
      new Paragraph({ text: 'Chapter Three', heading: HeadingLevel.HEADING_1 }),
      italic('It rained all day.'),
      para('Text three.'),
      new Paragraph({ text: 'Chapter Four: The End', heading: HeadingLevel.HEADING_1 }),
      italic('Afterwards'),
      para('Text four.'),
      new Paragraph({ text: 'Chapter Five', heading: HeadingLevel.HEADING_1 }),
      para('A plain first line'),
    ])
    const { chapters } = await read(bytes)
    expect(chapters.map((c) => [c.number, titleOf(c)])).toEqual([
      [1, 'The Storm'],
      [2, 'Boston, 1892'],
      [3, undefined],
      [4, 'The End'],
      [5, undefined],
    ])
    // The title's italics were its look; a sentence, and a line under a titled heading, stay text.
    expect(chapters[0]!.title?.some((n) => n.type === 'emphasis')).toBe(false)
    expect(plain(chapters[2]!)).toContain('It rained all day.')
    expect(plain(chapters[3]!)).toContain('Afterwards')
  })
})

describe('tracked deletions', () => {
  it('leaves out a paragraph that was all deleted, without making a scene break', async () => {
    const deleted = (text: string) =>
      new Paragraph({
        children: [new DeletedTextRun({ text, id: 1, author: 'Jo', date: '2024-01-01T00:00:00Z' })],
      })
    const bytes = await docx([
      para('She opened the door.'),
      deleted('DELETED one.'),
      deleted('DELETED two.'),
      para('The room was empty.'),
    ])
    const { chapters, codes } = await read(bytes)
    expect(chapters[0]!.children.map((b) => b.type)).toEqual(['paragraph', 'paragraph'])
    expect(codes).toContain('docx-tracked-changes')
  })
})

describe('tables and pictures', () => {
  it('keeps the text of a table nested in a cell', async () => {
    const cell = (children: Block[]) => new TableCell({ children })
    const inner = new Table({
      rows: [new TableRow({ children: [cell([para('nested A')]), cell([para('nested B')])] })],
    })
    const bytes = await docx([
      new Table({
        rows: [new TableRow({ children: [cell([para('outer'), inner]), cell([para('right')])] })],
      }),
      para('After.'),
    ])
    const { chapters } = await read(bytes)
    const table = chapters[0]!.children.find((b) => b.type === 'table')!
    expect(plain(table)).toBe('outernested Anested Bright')
  })

  it('takes the alt text LibreOffice writes as the picture title', async () => {
    const picture = (altText: { name: string; title?: string; description?: string }): ParagraphChild =>
      new ImageRun({ type: 'png', data: pictureBytes, transformation: { width: 8, height: 6 }, altText })
    const pictureBytes = await png(8, 6)
    const bytes = await docx([
      new Paragraph({ children: [picture({ name: 'Map', title: 'A map of the coast' })] }),
      new Paragraph({ children: [picture({ name: 'Map', title: 'Map', description: 'A map described' })] }),
    ])
    const { result } = await read(bytes)
    const images: Array<{ alt?: string; title?: string }> = []
    visit({ type: 'root', children: result.children } as unknown as Root, (n) => {
      if (n.type === 'image') images.push({ alt: n.alt, title: n.title })
    })
    expect(images).toEqual([
      { alt: 'A map of the coast', title: undefined },
      { alt: 'A map described', title: 'Map' },
    ])
  })
})

describe('the document language', () => {
  it('comes from the default run language in the styles', async () => {
    const bytes = await docx([para('Die Lampe war seit elf Jahren nicht mehr angezündet worden.')], {
      styles: { default: { document: { run: { language: { value: 'de-DE' } } } } },
    })
    const { result } = await read(bytes)
    expect(result.metadata?.language).toBe('de-DE')
  })

  it('is not invented when the document names none', async () => {
    const { result } = await read(await docx([para('Plain text.')]))
    expect(result.metadata?.language).toBeUndefined()
  })
})
