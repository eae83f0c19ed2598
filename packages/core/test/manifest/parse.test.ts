import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { SourceFile } from '../../src/diagnostics/file.js'
import { parseManifest } from '../../src/manifest/parse.js'
import { registeredFormats } from '../../src/pipeline/formats.js'

const { formats } = registeredFormats()

import { suggestKey } from '../../src/manifest/suggest.js'
import { fcRuns } from '../fast-check.js'

function parse(text: string) {
  const file = new SourceFile('book.yaml')
  const manifest = parseManifest(text, file, formats)
  return { manifest, messages: file.messages }
}

/** A "billion laughs" document: `levels` levels of 9 aliases each (9^levels strings). */
function billionLaughs(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (let i = 1; i <= levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    )
  return `title: Laughs\n${lines.join('\n')}\n`
}

describe('parseManifest', () => {
  it('stops a billion laughs fast, with its own code', () => {
    for (const levels of [9, 30]) {
      // 30 levels expand to 9^30 nodes: stopping at all is the proof that nothing was expanded.
      const { manifest, messages } = parse(billionLaughs(levels))
      expect(manifest).toBeUndefined()
      expect(messages.map((m) => [m.code, m.line, m.column])).toEqual([['manifest-alias-bomb', 3, 10]])
    }
  })

  it('allows a few aliases', () => {
    const { manifest, messages } = parse('title: &t Shared\nsubtitle: *t\nauthor: &a A. Writer\neditor: *a\n')
    expect(messages).toEqual([])
    expect(manifest?.metadata).toMatchObject({
      title: 'Shared',
      subtitle: 'Shared',
      authors: [{ name: 'A. Writer' }],
      contributors: [{ name: 'A. Writer', role: 'editor' }],
    })
  })

  it('keeps a 10,000-character title and markup, RTL, CJK and emoji as data', () => {
    const title = `${'&<>"\''.repeat(1000)}${'ש'.repeat(2000)}${'書'.repeat(2000)}${'😀'.repeat(500)}`
    expect(title.length).toBe(10_000)
    const { manifest, messages } = parse(stringify({ title, author: 'Ünïcödé 作者' }))
    expect(messages).toEqual([])
    expect(manifest?.metadata.title).toBe(title)
    expect(manifest?.metadata.authors).toEqual([{ name: 'Ünïcödé 作者' }])
  })

  it('keeps numbers as written where text is expected', () => {
    const { manifest } = parse(
      'title: 1984\nsubtitle: 007\nedition: 2.0\nidentifier: 0141439513\nseries: {name: 3, number: "4"}\n',
    )
    expect(manifest?.metadata).toMatchObject({
      title: '1984',
      subtitle: '007',
      edition: '2.0',
      identifier: { scheme: 'isbn', value: '9780141439518' },
      series: { name: '3', number: 4 },
    })
  })

  it('treats empty keys as absent and accepts yes/no for booleans', () => {
    const { manifest, messages } = parse('title: T\nsubtitle:\nauthor: A\ntypography: no\n')
    expect(messages).toEqual([])
    expect(manifest?.metadata).toEqual({ title: 'T', authors: [{ name: 'A' }] })
    expect(manifest?.options).toEqual({ typography: false })
  })

  it('accepts one value where a list is expected', () => {
    const { manifest } = parse(
      'title: T\nauthors: Solo\nsubjects: Fiction\nchapters: "*.md"\ntranslator: {name: T. R., file-as: "R., T."}\n',
    )
    expect(manifest?.metadata.authors).toEqual([{ name: 'Solo' }])
    expect(manifest?.metadata.subjects).toEqual(['Fiction'])
    expect(manifest?.metadata.contributors).toEqual([{ name: 'T. R.', fileAs: 'R., T.', role: 'translator' }])
    expect(manifest?.chapters).toEqual([{ pattern: '*.md', place: { line: 4, column: 11 } }])
  })

  it('reports wrong values with exact messages and places', () => {
    const { manifest, messages } = parse(
      [
        'title: ""',
        'author: {name: ""}',
        'series: {name: S, number: -1}',
        'contributors: [{name: X, role: [a]}]',
        'front-matter: [""]',
        'plugins: {a: 1}',
        'cover: https://example.com/c.jpg',
      ].join('\n'),
    )
    expect(manifest).toBeUndefined()
    expect(messages.map((m) => `${m.line}:${m.column} ${m.code} ${m.message}`)).toEqual([
      '2:16 manifest-invalid `author.name` must not be empty',
      '3:27 manifest-invalid `series.number` must not be negative, got -1',
      '4:32 manifest-invalid `contributors[0].role` must be text, got a list',
      '5:16 manifest-invalid `front-matter[0]` must not be empty',
      '6:10 manifest-invalid `plugins` must be a list of text, got a mapping',
      '7:8 manifest-invalid `cover` must be a file in the book folder, not a URL: "https://example.com/c.jpg"',
    ])
  })

  it('reports an unknown YAML tag as a warning and goes on', () => {
    const { manifest, messages } = parse('title: !shout Loud\nauthor: A\n')
    expect(manifest?.metadata.title).toBe('Loud')
    expect(messages.map((m) => [m.code, m.level, m.line, m.column, m.message])).toEqual([
      ['manifest-yaml-warning', 'warning', 1, 8, 'Unresolved tag: !shout'],
    ])
  })

  it('reports several documents as invalid YAML', () => {
    const { manifest, messages } = parse('title: A\n---\ntitle: B\n')
    expect(manifest).toBeUndefined()
    expect(messages.map((m) => [m.code, m.line])).toEqual([['manifest-parse', 2]])
  })

  it('reports a scalar document as not a mapping', () => {
    const { messages } = parse('just a title\n')
    expect(messages.map((m) => m.message)).toEqual([
      'book.yaml must be a mapping of keys such as `title:` and `author:`, got "just a title"',
    ])
  })

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const file = new SourceFile('book.yaml')
        parseManifest(text, file, formats)
      }),
      { numRuns: fcRuns(200) },
    )
  })

  it('never throws on any YAML data, and errors mean no manifest', () => {
    const key = fc.constantFrom(
      'title',
      'author',
      'authors',
      'series',
      'chapters',
      'date',
      'identifier',
      'epub',
      'x',
    )
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })), (data) => {
        const file = new SourceFile('book.yaml')
        const manifest = parseManifest(stringify(data), file, formats)
        expect(manifest === undefined).toBe(file.hasErrors)
        for (const m of file.messages) expect(m.line).toBeGreaterThan(0)
      }),
      { numRuns: fcRuns(200) },
    )
  })
})

describe('suggestKey', () => {
  const top = ['title', 'subtitle', 'author', 'front-matter', 'identifier', 'subjects', 'date']
  it.each([
    ['titel', 'title'],
    ['Title', 'title'],
    ['frontMatter', 'front-matter'],
    ['front_matter', 'front-matter'],
    ['autor', 'author'],
    ['isbn', 'identifier'],
    ['keywords', 'subjects'],
    ['year', 'date'],
    ['colour', undefined],
    ['x'.repeat(100), undefined],
  ])('%s → %s', (key, expected) => {
    expect(suggestKey(key, top)).toBe(expected)
  })
})
