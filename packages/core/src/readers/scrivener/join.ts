/**
 * A planned chapter made from its documents' texts: scenes joined with breaks, sections under
 * subheadings, the binder title as the heading where the text has none (see `index.ts`).
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { trimEdges } from '../../model/arrays.js'
import type { BlockContent, Chapter, Node } from '../../model/types.js'
import { visit } from '../../model/walk.js'
import { headChapter, headingFields } from '../shared/chapter.js'
import type { ReadResult } from '../types.js'
import type { Binder, BinderItem } from './binder.js'
import { type ChapterPlan, levelRole, roleNamed } from './layout.js'
import { UNTITLED } from './names.js'

export type Texts = Map<BinderItem, { path: string; result: ReadResult } | undefined>

/**
 * One planned chapter from its documents' texts: the first that has text opens it, and each one
 * after it is a scene of it, after a scene break, unless its text opens with a heading of its
 * own (an author who typed "Chapter 4" into a document has begun a chapter there).
 */
export function compileChapter(
  plan: ChapterPlan,
  texts: Texts,
  binder: Binder,
  file: SourceFile,
  language: string,
  /** Where a chapter with no text at all is noted (it is left out). */
  empty: BinderItem[],
): Chapter[] {
  const out: Chapter[] = []
  let current: Chapter | undefined
  plan.documents.forEach((document, index) => {
    const got = texts.get(document)
    if (!got) return
    const chapters = got.result.children.flatMap((node) => (node.type === 'part' ? node.children : [node]))
    for (const chapter of chapters) {
      const headed =
        chapter.title !== undefined || chapter.number !== undefined || chapter.label !== undefined
      let blocks = trimBreaks(chapter.children)
      // A section (non-fiction's) prints its title as a subheading; a scene follows a break.
      const section =
        document !== plan.item &&
        !headed &&
        document.title !== '' &&
        (roleNamed(document.sectionType) ?? levelRole(document, binder)) === 'section'
      if (section && blocks.length > 0)
        blocks = [
          { type: 'heading', depth: 2, children: [{ type: 'text', value: document.title }] },
          ...blocks,
        ]
      // The chapter is the binder's (what was read); each node names the document it came from.
      if (!current || headed) {
        chapter.children = blocks
        chapter.file = file.path
        if (got.path !== file.path) stamp([chapter], got.path)
        current = chapter
        out.push(chapter)
        continue
      }
      if (blocks.length === 0) continue
      if (got.path !== file.path) stamp(blocks, got.path)
      renameNotes(blocks, `s${index}`)
      if (!section && current.children.length > 0) current.children.push({ type: 'sceneBreak' })
      for (const block of blocks) current.children.push(block)
    }
  })
  if (!current) {
    // Nothing typed in it yet (Scrivener writes no file for an empty document).
    if (!plan.own) empty.push(plan.item)
    return out
  }
  if (plan.own || plan.run) return out
  const first = out[0]!
  const untitled = first.title === undefined && first.number === undefined && first.label === undefined
  const title = plan.item.title
  if (untitled && title !== '' && !UNTITLED.test(title))
    headChapter(first, headingFields([{ type: 'text', value: title }], language))
  return out
}

/** Blocks without scene breaks at either end (the joins make their own). */
const trimBreaks = (blocks: BlockContent[]) => trimEdges(blocks, (block) => block.type === 'sceneBreak')

/** Say on every node's position which file it came from (not its chapter's: the binder). */
function stamp(nodes: Array<BlockContent | Chapter>, path: string): void {
  for (const block of nodes)
    visit(block as Node, (node) => {
      if (node.position) node.position.file = path
    })
}

/** Give a joined scene's notes identifiers of their own: each file numbers its notes from 1. */
function renameNotes(blocks: BlockContent[], suffix: string): void {
  for (const block of blocks)
    visit(block as Node, (node) => {
      if (node.type === 'footnoteDefinition' || node.type === 'footnoteReference')
        node.identifier = `${node.identifier}-${suffix}`
    })
}
