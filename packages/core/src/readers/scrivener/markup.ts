/**
 * Scrivener's own markup in a document's RTF, made into what the RTF reader reads:
 *
 * - an inline annotation (`{\Scrv_annot \color=… \text=…\end_Scrv_annot}`), a note to self, is
 *   left out and counted;
 * - an inline footnote (`{\Scrv_fn=…\end_Scrv_fn}`) becomes an RTF footnote;
 * - the style tags Scrivener 3 for Windows writes as text (`<$Scr_Ps::0>`, `<!$Scr_Cs::1>`) go;
 * - text linked to a comment in the inspector (`{\field{\*\fldinst{HYPERLINK
 *   "scrivcmt://<ID>"}}{\fldrslt …}}`) keeps its text; when the comment is a footnote (its
 *   `<Comment Footnote="Yes">` in the document's `.comments` file), an RTF footnote follows it,
 *   holding a placeholder the reader swaps for the comment's own paragraphs.
 *
 * Both forms Scrivener has been seen to write are taken: the groups as RTF, and the same escaped
 * as text (`\{\\Scrv_annot …\}`). Works on the RTF's bytes as a string (one character a byte).
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type { BlockContent, Chapter, Node } from '../../model/types.js'
import { visit } from '../../model/walk.js'
import { rtfReader } from '../rtf/index.js'
import { attribute, descendants, parseXml, textOf } from '../shared/xml.js'
import type { ReaderOptions, ReadResult } from '../types.js'

const ANNOTATION = /\\?\{\\{1,2}Scrv_annot\b[\s\S]*?\\{1,2}end_Scrv_annot\s*\\?\}/g
const INLINE_NOTE = /\\?\{\\{1,2}Scrv_fn=([\s\S]*?)\\{1,2}end_Scrv_fn\s*\\?\}/g
const COMMENT_LINK = /HYPERLINK\s+"scrivcmt:\/\/([^"]+)"/g
/** Scrivener 3 for Windows marks where a style begins and ends as text: `<$Scr_Ps::0>`…`<!$Scr_Ps::0>`. */
const STYLE_TAG = /<!?\$Scr[A-Za-z_]*(?:::\d+)?>/g

/** Text that stands in a footnote for the inspector footnote it is swapped for. */
export const placeholder = (id: string) => `octavo-scrivener-note-${id.replace(/[^\w-]/g, '')}`

export interface Plain {
  rtf: string
  /** Inline annotations left out. */
  annotations: number
  /** Inspector comments left out (the linked text kept), footnotes aside. */
  comments: number
}

/** The RTF with Scrivener's markup made plain (see the module's comment). */
export function plainRtf(rtf: string, footnotes: ReadonlySet<string>): Plain {
  let annotations = 0
  let comments = 0
  let out = rtf
  if (out.includes('$Scr')) out = out.replace(STYLE_TAG, '')
  if (out.includes('Scrv_annot'))
    out = out.replace(ANNOTATION, () => {
      annotations++
      return ''
    })
  if (out.includes('Scrv_fn')) out = out.replace(INLINE_NOTE, (_, body: string) => `{\\footnote ${body}}`)
  if (!out.includes('scrivcmt://')) return { rtf: out, annotations, comments }
  // Each comment's field, to its closing brace; a footnote's note goes after it.
  const parts: string[] = []
  let from = 0
  for (const match of out.matchAll(COMMENT_LINK)) {
    const id = match[1]!
    if (!footnotes.has(id)) {
      comments++
      continue
    }
    const start = out.lastIndexOf('{\\field', match.index)
    if (start < from) continue
    const end = groupEnd(out, start)
    parts.push(out.slice(from, end), `{\\footnote ${placeholder(id)}}`)
    from = end
  }
  parts.push(out.slice(from))
  return { rtf: parts.join(''), annotations, comments }
}

/** Where the group opening at `start` (a `{`) closes: past its `}`, or the end of the text. */
function groupEnd(text: string, start: number): number {
  let depth = 0
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (c === '\\') i++
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i + 1
  }
  return text.length
}

/**
 * The footnotes among a document's inspector comments (its `.comments` file), each read from
 * its RTF into paragraphs: by comment id.
 */
export function readFootnotes(
  xml: string,
  file: SourceFile,
  options: ReaderOptions,
): Map<string, BlockContent[]> {
  const notes = new Map<string, BlockContent[]>()
  const { root } = parseXml(xml)
  if (!root) return notes
  for (const comment of descendants(root, 'Comment')) {
    const id = attribute(comment, 'ID')
    if (!id || !/^yes$/i.test(attribute(comment, 'Footnote') ?? '')) continue
    const rtf = comment.children.filter((c): c is string => typeof c === 'string').join('')
    const text = rtf.trimStart().startsWith('{\\rtf') ? rtf : textOf(comment)
    const result = rtfReader.read(text, file, { ...options, open: undefined }) as ReadResult
    const blocks = (result.children as Chapter[]).flatMap((c) => (c.type === 'chapter' ? c.children : []))
    notes.set(id, blocks)
  }
  return notes
}

/** Put each inspector footnote's paragraphs in place of its placeholder. */
export function fillFootnotes(chapters: Chapter[], notes: ReadonlyMap<string, BlockContent[]>): void {
  if (notes.size === 0) return
  const byPlaceholder = new Map([...notes].map(([id, blocks]) => [placeholder(id), blocks]))
  for (const chapter of chapters)
    visit(chapter as Node, (node) => {
      if (node.type !== 'footnoteDefinition') return undefined
      const only = node.children.length === 1 ? node.children[0] : undefined
      const text = only?.type === 'paragraph' && only.children.length === 1 ? only.children[0] : undefined
      const blocks = text?.type === 'text' ? byPlaceholder.get(text.value.trim()) : undefined
      if (blocks) node.children = blocks
      return false
    })
}
