/**
 * Stable ids for parts and chapters, derived from reading order only, so the same book always
 * gets the same ids (and byte-identical output) and renderers can link across files. Headings
 * inside chapters down to `toc-depth` are marked for the navigation (`toc`) and get ids made from
 * their chapter's id and their place in it (`ch-003-s2`), so a rebuilt book keeps its links.
 */
import type { Chapter, Heading } from '../model/types.js'
import type { Transform } from './types.js'

/** Default `toc-depth`: chapters and their `##` sections. */
export const DEFAULT_TOC_DEPTH = 2

export interface IdsOptions {
  /**
   * How deep the navigation goes: 1 lists chapters only, 2 (the default) their `##` sections as
   * well, up to 6 for every heading level.
   */
  tocDepth?: number
}

/** Mark a chapter's top-level headings for the navigation and give them ids. */
function sections(chapter: Chapter, depth: number): void {
  let n = 0
  for (const block of chapter.children) {
    if (block.type !== 'heading') continue
    const heading: Heading = block
    // Recomputed every build: a cached chapter may carry marks and ids of an earlier build
    // (another `toc-depth`, or another place in the book). Transforms after this one may set
    // their own.
    if (heading.depth <= depth) {
      heading.toc = true
      heading.id = `${chapter.id}-s${++n}`
    } else {
      delete heading.toc
      delete heading.id
    }
  }
}

/**
 * A transform that gives every part and chapter without an id a stable one from its reading-order
 * position, and marks headings down to `tocDepth` for the navigation.
 *
 * @example
 *   const { book } = await createBook({ metadata, chapters, transforms: [ids()] })
 *   chaptersOf(book!.tree).map((c) => c.id)
 */
export function ids(options: IdsOptions = {}): Transform {
  const depth = options.tocDepth ?? DEFAULT_TOC_DEPTH
  return (tree) => {
    let parts = 0
    let chapters = 0
    const chapter = (node: Chapter) => {
      node.id ??= `ch-${String(++chapters).padStart(3, '0')}`
      sections(node, depth)
    }
    for (const child of tree.children) {
      if (child.type === 'part') {
        child.id ??= `part-${String(++parts).padStart(2, '0')}`
        for (const node of child.children) chapter(node)
      } else chapter(child)
    }
  }
}
