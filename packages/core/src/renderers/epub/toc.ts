/** The table of contents as a tree, built once and written twice: `nav.xhtml` (EPUB 3) and `toc.ncx` (EPUB 2). */
export interface TocEntry {
  title: string
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
