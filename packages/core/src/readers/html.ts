/**
 * The HTML reader: one chapter file written by hand or saved from AO3 or FanFiction.Net, parsed
 * with parse5 (positions kept) and converted by the sanitising converter in `html/convert.ts`.
 * On a saved page only the story area is read; the first heading in it is the chapter heading
 * (falling back to the work title or FFN's chapter menu), AO3 notes become `note` nodes at the
 * start or end, and nothing that can run or fetch survives. A page holding several chapters (an
 * AO3 full-work download, a hand-written page with one `<h1>` per chapter) comes out as those
 * chapters (`html/split.ts`). Never throws.
 */
import type { DefaultTreeAdapterTypes } from 'parse5'
import type { SourceFile } from '../diagnostics/file.js'
import { canonicalLanguage } from '../language.js'
import type { BlockContent, Metadata, Note, PhrasingContent, Position } from '../model/types.js'
import { toText } from '../model/walk.js'
import { declaredCharset, decodeSource, reportEncoding } from './encoding.js'
import { neverThrows } from './guard.js'
import { attr, type ConvertOptions, classes, HtmlConverter, type HtmlSink } from './html/convert.js'
import { htmlEntry } from './html/entry.js'
import { findStory, type Story as HtmlStory, takeDocumentTitles } from './html/site.js'
import {
  descendants,
  detach,
  first,
  hiddenClasses,
  matches,
  type ParentNode,
  styleSheets,
} from './html/sites/dom.js'
import { type SitePage, type SiteProfile, siteOf } from './html/sites/index.js'
import { workText } from './html/sites/text.js'
import { settleSpacers } from './html/spacers.js'
import { findSplit, type HtmlSplit } from './html/split.js'
import { dropChapterLinks, webPagePost } from './html/web-page.js'
import type { htmlCodes } from './html-codes.js'
import { placeFootnotes } from './markdown/split.js'
import { assemble, type HeadingFields, headingFields } from './shared/chapter.js'
import type { BlockLayout } from './shared/class-layout.js'
import { type ClassStyles, classStyles, type SheetRule } from './shared/class-styles.js'
import { type DataImages, withDataImages } from './shared/data-images.js'
import { parseHtml, parseHtmlFragment } from './shared/parse5.js'
import { documentScope, type LanguageContext } from './shared/phrasing.js'
import { createSink } from './shared/sink.js'
import { pointAt, scanForbidden } from './source.js'
import { assembleSplit } from './split.js'
import { bylineAuthors } from './text/index.js'
import type { ReaderOptions, ReadResult, SyncReader } from './types.js'

const SOURCE = 'html'

const HTML_ENCODING_CODES = {
  detected: 'html-encoding-detected',
  uncertain: 'html-encoding',
  fallback: 'html-encoding',
  invalid: 'html-encoding',
  ignored: 'html-encoding',
} as const

export const htmlReader: SyncReader & { codes: typeof htmlCodes } = {
  ...htmlEntry,
  read: neverThrows('HTML', SOURCE, readHtml),
}

function readHtml(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  const decoded = decodeSource(input, {
    declared: declaredCharset,
    ...(options.encoding ? { encoding: options.encoding } : {}),
  })
  reportEncoding(decoded, file, HTML_ENCODING_CODES, SOURCE)
  // Pictures written into the page as data: URLs become the book's files.
  return withDataImages(decoded.text, file.path, (images) =>
    readHtmlText(decoded.text, file, options, undefined, decoded.wellFormed, images ? { images } : {}),
  )
}

/**
 * HTML already decoded, and maybe already parsed with source locations: the EPUB reader parses
 * each of its documents once, for its own checks and for this conversion. `wellFormed`: the text
 * is known to have no unpaired surrogate (`DecodeResult.wellFormed`); found out when not given.
 * `known`: what the caller knows of the page: the rules of the style sheets it links (an EPUB's,
 * read before its own `<style>`s for what its classes mean), and whether it is an AO3 work's (an AO3 EPUB's
 * chapter: a lone empty paragraph there is a scene break, see `html/spacers.ts`), and where its
 * pictures written as data: URLs are taken in (without it they are dropped and said so), the
 * document's language when it is not the book's (an EPUB's `dc:language`; the page's own `<html
 * lang>` wins), whether the page is XHTML (then `xml:lang` wins over `lang`), and what the book's
 * style sheets make of its blocks (an EPUB's `class-layout.ts`, measured over all its documents).
 */
export function readHtmlText(
  text: string,
  file: SourceFile,
  options: ReaderOptions,
  parsed?: DefaultTreeAdapterTypes.Document,
  wellFormed?: boolean,
  known: {
    sheets?: ReadonlyArray<readonly SheetRule[]>
    ao3?: boolean
    images?: DataImages
    language?: string
    xhtml?: boolean
    layout?: BlockLayout
  } = {},
): ReadResult {
  const forbidden = scanForbidden(text, 'xml', 'lf', wellFormed)
  if (forbidden.count > 0) {
    file.message(
      'html-control-characters',
      `Removed ${forbidden.count} control character${forbidden.count === 1 ? '' : 's'} XML cannot hold`,
      forbidden.first,
      SOURCE,
    )
  }
  const isDocument = parsed !== undefined || /<(?:!doctype|html|head|body)[\s>/]/i.test(text)
  const tree = parsed ?? (isDocument ? parseHtml(text) : parseHtmlFragment(text))
  // What its classes mean: the sheets it links (an EPUB's, given) and its own `<style>`s.
  const own = /<style[\s>]/i.test(text) ? styleSheets(tree) : []
  const sheets = known.sheets ?? []
  const parts: PageParts = {
    classes: classStyles(sheets.length > 0 ? [...sheets, ...own] : own),
    images: known.images,
    // A package's language that is no tag (`English`) says nothing; the book's stands.
    language: documentScope((known.language && canonicalLanguage(known.language)) || options.language),
    xhtml: known.xhtml === true,
    layout: known.layout,
  }
  const match = isDocument ? siteOf(tree, text) : {}
  let siteMetadata: Partial<Metadata> | undefined
  let page: SitePage | undefined
  if (match.profile) {
    page = match.profile.read(tree, match.address)
    siteMetadata = page.metadata
  } else if (match.unknownHost) {
    file.message(
      'html-site-unknown',
      `This page was saved from ${match.unknownHost}, a site Octavo has no profile for: it was read as plain HTML`,
      undefined,
      SOURCE,
    )
  }
  const sink = createSink(
    file,
    {
      dropped: 'html-dropped-element',
      unsafeUrl: 'html-unsafe-url',
      remoteImage: 'html-remote-image',
      dataImage: 'html-data-image',
      tableFlattened: 'html-table-flattened',
      definitionList: 'html-definition-list',
      tooDeep: 'html-too-deep',
      hidden: 'html-hidden-text',
    },
    SOURCE,
  )
  if (page?.text) {
    const converter = converterFor(text, file, sink, parts)
    const formatted = workText(page.text, (el) => converter.convert(el))
    if (formatted) siteMetadata = { ...siteMetadata, formatted }
  }
  if (page && match.profile && !page.storyFinder) {
    if (page.chapters.length > 0) {
      const result = readSiteChapters(page, match.profile, tree, text, file, sink, options, parts)
      sink.finish()
      return withMetadata(result, siteMetadata)
    }
    layoutChanged(file, match.profile)
  }
  let story = findStory(tree)
  if (page?.storyFinder && match.profile && story.site === 'plain') layoutChanged(file, match.profile)
  if (match.profile && story.site === 'plain') story = { ...story, root: mainText(tree) }
  if (!match.profile && story.site === 'plain' && isDocument && !parsed) {
    // A blog's or an unknown site's page: only its post, without the site's furniture.
    const found = webPagePost(tree)
    if (found)
      story = { ...story, root: found.post, ...(found.heading ? { outsideHeading: found.heading } : {}) }
    dropChapterLinks(story.root)
  }
  if (!match.profile && story.site === 'plain') {
    // A word processor's export: its Title and Subtitle paragraphs are the book's.
    const titles = takeDocumentTitles(story.root, parsed ? undefined : tree, options.language)
    if (titles.title || titles.subtitle || titles.authors) siteMetadata = { ...siteMetadata, ...titles }
  }

  const split = findSplit(story, options.language)
  if (split) {
    const result = readSplit(
      split,
      story.root,
      text,
      file,
      sink,
      options,
      parts,
      known.ao3 ? 'ao3' : story.site,
    )
    sink.finish()
    return withMetadata(result, siteMetadata)
  }

  let part: HeadingFields | undefined
  let chapter: HeadingFields | undefined
  const claimHeading = (content: PhrasingContent[], position: Position | undefined): boolean => {
    if (chapter) return false
    const fields = headingFields(content, options.language, position)
    if (fields.kind === 'part') {
      if (part) return false
      part = fields
      return true
    }
    // After a part heading only a recognised chapter heading opens the chapter.
    if (part && fields.number === undefined && fields.label === undefined) return false
    chapter = fields
    return true
  }
  const converter = converterFor(text, file, sink, parts, claimHeading, true)
  const children = settleSpacers(converter.convert(story.root), story.site === 'ao3' || known.ao3 ? 1 : 2)

  if (!chapter && !part) {
    if (story.outsideHeading) {
      claimHeading(converter.inlineOf(story.outsideHeading), converter.position(story.outsideHeading))
    } else if (story.ffnChapter) {
      const fields: HeadingFields = { kind: 'chapter' }
      if (story.ffnChapter.number !== undefined) fields.number = story.ffnChapter.number
      if (story.ffnChapter.title) fields.title = [{ type: 'text', value: story.ffnChapter.title }]
      chapter = fields
    } else if (story.pageTitle) {
      // Only a title that reads as a heading: "My Story - Chapter 3" pages are too varied to guess.
      const fields = headingFields([{ type: 'text', value: story.pageTitle }], options.language)
      if (fields.label !== undefined && fields.kind === 'part') part = fields
      else if (fields.label !== undefined) chapter = fields
    }
  }
  sink.finish()
  placeNotes(children)
  return withMetadata(
    assemble(
      {
        part,
        chapter,
        children,
        position: { start: { line: 1, column: 1, offset: 0 }, end: pointAt(text, text.length) },
      },
      file.path,
      options,
    ),
    siteMetadata,
  )
}

function withMetadata(result: ReadResult, metadata: Partial<Metadata> | undefined): ReadResult {
  // What the site or the word processor says wins over what the text's layout suggests.
  return metadata && Object.keys(metadata).length > 0
    ? { ...result, metadata: { ...result.metadata, ...metadata } }
    : result
}

function layoutChanged(file: SourceFile, profile: SiteProfile): void {
  file.message(
    'html-site-layout',
    `This page is from ${profile.label} but its chapter text is not where the site puts it (its layout may have changed): the page's main text was kept, site furniture may remain`,
    undefined,
    SOURCE,
  )
}

/** Page furniture by name: what a page's main text is read without when its site's layout changed. */
const furniture =
  /(?:^|[\s_-])(?:comments?|footer|header|navbar|nav|sidebar|share|social|advert|ads?|menu|breadcrumbs?|kudos|related)(?:$|[\s_-])/i

/** The page's main text: `<main>` or `<article>` when there is one, else the body, without its furniture. */
function mainText(doc: ParentNode): ParentNode {
  for (const el of descendants(doc)) {
    const tag = el.tagName
    const names = `${attr(el, 'id') ?? ''} ${attr(el, 'class') ?? ''}`
    if (
      ['nav', 'header', 'footer', 'aside', 'form'].includes(tag) ||
      (tag !== 'body' && tag !== 'html' && furniture.test(names))
    )
      detach(el)
  }
  return first(doc, 'main') ?? first(doc, 'article') ?? first(doc, 'body') ?? doc
}

/**
 * The chapters a site profile found: each converted on its own, its heading from the page, its
 * author's notes before and after it as notes, the furniture inside it (and text the site's own
 * stylesheet hides) removed first.
 */
function readSiteChapters(
  page: SitePage,
  profile: SiteProfile,
  doc: ParentNode,
  text: string,
  file: SourceFile,
  sink: HtmlSink,
  options: ReaderOptions,
  parts: PageParts,
): ReadResult {
  const hidden = hiddenClasses(doc)
  const clear = (root: ParentNode) => {
    for (const el of descendants(root)) {
      if (profile.chrome.some((selector) => matches(el, selector)) || classes(el).some((c) => hidden.has(c)))
        detach(el)
    }
  }
  const converter = converterFor(text, file, sink, parts, undefined, true)
  // On AO3 a lone empty paragraph is a scene break (see `settleSpacers`).
  const least = profile.name === 'ao3' ? 1 : 2
  const out: ReadResult['children'] = []
  for (const found of page.chapters) {
    clear(found.root)
    const notes = (els: typeof found.before, placement: Note['placement']): BlockContent[] =>
      els.flatMap((el) => {
        clear(el)
        const blocks = settleSpacers(converter.convert(el), least)
        if (blocks.length === 0) return []
        const note: Note = { type: 'note', placement, children: blocks }
        const position = converter.position(el)
        if (position) note.position = position
        return [note]
      })
    const before = notes(found.before, 'start')
    const body = settleSpacers(converter.convert(found.root), least)
    const children = [...before, ...body, ...notes(found.after, 'end')]
    placeNotes(children)
    const heading = found.title
      ? headingFields([{ type: 'text', value: found.title }], options.language)
      : undefined
    const position = converter.position(found.root)
    const result = assemble(
      { ...(heading ? { chapter: heading } : {}), children, ...(position ? { position } : {}) },
      file.path,
      options,
    )
    for (const node of result.children) {
      if (node.type === 'chapter' && found.date) node.date = found.date
      out.push(node)
    }
  }
  placeFootnotes(out.map((c) => (c.type === 'chapter' ? c.children : [])))
  return { children: out }
}

/**
 * A story of several chapters: the converter hands over each opening heading as it meets it
 * (they are known by where they start), and the blocks between two of them are one chapter.
 */
function readSplit(
  split: HtmlSplit,
  root: HtmlStory['root'],
  text: string,
  file: SourceFile,
  sink: HtmlSink,
  options: ReaderOptions,
  parts: PageParts,
  site: HtmlStory['site'],
): ReadResult {
  const wanted = new Map<number, 'part' | 'chapter' | 'title'>()
  const offsetOf = (el: HtmlSplit['openers'][number]['el']) => el.sourceCodeLocation?.startOffset
  for (const { el, part } of split.openers) {
    const at = offsetOf(el)
    if (at !== undefined) wanted.set(at, part ? 'part' : 'chapter')
  }
  const titleAt = split.title && offsetOf(split.title)
  if (titleAt !== undefined) wanted.set(titleAt, 'title')
  const marks: Array<{ offset: number; role: 'part' | 'chapter'; fields: HeadingFields }> = []
  let title: HeadingFields | undefined
  const claimHeading = (content: PhrasingContent[], position: Position | undefined): boolean => {
    const offset = position?.start.offset
    const role = offset === undefined ? undefined : wanted.get(offset)
    if (role === undefined) return false
    const fields = headingFields(content, options.language, position)
    if (role === 'title') title = fields
    else {
      // The plan decided what opens a part; the words may say otherwise ("Part 3" as an AO3 title).
      if (role === 'part') fields.kind = 'part'
      else if (fields.kind === 'part') fields.kind = 'chapter'
      marks.push({ offset: offset!, role, fields })
    }
    return true
  }
  const converter = converterFor(text, file, sink, parts, claimHeading, true)
  const blocks = settleSpacers(converter.convert(root), site === 'ao3' ? 1 : 2)
  const groups: BlockContent[][] = [[]]
  let next = 0
  for (const block of blocks) {
    const at = block.position?.start.offset
    while (next < marks.length && at !== undefined && at >= marks[next]!.offset) {
      groups.push([])
      next++
    }
    groups.at(-1)!.push(block)
  }
  while (groups.length < marks.length + 1) groups.push([])
  for (const group of groups) placeNotes(group)
  // A footnote lives in the chapter that cites it, wherever the page listed it.
  placeFootnotes(groups)
  // The title heading above the chapters names the book, and a "by NAME" line under it its author.
  const metadata: Partial<Metadata> = {}
  const bookTitle = title?.title ? toText(title.title).replace(/\s+/g, ' ').trim() : ''
  if (bookTitle) {
    const authors = bylineAuthors(groups[0]!)
    if (authors) {
      metadata.authors = authors
      groups[0] = []
    }
    if (groups[0]!.length === 0) metadata.title = bookTitle
  }
  const result = assembleSplit(
    {
      ...(title ? { title } : {}),
      preamble: groups[0]!,
      sections: marks.map((mark, i) => ({ heading: mark.fields, children: groups[i + 1]! })),
    },
    file.path,
    options,
    (heading) =>
      file.message(
        'html-book-title',
        `"${toText(heading.title)}" above the chapters was read as the book's title, not a chapter; set the title in book.yaml`,
        heading.position?.start,
        SOURCE,
      ),
  )
  return Object.keys(metadata).length > 0
    ? { ...result, metadata: { ...metadata, ...result.metadata } }
    : result
}

const authorNote = /^\s*(?:A\/N|Author'?s\s+Notes?)\s*[:.\-–—]/i

/**
 * Notes before any story text open the chapter; notes after it close it; others stay inline.
 * FFN has no notes markup, so paragraphs opening with "A/N:" at either end count as notes too.
 */
function placeNotes(children: BlockContent[]): void {
  const isAuthorNote = (c: BlockContent | undefined) =>
    c?.type === 'paragraph' && authorNote.test(toText(c.children))
  const wrapNote = (i: number) => {
    const paragraph = children[i]!
    children[i] = {
      type: 'note',
      placement: 'inline',
      children: [paragraph],
      ...(paragraph.position ? { position: paragraph.position } : {}),
    }
  }
  for (let i = 0; i < children.length && (children[i]!.type === 'note' || isAuthorNote(children[i])); i++) {
    if (children[i]!.type !== 'note') wrapNote(i)
  }
  for (
    let i = children.length - 1;
    i >= 0 && (children[i]!.type === 'note' || isAuthorNote(children[i]));
    i--
  ) {
    if (children[i]!.type !== 'note') wrapNote(i)
  }
  for (const child of children) if (child.type === 'note') stripNoteLabel(child)
  const story = children.map((c) => c.type !== 'note')
  const firstStory = story.indexOf(true)
  const lastStory = story.lastIndexOf(true)
  children.forEach((child, i) => {
    if (child.type !== 'note') return
    if (firstStory === -1 || i < firstStory) child.placement = 'start'
    else if (i > lastStory) child.placement = 'end'
  })
}

/**
 * "A/N: Thanks for reading" → "Thanks for reading": a note is labelled by the book ("Author's
 * Note"), so the label the author typed would say it twice. Only a label opening the note's first
 * paragraph goes, with the bold or italic around it when that held nothing else.
 */
function stripNoteLabel(note: Note): void {
  const first = note.children[0]
  if (first?.type !== 'paragraph') return
  let parent: { children: PhrasingContent[] } = first
  const chain: Array<{ children: PhrasingContent[] }> = [first]
  while (parent.children[0] && 'children' in parent.children[0] && parent.children[0].type !== 'link') {
    parent = parent.children[0] as { children: PhrasingContent[] }
    chain.push(parent)
  }
  const leaf = parent.children[0]
  if (leaf?.type !== 'text') return
  const label = /^\s*(?:A\/N|Author'?s\s+Notes?)\s*(?:[:.\-–—]\s*|$)/i.exec(leaf.value)
  if (!label) return
  const rest = leaf.value.slice(label[0].length)
  // Nothing after the label in the paragraph: it is a heading line, the converter's business.
  if (rest === '' && chain.length === 1 && first.children.length === 1) return
  if (rest !== '') leaf.value = rest
  else parent.children.shift()
  // Empty marks left behind ("<b>A/N:</b> text") go too, and the space after them.
  for (let i = chain.length - 1; i > 0; i--) {
    if (chain[i]!.children.length === 0) chain[i - 1]!.children.shift()
  }
  const lead = first.children[0]
  if (lead?.type === 'text') {
    lead.value = lead.value.replace(/^\s+/, '')
    if (lead.value === '') first.children.shift()
  }
}

/** What a page's converter is given beyond its text: what its classes mean, where its data: pictures go, its language. */
interface PageParts {
  classes: ClassStyles | undefined
  images: DataImages | undefined
  /** The document's language and direction, unless the page says its own. */
  language: LanguageContext
  xhtml: boolean
  layout: BlockLayout | undefined
}

/** The converter for a page: its text, its file, where its losses go, and what its classes mean. */
function converterFor(
  text: string,
  file: SourceFile,
  sink: HtmlSink,
  parts: PageParts,
  claimHeading?: ConstructorParameters<typeof HtmlConverter>[0]['claimHeading'],
  spacers = false,
): HtmlConverter {
  return new HtmlConverter({
    source: text,
    filePath: file.path,
    sink,
    classes: parts.classes,
    language: parts.language,
    ...(parts.xhtml ? { xhtml: true } : {}),
    ...(parts.layout ? { layout: parts.layout } : {}),
    ...(parts.images ? { dataImages: parts.images } : {}),
    ...(claimHeading ? { claimHeading } : {}),
    ...(spacers ? { spacers } : {}),
    badLanguage: languageReporter(file),
  })
}

/** Says each `lang` or `dir` value of a file that means nothing once, where it first stands. */
function languageReporter(file: SourceFile): NonNullable<ConvertOptions['badLanguage']> {
  const said = new Set<string>()
  return (written, reason, place) => {
    if (said.has(written)) return
    said.add(written)
    file.message('html-language', `${written} ${reason}; the text is kept without it`, place, SOURCE)
  }
}
