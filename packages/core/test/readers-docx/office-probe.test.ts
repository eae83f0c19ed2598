/**
 * What a tester found the Word reader doing to what an author sees: Symbol and Wingdings
 * characters (`w:sym`) read as the Unicode characters they draw, one with none left out and said
 * so once; a footnote with a custom mark (`w:customMarkFollows`) printed once, by its number;
 * all caps (`w:caps`) set in capitals; a line drawn above or below an empty paragraph a scene
 * break, a box around one not.
 */
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { docxReader } from '../../src/readers/docx/index.js'

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** A Word package around a body, with a footnotes part when `footnotes` is given. */
function docx(body: string, footnotes?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0"?><w:document ${W} ${R}><w:body>${body}</w:body></w:document>`,
    ),
  }
  if (footnotes !== undefined) {
    files['word/_rels/document.xml.rels'] = strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="${REL}/footnotes" Target="footnotes.xml"/></Relationships>`,
    )
    files['word/footnotes.xml'] = strToU8(`<?xml version="1.0"?><w:footnotes ${W}>${footnotes}</w:footnotes>`)
  }
  return zipSync(files)
}

async function read(bytes: Uint8Array) {
  const file = new SourceFile('novel.docx')
  const result = await docxReader.read(bytes, file, { language: 'en' })
  const strip = JSON.parse(JSON.stringify(result.children, (k, v) => (k === 'position' ? undefined : v)))
  return { chapter: strip[0] as Chapter, codes: file.messages.map((m) => m.code), file }
}

const p = (inner: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${inner}</w:p>`
const t = (text: string, rPr = '') =>
  `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`
const sym = (font: string, char: string) => `<w:r><w:sym w:font="${font}" w:char="${char}"/></w:r>`

describe('the Word reader, as an author sees the page', () => {
  it('reads Symbol and Wingdings characters as the characters they draw, and says once what has none', async () => {
    const { chapter, codes } = await read(
      docx(
        p(
          `${t('Sum ')}${sym('Symbol', 'F0E5')}${t(', alpha ')}${sym('Symbol', '61')}${t(', star ')}${sym('Wingdings', 'F0AB')}${t('.')}`,
        ) +
          p(
            `${t('A computer ')}${sym('Wingdings', 'F03A')}${t(' and a mailbox ')}${sym('Wingdings', 'F02D')}${t('.')}`,
          ),
      ),
    )
    expect(chapter.children).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'Sum ∑, alpha α, star ★.' }] },
      { type: 'paragraph', children: [{ type: 'text', value: 'A computer and a mailbox .' }] },
    ])
    expect(codes.filter((c) => c === 'docx-symbol')).toEqual(['docx-symbol'])
  })

  it('prints a custom-mark footnote once: its number stands for the mark, in the text and in the note', async () => {
    const { chapter } = await read(
      docx(
        p(
          `${t('A custom mark')}<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>${t('.')}`,
        ),
        `<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> A note with its own mark.</w:t></w:r></w:p></w:footnote>`,
      ),
    )
    expect(chapter.children).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'A custom mark' },
          { type: 'footnoteReference', identifier: 'fn-1' },
          { type: 'text', value: '.' },
        ],
      },
      {
        type: 'footnoteDefinition',
        identifier: 'fn-1',
        children: [{ type: 'paragraph', children: [{ type: 'text', value: 'A note with its own mark.' }] }],
      },
    ])
  })

  it('sets all-caps text in capitals', async () => {
    const { chapter } = await read(docx(p(`${t('It was ')}${t('every', '<w:caps/>')}${t(' tree.')}`)))
    expect(chapter.children).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'It was EVERY tree.' }] },
    ])
  })

  it('reads a line above or below an empty paragraph as a scene break, and a box around one as nothing', async () => {
    const border = (sides: string) =>
      p(
        '',
        `<w:pBdr>${sides
          .split(',')
          .map((s) => `<w:${s} w:val="single" w:sz="6" w:space="1" w:color="auto"/>`)
          .join('')}</w:pBdr>`,
      )
    const { chapter } = await read(
      docx(
        `${p(t('One.'))}${border('top')}${p(t('Two.'))}${border('bottom')}${p(t('Three.'))}${border('top,left,bottom,right')}${p(t('Four.'))}`,
      ),
    )
    expect(chapter.children.map((c) => c.type)).toEqual([
      'paragraph',
      'sceneBreak',
      'paragraph',
      'sceneBreak',
      'paragraph',
      'paragraph',
    ])
  })
})
