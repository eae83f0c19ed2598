/**
 * What a tester found the OpenDocument reader doing to what an author sees: LibreOffice's
 * "Horizontal Line" (an HTML <hr> imported, pandoc's `* * *`) and any empty paragraph with a line
 * above or below it are scene breaks; text boxes are left out and said so (a picture framed with
 * its caption is kept); Symbol and Wingdings characters read as what they draw; a custom note
 * mark printed once; `fo:text-transform: uppercase` set in capitals.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { odtReader } from '../../src/readers/odt/index.js'
import { content, META, odt, PNG, STYLES } from './make.js'

/** LibreOffice's own "Horizontal Line" style, as it writes it in styles.xml. */
const HR_STYLE = `<style:style style:name="Horizontal_20_Line" style:display-name="Horizontal Line" style:family="paragraph" style:parent-style-name="Standard" style:class="html"><style:paragraph-properties fo:border-left="none" fo:border-right="none" fo:border-top="none" fo:border-bottom="1.11pt double #808080"/><style:text-properties fo:font-size="6pt"/></style:style>`

const AUTOMATIC = `<style:style style:name="PB" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:border-bottom="0.5pt solid #000000" fo:border-top="none" fo:border-left="none" fo:border-right="none"/></style:style>
<style:style style:name="PBOX" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:border="0.5pt solid #000000"/></style:style>
<style:style style:name="PNONE" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:border-bottom="none"/></style:style>
<style:style style:name="TSYM" style:family="text"><style:text-properties style:font-name="Symbol1"/></style:style>
<style:style style:name="TWING" style:family="text"><style:text-properties style:font-name="Wingdings"/></style:style>
<style:style style:name="TCAPS" style:family="text"><style:text-properties fo:text-transform="uppercase"/></style:style>`

const FACES = `<office:font-face-decls><style:font-face style:name="Symbol1" svg:font-family="Symbol"/><style:font-face style:name="Wingdings" svg:font-family="Wingdings"/></office:font-face-decls>`

async function read(body: string) {
  const file = new SourceFile('novel.odt')
  const contentXml = content(body, AUTOMATIC).replace(
    '<office:automatic-styles>',
    `${FACES}<office:automatic-styles>`,
  )
  const bytes = odt({
    'content.xml': contentXml,
    'styles.xml': STYLES.replace('</office:styles>', `${HR_STYLE}</office:styles>`),
    'meta.xml': META,
    'Pictures/map.png': PNG,
  })
  const result = await odtReader.read(bytes, file, { language: 'en' })
  const children = JSON.parse(JSON.stringify(result.children, (k, v) => (k === 'position' ? undefined : v)))
  return { chapter: children[0] as Chapter, codes: file.messages.map((m) => m.code), file }
}

const para = (text: string, style = 'Text_20_body') => `<text:p text:style-name="${style}">${text}</text:p>`

describe('the OpenDocument reader, as an author sees the page', () => {
  it('reads the Horizontal Line style and a line above or below an empty paragraph as scene breaks', async () => {
    const { chapter } = await read(
      `${para('One.')}${para('', 'Horizontal_20_Line')}${para('Two.')}<text:p text:style-name="PB"/>${para('Three.')}<text:p text:style-name="PBOX"/>${para('Four.')}<text:p text:style-name="PNONE"/>${para('Five.')}`,
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

  it('leaves a text box out and says so, and keeps a picture framed with its caption', async () => {
    const { chapter, codes, file } = await read(
      `${para('She folded it<draw:frame draw:name="Sidebar" text:anchor-type="char"><draw:text-box><text:p>TEXTBOXTEXT sidebar</text:p></draw:text-box></draw:frame> carefully.')}${para('<draw:frame draw:name="Frame1" text:anchor-type="paragraph"><draw:text-box><text:p>The map<draw:frame draw:name="map"><draw:image xlink:href="Pictures/map.png"/></draw:frame> of the coast</text:p></draw:text-box></draw:frame>')}`,
    )
    const text = JSON.stringify(chapter.children)
    expect(text).not.toContain('TEXTBOXTEXT')
    expect(text).toContain('She folded it carefully.')
    expect(text).toContain('"type":"image"')
    expect(text).toContain('of the coast')
    expect(codes).toContain('odt-text-box')
    expect(file.messages.find((m) => m.code === 'odt-text-box')!.message).toBe(
      'Left out the text of text boxes in paragraph 1',
    )
  })

  it('reads Symbol and Wingdings characters as what they draw, and says once what has no equivalent', async () => {
    const { chapter, codes } = await read(
      para(
        'Sum <text:span text:style-name="TSYM">\uf0e5</text:span>, pi <text:span text:style-name="TSYM">p</text:span>, star <text:span text:style-name="TWING">\uf0ab</text:span>, computer <text:span text:style-name="TWING">\uf03a\uf03a</text:span>.',
      ),
    )
    expect(chapter.children).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: 'Sum ∑, pi π, star ★, computer .' }] },
    ])
    expect(codes.filter((c) => c === 'odt-symbol')).toEqual(['odt-symbol'])
  })

  it('prints a custom-mark note once, by its number, and sets uppercase text in capitals', async () => {
    const { chapter } = await read(
      para(
        'A <text:span text:style-name="TCAPS">custom</text:span> mark<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation text:label="*">*</text:note-citation><text:note-body><text:p><text:span text:style-name="T3">*</text:span> A note with its own mark.</text:p></text:note-body></text:note>.',
      ),
    )
    expect(chapter.children).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'A CUSTOM mark' },
          { type: 'footnoteReference', identifier: 'fn-ftn1' },
          { type: 'text', value: '.' },
        ],
      },
      {
        type: 'footnoteDefinition',
        identifier: 'fn-ftn1',
        children: [{ type: 'paragraph', children: [{ type: 'text', value: 'A note with its own mark.' }] }],
      },
    ])
  })
})
