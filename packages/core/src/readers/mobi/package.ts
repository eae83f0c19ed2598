/**
 * The Kindle book as an EPUB in memory: its documents, style sheets and pictures, a package
 * document made from the MOBI header and the EXTH records, an NCX from the book's own table of
 * contents, zipped without compression for the EPUB reader (`readEpub`) to read as any EPUB.
 */
import { zipSync } from 'fflate'
import { escapeAttr, escapeText } from '../../escape-xml.js'
import { exthNumber, exthText, exthTexts, type MobiHeader } from './header.js'
import type { Picture } from './resources.js'

export interface Document {
  /** Entry name, under `text/`. */
  path: string
  xhtml: string
}

export interface NavPoint {
  label: string
  /** Entry name with fragment: `text/part0002.html#filepos451`. */
  href: string
  children: NavPoint[]
}

export interface Book {
  documents: Document[]
  /** Other entries (style sheets, pictures), by entry name. */
  files: Map<string, { bytes: Uint8Array; mediaType: string }>
  toc: NavPoint[]
  /** Guide references: type → entry with fragment. */
  guide: Array<{ type: string; title: string; href: string }>
  /** Entry name of the cover picture. */
  cover?: string
}

/** Locale numbers of the MOBI header (Windows language ids, low byte) to BCP 47, for the common ones. */
const LOCALES: Record<number, string> = {
  1: 'ar',
  2: 'bg',
  3: 'ca',
  4: 'zh',
  5: 'cs',
  6: 'da',
  7: 'de',
  8: 'el',
  9: 'en',
  10: 'es',
  11: 'fi',
  12: 'fr',
  13: 'he',
  14: 'hu',
  15: 'is',
  16: 'it',
  17: 'ja',
  18: 'ko',
  19: 'nl',
  20: 'no',
  21: 'pl',
  22: 'pt',
  24: 'ro',
  25: 'ru',
  26: 'hr',
  27: 'sk',
  28: 'sq',
  29: 'sv',
  30: 'th',
  31: 'tr',
  32: 'ur',
  33: 'id',
  34: 'uk',
  35: 'be',
  36: 'sl',
  37: 'et',
  38: 'lv',
  39: 'lt',
  41: 'fa',
  42: 'vi',
  43: 'hy',
  44: 'az',
  45: 'eu',
  47: 'mk',
  54: 'af',
  55: 'ka',
  56: 'fo',
  57: 'hi',
  62: 'ms',
  65: 'sw',
  78: 'sa',
}

export function language(header: MobiHeader): string | undefined {
  const stated = exthText(header, 524)
  if (stated) return stated
  return LOCALES[header.locale & 0xff]
}

const el = (name: string, value: string | undefined, attrs = '') =>
  value ? `<${name}${attrs}>${escapeText(value)}</${name}>\n` : ''

function opf(book: Book, header: MobiHeader, title: string): string {
  const md: string[] = []
  md.push(el('dc:title', title))
  for (const author of exthTexts(header, 100)) md.push(el('dc:creator', author, ' opf:role="aut"'))
  // EXTH 108, contributor: calibre signs its conversions there (the EPUB reader then knows its
  // placeholders, "Unknown" for a title or author it was not given, and leaves the credit out).
  for (const contributor of exthTexts(header, 108))
    md.push(el('dc:contributor', contributor, /\bcalibre\b/i.test(contributor) ? ' opf:role="bkp"' : ''))
  md.push(el('dc:publisher', exthText(header, 101)))
  md.push(el('dc:description', exthText(header, 103)))
  const isbn = exthText(header, 104)
  md.push(el('dc:identifier', isbn ? `urn:isbn:${isbn.replace(/[^0-9Xx]/g, '')}` : undefined, ' id="id"'))
  if (!isbn)
    md.push(
      el('dc:identifier', exthText(header, 113) ?? exthText(header, 112) ?? 'urn:octavo:mobi', ' id="id"'),
    )
  for (const subject of exthTexts(header, 105)) md.push(el('dc:subject', subject))
  md.push(el('dc:date', exthText(header, 106)))
  md.push(el('dc:rights', exthText(header, 109)))
  md.push(el('dc:language', language(header) ?? 'en'))
  if (book.cover) md.push('<meta name="cover" content="cover-image"/>\n')
  const manifest: string[] = ['<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>']
  for (const [i, d] of book.documents.entries())
    manifest.push(`<item id="d${i}" href="${escapeAttr(d.path)}" media-type="application/xhtml+xml"/>`)
  let n = 0
  for (const [path, file] of book.files)
    manifest.push(
      `<item id="${path === book.cover ? 'cover-image' : `r${n++}`}" href="${escapeAttr(path)}" media-type="${file.mediaType}"/>`,
    )
  const spine = book.documents.map((_, i) => `<itemref idref="d${i}"/>`).join('\n')
  const guide = book.guide
    .map(
      (g) =>
        `<reference type="${escapeAttr(g.type)}" title="${escapeAttr(g.title)}" href="${escapeAttr(g.href)}"/>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
${md.join('')}</metadata>
<manifest>
${manifest.join('\n')}
</manifest>
<spine toc="ncx">
${spine}
</spine>
${guide ? `<guide>\n${guide}\n</guide>\n` : ''}</package>
`
}

function ncx(book: Book, title: string): string {
  let order = 0
  const point = (p: NavPoint): string =>
    `<navPoint id="n${++order}" playOrder="${order}"><navLabel><text>${escapeText(p.label)}</text></navLabel><content src="${escapeAttr(p.href)}"/>${p.children.map(point).join('')}</navPoint>\n`
  return `<?xml version="1.0" encoding="utf-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
<head><meta name="dtb:uid" content="mobi"/></head>
<docTitle><text>${escapeText(title)}</text></docTitle>
<navMap>
${book.toc.map(point).join('')}</navMap>
</ncx>
`
}

const CONTAINER = `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`

/** The book's title: the updated title (EXTH 503), else the MOBI header's full name. */
export function bookTitle(header: MobiHeader, database: string): string {
  return exthText(header, 503) ?? (header.fullName.trim() || database.replace(/_/g, ' '))
}

/** A fixed time for the zip's entries: the archive is read at once, never written out. */
const MTIME = new Date(Date.UTC(2000, 0, 1))

export function zipBook(book: Book, header: MobiHeader, title: string): Uint8Array {
  const enc = new TextEncoder()
  const files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {}
  const add = (name: string, bytes: Uint8Array) => {
    files[name] = [bytes, { level: 0, mtime: MTIME }]
  }
  add('mimetype', enc.encode('application/epub+zip'))
  add('META-INF/container.xml', enc.encode(CONTAINER))
  add('content.opf', enc.encode(opf(book, header, title)))
  add('toc.ncx', enc.encode(ncx(book, title)))
  for (const d of book.documents) add(d.path, enc.encode(d.xhtml))
  for (const [path, file] of book.files) add(path, file.bytes)
  return zipSync(files)
}

export function picturePath(number: number, picture: Picture): string {
  return `images/image${String(number).padStart(4, '0')}.${picture.extension}`
}

/** The cover picture's resource number (EXTH 201 is 0-based from the first resource record). */
export function coverNumber(header: MobiHeader): number | undefined {
  const offset = exthNumber(header, 201)
  return offset === undefined || offset === 0xffffffff ? undefined : offset + 1
}
