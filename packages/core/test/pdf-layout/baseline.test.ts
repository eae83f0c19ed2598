import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { breakParagraph } from '../../src/renderers/pdf/layout/break.js'
import { literataMeasurer } from '../../src/renderers/pdf/layout/measure-fontkit.js'
import type { ParagraphSpec, StyledRun } from '../../src/renderers/pdf/layout/types.js'

// Layouts recorded before letter-spacing existed: a paragraph without `letterSpacing` must come
// out exactly as it did (the composer draws those today). Regenerate only with
// UPDATE_FIXTURES=1, and only when a change to the default behaviour is meant.
const FIXTURE = new URL('./baseline-layouts.json', import.meta.url)

const measurer = literataMeasurer()

const TEXTS = [
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered as the rightful property of some one or other of their daughters.',
  '\u201CMy dear,\u201D said she, \u201Chave you heard the news?\u201D',
  '\u201CI never heard anything so abominable\u2014so unaccountable; and yet he seemed a well-meaning, good-humoured sort of man.\u201D',
  'The village lay half a mile off, beyond the chalk-pits and the old toll-house, and nobody in the family had walked so far since the Michaelmas before last.',
  '\u201COh! Certainly.\u201D',
  'Extraordinary circumstances, incomprehensible misunderstandings and disinterestedness notwithstanding, the correspondence continued uninterrupted throughout the autumn.',
]

function cases(): { name: string; spec: ParagraphSpec }[] {
  const out: { name: string; spec: ParagraphSpec }[] = []
  TEXTS.forEach((text, i) => {
    for (const width of [180, 260, 333]) {
      out.push({
        name: `text${i}-justify-${width}`,
        spec: {
          runs: [{ text, style: 'regular', size: 10.5 }],
          lineWidths: [width],
          indent: 12.6,
          align: 'justify',
          language: 'en-GB',
        },
      })
    }
    out.push({
      name: `text${i}-left-200`,
      spec: {
        runs: [{ text, style: 'regular', size: 10.5 }],
        lineWidths: [200],
        indent: 0,
        align: 'left',
        language: 'en-GB',
      },
    })
  })
  const runs: StyledRun[] = [
    { text: 'She said it was ', style: 'regular', size: 10.5 },
    { text: 'entirely impossible', style: 'italic', size: 10.5 },
    { text: ', and that she would ', style: 'regular', size: 10.5 },
    { text: 'never', style: 'bold', size: 10.5 },
    { text: ' consent to such a thing while she lived', style: 'regular', size: 10.5 },
    { text: '1', style: 'regular', size: 6, superscript: true },
    { text: ' and called for ', style: 'regular', size: 10.5 },
    { text: 'print()', style: 'mono', size: 9, noHyphenate: true },
    { text: ' at once.', style: 'regular', size: 10.5 },
  ]
  for (const width of [120, 200]) {
    out.push({
      name: `styled-${width}`,
      spec: { runs, lineWidths: [width], indent: 0, align: 'justify', language: 'en-GB' },
    })
  }
  out.push({
    name: 'looseness',
    spec: {
      runs: [{ text: TEXTS[0]!, style: 'regular', size: 10.5 }],
      lineWidths: [260],
      indent: 12.6,
      align: 'justify',
      language: 'en-GB',
      looseness: 1,
    },
  })
  return out
}

describe('paragraphs without letterSpacing', () => {
  it('lay out exactly as before letter-spacing was added', () => {
    const got: Record<string, unknown> = {}
    for (const c of cases()) got[c.name] = breakParagraph(c.spec, measurer)
    if (process.env.UPDATE_FIXTURES) writeFileSync(FIXTURE, `${JSON.stringify(got, null, 1)}\n`)
    const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>
    expect(Object.keys(expected).length).toBe(cases().length)
    // Through JSON both ways, so `undefined` fields compare the same as in the file.
    expect(JSON.parse(JSON.stringify(got))).toEqual(expected)
  })
})
