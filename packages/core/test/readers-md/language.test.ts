/**
 * The language of parts in Markdown, pandoc's way: `[mot]{lang=fr}`, `{dir=rtl}` and both with
 * classes (`{.smallcaps lang=fr}`), `::: {lang=fr}` around paragraphs, and raw HTML's `lang` and
 * `dir` (`<span lang="fr">`, a `<div lang="fr">` around Markdown). Only what differs from the
 * language around it is marked; a value that is no language tag or direction is reported and
 * dropped, its text kept.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { parseFast } from '../../src/readers/markdown/fast-blocks.js'
import { markdownReader } from '../../src/readers/markdown.js'

function read(source: string, language = 'en', keepPositions = false) {
  const file = new SourceFile('chapters/l.md')
  const result = markdownReader.read(`# One\n\n${source}\n`, file, { language })
  const blocks = (result.children[0] as Chapter).children
  return {
    blocks: JSON.parse(
      JSON.stringify(blocks, (k, v) => (k === 'position' && !keepPositions ? undefined : v)),
    ),
    messages: file.messages.map((m) => `${m.code} ${m.line}:${m.column} ${m.message}`),
  }
}

const t = (value: string) => ({ type: 'text', value })
const span = (attributes: { lang?: string; dir?: string }, ...children: unknown[]) => ({
  type: 'span',
  ...attributes,
  children,
})
const p = (...children: unknown[]) => ({ type: 'paragraph', children })

describe('Markdown reader: the language of parts', () => {
  it('reads bracketed spans with lang and dir, alone or with classes, marks outside', () => {
    const { blocks, messages } = read(
      'He said [je ne sais quoi]{lang=fr}, [שלום]{lang="he" dir=rtl}, [Roma]{.smallcaps lang=it}, ' +
        '*[carpe diem]{lang=la}* and [right]{dir=rtl}.',
    )
    expect(messages).toEqual([])
    expect(blocks).toEqual([
      p(
        t('He said '),
        span({ lang: 'fr' }, t('je ne sais quoi')),
        t(', '),
        span({ lang: 'he', dir: 'rtl' }, t('שלום')),
        t(', '),
        { type: 'smallCaps', children: [span({ lang: 'it' }, t('Roma'))] },
        t(', '),
        { type: 'emphasis', children: [span({ lang: 'la' }, t('carpe diem'))] },
        t(' and '),
        span({ dir: 'rtl' }, t('right')),
        t('.'),
      ),
    ])
  })

  it('marks only what differs from the language around it', () => {
    const { blocks } = read(
      'A [colour]{lang=en-GB}, [1984]{lang=fr}, and [un [deux]{lang=fr} [three]{lang=en}]{lang=fr}.',
    )
    expect(blocks).toEqual([
      p(
        t('A colour, 1984, and '),
        span({ lang: 'fr' }, t('un deux '), span({ lang: 'en' }, t('three'))),
        t('.'),
      ),
    ])
    // The front matter's language is the file's: French in a French chapter is no part.
    const file = new SourceFile('chapters/fr.md')
    const result = markdownReader.read(
      '---\nlang: fr\n---\n\nIl dit [oui]{lang=fr} et [yes]{lang=en}.\n',
      file,
      {
        language: 'en',
      },
    )
    expect(
      JSON.parse(
        JSON.stringify((result.children[0] as Chapter).children, (k, v) =>
          k === 'position' ? undefined : v,
        ),
      ),
    ).toEqual([p(t('Il dit oui et '), span({ lang: 'en' }, t('yes')), t('.'))])
  })

  it('sets a paragraph held whole by a span in its language', () => {
    expect(read('[Tout le paragraphe.]{lang=fr}').blocks).toEqual([
      { ...p(t('Tout le paragraphe.')), lang: 'fr' },
    ])
  })

  it('reports a lang that is no language tag and a dir that is no direction, keeping the text', () => {
    const { blocks, messages } = read('Bad [word]{lang=english} and [way]{dir=up}, [again]{lang=english}.')
    expect(blocks).toEqual([p(t('Bad word and way, again.'))])
    expect(messages).toEqual([
      'md-language 3:5 "lang=english" is not a language tag (BCP 47: `fr`, `pt-BR`, `sr-Latn`); the text is kept without it',
      'md-language 3:30 "dir=up" is not a direction (`ltr` or `rtl`); the text is kept without it',
    ])
  })

  it('leaves braces naming anything else as written', () => {
    expect(read('[a]{.other lang=fr} [b]{#id lang=fr} [c]{lang=fr key=v}').blocks).toEqual([
      p(t('[a]{.other lang=fr} [b]{#id lang=fr} [c]{lang=fr key=v}')),
    ])
  })

  it('gives every paragraph of a fenced div its language, spans inside marked against it', () => {
    const { blocks, messages } = read(
      '::: {lang=fr}\nBonjour [hello]{lang=en} et [oui]{lang=fr}.\n\n> Une citation.\n\n- un\n\n## Titre\n:::\n\n' +
        '::: {lang=he dir=rtl}\nשלום\n:::\n\n::: {.note lang=de}\nEine Notiz.\n:::\n\nAfter.',
    )
    expect(messages).toEqual([])
    expect(blocks).toEqual([
      { ...p(t('Bonjour '), span({ lang: 'en' }, t('hello')), t(' et oui.')), lang: 'fr' },
      { type: 'blockquote', children: [{ ...p(t('Une citation.')), lang: 'fr' }] },
      {
        type: 'list',
        ordered: false,
        children: [{ type: 'listItem', children: [{ ...p(t('un')), lang: 'fr' }] }],
      },
      { type: 'heading', depth: 2, children: [span({ lang: 'fr' }, t('Titre'))] },
      { ...p(t('שלום')), lang: 'he', dir: 'rtl' },
      { type: 'note', placement: 'inline', children: [{ ...p(t('Eine Notiz.')), lang: 'de' }] },
      p(t('After.')),
    ])
  })

  it('reports a fenced div whose lang is no language tag, keeping its paragraphs', () => {
    const { blocks, messages } = read('::: {lang=french}\nTexte.\n:::')
    expect(blocks).toEqual([p(t('Texte.'))])
    expect(messages).toEqual([
      'md-language 3:1 "lang=french" is not a language tag (BCP 47: `fr`, `pt-BR`, `sr-Latn`); the text is kept without it',
    ])
  })

  it('reads lang and dir on raw HTML, inline and around blocks, as the HTML reader does', () => {
    const { blocks, messages } = read(
      'A <span lang="fr">mot *bien* [word]{lang=en}</span>, <i lang="la">carpe</i>, <span dir="rtl">rtl</span>.\n\n' +
        '<div lang="es">\n\nHola <b lang="fr">oui</b>.\n\n</div>\n\n<div lang="de">\n<p>Ein <span lang="en">word</span>.</p>\n</div>\n\n' +
        '::: {lang=fr}\n<p>Dans un div.</p>\n\n:::',
    )
    expect(messages).toEqual([])
    expect(blocks).toEqual([
      p(
        t('A '),
        span(
          { lang: 'fr' },
          t('mot '),
          { type: 'emphasis', children: [t('bien')] },
          t(' '),
          span({ lang: 'en' }, t('word')),
        ),
        t(', '),
        { type: 'emphasis', children: [span({ lang: 'la' }, t('carpe'))] },
        t(', '),
        span({ dir: 'rtl' }, t('rtl')),
        t('.'),
      ),
      {
        ...p(t('Hola '), { type: 'strong', children: [span({ lang: 'fr' }, t('oui'))] }, t('.')),
        lang: 'es',
      },
      { ...p(t('Ein '), span({ lang: 'en' }, t('word')), t('.')), lang: 'de' },
      { ...p(t('Dans un div.')), lang: 'fr' },
    ])
  })

  it('reads the same from the fast parser and micromark', () => {
    const source =
      'A [mot]{lang=fr} and *[carpe]{lang=la}*.\n\n::: {lang=fr}\nUn [two]{lang=en}.\n:::\n\n> [שלום]{lang=he dir=rtl}'
    expect(parseFast(`# One\n\n${source}\n`)).toBeDefined()
    // A tab sends the file to micromark; it stands where it changes no words.
    const slow = read(source.replace('A [mot]', 'A\t[mot]'))
    const fast = read(source)
    expect(JSON.stringify(slow.blocks).replace('A\\t', 'A ')).toBe(JSON.stringify(fast.blocks))
    expect(fast.blocks[0].children[1]).toEqual(span({ lang: 'fr' }, t('mot')))
  })

  it("keeps the span's place in the source", () => {
    const { blocks } = read('x [mot]{lang=fr} y', 'en', true)
    expect(blocks[0].children[1].position).toEqual({
      start: { line: 3, column: 3, offset: 9 },
      end: { line: 3, column: 17, offset: 23 },
    })
  })
})
