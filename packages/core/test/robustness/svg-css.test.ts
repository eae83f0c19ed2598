/**
 * SVG images and the author's stylesheet are documents, not opaque bytes: an SVG can run
 * scripts and fetch from the network, a stylesheet can import remote sheets and point at files
 * the EPUB does not hold. Both are parsed and rewritten before packaging, with a warning for
 * each kind of removal; the EPUB passes EPUBCheck with no error or warning.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, describe, expect, it } from 'vitest'
import { loadBook, render } from '../../src/index.js'
import { sanitizeSvg } from '../../src/resources/svg.js'
import {
  allDiagnostics,
  cleanupTempDirs,
  entryText,
  epubcheck,
  hasEpubcheck,
  inspectEpub,
  TINY_PNG,
  tempDir,
  writeTree,
} from './helpers.js'

afterAll(cleanupTempDirs)

const hostileSvg = `<?xml version="1.0"?>
<?xml-stylesheet href="https://example.com/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50" viewBox="0 0 100 50" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(https://example.com/y.css); rect { fill: url(#g) }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>
  <rect id="kept" width="100" height="50" fill="url(#g)" onclick="steal()"/>
  <a xlink:href="javascript:alert(3)"><circle cx="10" cy="10" r="5"/></a>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://example.com/"/></foreignObject>
  <image width="10" height="10" href="https://example.com/track.png"/>
  <image width="10" height="10" xlink:href="../../secret.png"/>
  <use href="other.svg#x"/>
  <text x="5" y="40" style="fill: url(https://example.com/p)">Label &amp; more</text>
  <set attributeName="href" to="javascript:alert(4)"/>
</svg>
`

const bad =
  /<script|onload|onclick|javascript:|foreignObject|iframe|https?:\/\/example|secret\.png|other\.svg|@import|xml-stylesheet|<set\b/i

describe('SVG images', () => {
  it('sanitizeSvg keeps the drawing and lists each kind of removal', () => {
    const out = sanitizeSvg(hostileSvg)
    if (typeof out === 'string') throw new Error(out)
    expect(out.svg).not.toMatch(bad)
    expect(out.svg).toContain('<rect id="kept" width="100" height="50" fill="url(#g)">')
    expect(out.svg).toContain('Label &amp; more')
    expect(out.svg).toContain('<linearGradient id="g">')
    for (const what of ['<script>', 'onload attribute', 'onclick attribute', '<foreignObject>', '<set>'])
      expect(out.removed).toContain(what)
    expect(out.removed).toContain('external reference in <image> (2)')
    expect(out.removed).toContain('external or scripted CSS in a <style> element')
  })

  it('is refused as corrupt when not well-formed, and never expands DTD entities', () => {
    expect(typeof sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toBe('string')
    const lol = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>`
    const out = sanitizeSvg(lol)
    if (typeof out !== 'string') expect(out.svg.length).toBeLessThan(500)
  })

  it('an SVG figure and an SVG cover are packaged clean, with warnings at file and line; EPUBCheck 0/0', async () => {
    const dir = await tempDir()
    await writeTree(dir, {
      'book.yaml': 'title: SVG\nauthor: A\nlanguage: en\ncover: cover.svg\nchapters: [ch.md]\n',
      'ch.md': '# Chapter 1\n\nBefore.\n\n![a diagram](fig.svg)\n\nAfter.\n',
      'fig.svg': hostileSvg,
      'cover.svg': hostileSvg.replace('width="100" height="50"', 'width="1600" height="2560"'),
    })
    const result = await loadBook([dir])
    const epub = await render(result.book!, 'epub')
    const report = inspectEpub(epub)
    expect(report.problems).toEqual([])
    const svgs = Object.keys(report.entries).filter((n) => n.endsWith('.svg'))
    expect(svgs).toHaveLength(2)
    for (const name of svgs) expect(entryText(report.entries, name)).not.toMatch(bad)
    const warnings = allDiagnostics(result.book!).filter((d) => d.code === 'resource-svg-unsafe')
    expect(warnings).toHaveLength(2)
    const fig = warnings.find((d) => d.file === 'ch.md')
    expect(fig?.line).toBe(5)
    expect(fig?.message).toMatch(/fig\.svg.*<script>/)
    if (hasEpubcheck) {
      const check = await epubcheck(epub)
      expect(check.output).toBe('')
      expect(check.ok).toBe(true)
    } else console.warn('EPUBCheck not installed (apt-get install epubcheck): skipped the EPUBCheck half')
  }, 120_000)
})

const require = createRequire(import.meta.url)
const TTF = readFileSync(require.resolve('@expo-google-fonts/literata/400Regular/Literata_400Regular.ttf'))

describe("the author's stylesheet", () => {
  it('is parsed: local files packaged, remote and missing references dropped with a warning each; EPUBCheck 0/0', async () => {
    const dir = await tempDir()
    const main = [
      '@charset "utf-8";',
      '@import url("https://fonts.example.com/css?family=X");',
      '@import "parts/local.css";',
      '@import "print.css" print;',
      '@import "missing.css";',
      '@font-face { font-family: "Book X"; src: url(../fonts/x.ttf) format("truetype"); }',
      '@font-face { font-family: "Remote"; src: url(https://cdn.example.com/y.woff2); }',
      'body { background: url(../images/bg.png) no-repeat; }',
      'h1 { background-image: url("../../outside.png"); color: #333; }',
      'p { background: url(nope.png); margin: 0 }',
      '.a { cursor: url(javascript:alert(1)), auto; }',
      '.b { background: url(//evil.example.com/t.gif); }',
      '',
    ].join('\n')
    await writeTree(dir, {
      'book.yaml': 'title: CSS\nauthor: A\nlanguage: en\nchapters: [ch.md]\nepub:\n  css: styles/main.css\n',
      'ch.md': '# Chapter 1\n\nText.\n',
      'styles/main.css': main,
      'styles/parts/local.css': '.l { background: url(../../images/bg.png); font-style: italic }\n',
      'styles/print.css': '.pr { display: none }\n',
      'images/bg.png': TINY_PNG,
      'fonts/x.ttf': TTF,
    })
    const result = await loadBook([dir])
    const epub = await render(result.book!, 'epub')
    const report = inspectEpub(epub)
    expect(report.problems).toEqual([])
    const css = entryText(report.entries, 'OEBPS/css/book.css')
    const author = css.slice(css.indexOf("Author's stylesheet"))
    expect(author).not.toMatch(
      /https?:|\/\/evil|@import|missing\.css|outside\.png|nope\.png|javascript:|@charset/,
    )
    // The author's formatting is kept; only references change.
    expect(author).toContain('.l { background: url("../images/css-002.png"); font-style: italic }')
    expect(author).toContain('body { background: url("../images/css-002.png") no-repeat; }')
    expect(author).toMatch(/@media print \{\n\/\* print\.css \*\/\n\.pr \{ display: none \}/)
    expect(author).toContain(
      '@font-face { font-family: "Book X"; src: url("../fonts/css-001.ttf") format("truetype"); }',
    )
    // The rule whose only url declaration went keeps its other declarations.
    expect(author).toMatch(/h1 \{\s+color: #333; \}/)
    expect(Object.keys(report.entries)).toEqual(
      expect.arrayContaining(['OEBPS/images/css-002.png', 'OEBPS/fonts/css-001.ttf']),
    )
    const all = allDiagnostics(result.book!).filter((d) => d.file?.startsWith('styles/'))
    const at = (code: string, line: number) =>
      expect(
        all.some((d) => d.code === code && d.file === 'styles/main.css' && d.line === line),
        `${code} at line ${line} in ${JSON.stringify(all, null, 1)}`,
      ).toBe(true)
    at('resource-network', 2)
    at('resource-css-dropped', 5)
    at('resource-network', 7)
    at('resource-outside-book', 9)
    at('resource-css-dropped', 10)
    at('resource-css-dropped', 11)
    at('resource-network', 12)
    if (hasEpubcheck) {
      const check = await epubcheck(epub)
      expect(check.output).toBe('')
      expect(check.ok).toBe(true)
    } else console.warn('EPUBCheck not installed (apt-get install epubcheck): skipped the EPUBCheck half')
  }, 120_000)

  it('an @import cycle and a stylesheet that is a FIFO-like folder end in warnings, not a hang', async () => {
    const dir = await tempDir()
    await writeTree(dir, {
      'book.yaml': 'title: CSS\nauthor: A\nchapters: [ch.md]\nepub:\n  css: a.css\n',
      'ch.md': '# Chapter 1\n\nText.\n',
      'a.css': '@import "b.css";\n.a { color: red }\n',
      'b.css': '@import "a.css";\n@import "dir";\n.b { color: blue }\n',
      'dir/x': 'x',
    })
    const result = await loadBook([dir])
    const epub = await render(result.book!, 'epub')
    const css = entryText(inspectEpub(epub).entries, 'OEBPS/css/book.css')
    expect(css).toContain('.b { color: blue }')
    expect(css).toContain('.a { color: red }')
    const all = allDiagnostics(result.book!)
    expect(all.some((d) => d.file === 'b.css' && d.line === 1 && /imports itself/.test(d.message))).toBe(true)
    expect(all.some((d) => d.file === 'b.css' && d.code === 'resource-not-file')).toBe(true)
  })
})
