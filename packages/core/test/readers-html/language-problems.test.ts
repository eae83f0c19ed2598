/**
 * A `lang` that is no language tag (`lang="xx-invalid-tag-!!"`, `lang="french"`) or a `dir` that
 * is no direction is dropped, its text kept, and said: one `html-language` information per value
 * in a file, with the file and the line where it first stands, in HTML and in an EPUB's XHTML.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { htmlReader } from '../../src/readers/html.js'
import { languageProblems } from '../../src/readers/shared/html-marks.js'

function read(html: string) {
  const file = new SourceFile('chapters/two.html')
  const result = htmlReader.read(html, file, { language: 'en' })
  const chapter = result.children[0] as Chapter
  return {
    text: chapter.children.map((b) => toText('children' in b ? (b.children as never) : [])),
    messages: file.messages.map((m) => `${m.code} ${m.level} ${m.file}:${m.line}:${m.column} ${m.message}`),
  }
}

const page = (body: string, attrs = '') =>
  `<!DOCTYPE html>\n<html${attrs}>\n<head><title>t</title></head>\n<body>\n<h1>Chapter 2</h1>\n${body}\n</body>\n</html>`

describe('HTML reader: a lang or dir that means nothing', () => {
  it('is said once per value, with its file and line, and its text kept', () => {
    const { text, messages } = read(
      page(
        '<p>Some <span lang="fr-CA">québécois</span> and <span lang="xx-invalid-tag-!!">bad tag</span>.</p>\n' +
          '<p>Again <span lang="xx-invalid-tag-!!">bad</span>, and <i lang="french">oui</i> <b dir="down">up</b>.</p>',
      ),
    )
    expect(text).toEqual(['Some québécois and bad tag.', 'Again bad, and oui up.'])
    expect(messages).toEqual([
      'html-language info chapters/two.html:6:49 lang="xx-invalid-tag-!!" is not a language tag (BCP 47: `fr`, `pt-BR`, `sr-Latn`); the text is kept without it',
      'html-language info chapters/two.html:7:57 lang="french" is not a language tag (BCP 47: `fr`, `pt-BR`, `sr-Latn`); the text is kept without it',
      'html-language info chapters/two.html:7:82 dir="down" is not a direction (`ltr`, `rtl` or `auto`); the text is kept without it',
    ])
  })

  it('on the page itself too', () => {
    const { messages } = read(page('<p>Text.</p>', ' lang="english"'))
    expect(messages).toEqual([
      'html-language info chapters/two.html:2:1 lang="english" is not a language tag (BCP 47: `fr`, `pt-BR`, `sr-Latn`); the text is kept without it',
    ])
  })

  it('says nothing of good tags, an empty lang, or dir="auto"', () => {
    expect(
      read(
        page(
          '<p><span lang="pt-BR">sim</span> <span lang="">?</span> <span dir="auto">x</span> <span xml:lang="de">ja</span></p>',
        ),
      ).messages,
    ).toEqual([])
    expect(languageProblems([])).toEqual([])
  })
})
