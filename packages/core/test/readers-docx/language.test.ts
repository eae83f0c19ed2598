/**
 * The Word reader's language of parts: each run's `w:lang` (the attribute for its script, through
 * its styles and the document's defaults), the document's language as most of its letters', and
 * `w:bidi` and `w:rtl` as directions. Documents are made with the `docx` package, as Word writes
 * them: a default language in styles.xml, another on the runs typed in it.
 */
import { Document, type IRunOptions, Packer, Paragraph, TextRun } from 'docx'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Paragraph as ParagraphNode } from '../../src/model/types.js'
import { docxReader } from '../../src/readers/docx/index.js'

/** A document whose text defaults to `language` (Word's docDefaults), its paragraphs as given. */
async function docx(paragraphs: Paragraph[], language = 'en-US'): Promise<Uint8Array> {
  const doc = new Document({
    styles: {
      default: {
        document: { run: { language: { value: language, eastAsia: 'zh-CN', bidirectional: 'ar-SA' } } },
      },
    },
    sections: [{ children: paragraphs }],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, ...options })
const fr = { language: { value: 'fr-FR' } }
const en = (text: string) => run(text)

async function read(bytes: Uint8Array) {
  const file = new SourceFile('novel.docx')
  const result = await docxReader.read(bytes, file, { language: 'en' })
  const chapter = result.children[0] as Chapter
  const paragraphs = chapter.children.filter((b): b is ParagraphNode => b.type === 'paragraph')
  return { result, paragraphs, file }
}

/** Enough English around the case for English to be the document's language. */
const english = () =>
  new Paragraph({ children: [en('The rain had not stopped for three days, and the river rose.')] })

describe('the language of parts in a Word document', () => {
  it('marks a French phrase in an English paragraph, one span across its italics', async () => {
    const { paragraphs, result } = await read(
      await docx([
        english(),
        new Paragraph({
          children: [
            en('He shrugged: '),
            run("c'est ", fr),
            run('la vie', { ...fr, italics: true }),
            en(', and left.'),
          ],
        }),
      ]),
    )
    expect(result.metadata?.language).toBe('en-US')
    expect(paragraphs[1]!.lang).toBeUndefined()
    expect(paragraphs[1]!.children).toEqual([
      { type: 'text', value: 'He shrugged: ' },
      {
        type: 'span',
        lang: 'fr-FR',
        children: [
          { type: 'text', value: "c'est " },
          { type: 'emphasis', children: [{ type: 'text', value: 'la vie' }] },
        ],
      },
      { type: 'text', value: ', and left.' },
    ])
  })

  it('gives a paragraph all in German its lang, not a span around its text', async () => {
    const { paragraphs } = await read(
      await docx([
        english(),
        new Paragraph({
          children: [
            run('Sie sagte nichts mehr und ging ', { language: { value: 'de-DE' } }),
            run('nach Hause.', { language: { value: 'de-DE' }, bold: true }),
          ],
        }),
      ]),
    )
    expect(paragraphs[1]).toMatchObject({
      lang: 'de-DE',
      children: [
        { type: 'text', value: 'Sie sagte nichts mehr und ging ' },
        { type: 'strong', children: [{ type: 'text', value: 'nach Hause.' }] },
      ],
    })
  })

  it('takes the language most of the text is in over a default Word left at en-US', async () => {
    const de = { language: { value: 'de-DE' } }
    const { paragraphs, result } = await read(
      await docx([
        new Paragraph({ children: [run('Es regnete seit drei Tagen, und der Fluss stieg.', de)] }),
        new Paragraph({ children: [run('Niemand wusste, wohin die Fähre gefahren war.', de)] }),
        new Paragraph({ children: [en('The end.')] }),
      ]),
    )
    expect(result.metadata?.language).toBe('de-DE')
    expect(paragraphs.map((p) => p.lang)).toEqual([undefined, undefined, 'en-US'])
    expect(JSON.stringify(paragraphs)).not.toContain('"span"')
  })

  it('keeps the declared language when the text is evenly split', async () => {
    const { result } = await read(
      await docx([new Paragraph({ children: [en('abcd'), run('efgh', fr)] })], 'en-GB'),
    )
    expect(result.metadata?.language).toBe('en-GB')
  })

  it('marks no British English in an American document: a region is not a language', async () => {
    const { paragraphs } = await read(
      await docx([
        english(),
        new Paragraph({
          children: [
            en('The '),
            run('colour of the harbour', { language: { value: 'en-GB' } }),
            en(' was grey.'),
          ],
        }),
      ]),
    )
    expect(paragraphs[1]!.children).toEqual([{ type: 'text', value: 'The colour of the harbour was grey.' }])
  })

  it('reads a Hebrew paragraph (w:bidi, w:rtl runs, w:lang w:bidi) as Hebrew written right to left', async () => {
    const he = { rightToLeft: true, language: { bidirectional: 'he-IL' } }
    const { paragraphs } = await read(
      await docx([
        english(),
        new Paragraph({
          bidirectional: true,
          children: [run('שלום עולם, ', he), run('1948', he), run(' ואחר כך.', he)],
        }),
        new Paragraph({ children: [en('She wrote '), run('שלום', he), en(' on the wall.')] }),
      ]),
    )
    expect(paragraphs[1]).toMatchObject({
      lang: 'he-IL',
      dir: 'rtl',
      children: [{ type: 'text', value: 'שלום עולם, 1948 ואחר כך.' }],
    })
    expect(paragraphs[2]!.children).toEqual([
      { type: 'text', value: 'She wrote ' },
      { type: 'span', lang: 'he-IL', dir: 'rtl', children: [{ type: 'text', value: 'שלום' }] },
      { type: 'text', value: ' on the wall.' },
    ])
  })

  it('takes Hebrew typed under Word’s default complex-script language (ar-SA) as no language', async () => {
    const { paragraphs } = await read(
      await docx([
        english(),
        new Paragraph({ children: [en('She wrote '), run('שלום', { rightToLeft: true }), en(' there.')] }),
      ]),
    )
    expect(paragraphs[1]!.children).toEqual([
      { type: 'text', value: 'She wrote ' },
      { type: 'span', dir: 'rtl', children: [{ type: 'text', value: 'שלום' }] },
      { type: 'text', value: ' there.' },
    ])
  })

  it('marks no run Word is told not to proof, nor one of digits and punctuation alone', async () => {
    const { paragraphs } = await read(
      await docx([
        english(),
        new Paragraph({
          children: [
            en('The password was '),
            run('xyzzy', { ...fr, noProof: true }),
            en(', said the clerk.'),
          ],
        }),
        new Paragraph({ children: [en('It was '), run('1914, ', fr), en('the year it began.')] }),
        new Paragraph({
          children: [en('On '), run('le ', fr), en('14'), run(' juillet', fr), en(' they danced.')],
        }),
      ]),
    )
    expect(paragraphs[1]!.children).toEqual([
      { type: 'text', value: 'The password was xyzzy, said the clerk.' },
    ])
    expect(paragraphs[2]!.children).toEqual([{ type: 'text', value: 'It was 1914, the year it began.' }])
    expect(paragraphs[3]!.children).toEqual([
      { type: 'text', value: 'On ' },
      { type: 'span', lang: 'fr-FR', children: [{ type: 'text', value: 'le 14 juillet' }] },
      { type: 'text', value: ' they danced.' },
    ])
  })
})
