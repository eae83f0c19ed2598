/**
 * The HTML reader: one chapter file written by hand or saved from AO3 or FanFiction.Net, parsed
 * with parse5 (positions kept) and converted by the sanitising converter in `html/convert.ts`.
 * On a saved page only the story area is read; the first heading in it is the chapter heading
 * (falling back to the work title or FFN's chapter menu), AO3 notes become `note` nodes at the
 * start or end, and nothing that can run or fetch survives. A page holding several chapters (an
 * AO3 full-work download, a hand-written page with one `<h1>` per chapter) comes out as those
 * chapters (`html/split.ts`). Never throws.
 */
import { parse, parseFragment } from 'parse5'
import type { SourceFile } from '../diagnostics/file.js'
import type { BlockContent, PhrasingContent, Position } from '../model/types.js'
import { toText } from '../model/walk.js'
import { declaredCharset, decodeSource, reportEncoding } from './encoding.js'
import { neverThrows } from './guard.js'
import { HtmlConverter, type HtmlSink } from './html/convert.js'
import { findStory, type Story as HtmlStory } from './html/site.js'
import { findSplit, type HtmlSplit } from './html/split.js'
import { htmlCodes } from './html-codes.js'
import { placeFootnotes } from './markdown/split.js'
import { assemble, type HeadingFields, headingFields } from './shared/chapter.js'
import { createSink } from './shared/sink.js'
import { markupIn } from './shared/sniff.js'
import { pointAt, scanForbidden } from './source.js'
import { assembleSplit } from './split.js'
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
  name: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  // A saved web page is HTML whatever its name; a file without a single tag is not.
  sniff: (head) => ({ document: true, none: false, some: undefined })[markupIn(head)],
  codes: htmlCodes,
  read: neverThrows('HTML', SOURCE, readHtml),
}

function readHtml(input: Uint8Array | string, file: SourceFile, options: ReaderOptions): ReadResult {
  const decoded = decodeSource(input, {
    declared: declaredCharset,
    ...(options.encoding ? { encoding: options.encoding } : {}),
  })
  reportEncoding(decoded, file, HTML_ENCODING_CODES, SOURCE)
  const { text } = decoded
  const forbidden = scanForbidden(text)
  if (forbidden.count > 0) {
    file.message(
      'html-control-characters',
      `Removed ${forbidden.count} control character${forbidden.count === 1 ? '' : 's'} XML cannot hold`,
      forbidden.first,
      SOURCE,
    )
  }
  const isDocument = /<(?:!doctype|html|head|body)[\s>/]/i.test(text)
  const tree = isDocument
    ? parse(text, { sourceCodeLocationInfo: true })
    : parseFragment(text, { sourceCodeLocationInfo: true })
  const story = findStory(tree)
  const sink = createSink(
    file,
    {
      dropped: 'html-dropped-element',
      unsafeUrl: 'html-unsafe-url',
      remoteImage: 'html-remote-image',
      dataImage: 'html-data-image',
      table: 'html-table',
      definitionList: 'html-definition-list',
      strike: 'html-strikethrough',
      tooDeep: 'html-too-deep',
    },
    SOURCE,
  )

  const split = findSplit(story, options.language)
  if (split) {
    const result = readSplit(split, story.root, text, file, sink, options)
    sink.finish()
    return result
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
  const converter = new HtmlConverter({ source: text, filePath: file.path, sink, claimHeading })
  const children = converter.convert(story.root)

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
  return assemble(
    {
      part,
      chapter,
      children,
      position: { start: { line: 1, column: 1, offset: 0 }, end: pointAt(text, text.length) },
    },
    file.path,
    options,
  )
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
  const converter = new HtmlConverter({ source: text, filePath: file.path, sink, claimHeading })
  const blocks = converter.convert(root)
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
  return assembleSplit(
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
  const story = children.map((c) => c.type !== 'note')
  const firstStory = story.indexOf(true)
  const lastStory = story.lastIndexOf(true)
  children.forEach((child, i) => {
    if (child.type !== 'note') return
    if (firstStory === -1 || i < firstStory) child.placement = 'start'
    else if (i > lastStory) child.placement = 'end'
  })
}
