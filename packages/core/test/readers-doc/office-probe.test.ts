/**
 * What a tester found the Word 97–2003 reader doing to what an author sees, on a .doc
 * LibreOffice 7 saved from `fixtures/office-probe.fodt` (`soffice --headless --convert-to doc`):
 * an empty paragraph with a line below it (sprmPBrcBottom) is a scene break; all caps
 * (sprmCFCaps) is set in capitals; a Symbol character reads as what it draws; a custom-mark
 * footnote is printed once, by its number. The same document read from the .fodt gives the same.
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

async function read(name: string, reader: Reader) {
  const file = new SourceFile(name)
  const result = await reader.read(fixture(name), file, { language: 'en' })
  const children = JSON.parse(
    JSON.stringify(result.children, (k, v) => (k === 'position' || k === 'identifier' ? undefined : v)),
  )
  return { chapter: children[0] as Chapter, codes: file.messages.map((m) => m.code) }
}

const EXPECTED = [
  { type: 'paragraph', children: [{ type: 'text', value: 'One scene ends.' }] },
  { type: 'sceneBreak', marker: '(rule)' },
  { type: 'paragraph', children: [{ type: 'text', value: 'Every TREE was glass; the sum ∑ of them.' }] },
  {
    type: 'paragraph',
    children: [
      { type: 'text', value: 'A custom mark' },
      { type: 'footnoteReference' },
      { type: 'text', value: '.' },
    ],
  },
  {
    type: 'footnoteDefinition',
    children: [{ type: 'paragraph', children: [{ type: 'text', value: 'A note with its own mark.' }] }],
  },
]

describe('the Word 97–2003 reader, as an author sees the page', () => {
  it('reads a bottom-bordered empty paragraph as a scene break, caps in capitals, Symbol as Unicode, a custom mark once', async () => {
    const doc = await read('office-probe.doc', docReader)
    expect(doc.chapter.children).toEqual(EXPECTED)
    expect(doc.codes).not.toContain('doc-symbol')
  })

  it('reads the .fodt it was saved from the same way', async () => {
    const odt = await read('office-probe.fodt', odtReader)
    expect(odt.chapter.children).toEqual(EXPECTED)
  })
})
