/**
 * A Markdown file holding a whole manuscript (`# Chapter One` … `# Chapter Two` in one
 * `novel.md`): its top-level headings are planned by `../split.ts`, each chapter's blocks are
 * converted on their own, and footnote definitions move to the chapter that cites them (a
 * manuscript often keeps all its notes at the end, but a footnote lives in its chapter).
 */
import type * as Mdast from 'mdast'
import type { SourceFile } from '../../diagnostics/file.js'
import type { BlockContent, Metadata, Point } from '../../model/types.js'
import { toText, visit } from '../../model/walk.js'
import type { HeadingFields, StatedFields } from '../shared/chapter.js'
import { assembleSplit, planSplit, type Section } from '../split.js'
import { bylineAuthors } from '../text/index.js'
import type { ReaderOptions, ReadResult } from '../types.js'
import { type MarkdownConverter, plainText } from './convert.js'

export interface MarkdownSplitInput {
  /** The file's top-level nodes, front matter removed. */
  top: Mdast.RootContent[]
  /** `top` less definitions and comments: what counts when asking what follows a heading. */
  content: Mdast.RootContent[]
  isTitleHeading: (node: Mdast.RootContent) => node is Mdast.Heading
  fieldsOf: (node: Mdast.Heading) => HeadingFields
  converter: MarkdownConverter
  stated: StatedFields | undefined
  /** Where the front matter starts, for the note that its chapter fields do not apply. */
  statedAt: Point | undefined
  file: SourceFile
  options: ReaderOptions
}

/** Read the file as several chapters, or `undefined` when it holds one (the caller reads it as before). */
export function readSplitMarkdown(input: MarkdownSplitInput): ReadResult | undefined {
  const { top, content, isTitleHeading, fieldsOf, converter, file, options } = input
  const headings: Mdast.Heading[] = []
  const infos = []
  for (let i = 0; i < content.length; i++) {
    const node = content[i]!
    if (!isTitleHeading(node)) continue
    headings.push(node)
    infos.push({ depth: node.depth, text: plainText(node), bare: content[i + 1]?.type === 'heading' })
  }
  const plan = planSplit(infos, options.language)
  if (!plan) return undefined

  const openers = new Map<Mdast.RootContent, boolean>()
  for (const o of plan.openers) openers.set(headings[o.index]!, o.part)
  const titleNode = plan.title !== undefined ? headings[plan.title] : undefined

  const groups: Array<{ heading?: HeadingFields; nodes: Mdast.RootContent[] }> = [{ nodes: [] }]
  for (const node of top) {
    if (node === titleNode) continue
    const part = openers.get(node)
    if (part === undefined) {
      groups.at(-1)!.nodes.push(node)
      continue
    }
    const heading = fieldsOf(node as Mdast.Heading)
    // The plan read the heading's plain text; keep its verdict on what opens a part.
    if (part) heading.kind = 'part'
    else if (heading.kind === 'part') heading.kind = 'chapter'
    groups.push({ heading, nodes: [] })
  }
  const blocks = groups.map((g) => converter.chapterBlocks(g.nodes))
  placeFootnotes(blocks)

  const stated = input.stated
  if (stated) {
    // Its title and subtitle are the book's (the reader's metadata: see `withBook` in read.ts).
    const ignored = (['number', 'kind'] as const).filter((k) => stated[k] !== undefined)
    if (ignored.length > 0) {
      file.message(
        'md-front-matter-ignored',
        `Front matter ${ignored.map((k) => `"${k}"`).join(', ')} describes one chapter, but this file holds ${plan.openers.filter((o) => !o.part).length}; ignored`,
        input.statedAt,
        'markdown',
      )
    }
  }
  const sections: Section[] = groups.slice(1).map((g, i) => {
    const section: Section = { heading: g.heading!, children: blocks[i + 1]! }
    // Where the chapter stood, before footnotes were gathered into it from elsewhere.
    const end = g.nodes.at(-1)?.position?.end ?? g.heading?.position?.end
    if (end)
      section.end = {
        line: end.line,
        column: end.column,
        ...(end.offset !== undefined ? { offset: end.offset } : {}),
      }
    return section
  })
  // The title heading above the chapters names the book, and a "by NAME" line under it its
  // author, as in a web page or a Word file.
  const metadata: Partial<Metadata> = {}
  if (titleNode) {
    const authors = bylineAuthors(blocks[0]!)
    if (authors) {
      metadata.authors = authors
      blocks[0] = []
    }
    const bookTitle = plainText(titleNode).replace(/\s+/g, ' ').trim()
    if (bookTitle && blocks[0]!.length === 0) metadata.title = bookTitle
  }
  const result = assembleSplit(
    {
      ...(titleNode ? { title: fieldsOf(titleNode) } : {}),
      preamble: blocks[0]!,
      sections,
      ...(stated ? { stated } : {}),
    },
    file.path,
    options,
    (title) =>
      file.message(
        'md-book-title',
        `"${toText(title.title)}" above the chapters was read as the book's title, not a chapter; set the title in book.yaml`,
        title.position?.start,
        'markdown',
      ),
  )
  return Object.keys(metadata).length > 0
    ? { ...result, metadata: { ...metadata, ...result.metadata } }
    : result
}

/**
 * Move each footnote definition to the chapter that cites it when its own chapter does not:
 * definitions gathered at the end of a manuscript belong to the chapters that point at them.
 */
export function placeFootnotes(chapters: BlockContent[][]): void {
  const cited = chapters.map((blocks) => {
    const ids = new Set<string>()
    for (const block of blocks) {
      visit(block, (node) => {
        if (node.type === 'footnoteReference') ids.add(node.identifier)
      })
    }
    return ids
  })
  chapters.forEach((blocks, i) => {
    for (let j = 0; j < blocks.length; j++) {
      const block = blocks[j]!
      if (block.type !== 'footnoteDefinition' || cited[i]!.has(block.identifier)) continue
      const home = cited.findIndex((ids) => ids.has(block.identifier))
      if (home < 0) continue
      blocks.splice(j--, 1)
      chapters[home]!.push(block)
    }
  })
}
