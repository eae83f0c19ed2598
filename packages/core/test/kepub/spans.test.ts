/**
 * Kobo's spans over an EPUB document: every sentence of the body's text and every picture in a
 * `koboSpan` with a unique `kobo.P.S` id, P a new count at each block, the body wrapped in Kobo's
 * two column divisions, and nothing else changed: without the spans, the same document.
 */
import { describe, expect, test } from 'vitest'
import { koboSpans, sentences } from '../../src/renderers/kepub/spans.js'

const doc = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T. One.</title></head><body epub:type="bodymatter">${body}</body></html>`

/** The document with Kobo's markup taken out again. */
function unspanned(xhtml: string): string {
  return xhtml
    .replace(/<style type="text\/css" id="kobostylehacks">[^<]*<\/style>\n/, '')
    .replace('<div id="book-columns"><div id="book-inner">', '')
    .replace('</div></div></body>', '</body>')
    .replace(/<span class="koboSpan" id="kobo\.\d+\.\d+">|<\/span>/g, '')
}

describe('kepub spans', () => {
  test('sentences keep their closing quotes and the spaces after them', () => {
    expect(sentences('“Stop!” She said it. He stopped… Then?  No.')).toEqual([
      '“Stop!” ',
      'She said it. ',
      'He stopped… ',
      'Then?  ',
      'No.',
    ])
    expect(sentences('No end here')).toEqual(['No end here'])
    expect(sentences('e.g. this')).toEqual(['e.g. this'])
  })

  test('each block counts afresh, each sentence and picture is a span, inline marks split them', () => {
    const out = koboSpans(
      doc(
        '<h1>Chapter <em>One</em></h1>\n<p class="first">He ran. She <em>walked</em> on. </p>\n<figure><img src="a.png" alt="A"/><figcaption>A map.</figcaption></figure>',
      ),
    )
    expect(out).toContain(
      '<body epub:type="bodymatter"><div id="book-columns"><div id="book-inner"><h1><span class="koboSpan" id="kobo.1.1">Chapter </span><em><span class="koboSpan" id="kobo.1.2">One</span></em></h1>',
    )
    expect(out).toContain(
      '<p class="first"><span class="koboSpan" id="kobo.2.1">He ran. </span><span class="koboSpan" id="kobo.2.2">She </span><em><span class="koboSpan" id="kobo.2.3">walked</span></em><span class="koboSpan" id="kobo.2.4"> on. </span></p>',
    )
    expect(out).toContain('<figure><span class="koboSpan" id="kobo.3.1"><img src="a.png" alt="A"/></span>')
    expect(out).toContain('<figcaption><span class="koboSpan" id="kobo.4.1">A map.</span></figcaption>')
    // The head is not the body's: its title has no span.
    expect(out).toContain('<title>T. One.</title>')
    expect(unspanned(out)).toBe(
      doc(
        '<h1>Chapter <em>One</em></h1>\n<p class="first">He ran. She <em>walked</em> on. </p>\n<figure><img src="a.png" alt="A"/><figcaption>A map.</figcaption></figure>',
      ),
    )
  })

  test('ids are unique; spaces between blocks and an SVG drawing are left alone', () => {
    const body =
      '<section>\n  <p>Ay. Be. Ce.</p>\n  <p>D.</p>\n<svg xmlns="http://www.w3.org/2000/svg"><text>Cover. Text.</text><image href="c.png"/></svg></section>'
    const out = koboSpans(doc(body))
    const ids = [...out.matchAll(/id="(kobo\.\d+\.\d+)"/g)].map((m) => m[1])
    expect(ids).toEqual(['kobo.1.1', 'kobo.1.2', 'kobo.1.3', 'kobo.2.1'])
    expect(out).toContain('<text>Cover. Text.</text>')
    expect(out).toContain('</p>\n  <p>')
    expect(unspanned(out)).toBe(doc(body))
  })

  test('a document without a body is returned as it is', () => {
    expect(koboSpans('<html><head/></html>')).toBe('<html><head/></html>')
  })
})

test('the cover page is left as it is: Kobo’s divisions would unsize its picture', () => {
  const cover =
    '<html xmlns="http://www.w3.org/1999/xhtml" class="cover-page"><head><title>Cover</title></head><body><section class="cover"><img src="c.png" alt="Cover"/></section></body></html>'
  expect(koboSpans(cover)).toBe(cover)
})
