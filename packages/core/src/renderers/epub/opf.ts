/**
 * The package document (`content.opf`): EPUB 3.3 metadata with EPUB 2 fallbacks that older
 * reading systems and calibre read (`meta name="cover"`, `calibre:series`, the `<guide>`),
 * EPUB Accessibility 1.1 metadata, the manifest and the spine. The modification date is
 * `env.date`, never the clock.
 */

import { escapeAttr, escapeText } from '../../escape-xml.js'
import type { Identifier, Metadata } from '../../model/types.js'

export interface ManifestItem {
  id: string
  /** Path relative to `OEBPS/`. */
  href: string
  mediaType: string
  properties?: string
}

export interface GuideReference {
  type: string
  title: string
  href: string
}

export interface PackageInput {
  metadata: Metadata
  lang: string
  dir: 'ltr' | 'rtl'
  modified: Date
  items: ManifestItem[]
  /** Manifest ids in reading order. */
  spine: string[]
  guide: GuideReference[]
  /** Manifest id of the cover image, if any. */
  coverId?: string
  /** Images in the content (not the cover): drives `accessMode` visual. */
  hasImages: boolean
  /** Every content image has alt text (possibly empty, i.e. decorative). */
  allImagesHaveAlt: boolean
  accessibilitySummary: string
}

const ROLE_CODES: Record<string, string> = {
  editor: 'edt',
  translator: 'trl',
  illustrator: 'ill',
  contributor: 'ctb',
  author: 'aut',
}

/** MARC relator code for a contributor role: the named roles, any three-letter code, else `ctb`. */
export function roleCode(role: string): string {
  const known = ROLE_CODES[role.toLowerCase()]
  if (known) return known
  return /^[a-z]{3}$/.test(role) ? role : 'ctb'
}

/** "Jane Austen" → "Austen, Jane"; a single word or a name with a comma stays as it is. */
export function fileAs(name: string): string {
  if (name.includes(',')) return name
  const words = name.trim().split(/\s+/)
  if (words.length < 2) return name.trim()
  // Keep particles and suffixes with the surname: "Ursula K. Le Guin" → "Le Guin, Ursula K."
  let i = words.length - 1
  const suffix = /^(jr\.?|sr\.?|ii|iii|iv)$/i.test(words[i]!) ? words.splice(i--, 1)[0] : undefined
  while (i > 1 && /^(de|da|del|der|di|du|la|le|van|von|den|ten|ter)$/i.test(words[i - 1]!)) i--
  const surname = words.slice(i).join(' ')
  const given = words.slice(0, i).join(' ')
  return `${surname}, ${given}${suffix ? `, ${suffix}` : ''}`
}

export function identifierValue(id: Identifier): string {
  if (id.scheme === 'uuid') return `urn:uuid:${id.value.toLowerCase()}`
  if (id.scheme === 'isbn') return `urn:isbn:${id.value.replace(/[^0-9Xx]/g, '')}`
  return id.value
}

/** W3C date (`2024`, `2024-05`, `2024-05-01`, or a full timestamp), as EPUB requires for `dc:date`. */
export function isW3cDate(date: string): boolean {
  return /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/.test(
    date,
  )
}

/** `YYYY-MM-DDThh:mm:ssZ`, the only form `dcterms:modified` allows. */
export function modifiedDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

const el = (name: string, value: string, attrs = '') =>
  `    <${name}${attrs}>${escapeText(value)}</${name}>\n`
const meta = (property: string, value: string, refines?: string, scheme?: string) =>
  el(
    'meta',
    value,
    `${refines ? ` refines="#${refines}"` : ''} property="${property}"${scheme ? ` scheme="${scheme}"` : ''}`,
  )

/**
 * The `dc:subject` entries: the book's subjects, then an archive work's fandoms, relationships,
 * characters and freeform tags and its status, as FanFicFare writes them (calibre, KOReader and
 * Kobo show subjects as tags). Each once, the first spelling kept.
 */
export function subjectsOf(m: Metadata): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const status =
    m.status === 'complete' ? 'Completed' : m.status === 'in-progress' ? 'In-Progress' : undefined
  for (const list of [m.subjects, m.fandoms, m.relationships, m.characters, m.tags, status ? [status] : []]) {
    for (const subject of list ?? []) {
      const text = subject.trim()
      const key = text.toLowerCase()
      if (!text || seen.has(key)) continue
      seen.add(key)
      out.push(text)
    }
  }
  return out
}

function metadataXml(input: PackageInput): string {
  const m = input.metadata
  let out = ''
  out += el('dc:identifier', identifierValue(m.identifier), ' id="book-id"')
  if (m.identifier.scheme === 'isbn') out += meta('identifier-type', '15', 'book-id', 'onix:codelist5')
  out += el('dc:title', m.title, ' id="title"')
  out += meta('title-type', 'main', 'title')
  if (m.subtitle) {
    out += el('dc:title', m.subtitle, ' id="subtitle"')
    out += meta('title-type', 'subtitle', 'subtitle')
  }
  m.authors.forEach((author, i) => {
    const id = `author-${i + 1}`
    out += el('dc:creator', author.name, ` id="${id}"`)
    out += meta('role', 'aut', id, 'marc:relators')
    out += meta('file-as', author.fileAs ?? fileAs(author.name), id)
    if (m.authors.length > 1) out += meta('display-seq', String(i + 1), id)
  })
  m.contributors.forEach((person, i) => {
    const id = `contributor-${i + 1}`
    out += el('dc:contributor', person.name, ` id="${id}"`)
    out += meta('role', roleCode(person.role), id, 'marc:relators')
    out += meta('file-as', person.fileAs ?? fileAs(person.name), id)
  })
  out += el('dc:language', input.lang)
  if (m.publisher) out += el('dc:publisher', m.publisher)
  const date = m.date ?? m.published
  if (date && isW3cDate(date)) out += el('dc:date', date)
  if (m.description) out += el('dc:description', m.description)
  for (const subject of subjectsOf(m)) out += el('dc:subject', subject)
  if (m.source) out += el('dc:source', m.source)
  if (m.rights) out += el('dc:rights', m.rights)
  if (m.series?.name) {
    out += el('meta', m.series.name, ' property="belongs-to-collection" id="series"')
    out += meta('collection-type', 'series', 'series')
    if (m.series.number !== undefined) out += meta('group-position', String(m.series.number), 'series')
  }
  out += meta('dcterms:modified', modifiedDate(input.modified))

  // EPUB Accessibility 1.1 discovery metadata.
  out += meta('schema:accessMode', 'textual')
  if (input.hasImages) out += meta('schema:accessMode', 'visual')
  out += meta('schema:accessModeSufficient', 'textual')
  if (input.hasImages && !input.allImagesHaveAlt) out += meta('schema:accessModeSufficient', 'textual,visual')
  for (const feature of [
    'structuralNavigation',
    'tableOfContents',
    'readingOrder',
    'displayTransformability',
  ]) {
    out += meta('schema:accessibilityFeature', feature)
  }
  if (input.hasImages && input.allImagesHaveAlt) out += meta('schema:accessibilityFeature', 'alternativeText')
  out += meta('schema:accessibilityHazard', 'none')
  out += meta('schema:accessibilitySummary', input.accessibilitySummary)
  out += meta('dcterms:conformsTo', 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA')

  // EPUB 2 / calibre compatibility: EPUB 3 keeps `meta name content` for exactly this.
  if (input.coverId) out += `    <meta name="cover" content="${escapeAttr(input.coverId)}"/>\n`
  if (m.series?.name) {
    out += `    <meta name="calibre:series" content="${escapeAttr(m.series.name)}"/>\n`
    if (m.series.number !== undefined) {
      out += `    <meta name="calibre:series_index" content="${escapeAttr(String(m.series.number))}"/>\n`
    }
  }
  return out
}

export function packageDocument(input: PackageInput): string {
  const lang = escapeAttr(input.lang)
  const items = input.items
    .map(
      (item) =>
        `    <item id="${item.id}" href="${escapeAttr(item.href)}" media-type="${item.mediaType}"${item.properties ? ` properties="${item.properties}"` : ''}/>\n`,
    )
    .join('')
  const spine = input.spine.map((idref) => `    <itemref idref="${idref}"/>\n`).join('')
  const guide =
    input.guide.length > 0
      ? `  <guide>\n${input.guide.map((g) => `    <reference type="${g.type}" title="${escapeAttr(g.title)}" href="${escapeAttr(g.href)}"/>\n`).join('')}  </guide>\n`
      : ''
  const ppd = input.dir === 'rtl' ? ' page-progression-direction="rtl"' : ''
  const dir = input.dir === 'rtl' ? ' dir="rtl"' : ''
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${lang}"${dir}>
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadataXml(input)}  </metadata>
  <manifest>
${items}  </manifest>
  <spine toc="ncx"${ppd}>
${spine}  </spine>
${guide}</package>
`
}
