/**
 * micromark (CommonMark + GFM + footnotes + front matter, through mdast-util-from-markdown), for
 * the Markdown files the fast parser (`fast-blocks.ts`) declines: raw HTML, autolinks, tables and
 * the rest it does not read exactly. A module of its own so that a build whose files the fast
 * parser reads never loads micromark (`read.ts` imports it on the first file that needs it).
 */
import type * as Mdast from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { frontmatter } from 'micromark-extension-frontmatter'
import { gfm } from 'micromark-extension-gfm'
import type { SourceFile } from '../../diagnostics/file.js'
import { footnoteIndex } from './footnote-index.js'
import { defuse, remap } from './pathological.js'

const SOURCE = 'markdown'

const parseOptions = {
  // Single tildes are pandoc's subscript (`H~2~O`, found by `markScripts`); `~~` strikes through.
  extensions: [gfm({ singleTilde: false }), frontmatter(['yaml']), footnoteIndex()],
  mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
}

/** A parsed file. */
export interface Parsed {
  root: Mdast.Root
  /** Brackets were escaped as too many to parse: footnote references among them are text. */
  defused: boolean
}

/** micromark, behind the guards its quadratic shapes need; undefined when it overflowed anyway. */
export function parseWithMicromark(text: string, file: SourceFile): Parsed | undefined {
  const defused = defuse(text)
  if (defused.firstLine !== undefined) {
    file.message(
      'md-pathological',
      `A paragraph holds more emphasis marks, brackets or backticks than Markdown can parse in reasonable time (first at line ${defused.firstLine}); they were read as plain characters`,
      { line: defused.firstLine, column: 1 },
      SOURCE,
    )
  }

  let tree: Mdast.Root
  try {
    tree = fromMarkdown(defused.text, parseOptions)
    remap(tree, text, defused.inserted)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    // The parser recursed too deep even after the cap: keep the words, paragraph by paragraph.
    file.message(
      'md-too-deep',
      'The Markdown nests too deeply to parse; it was kept as plain paragraphs',
      { line: 1, column: 1 },
      SOURCE,
    )
    return undefined
  }
  return { root: tree, defused: defused.firstLine !== undefined }
}
