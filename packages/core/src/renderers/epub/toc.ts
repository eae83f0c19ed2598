/** The table of contents as a tree, built once and written twice: `nav.xhtml` (EPUB 3) and `toc.ncx` (EPUB 2). */
export interface TocEntry {
  title: string
  /** The words Octavo put before the title ("Chapter 1" of "Chapter 1: Dawn"), when it did. */
  head?: string
  /** Href relative to `OEBPS/`. */
  href: string
  children: TocEntry[]
}

export interface Landmark {
  /** `epub:type` of the landmark: `cover`, `titlepage`, `toc`, `bodymatter`. */
  type: string
  title: string
  href: string
}

/** A heading listed under its chapter, before nesting. */
export interface FlatSection {
  depth: number
  title: string
  href: string
}

/**
 * Nest a chapter's listed headings by depth: a `###` goes under the `##` before it, a heading
 * deeper than the one before it by more than one level still nests one level down (a skipped
 * level makes no empty entry), and one shallower closes the levels in between.
 */
export function sectionTree(sections: readonly FlatSection[]): TocEntry[] {
  const root: TocEntry[] = []
  const open: Array<{ depth: number; entry: TocEntry }> = []
  for (const section of sections) {
    while (open.length > 0 && open.at(-1)!.depth >= section.depth) open.pop()
    const entry: TocEntry = { title: section.title, href: section.href, children: [] }
    ;(open.length > 0 ? open.at(-1)!.entry.children : root).push(entry)
    open.push({ depth: section.depth, entry })
  }
  return root
}
