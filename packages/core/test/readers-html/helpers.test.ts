/** Unit tests for the helpers both readers share: URL policy, ornaments, decoding, inline slicing. */
import { describe, expect, it } from 'vitest'
import type { PhrasingContent } from '../../src/model/types.js'
import { decodeSource } from '../../src/readers/encoding.js'
import { headingFields } from '../../src/readers/shared/chapter.js'
import { isOrnament } from '../../src/readers/shared/ornament.js'
import { normalizeSpace, sliceInline } from '../../src/readers/shared/phrasing.js'
import { judgeImage, judgeLink } from '../../src/readers/shared/urls.js'
import { clean, scanForbidden } from '../../src/readers/source.js'

describe('judgeLink', () => {
  it('keeps web, mail and fragment links', () => {
    expect(judgeLink('https://a.example/x')).toEqual({ kind: 'keep', url: 'https://a.example/x' })
    expect(judgeLink(' HTTP://A.EXAMPLE ')).toEqual({ kind: 'keep', url: 'HTTP://A.EXAMPLE' })
    expect(judgeLink('mailto:a@b.c')).toEqual({ kind: 'keep', url: 'mailto:a@b.c' })
    expect(judgeLink('#note-1')).toEqual({ kind: 'keep', url: '#note-1' })
    expect(judgeLink('//cdn.example/x')).toEqual({ kind: 'keep', url: 'https://cdn.example/x' })
  })
  it('drops scripts however they are spelled', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:x',
      'java\tscript:x',
      'java\nscript:x',
      'vbscript:x',
      'data:text/html,x',
    ]) {
      expect(judgeLink(url).kind, url).toBe('unsafe')
    }
    expect(judgeLink('ht\ttp://x').kind).toBe('unsafe')
  })
  it('calls scheme-less paths relative', () => {
    expect(judgeLink('chapter-2.html')).toEqual({ kind: 'relative' })
    expect(judgeLink('../x')).toEqual({ kind: 'relative' })
  })
})

describe('judgeImage', () => {
  it('resolves against the chapter file folder', () => {
    expect(judgeImage('img/a.png', 'chapters/one.md')).toEqual({ kind: 'keep', path: 'chapters/img/a.png' })
    expect(judgeImage('../img/a%20b.png', 'chapters/one.md')).toEqual({ kind: 'keep', path: 'img/a b.png' })
    expect(judgeImage('./a.png?v=2', 'one.md')).toEqual({ kind: 'keep', path: 'a.png' })
    expect(judgeImage('pics\\a.png', 'one.md')).toEqual({ kind: 'keep', path: 'pics/a.png' })
  })
  it('refuses the network, data, scripts and paths out of the book', () => {
    expect(judgeImage('https://x/a.png', 'one.md').kind).toBe('remote')
    expect(judgeImage('//x/a.png', 'one.md').kind).toBe('remote')
    expect(judgeImage('data:image/png;base64,AA', 'one.md').kind).toBe('data')
    expect(judgeImage('javascript:x', 'one.md').kind).toBe('unsafe')
    expect(judgeImage('file:///etc/passwd', 'one.md').kind).toBe('unsafe')
    expect(judgeImage('../a.png', 'one.md').kind).toBe('outside')
    expect(judgeImage('../../a.png', 'chapters/one.md').kind).toBe('outside')
    expect(judgeImage('/etc/passwd', 'one.md').kind).toBe('outside')
    expect(judgeImage('C:\\pics\\a.png', 'one.md').kind).toBe('outside')
    expect(judgeImage('%2e%2e/a.png', 'one.md').kind).toBe('outside')
    expect(judgeImage('', 'one.md').kind).toBe('empty')
  })
})

describe('isOrnament', () => {
  it('recognises scene-break ornaments', () => {
    for (const s of [
      '* * *',
      '***',
      '~~~',
      '#',
      '# # #',
      'o0o',
      '-o0o-',
      'OoO',
      '⁂',
      '§',
      '• • •',
      '=====',
      '* ~ *',
    ]) {
      expect(isOrnament(s), s).toBe(true)
    }
  })
  it('leaves words and lone marks alone', () => {
    for (const s of ['ooo', 'OOO', 'Oooo', 'xxx', '—', '-', '', 'A', 'o', '...', 'Chapter 1', '* note']) {
      expect(isOrnament(s), s).toBe(false)
    }
  })
})

describe('decodeSource', () => {
  const bytes = (...b: number[]) => new Uint8Array(b)
  it('drops a UTF-8 BOM', () => {
    expect(decodeSource(bytes(0xef, 0xbb, 0xbf, 0x61))).toMatchObject({
      text: 'a',
      encoding: 'utf-8',
      notes: [],
    })
    expect(decodeSource('\uFEFFa')).toMatchObject({ text: 'a', notes: [] })
  })
  it('reads UTF-16 with a BOM', () => {
    expect(decodeSource(bytes(0xff, 0xfe, 0x61, 0x00, 0xe9, 0x00)).text).toBe('aé')
    expect(decodeSource(bytes(0xfe, 0xff, 0x00, 0x61, 0x00, 0xe9)).text).toBe('aé')
  })
  it('reads Windows-1252 curly quotes and the euro sign, with a note', () => {
    const decoded = decodeSource(
      bytes(0x93, 0x61, 0x94, 0x20, 0x80, 0x31, 0x30, 0x20, 0x63, 0x61, 0x66, 0xe9),
    )
    expect(decoded.text).toBe('“a” €10 café')
    expect(decoded.notes).toHaveLength(1)
  })
  it('finds and removes XML-forbidden characters', () => {
    expect(scanForbidden('ok\nab\u0001c\u000b')).toEqual({
      count: 2,
      first: { line: 2, column: 3, offset: 5 },
    })
    expect(clean('a\u0000b\uFFFEc\uD800d\uD83D\uDE00')).toBe('abcd\uD83D\uDE00')
  })
})

describe('inline slicing and headings', () => {
  const content: PhrasingContent[] = [
    {
      type: 'text',
      value: 'Chapter 3: The ',
      position: { start: { line: 1, column: 3, offset: 2 }, end: { line: 1, column: 18, offset: 17 } },
    },
    { type: 'emphasis', children: [{ type: 'text', value: 'Glass' }] },
    { type: 'text', value: ' House' },
  ]
  it('cuts inline content by plain-text offsets, keeping formatting and shifting positions', () => {
    expect(sliceInline(content, 11, 26)).toEqual([
      {
        type: 'text',
        value: 'The ',
        position: { start: { line: 1, column: 14, offset: 13 }, end: { line: 1, column: 18, offset: 17 } },
      },
      { type: 'emphasis', children: [{ type: 'text', value: 'Glass' }] },
      { type: 'text', value: ' House' },
    ])
  })
  it('reads a heading through parseHeading', () => {
    const fields = headingFields(structuredClone(content), 'en')
    expect(fields).toMatchObject({ kind: 'chapter', label: 'Chapter', number: 3 })
    expect(fields.title).toMatchObject([{ value: 'The ' }, { type: 'emphasis' }, { value: ' House' }])
  })
  it('takes unrecognised heading text as the title', () => {
    expect(headingFields([{ type: 'text', value: 'Down the Rabbit-Hole' }], 'en')).toEqual({
      kind: 'chapter',
      title: [{ type: 'text', value: 'Down the Rabbit-Hole' }],
    })
  })
  it('collapses white space like a browser', () => {
    expect(
      normalizeSpace([
        { type: 'text', value: '  a \n b ' },
        { type: 'emphasis', children: [{ type: 'text', value: ' c ' }] },
        { type: 'break' },
        { type: 'text', value: '  d  ' },
      ]),
    ).toEqual([
      { type: 'text', value: 'a b ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'c' }] },
      { type: 'break' },
      { type: 'text', value: 'd' },
    ])
  })
  it('keeps the spaces around a picture or a note mark, which stand between words as a word does', () => {
    expect(
      normalizeSpace([
        { type: 'text', value: 'See ' },
        { type: 'image', url: 'map.png', alt: 'map' },
        { type: 'text', value: ' here' },
        { type: 'footnoteReference', identifier: '1' },
        { type: 'text', value: ' and ' },
        { type: 'image', url: 'b.png', alt: 'b' },
        { type: 'text', value: ' ' },
      ]),
    ).toEqual([
      { type: 'text', value: 'See ' },
      { type: 'image', url: 'map.png', alt: 'map' },
      { type: 'text', value: ' here' },
      { type: 'footnoteReference', identifier: '1' },
      { type: 'text', value: ' and ' },
      { type: 'image', url: 'b.png', alt: 'b' },
    ])
  })
})
