/**
 * Word files made in the tests, never committed as binaries: each fixture is written with the
 * `docx` package as an author would lay it out in Word (styles, or direct formatting only),
 * with footnotes, tracked changes, comments and hidden text where a test needs them.
 */
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  EndnoteReferenceRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx'
import { png } from '../epub/helpers.js'

async function pack(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(doc))
}

const para = (text: string) => new Paragraph({ children: [new TextRun(text)] })
const centred = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(text)] })

/** A manuscript laid out with Word's styles: Title, Subtitle, Heading 1/2, notes, marks, a picture, a table. */
export async function styledManuscript(): Promise<Uint8Array> {
  const picture = await png(8, 6)
  const doc = new Document({
    title: 'Stale Property Title',
    creator: 'Ada Quill',
    subject: 'Fiction',
    keywords: 'orchard, glass',
    description: 'A novel about an orchard of glass.',
    footnotes: { 1: { children: [para('A note on the storm.')] } },
    endnotes: { 1: { children: [para('An endnote.')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: 'The Glass Orchard', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'A Novel', style: 'Subtitle' }),
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph({ text: 'Chapter One: The Storm', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            indent: { firstLine: 360 },
            children: [
              new TextRun('It was '),
              new TextRun({ text: 'dark', italics: true }),
              new TextRun(' and '),
              new TextRun({ text: 'stormy', bold: true }),
              new TextRun(', '),
              new TextRun({ text: 'underlined', underline: {} }),
              new TextRun(', '),
              new TextRun({ text: 'small caps', smallCaps: true }),
              new TextRun(', '),
              new TextRun({ text: 'struck', strike: true }),
              new TextRun(', H'),
              new TextRun({ text: '2', subScript: true }),
              new TextRun('O and x'),
              new TextRun({ text: '2', superScript: true }),
              new TextRun('.'),
              new FootnoteReferenceRun(1),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('See '),
              new ExternalHyperlink({
                link: 'https://example.com/orchard',
                children: [new TextRun('the orchard')],
              }),
              new TextRun(' and '),
              new ExternalHyperlink({ link: 'file:///etc/passwd', children: [new TextRun('a local file')] }),
              new TextRun('.'),
              new EndnoteReferenceRun(1),
            ],
          }),
          centred('* * *'),
          para('The second scene begins.'),
          para(''),
          para(''),
          para('The third scene, after two empty paragraphs.'),
          new Paragraph({ text: 'Morning', heading: HeadingLevel.HEADING_2 }),
          para('Under a section heading.'),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: picture,
                transformation: { width: 80, height: 60 },
                altText: { name: 'map', description: 'A map of the orchard', title: 'Map' },
              }),
            ],
          }),
          new Table({
            rows: [
              new TableRow({
                tableHeader: true,
                children: [
                  new TableCell({ children: [para('Tree')] }),
                  new TableCell({ children: [para('Glass')] }),
                ],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [para('Apple')] }),
                  new TableCell({ children: [para('Green')] }),
                ],
              }),
            ],
          }),
          new Paragraph({ text: 'Chapter Two', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
          para('The last chapter.'),
        ],
      },
    ],
  })
  return pack(doc)
}

/** The same kind of book with no heading style at all: titles typed as centred bold lines after page breaks. */
export async function directManuscript(): Promise<Uint8Array> {
  const title = (text: string, pageBreakBefore = true) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      pageBreakBefore,
      children: [new TextRun({ text, bold: true, size: 32 })],
    })
  const body = (text: string) =>
    new Paragraph({ indent: { firstLine: 360 }, children: [new TextRun({ text, size: 24 })] })
  const doc = new Document({
    sections: [
      {
        children: [
          title('Chapter One', false),
          title('The Storm', false),
          body('It was a dark and stormy night, and the orchard rang like bells.'),
          body('She ran to the window.'),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '#', size: 24 })],
          }),
          body('Morning came grey.'),
          title('CHAPTER TWO'),
          body('The glass had not broken.'),
          title('Epilogue'),
          body('Years later, the orchard still stood.'),
        ],
      },
    ],
  })
  return pack(doc)
}

/** A chapter with tracked changes, comments and hidden text. */
export async function reviewedChapter(): Promise<Uint8Array> {
  const doc = new Document({
    comments: {
      children: [{ id: 0, author: 'Editor', date: new Date(0), children: [para('Cut this line?')] }],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Chapter Three', heading: HeadingLevel.HEADING_1 }),
          para('The first paragraph is clean.'),
          new Paragraph({
            children: [
              new TextRun('She said '),
              new InsertedTextRun({ text: 'kindly ', id: 1, author: 'Editor', date: '2026-01-01T00:00:00Z' }),
              new DeletedTextRun({
                text: 'DELETEDWORDS ',
                id: 2,
                author: 'Editor',
                date: '2026-01-01T00:00:00Z',
              }),
              new TextRun('goodbye.'),
            ],
          }),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun('A line the editor questioned.'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
          new Paragraph({
            children: [new TextRun('Visible text. '), new TextRun({ text: 'SECRETNOTE', vanish: true })],
          }),
        ],
      },
    ],
  })
  return pack(doc)
}
