/**
 * The language of parts in XHTML: `lang` and `xml:lang` on spans and paragraphs, and `dir` where
 * the direction changes, the language's own when the source gave none (browsers do not infer it
 * from `lang`): Arabic in an English book is right to left, English in an Arabic book left to right.
 */
import { describe, expect, it } from 'vitest'
import type { Node, PhrasingContent } from '../../src/model/types.js'
import { createState, type Hooks, handlers } from '../../src/renderers/xhtml/index.js'
import { t } from './helpers.js'

function render(nodes: Node[], hooks: Partial<Hooks> = {}): string {
  const state = createState(handlers, {
    imageHref: () => undefined,
    linkHref: () => undefined,
    noteRef: () => '',
    noteLabel: 'Note',
    ...hooks,
  })
  return state.blocks(nodes as never)
}

const span = (
  lang: string | undefined,
  children: PhrasingContent[],
  dir?: 'ltr' | 'rtl',
): PhrasingContent => ({
  type: 'span',
  ...(lang ? { lang } : {}),
  ...(dir ? { dir } : {}),
  children,
})

describe('language and direction in XHTML', () => {
  it('marks a French span with its language and no direction (it reads the same way)', () => {
    expect(render([{ type: 'paragraph', children: [t('He said '), span('fr', [t('bonjour')])] }])).toBe(
      '<p class="first">He said <span lang="fr" xml:lang="fr">bonjour</span></p>\n',
    )
  })

  it('gives an Arabic span or paragraph in an English book its direction', () => {
    const out = render([
      { type: 'paragraph', children: [t('She wrote '), span('ar', [t('مرحبا')])] },
      { type: 'paragraph', lang: 'he', children: [t('שלום עליכם.')] },
    ])
    expect(out).toContain('<span lang="ar" xml:lang="ar" dir="rtl">مرحبا</span>')
    expect(out).toContain('<p lang="he" xml:lang="he" dir="rtl">שלום עליכם.</p>')
  })

  it('gives English in an Arabic book its direction, and nothing inside text already so', () => {
    const out = render(
      [
        { type: 'paragraph', children: [t('قال '), span('en', [t('hello')])] },
        { type: 'paragraph', lang: 'en', children: [t('He said '), span('en-GB', [t('colour')])] },
      ],
      { direction: 'rtl' },
    )
    expect(out).toContain('<span lang="en" xml:lang="en" dir="ltr">hello</span>')
    // Inside an English paragraph, British English changes no direction.
    expect(out).toContain(
      '<p lang="en" xml:lang="en" dir="ltr">He said <span lang="en-GB" xml:lang="en-GB">colour</span></p>',
    )
  })

  it('writes a stated direction, and a span of direction alone', () => {
    expect(render([{ type: 'paragraph', children: [span(undefined, [t('abc')], 'rtl')] }])).toBe(
      '<p class="first"><span dir="rtl">abc</span></p>\n',
    )
  })
})
