/**
 * PDF/X-4, PDF/X-1a:2003 and PDF/A-2b: what makes the file identify as its standard and meet the
 * rules pdfkit does not know of. The output intent with its embedded ICC profile (PDF/X: a CMYK
 * printing condition, FOGRA39 by default or the book's own `icc`; PDF/A: sRGB), the version marks
 * in the Info dictionary and the XMP (`pdfxid`/`pdfx`, `pdfaid`, `pdf:Trapped`, `xmpMM` ids,
 * modify and metadata dates equal to the Info dates), TrimBox and BleedBox on every page, a
 * document ID hashed from the file's content, and the PDF version each standard allows.
 *
 * Colour: the pages set no colour of their own, so text and rules are in the PDF's initial
 * DeviceGray black, which every standard accepts. Figures keep DeviceRGB: PDF/A-2b takes it
 * under its sRGB output intent, PDF/X-4 through a `DefaultRGB` (sRGB) colour space on each page,
 * and PDF/X-1a, which allows neither RGB nor transparency, refuses a colour or transparent figure
 * with `pdf-standard-image` (`standardImage`) and prints its alt text. PDF/X files carry no link
 * annotations (PDF/X allows none inside the bleed box); the outline (bookmarks) stays.
 */

import { sha256 } from '@noble/hashes/sha2'
import type { Env } from '../../env.js'
import { FOGRA39_ICC, SRGB_ICC } from './icc-data.js'
import type { PdfStandard, Settings } from './options.js'

type Doc = PDFKit.PDFDocument

/** How each standard names itself, and the newest PDF version it allows. */
const STANDARDS: Record<PdfStandard, { version: '1.4' | '1.6' | '1.7'; name: string }> = {
  'pdf-x-4': { version: '1.6', name: 'PDF/X-4' },
  'pdf-x-1a': { version: '1.4', name: 'PDF/X-1a:2003' },
  'pdf-a-2b': { version: '1.7', name: 'PDF/A-2b' },
}

/** The PDF version the file is written as: 1.7, or the newest its standard allows. */
export function pdfVersion(standard: PdfStandard | undefined): '1.4' | '1.6' | '1.7' {
  return standard ? STANDARDS[standard].version : '1.7'
}

export function isPdfX(standard: PdfStandard | undefined): boolean {
  return standard === 'pdf-x-4' || standard === 'pdf-x-1a'
}

/** The output intent: the printing (or viewing) condition the colours are meant for. */
export interface OutputIntent {
  subtype: 'GTS_PDFX' | 'GTS_PDFA1'
  /** OutputConditionIdentifier: a condition of the ICC's registry (`FOGRA39`) or `Custom`. */
  condition: string
  /** A readable description of the condition. */
  info: string
  /** Set when `condition` is a name in the ICC's registry of characterised conditions. */
  registry?: string
  /** The ICC profile, deflated when `deflated` (then written as it is with /FlateDecode). */
  profile: Uint8Array
  deflated: boolean
  /** Colour components of the profile's device space: 1 grey, 3 RGB, 4 CMYK. */
  components: 1 | 3 | 4
}

function base64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length))

/**
 * Why `bytes` cannot be a PDF/X output profile, or undefined when it can: an ICC profile (the
 * `acsp` signature), of an output device (`prtr`), in CMYK or grey.
 */
export function checkOutputProfile(bytes: Uint8Array): { why?: string; components?: 1 | 4 } {
  if (bytes.length < 132 || ascii(bytes, 36, 4) !== 'acsp') return { why: 'it is not an ICC profile' }
  const space = ascii(bytes, 16, 4)
  const components = space === 'CMYK' ? 4 : space === 'GRAY' ? 1 : undefined
  if (!components)
    return { why: `its colour space is ${space.trim()}, and a PDF/X output profile is CMYK or grey` }
  if (ascii(bytes, 12, 4) !== 'prtr')
    return { why: `it is a "${ascii(bytes, 12, 4)}" profile, not an output (printer) profile` }
  return { components }
}

/** The built-in PDF/X condition: FOGRA39, coated offset paper. */
function fogra39(): OutputIntent {
  return {
    subtype: 'GTS_PDFX',
    condition: 'FOGRA39',
    info: 'Coated FOGRA39 (ISO 12647-2:2004)',
    registry: 'http://www.color.org',
    profile: base64(FOGRA39_ICC),
    deflated: true,
    components: 4,
  }
}

/**
 * The output intent of `settings.standard`: sRGB for PDF/A; for PDF/X the book's `icc` profile
 * if it is a usable one (`pdf-standard-icc` otherwise, and FOGRA39 is used), else FOGRA39.
 */
export async function outputIntent(settings: Settings, env: Env): Promise<OutputIntent | undefined> {
  const { standard } = settings
  if (!standard) return undefined
  if (standard === 'pdf-a-2b')
    return {
      subtype: 'GTS_PDFA1',
      condition: 'sRGB IEC61966-2.1',
      info: 'sRGB IEC61966-2.1',
      registry: 'http://www.color.org',
      profile: base64(SRGB_ICC),
      deflated: true,
      components: 3,
    }
  const builtin = fogra39()
  if (settings.icc === undefined) {
    if (settings.outputCondition !== undefined)
      env.file.message(
        'pdf-standard-icc',
        `PDF option outputCondition = "${settings.outputCondition}" names the printing condition of an icc profile, and none is given; the built-in FOGRA39 profile is used`,
        undefined,
        'pdf',
      )
    return builtin
  }
  const refuse = (why: string) => {
    env.file.message(
      'pdf-standard-icc',
      `The output profile "${settings.icc}" cannot be used: ${why}; the built-in FOGRA39 profile is used`,
      undefined,
      'pdf',
    )
    return builtin
  }
  let bytes: Uint8Array
  try {
    bytes = await env.readFile(settings.icc, 'other')
  } catch (error) {
    return refuse((error as Error).message)
  }
  const checked = checkOutputProfile(bytes)
  if (checked.why) return refuse(checked.why)
  const condition = settings.outputCondition ?? 'Custom'
  return {
    subtype: 'GTS_PDFX',
    condition,
    info: settings.outputCondition ?? settings.icc,
    profile: bytes,
    deflated: false,
    components: checked.components!,
  }
}

interface Internals {
  info: Record<string, unknown>
  _id: Uint8Array
  _root: { data: Record<string, unknown> }
  _info: unknown
  page: { dictionary: { data: Record<string, unknown> }; resources: { data: Record<string, unknown> } }
  ref(data?: unknown): { data: Record<string, unknown>; write(chunk: Uint8Array): void; end(): void }
  push(chunk: Uint8Array | null): boolean
  endMetadata(): void
  appendXML(xml: string): void
  addPage(options?: unknown): Doc
  annotate(...args: unknown[]): Doc
}

const xml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** `uuid:` and a UUID (version 4 form, as XMP writers use) from the first 16 bytes of a digest. */
function uuid(digest: Uint8Array): string {
  const b = Array.from(digest.subarray(0, 16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('')
  return `uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * Make `doc` (made with `pdfVersion(settings.standard)`) write the file as its standard: call
 * right after creating it, before the first page.
 */
export function applyStandard(doc: Doc, settings: Settings, intent: OutputIntent, date: Date): void {
  const standard = settings.standard
  if (!standard) return
  const d = doc as unknown as Internals
  const name = STANDARDS[standard].name
  const pdfx = isPdfX(standard)

  // Info: the version marks (strings) and Trapped, which must be a name: pdfkit makes every
  // string value of `info` a PDF string, so the name is put in the dictionary as it is ended.
  if (pdfx) {
    d.info.GTS_PDFXVersion = name
    if (standard === 'pdf-x-1a') d.info.GTS_PDFXConformance = name
    let info: { data: Record<string, unknown>; end(): void } | undefined
    Object.defineProperty(doc, '_info', {
      configurable: true,
      get: () => info,
      set(ref: { data: Record<string, unknown>; end(): void }) {
        info = ref
        const end = ref.end
        ref.end = function (this: typeof ref) {
          this.data.Trapped = 'False'
          end.call(this)
        }
      },
    })
  }

  // The document ID: a hash of every byte before the metadata (pages, fonts, outline, Info).
  const hash = sha256.create()
  let hashing = true
  const push = d.push
  d.push = function (this: Internals, chunk: Uint8Array | null) {
    if (chunk && hashing) hash.update(chunk)
    return push.call(this, chunk)
  }

  // Every page: TrimBox and BleedBox (MediaBox is the trim plus any bleed); for PDF/X-4 the
  // sRGB figures are device-independent through DefaultRGB.
  let srgb: unknown
  const addPage = d.addPage
  d.addPage = function (this: Internals, options?: unknown) {
    const result = addPage.call(this, options)
    const b = settings.bleed
    const page = this.page.dictionary.data
    page.TrimBox = [b, b, b + settings.width, b + settings.height]
    page.BleedBox = [0, 0, settings.width + 2 * b, settings.height + 2 * b]
    if (standard === 'pdf-x-4') {
      if (!srgb) {
        const ref = this.ref({ N: 3, Filter: 'FlateDecode' })
        ref.write(base64(SRGB_ICC))
        ref.end()
        srgb = ref
      }
      this.page.resources.data.ColorSpace = { DefaultRGB: ['ICCBased', srgb] }
    }
    return result
  }
  // PDF/X: no annotations inside the bleed box, and links are all there are.
  if (pdfx) d.annotate = () => doc

  const endMetadata = d.endMetadata
  d.endMetadata = function (this: Internals) {
    hashing = false
    const digest = hash.digest()
    this._id = digest.subarray(0, 16)
    const profile = this.ref({
      N: intent.components,
      ...(intent.deflated ? { Filter: 'FlateDecode' } : {}),
    })
    profile.write(intent.profile)
    profile.end()
    const entry = this.ref({
      Type: 'OutputIntent',
      S: intent.subtype,
      OutputConditionIdentifier: new String(intent.condition),
      Info: new String(intent.info),
      ...(intent.registry ? { RegistryName: new String(intent.registry) } : {}),
      DestOutputProfile: profile,
    })
    entry.end()
    this._root.data.OutputIntents = [entry]
    this.appendXML(xmp(standard, date, uuid(digest)))
    endMetadata.call(this)
  }
}

/** The XMP this module adds to pdfkit's (title, authors, creation date, producer). */
function xmp(standard: PdfStandard, date: Date, id: string): string {
  const when = `${date.toISOString().split('.')[0]}Z`
  const name = STANDARDS[standard].name
  const marks =
    standard === 'pdf-a-2b'
      ? `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
  <pdfaid:part>2</pdfaid:part>
  <pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>`
      : `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
  <pdf:Trapped>False</pdf:Trapped>
</rdf:Description>
${
  standard === 'pdf-x-4'
    ? `<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
  <pdfxid:GTS_PDFXVersion>${xml(name)}</pdfxid:GTS_PDFXVersion>
</rdf:Description>`
    : `<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">
  <pdfx:GTS_PDFXVersion>${xml(name)}</pdfx:GTS_PDFXVersion>
  <pdfx:GTS_PDFXConformance>${xml(name)}</pdfx:GTS_PDFXConformance>
</rdf:Description>`
}`
  return `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
  <xmp:ModifyDate>${when}</xmp:ModifyDate>
  <xmp:MetadataDate>${when}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
  <xmpMM:DocumentID>${id}</xmpMM:DocumentID>
  <xmpMM:InstanceID>${id}</xmpMM:InstanceID>
  <xmpMM:VersionID>1</xmpMM:VersionID>
  <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:format>application/pdf</dc:format>
</rdf:Description>
${marks}`
}

/** PNG colour types: 0 grey, 2 RGB, 3 palette, 4 grey with alpha, 6 RGB with alpha. */
const PNG_COLOUR: Record<number, string> = {
  2: 'in RGB colour',
  3: 'in indexed (RGB) colour',
  4: 'transparent',
  6: 'in RGB colour and transparent',
}

/**
 * Why a figure cannot go into a PDF/X-1a file, which allows only CMYK and grey and no
 * transparency, or undefined when it can (a greyscale PNG with no transparency, a greyscale or
 * CMYK JPEG). Nothing is converted: an RGB to CMYK conversion needs the printer's profile and
 * rendering intent, which is the image editor's work (or PDF/X-4's, which keeps RGB).
 */
export function x1aImageProblem(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const type = bytes[25] ?? 2
    if (PNG_COLOUR[type]) return PNG_COLOUR[type]
    // A tRNS chunk makes a grey PNG transparent too.
    for (let pos = 8; pos + 8 <= bytes.length; ) {
      const length =
        ((bytes[pos]! << 24) | (bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!) >>> 0
      const kind = ascii(bytes, pos + 4, 4)
      if (kind === 'tRNS') return 'transparent'
      if (kind === 'IDAT' || kind === 'IEND') break
      pos += 12 + length
    }
    return undefined
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // The frame header (SOFn) gives the number of components.
    for (let pos = 2; pos + 9 < bytes.length; ) {
      if (bytes[pos] !== 0xff) return 'a JPEG whose colour could not be read'
      const marker = bytes[pos + 1]!
      const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const components = bytes[pos + 9]
        return components === 1 || components === 4 ? undefined : 'in RGB colour'
      }
      pos += 2 + length
    }
    return 'a JPEG whose colour could not be read'
  }
  return 'in a form PDF/X-1a cannot take'
}
