/**
 * Pictures placed on the page rather than in the line ("to paragraph", "to character"): a .doc
 * anchors them with a 0x08 character whose FSPA names a shape of the drawing layer, the shape a
 * BLIP of the drawing group's store. `fixtures/floating-pictures.doc` is LibreOffice 7's
 * (`soffice --headless --convert-to doc floating-pictures.fodt`): a PNG anchored to a paragraph
 * of text, a JPEG anchored to a character, a PNG alone in its paragraph, a text box. Each picture
 * stands where it is anchored, as the .fodt reads: a figure when it is alone; the text box is
 * left out, said once.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { docReader } from '../../src/readers/doc/index.js'
import { odtReader } from '../../src/readers/odt/index.js'
import type { Reader } from '../../src/readers/types.js'

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures', name)))

async function read(reader: Reader, name: string, bytes = fixture(name)) {
  const file = new SourceFile(name)
  const result = await reader.read(bytes, file, { language: 'en' })
  // Pictures by their bytes' kind.
  const children = JSON.parse(
    JSON.stringify(result.children, (k, v) =>
      k === 'position' ? undefined : k === 'url' ? String(v).replace(/.*\.(\w+)$/, '$1') : v,
    ),
  )
  return { chapter: children[0] as Chapter, result, messages: file.messages }
}

const image = (ext: string) => ({ type: 'image', url: ext })
const EXPECTED = [
  { type: 'paragraph', children: [{ type: 'text', value: 'Before the pictures.' }] },
  {
    type: 'paragraph',
    children: [image('png'), { type: 'text', value: 'A paragraph with a picture anchored to it.' }],
  },
  {
    type: 'paragraph',
    children: [
      { type: 'text', value: 'A picture anchored to a ' },
      image('jpg'),
      { type: 'text', value: 'character.' },
    ],
  },
  { type: 'figure', image: image('png') },
  { type: 'paragraph', children: [{ type: 'text', value: 'After the pictures.' }] },
]

describe('floating pictures in a .doc', () => {
  it('keeps each where it is anchored, as the .fodt it was saved from reads', async () => {
    const doc = await read(docReader, 'floating-pictures.doc')
    expect(doc.chapter.children).toEqual(EXPECTED)
    const odt = await read(odtReader, 'floating-pictures.fodt')
    expect(odt.chapter.children).toEqual(EXPECTED)
    const resources = Object.values(doc.result.resources ?? {})
    // The PNG shown twice is one picture of the drawing group's store: kept once.
    expect(resources).toEqual([fixture('red.png'), fixture('blue.jpg')])
    // The text box is said once, as a text box, not also as a drawing left out.
    expect(doc.messages.map((m) => m.code)).toEqual(['doc-text-box'])
  })

  it('leaves out a picture whose bytes are damaged, with the reason, and keeps the others', async () => {
    const bytes = fixture('floating-pictures.doc')
    const png = fixture('red.png')
    const at = Buffer.from(bytes).indexOf(Buffer.from(png.subarray(0, 16)))
    expect(at).toBeGreaterThan(0)
    bytes[at + 1] = 0 // "\x89PNG" no more
    const doc = await read(docReader, 'floating-pictures.doc', bytes)
    const images = doc.messages.filter((m) => m.code === 'doc-image')
    expect(images).toHaveLength(1)
    expect(images[0]!.message).toMatch(
      /^Left out 2 pictures in paragraph 2 and 1 more: its PNG bytes are damaged/,
    )
    expect(doc.chapter.children).toEqual([
      EXPECTED[0],
      { ...EXPECTED[1], children: [EXPECTED[1]!.children![1]] },
      EXPECTED[2],
      EXPECTED[4],
    ])
  })
})
