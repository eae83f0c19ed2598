/**
 * The OpenDocument reader's language of parts: `fo:language`/`fo:country` (and the Asian and
 * complex-script ones) on text and paragraph styles, automatic and named, with their parents';
 * the document's language as most of its letters'; `style:writing-mode` as a paragraph's direction.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Paragraph } from '../../src/model/types.js'
import { odtReader } from '../../src/readers/odt/index.js'
import { content, NS, odt } from './make.js'

/** styles.xml with the document's default language (Tools > Options > Language Settings). */
const styles = (language: string, country: string) => `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3"><office:styles>
<style:default-style style:family="paragraph"><style:text-properties fo:language="${language}" fo:country="${country}" style:language-asian="zh" style:country-asian="CN" style:language-complex="hi" style:country-complex="IN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="German" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:language="de" fo:country="DE"/></style:style>
<style:style style:name="Letter" style:family="paragraph" style:parent-style-name="German"/>
<style:style style:name="Hebrew" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties style:writing-mode="rl-tb"/><style:text-properties style:language-complex="he" style:country-complex="IL"/></style:style>
<style:style style:name="Foreign" style:family="text"><style:text-properties fo:language="fr" fo:country="FR"/></style:style>
</office:styles></office:document-styles>`

const AUTOMATIC = `<style:style style:name="T10" style:family="text" style:parent-style-name="Foreign"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="T11" style:family="text"><style:text-properties fo:language="en" fo:country="GB"/></style:style>
<style:style style:name="T12" style:family="text"><style:text-properties fo:language="zxx" fo:country="none"/></style:style>
<style:style style:name="T13" style:family="text"><style:text-properties fo:language="fr" fo:country="FR"/></style:style>`

async function read(body: string, language = 'en', country = 'US') {
  const file = new SourceFile('novel.odt')
  const result = await odtReader.read(
    odt({ 'content.xml': content(body, AUTOMATIC), 'styles.xml': styles(language, country) }),
    file,
    { language: 'en' },
  )
  const chapter = result.children[0] as Chapter
  return { result, paragraphs: chapter.children.filter((b): b is Paragraph => b.type === 'paragraph') }
}

const ENGLISH = '<text:p>The rain had not stopped for three days, and the river rose.</text:p>'

describe('the language of parts in an OpenDocument text', () => {
  it('marks a phrase in a named text style’s language, one span across an automatic style on it', async () => {
    const { paragraphs, result } = await read(
      `${ENGLISH}<text:p>He shrugged: <text:span text:style-name="Foreign">c'est </text:span><text:span text:style-name="T10">la vie</text:span>, and left.</text:p>`,
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

  it('gives a paragraph its style’s language, inherited from a parent style', async () => {
    const { paragraphs } = await read(
      `${ENGLISH}<text:p text:style-name="Letter">Sie sagte nichts mehr und ging nach Hause.</text:p>`,
    )
    expect(paragraphs[1]).toMatchObject({ lang: 'de-DE' })
    expect(paragraphs[1]!.children).toEqual([
      { type: 'text', value: 'Sie sagte nichts mehr und ging nach Hause.' },
    ])
  })

  it('takes the language most of the text is in over the default', async () => {
    const { paragraphs, result } = await read(
      `<text:p text:style-name="German">Es regnete seit drei Tagen, und der Fluss stieg.</text:p><text:p text:style-name="German">Niemand wusste es.</text:p>${'<text:p>The end.</text:p>'}`,
    )
    expect(result.metadata?.language).toBe('de-DE')
    expect(paragraphs.map((p) => p.lang)).toEqual([undefined, undefined, 'en-US'])
  })

  it('marks no British English in an American document, no language-less run, no digits', async () => {
    const { paragraphs } = await read(
      `${ENGLISH}<text:p>The <text:span text:style-name="T11">colour</text:span> of <text:span text:style-name="T12">xyzzy</text:span> in <text:span text:style-name="T13">1914</text:span>.</text:p>`,
    )
    expect(paragraphs[1]!.children).toEqual([{ type: 'text', value: 'The colour of xyzzy in 1914.' }])
  })

  it('reads a right-to-left Hebrew paragraph (style:writing-mode, style:language-complex)', async () => {
    const { paragraphs } = await read(`${ENGLISH}<text:p text:style-name="Hebrew">שלום עולם, 1948.</text:p>`)
    expect(paragraphs[1]).toMatchObject({ lang: 'he-IL', dir: 'rtl' })
  })
})
