/**
 * An EPUB's package document (OPF), EPUB 2 or 3: where it is (META-INF/container.xml), its
 * manifest, its spine in reading order, and its metadata as Octavo's `Metadata` fields: Dublin
 * Core, creator roles (EPUB 2 `opf:role` or EPUB 3 `refines`), calibre's series meta and EPUB 3's
 * `belongs-to-collection`, the cover image (EPUB 3 `cover-image` or EPUB 2 `<meta name="cover">`).
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { parseFragment } from 'parse5'
import type { Contributor, Metadata, Person } from '../../model/types.js'
import { CALIBRE_UNKNOWN } from '../shared/placeholders.js'
import {
  attribute,
  element,
  elements,
  parseXml,
  textOf,
  type XmlElement,
  type XmlProblem,
} from '../shared/xml.js'
import { folderOf, resolveHref } from './paths.js'

export interface ManifestItem {
  id: string
  /** Archive entry name. */
  path: string
  mediaType: string
  properties: string[]
}

export interface SpineItem {
  idref: string
  linear: boolean
}

export interface Package {
  path: string
  version: string
  manifest: Map<string, ManifestItem>
  spine: SpineItem[]
  /** Manifest id of the EPUB 2 NCX (`<spine toc>`). */
  ncx?: string
  /** EPUB 2 guide references: type → entry path. */
  guide: Map<string, string>
  metadata: Partial<Metadata>
  /** Archive entry of the cover image. */
  cover?: string
  /** The package was written by calibre (its tool credit, its `calibre:` metadata). */
  calibre?: boolean
  /**
   * Metadata fields that held the maker's placeholder for "none" (calibre's "Unknown" for a
   * missing title or author), left out of `metadata`: which, and the text they held.
   */
  placeholders?: Array<{ field: 'title' | 'author'; text: string }>
  problems: XmlProblem[]
}

/** The package document's path from container.xml, or the first `.opf` when it names none. */
export function packagePath(
  container: string | undefined,
  entries: readonly string[],
): { path?: string; problems: XmlProblem[] } {
  const problems: XmlProblem[] = []
  if (container !== undefined) {
    const parsed = parseXml(container)
    problems.push(...parsed.problems)
    if (parsed.root) {
      const rootfiles = elements(element(parsed.root, 'rootfiles') ?? parsed.root, 'rootfile')
      const chosen =
        rootfiles.find((r) => attribute(r, 'media-type') === 'application/oebps-package+xml') ?? rootfiles[0]
      const fullPath = chosen && attribute(chosen, 'full-path')
      const resolved = fullPath ? resolveHref('', fullPath) : undefined
      if (resolved && entries.includes(resolved.path)) return { path: resolved.path, problems }
    }
  }
  const opf = entries.find((name) => /\.opf$/i.test(name))
  return opf ? { path: opf, problems } : { problems }
}

const UUID = /^(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

/** MARC relator codes producers put on their own tools, not on people. */
const TOOL_ROLES = new Set(['bkp', 'mrk'])

export function parsePackage(path: string, text: string): Package | { problems: XmlProblem[] } {
  const parsed = parseXml(text)
  const root = parsed.root
  if (root?.local !== 'package') return { problems: parsed.problems }
  const base = folderOf(path)
  const manifest = new Map<string, ManifestItem>()
  for (const item of elements(element(root, 'manifest') ?? root, 'item')) {
    const id = attribute(item, 'id')
    const href = attribute(item, 'href')
    const resolved = href ? resolveHref(base, href) : undefined
    if (!id || !resolved || manifest.has(id)) continue
    manifest.set(id, {
      id,
      path: resolved.path,
      mediaType: (attribute(item, 'media-type') ?? '').trim().toLowerCase(),
      properties: words(attribute(item, 'properties')),
    })
  }
  const spineElement = element(root, 'spine')
  const spine: SpineItem[] = []
  for (const ref of spineElement ? elements(spineElement, 'itemref') : []) {
    const idref = attribute(ref, 'idref')
    if (idref) spine.push({ idref, linear: attribute(ref, 'linear') !== 'no' })
  }
  const guide = new Map<string, string>()
  const guideElement = element(root, 'guide')
  for (const ref of guideElement ? elements(guideElement, 'reference') : []) {
    const type = attribute(ref, 'type')?.toLowerCase()
    const href = attribute(ref, 'href')
    const resolved = href ? resolveHref(base, href) : undefined
    if (type && resolved && !guide.has(type)) guide.set(type, resolved.path)
  }
  const pkg: Package = {
    path,
    version: attribute(root, 'version') ?? '',
    manifest,
    spine,
    guide,
    metadata: {},
    problems: parsed.problems,
  }
  const ncx = spineElement && attribute(spineElement, 'toc')
  if (ncx) pkg.ncx = ncx
  const metadataElement = element(root, 'metadata')
  if (metadataElement) readMetadata(pkg, root, metadataElement)
  return pkg
}

function readMetadata(pkg: Package, root: XmlElement, meta: XmlElement): void {
  // EPUB 2 nests Dublin Core inside dc-metadata; read both shapes.
  const nested = (local: string) => {
    const inner = element(meta, local)
    return inner ? elements(inner) : []
  }
  const fields = [...elements(meta), ...nested('dc-metadata')]
  const dc = (local: string) =>
    fields.filter((e) => e.local === local && e.uri === 'http://purl.org/dc/elements/1.1/')
  const metas = [...elements(meta), ...nested('x-metadata')].filter((e) => e.local === 'meta')
  // EPUB 3 refinements: `<meta refines="#id" property="role">aut</meta>`.
  const refines = new Map<string, Map<string, string>>()
  const named = new Map<string, string>()
  for (const m of metas) {
    const target = attribute(m, 'refines')
    const property = attribute(m, 'property')
    const name = attribute(m, 'name')
    if (target?.startsWith('#') && property) {
      const map = refines.get(target.slice(1)) ?? new Map<string, string>()
      if (!map.has(property)) map.set(property, textOf(m))
      refines.set(target.slice(1), map)
    } else if (name && !named.has(name)) named.set(name, (attribute(m, 'content') ?? '').trim())
  }
  const refined = (el: XmlElement, property: string) => {
    const id = attribute(el, 'id')
    return id ? refines.get(id)?.get(property) : undefined
  }
  const md = pkg.metadata
  // calibre credits itself (`bkp`) and writes `calibre:` metadata; with no title or author to go
  // on, it writes the word "Unknown" in its user's language, which is no title and no name.
  pkg.calibre =
    [...named.keys()].some((name) => name.startsWith('calibre:')) ||
    metas.some((m) => attribute(m, 'property')?.startsWith('calibre:')) ||
    /(?:^|\s)calibre:/.test(attribute(root, 'prefix') ?? '') ||
    dc('contributor').some((c) => /\bcalibre\b/i.test(textOf(c)))
  const placeholder = (field: 'title' | 'author', text: string): boolean => {
    if (!pkg.calibre || !CALIBRE_UNKNOWN.has(text.trim().toLowerCase())) return false
    pkg.placeholders ??= []
    pkg.placeholders.push({ field, text: text.trim() })
    return true
  }

  const titles = dc('title').filter((t) => textOf(t) !== '' && !placeholder('title', textOf(t)))
  const main = titles.find((t) => refined(t, 'title-type') === 'main') ?? titles[0]
  if (main) md.title = textOf(main)
  const subtitle = titles.find((t) => refined(t, 'title-type') === 'subtitle')
  if (subtitle) md.subtitle = textOf(subtitle)

  const authors: Person[] = []
  const contributors: Contributor[] = []
  for (const [local, defaultRole] of [
    ['creator', 'aut'],
    ['contributor', 'ctb'],
  ] as const) {
    for (const el of dc(local)) {
      const name = textOf(el)
      if (!name) continue
      const role = (attribute(el, 'role') ?? refined(el, 'role') ?? defaultRole).trim().toLowerCase()
      if (TOOL_ROLES.has(role)) continue
      if (role === 'aut' && placeholder('author', name)) continue
      // calibre writes its "Unknown" as every creator's sort name when it has none: no sort name.
      const fileAs = (attribute(el, 'file-as') ?? refined(el, 'file-as'))?.trim()
      const sortable = fileAs && !(pkg.calibre && CALIBRE_UNKNOWN.has(fileAs.toLowerCase()))
      // Several people in one creator ("Jane Roe; John Doe", as a Word file's author field said
      // it and calibre copied it): each their own, a sort name only for one alone.
      const names = name
        .split(/\s*;\s*/)
        .filter((n) => n !== '' && !(role === 'aut' && placeholder('author', n)))
      for (const one of names) {
        const person: Person = { name: one, ...(sortable && names.length === 1 ? { fileAs } : {}) }
        if (role === 'aut') authors.push(person)
        else contributors.push({ ...person, role: ROLES[role] ?? role })
      }
    }
  }
  if (authors.length > 0) md.authors = authors
  if (contributors.length > 0) md.contributors = contributors

  const language = dc('language')
    .map(textOf)
    .find((l) => /^[a-z]{2,8}(?:[-_][a-z0-9]{1,8})*$/i.test(l))
  if (language) md.language = language.replace(/_/g, '-')

  const uniqueId = attribute(root, 'unique-identifier')
  const identifiers = dc('identifier')
  const identifier = identifiers.find((i) => attribute(i, 'id') === uniqueId) ?? identifiers[0]
  const idValue = identifier && textOf(identifier)
  if (idValue) {
    const uuid = UUID.exec(idValue)
    md.identifier = uuid
      ? { scheme: 'uuid', value: uuid[1]!.toLowerCase() }
      : { scheme: 'uri', value: idValue }
  }

  const publisher = dc('publisher').map(textOf).find(Boolean)
  if (publisher) md.publisher = publisher
  const date = dc('date')
    .map((d) => isoDate(textOf(d)))
    .find(Boolean)
  if (date) md.date = date
  const description = dc('description')
    .map((d) => plainText(textOf(d)))
    .find(Boolean)
  if (description) md.description = description
  const subjects = dc('subject').map(textOf).filter(Boolean)
  if (subjects.length > 0) md.subjects = [...new Set(subjects)]
  const rights = dc('rights').map(textOf).find(Boolean)
  if (rights) md.rights = rights

  const calibreSeries = named.get('calibre:series')
  if (calibreSeries) {
    const number = Number(named.get('calibre:series_index'))
    md.series = { name: calibreSeries, ...(Number.isFinite(number) && number > 0 ? { number } : {}) }
  } else {
    const collection = metas.find(
      (m) =>
        attribute(m, 'property') === 'belongs-to-collection' &&
        !attribute(m, 'refines') &&
        (refined(m, 'collection-type') ?? 'series') === 'series',
    )
    if (collection && textOf(collection)) {
      const number = Number(refined(collection, 'group-position'))
      md.series = { name: textOf(collection), ...(Number.isFinite(number) && number > 0 ? { number } : {}) }
    }
  }

  // EPUB 2's `<meta name="cover">` names the image's manifest id; some makers write its path
  // instead (`Images/cover.png`, relative to the package document), which names it as well.
  const coverMeta = named.get('cover') ?? ''
  const coverPath = coverMeta ? resolveHref(folderOf(pkg.path), coverMeta)?.path : undefined
  const coverItem =
    [...pkg.manifest.values()].find((i) => i.properties.includes('cover-image')) ??
    pkg.manifest.get(coverMeta) ??
    [...pkg.manifest.values()].find((i) => i.path === coverPath)
  if (coverItem?.mediaType.startsWith('image/')) pkg.cover = coverItem.path
}

/** MARC relator codes Octavo names in words (see `ContributorRole`). */
const ROLES: Record<string, string> = {
  edt: 'editor',
  trl: 'translator',
  ill: 'illustrator',
  ctb: 'contributor',
}

/** `2020-01-05T00:00:00+00:00` → `2020-01-05`; calibre's `0101-01-01` (no date) → nothing. */
function isoDate(text: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text.trim())
  if (!match || Number(match[1]) < 1000) return undefined
  return [match[1], match[2], match[3]].filter(Boolean).join('-')
}

/** Elements whose end starts a new paragraph of a description's text. */
const PARAGRAPH_ENDS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'br'])

/**
 * A description given as HTML (calibre, AO3 summaries): its text, paragraphs on blank lines, every
 * character reference decoded (`&#8217;`, `&rsquo;`, `&nbsp;`) as an HTML parser decodes it.
 */
function plainText(text: string): string {
  const tagged = /<[a-z!/]/i.test(text)
  if (!tagged && !/&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text)) return text
  let out = ''
  const stack: P5.ChildNode[] = [...parseFragment(text).childNodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.nodeName === '#text') out += (node as P5.TextNode).value
    else if ('tagName' in node) {
      if (node.tagName === 'script' || node.tagName === 'style') continue
      // The paragraph break after the element: pushed first, so it comes after its children.
      if (PARAGRAPH_ENDS.has(node.tagName)) stack.push({ nodeName: '#text', value: '\n\n' } as P5.TextNode)
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
    }
  }
  // Plain text with references in it keeps its own lines; only HTML's white space is collapsed.
  if (!tagged) return out
  return out
    .split(/\n{2,}/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n')
}

function words(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean)
}
