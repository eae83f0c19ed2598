/**
 * fast-check generators for whole manuscripts, after pandoc-types' `Arbitrary.hs`: every node type
 * of model/types.ts, nested to a bounded depth, filled with strings chosen to break writers
 * (markup characters, XML-forbidden controls, lone surrogates, bidi controls, CJK, emoji, `]]>`).
 * Trees respect the model's rules (link URLs are http/https/mailto/#id, images are book-relative)
 * because those are the renderer's contract; what a tree may hold inside those rules is hostile.
 */
import fc from 'fast-check'
import type { Chapter, ChapterKind, Contributor, Metadata, Root } from '../../src/model/types.js'

const NASTY = [
  '&',
  '<',
  '>',
  '"',
  "'",
  ']]>',
  '<!--',
  '-->',
  '<script>alert(1)</script>',
  '&amp;',
  '&#0;',
  '\u0000',
  '\u0008',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  '\u200B',
  '\u200D',
  '\u202E',
  '\u2066',
  '\uFEFF',
  '\u00AD',
  '\t',
  '\r\n',
  '\n',
  ' ',
  '\u00a0',
  '--',
  '...',
  '* * *',
  '#',
  '_',
  '*',
  '\\',
  '(',
  ')',
  'شلام',
  'שלום',
  '東京',
  '한국어',
  '🐉',
  '👩\u200D💻',
  'ﬁ',
  'e\u0301',
  '%PDF',
  'endstream',
  '\u2028',
]

/** Short strings made of nasty pieces and ordinary words. */
export const nastyString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...NASTY),
      fc.constantFrom('the', 'Word', 'a', 'Quill'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(''))

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const url = fc.oneof(
  fc.constantFrom(
    'https://example.org/',
    'http://example.org/a?b=1&c=2',
    'mailto:a@example.org',
    '#ch-001',
    '#part-01',
    '#nowhere',
  ),
  nastyString.map((s) => `https://example.org/${encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD'))}`),
)

/** Book-relative image paths: one exists, others are missing or hostile in form. */
export const IMAGE_FILES = ['images/ok.png']
const imageUrl = fc.constantFrom(
  'images/ok.png',
  'images/missing.png',
  'images/ok.png',
  'a b/ümlaut & <x>.png',
)

type Tie = (key: string) => fc.Arbitrary<unknown>

export interface TreeOptions {
  /** Largest depth of block nesting. Default 3. */
  depth?: number
  /** Most chapters. Default 4. */
  chapters?: number
}

export function manuscript(options: TreeOptions = {}): fc.Arbitrary<Root> {
  const depth = options.depth ?? 3
  const { tree } = fc.letrec((tie: Tie) => ({
    phrasing: fc.oneof(
      { depthSize: 'small', maxDepth: 3, depthIdentifier: 'phrasing', withCrossShrink: true },
      fc.record({ type: fc.constant('text'), value: nastyString }),
      fc.record({ type: fc.constant('emphasis'), children: tie('phrasings') }),
      fc.record({ type: fc.constant('strong'), children: tie('phrasings') }),
      fc.record({ type: fc.constant('smallCaps'), children: tie('phrasings') }),
      fc.record({
        type: fc.constantFrom('delete', 'underline', 'subscript', 'superscript'),
        children: tie('phrasings'),
      }),
      fc.record(
        {
          type: fc.constant('link'),
          url,
          title: fc.option(nastyString, { nil: undefined }),
          children: tie('phrasings'),
        },
        { requiredKeys: ['type', 'url', 'children'] },
      ),
      fc.record({ type: fc.constant('break') }),
      fc.record(
        {
          type: fc.constant('footnoteReference'),
          identifier: fc.constantFrom('1', '2', 'note', 'x y', '<&>'),
          label: fc.option(nastyString, { nil: undefined }),
        },
        { requiredKeys: ['type', 'identifier'] },
      ),
      fc.record({ type: fc.constant('code'), value: nastyString }),
      fc.record(
        {
          type: fc.constant('image'),
          url: imageUrl,
          alt: fc.option(nastyString, { nil: undefined }),
          title: fc.option(nastyString, { nil: undefined }),
        },
        { requiredKeys: ['type', 'url'] },
      ),
    ),
    phrasings: fc.array(tie('phrasing'), { minLength: 1, maxLength: 4 }),
    block: fc.oneof(
      { depthSize: 'small', maxDepth: depth, depthIdentifier: 'block', withCrossShrink: true },
      fc.record({
        type: fc.constant('paragraph'),
        align: fc.constantFrom(undefined, 'center', 'right'),
        children: tie('phrasings'),
      }),
      fc.record({
        type: fc.constant('heading'),
        depth: fc.constantFrom(2, 3, 4, 5, 6),
        children: tie('phrasings'),
      }),
      fc.record({
        type: fc.constant('sceneBreak'),
        marker: fc.constantFrom(undefined, '* * *', '<hr>', '&'),
      }),
      fc.record(
        {
          type: fc.constant('codeBlock'),
          lang: fc.option(nastyString, { nil: undefined }),
          value: nastyString,
        },
        { requiredKeys: ['type', 'value'] },
      ),
      fc.record({ type: fc.constant('blockquote'), children: tie('blocks') }),
      fc.record({
        type: fc.constant('verse'),
        children: fc.array(fc.record({ type: fc.constant('verseLine'), children: tie('phrasings') }), {
          minLength: 1,
          maxLength: 4,
        }),
      }),
      fc.record({
        type: fc.constant('list'),
        ordered: fc.boolean(),
        start: fc.constantFrom(undefined, 0, 1, 7, 1_000_000),
        children: fc.array(fc.record({ type: fc.constant('listItem'), children: tie('blocks') }), {
          minLength: 1,
          maxLength: 3,
        }),
      }),
      fc.record(
        {
          type: fc.constant('figure'),
          image: fc.record(
            { type: fc.constant('image'), url: imageUrl, alt: fc.option(nastyString, { nil: undefined }) },
            { requiredKeys: ['type', 'url'] },
          ),
          caption: fc.option(tie('phrasings'), { nil: undefined }),
        },
        { requiredKeys: ['type', 'image'] },
      ),
      fc.record(
        {
          type: fc.constant('table'),
          align: fc.option(fc.array(fc.constantFrom(null, 'left', 'center', 'right'), { maxLength: 4 }), {
            nil: undefined,
          }),
          caption: fc.option(tie('phrasings'), { nil: undefined }),
          children: fc.array(
            fc.record(
              {
                type: fc.constant('tableRow'),
                head: fc.option(fc.boolean(), { nil: undefined }),
                children: fc.array(
                  fc.record(
                    {
                      type: fc.constant('tableCell'),
                      header: fc.option(fc.boolean(), { nil: undefined }),
                      // Spans past the table's edges and past HTML's bounds, as a plugin may write.
                      colSpan: fc.constantFrom(undefined, 1, 2, 7, 1e9),
                      rowSpan: fc.constantFrom(undefined, 1, 2, 99, Number.NaN),
                      children: fc.oneof(fc.constant([]), tie('phrasings')),
                    },
                    { requiredKeys: ['type', 'children'] },
                  ),
                  { maxLength: 4 },
                ),
              },
              { requiredKeys: ['type', 'children'] },
            ),
            { maxLength: 4 },
          ),
        },
        { requiredKeys: ['type', 'children'] },
      ),
      fc.record({
        type: fc.constant('note'),
        placement: fc.constantFrom('start', 'end', 'inline'),
        children: tie('blocks'),
      }),
      fc.record(
        {
          type: fc.constant('footnoteDefinition'),
          identifier: fc.constantFrom('1', '2', 'note', 'x y', '<&>'),
          label: fc.option(nastyString, { nil: undefined }),
          children: tie('blocks'),
        },
        { requiredKeys: ['type', 'identifier', 'children'] },
      ),
    ),
    blocks: fc.array(tie('block'), { minLength: 1, maxLength: 4 }),
    chapter: fc.record(
      {
        type: fc.constant('chapter'),
        matter: fc.constantFrom('front', 'body', 'body', 'back'),
        kind: fc.constantFrom<ChapterKind>(
          'chapter',
          'prologue',
          'epilogue',
          'interlude',
          'foreword',
          'preface',
          'dedication',
          'appendix',
          'other',
        ),
        number: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        label: fc.option(nastyString, { nil: undefined }),
        title: fc.option(tie('phrasings'), { nil: undefined }),
        subtitle: fc.option(tie('phrasings'), { nil: undefined }),
        children: fc.array(tie('block'), { maxLength: 5 }),
      },
      { requiredKeys: ['type', 'matter', 'kind', 'children'] },
    ),
    part: fc.record(
      {
        type: fc.constant('part'),
        number: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
        label: fc.option(nastyString, { nil: undefined }),
        title: fc.option(tie('phrasings'), { nil: undefined }),
        children: fc.array(tie('chapter'), { minLength: 0, maxLength: 2 }),
      },
      { requiredKeys: ['type', 'children'] },
    ),
    tree: fc.record({
      type: fc.constant('root'),
      metadata: metadata(),
      children: fc.array(
        fc.oneof({ weight: 4, arbitrary: tie('chapter') }, { weight: 1, arbitrary: tie('part') }),
        {
          minLength: 1,
          maxLength: options.chapters ?? 4,
        },
      ),
    }),
  }))
  // Parts hold body chapters only (model rule), and optional fields stay absent, not undefined.
  return (tree as fc.Arbitrary<Root>).map((root) => clean(fixParts(root)))
}

function fixParts(root: Root): Root {
  for (const child of root.children) {
    if (child.type === 'part') for (const chapter of child.children as Chapter[]) chapter.matter = 'body'
  }
  return root
}

/** Drop `undefined` fields so the tree is what a JSON round trip gives. */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

export function metadata(): fc.Arbitrary<Metadata> {
  const person = fc.record(
    { name: nastyString, fileAs: fc.option(nastyString, { nil: undefined }) },
    { requiredKeys: ['name'] },
  )
  const contributor: fc.Arbitrary<Contributor> = fc.record(
    {
      name: nastyString,
      role: fc.constantFrom('editor', 'translator', 'illustrator', 'contributor', 'aut', 'xyz'),
    },
    { requiredKeys: ['name', 'role'] },
  )
  return fc.record(
    {
      title: nastyString,
      subtitle: fc.option(nastyString, { nil: undefined }),
      authors: fc.array(person, { maxLength: 3 }),
      language: fc.constantFrom('en', 'en-GB', 'fr', 'de', 'ar', 'he', 'ja', 'zh-Hant', 'ru', 'x-unknown'),
      identifier: fc.oneof(
        fc.constant({ scheme: 'uuid' as const, value: '6f1c8e2a-3b4d-4c5e-8f90-123456789abc' }),
        fc.constant({ scheme: 'isbn' as const, value: '9780141439518' }),
        nastyString.map((value) => ({ scheme: 'uri' as const, value: value || 'x' })),
      ),
      publisher: fc.option(nastyString, { nil: undefined }),
      date: fc.option(fc.constantFrom('2024', '2024-05', '2024-05-01', 'yesterday', '99999'), {
        nil: undefined,
      }),
      description: fc.option(nastyString, { nil: undefined }),
      subjects: fc.array(nastyString, { maxLength: 3 }),
      series: fc.option(
        fc.record(
          { name: nastyString, number: fc.option(fc.constantFrom(1, 2.5, 0, -1, 1e21), { nil: undefined }) },
          { requiredKeys: ['name'] },
        ),
        { nil: undefined },
      ),
      rights: fc.option(nastyString, { nil: undefined }),
      contributors: fc.array(contributor, { maxLength: 2 }),
      dedication: fc.option(nastyString, { nil: undefined }),
      edition: fc.option(nastyString, { nil: undefined }),
      direction: fc.option(fc.constantFrom('ltr', 'rtl'), { nil: undefined }),
    },
    { requiredKeys: ['title', 'authors', 'language', 'identifier', 'subjects', 'contributors'] },
  ) as fc.Arbitrary<Metadata>
}

/** Chapter bodies given as strings in any of the three input formats. */
export const chapterInput = fc.oneof(
  fc.record({ text: fc.string({ unit: 'binary', maxLength: 400 }) }),
  fc.record({ markdown: fc.string({ unit: 'binary', maxLength: 400 }) }),
  fc.record({ html: fc.string({ unit: 'binary', maxLength: 400 }) }),
  fc.record({
    text: fc
      .array(fc.constantFrom(...NASTY, 'Chapter 1', 'Prologue', '\n\n', '_x_', '*y*', 'A/N: hi'), {
        maxLength: 30,
      })
      .map((a) => a.join('')),
  }),
  fc.record({
    markdown: fc
      .array(
        fc.constantFrom(
          ...NASTY,
          '# H',
          '> q',
          '- l',
          '1. o',
          '[^1]',
          '[^1]: d',
          '![i](x.png)',
          '[l](javascript:x)',
          '<div>',
          '```',
          '\n\n',
          '---\ntitle: x\n---\n',
          // Pictures written as data: URLs: a picture, an SVG with a script, a damaged one.
          '![d](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAADCAIAAADZSiLoAAAAEElEQVR4nGM4YWQEQQxYWACjmAqNtRpWxgAAAABJRU5ErkJggg==)',
          '![s](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSI5IiBoZWlnaHQ9IjkiPjxzY3JpcHQ+eCgpPC9zY3JpcHQ+PHJlY3Qgd2lkdGg9IjkiIGhlaWdodD0iOSIvPjwvc3ZnPg==)',
          '![b](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAE=)',
        ),
        { maxLength: 30 },
      )
      .map((a) => a.join('')),
  }),
  fc.record({
    html: fc
      .array(
        fc.constantFrom(
          ...NASTY,
          '<p>',
          '</p>',
          '<h1>',
          '<em>',
          '<script>',
          '<img src=x onerror=y>',
          '<a href="javascript:z">',
          '<table><tr><td>',
          '<svg><script>',
          '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAADCAIAAADZSiLoAAAAEElEQVR4nGM4YWQEQQxYWACjmAqNtRpWxgAAAABJRU5ErkJggg==" alt="d">',
          '&',
          '&#x0;',
          '<!--',
        ),
        { maxLength: 30 },
      )
      .map((a) => a.join('')),
  }),
)

// ---------------------------------------------------------------- resource files

/** Seeds for resource bytes: one small valid file per format, mutated by `mutated`. */
export interface ResourceSeeds {
  png: Uint8Array[]
  jpeg: Uint8Array
  gif: Uint8Array
  webp: Uint8Array
  font: Uint8Array
}

/**
 * `seed` with up to 8 bytes overwritten, optionally cut short and optionally with random bytes
 * spliced in: the damage real files show (bit rot, truncated downloads, wrong concatenation).
 */
export function mutated(seed: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      seed,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.option(fc.nat()),
      fc.option(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 64 }))),
    )
    .map(([base, flips, cut, splice]) => {
      let bytes = Uint8Array.from(base)
      for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value
      if (cut !== null && bytes.length > 0) bytes = bytes.subarray(0, cut % bytes.length)
      if (splice) {
        const at = bytes.length > 0 ? splice[0] % bytes.length : 0
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...splice[1], ...bytes.subarray(at)])
      }
      return bytes
    })
}

const SVG_PARTS = [
  '<rect width="10" height="10" fill="url(#g)"/>',
  '<script>alert(1)</script>',
  '<circle r="3" onload="x()" onclick="y()"/>',
  '<a href="javascript:alert(2)"><text>t</text></a>',
  '<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://e.com"/></foreignObject>',
  '<image href="https://e.com/x.png" width="1" height="1"/>',
  '<image href="../../../etc/passwd"/>',
  '<style>@import "https://e.com/a.css"; rect { fill: url(https://e.com/p) }</style>',
  '<use href="#g"/>',
  '<linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>',
  '<text x="1" y="5" style="fill: url(#g)">&amp; &lt; ]]&gt;</text>',
  '<![CDATA[ <script> ]]>',
  '<?xml-stylesheet href="https://e.com/s.css"?>',
  '<set attributeName="href" to="javascript:z()"/>',
  '<g transform="rotate(45)"><path d="M0 0L5 5"/></g>',
]

/** SVG documents mixing drawing and hostile parts, sometimes broken by a cut or a stray tag. */
export const svgText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.constantFrom(...SVG_PARTS), { maxLength: 8 }),
    fc.option(fc.nat()),
    nastyString,
    fc.constantFrom('', '<?xml version="1.0"?>', '<!DOCTYPE svg [<!ENTITY a "aaaa">]>'),
  )
  .map(([parts, cut, nasty, prolog]) => {
    const body = parts.join('').replace('t</text>', `${nasty.replace(/[<&]/g, '')}</text>`)
    const doc = `${prolog}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="10" viewBox="0 0 20 10">${body}</svg>`
    return cut === null ? doc : doc.slice(0, cut % (doc.length + 1))
  })

const CSS_PARTS = [
  '@charset "utf-8";',
  '@import url("https://e.com/a.css");',
  '@import "local.css" screen;',
  '@import "missing.css";',
  '@import "self.css";',
  '@font-face { font-family: F; src: url(font.ttf) format("truetype"), url(https://e.com/f.woff2); }',
  'body { background: url(img.png) no-repeat; color: #123 }',
  'h1 { background-image: url("../../outside.png") }',
  'p { cursor: url(javascript:alert(1)), auto }',
  '.a { background: url(//e.com/t.gif) }',
  '.b { background: url(data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) }',
  '.c { behavior: url(x.htc); -moz-binding: url(x.xml#b) }',
  '.d { content: "url(fake)" }',
  '.e { background: url(img.svg#frag) }',
  '@media print { .f { background: url(img.png) } }',
  '} } { ;;; url( @import',
  '/* url(https://e.com/comment) */',
]

/** A stylesheet of local, remote, missing, scripted and broken references. */
export const cssText: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.constantFrom(...CSS_PARTS), { maxLength: 10 }), fc.option(fc.nat()), nastyString)
  .map(([parts, cut, nasty]) => {
    const css = `${parts.join('\n')}\n.n::after { content: "${nasty.replace(/["\\\n]/g, '')}" }\n`
    return cut === null ? css : css.slice(0, cut % (css.length + 1))
  })
