/**
 * Covers an EPUB names in the ways the package does not read first: `<meta name="cover">` giving
 * the image's path instead of its manifest id, a cover known only from the EPUB 2 guide's cover
 * page (the page left out, the picture it shows adopted), and a cover page showing the cover
 * image with a line or two of text (its title and author), which is the cover page, not a chapter.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { png } from '../epub/helpers.js'
import { packagedEpub, xhtml } from './helpers.js'

function read(bytes: Uint8Array) {
  const file = new SourceFile('book.epub')
  const result = readEpub(bytes, file, { language: 'en' })
  return {
    cover: result.metadata?.cover,
    resources: Object.keys(result.resources ?? {}),
    chapters: result.children.length,
    messages: file.messages.map((m) => `${m.code}: ${m.message}`),
  }
}

const chapter = { href: 'text/ch1.xhtml', content: xhtml('<h1>Chapter One</h1><p>Text of chapter one.</p>') }

describe('covers', () => {
  it('`<meta name="cover">` giving the image\'s path, not its manifest id', async () => {
    const got = read(
      packagedEpub([{ href: 'images/cover.png', content: await png(16, 24) }, chapter], {
        version: '2.0',
        metadata: '<meta name="cover" content="images/cover.png"/>',
      }),
    )
    expect(got.cover).toBe('book.epub/OEBPS/images/cover.png')
    expect(got.resources).toContain('book.epub/OEBPS/images/cover.png')
  })

  it('a path in `<meta name="cover">` naming no image of the manifest is no cover', () => {
    const got = read(
      packagedEpub([chapter], { version: '2.0', metadata: '<meta name="cover" content="nothing.png"/>' }),
    )
    expect(got.cover).toBeUndefined()
  })

  it("only the guide's cover page: the page left out, the image it shows the cover", async () => {
    const got = read(
      packagedEpub(
        [
          { href: 'images/cover.png', content: await png(16, 24) },
          {
            href: 'text/wrap.xhtml',
            content: xhtml('<div><img src="../images/cover.png" alt="Cover"/></div>'),
          },
          chapter,
        ],
        { version: '2.0', guide: '<reference type="cover" title="Cover" href="text/wrap.xhtml"/>' },
      ),
    )
    expect(got.cover).toBe('book.epub/OEBPS/images/cover.png')
    expect(got.chapters).toBe(1)
    expect(got.messages).toContain(
      'epub-input-generated-page: book.epub: left out "OEBPS/text/wrap.xhtml", the cover page',
    )
  })

  it("the guide's cover page out of the spine, its picture drawn in SVG", async () => {
    const got = read(
      packagedEpub(
        [
          { href: 'images/cover.png', content: await png(16, 24) },
          {
            href: 'text/wrap.xhtml',
            spine: false,
            content: xhtml(
              '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 16 24"><image width="16" height="24" xlink:href="../images/cover.png"/></svg>',
            ),
          },
          chapter,
        ],
        { version: '2.0', guide: '<reference type="cover" title="Cover" href="text/wrap.xhtml"/>' },
      ),
    )
    expect(got.cover).toBe('book.epub/OEBPS/images/cover.png')
  })

  it('a page showing the cover image with its title and author is the cover page, not Chapter 1', async () => {
    const got = read(
      packagedEpub([
        { href: 'images/cover.png', content: await png(16, 24), properties: 'cover-image' },
        {
          href: 'text/p0001.xhtml',
          content: xhtml(
            '<div class="cover"><img src="../images/cover.png" alt="Cover"/><p>Cover Test</p><p>A. Writer</p></div>',
          ),
        },
        chapter,
      ]),
    )
    expect(got.chapters).toBe(1)
    expect(got.cover).toBe('book.epub/OEBPS/images/cover.png')
    expect(got.messages).toContain(
      'epub-input-generated-page: book.epub: left out "OEBPS/text/p0001.xhtml", the cover page (the cover image and its title)',
    )
  })

  it('the cover image opening a chapter of real text keeps the chapter', async () => {
    const text = 'It was a long, long day, and the rain did not stop. '.repeat(10)
    const got = read(
      packagedEpub([
        { href: 'images/cover.png', content: await png(16, 24), properties: 'cover-image' },
        {
          href: 'text/p0001.xhtml',
          content: xhtml(`<img src="../images/cover.png" alt="Cover"/><p>${text}</p>`),
        },
        chapter,
      ]),
    )
    expect(got.chapters).toBe(2)
  })

  it('a page with the cover and another picture is not the cover page', async () => {
    const got = read(
      packagedEpub([
        { href: 'images/cover.png', content: await png(16, 24), properties: 'cover-image' },
        { href: 'images/map.png', content: await png(16, 24) },
        {
          href: 'text/p0001.xhtml',
          content: xhtml(
            '<img src="../images/cover.png" alt="Cover"/><p>The map.</p><img src="../images/map.png" alt="Map"/>',
          ),
        },
        chapter,
      ]),
    )
    expect(got.chapters).toBe(2)
  })
})
