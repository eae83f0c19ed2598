/**
 * The language of parts in HTML: `lang`, `xml:lang` and `dir` on an inline element make a span
 * inside its marks; on a block they reach every paragraph under it. Only what differs from the
 * language around it is marked (never a region alone, never a stretch without a letter), against
 * the page's own `<html>`/`<body>` language, else the book's.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter } from '../../src/model/types.js'
import { htmlReader } from '../../src/readers/html.js'

function read(html: string, language = 'en', keepPositions = false) {
  const file = new SourceFile('chapters/one.html')
  const result = htmlReader.read(html, file, { language })
  const blocks = (result.children[0] as Chapter).children
  return {
    blocks: JSON.parse(
      JSON.stringify(blocks, (k, v) => (k === 'position' && !keepPositions ? undefined : v)),
    ) as BlockContent[],
    messages: file.messages,
  }
}

/** A page around `body`, its `<html>` attributes `attrs`. */
const page = (body: string, attrs = '') =>
  `<!DOCTYPE html><html${attrs}><head><title>t</title></head><body><h1>Chapter 1</h1>${body}</body></html>`

const t = (value: string) => ({ type: 'text', value })
const span = (attributes: { lang?: string; dir?: string }, ...children: unknown[]) => ({
  type: 'span',
  ...attributes,
  children,
})
const p = (...children: unknown[]) => ({ type: 'paragraph', children })

describe('HTML reader: the language of parts', () => {
  it('gives an inline element in another language a span inside its marks', () => {
    const { blocks } = read(
      page(
        '<p>He said <i lang="la">Carpe diem</i>, <span lang="fr">bonjour</span>, <b lang="de">Achtung</b>, ' +
          '<cite lang="it">Inferno</cite>, <q lang="fr">adieu</q> and <a href="https://example.com" lang="es">hola</a>.</p>',
      ),
    )
    expect(blocks).toEqual([
      p(
        t('He said '),
        { type: 'emphasis', children: [span({ lang: 'la' }, t('Carpe diem'))] },
        t(', '),
        span({ lang: 'fr' }, t('bonjour')),
        t(', '),
        { type: 'strong', children: [span({ lang: 'de' }, t('Achtung'))] },
        t(', '),
        { type: 'emphasis', children: [span({ lang: 'it' }, t('Inferno'))] },
        // The quotation marks are the book's; only the words quoted are French.
        t(', "'),
        span({ lang: 'fr' }, t('adieu')),
        t('" and '),
        { type: 'link', url: 'https://example.com', children: [span({ lang: 'es' }, t('hola'))] },
        t('.'),
      ),
    ])
  })

  it('gives every paragraph under a block its language, the nearest declaration winning', () => {
    const { blocks } = read(
      page(
        '<div lang="fr"><p>Bonjour <b lang="en">hello</b>.</p><blockquote><p>Encore.</p></blockquote>' +
          '<ul><li>Un</li><li lang="es">Dos</li></ul><p lang="en">Back in English.</p></div><p>After.</p>',
      ),
    )
    expect(blocks).toEqual([
      {
        ...p(t('Bonjour '), { type: 'strong', children: [span({ lang: 'en' }, t('hello'))] }, t('.')),
        lang: 'fr',
      },
      { type: 'blockquote', children: [{ ...p(t('Encore.')), lang: 'fr' }] },
      {
        type: 'list',
        ordered: false,
        children: [
          { type: 'listItem', children: [{ ...p(t('Un')), lang: 'fr' }] },
          { type: 'listItem', children: [{ ...p(t('Dos')), lang: 'es' }] },
        ],
      },
      p(t('Back in English.')),
      p(t('After.')),
    ])
  })

  it('marks a heading, a table cell and a caption by a span, as they hold no paragraph', () => {
    const { blocks } = read(
      page(
        '<h2 lang="fr">Le départ</h2><table><caption lang="de">Tabelle</caption><tr><th>Word</th><th lang="fr">Mot</th></tr>' +
          '<tr><td>one</td><td lang="fr">un</td></tr></table>',
      ),
    )
    expect(blocks[0]).toEqual({ type: 'heading', depth: 2, children: [span({ lang: 'fr' }, t('Le départ'))] })
    const table = blocks[1] as Extract<BlockContent, { type: 'table' }>
    expect(table.caption).toEqual([span({ lang: 'de' }, t('Tabelle'))])
    expect(table.children[1]!.children.map((cell) => cell.children)).toEqual([
      [t('one')],
      [span({ lang: 'fr' }, t('un'))],
    ])
  })

  it('marks nothing in the language around it: a region alone, or the document language repeated', () => {
    const { blocks } = read(
      page(
        '<p lang="en">All <span lang="en-GB">colour</span> and <span xml:lang="en" lang="en">rain</span>.</p>',
        ' lang="en-US"',
      ),
    )
    expect(blocks).toEqual([p(t('All colour and rain.'))])
  })

  it("reads the page's <html> and <body> language as the document's, over the book's", () => {
    // A French page in a book said to be English: French is no part, English is.
    const french = read(
      page('<p>Il dit <span lang="fr">oui</span> et <i lang="en">yes</i>.</p>', ' lang="fr"'),
    )
    expect(french.blocks).toEqual([
      p(t('Il dit oui et '), { type: 'emphasis', children: [span({ lang: 'en' }, t('yes'))] }, t('.')),
    ])
    // Word's web pages: the proofing language on <body>, the runs' own on spans.
    const word = read(
      '<html><body lang=EN-GB><h1>Chapter 1</h1><p class=MsoNormal><span lang=EN-US>Plain</span> and <span lang=FR>oui</span>.</p></body></html>',
      'fr',
    )
    expect(word.blocks).toEqual([p(t('Plain and '), span({ lang: 'fr' }, t('oui')), t('.'))])
    // Without either, the book's language is the document's.
    expect(read(page('<p>Un <span lang="fr">mot</span>.</p>'), 'fr').blocks).toEqual([p(t('Un mot.'))])
  })

  it('makes no span of a stretch without a letter, and ignores what is no language or direction', () => {
    const { blocks } = read(
      page(
        '<p>In <span lang="fr"> 1984 </span>, <span lang="de">—</span>; <span lang="english">bad</span>, ' +
          '<span lang="">unknown</span>, <span dir="auto">auto</span>, <span lang="fr_CA">québécois</span>.</p>',
      ),
    )
    expect(blocks).toEqual([
      p(t('In 1984 , —; bad, unknown, auto, '), span({ lang: 'fr-CA' }, t('québécois')), t('.')),
    ])
  })

  it('marks a direction only where it differs from the one around it', () => {
    const { blocks } = read(
      page(
        '<p dir="rtl" lang="he">שלום <span dir="rtl">עולם</span> <span dir="ltr">OK</span></p><p>A <bdo dir="rtl">mirror</bdo>.</p>',
      ),
    )
    expect(blocks).toEqual([
      { ...p(t('שלום עולם '), span({ dir: 'ltr' }, t('OK'))), lang: 'he', dir: 'rtl' },
      p(t('A '), span({ dir: 'rtl' }, t('mirror')), t('.')),
    ])
    // A right-to-left document: its own direction is no part.
    expect(read(page('<p>שלום <span dir="rtl">עולם</span></p>', ' lang="he" dir="rtl"')).blocks).toEqual([
      p(t('שלום עולם')),
    ])
  })

  it('sets a paragraph held whole by one span in its language', () => {
    const { blocks } = read(
      page(
        '<p><span lang="fr">Tout le paragraphe.</span></p><p><i><span lang="la">Ora et labora.</span></i></p>',
      ),
    )
    expect(blocks).toEqual([
      { ...p(t('Tout le paragraphe.')), lang: 'fr' },
      { ...p({ type: 'emphasis', children: [t('Ora et labora.')] }), lang: 'la' },
    ])
  })

  it('reads lang before xml:lang in HTML, xml:lang where lang is missing', () => {
    const { blocks } = read(
      page('<p><span lang="fr" xml:lang="de">un</span> and <span xml:lang="de">zwei</span>.</p>'),
    )
    expect(blocks).toEqual([
      p(span({ lang: 'fr' }, t('un')), t(' and '), span({ lang: 'de' }, t('zwei')), t('.')),
    ])
  })

  it("keeps the element's place on its span", () => {
    const { blocks } = read('<p>A <i lang="la">b</i></p>', 'en', true)
    const emphasis = (blocks[0] as { children: Array<{ children: Array<{ position: unknown }> }> })
      .children[1]!
    expect(emphasis.children[0]!.position).toEqual({
      start: { line: 1, column: 6, offset: 5 },
      end: { line: 1, column: 24, offset: 23 },
    })
  })
})
