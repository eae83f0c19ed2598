/**
 * The RTF reader's language of parts: `\lang`, `\langfe`, `\langnp` and `\alang` per run (LCIDs,
 * through `shared/lcid.ts`), `\noproof`; the document's language as most of its letters', with
 * `\deflang` breaking a tie; `\rtlpar` and `\rtlch` as directions. Documents are written as Word
 * writes them: every run saying its language again.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Paragraph } from '../../src/model/types.js'
import { rtfReader } from '../../src/readers/rtf/index.js'

/** An RTF document defaulting to US English (`\deflang1033`), its paragraphs as given. */
const rtf = (body: string, deflang = 1033) =>
  `{\\rtf1\\ansi\\ansicpg1252\\deff0\\deflang${deflang}\\adeflang1025{\\fonttbl{\\f0 Times New Roman;}}\n${body}}`

/** A paragraph of runs: each `[text, words]` set in `{\\words text}`. */
const par = (runs: Array<[string, string?]>, words = '') =>
  `\\pard\\plain ${words}${runs.map(([text, w]) => `{${w ?? '\\lang1033\\langnp1033'} ${text}}`).join('')}\\par\n`

const FR = '\\lang1036\\langnp1036'
const ENGLISH = par([['The rain had not stopped for three days, and the river rose.']])

async function read(input: string) {
  const file = new SourceFile('novel.rtf')
  const result = await rtfReader.read(input, file, { language: 'en' })
  const chapter = result.children[0] as Chapter
  return { result, file, paragraphs: chapter.children.filter((b): b is Paragraph => b.type === 'paragraph') }
}

describe('the language of parts in RTF', () => {
  it('marks a French phrase, one span across its italics', async () => {
    const { paragraphs, result } = await read(
      rtf(ENGLISH + par([['He shrugged: '], ["c'est ", FR], ['la vie', `${FR}\\i`], [', and left.']])),
    )
    expect(result.metadata?.language).toBe('en-US')
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

  it('gives a paragraph all in German its lang', async () => {
    const { paragraphs } = await read(
      rtf(ENGLISH + par([['Sie sagte nichts mehr.', '\\lang1031\\langnp1031']])),
    )
    expect(paragraphs[1]).toMatchObject({
      lang: 'de-DE',
      children: [{ type: 'text', value: 'Sie sagte nichts mehr.' }],
    })
  })

  it('takes the language most of the text is in over \\deflang, which breaks a tie', async () => {
    const de = '\\lang1031\\langnp1031'
    const { paragraphs, result } = await read(
      rtf(par([['Es regnete seit drei Tagen, und der Fluss stieg.', de]]) + par([['The end.']])),
    )
    expect(result.metadata?.language).toBe('de-DE')
    expect(paragraphs.map((p) => p.lang)).toEqual([undefined, 'en-US'])
    const tie = await read(rtf(par([['abcd', de], ['efgh']]), 1031))
    expect(tie.result.metadata?.language).toBe('de-DE')
  })

  it('marks no British English, no run not proofed, no digits alone', async () => {
    const { paragraphs } = await read(
      rtf(
        ENGLISH +
          par([
            ['The '],
            ['colour', '\\lang2057\\langnp2057'],
            [' of '],
            ['xyzzy', `${FR}\\noproof`],
            [' in '],
            ['1914', FR],
            ['.'],
          ]),
      ),
    )
    expect(paragraphs[1]!.children).toEqual([{ type: 'text', value: 'The colour of xyzzy in 1914.' }])
  })

  it('reads a Hebrew paragraph (\\rtlpar, \\rtlch runs in \\alang) and a Hebrew word in English', async () => {
    const he = '\\rtlch\\alang1037\\lang1033'
    const { paragraphs } = await read(
      rtf(
        ENGLISH +
          par([['\\u1513?\\u1500?\\u1493?\\u1501? 1948.', he]], '\\rtlpar') +
          par([['She wrote '], ['\\u1513?\\u1500?\\u1493?\\u1501?', he], [' on the wall.']]),
      ),
    )
    expect(paragraphs[1]).toMatchObject({
      lang: 'he-IL',
      dir: 'rtl',
      children: [{ type: 'text', value: 'שלום 1948.' }],
    })
    expect(paragraphs[2]!.children).toEqual([
      { type: 'text', value: 'She wrote ' },
      { type: 'span', lang: 'he-IL', dir: 'rtl', children: [{ type: 'text', value: 'שלום' }] },
      { type: 'text', value: ' on the wall.' },
    ])
  })
})
