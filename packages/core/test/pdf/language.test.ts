/**
 * The language of parts in the PDF: a paragraph in another language is tagged `/P` with `/Lang`
 * and hyphenated by its own patterns; a span in another language is tagged `/Span` with `/Lang`
 * and hyphenated by its language's patterns, or not at all where it has none; a span or
 * paragraph whose language is the book's, a region apart, is neither tagged nor treated otherwise.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Paragraph, PhrasingContent, Root } from '../../src/model/types.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { flatten } from '../../src/renderers/pdf/inline.js'
import { hyphenatorFor } from '../../src/renderers/pdf/layout/hyphenate.js'
import { oneChapterBook, t, tempPdf, tool } from './helpers.js'

async function render(tree: Root, trim = '4x6in') {
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { halfTitle: false, toc: false, trim }, createMemoryEnv({})))
    chunks.push(chunk)
  return tempPdf(new Uint8Array(Buffer.concat(chunks)))
}

const span = (lang: string, text: string): PhrasingContent => ({ type: 'span', lang, children: [t(text)] })

/** Where the lines of a PDF's text were hyphenated: each split word's letters before the hyphen. */
function splits(path: string): Array<{ word: string; at: number }> {
  const lines = tool('pdftotext', ['-raw', path, '-']).split('\n')
  const found: Array<{ word: string; at: number }> = []
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = /(\p{L}+)-$/u.exec(lines[i]!.trim())
    const tail = /^(\p{L}+)/u.exec(lines[i + 1]!.trim())
    if (head && tail) found.push({ word: head[1]! + tail[1]!, at: head[1]!.length })
  }
  return found
}

const FRENCH =
  'La Méditerranée racontée extraordinairement, incompréhensiblement et particulièrement par mademoiselle, ' +
  'anticonstitutionnellement renseignée sur la Méditerranée, particulièrement racontée aux personnages. '

describe('the language of parts in the PDF', () => {
  test('a paragraph in French is hyphenated by French patterns and tagged /Lang (fr)', async () => {
    const french: Paragraph = { type: 'paragraph', lang: 'fr', children: [t(FRENCH.repeat(4))] }
    const path = await render(oneChapterBook([french], { title: [t('Lettre')] }))
    const fr = hyphenatorFor('fr')
    const en = hyphenatorFor('en')
    if (!fr.ok || !en.ok) throw new Error('hyphenation patterns for en and fr ship with the core')
    const found = splits(path)
    expect(found.length).toBeGreaterThan(2)
    // Every split is a French point, and some are no English one: the French patterns set them.
    for (const { word, at } of found) expect(fr.hyphenator.points(word.toLowerCase())).toContain(at)
    expect(found.some(({ word, at }) => !en.hyphenator.points(word.toLowerCase()).includes(at))).toBe(true)
    const qdf = `${path}.qdf`
    tool('qpdf', ['--qdf', '--object-streams=disable', path, qdf])
    const content = execFileSync('cat', [qdf], { encoding: 'latin1', maxBuffer: 64 << 20 })
    expect(content).toMatch(/\/Lang \(fr\)[\s\S]{0,200}\/S \/P\b|\/S \/P\b[\s\S]{0,200}\/Lang \(fr\)/)
    tool('qpdf', ['--check', path])
  })

  test('a span in German is tagged /Span with /Lang (de) and hyphenated by German patterns', async () => {
    const words = 'extraordinarily incomprehensibly unquestionably '
    const german = 'Donaudampfschifffahrtsgesellschaft Kapitänsmützenabzeichen Straßenbahnhaltestelle '
    const paragraph: BlockContent = {
      type: 'paragraph',
      children: [t(words.repeat(3)), span('de', german.repeat(3)), t(words.repeat(3))],
    }
    const path = await render(oneChapterBook([paragraph], { title: [t('Motto')] }))
    const de = hyphenatorFor('de')
    if (!de.ok) throw new Error('hyphenation patterns for de ship with the core')
    const found = splits(path).filter(({ word }) => german.includes(word))
    expect(found.length).toBeGreaterThan(0)
    for (const { word, at } of found) expect(de.hyphenator.points(word)).toContain(at)
    const qdf = `${path}.qdf`
    tool('qpdf', ['--qdf', '--object-streams=disable', path, qdf])
    const content = execFileSync('cat', [qdf], { encoding: 'latin1', maxBuffer: 64 << 20 })
    expect(content).toMatch(/\/Lang \(de\)/)
  })

  test('a span in a language without patterns is not hyphenated', async () => {
    const words = 'extraordinarily incomprehensibly unquestionably '
    const klingon = 'tlhInganganmey pItlhnganghojwI qaStaHvIS '
    const paragraph: BlockContent = {
      type: 'paragraph',
      children: [t(words.repeat(3)), span('tlh', klingon.repeat(5)), t(words.repeat(3))],
    }
    const path = await render(oneChapterBook([paragraph], { title: [t('Motto')] }))
    const found = splits(path)
    expect(found.length).toBeGreaterThan(0)
    for (const { word } of found) expect(klingon.includes(word)).toBe(false)
  })

  test('a span in the book’s language, a region apart, changes nothing', () => {
    const ctx = { measurer: { cover: () => true, hasSmallCaps: () => false }, language: 'en-US' }
    const inline = ctx as unknown as Parameters<typeof flatten>[3]
    const runs = (content: PhrasingContent[], paragraph?: string) =>
      flatten(
        content,
        'regular',
        10,
        { ...inline, footnote: () => undefined, missingGlyph: () => {} },
        undefined,
        paragraph,
      )[0]!
    expect(runs([span('en-GB', 'colour')])).toEqual([{ text: 'colour', style: 'regular', size: 10 }])
    expect(runs([span('fr', 'couleur')])).toEqual([
      { text: 'couleur', style: 'regular', size: 10, lang: 'fr' },
    ])
    // Inside a French paragraph, French is no change and English is one.
    expect(runs([span('fr-CA', 'couleur')], 'fr')).toEqual([{ text: 'couleur', style: 'regular', size: 10 }])
    expect(runs([span('en', 'colour')], 'fr')).toEqual([
      { text: 'colour', style: 'regular', size: 10, lang: 'en' },
    ])
  })
})
