/**
 * What a tester found the RTF reader doing to what an author sees: an empty paragraph with a
 * line above or below it (`\brdrb`, LibreOffice's "Horizontal Line") is a scene break; a picture
 * LibreOffice writes twice in one shape (`pib` and `fillBlip`) is read once; Symbol and Wingdings
 * characters read as what they draw; a custom note mark printed once; `\caps` set in capitals;
 * the document's language from `\deflang` or its Normal style's `\lang`.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { rtfReader } from '../../src/readers/rtf/index.js'
import { PNG } from '../readers-odt/make.js'

async function read(src: string) {
  const file = new SourceFile('novel.rtf')
  const result = await rtfReader.read(src, file, { language: 'en' })
  const children = JSON.parse(JSON.stringify(result.children, (k, v) => (k === 'position' ? undefined : v)))
  return { result, chapter: children[0] as Chapter, codes: file.messages.map((m) => m.code) }
}

const FONTS =
  '{\\fonttbl{\\f0\\froman Times New Roman;}{\\f1\\froman\\fcharset2 Symbol;}{\\f2\\fnil\\fcharset2 Wingdings;}}'
const doc = (body: string, head = '') => `{\\rtf1\\ansi\\deff0${head}${FONTS}\n${body}}`
const hex = [...PNG].map((b) => b.toString(16).padStart(2, '0')).join('')

describe('the RTF reader, as an author sees the page', () => {
  it('reads a line above or below an empty paragraph, and the Horizontal Line style, as scene breaks', async () => {
    const { chapter } = await read(
      doc(
        [
          '\\pard One.\\par',
          '\\pard\\brdrt\\brdrnone\\brdrl\\brdrnone\\brdrb\\brdrdb\\brdrw7\\brdrr\\brdrnone\\par',
          '\\pard Two.\\par',
          '\\pard\\s18\\par',
          '\\pard Three.\\par',
          '\\pard\\box\\brdrs\\par',
          '\\pard Four.\\par',
          '\\pard\\brdrb\\brdrnone\\par',
          '\\pard Five.\\par',
        ].join('\n'),
        '{\\stylesheet{\\s0 Normal;}{\\s18\\sbasedon0 Horizontal Line;}}',
      ),
    )
    expect(chapter.children.map((c) => (c.type === 'sceneBreak' ? `break ${c.marker}` : c.type))).toEqual([
      'paragraph',
      'break (rule)',
      'paragraph',
      'break (rule)',
      'paragraph',
      'paragraph',
      'paragraph',
    ])
  })

  it('takes one picture a shape, however many times LibreOffice writes it', async () => {
    const pict = `{\\pict\\pngblip ${hex}}`
    const { result } = await read(
      doc(
        `\\pard {\\shp{\\*\\shpinst{\\sp{\\sn pib}{\\sv ${pict}}}{\\sp{\\sn fillBlip}{\\sv ${pict}}}}}\\par\n` +
          `\\pard {\\*\\shppict${pict}}{\\nonshppict${pict}}\\par\n\\pard The end.\\par`,
      ),
    )
    expect(Object.keys(result.resources ?? {})).toEqual(['novel.rtf/image-1.png', 'novel.rtf/image-2.png'])
    expect(JSON.stringify(result.children).match(/"type":"image"/g)).toHaveLength(2)
  })

  it('reads Symbol and Wingdings characters as what they draw, and says once what has no equivalent', async () => {
    const { chapter, codes } = await read(
      doc("\\pard Sum {\\f1\\u61669\\'3f}, pi {\\f1 p}, star {\\f2\\'ab}, computer {\\f2\\'3a\\'3a}.\\par"),
    )
    expect(chapter.children).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'Sum ∑, pi π, star ★, computer .' }] },
    ])
    expect(codes.filter((c) => c === 'rtf-symbol')).toEqual(['rtf-symbol'])
  })

  it('prints a custom-mark note once, by its number, and sets \\caps text in capitals', async () => {
    const { chapter } = await read(
      doc(
        '\\pard A {\\caps custom} mark{\\super *{\\*\\footnote *\\pard\\plain {\\super *}{ A note with its own mark.}}}. Auto{\\super\\chftn}{\\*\\footnote\\chftn\\pard\\plain { *Starred.}}\\par',
      ),
    )
    expect(chapter.children).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'A CUSTOM mark' },
          { type: 'footnoteReference', identifier: 'fn-1' },
          { type: 'text', value: '. Auto' },
          { type: 'footnoteReference', identifier: 'fn-2' },
        ],
      },
      {
        type: 'footnoteDefinition',
        identifier: 'fn-1',
        children: [{ type: 'paragraph', children: [{ type: 'text', value: 'A note with its own mark.' }] }],
      },
      {
        type: 'footnoteDefinition',
        identifier: 'fn-2',
        children: [{ type: 'paragraph', children: [{ type: 'text', value: '*Starred.' }] }],
      },
    ])
  })

  it("reads the document's language from \\deflang, or its Normal style's \\lang", async () => {
    const wordpad = await read(doc('\\pard Ночь.\\par', '\\deflang1049'))
    expect(wordpad.result.metadata?.language).toBe('ru-RU')
    const libre = await read(doc('\\pard Nacht.\\par', '\\deflang1033{\\stylesheet{\\s0\\lang1031 Normal;}}'))
    expect(libre.result.metadata?.language).toBe('de-DE')
    const none = await read(doc('\\pard Night.\\par'))
    expect(none.result.metadata?.language).toBeUndefined()
  })
})
