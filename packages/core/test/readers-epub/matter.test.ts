/**
 * Front and back matter an EPUB marks as such: the EPUB 2 guide's types, EPUB 3's `epub:type`
 * (on the body or the section wrapping the page) and `doc-` roles, and chapters whose heading
 * names them ("Dedication", "About the Author"): front matter before the first chapter, back
 * matter after the last, never numbered. The source's copyright page is left out, with an info:
 * Octavo writes its own from the metadata.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { toText } from '../../src/model/walk.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { packagedEpub, xhtml } from './helpers.js'

function read(bytes: Uint8Array) {
  const file = new SourceFile('book.epub')
  const { children } = readEpub(bytes, file, { language: 'en' })
  return {
    matter: children.map((c) =>
      c.type === 'chapter' ? `${c.matter}:${toText(c.title ?? []) || c.label || c.kind}` : 'part',
    ),
    messages: file.messages.map((m) => `${m.code}: ${m.message}`),
  }
}

const typed = (bodyType: string, sectionType: string, inner: string) =>
  xhtml(`<section epub:type="${sectionType}">${inner}</section>`).replace(
    '<body>',
    `<body epub:type="${bodyType}">`,
  )

describe('front and back matter', () => {
  it('by the EPUB 2 guide, the copyright page left out', () => {
    const { matter, messages } = read(
      packagedEpub(
        [
          { href: 'copy.xhtml', content: xhtml('<p>Copyright © 2024 Some Publisher.</p>') },
          { href: 'ded.xhtml', content: xhtml('<div class="dedication"><p><i>For my sister.</i></p></div>') },
          {
            href: 'epi.xhtml',
            content: xhtml('<blockquote class="epigraph"><p>All in the golden afternoon</p></blockquote>'),
          },
          { href: 'ch1.xhtml', content: xhtml('<h1>Down the Rabbit-Hole</h1><p>Text.</p>') },
          { href: 'ch2.xhtml', content: xhtml('<h1>The Pool of Tears</h1><p>Text.</p>') },
          { href: 'about.xhtml', content: xhtml('<h1>About the Author</h1><p>A mathematician.</p>') },
        ],
        {
          version: '2.0',
          guide:
            '<reference type="copyright-page" title="Copyright" href="copy.xhtml"/><reference type="dedication" title="Dedication" href="ded.xhtml"/><reference type="epigraph" title="Epigraph" href="epi.xhtml"/>',
        },
      ),
    )
    expect(matter).toEqual([
      'front:chapter',
      'front:chapter',
      'body:Down the Rabbit-Hole',
      'body:The Pool of Tears',
      'back:About the Author',
    ])
    expect(messages).toContain(
      'epub-input-generated-page: book.epub: left out "OEBPS/copy.xhtml", the copyright page',
    )
  })

  it('by epub:type on the body or its section, and by doc- roles', () => {
    const { matter } = read(
      packagedEpub([
        { href: 'ded.xhtml', content: typed('frontmatter', 'dedication', '<p>For Alice.</p>') },
        {
          href: 'fwd.xhtml',
          content: xhtml('<section role="doc-foreword"><h2>A Word First</h2><p>Briefly.</p></section>'),
        },
        {
          href: 'ch1.xhtml',
          content: typed('bodymatter', 'chapter', '<h2>Down the Rabbit-Hole</h2><p>Text.</p>'),
        },
        {
          href: 'ch2.xhtml',
          content: typed('bodymatter', 'chapter', '<h2>The Pool of Tears</h2><p>Text.</p>'),
        },
        {
          href: 'ack.xhtml',
          content: typed('backmatter', 'acknowledgments', '<h2>Thanks</h2><p>To all.</p>'),
        },
        {
          href: 'app.xhtml',
          content: typed('backmatter', 'appendix', '<h2>Appendix A: Verses</h2><p>Twinkle.</p>'),
        },
      ]),
    )
    expect(matter).toEqual([
      'front:chapter',
      'front:A Word First',
      'body:Down the Rabbit-Hole',
      'body:The Pool of Tears',
      'back:Thanks',
      'back:Verses',
    ])
  })

  it('keeps a typed page between chapters in the body, so the reading order stays front, body, back', () => {
    const { matter } = read(
      packagedEpub([
        { href: 'ch1.xhtml', content: xhtml('<h1>One</h1><p>Text.</p>') },
        { href: 'ep.xhtml', content: typed('bodymatter', 'epigraph', '<p>A verse.</p>') },
        { href: 'ch2.xhtml', content: xhtml('<h1>Two</h1><p>Text.</p>') },
      ]),
    )
    expect(matter).toEqual(['body:One', 'body:chapter', 'body:Two'])
  })
})
