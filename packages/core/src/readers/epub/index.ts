/**
 * The EPUB reader: an EPUB 2 or 3 (from AO3, FanFicFare, calibre, pandoc, Octavo or a publisher)
 * in, its chapters out, so it can be re-typeset to PDF or cleaned up into a valid EPUB 3. The zip
 * is opened by the safe archive layer (shared/archive.ts) and its XML read without DTDs
 * (shared/xml.ts); container.xml leads to the package document, whose spine gives the documents in
 * reading order. Each document goes through the HTML reader (the same sanitising conversion,
 * footnotes from `epub:type` notes and noterefs, headings, scene breaks; quotations, scene breaks,
 * verse and alignment a publisher set by class alone, judged over the whole book by
 * `shared/class-layout.ts`), under a path inside the
 * EPUB (`novel.epub/OEBPS/text/ch1.xhtml`) so its diagnostics say where and its images resolve to
 * archive entries, which travel as `resources`. A document without a heading takes its title from
 * the navigation (nav or NCX). Pages the maker generated are left out (generated.ts); the OPF's
 * metadata becomes `ReadResult.metadata`. Never throws.
 */

import type { DefaultTreeAdapterTypes } from 'parse5'
import { SourceFile } from '../../diagnostics/file.js'
import type { BlockContent, Chapter, Matter, Metadata, Node, Part } from '../../model/types.js'
import { toText, visit } from '../../model/walk.js'
import { declaredCharset, decodeSource, reportEncoding } from '../encoding.js'
import { ao3Metadata } from '../html/sites/ao3.js'
import { readHtmlText } from '../html.js'
import { type Archive, isArchiveProblem, openArchive } from '../shared/archive.js'
import { headChapter, headingFields, makePart } from '../shared/chapter.js'
import { BookLayout, type LayoutRule, layoutRules } from '../shared/class-layout.js'
import { type SheetRule, sheetRules } from '../shared/class-styles.js'
import { withDataImages } from '../shared/data-images.js'
import { parseHtml } from '../shared/parse5.js'
import type { Reader, ReaderOptions, ReadResult } from '../types.js'
import { epubEntry } from './entry.js'
import { isCalibreCover, judgePage, pageImage } from './generated.js'
import { caseLenient, documentItem, slashedNames } from './lenient.js'
import {
  documentSplits,
  documentTitles,
  elementsOf,
  type Navigation,
  navigationParts,
  navTitles,
  ncxTitles,
} from './nav.js'
import { joinNotes, type NoteDocument } from './notes.js'
import { type Package, packagePath, parsePackage } from './package.js'
import { partPage } from './part-page.js'
import { folderOf, resolveHref } from './paths.js'
import { anchorsOf, consumeTitleParagraph, splitChapter, titleChapters } from './split.js'
import { parseXhtml } from './xhtml.js'

const SOURCE = 'epub'

/** The reader's code for each kind of note the decoder makes about a document's encoding. */
const ENCODING_CODES = {
  detected: 'epub-input-encoding-detected',
  uncertain: 'epub-input-encoding',
  fallback: 'epub-input-encoding',
  invalid: 'epub-input-encoding',
  ignored: 'epub-input-encoding',
} as const

export const epubReader: Reader & { codes: (typeof epubEntry)['codes'] } = {
  ...epubEntry,
  read: (input, file, options) => {
    try {
      return readEpub(input, file, options)
    } catch (error) {
      file.message(
        'internal-error',
        `The EPUB reader failed: ${(error as Error)?.message ?? error}`,
        undefined,
        SOURCE,
      )
      return { children: [] }
    }
  },
}

/** The work a read did, counted for the tests that prove it linear. */
export interface EpubWork {
  /** Documents parsed as HTML, by archive entry: each once. */
  parses: Map<string, number>
  /** Elements the cross-document notes pass visited. */
  noteVisits: number
  /** Documents XML could not read as HTML would, parsed by parse5 instead. */
  fallbacks: number
}

/**
 * Parse a document once, with source positions (diagnostics and chapter splits need them): as
 * XML when it reads as HTML would (xhtml.ts, several times faster), else with parse5.
 */
function parseDocument(path: string, html: string, work: EpubWork | undefined) {
  if (work) work.parses.set(path, (work.parses.get(path) ?? 0) + 1)
  const xml = parseXhtml(html)
  if (xml) return xml
  if (work) work.fallbacks++
  return parseHtml(html)
}

export function readEpub(
  input: Uint8Array | string,
  file: SourceFile,
  options: ReaderOptions,
  work?: EpubWork,
): ReadResult {
  if (typeof input === 'string') {
    file.message(
      'archive-not-zip',
      `"${file.path}" was given as text; an EPUB is a zip archive of bytes`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  // Entry names zipped on Windows with backslashes are read as the slashes they stand for.
  const slashed = slashedNames(input)
  const opened = openArchive(slashed.bytes)
  if (isArchiveProblem(opened)) {
    file.message(opened.code, `${file.path}: ${opened.message}`, undefined, SOURCE)
    return { children: [] }
  }
  for (const problem of opened.problems)
    file.message(problem.code, `${file.path}: ${problem.message}`, undefined, SOURCE)
  for (const name of slashed.renamed)
    file.message(
      'epub-input-repaired',
      `${file.path}: the entry "${name}" is named with backslashes, which a zip never uses; read as "${name.replaceAll('\\', '/')}"`,
      undefined,
      SOURCE,
    )
  const archive = caseLenient(opened, (name, entry) =>
    file.message(
      'epub-input-repaired',
      `${file.path}: the package names "${name}", which is not in the archive; read "${entry}", the one entry differing from it only in case`,
      undefined,
      SOURCE,
    ),
  )
  const inner = (entry: string) => `${file.path}/${entry}`
  // Each document decoded as it says it is (its byte-order mark, XML declaration or `<meta
  // charset>`), not as UTF-8 whatever it says: EPUB 2 makers wrote Latin-1 and Windows-1252 pages.
  const text = (entry: string): string | undefined => {
    const got = archive.read(entry)
    if (isArchiveProblem(got)) {
      file.message(got.code, `${file.path}: ${got.message}`, undefined, SOURCE)
      return undefined
    }
    const decoded = decodeSource(got, { declared: declaredCharset })
    if (decoded.notes.length > 0) {
      const sub = new SourceFile(inner(entry))
      reportEncoding(decoded, sub, ENCODING_CODES, SOURCE)
      file.messages.push(...sub.messages)
    }
    return decoded.text
  }
  const names = archive.entries.map((e) => e.name)

  const container = archive.has('META-INF/container.xml') ? text('META-INF/container.xml') : undefined
  const located = packagePath(container, names)
  for (const p of located.problems)
    file.message(
      p.code,
      `${inner('META-INF/container.xml')}:${p.line}:${p.column}: ${p.message}`,
      undefined,
      SOURCE,
    )
  const opfText = located.path ? text(located.path) : undefined
  const parsed = located.path && opfText !== undefined ? parsePackage(located.path, opfText) : undefined
  if (parsed)
    for (const p of parsed.problems)
      file.message(p.code, `${inner(located.path!)}:${p.line}:${p.column}: ${p.message}`, undefined, SOURCE)
  const pkg = parsed && 'manifest' in parsed ? (parsed as Package) : undefined
  if (!pkg) {
    file.message(
      'epub-input-no-package',
      `${file.path}: no readable package document (${located.path ? `${located.path} is not an OPF package` : 'META-INF/container.xml names none and there is no .opf file'})`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  const encrypted = encryptedDocuments(archive, pkg)
  const navigation = navigationOf(archive, pkg, file, text)
  const titles = documentTitles(navigation)
  const splits = documentSplits(navigation)
  // Parts the contents makes with no page of their own: the first of their documents opens them.
  const navParts = navigationParts(navigation)
  let openPart: { part: Part; documents: Set<string> } | undefined
  /** What a part page held that its part cannot: its first chapter opens with it. */
  let carried: BlockContent[] = []

  const children: Array<Part | Chapter> = []
  const archiveFields: Partial<Metadata> = {}
  const seen = new Set<string>()
  const images = new Map<string, Uint8Array>()
  /** Pictures the chapters show that the archive lacks (or cannot give): left out, said once. */
  const missingImages = new Set<string>()
  let skippedEncrypted = 0
  /** Spine documents to read, each parsed once: first judged, then notes joined, then converted. */
  const documents: Array<
    NoteDocument & { html: string; linear: boolean; matter?: Matter; placed?: boolean; part?: boolean }
  > = []
  /** Chapters that are front or back matter by their type: which is decided by where they stand. */
  const placed = new Set<Chapter>()
  for (const ref of pkg.spine) {
    const item = pkg.manifest.get(ref.idref)
    if (!item) {
      file.message(
        'epub-input-spine',
        `${file.path}: the spine names "${ref.idref}", which the manifest does not list`,
        undefined,
        SOURCE,
      )
      continue
    }
    if (seen.has(item.path)) {
      file.message(
        'epub-input-spine',
        `${file.path}: the spine lists "${item.path}" twice; read once`,
        undefined,
        SOURCE,
      )
      continue
    }
    seen.add(item.path)
    const kind = documentItem(item)
    if (!kind.document) {
      file.message(
        'epub-input-spine',
        `${file.path}: spine item "${item.path}" is ${item.mediaType || 'of no type'}, not a document; skipped`,
        undefined,
        SOURCE,
      )
      continue
    }
    if (!kind.declared && archive.has(item.path))
      file.message(
        'epub-input-repaired',
        `${file.path}: spine item "${item.path}" is declared ${item.mediaType ? `as ${item.mediaType}` : 'with no media type'}, not application/xhtml+xml; read as the document its name says it is`,
        undefined,
        SOURCE,
      )
    if (encrypted.has(item.path)) {
      skippedEncrypted++
      continue
    }
    if (!archive.has(item.path)) {
      file.message(
        'epub-input-spine',
        `${file.path}: spine item "${item.path}" is missing from the archive`,
        undefined,
        SOURCE,
      )
      continue
    }
    const html = text(item.path)
    if (html === undefined) continue
    const doc = parseDocument(item.path, html, work)
    const verdict = judgePage({
      path: item.path,
      doc,
      isNav: item.properties.includes('nav'),
      guide: pkg.guide,
      ...(pkg.cover ? { cover: pkg.cover } : {}),
    })
    if (!verdict.keep) {
      // A cover page the package names no cover for: the picture it shows is the cover.
      if (!pkg.cover && verdict.what.startsWith('cover page')) adoptCover(pkg, pageImage(doc, item.path))
      file.message(
        'epub-input-generated-page',
        `${file.path}: left out "${item.path}", the ${verdict.what}`,
        undefined,
        SOURCE,
      )
      continue
    }
    // AO3's preface page holds the work's details in the markup of its HTML download: they become
    // the book's metadata (and so Octavo's own preface page), not a second printed preface.
    if (verdict.matter === 'front') {
      const work = ao3Metadata(doc)
      const fields = Object.keys(work).filter((key) => key !== 'title' && key !== 'authors')
      if (fields.length > 0) {
        for (const [key, value] of Object.entries(work))
          (archiveFields as Record<string, unknown>)[key] ??= value
        file.message(
          'epub-input-generated-page',
          `${file.path}: left out "${item.path}", AO3's preface: its details (${fields.join(', ')}) are the book's metadata`,
          undefined,
          SOURCE,
        )
        continue
      }
    }
    documents.push({
      path: item.path,
      doc,
      html,
      linear: ref.linear,
      ...(verdict.matter ? { matter: verdict.matter } : {}),
      ...(verdict.placed ? { placed: true } : {}),
      ...(verdict.part ? { part: true } : {}),
    })
  }
  // The EPUB 2 guide's cover, not in the spine: an image, or a page showing one.
  const guideCover = pkg.guide.get('cover')
  if (!pkg.cover && guideCover && archive.has(guideCover)) {
    const item = [...pkg.manifest.values()].find((i) => i.path === guideCover)
    if (item?.mediaType.startsWith('image/')) adoptCover(pkg, guideCover)
    else if (item && documentItem(item).document) {
      const html = text(guideCover)
      if (html !== undefined) adoptCover(pkg, pageImage(parseDocument(guideCover, html, work), guideCover))
    }
  }

  // Notes kept in another document (endnotes.xhtml, notes.html#n1) join the chapter citing them.
  const notes = joinNotes(documents, (path) => {
    const item = [...pkg.manifest.values()].find((i) => i.path === path)
    if (!item || !documentItem(item).document || encrypted.has(path) || !archive.has(path)) return undefined
    const html = text(path)
    return html === undefined ? undefined : { path, doc: parseDocument(path, html, work) }
  })
  if (work) work.noteVisits += notes.visited
  if (notes.missing.length > 0) {
    // One diagnostic for all of them, at the first, in the document that cites it.
    const first = notes.missing[0]!
    const more = notes.missing.length - 1
    const sub = new SourceFile(inner(first.path))
    sub.message(
      'epub-input-note-missing',
      `The note "${first.href}" is not in ${file.path}${more > 0 ? ` (nor are the notes of ${more} more reference${more === 1 ? '' : 's'})` : ''}: ${more > 0 ? 'their references are' : 'its reference is'} kept as plain text`,
      first.line ? { line: first.line, column: first.column ?? 1 } : undefined,
      SOURCE,
    )
    file.messages.push(...sub.messages)
  }

  // An AO3 work's chapters (its preface read, or AO3 its publisher): there a lone empty
  // paragraph is a scene break (html/spacers.ts).
  const ao3 =
    Object.keys(archiveFields).length > 0 || /archive of our own/i.test(pkg.metadata.publisher ?? '')
  // Each linked style sheet read and parsed once for the book (calibre's stylesheet.css is every page's).
  const sheetCache = new Map<string, ParsedSheet | undefined>()
  // What the sheets make of the blocks (an indented `p.extract`, a `div.space`), judged against the
  // body paragraphs of the whole book: every document is measured before any is converted.
  const layout = new BookLayout()
  const documentSheets = new Map<string, SheetRule[][]>()
  for (const document of documents) {
    if (notes.notesOnly.has(document.path)) continue
    // Decoded from bytes (`decodeSource`): no unpaired surrogate is left in it.
    const linked = /<link[\s>]/i.test(document.html)
      ? linkedSheets(document.doc, document.path, archive, sheetCache)
      : []
    documentSheets.set(
      document.path,
      linked.map((sheet) => sheet.rules),
    )
    const own = /<style[\s>]/i.test(document.html)
      ? elementsOf(document.doc, 'style').map((style) =>
          layoutRules(
            style.childNodes
              .map((n) => (n.nodeName === '#text' ? (n as { value: string }).value : ''))
              .join(''),
          ),
        )
      : []
    layout.measure(document.doc, [...linked.map((sheet) => sheet.layout), ...own])
  }
  for (const document of documents) {
    if (notes.notesOnly.has(document.path)) {
      file.message(
        'epub-input-notes-page',
        `${file.path}: left out "${document.path}", which held only notes: each now belongs to the chapter citing it`,
        undefined,
        SOURCE,
      )
      continue
    }
    // Documents kept out of the reading order (`linear="no"`: pop-up notes, answers) stay back matter.
    const matter = document.matter ?? (document.linear ? (options.matter ?? 'body') : 'back')
    const sub = new SourceFile(inner(document.path))
    const sheets = documentSheets.get(document.path) ?? []
    const result = withDataImages(document.html, sub.path, (pictures) =>
      readHtmlText(document.html, sub, { ...options, matter }, document.doc, true, {
        sheets,
        ao3,
        ...(pictures ? { images: pictures } : {}),
        // The package's language is its documents' where they do not say their own.
        ...(pkg.metadata.language ? { language: pkg.metadata.language } : {}),
        xhtml: true,
        layout,
      }),
    )
    // Pictures the document wrote as data: URLs, named under the document's own path.
    for (const [url, bytes] of Object.entries(result.resources ?? {})) images.set(url, bytes)
    for (const message of sub.messages) file.messages.push(message)
    const navTitle = titles.get(document.path)
    const split = splits.get(document.path)
    const only = result.children.length === 1 ? result.children[0] : undefined
    const anchors = split ? anchorsOf(document.doc, split) : []
    let nodes =
      split && only?.type === 'chapter' ? splitChapter(only, anchors, options.language) : result.children
    // A part's own page, its subtitle and epigraph with it: the part, empty; no chapter of its own.
    const page = split ? undefined : partPage(nodes, document.part === true, navTitle, options.language)
    if (page) {
      nodes = [page.part]
      if (page.carried.length > 0) {
        carried = page.carried
        file.message(
          'epub-input-part-page',
          `${file.path}: the part page "${document.path}" holds more than the part's title (an epigraph?), which a part cannot hold; it opens the part's first chapter`,
          undefined,
          SOURCE,
        )
      }
    }
    if (split && !only)
      titleChapters(
        nodes.filter((n) => n.type === 'chapter'),
        anchors,
        options.language,
      )
    if (openPart && !openPart.documents.has(document.path)) openPart = undefined
    const starts = navParts.find((p) => p.documents.has(document.path))
    if (starts && !openPart && nodes.every((n) => n.type === 'chapter')) {
      navParts.splice(navParts.indexOf(starts), 1)
      const part = makePart(headingFields([{ type: 'text', value: starts.label }], options.language))
      openPart = { part, documents: starts.documents }
      children.push(part)
    }
    for (const node of nodes) {
      // calibre's page for the book's title (its FB2 conversions): the title alone, no text.
      if (
        node.type === 'chapter' &&
        node.children.length === 0 &&
        node.title &&
        pkg.metadata.title !== undefined &&
        toText(node.title).trim() === pkg.metadata.title.trim()
      ) {
        file.message(
          'epub-input-generated-page',
          `${file.path}: left out "${document.path}", the title page (the book's title alone)`,
          undefined,
          SOURCE,
        )
        continue
      }
      if (node.type === 'chapter') {
        node.matter = matter
        if (document.placed || (document.linear && !document.matter && MATTER_KINDS.has(node.kind)))
          placed.add(node)
        const fromNav = navTitle && !node.title && node.number === undefined && node.label === undefined
        if (fromNav) headChapter(node, headingFields([{ type: 'text', value: navTitle }], options.language))
        // Its title styled as a first paragraph (`<p class="chaptitle">`) repeating its contents
        // entry, whether the chapter took its title from there or from its `<title>`: the
        // heading's, not the text's.
        if (navTitle && !split && (fromNav || repeatsTitle(node, navTitle)))
          consumeTitleParagraph(node, navTitle)
        if (carried.length > 0) {
          node.children.unshift(...carried)
          carried = []
        }
      }
      collectImages(node, archive, file.path, images, missingImages)
      if (openPart && node.type === 'chapter') openPart.part.children.push(node)
      else children.push(node)
    }
  }
  placeMatter(children, placed)
  if (missingImages.size > 0) {
    const some = [...missingImages].slice(0, 3).join(', ')
    file.message(
      'epub-input-image-missing',
      `${file.path}: ${missingImages.size === 1 ? 'a picture the text shows is' : `${missingImages.size} pictures the text shows are`} not in the EPUB (${some}${missingImages.size > 3 ? ', …' : ''}); left out`,
      undefined,
      SOURCE,
    )
  }
  if (skippedEncrypted > 0)
    file.message(
      'epub-input-drm',
      `${file.path}: ${skippedEncrypted} document${skippedEncrypted === 1 ? ' is' : 's are'} encrypted (DRM) and could not be read`,
      undefined,
      SOURCE,
    )
  if (children.length === 0 && skippedEncrypted === 0)
    file.message(
      'epub-input-empty',
      `${file.path}: no chapter to read (the spine is empty or every item in it was skipped)`,
      undefined,
      SOURCE,
    )

  // The package's own metadata wins; AO3's preface adds what the OPF does not carry (tags, rating…).
  const metadata = { ...archiveFields, ...pkg.metadata }
  for (const { field, text } of pkg.placeholders ?? [])
    file.message(
      'epub-input-placeholder',
      `${file.path}: the ${field} "${text}" is calibre's placeholder for a book without one, not a ${field === 'title' ? 'title' : 'name'}; left out`,
      undefined,
      SOURCE,
    )
  if (pkg.cover && archive.has(pkg.cover)) {
    const bytes = archive.read(pkg.cover)
    if (!isArchiveProblem(bytes) && isCalibreCover(bytes))
      file.message(
        'epub-input-generated-cover',
        `${file.path}: left out the cover "${pkg.cover}", which calibre drew from the title and author; the book's cover is made from its metadata`,
        undefined,
        SOURCE,
      )
    else if (!isArchiveProblem(bytes)) {
      metadata.cover = inner(pkg.cover)
      images.set(metadata.cover, bytes)
    }
  }
  const result: ReadResult = { children }
  if (Object.keys(metadata).length > 0) result.metadata = metadata
  if (images.size > 0) result.resources = Object.fromEntries(images)
  return result
}

/** Kinds of chapter (from their heading: "Dedication", "About the Author") that are front or back matter. */
const MATTER_KINDS = new Set<Chapter['kind']>([
  'dedication',
  'foreword',
  'preface',
  'acknowledgments',
  'afterword',
  'appendix',
  'other',
])

/**
 * Front or back matter by type, made so by place: front matter before the first chapter of the
 * body, back matter after the last; one between chapters stays in the body (the reading order
 * must go front, body, back). A book of nothing else keeps them as they were read.
 */
function placeMatter(children: ReadonlyArray<Part | Chapter>, placed: ReadonlySet<Chapter>): void {
  if (placed.size === 0) return
  const chapters = children.flatMap((n) => (n.type === 'part' ? n.children : [n]))
  const body = chapters.map((c, i) => (c.matter === 'body' && !placed.has(c) ? i : -1)).filter((i) => i >= 0)
  if (body.length === 0) return
  const first = body[0]!
  const last = body.at(-1)!
  for (const [i, chapter] of chapters.entries()) {
    if (!placed.has(chapter) || chapter.matter !== 'body') continue
    if (i < first) chapter.matter = 'front'
    else if (i > last) chapter.matter = 'back'
  }
}

/** At most this many bytes of style sheets are read for one document (a hostile EPUB's aside). */
const SHEETS_LIMIT = 2_000_000

/** A linked sheet, read once: its class rules for the marks, its rules for the blocks' layout. */
interface ParsedSheet {
  size: number
  rules: SheetRule[]
  layout: LayoutRule[]
}

/**
 * The style sheets a document links (`<link rel="stylesheet" href="…">`), read from the archive
 * in document order: what its classes mean, as calibre's `.calibre7 {font-style: italic}` says
 * where its italics are. A sheet missing or unreadable is skipped: the text is read without it.
 */
function linkedSheets(
  doc: DefaultTreeAdapterTypes.Document,
  path: string,
  archive: Archive,
  cache: Map<string, ParsedSheet | undefined>,
): ParsedSheet[] {
  const out: ParsedSheet[] = []
  let size = 0
  for (const link of elementsOf(doc, 'link')) {
    const rel =
      link.attrs
        .find((a) => a.name === 'rel')
        ?.value.toLowerCase()
        .split(/\s+/) ?? []
    const href = link.attrs.find((a) => a.name === 'href')?.value
    if (!rel.includes('stylesheet') || !href) continue
    const target = resolveHref(folderOf(path), href)?.path
    if (!target) continue
    if (!cache.has(target)) {
      const text = archive.has(target) ? archive.text(target) : undefined
      // A sheet past the limit alone is never read; it is not parsed either.
      cache.set(
        target,
        typeof text === 'string' && text.length <= SHEETS_LIMIT
          ? { size: text.length, rules: sheetRules(text), layout: layoutRules(text) }
          : undefined,
      )
    }
    const sheet = cache.get(target)
    if (sheet === undefined || size + sheet.size > SHEETS_LIMIT) continue
    size += sheet.size
    out.push(sheet)
  }
  return out
}

/** The documents META-INF/encryption.xml says are encrypted (font obfuscation is harmless: fonts are not read). */
function encryptedDocuments(archive: Archive, pkg: Package): Set<string> {
  const out = new Set<string>()
  if (!archive.has('META-INF/encryption.xml')) return out
  const text = archive.text('META-INF/encryption.xml')
  if (typeof text !== 'string') return out
  const documents = new Set(
    [...pkg.manifest.values()].filter((i) => documentItem(i).document).map((i) => i.path),
  )
  for (const match of text.matchAll(/URI\s*=\s*"([^"]*)"/g)) {
    let uri = match[1]!
    try {
      uri = decodeURIComponent(uri)
    } catch {
      // as written
    }
    if (documents.has(uri)) out.add(uri)
  }
  return out
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase()

/** Whether a titled chapter opens with a paragraph saying its contents label, which holds its title. */
function repeatsTitle(chapter: Chapter, label: string): boolean {
  const first = chapter.children[0]
  if (first?.type !== 'paragraph' || !chapter.title) return false
  return (
    squash(toText(first.children)) === squash(label) && squash(label).endsWith(squash(toText(chapter.title)))
  )
}

/** The cover image a cover page shows, when the package names none and it is one of its images. */
function adoptCover(pkg: Package, path: string | undefined): void {
  if (!path || pkg.cover) return
  const item = [...pkg.manifest.values()].find((i) => i.path === path)
  if (!item || item.mediaType.startsWith('image/') || /\.(?:png|jpe?g|gif|webp)$/i.test(path))
    pkg.cover = path
}

/** The EPUB 3 nav document's contents, else the EPUB 2 NCX's. */
function navigationOf(
  archive: Archive,
  pkg: Package,
  file: SourceFile,
  text: (entry: string) => string | undefined,
): Navigation {
  const nav = [...pkg.manifest.values()].find((i) => i.properties.includes('nav'))
  if (nav && archive.has(nav.path)) {
    const html = text(nav.path)
    if (html !== undefined) {
      const titles = navTitles(nav.path, html)
      if (titles.entries.length > 0) return titles
    }
  }
  const ncx =
    (pkg.ncx ? pkg.manifest.get(pkg.ncx) : undefined) ??
    [...pkg.manifest.values()].find((i) => i.mediaType === 'application/x-dtbncx+xml')
  if (ncx && archive.has(ncx.path)) {
    const xml = text(ncx.path)
    if (xml !== undefined) {
      const { titles, problems } = ncxTitles(ncx.path, xml)
      for (const p of problems)
        file.message(
          p.code,
          `${file.path}/${ncx.path}:${p.line}:${p.column}: ${p.message}`,
          undefined,
          SOURCE,
        )
      return titles
    }
  }
  return { entries: [] }
}

/** The archive's images the chapter's image nodes point at (`novel.epub/OEBPS/img/a.png`). */
function collectImages(
  node: Part | Chapter,
  archive: Archive,
  prefix: string,
  images: Map<string, Uint8Array>,
  missing: Set<string>,
): void {
  let lost = false
  visit(node as Node, (n) => {
    if (n.type !== 'image' || images.has(n.url) || !n.url.startsWith(`${prefix}/`)) return
    const entry = n.url.slice(prefix.length + 1)
    const bytes = archive.has(entry) ? archive.read(entry) : undefined
    if (bytes !== undefined && !isArchiveProblem(bytes)) images.set(n.url, bytes)
    else {
      missing.add(entry)
      lost = true
    }
  })
  if (lost)
    dropPictures(node, (url) => url.startsWith(`${prefix}/`) && missing.has(url.slice(prefix.length + 1)))
}

/**
 * Leave out the pictures `gone` says the EPUB lacks: a figure of one goes (its caption, if any,
 * stays as a paragraph); a picture in a line of text gives way to its alt text. The book is
 * written without them, not refused for a file its source never had.
 */
function dropPictures(node: Node, gone: (url: string) => boolean): void {
  const stack: Node[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    if (!('children' in current) || !Array.isArray(current.children)) continue
    const kids = current.children as Node[]
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i]!
      if (kid.type === 'figure' && gone(kid.image.url)) {
        const caption = kid.caption?.length ? [{ type: 'paragraph' as const, children: kid.caption }] : []
        kids.splice(i, 1, ...(caption as Node[]))
      } else if (kid.type === 'image' && gone(kid.url)) {
        kids.splice(i, 1, ...(kid.alt ? [{ type: 'text' as const, value: kid.alt } as Node] : []))
      } else stack.push(kid)
    }
  }
}
