/**
 * What the reader takes from an EPUB's text and package as a lenient reader would: a chapter
 * title styled as a first paragraph repeating the contents label (printed once), an illustration
 * wrapped in SVG (`<svg><image xlink:href>`, a figure), a description's HTML with every character
 * reference decoded, and calibre's "Unknown" sort name (`opf:file-as`, EPUB 3's `file-as`) left off
 * its authors.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { toText } from '../../src/model/walk.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { png } from '../epub/helpers.js'
import { ncxDocument, packagedEpub, xhtml } from './helpers.js'

function read(bytes: Uint8Array) {
  const file = new SourceFile('book.epub')
  const result = readEpub(bytes, file, { language: 'en' })
  return { ...result, messages: file.messages.map((m) => `${m.code}: ${m.message}`) }
}

const chapter = { href: 'ch1.xhtml', content: xhtml('<h1>Chapter 1</h1><p>Text.</p>') }

describe('a title styled as a paragraph', () => {
  const styled = (n: number, title: string) =>
    xhtml(`<p class="chaptitle">Chapter ${n}: ${title}</p><p class="para">The text of chapter ${n}.</p>`)

  it('the first paragraph repeating the NCX label is the title, printed once', () => {
    const { children } = read(
      packagedEpub(
        [
          {
            href: 'toc.ncx',
            spine: false,
            content: ncxDocument([
              ['part0001.xhtml', 'Chapter 1: Down the Rabbit-Hole'],
              ['part0002.xhtml', 'Chapter 2: The Pool of Tears'],
            ]),
          },
          { href: 'part0001.xhtml', content: styled(1, 'Down the Rabbit-Hole') },
          { href: 'part0002.xhtml', content: styled(2, 'The Pool of Tears') },
        ],
        { version: '2.0' },
      ),
    )
    expect(
      children.map((c) =>
        c.type === 'chapter' ? [c.number, toText(c.title), c.children.map((b) => b.type)] : [],
      ),
    ).toEqual([
      [1, 'Down the Rabbit-Hole', ['paragraph']],
      [2, 'The Pool of Tears', ['paragraph']],
    ])
  })

  it('the same, the document titled by its `<title>` too', () => {
    const page = styled(1, 'Down the Rabbit-Hole').replace(
      '<title>x</title>',
      '<title>Chapter 1: Down the Rabbit-Hole</title>',
    )
    const { children } = read(
      packagedEpub(
        [
          {
            href: 'toc.ncx',
            spine: false,
            content: ncxDocument([['part0001.xhtml', 'Chapter 1: Down the Rabbit-Hole']]),
          },
          { href: 'part0001.xhtml', content: page },
        ],
        { version: '2.0' },
      ),
    )
    const only = children[0]!
    expect(only.type === 'chapter' && only.children.length).toBe(1)
    expect(only.type === 'chapter' && toText(only.title)).toBe('Down the Rabbit-Hole')
  })

  it('a first paragraph saying something else stays', () => {
    const { children } = read(
      packagedEpub(
        [
          {
            href: 'toc.ncx',
            spine: false,
            content: ncxDocument([['part0001.xhtml', 'Down the Rabbit-Hole']]),
          },
          { href: 'part0001.xhtml', content: xhtml('<p>Alice was tired.</p><p>So she was.</p>') },
        ],
        { version: '2.0' },
      ),
    )
    const only = children[0]!
    expect(only.type === 'chapter' && only.children.length).toBe(2)
  })
})

describe('an illustration wrapped in SVG', () => {
  it('is a figure of the picture, not a dropped <svg>', async () => {
    const { children, resources, messages } = read(
      packagedEpub([
        { href: 'images/inline.png', content: await png(20, 15) },
        {
          href: 'text/ch1.xhtml',
          content: xhtml(
            '<h1>Chapter 1</h1><p>Before.</p><div><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 150"><title>A map</title><image width="200" height="150" xlink:href="../images/inline.png"/></svg></div><p>After.</p>',
          ),
        },
      ]),
    )
    const first = children[0]!
    const figure = first.type === 'chapter' ? first.children.find((b) => b.type === 'figure') : undefined
    expect(figure?.type === 'figure' && figure.image).toMatchObject({
      url: 'book.epub/OEBPS/images/inline.png',
      alt: 'A map',
    })
    expect(Object.keys(resources ?? {})).toContain('book.epub/OEBPS/images/inline.png')
    expect(messages.some((m) => m.includes('Dropped <svg>'))).toBe(false)
  })

  it('a drawing (shapes, text) is still dropped', () => {
    const { messages } = read(
      packagedEpub([
        {
          href: 'ch1.xhtml',
          content: xhtml(
            '<h1>Chapter 1</h1><p>Before.</p><svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/><text>Hi</text></svg>',
          ),
        },
      ]),
    )
    expect(messages.some((m) => m.includes('Dropped <svg>'))).toBe(true)
  })
})

describe('package metadata', () => {
  const calibre = '<meta name="calibre:timestamp" content="2024-01-01T00:00:00+00:00"/>'

  it('a description with character references (`&#8217;`, `&rsquo;`, `&nbsp;`) is decoded', () => {
    const { metadata } = read(
      packagedEpub([chapter], {
        metadata: `<dc:description>&lt;div&gt;&lt;p&gt;It&amp;#8217;s a &lt;i&gt;tale&lt;/i&gt; &amp;mdash; of two &amp;amp; more.&lt;/p&gt;&lt;br/&gt;&lt;p&gt;Line&amp;nbsp;two &amp;rsquo;&amp;hellip;&lt;/p&gt;&lt;/div&gt;</dc:description>`,
      }),
    )
    expect(metadata?.description).toBe('It\u2019s a tale \u2014 of two & more.\n\nLine two \u2019\u2026')
  })

  it('a plain-text description with references is decoded as well', () => {
    const { metadata } = read(
      packagedEpub([chapter], {
        metadata: '<dc:description>It&amp;#8217;s here.\nA second line, Tom &amp; Jerry.</dc:description>',
      }),
    )
    expect(metadata?.description).toMatch(/^It\u2019s here\.\s+A second line, Tom & Jerry\.$/)
  })

  it('calibre\'s "Unknown" sort name (EPUB 2 `opf:file-as`) is left off every author', () => {
    const { metadata } = read(
      packagedEpub([chapter], {
        version: '2.0',
        metadata: `<dc:creator opf:file-as="Unknown" opf:role="aut">Smith, John</dc:creator><dc:creator opf:file-as="Unknown" opf:role="aut">Mary O'Brien</dc:creator>${calibre}`,
      }),
    )
    expect(metadata?.authors).toEqual([{ name: 'Smith, John' }, { name: "Mary O'Brien" }])
  })

  it('several people in one creator are each an author, their placeholder left out', () => {
    const { metadata } = read(
      packagedEpub([chapter], {
        version: '2.0',
        metadata: `<dc:creator opf:file-as="Roe, Jane" opf:role="aut">Jane Roe; John Doe</dc:creator><dc:creator opf:role="trl">Ann Smith;Unknown</dc:creator><dc:creator opf:role="aut">Unknown; Bo Li</dc:creator>${calibre}`,
      }),
    )
    expect(metadata?.authors).toEqual([{ name: 'Jane Roe' }, { name: 'John Doe' }, { name: 'Bo Li' }])
    expect(metadata?.contributors?.map((c) => c.name)).toEqual(['Ann Smith', 'Unknown'])
  })

  it('and its EPUB 3 `file-as` refinement', () => {
    const { metadata } = read(
      packagedEpub([chapter], {
        metadata: `<dc:creator id="a1">Ann Smith</dc:creator><meta refines="#a1" property="file-as">Unknown</meta><dc:creator id="a2">Bob Jones</dc:creator><meta refines="#a2" property="file-as">Jones, Bob</meta><meta property="calibre:timestamp">2024-01-01</meta>`,
      }),
    )
    expect(metadata?.authors).toEqual([{ name: 'Ann Smith' }, { name: 'Bob Jones', fileAs: 'Jones, Bob' }])
  })

  it('"Unknown" as a sort name in a package calibre did not write is kept', () => {
    const { metadata } = read(
      packagedEpub([chapter], {
        version: '2.0',
        metadata: '<dc:creator opf:file-as="Unknown" opf:role="aut">Ann Smith</dc:creator>',
      }),
    )
    expect(metadata?.authors).toEqual([{ name: 'Ann Smith', fileAs: 'Unknown' }])
  })
})
