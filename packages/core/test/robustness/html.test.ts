/**
 * Hostile HTML chapters: active content, event handlers, dangerous URLs, remote resources, entity
 * bombs and broken markup. The EPUB must carry the words and none of the hostility, the reader
 * must say what it removed, and nothing may be fetched.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createBook } from '../../src/index.js'
import {
  allDiagnostics,
  allXhtml,
  cleanupTempDirs,
  entryText,
  epubOf,
  epubText,
  expectBookOrDiagnostics,
  loadFolder,
  xmlScan,
} from './helpers.js'

afterAll(cleanupTempDirs)

const meta = { title: 'Hostile', author: 'A' }

const HOSTILE = `<!DOCTYPE html>
<html><head>
<title>Site chrome</title>
<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">
<style>body { background: url(http://127.0.0.1:9/bg.png) }</style>
<script>alert('head')</script>
</head>
<body onload="alert('body')">
<h1>Chapter 1: Hostile</h1>
<p>Safe words one.<script>alert('inline')</script></p>
<p onclick="alert('click')" onmouseover='x()' ONFOCUS=y()>Safe words two.</p>
<p><a href="javascript:alert('link')">bad link</a> and <a href=" JaVaScRiPt:alert(1)">spaced</a>
and <a href="data:text/html,<script>alert(1)</script>">data link</a>
and <a href="vbscript:msgbox(1)">vb</a> and <a href="https://example.org/ok?a=1&amp;b=2">good link</a>.</p>
<p><img src="http://127.0.0.1:9/track.png" alt="remote"> <img src="data:image/png;base64,iVBORw0KGgo=" alt="inline data"></p>
<iframe src="https://example.invalid/"></iframe>
<object data="x.swf"><embed src="y.swf"></object>
<form action="https://example.invalid/steal"><input name="q" value="typed"><button>Send</button></form>
<svg xmlns="http://www.w3.org/2000/svg" onload="alert('svg')"><script>alert('svg-script')</script><a href="javascript:alert(3)"><text>svg text</text></a></svg>
<math><mtext><script>alert('math')</script></mtext></math>
<noscript><p>noscript words</p></noscript>
<template><p>template words</p></template>
<base href="http://127.0.0.1:9/">
<meta http-equiv="refresh" content="0;url=javascript:alert(4)">
<p style="background:url(javascript:alert(5))">Safe words three.</p>
<p>Unclosed <b>bold <i>italic <u>under
<p>Safe words four.
<div><span>Safe words five.
</body></html>`

const FORBIDDEN_ELEMENTS = [
  'script',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'base',
  'meta',
  'noscript',
  'template',
  'frame',
  'frameset',
  'applet',
]

describe('hostile HTML', () => {
  it('the EPUB holds the words and no active content, event handler or dangerous URL', async () => {
    const result = await createBook({ metadata: meta, chapters: [{ html: HOSTILE, file: 'hostile.html' }] })
    expectBookOrDiagnostics(result)
    const epub = await epubOf(result.book!)
    const text = epubText(epub)
    for (const n of ['one', 'two', 'three', 'four', 'five']) expect(text).toContain(`Safe words ${n}.`)
    expect(text).toContain('good link')
    expect(text).not.toMatch(/alert\(/)

    const raw = allXhtml(epub).toLowerCase()
    expect(raw).not.toContain('<script')
    expect(raw).not.toMatch(/\son[a-z]+\s*=/)
    expect(raw).not.toContain('javascript:')
    expect(raw).not.toContain('vbscript:')
    expect(raw).not.toContain('127.0.0.1')

    for (const name of epub.xhtml) {
      const { elements } = xmlScan(entryText(epub.entries, name))
      for (const el of elements) {
        const local = el.name.replace(/^.*:/, '').toLowerCase()
        // The renderer's own <meta charset> in <head> is fine; one from the input is not.
        if (
          local === 'meta' &&
          Object.keys(el.attributes).every((a) => a === 'charset' || a === 'name' || a === 'content') &&
          !el.attributes['http-equiv']
        )
          continue
        expect(FORBIDDEN_ELEMENTS, `${name}: <${el.name}>`).not.toContain(local)
        for (const [attr, value] of Object.entries(el.attributes)) {
          expect(attr.toLowerCase().startsWith('on'), `${name}: <${el.name} ${attr}>`).toBe(false)
          if (
            ['href', 'src', 'xlink:href', 'data', 'action', 'poster', 'srcset'].includes(attr.toLowerCase())
          ) {
            // Links may go to the web; nothing embedded may, and nothing may execute or inline.
            expect(value.trim().toLowerCase(), `${name}: ${attr}=${value}`).not.toMatch(
              /^(javascript|vbscript|data):/,
            )
            if (attr !== 'href' || el.name.replace(/^.*:/, '') !== 'a')
              expect(value, `${name}: ${attr}=${value}`).not.toMatch(/^[a-z]+:/i)
          }
          expect(value.toLowerCase(), `${name}: ${attr}=${value}`).not.toContain('javascript:')
        }
      }
    }
    // The reader said what it removed, on the file, with a line.
    const removed = allDiagnostics(result.book!).filter(
      (d) => d.file === 'hostile.html' && d.level !== 'info',
    )
    expect(removed.length).toBeGreaterThan(0)
    expect(removed.every((d) => typeof d.line === 'number')).toBe(true)
  })

  it('a million &amp; entities decode once, in one pass', async () => {
    const result = await createBook({
      metadata: meta,
      chapters: [{ html: `<h1>Chapter 1</h1><p>${'&amp;'.repeat(1_000_000)}</p>` }],
    })
    expectBookOrDiagnostics(result)
    const epub = await epubOf(result.book!)
    const ampersands = (epubText(epub).match(/&/g) ?? []).length
    expect(ampersands).toBe(1_000_000)
  })

  it('nested entities in text decode exactly one level', async () => {
    const result = await createBook({
      metadata: meta,
      chapters: [
        { html: '<h1>Chapter 1</h1><p>A &amp;amp;amp; B &amp;lt;script&amp;gt; C &#38;#38; D &lt;b&gt;</p>' },
      ],
    })
    expectBookOrDiagnostics(result)
    const epub = await epubOf(result.book!)
    const text = epubText(epub)
    expect(text).toContain('A &amp;amp; B &lt;script&gt; C &#38; D <b>')
    expect(allXhtml(epub)).not.toContain('<script')
  })

  it('an XML billion-laughs DOCTYPE in an .xhtml chapter is not expanded', async () => {
    const entities = ['<!ENTITY lol "lol">']
    for (let i = 1; i <= 9; i++)
      entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`)
    const xhtml = `<?xml version="1.0"?>\n<!DOCTYPE html [\n${entities.join('\n')}\n]>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Chapter 1</h1><p>Before &lol9; after.</p></body></html>`
    const { result } = await loadFolder({ 'bomb.xhtml': xhtml })
    expectBookOrDiagnostics(result)
    expect(result.book).toBeDefined()
    const epub = await epubOf(result.book!)
    expect(epubText(epub)).toContain('Before')
    expect(epubText(epub).length).toBeLessThan(100_000)
  })

  it('unclosed and misnested tags give a well-formed book with every word', async () => {
    const html =
      '<h1>Chapter 1<p>Para <b>one <i>two</b> three</i> four<p>Five <table><tr><td>six<td>seven</table> eight<ul><li>nine<li>ten</ul><blockquote>eleven'
    const result = await createBook({ metadata: meta, chapters: [{ html }] })
    expectBookOrDiagnostics(result)
    const text = epubText(await epubOf(result.book!))
    for (const w of ['one', 'two', 'three', 'four', 'Five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'])
      expect(text).toContain(w)
  })
})
