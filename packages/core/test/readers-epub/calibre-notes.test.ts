/**
 * calibre's notes and contents pages: a Word conversion's `<dl class="footnote">` notes, an FB2
 * conversion's `<h1 id="n1">1</h1><div>text</div>` notes (each joins the chapter citing it, the
 * notes files are no chapters), and its inline contents page, a list of links into the book,
 * left out as the generated contents page it is.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Node } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { packagedEpub, xhtml } from './helpers.js'

function read(bytes: Uint8Array) {
  const file = new SourceFile('book.epub')
  const { children } = readEpub(bytes, file, { language: 'en' })
  return {
    chapters: children.map((c) => {
      const refs: string[] = []
      const defs: string[] = []
      visit(c as Node, (n) => {
        if (n.type === 'footnoteReference') refs.push(n.identifier)
        if (n.type === 'footnoteDefinition') {
          defs.push(toText(n.children as never).trim())
          return false
        }
        return undefined
      })
      const title = c.type === 'chapter' ? toText(c.title ?? []) : ''
      const label = c.type === 'chapter' && c.label ? `${c.label} ${c.numeral ?? c.number}` : ''
      return { title: title || label, refs: refs.length, defs }
    }),
    messages: file.messages.map((m) => `${m.code}: ${m.message}`),
  }
}

describe("calibre's notes", () => {
  it('joins Word notes kept as <dl class="footnote">, the back-link and its brackets dropped', () => {
    const { chapters, messages } = read(
      packagedEpub([
        {
          href: 'ch1.xhtml',
          content: xhtml(
            '<h1>One</h1><p>Body text cites.<sup><a id="back_note_1" href="notes.xhtml#note_1" class="noteref">1</a></sup> More.</p><p>And again.<sup><a id="back_note_2" href="notes.xhtml#note_2" class="noteref">2</a></sup></p>',
          ),
        },
        {
          href: 'notes.xhtml',
          content: xhtml(
            '<dl id="note_1" class="footnote"><dt>[<a href="ch1.xhtml#back_note_1">←1</a>]</dt><dd><p>First note.</p></dd></dl><dl id="note_2" class="footnote"><dt>[<a href="ch1.xhtml#back_note_2">←2</a>]</dt><dd><p>Second <i>note</i>.</p></dd></dl>',
          ),
        },
      ]),
    )
    expect(chapters).toEqual([{ title: 'One', refs: 2, defs: ['First note.', 'Second note.'] }])
    expect(messages.some((m) => m.startsWith('epub-input-notes-page'))).toBe(true)
  })

  it('joins FB2 notes kept as a number heading and the text after it, one file or several', () => {
    const chapter = xhtml(
      '<h1>Chapter One</h1><p>Dark night.<a href="notes.xhtml#n1"><sup>[1]</sup></a> Rain.<a href="n2.xhtml#n2"><sup>[2]</sup></a></p>',
    )
    const { chapters } = read(
      packagedEpub([
        { href: 'ch1.xhtml', content: chapter },
        {
          href: 'notes.xhtml',
          content: xhtml(
            '<h1 id="n1"><a id="TOC_id6"></a>1 <br/></h1><div>A footnote with <em>italic</em>.</div><p>More of it.</p>',
          ),
        },
        { href: 'n2.xhtml', content: xhtml('<h1 id="n2">2</h1><div>The second.</div>') },
      ]),
    )
    expect(chapters).toEqual([
      { title: 'Chapter One', refs: 2, defs: ['A footnote with italic.More of it.', 'The second.'] },
    ])
  })

  it('keeps a heading that is a chapter’s, not a note’s number, as a chapter', () => {
    const { chapters } = read(
      packagedEpub([
        { href: 'ch1.xhtml', content: xhtml('<h1>One</h1><p>See <a href="ch2.xhtml#c2">the next</a>.</p>') },
        { href: 'ch2.xhtml', content: xhtml('<h1 id="c2">The Second Chapter</h1><p>Its text.</p>') },
      ]),
    )
    expect(chapters.map((c) => c.title)).toEqual(['One', 'The Second Chapter'])
  })
})

describe("calibre's inline contents page", () => {
  it('leaves out a page that is only a list of links into the book', () => {
    const toc = xhtml(
      '<ul><li><a href="#TOC_id1">The Book</a><ul><li><a href="ch1.xhtml#TOC_id2">Chapter One</a></li><li><a href="ch2.xhtml">Chapter Two</a></li></ul></li></ul><hr/>',
    )
    const { chapters, messages } = read(
      packagedEpub([
        { href: 'index_split_000.xhtml', content: toc },
        { href: 'ch1.xhtml', content: xhtml('<h1 id="TOC_id2">Chapter One</h1><p>Text.</p>') },
        { href: 'ch2.xhtml', content: xhtml('<h1>Chapter Two</h1><p>Text.</p>') },
      ]),
    )
    expect(chapters.map((c) => c.title)).toEqual(['Chapter One', 'Chapter Two'])
    expect(messages).toContain(
      'epub-input-generated-page: book.epub: left out "OEBPS/index_split_000.xhtml", the contents page (a list of links into the book)',
    )
  })

  it('keeps a chapter that has words of its own beside its links', () => {
    const page = xhtml(
      '<h1>Further Reading</h1><p>Some words of mine.</p><ul><li><a href="ch2.xhtml">One</a></li><li><a href="ch2.xhtml#x">Two</a></li></ul>',
    )
    const { chapters } = read(
      packagedEpub([
        { href: 'ch1.xhtml', content: page },
        { href: 'ch2.xhtml', content: xhtml('<h1>Two</h1><p>Text.</p>') },
      ]),
    )
    expect(chapters.map((c) => c.title)).toEqual(['Further Reading', 'Two'])
  })
})
