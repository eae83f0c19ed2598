/**
 * Any manuscript tree gives an EPUB whose XML documents are all well-formed (saxes, strict, with
 * namespaces), and whose links and ids hold together. A few generated books also go through
 * EPUBCheck when it is installed.
 */
import fc from 'fast-check'
import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Chapter, Part, PhrasingContent, Root } from '../../src/model/types.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { fcRuns } from '../fast-check.js'
import { epubcheck, GIF_1PX, hasEpubcheck, summarise, tempFile, unzipText } from './helpers.js'

// Nasty text: markup, CDATA ends, entities, controls, emoji, RTL, combining marks; never U+FFFE/FFFF.
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '<',
    '>',
    '&',
    '&amp;',
    ']]>',
    '"',
    "'",
    '<!--',
    '<?xml?>',
    '\u0000',
    '\u0007',
    '\u0085',
    '🐉',
    'שלום',
    'مرحبا',
    'e\u0301',
    '\uD800',
    '\t\n',
  ),
  fc.string({ unit: 'binary', maxLength: 10 }),
)
const text = fc.array(nasty, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''))

const ids = ['a', 'b', '1', 'note one']

const phrasing: fc.Arbitrary<PhrasingContent> = fc.letrec<{ inline: PhrasingContent }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((value) => ({ type: 'text', value }) as PhrasingContent),
    fc.record({
      type: fc.constant('emphasis' as const),
      children: fc.array(tie('inline'), { maxLength: 3 }),
    }),
    fc.record({ type: fc.constant('strong' as const), children: fc.array(tie('inline'), { maxLength: 3 }) }),
    fc.record({
      type: fc.constant('smallCaps' as const),
      children: fc.array(tie('inline'), { maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('link' as const),
      url: fc.oneof(
        fc.constantFrom(
          'https://example.com/?a=1&b=<2>',
          'http://x.org/a b',
          'mailto:a@b.c',
          '#ch-x',
          '#part-x',
          '#nope',
        ),
        fc.webUrl(),
      ),
      children: fc.array(tie('inline'), { maxLength: 2 }),
    }),
    fc.constant({ type: 'break' } as PhrasingContent),
    fc.record({
      type: fc.constant('footnoteReference' as const),
      identifier: fc.constantFrom(...ids),
      label: fc.option(text, { nil: undefined }),
    }),
    text.map((value) => ({ type: 'code', value }) as PhrasingContent),
    fc.record({
      type: fc.constant('image' as const),
      url: fc.constantFrom('img/a.gif', 'img/missing.png', '../out.png'),
      alt: fc.option(text, { nil: undefined }),
    }),
  ),
})).inline

const para = fc.record({
  type: fc.constant('paragraph' as const),
  children: fc.array(phrasing, { maxLength: 4 }),
}) as fc.Arbitrary<BlockContent>

const block: fc.Arbitrary<BlockContent> = fc.letrec<{ block: BlockContent }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    para,
    fc.constant({ type: 'sceneBreak' } as BlockContent),
    fc.record({
      type: fc.constant('heading' as const),
      depth: fc.constantFrom(2, 3, 4, 5, 6) as fc.Arbitrary<2>,
      children: fc.array(phrasing, { maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('blockquote' as const),
      children: fc.array(tie('block'), { maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('verse' as const),
      children: fc.array(
        fc.record({
          type: fc.constant('verseLine' as const),
          children: fc.array(phrasing, { maxLength: 2 }),
        }),
        { maxLength: 3 },
      ),
    }),
    fc.record({
      type: fc.constant('list' as const),
      ordered: fc.boolean(),
      start: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      children: fc.array(
        fc.record({
          type: fc.constant('listItem' as const),
          children: fc.array(tie('block'), { maxLength: 2 }),
        }),
        { maxLength: 3 },
      ),
    }),
    fc.record({
      type: fc.constant('figure' as const),
      image: fc.record({
        type: fc.constant('image' as const),
        url: fc.constantFrom('img/a.gif', 'img/missing.png'),
        alt: fc.option(text, { nil: undefined }),
      }),
      caption: fc.option(fc.array(phrasing, { maxLength: 2 }), { nil: undefined }),
    }),
    fc.record({
      type: fc.constant('note' as const),
      placement: fc.constantFrom('start', 'end', 'inline') as fc.Arbitrary<'end'>,
      children: fc.array(tie('block'), { maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('footnoteDefinition' as const),
      identifier: fc.constantFrom(...ids),
      label: fc.option(text, { nil: undefined }),
      children: fc.array(para, { maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('codeBlock' as const),
      lang: fc.option(text, { nil: undefined }),
      value: text,
    }),
  ),
})).block

const chapterArb: fc.Arbitrary<Chapter> = fc.record({
  type: fc.constant('chapter' as const),
  matter: fc.constantFrom('front', 'body', 'body', 'back') as fc.Arbitrary<'body'>,
  kind: fc.constantFrom(
    'chapter',
    'prologue',
    'interlude',
    'dedication',
    'appendix',
    'other',
  ) as fc.Arbitrary<'chapter'>,
  id: fc.option(fc.constantFrom('ch-x', 'ch-001', '1st', 'fn-1-1', 'a b'), { nil: undefined }),
  number: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
  label: fc.option(text, { nil: undefined }),
  title: fc.option(fc.array(phrasing, { maxLength: 2 }), { nil: undefined }),
  subtitle: fc.option(fc.array(phrasing, { maxLength: 1 }), { nil: undefined }),
  file: fc.constant('chapters/x.md'),
  children: fc.array(block, { maxLength: 6 }),
})

const partArb: fc.Arbitrary<Part> = fc.record({
  type: fc.constant('part' as const),
  id: fc.option(fc.constantFrom('part-x', 'ch-x'), { nil: undefined }),
  number: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
  label: fc.option(text, { nil: undefined }),
  title: fc.option(fc.array(phrasing, { maxLength: 2 }), { nil: undefined }),
  children: fc.array(chapterArb, { maxLength: 3 }),
})

const rootArb: fc.Arbitrary<Root> = fc.record({
  type: fc.constant('root' as const),
  metadata: fc.record({
    title: text,
    subtitle: fc.option(text, { nil: undefined }),
    authors: fc.array(fc.record({ name: text }), { maxLength: 3 }),
    language: fc.constantFrom('en', 'en-GB', 'fr', 'he', 'ar-EG', 'zh-Hant'),
    identifier: fc.constant({ scheme: 'uuid' as const, value: '6c1b2f9e-8a43-4d2a-b7f5-0e2d9c3a1b44' }),
    publisher: fc.option(text, { nil: undefined }),
    date: fc.option(fc.constantFrom('2024', '2024-05', '2024-05-01', 'soon'), { nil: undefined }),
    description: fc.option(text, { nil: undefined }),
    subjects: fc.array(text, { maxLength: 2 }),
    series: fc.option(
      fc.record({ name: text, number: fc.option(fc.constantFrom(1, 2.5, 10), { nil: undefined }) }),
      { nil: undefined },
    ),
    rights: fc.option(text, { nil: undefined }),
    contributors: fc.array(
      fc.record({ name: text, role: fc.constantFrom('editor', 'translator', 'ill', 'weird role') }),
      { maxLength: 2 },
    ),
    dedication: fc.option(text, { nil: undefined }),
    edition: fc.option(text, { nil: undefined }),
  }),
  children: fc.array(fc.oneof(chapterArb, partArb), { minLength: 1, maxLength: 4 }),
})

function parseXml(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const ids = new Set<string>()
  parser.on('error', (error) => {
    throw new Error(`${name}: ${error.message}`)
  })
  // XHTML forbids a link inside a link (EPUBCheck RSC-005), whatever the tree nests.
  let links = 0
  parser.on('closetag', (tag) => {
    if (tag.local === 'a') links--
  })
  parser.on('opentag', (tag) => {
    if (tag.local === 'a' && links++ > 0) throw new Error(`${name}: a link inside a link`)
    const id = tag.attributes.id
    if (id && typeof id === 'object') {
      if (ids.has(id.value)) throw new Error(`${name}: duplicate id ${id.value}`)
      ids.add(id.value)
    }
  })
  parser.write(xml).close()
}

async function renderRandom(tree: Root) {
  const file = new SourceFile('')
  const env = createMemoryEnv({ 'img/a.gif': GIF_1PX }, { file })
  // No generated cover: resvg is slow, and the cover is tested on its own.
  const bytes = await epubRenderer.render(tree, { generateCover: false, maxFileBytes: 4000 }, env)
  return { bytes, text: unzipText(bytes) }
}

describe('random manuscripts', () => {
  it('always give well-formed XML with unique ids, no link in a link and resolvable internal links', async () => {
    await fc.assert(
      fc.asyncProperty(rootArb, async (tree) => {
        const { text } = await renderRandom(tree)
        expect(text.mimetype).toBe('application/epub+zip')
        for (const [name, body] of Object.entries(text)) {
          if (/\.(xhtml|opf|ncx|xml)$/.test(name)) parseXml(name, body)
        }
        // Every href to a local file points at a file in the container.
        for (const [name, body] of Object.entries(text)) {
          if (!name.endsWith('.xhtml')) continue
          const dir = name.slice(0, name.lastIndexOf('/') + 1)
          for (const m of body.matchAll(/href="([^"#:]+)(#[^"]*)?"/g)) {
            const target = new URL(m[1]!, `file:///${dir}`).pathname.slice(1)
            expect(text[target] ?? null, `${name} → ${m[1]}`).not.toBeNull()
          }
        }
      }),
      { numRuns: fcRuns(200) },
    )
  })

  it.skipIf(!hasEpubcheck())('pass EPUBCheck without errors or warnings (3 samples)', async () => {
    const samples = fc.sample(rootArb, { numRuns: fcRuns(3) })
    for (const tree of samples) {
      const { bytes } = await renderRandom(tree)
      const messages = await epubcheck(tempFile('random.epub', bytes))
      expect(summarise(messages)).toEqual([])
    }
  })
})
