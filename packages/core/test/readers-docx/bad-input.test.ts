/**
 * A .docx is a zip from a stranger. Whatever it holds, the reader answers with chapters and
 * diagnostics naming the file, never a throw and never an internal error: not a zip, a zip that
 * is not a Word file, claimed sizes of a zip bomb, thousands of entries, a DOCTYPE (entity bombs,
 * external entities), malformed or absurdly deep XML, a picture pointing outside the archive;
 * and random or mutated bytes (fast-check, one fixed seed; FC_SCALE and FC_SEED raise them).
 */
import fc from 'fast-check'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { docxReader } from '../../src/readers/docx/index.js'
import { DEFAULT_ARCHIVE_LIMITS } from '../../src/readers/shared/archive.js'
import { mutatedBytes, mutatedXml } from '../archive-mutations.js'
import { fcRuns } from '../robustness/helpers.js'
import { reviewedChapter, styledManuscript } from './make.js'

const MAX_ENTRIES = DEFAULT_ARCHIVE_LIMITS.maxEntries

async function read(bytes: Uint8Array | string) {
  const file = new SourceFile('bad.docx')
  const result = await docxReader.read(bytes, file, { language: 'en' })
  return { result, file, codes: file.messages.map((m) => m.code) }
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
const RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'

/** A minimal Word package around a document.xml body. */
function docx(body: string, extra: Record<string, string> = {}, raw?: string): Uint8Array {
  const document = raw ?? `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(document),
  }
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text)
  return zipSync(files)
}

const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`

describe('archives that are not Word files', () => {
  it('reads a minimal package', async () => {
    const { result, codes } = await read(docx(p('Hello there.')))
    expect(codes).toEqual([])
    expect(JSON.stringify(result.children)).toContain('Hello there.')
  })

  for (const [name, bytes, code] of [
    ['plain text', strToU8('Chapter One\n\nIt was dark.'), 'archive-not-zip'],
    ['no bytes', new Uint8Array(), 'archive-not-zip'],
    ['a PDF', strToU8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'archive-not-zip'],
    ['a zip without word/document.xml', zipSync({ 'hello.txt': strToU8('hi') }), 'docx-invalid'],
    ['a truncated Word file', docx(p('Cut short.')).subarray(0, 120), 'archive-not-zip'],
  ] as const) {
    it(`${name}: one ${code} error naming the file`, async () => {
      const { result, file, codes } = await read(bytes)
      expect(codes).toEqual([code])
      expect(file.messages[0]!.level).toBe('error')
      expect(file.messages[0]!.message).toContain('"bad.docx"')
      expect(result.children).toEqual([])
    })
  }

  it('a Word file whose document is damaged: one docx-invalid error, not an empty book', async () => {
    const bytes = docx(p('A chapter long enough to be deflated, and then some. '.repeat(40)))
    const name = strToU8('word/document.xml')
    // The first time the name is written: the entry's local header, its data right after.
    let at = 0
    while (!name.every((c, i) => bytes[at + i] === c)) at++
    bytes.fill(0xff, at + name.length + 2, at + name.length + 40)
    const { result, file, codes } = await read(bytes)
    expect(codes).toEqual(['docx-invalid'])
    expect(file.messages[0]!.level).toBe('error')
    expect(file.messages[0]!.message).toMatch(
      /"bad\.docx" cannot be read as a Word document: entry "word\/document\.xml"/,
    )
    expect(result.children).toEqual([])
  })

  it('text given as a string is refused, not parsed', async () => {
    expect((await read('PK not really')).codes).toEqual(['docx-invalid'])
  })
})

describe('hostile archives', () => {
  it('expands no entity bomb and resolves no external entity, and says the XML is malformed', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document ${W}><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>`
    const external = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ${W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`
    for (const raw of [bomb, external]) {
      const { result, codes, file } = await read(docx('', {}, raw))
      expect(codes).toEqual(['xml-malformed'])
      expect(file.messages[0]!.message).toContain('"bad.docx": word/document.xml, line 1')
      expect(JSON.stringify(result)).not.toContain('aaaaaaaaaa')
      expect(JSON.stringify(result)).not.toContain('root:')
    }
  })

  it('refuses an archive declaring more entries than any document has, before walking them', async () => {
    const files: Record<string, Uint8Array> = {}
    for (let i = 0; i <= MAX_ENTRIES; i++) files[`x/${i}`] = new Uint8Array()
    const { codes, file } = await read(
      zipSync({ ...files, 'word/document.xml': strToU8(`<w:document ${W}/>`) }),
    )
    expect(codes).toEqual(['archive-too-many-entries'])
    expect(file.messages[0]!.message).toContain('"bad.docx"')
  })

  it('refuses a part whose declared size is a zip bomb, before inflating it', async () => {
    const bytes = docx(p('Small.'))
    // Claim 4 GB for word/document.xml in the central directory.
    const name = strToU8('word/document.xml')
    for (let i = 0; i < bytes.length - 46; i++) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2) {
        const nameLength = bytes[i + 28]! | (bytes[i + 29]! << 8)
        const stored = bytes.subarray(i + 46, i + 46 + nameLength)
        if (stored.length === name.length && stored.every((b, k) => b === name[k]))
          bytes.set([0xff, 0xff, 0xff, 0xfe], i + 24)
      }
    }
    const { codes, file } = await read(bytes)
    expect(codes).toEqual(['archive-too-large'])
    expect(file.messages[0]!.message).toContain('"bad.docx"')
  })

  it('malformed XML is read as far as it goes, with a warning naming the part and the line', async () => {
    const { result, codes, file } = await read(docx('', {}, `<w:document ${W}><w:body>${p('Kept.')}<w:p>`))
    expect(codes).toEqual(['xml-malformed'])
    expect(file.messages[0]!.message).toMatch(/word\/document\.xml, line \d+, column \d+/)
    expect(JSON.stringify(result.children)).toContain('Kept.')
  })

  it('XML nested 100,000 deep is refused after one scan; 200 deep is read, text around it kept', async () => {
    const nest = (depth: number) =>
      `${'<w:sdt><w:sdtContent>'.repeat(depth / 2)}${p('Inside.')}${'</w:sdtContent></w:sdt>'.repeat(depth / 2)}`
    const deep = await read(docx(p('Before.') + nest(100_000) + p('After.')))
    expect(deep.codes).toEqual(['xml-malformed', 'docx-invalid'])
    const fine = await read(docx(p('Before.') + nest(200) + p('After.')))
    expect(fine.codes).toEqual([])
    expect(JSON.stringify(fine.result.children)).toMatch(/Before\..*Inside\..*After\./)
  })

  it('a picture whose target leaves the archive is left out, with the paragraph named', async () => {
    const rels =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../../../etc/passwd"/></Relationships>'
    const drawing =
      '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="x" descr="alt"/>' +
      '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rImg"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
    const { result, file, codes } = await read(
      docx(p('Text.') + drawing, { 'word/_rels/document.xml.rels': rels }),
    )
    expect(codes).toEqual(['docx-image'])
    expect(file.messages[0]).toMatchObject({ line: 2 })
    expect(result.resources).toBeUndefined()
  })
})

describe('properties', () => {
  const never = async (bytes: Uint8Array) => {
    const { result, file } = await read(bytes)
    expect(Array.isArray(result.children)).toBe(true)
    expect(file.messages.filter((m) => m.code === 'internal-error')).toEqual([])
    JSON.stringify(result)
  }

  it('random bytes never throw', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), never), { numRuns: fcRuns(200) })
  })

  it('random bytes after a zip signature never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), (tail) =>
        never(Uint8Array.from([0x50, 0x4b, 3, 4, ...tail])),
      ),
      { numRuns: fcRuns(200) },
    )
  })

  it('mutated Word files never throw', async () => {
    await mutatedBytes([await styledManuscript(), await reviewedChapter()], never)
  })

  it('Word files with mutated XML (stored uncompressed) never throw', async () => {
    const xmlParts = (n: string) => n.endsWith('.xml') || n.endsWith('.rels')
    await mutatedXml(
      await styledManuscript(),
      xmlParts,
      ['<', '>', '&', '"', '/', 'w:', '<w:p>', '</w:r>', ''],
      never,
    )
  })
})
