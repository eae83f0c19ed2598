/**
 * SVG images and the author's stylesheet are documents, not opaque bytes: an SVG can run
 * scripts and fetch from the network, a stylesheet can import remote sheets and point at files
 * the EPUB does not hold. Both are parsed and rewritten before packaging, with a warning for
 * each kind of removal; the EPUB passes EPUBCheck with no error or warning.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { loadBook, render } from '../../src/book.js'
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
