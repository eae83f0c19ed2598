/**
 * `pdf: {standard: pdf-x-4 | pdf-x-1a | pdf-a-2b}`: the file identifies as its standard and meets
 * the rules that can be read from its structure. No PDF/X or PDF/A validator can be installed
 * here (veraPDF comes from Maven Central only), so the structure is asserted from qpdf's JSON
 * (boxes, output intent and its ICC profile, Info, trailer ID, no encryption), the XMP is parsed
 * as XML, `qpdf --check` finds no damage, and poppler says every font is embedded and names the
 * PDF/X version it reads. Tests skip, naming the package, where qpdf or poppler is missing.
 */
import { inflateSync } from 'node:zlib'
import { SaxesParser } from 'saxes'
import { beforeAll, describe, expect, test } from 'vitest'
import { FOGRA39_ICC } from '../../src/renderers/pdf/icc-data.js'
import type { PdfOptions } from '../../src/renderers/pdf/index.js'
import { checkOutputProfile, x1aImageProblem } from '../../src/renderers/pdf/standards.js'
import { picture, sampleBook, tool } from '../pdf/helpers.js'
import { has } from '../tools.js'
import { PdfObjects, png, render, text } from './helpers.js'

/** Leaf elements of an XML document, name → text (the XMP packet's properties). */
function xmpFields(xml: string): Map<string, string[]> {
  const fields = new Map<string, string[]>()
  const parser = new SaxesParser({ xmlns: false })
  const stack: Array<{ name: string; text: string; leaf: boolean }> = []
  parser.on('opentag', (tag) => {
    const parent = stack.at(-1)
    if (parent) parent.leaf = false
    stack.push({ name: tag.name, text: '', leaf: true })
  })
  parser.on('text', (t) => {
    const top = stack.at(-1)
    if (top) top.text += t
  })
  parser.on('closetag', () => {
    const top = stack.pop()!
    if (!top.leaf) return
    // rdf:li takes the name of the property it is in.
    const name = top.name === 'rdf:li' ? stack.at(-2)!.name : top.name
    fields.set(name, [...(fields.get(name) ?? []), top.text.trim()])
  })
  parser.write(xml).close()
  return fields
}

const inflate = (b64: string) => new Uint8Array(inflateSync(Buffer.from(b64, 'base64')))

const BLEED = 9 // 0.125in
const W = 432
const H = 648

interface Case {
  standard: PdfOptions['standard']
  version: string
  intent: string
  components: number
  space: string
}

const cases: Case[] = [
  { standard: 'pdf-x-4', version: '1.6', intent: '/GTS_PDFX', components: 4, space: 'CMYK' },
  { standard: 'pdf-x-1a', version: '1.4', intent: '/GTS_PDFX', components: 4, space: 'CMYK' },
  { standard: 'pdf-a-2b', version: '1.7', intent: '/GTS_PDFA1', components: 3, space: 'RGB ' },
]

describe.each(cases)('$standard', ({ standard, version, intent, components, space }) => {
  let bytes: Uint8Array
  let messages: Awaited<ReturnType<typeof render>>['messages']
  let pdf: PdfObjects
  beforeAll(async () => {
    // X-1a takes a greyscale figure; the others the RGB picture.
    const figure = standard === 'pdf-x-1a' ? png(0) : picture(1200)
    ;({ bytes, messages } = await render(
      sampleBook({ url: 'images/tower.png' }),
      { standard, bleed: '0.125in' },
      { 'images/tower.png': figure },
    ))
  }, 120_000)
  const objects = () => {
    pdf ??= new PdfObjects(bytes)
    return pdf
  }

  test('is written without a warning, in the PDF version the standard allows, and qpdf finds no damage', () => {
    expect(messages.filter((m) => m.level !== 'info')).toEqual([])
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe(`%PDF-${version}`)
    expect(tool('qpdf', ['--check', objects().path])).toContain('No syntax or stream encoding errors')
  })

  test('every page has a TrimBox at the trim and a BleedBox at the MediaBox, which includes the bleed', () => {
    const pages = objects().pages()
    expect(pages.length).toBeGreaterThan(5)
    for (const page of pages) {
      expect(page['/MediaBox']).toEqual([0, 0, W + 2 * BLEED, H + 2 * BLEED])
      expect(page['/TrimBox']).toEqual([BLEED, BLEED, BLEED + W, BLEED + H])
      expect(page['/BleedBox']).toEqual([0, 0, W + 2 * BLEED, H + 2 * BLEED])
    }
  })

  test('has one output intent of its kind, with an embedded ICC profile of the right colour space', () => {
    const pdf = objects()
    const intents = pdf.root['/OutputIntents'] as string[]
    expect(intents).toHaveLength(1)
    const oi = pdf.get(intents[0])
    expect(oi['/S']).toBe(intent)
    expect(text(oi['/OutputConditionIdentifier'])).toBe(
      intent === '/GTS_PDFX' ? 'FOGRA39' : 'sRGB IEC61966-2.1',
    )
    expect(text(oi['/RegistryName'])).toBe('http://www.color.org')
    const profileRef = oi['/DestOutputProfile']!
    expect(pdf.get(profileRef)['/N']).toBe(components)
    const icc = pdf.stream(profileRef)
    expect(new TextDecoder().decode(icc.subarray(36, 40))).toBe('acsp')
    expect(new TextDecoder().decode(icc.subarray(16, 20))).toBe(space)
    // The profile's own size field agrees with the bytes: the whole profile is there.
    expect(new DataView(icc.buffer, icc.byteOffset).getUint32(0)).toBe(icc.length)
  })

  test('identifies as the standard in the XMP and the Info dictionary, dates agreeing', () => {
    const pdf = objects()
    const xml = new TextDecoder().decode(pdf.stream(pdf.root['/Metadata']!))
    const xmp = xmpFields(xml)
    const info = pdf.get(pdf.trailer['/Info'])
    const infoText = (key: string) => text(pdf.value(info[key]))
    if (standard === 'pdf-a-2b') {
      expect(xmp.get('pdfaid:part')).toEqual(['2'])
      expect(xmp.get('pdfaid:conformance')).toEqual(['B'])
      expect(info['/GTS_PDFXVersion']).toBeUndefined()
    } else {
      const name = standard === 'pdf-x-4' ? 'PDF/X-4' : 'PDF/X-1a:2003'
      const key = standard === 'pdf-x-4' ? 'pdfxid:GTS_PDFXVersion' : 'pdfx:GTS_PDFXVersion'
      expect(xmp.get(key)).toEqual([name])
      expect(xmp.get('pdf:Trapped')).toEqual(['False'])
      expect(infoText('/GTS_PDFXVersion')).toBe(name)
      // Trapped is a name, not a string.
      expect(pdf.value(info['/Trapped'])).toBe('/False')
      expect(tool('pdfinfo', [pdf.path])).toMatch(new RegExp(`PDF subtype:\\s+${name.replace('/', '\\/')}`))
    }
    expect(xmp.get('dc:title')).toEqual([infoText('/Title')])
    expect(xmp.get('dc:creator')).toEqual([infoText('/Author')])
    expect(xmp.get('xmpMM:DocumentID')?.[0]).toMatch(/^uuid:[0-9a-f-]{36}$/)
    // Info dates (D:YYYYMMDDHHmmSSZ) are the XMP's.
    const xmpDate = (s: string) => `D:${s.replace(/[-:T]/g, '').replace('Z', '')}Z`
    expect(xmpDate(xmp.get('xmp:CreateDate')![0]!)).toBe(infoText('/CreationDate'))
    expect(xmpDate(xmp.get('xmp:ModifyDate')![0]!)).toBe(infoText('/ModDate'))
  })

  test('has a document ID in the trailer and no encryption; every font is embedded', () => {
    const pdf = objects()
    const id = pdf.trailer['/ID'] as string[]
    expect(id).toHaveLength(2)
    expect(id[0]).toMatch(/^b:[0-9a-f]{32}$/)
    expect(pdf.trailer['/Encrypt']).toBeUndefined()
    const fonts = tool('pdffonts', [pdf.path]).trim().split('\n').slice(2)
    expect(fonts.length).toBeGreaterThanOrEqual(3)
    for (const line of fonts) expect(line.split(/\s+/).at(-5), line).toBe('yes')
  })

  test('the file frame the standards ask: binary header comment, nothing after %%EOF, no scripts, printable annotations', () => {
    // ISO 19005-2 6.1.2 and 6.1.3 (ISO 15930 asks the same of PDF/X): a comment of four bytes
    // above 127 after the header line, and at most an end-of-line after the last %%EOF.
    expect([...bytes.subarray(9, 14)]).toEqual([0x25, 0xff, 0xff, 0xff, 0xff])
    expect(new TextDecoder().decode(bytes.subarray(bytes.length - 6))).toMatch(/%%EOF\n?$/)
    const pdf = objects()
    for (const key of ['/JavaScript', '/JS', '/Launch', '/EmbeddedFiles', '/AA', '/OCProperties'])
      expect(pdf.count(key), key).toBe(0)
    // The XMP is the catalog's metadata stream; the title it repeats is not empty.
    const metadata = pdf.get(pdf.root['/Metadata'])
    expect([metadata['/Type'], metadata['/Subtype']]).toEqual(['/Metadata', '/XML'])
    expect(text(pdf.value(pdf.get(pdf.trailer['/Info'])['/Title']))?.length).toBeGreaterThan(0)
    // Every annotation (PDF/A's links) prints and is not hidden: F has Print (4), not Hidden (2),
    // Invisible (1) or NoView (32).
    let annotations = 0
    for (const page of pdf.pages()) {
      for (const ref of (pdf.value(page['/Annots']) as string[] | undefined) ?? []) {
        annotations++
        const flags = pdf.get(ref)['/F'] as number
        expect(flags & 4).toBe(4)
        expect(flags & (1 | 2 | 32)).toBe(0)
      }
    }
    if (standard === 'pdf-a-2b') expect(annotations).toBeGreaterThan(0)
  })

  test('colour and transparency as the standard allows', () => {
    const pdf = objects()
    const pages = pdf.pages()
    if (standard === 'pdf-x-1a') {
      // CMYK and grey only, no transparency: no RGB, no soft mask, no ICC colour but the intent's.
      expect(pdf.count('/DeviceRGB')).toBe(0)
      expect(pdf.count('/SMask')).toBe(0)
      expect(pdf.count('/ICCBased')).toBe(0)
      expect(pdf.count('/CA') + pdf.count('/ca')).toBe(0)
    }
    if (standard === 'pdf-x-4') {
      // The figure is RGB: made device-independent (sRGB) on every page.
      expect(pdf.count('/DeviceRGB')).toBe(1)
      for (const page of pages) {
        const spaces = pdf.get(pdf.get(page['/Resources'])['/ColorSpace'])
        expect((spaces['/DefaultRGB'] as string[])[0]).toBe('/ICCBased')
      }
    }
    if (standard !== 'pdf-a-2b') expect(pdf.count('/Annots')).toBe(0)
    else {
      // The archive file keeps its links and its structure tree.
      expect(pdf.count('/Annots')).toBeGreaterThan(0)
      expect(pdf.root['/StructTreeRoot']).toBeDefined()
      expect(tool('pdfinfo', [pdf.path])).toMatch(/Tagged:\s+yes/)
    }
  })
})

describe('print standards', () => {
  test('the same book gives the same bytes; the document ID follows the content, not only the title and date', async () => {
    const a = await render(sampleBook(), { standard: 'pdf-x-4' })
    const b = await render(sampleBook(), { standard: 'pdf-x-4' })
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0)
    const changed = sampleBook()
    const first = (changed.children[0] as { children: Array<{ children: Array<{ value: string }> }> })
      .children[0]!
    first.children[0]!.value = `${first.children[0]!.value} And then the fog came.`
    const c = await render(changed, { standard: 'pdf-x-4' })
    const id = (bytes: Uint8Array) => /\/ID \[<([0-9a-f]+)>/.exec(Buffer.from(bytes).toString('latin1'))![1]
    expect(id(c.bytes)).not.toBe(id(a.bytes))
    // Without a standard the ID is pdfkit's hash of the Info dictionary: equal for both.
    const d = await render(sampleBook(), {})
    const e = await render(changed, {})
    expect(id(d.bytes)).toBe(id(e.bytes))
  }, 120_000)

  test('without bleed, every page still has a TrimBox and a BleedBox, both the MediaBox', async () => {
    const pdf = new PdfObjects((await render(sampleBook(), { standard: 'pdf-x-1a', trim: 'a5' })).bytes)
    for (const page of pdf.pages()) {
      expect(page['/TrimBox']).toEqual(page['/MediaBox'])
      expect(page['/BleedBox']).toEqual(page['/MediaBox'])
    }
  }, 60_000)

  test('PDF/X-1a refuses a colour or transparent figure, naming it, and keeps a greyscale one', async () => {
    for (const [type, what] of [
      [2, 'in RGB colour'],
      [6, 'in RGB colour and transparent'],
      [4, 'transparent'],
    ] as const) {
      const { messages, bytes } = await render(
        sampleBook({ url: 'images/plate.png' }),
        { standard: 'pdf-x-1a' },
        { 'images/plate.png': png(type) },
      )
      const refused = messages.filter((m) => m.code === 'pdf-standard-image')
      expect(refused).toHaveLength(1)
      expect(refused[0]!.level).toBe('error')
      expect(refused[0]!.message).toContain(`"images/plate.png" is ${what}`)
      expect(Buffer.from(bytes).includes('/Subtype /Image')).toBe(false)
    }
    const grey = await render(
      sampleBook({ url: 'images/plate.png' }),
      { standard: 'pdf-x-1a' },
      { 'images/plate.png': png(0) },
    )
    expect(grey.messages.filter((m) => m.code === 'pdf-standard-image')).toEqual([])
    expect(Buffer.from(grey.bytes).includes('/Subtype /Image')).toBe(true)
    // The same RGB figure is kept by PDF/X-4, which takes RGB through its sRGB DefaultRGB.
    const x4 = await render(
      sampleBook({ url: 'images/plate.png' }),
      { standard: 'pdf-x-4' },
      { 'images/plate.png': png(6) },
    )
    expect(x4.messages.filter((m) => m.code === 'pdf-standard-image')).toEqual([])
  }, 120_000)

  test('a book’s own CMYK profile becomes the output intent under its condition; an unusable one is a warning', async () => {
    const fogra = inflate(FOGRA39_ICC)
    const own = await render(
      sampleBook(),
      { standard: 'pdf-x-4', icc: 'print/press.icc', outputCondition: 'CGATS TR 006' },
      { 'print/press.icc': fogra },
    )
    expect(own.messages).toEqual([])
    if (has('qpdf')) {
      const pdf = new PdfObjects(own.bytes)
      const oi = pdf.get((pdf.root['/OutputIntents'] as string[])[0])
      expect(text(oi['/OutputConditionIdentifier'])).toBe('CGATS TR 006')
      expect(Buffer.compare(pdf.stream(oi['/DestOutputProfile']!), fogra)).toBe(0)
    }
    const srgb = await render(
      sampleBook(),
      { standard: 'pdf-x-1a', icc: 'srgb.icc' },
      { 'srgb.icc': inflate((await import('../../src/renderers/pdf/icc-data.js')).SRGB_ICC) },
    )
    const warned = srgb.messages.filter((m) => m.code === 'pdf-standard-icc')
    expect(warned).toHaveLength(1)
    expect(warned[0]!.message).toContain('"srgb.icc" cannot be used: its colour space is RGB')
    expect(warned[0]!.message).toContain('FOGRA39')
    const missing = await render(sampleBook(), { standard: 'pdf-x-4', icc: 'none.icc' })
    expect(missing.messages.map((m) => m.code)).toEqual(['pdf-standard-icc'])
  }, 120_000)

  test('the usual spellings of a standard are read; anything else is a warning and no standard', async () => {
    const { resolveOptions } = await import('../../src/renderers/pdf/options.js')
    const { SourceFile } = await import('../../src/diagnostics/file.js')
    const file = new SourceFile('')
    expect(resolveOptions({ standard: 'PDF/X-1a:2003' as never }, file).standard).toBe('pdf-x-1a')
    expect(resolveOptions({ standard: 'PDF/A-2b' as never }, file).standard).toBe('pdf-a-2b')
    expect(resolveOptions({ standard: 'pdf-x-4' }, file).standard).toBe('pdf-x-4')
    expect(resolveOptions({ standard: 'none' }, file).standard).toBeUndefined()
    expect(file.messages).toEqual([])
    expect(resolveOptions({ standard: 'pdf-x-3' as never }, file).standard).toBeUndefined()
    expect(file.messages.map((m) => m.code)).toEqual(['pdf-option-invalid'])
    expect(file.messages[0]!.message).toContain('pdf-x-4, pdf-x-1a, pdf-a-2b')
  })

  test('without a standard nothing changes: no output intent, PDF 1.7, links kept', async () => {
    const { bytes } = await render(sampleBook(), {})
    const s = Buffer.from(bytes).toString('latin1')
    expect(s.startsWith('%PDF-1.7')).toBe(true)
    expect(s).not.toContain('/OutputIntents')
    expect(s).not.toContain('GTS_PDFXVersion')
    expect(s).toContain('/Annots')
  }, 60_000)

  test('output profiles and X-1a figures are read from their bytes', () => {
    expect(checkOutputProfile(inflate(FOGRA39_ICC))).toEqual({ components: 4 })
    expect(checkOutputProfile(new Uint8Array(200)).why).toBe('it is not an ICC profile')
    expect(x1aImageProblem(png(0))).toBeUndefined()
    expect(x1aImageProblem(png(2))).toBe('in RGB colour')
    // A JPEG's frame header: 1 component (grey) is taken, 3 (YCbCr) is not.
    const jpeg = (components: number) =>
      new Uint8Array([
        0xff,
        0xd8,
        0xff,
        0xe0,
        0,
        4,
        0,
        0,
        0xff,
        0xc0,
        0,
        11,
        8,
        0,
        1,
        0,
        1,
        components,
        0,
        0,
        0,
      ])
    expect(x1aImageProblem(jpeg(1))).toBeUndefined()
    expect(x1aImageProblem(jpeg(4))).toBeUndefined()
    expect(x1aImageProblem(jpeg(3))).toBe('in RGB colour')
  })
})
