/**
 * The Markdown reader's work (`../markdown.ts` is the reader): decoding, the guards, the parse
 * (the fast parser, or micromark for what it declines), and the conversion in `convert.ts`. The
 * first level-1 heading (or a first heading of any level when there is no level-1 one) is the
 * chapter heading, read by `parseHeading`; front matter wins over it. A file holding several
 * chapters (`# Chapter One` … `# Chapter Two`) comes out as those chapters (`split.ts`).
 * Container nesting is capped before parsing so hostile input cannot overflow the parser.
 */
import type * as Mdast from 'mdast'
import { SourceFile } from '../../diagnostics/file.js'
import { pushAll } from '../../model/arrays.js'
import type { BlockContent, Metadata, Paragraph, Point, Position } from '../../model/types.js'
import { toText } from '../../model/walk.js'
import { decodeSource, reportEncoding } from '../encoding.js'
import { parseHeading } from '../heading.js'
import { assemble, type HeadingFields, headingFields } from '../shared/chapter.js'
import { type DataImages, withDataImages } from '../shared/data-images.js'
import { isOrnament } from '../shared/ornament.js'
import { documentScope } from '../shared/phrasing.js'
import { createSink } from '../shared/sink.js'
import { clean, pointAt, scanForbidden } from '../source.js'
import type { ReaderOptions, ReadResult } from '../types.js'
import { uncensor } from './censored.js'
import { MarkdownConverter, plainText } from './convert.js'
import { capContainers } from './depth.js'
import { parseFast } from './fast-blocks.js'
import type { FrontMatter, readFrontMatter as ReadFrontMatter } from './front-matter.js'
import type * as HtmlParts from './html-parts.js'
import { markLineBlocks } from './line-blocks.js'
import { blankOut, LineIndex, markScripts } from './marks.js'
import type { Parsed, parseWithMicromark as ParseWithMicromark } from './micromark.js'
import { dropComments, markCallouts, markWikiLinks, stripComments } from './obsidian.js'
import { markSpans } from './spans.js'
import { readSplitMarkdown } from './split.js'
import { tildeBreaks } from './tilde-breaks.js'
import { reportUndefinedNotes } from './undefined-notes.js'

const SOURCE = 'markdown'

const MD_ENCODING_CODES = {
  detected: 'md-encoding-detected',
  uncertain: 'md-encoding',
  fallback: 'md-encoding',
  invalid: 'md-encoding',
  ignored: 'md-encoding',
} as const

/**
 * The modules a file may need beyond the fast parser: micromark, YAML for front matter, and the
 * HTML reader (parse5) for raw HTML.
 */
export interface MarkdownModules {
  parseWithMicromark: typeof ParseWithMicromark
  readFrontMatter: typeof ReadFrontMatter
  html: typeof HtmlParts
}

/** Those loaded here so far, each with the first file that needed it. */
const loaded: Partial<MarkdownModules> = {}

/**
 * Which of them have been loaded here: some file needed micromark, some had front matter, some
 * held a `<` (tests).
 */
export function modulesLoaded(): { micromark: boolean; yaml: boolean; html: boolean } {
  return {
    micromark: loaded.parseWithMicromark !== undefined,
    yaml: loaded.readFrontMatter !== undefined,
    html: loaded.html !== undefined,
  }
}

/**
 * Read a Markdown file. The fast parser reads what chapters are made of; a file it declines goes
 * to micromark, front matter to the YAML parser, and raw HTML to the HTML reader: each taken from
 * `given`, or else loaded with the first file that needs it (the result is then a promise; later
 * files are answered at once). Raw HTML starts with a `<`, so a file without one needs no HTML
 * reader.
 * Throws only on Octavo's bugs (see `guard.ts`).
 */
export function readMarkdown(
  input: Uint8Array | string,
  file: SourceFile,
  options: ReaderOptions,
  given: Partial<MarkdownModules> = loaded,
): ReadResult | Promise<ReadResult> {
  const decoded = decodeSource(input, options.encoding ? { encoding: options.encoding } : {})
  reportEncoding(decoded, file, MD_ENCODING_CODES, SOURCE)
  const forbidden = scanForbidden(decoded.text, 'xml', 'lf', decoded.wellFormed)
  if (forbidden.count > 0) {
    file.message(
      'md-control-characters',
      `Removed ${forbidden.count} control character${forbidden.count === 1 ? '' : 's'} XML cannot hold`,
      forbidden.first,
      SOURCE,
    )
  }
  const capped = capContainers(decoded.text)
  if (capped.firstLine !== undefined) {
    file.message(
      'md-too-deep',
      `Block quotes or lists nest too deeply on ${capped.lines} line${capped.lines === 1 ? '' : 's'}; the innermost levels were flattened`,
      { line: capped.firstLine, column: 1 },
      SOURCE,
    )
  }
  // Note apps' `%%comments%%` never reach the book (made spaces: positions hold).
  const comments = stripComments(capped.text)
  // Pandoc's `% Title` block or MultiMarkdown's `Title:` lines, read and blanked (its lines
  // stay, as spaces: positions hold).
  const block = comments.text.startsWith('%') ? titleBlock(comments.text) : metadataLines(comments.text)
  const written = block ? blankOut(comments.text, [[0, block.end]]) : comments.text
  const tildes = tildeBreaks(written)
  const text = tildes.text
  if (tildes.lines.length > 0) {
    const n = tildes.lines.length
    file.message(
      'md-fence-as-break',
      `${n === 1 ? 'A line' : `${n} lines`} of tildes (\`~~~\`) would open a code block, but the text reads as prose: read as ${n === 1 ? 'a scene break' : 'scene breaks'} (name a language, \`~~~text\`, to keep a code block)`,
      { line: tildes.lines[0]!, column: 1 },
      SOURCE,
    )
  }
  const whole = { start: { line: 1, column: 1, offset: 0 }, end: pointAt(text, text.length) }
  const parsed = (tree: Parsed | undefined): ReadResult | Promise<ReadResult> => {
    const loading: Promise<void>[] = []
    if (
      !(given.readFrontMatter ?? loaded.readFrontMatter) &&
      tree?.root.children.some((node) => node.type === 'yaml')
    ) {
      loading.push(
        import('./front-matter.js').then((module) => {
          loaded.readFrontMatter ??= module.readFrontMatter
        }),
      )
    }
    if (!(given.html ?? loaded.html) && tree && text.includes('<')) {
      loading.push(
        import('./html-parts.js').then((module) => {
          loaded.html ??= module
        }),
      )
    }
    const go = () =>
      finish(tree, text, file, options, whole, {
        readFrontMatter: given.readFrontMatter ?? loaded.readFrontMatter,
        html: given.html ?? loaded.html,
        forbidden: forbidden.count > 0,
        ...(block ? { titleBlock: block.stated } : {}),
        comments: comments.ranges,
        ...(text !== written ? { written } : {}),
      })
    return loading.length === 0 ? go() : Promise.all(loading).then(go)
  }
  // Asterisks censoring words (`f*ck … sh*t`) read as asterisks, by the parser that read the rest.
  const literal = (tree: Parsed | undefined, reparse: (masked: string) => Parsed | undefined) => {
    if (!tree) return tree
    const read = uncensor(tree, text, reparse)
    const n = read.words.length
    if (n > 0)
      file.message(
        'md-censored',
        `${n} word${n === 1 ? '' : 's'} censored with asterisks (f*ck … sh*t) would have made the words between them italic or bold, or cut an italic short; their asterisks were kept as written`,
        pointAt(text, read.words[0]!),
        SOURCE,
      )
    return read.parsed
  }
  const fast = parseFast(text)
  if (fast)
    return parsed(
      literal({ root: fast, defused: false }, (masked) => {
        const again = parseFast(masked)
        return again && { root: again, defused: false }
      }),
    )
  // Parsed again with the asterisks masked, its diagnostics go nowhere: the first parse said them.
  const slowly = (parse: typeof ParseWithMicromark) =>
    literal(parse(text, file), (masked) => parse(masked, new SourceFile(file.path)))
  const slow = given.parseWithMicromark ?? loaded.parseWithMicromark
  if (slow) return parsed(slowly(slow))
  return import('./micromark.js').then((module) => {
    loaded.parseWithMicromark ??= module.parseWithMicromark
    return parsed(slowly(loaded.parseWithMicromark))
  })
}

/**
 * What converting a file takes beyond its tree and text: the modules it needed, and whether it
 * holds a character XML forbids (then each value is cleaned of them).
 */
interface Extras {
  readFrontMatter?: typeof ReadFrontMatter | undefined
  html?: typeof HtmlParts | undefined
  forbidden: boolean
  /** What a pandoc title block at the top said (`titleBlock`). */
  titleBlock?: FrontMatter
  /** Where pictures written as `data:` URLs are taken in. */
  images?: DataImages
  /** Where the `%%comments%%` between blocks were (`stripComments`), for the report. */
  comments?: ReadonlyArray<[number, number]>
  /** The text as written, where `tildeBreaks` changed what was parsed (same length): markers come from it. */
  written?: string
}

/**
 * Pandoc's title block: the file's first lines, each starting with `%`: the title, the authors
 * (separated by `;`, or one a line on lines that start with a space), the date (not read: the
 * front matter's `date` is when a chapter was posted). A field may be empty (`%` alone); a
 * title goes on over lines that start with a space. It ends at a blank line or the file's end,
 * or it is no title block. `end`: the offset after its last line.
 */
function titleBlock(text: string): { stated: FrontMatter; end: number } | undefined {
  const block = leadingFields(text, (line) => (line.startsWith('%') ? ['', line.slice(1)] : undefined), {
    fields: 3,
  })
  if (!block) return undefined
  const [title, authors] = block.fields.map(([, lines]) => lines)
  const stated: FrontMatter = {}
  // Values taken from the text as it is: without the characters XML forbids.
  const titleText = clean((title ?? []).filter(Boolean).join(' ')).trim()
  if (titleText) stated.title = titleText
  const names = namesOf(authors ?? [])
  if (names.length > 0) stated.book = { authors: names.map((name) => ({ name })) }
  return { stated, end: block.end }
}

/**
 * The fields of a block at the top of a file (pandoc's `%` title block, MultiMarkdown's
 * `Key: value` lines): each opened by a line `opens` reads as its key and first value, going on
 * over lines that start with a space or tab, up to a blank line or the file's end. None when a
 * line is neither, when there is no field, or past `most` fields or lines. `end`: the offset
 * after its last line.
 */
function leadingFields(
  text: string,
  opens: (line: string) => [string, string] | undefined,
  most: { fields?: number; lines?: number },
): { fields: Array<[string, string[]]>; end: number } | undefined {
  const fields: Array<[string, string[]]> = []
  let at = 0
  for (let count = 0; at < text.length; count++) {
    const newline = text.indexOf('\n', at)
    const stop = newline < 0 ? text.length : newline
    const line = text.slice(at, stop).replace(/\r$/, '')
    if (line.trim() === '') break
    if (most.lines !== undefined && count >= most.lines) return undefined
    const opened = /^[ \t]/.test(line) ? undefined : opens(line)
    if (opened) {
      if (fields.length === most.fields) return undefined
      fields.push([opened[0], [opened[1].trim()]])
    } else if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1]![1].push(line.trim())
    else return undefined
    at = newline < 0 ? text.length : newline + 1
  }
  return fields.length === 0 ? undefined : { fields, end: at }
}

/** Author names given one a line or several at `;`, without the characters XML forbids. */
function namesOf(lines: string[]): string[] {
  return lines
    .flatMap((line) => line.split(';'))
    .map((name) => clean(name).trim())
    .filter(Boolean)
}

/** A language tag's shape, as front matter takes it (`front-matter.ts`, loaded only for YAML). */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/

/** A MultiMarkdown metadata line: a key of words, a colon, its value. */
const METADATA_LINE = /^([A-Za-z][A-Za-z0-9 _-]{0,39}):[ \t]*(.*)$/

/**
 * MultiMarkdown's metadata (what Scrivener's MultiMarkdown compile, iA Writer and nvALT write,
 * and pandoc's `mmd_title_block`): the file's first lines, each `Key: value`, a value going on
 * over indented lines, up to a blank line. Title, Subtitle, Author (several at `;`) and
 * Language are read; other keys (Base Header Level, CSS, Date…) are the processor's. Lines
 * that name neither a title nor an author are text ("Note: this is…"), not metadata.
 */
function metadataLines(text: string): { stated: FrontMatter; end: number } | undefined {
  const block = leadingFields(
    text,
    (line) => {
      const m = METADATA_LINE.exec(line)
      return m ? [m[1]!.toLowerCase().replace(/[\s_-]+/g, ''), m[2]!] : undefined
    },
    { lines: 50 },
  )
  if (!block) return undefined
  const fields = new Map(block.fields)
  const value = (...keys: string[]) =>
    keys
      .map((k) => fields.get(k))
      .find(Boolean)
      ?.filter(Boolean)
  const title = value('title')
  const authors = value('author', 'authors')
  if (!title && !authors) return undefined
  const stated: FrontMatter = {}
  const titleText = clean((title ?? []).join(' ')).trim()
  if (titleText) stated.title = titleText
  const subtitle = clean((value('subtitle') ?? []).join(' ')).trim()
  if (subtitle) stated.subtitle = subtitle
  const names = namesOf(authors ?? [])
  const language = clean((value('language', 'lang') ?? []).join('')).trim()
  const tagged = LANGUAGE_TAG.test(language)
  if (names.length > 0 || tagged)
    stated.book = {
      ...(names.length > 0 ? { authors: names.map((name) => ({ name })) } : {}),
      ...(tagged ? { language } : {}),
    }
  return { stated, end: block.end }
}

/** The parsed file (or none, when micromark overflowed) → chapters. */
function finish(
  tree: Parsed | undefined,
  text: string,
  file: SourceFile,
  options: ReaderOptions,
  whole: Position,
  extras: Extras,
): ReadResult {
  if (!tree) return assemble({ children: plainParagraphs(text), position: whole }, file.path, options)
  let lines: LineIndex | undefined
  const lineIndex = () => {
    lines ??= new LineIndex(text)
    return lines
  }
  // Comments inside paragraphs, headings and cells (those between blocks are gone already).
  const inline = dropComments(tree.root, text, lineIndex)
  const blocks = extras.comments ?? []
  const count = blocks.length + inline.count
  if (count > 0) {
    const first = Math.min(blocks[0]?.[0] ?? text.length, inline.first ?? text.length)
    file.message(
      'md-comment',
      `Left out ${count} comment${count === 1 ? '' : 's'} (%%…%%)`,
      pointAt(text, first),
      SOURCE,
    )
  }
  const obsidian = markWikiLinks(tree.root, text, lineIndex)
  if (obsidian.noteEmbed)
    file.message(
      'md-embed',
      'An embedded note (![[…]]) cannot be brought in: only its name is kept; paste its text, or list the note as a chapter',
      obsidian.noteEmbed.start,
      SOURCE,
    )
  if (obsidian.highlight)
    file.message(
      'md-highlight',
      'Highlights (==…==) have no equivalent in a book: their text is kept without them',
      obsidian.highlight.start,
      SOURCE,
    )
  markCallouts(tree.root, text)
  markSpans(tree.root, text, lineIndex)
  markLineBlocks(tree.root, text, lineIndex)
  markScripts(tree.root, text)
  // Pictures written into the text as data: URLs (Google Docs' export) become the book's files.
  return withDataImages(text, file.path, (images) =>
    convert(tree, text, file, options, whole, { ...extras, ...(images ? { images } : {}) }),
  )
}

function convert(
  parsed: Parsed,
  text: string,
  file: SourceFile,
  options: ReaderOptions,
  whole: Position,
  { readFrontMatter: front, html, forbidden, titleBlock: block, images, written }: Extras,
): ReadResult {
  const tree = parsed.root
  // Brackets the pathological guard escaped are plain characters by then, not references.
  if (!parsed.defused) reportUndefinedNotes(tree, text, file, SOURCE)

  const sink = createSink(
    file,
    {
      dropped: 'md-raw-html-dropped',
      unsafeUrl: 'md-unsafe-url',
      relativeLink: 'md-relative-link',
      remoteImage: 'md-remote-image',
      dataImage: 'md-data-image',
      table: 'md-table',
      definitionList: 'md-definition-list',
      strike: 'md-strikethrough',
      tooDeep: 'md-too-deep',
      hidden: 'md-hidden-text',
    },
    SOURCE,
  )
  let stated: FrontMatter | undefined
  let statedAt: Point | undefined
  const top: Mdast.RootContent[] = []
  for (const node of tree.children) {
    if (node.type === 'yaml') {
      // `front` is there whenever the tree holds front matter (see `readMarkdown`).
      if (stated === undefined && node.position && front) {
        stated = front(node.value, node.position.start, file, SOURCE)
        statedAt = { line: node.position.start.line, column: node.position.start.column }
      }
    } else top.push(node)
  }
  // A title block says what front matter says, and front matter (were there any) wins.
  if (block) stated = { ...block, ...stated, book: { ...block.book, ...stated?.book } }
  const converter = new MarkdownConverter({
    source: written ?? text,
    filePath: file.path,
    file,
    sink,
    definitions: collectDefinitions(tree),
    ...(html ? { html } : {}),
    ...(images ? { dataImages: images } : {}),
    forbidden,
    // The file's language, which its parts in another language are marked against.
    language: documentScope(stated?.book?.language ?? options.language),
  })

  // The chapter heading, and a part heading before it.
  let part: HeadingFields | undefined
  let chapter: HeadingFields | undefined
  const claimed = new Set<Mdast.RootContent>()
  const fieldsOf = (node: Mdast.Heading) =>
    headingFields(converter.inlines(node.children, 0), options.language, converter.positionOf(node))
  const isTitleHeading = (node: Mdast.RootContent): node is Mdast.Heading =>
    node.type === 'heading' && plainText(node).trim() !== '' && !isOrnament(plainText(node))
  // Definitions and HTML comments are not content: a heading after them is still "first".
  const content = top.filter(
    (n) => n.type !== 'definition' && !(n.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(n.value)),
  )

  // A whole manuscript in one file comes out as its chapters.
  const split = readSplitMarkdown({
    top,
    content,
    isTitleHeading,
    fieldsOf,
    converter,
    stated,
    statedAt,
    file,
    options,
  })
  if (split) {
    sink.finish()
    return withBook(split, stated, true)
  }

  let index = content.findIndex((n) => isTitleHeading(n) && n.depth === 1)
  if (index < 0 && content[0] && isTitleHeading(content[0])) index = 0
  const first = content[index]
  if (first && isTitleHeading(first)) {
    const fields = fieldsOf(first)
    claimed.add(first)
    if (fields.kind === 'part') {
      part = fields
      const next = content.slice(index + 1).find((n) => n.type === 'heading')
      if (next && isTitleHeading(next)) {
        const nextFields = fieldsOf(next)
        if (
          nextFields.kind !== 'part' &&
          (nextFields.number !== undefined || nextFields.label !== undefined)
        ) {
          chapter = nextFields
          claimed.add(next)
        }
      }
    } else chapter = fields
  } else if (index < 0 && content[0]?.type === 'paragraph') {
    const typed = typedHeading(content[0], converter, options.language)
    if (typed) {
      chapter = typed
      claimed.add(content[0])
    }
  }

  const children = converter.chapterBlocks(top.filter((n) => !claimed.has(n)))
  sink.finish()
  return withBook(
    assemble({ part, chapter, stated, children, position: whole }, file.path, options),
    stated,
    false,
  )
}

/**
 * A chapter's first line typed as its heading but not marked as one (`Chapter 2: The Storm`,
 * `**Prologue**`), as chapters pasted from a site or a word processor begin: the heading when the
 * line, bold or not, reads as a labelled or numbered heading by the rules every reader shares
 * (`parseHeading`): the same line opening a plain-text chapter is its heading. One line only; a
 * bare number is a heading only in bold (`12.` alone is an empty list item in Markdown anyway).
 */
function typedHeading(
  paragraph: Mdast.Paragraph,
  converter: MarkdownConverter,
  language: string,
): HeadingFields | undefined {
  const written = converter.slice(paragraph.position)
  if (written === undefined || written.includes('\n')) return undefined
  const words = paragraph.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''))
  const only = words.length === 1 ? words[0] : undefined
  const bold = only?.type === 'strong'
  const inner =
    bold || only?.type === 'emphasis' ? (only as Mdast.Strong | Mdast.Emphasis).children : paragraph.children
  const content = converter.inlines(inner, 0)
  const parsed = parseHeading(toText(content), language)
  if (!parsed || (parsed.label === undefined && !(bold && parsed.number !== undefined))) return undefined
  return headingFields(content, language, converter.positionOf(paragraph))
}

/**
 * What the front matter says of the book, as the reader's metadata (adopted where book.yaml and
 * the command line say nothing): its `author` and `lang`; and in a file holding several chapters,
 * its `title` and `subtitle`, which describe no one chapter there (pandoc's metadata block above a
 * manuscript). In a one-chapter file they are the chapter's.
 */
function withBook(result: ReadResult, stated: FrontMatter | undefined, several: boolean): ReadResult {
  if (!stated) return result
  const metadata: Partial<Metadata> = {}
  if (stated.book?.authors) metadata.authors = stated.book.authors
  if (stated.book?.language) metadata.language = stated.book.language
  if (several && stated.title) metadata.title = stated.title
  if (several && stated.subtitle) metadata.subtitle = stated.subtitle
  return Object.keys(metadata).length > 0
    ? { ...result, metadata: { ...result.metadata, ...metadata } }
    : result
}

/** Every definition in the tree (they may sit inside block quotes), first one winning. */
function collectDefinitions(tree: Mdast.Root): Map<string, Mdast.Definition> {
  const out = new Map<string, Mdast.Definition>()
  const stack: Mdast.Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'definition' && !out.has(node.identifier)) out.set(node.identifier, node)
    else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading') {
      pushAll(stack, node.children as Mdast.Nodes[])
    }
  }
  return out
}

function plainParagraphs(text: string): BlockContent[] {
  const out: BlockContent[] = []
  let line = 1
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const value = clean(chunk.replace(/\s+/g, ' ').trim())
    if (value) {
      const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value }] }
      paragraph.position = {
        start: { line, column: 1 },
        end: { line: line + chunk.split('\n').length - 1, column: 1 },
      }
      out.push(paragraph)
    }
    line += chunk.split('\n').length + 1
  }
  return out
}
