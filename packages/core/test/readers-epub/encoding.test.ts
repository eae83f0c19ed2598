/**
 * Documents an EPUB keeps in another encoding than UTF-8: each is decoded as its byte-order mark,
 * XML declaration or `<meta charset>` says, and bytes that do not fit what was declared are said.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Node, Root } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { packagedEpub } from './helpers.js'

function read(bytes: Uint8Array) {
  const file = new SourceFile('book.epub')
  const result = readEpub(bytes, file, { language: 'en' })
  let text = ''
  for (const node of result.children)
    visit(node as Node, (n) => {
      if (n.type === 'text') text += `${n.value} `
    })
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    codes: file.messages.map((m) => m.code),
    messages: file.messages,
    tree: { type: 'root', children: result.children } as Root,
  }
}

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)))
const body = (inner: string) =>
  `<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>${inner}</body></html>`

describe('EPUB documents in other encodings', () => {
  it('decodes a document its XML declaration says is ISO-8859-1', () => {
    const doc = latin1(
      `<?xml version="1.0" encoding="iso-8859-1"?>${body('<h1>Un</h1><p>Café naïve «guillemets» £100.</p>')}`,
    )
    const { text, codes } = read(packagedEpub([{ href: 'ch1.xhtml', content: doc }]))
    expect(text).toContain('Café naïve «guillemets» £100.')
    expect(codes).not.toContain('epub-input-encoding')
  })

  it('decodes an HTML document whose meta charset says Windows-1252 (curly quotes, dashes)', () => {
    const bytes = Uint8Array.from([
      ...latin1(
        `<html><head><meta charset="windows-1252"><title>x</title></head><body><h1>One</h1><p>Smart `,
      ),
      0x93,
      ...latin1('quotes'),
      0x94,
      ...latin1(' and '),
      0x96,
      ...latin1(' caf'),
      0xe9,
      ...latin1('.</p></body></html>'),
    ])
    const { text } = read(packagedEpub([{ href: 'ch1.html', content: bytes, mediaType: 'text/html' }]))
    expect(text).toContain('Smart “quotes” and – café.')
  })

  it('reads UTF-16 with a byte-order mark, little- and big-endian, as text, not markup', () => {
    const source = `<?xml version="1.0" encoding="utf-16"?>${body('<h1>One</h1><p>First text café — “quoted”.</p>')}`
    const le = new Uint8Array(2 + source.length * 2)
    const be = new Uint8Array(2 + source.length * 2)
    le.set([0xff, 0xfe])
    be.set([0xfe, 0xff])
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i)
      le[2 + 2 * i] = c & 0xff
      le[3 + 2 * i] = c >> 8
      be[2 + 2 * i] = c >> 8
      be[3 + 2 * i] = c & 0xff
    }
    for (const doc of [le, be]) {
      const { text, codes } = read(packagedEpub([{ href: 'ch1.xhtml', content: doc }]))
      expect(text).toBe('One First text café — “quoted”.')
      expect(codes).toEqual([])
    }
  })

  it('says so, with the document and place, when the bytes are not what the document declares', () => {
    // Declared UTF-8, written in Windows-1252: read as UTF-8 with the stray byte as Windows-1252.
    const doc = Uint8Array.from([
      ...latin1(`<?xml version="1.0" encoding="utf-8"?>${body('<h1>One</h1><p>caf')}`),
      0xe9,
      ...latin1('</p>'),
      ...new TextEncoder().encode('<p>naïve</p>'),
      ...latin1('</body></html>'),
    ])
    const { text, messages } = read(packagedEpub([{ href: 'ch1.xhtml', content: doc }]))
    expect(text).toContain('café')
    expect(text).toContain('naïve')
    const warning = messages.find((m) => m.code === 'epub-input-encoding')
    expect(warning?.file).toBe('book.epub/OEBPS/ch1.xhtml')
    expect(warning?.message).toMatch(/declares UTF-8, but its bytes are not UTF-8/)
  })

  it('replaces bytes that fit no encoding declared by the byte-order mark, and says so', () => {
    const doc = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...latin1(`${body('<h1>One</h1><p>bad ')}`),
      0xff,
      ...latin1(' byte</p></body></html>'),
    ])
    const { text, messages } = read(packagedEpub([{ href: 'ch1.xhtml', content: doc }]))
    expect(text).toContain('bad \ufffd byte')
    expect(messages.find((m) => m.code === 'epub-input-encoding')?.message).toMatch(/not UTF-8.*U\+FFFD/)
  })

  it('still reads UTF-8 without a declaration silently', () => {
    const doc = new TextEncoder().encode(body('<h1>Ein</h1><p>Grüße — “so”.</p>'))
    const { text, codes } = read(packagedEpub([{ href: 'ch1.xhtml', content: doc }]))
    expect(text).toBe('Ein Grüße — “so”.')
    expect(codes).toEqual([])
  })
})
