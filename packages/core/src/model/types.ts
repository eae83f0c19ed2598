/**
 * The manuscript model: the tree every reader produces and every renderer consumes.
 *
 * It follows unist (`type`, `data?`, `position?` with 1-based line and column) and is specified
 * node by node in `spec.md` beside this file; the two must agree. Nodes a reader makes carry a
 * position into their source file; nodes a transform generates do not. Every tree survives a JSON
 * round trip: no functions, no class instances, no `undefined` that matters.
 */
import type { StringOverrides } from '../strings/types.js'

/** A place in a source file. `line` and `column` are 1-based; `offset` is 0-based in UTF-16 units. */
export interface Point {
  line: number
  column: number
  offset?: number
}

/** The span of source a node came from. */
export interface Position {
  start: Point
  end: Point
  /**
   * The book-relative path of the file it is in, when that is not its chapter's `file` (the file
   * the reader read): a Scrivener chapter's nodes name the documents of the project they came from.
   */
  file?: string
}

/** Fields every node has. */
export interface NodeBase {
  type: string
  /** Where the node came from; absent on generated nodes. */
  position?: Position
  /** Free room for plugins; Octavo's own code never reads it. */
  data?: Record<string, unknown>
}

// ---------------------------------------------------------------- metadata

/** A person named in the book's metadata. */
export interface Person {
  /** Display name: "Jane Austen". */
  name: string
  /** Sort name: "Austen, Jane". Derived from `name` when absent. */
  fileAs?: string
}

/** MARC relator roles we name; any other MARC code is accepted as a string. */
export type ContributorRole = 'editor' | 'translator' | 'illustrator' | 'contributor' | (string & {})

export interface Contributor extends Person {
  role: ContributorRole
}

export interface Identifier {
  /** `isbn` (13 digits, validated), `uuid`, or `uri` for anything else. */
  scheme: 'isbn' | 'uuid' | 'uri'
  value: string
}

export interface Series {
  name: string
  /** Position in the series; may be fractional (2.5). */
  number?: number
}

/** Book-level metadata, after pandoc's `Meta`. */
export interface Metadata {
  title: string
  subtitle?: string
  authors: Person[]
  /** BCP 47 language tag, e.g. `en-GB`. */
  language: string
  identifier: Identifier
  publisher?: string
  /** Publication date, ISO 8601 (`2024`, `2024-05`, `2024-05-01`). */
  date?: string
  description?: string
  subjects: string[]
  series?: Series
  /** Rights statement or licence, e.g. "CC BY 4.0" or "All rights reserved". */
  rights?: string
  contributors: Contributor[]
  /** Book-relative path of the cover image. */
  cover?: string
  /** Dedication line(s) for the front matter. */
  dedication?: string
  /** Edition statement for the copyright page, e.g. "First edition". */
  edition?: string
  /** Writing direction; derived from `language` when absent. */
  direction?: 'ltr' | 'rtl'
  /** Copyright statement as the author words it ("© 2026 Ada Quill"); never invented. */
  copyright?: string
  /** A quotation set before the text, with its source. */
  epigraph?: Epigraph
  /** Text of the page about the author; paragraphs split on blank lines. */
  aboutAuthor?: string
  /** Titles of the author's other books, for the "Also by" page. */
  alsoBy?: string[]
  /**
   * The book's own words for what Octavo writes (`contents`, `roles.trl`…), over the table of its
   * language (see `strings/`). Like pandoc's `toc-title` metadata variable.
   */
  strings?: StringOverrides
  // ---- archive metadata: fan fiction and web serials (AO3, FFN, Royal Road…); see spec.md
  /** The fandoms the work belongs to ("Sherlock Holmes - Arthur Conan Doyle"). */
  fandoms?: string[]
  /** The archive's rating as the site words it ("Teen And Up Audiences", "T", "Mature"). */
  rating?: string
  /** Archive warnings ("No Archive Warnings Apply", "Major Character Death"). */
  warnings?: string[]
  /** Relationship categories ("F/M", "Gen"). */
  categories?: string[]
  /** Relationships ("Sherlock Holmes/John Watson", "Holmes & Watson"). */
  relationships?: string[]
  characters?: string[]
  /** Freeform ("additional") tags, as the archive lists them; written with `subjects` to the OPF. */
  tags?: string[]
  /** Whether the work is finished; absent when unknown. */
  status?: 'complete' | 'in-progress'
  /** The work's address on its archive (`https://archiveofourown.org/works/123`). */
  source?: string
  /** When the work was first posted, ISO 8601. `date` is the edition's date; this the work's. */
  published?: string
  /** When the work was last updated (a chapter added), ISO 8601; the EPUB's `dcterms:modified`. */
  updated?: string
  /** The work's length in words as the archive states it; computed from the text when absent. */
  words?: number
  /** The work's notes (before the first chapter), paragraphs split on blank lines. */
  notes?: string
  /** The work's end notes (after the last chapter), paragraphs split on blank lines. */
  endNotes?: string
  /**
   * The summary (`description`), notes and end notes as their source formatted them (paragraphs,
   * italics, bold, links…), sanitised like chapter text and without positions. The preface and
   * end notes pages draw these; the plain fields above stay for the OPF and PDF info. A reader
   * sets an entry only with its plain field, and an entry goes with it: when book.yaml gives
   * `summary:`, the file's formatted summary is not used.
   */
  formatted?: WorkText
  /**
   * The archive-style preface page (rating, warnings, fandoms… summary, notes). Default: made when
   * any archive field (`fandoms` to `endNotes` above, `tags` aside) is set; `false` never.
   */
  preface?: boolean
  /** Chapters whose source date is on or after this ISO date are marked "(new)". */
  newSince?: string
  /**
   * The update log page. Default: made, like the preface, for an archive work whose body chapters
   * carry their own dates (`Chapter.date`), one line per date ("Chapters 24–26 added 30 November
   * 2026"), newest first; `true` makes it for any book whose chapters are dated, `false` never.
   * Lines of the author's own log (newest first) are printed as written instead.
   */
  updateLog?: string[] | boolean
  /**
   * Build only the body chapters numbered from `from` to `to` (inclusive; open-ended without
   * `to`): a part of a long serial (`--chapters 23-40`, book.yaml `chapters-range:`).
   */
  chaptersRange?: { from: number; to?: number }
  /**
   * Split the book into volumes, each its own EPUB and PDF (book.yaml `volumes:`): one per part,
   * so many body chapters each, or as many chapters as fit a PDF page budget. Absent: one book.
   */
  volumes?: Volumes
  /**
   * Set on each volume of a split book: its place (1-based) among `of` volumes. The title page
   * says "Book 2", the series position follows it.
   */
  volume?: { number: number; of: number }
}

/**
 * How a book is split into volumes: exactly one of `parts`, `chapters` and `maxPages`. Splits
 * fall between body chapters; front-matter chapters open the first volume, back-matter ones end
 * the last.
 */
export interface Volumes {
  /** One volume per part (chapters outside any part join the part before them, or the first). */
  parts?: true
  /** This many body chapters per volume (the last may have fewer). */
  chapters?: number
  /** At most this many PDF pages per volume, split where the typeset count would pass it. */
  maxPages?: number
  /** Where book.yaml sets it, so that a budget no chapter fits is reported there. */
  at?: { file: string; line: number; column: number }
}

/** An archive work's own formatted text, by the plain `Metadata` field it goes with. */
export interface WorkText {
  description?: BlockContent[]
  notes?: BlockContent[]
  endNotes?: BlockContent[]
}

/** An epigraph: the quotation, and who or what it is from. */
export interface Epigraph {
  text: string
  source?: string
}

// ---------------------------------------------------------------- tree

export interface Root extends NodeBase {
  type: 'root'
  metadata: Metadata
  children: Array<Part | Chapter>
  /**
   * The pages Octavo makes from the metadata (title page, copyright page…), in reading order,
   * set by the `frontMatter` transform. Front pages come before the first chapter, back pages
   * after the last; absent on a tree the transform has not seen.
   */
  pages?: GeneratedPage[]
}

// ---------------------------------------------------------------- generated pages

/**
 * Fields every generated page has. Generated pages carry no position and hold plain text, but
 * for the author's own words on an archive work's preface and end notes pages (formatted blocks).
 */
export interface PageBase extends NodeBase {
  /** Before the chapters or after them. */
  matter: 'front' | 'back'
  /** The page's name in navigation (contents, landmarks, bookmarks): "Title Page", "Copyright". */
  label: string
}

/** The book's title alone, on the first recto of a printed book. */
export interface HalfTitlePage extends PageBase {
  type: 'halfTitlePage'
  title: string
}

export interface TitlePage extends PageBase {
  type: 'titlePage'
  title: string
  subtitle?: string
  /** One entry per author, as named; empty when the book names none. */
  authors: string[]
  /** "Translated by Louise Maude", one line per role. */
  contributors: string[]
  /** "Book 2 of The Tides". */
  series?: string
  /** "Book 2": which volume of a split book this is (`Metadata.volume`). */
  volume?: string
  publisher?: string
}

/** What one line of the copyright page is, for styling. */
export type CopyrightLineKind =
  | 'title'
  | 'authors'
  | 'contributors'
  | 'copyright'
  | 'rights'
  | 'public-domain'
  | 'edition'
  | 'date'
  | 'publisher'
  | 'isbn'
  | 'made-with'

export interface CopyrightPage extends PageBase {
  type: 'copyrightPage'
  /** The lines in order, each its own paragraph. */
  lines: Array<{ kind: CopyrightLineKind; text: string }>
}

export interface DedicationPage extends PageBase {
  type: 'dedicationPage'
  lines: string[]
}

export interface EpigraphPage extends PageBase {
  type: 'epigraphPage'
  lines: string[]
  source?: string
}

/** Where the contents go; each renderer lists the entries from the reading order. */
export interface ContentsPage extends PageBase {
  type: 'contentsPage'
  /** The heading ("Contents"). */
  title: string
}

export interface AboutAuthorPage extends PageBase {
  type: 'aboutAuthorPage'
  title: string
  paragraphs: string[]
}

export interface AlsoByPage extends PageBase {
  type: 'alsoByPage'
  /** The heading ("Also by Ada Quill"). */
  title: string
  titles: string[]
}

/** Which archive field a preface row shows. */
export type PrefaceFieldName =
  | 'rating'
  | 'warnings'
  | 'categories'
  | 'fandoms'
  | 'relationships'
  | 'characters'
  | 'tags'
  | 'language'
  | 'series'
  | 'status'
  | 'published'
  | 'updated'
  | 'words'
  | 'source'

/**
 * The archive-style preface (AO3's "preface" page of a download): the work's tags as labelled
 * rows, then its summary and notes. Made from the archive metadata (see `Metadata.preface`).
 */
export interface PrefacePage extends PageBase {
  type: 'prefacePage'
  title: string
  authors: string[]
  /** Labelled rows in the archive's order; each value its own tag. */
  fields: Array<{ name: PrefaceFieldName; label: string; values: string[] }>
  /**
   * The summary and the work's notes, each under its heading, as formatted content (the archive's
   * markup, or book.yaml's text with its Markdown emphasis and links); no positions.
   */
  sections: Array<{ name: 'summary' | 'notes'; label: string; children: BlockContent[] }>
}

/** The work's end notes, after the last chapter, as formatted content like the preface's. */
export interface EndNotesPage extends PageBase {
  type: 'endNotesPage'
  title: string
  children: BlockContent[]
}

/** A serial's update log ("Chapters 24–26 added 2026-11-30"), newest first. */
export interface UpdateLogPage extends PageBase {
  type: 'updateLogPage'
  title: string
  lines: string[]
}

export type GeneratedPage =
  | PrefacePage
  | EndNotesPage
  | UpdateLogPage
  | HalfTitlePage
  | TitlePage
  | CopyrightPage
  | DedicationPage
  | EpigraphPage
  | ContentsPage
  | AboutAuthorPage
  | AlsoByPage

/** A group of chapters ("Part One: The Road"). */
export interface Part extends NodeBase {
  type: 'part'
  /** Stable id, unique in the book, set by the `ids` transform. */
  id?: string
  number?: number
  /** The number as written ("One", "II", "3"); see `Chapter.numeral`. */
  numeral?: string
  /** The label as written ("Part", "Book"). */
  label?: string
  title?: PhrasingContent[]
  children: Chapter[]
}

/** Where a chapter stands in the book. */
export type Matter = 'front' | 'body' | 'back'

/** Kinds of chapter a reader can recognise from the heading line. */
export type ChapterKind =
  | 'chapter'
  | 'prologue'
  | 'epilogue'
  | 'interlude'
  | 'foreword'
  | 'preface'
  | 'introduction'
  | 'afterword'
  | 'acknowledgments'
  | 'dedication'
  | 'appendix'
  | 'other'

export interface Chapter extends NodeBase {
  type: 'chapter'
  matter: Matter
  kind: ChapterKind
  /** Stable id, unique in the book, set by the `ids` transform. */
  id?: string
  /** Book-relative path of the source file, for diagnostics and resources. */
  file?: string
  /** The chapter number, parsed from the heading ("Twenty-Three" → 23) or assigned by numbering. */
  number?: number
  /**
   * The number as written in the heading ("Twenty-Three", "XXIII", "05"), which labels print by
   * default; absent when the number was assigned or stated in front matter. The `labels` option
   * rewrites it (`numbers`, `words`, `roman`).
   */
  numeral?: string
  /** The label as written before the number or alone ("Chapter", "Prologue", "Interlude"). */
  label?: string
  title?: PhrasingContent[]
  subtitle?: PhrasingContent[]
  /** When the chapter was posted, as its source states it (an archive page), ISO 8601. */
  date?: string
  /** Added since `Metadata.newSince`: navigation and heading say "(new)". */
  new?: boolean
  children: BlockContent[]
}

export type BlockContent =
  | Heading
  | Paragraph
  | SceneBreak
  | Blockquote
  | Verse
  | List
  | Figure
  | Note
  | FootnoteDefinition
  | CodeBlock
  | Table

/** A heading inside a chapter (the chapter's own title is not a heading node). */
export interface Heading extends NodeBase {
  type: 'heading'
  /** 2 to 6: 1 is the chapter title. */
  depth: 2 | 3 | 4 | 5 | 6
  /** Stable id, unique in the book; the `ids` transform sets it on headings listed in the navigation. */
  id?: string
  /**
   * Listed in the navigation (EPUB nav and NCX, PDF bookmarks) under its chapter. The `ids`
   * transform sets it on headings down to `toc-depth`.
   */
  toc?: boolean
  children: PhrasingContent[]
}

export interface Paragraph extends NodeBase {
  type: 'paragraph'
  /** `center` for centred lines in HTML input; absent means justified body text. */
  align?: 'center' | 'right'
  /**
   * The paragraph's language when it differs from the book's (BCP 47: a letter quoted in French
   * in an English novel). Renderers mark it for screen readers and hyphenate it by it.
   */
  lang?: string
  /** Its writing direction when it differs from the book's (a Hebrew line in an English book). */
  dir?: 'ltr' | 'rtl'
  children: PhrasingContent[]
}

/** A break in the narrative: `* * *`, two blank lines, `<hr>`. */
export interface SceneBreak extends NodeBase {
  type: 'sceneBreak'
  /** The marker as written (`* * *`, `~~~`, `(blank)`), kept for `octavo check`. */
  marker?: string
}

export interface Blockquote extends NodeBase {
  type: 'blockquote'
  children: BlockContent[]
}

/** Lines that must not be reflowed: poems, songs, letters' address lines. */
export interface Verse extends NodeBase {
  type: 'verse'
  children: VerseLine[]
}

export interface VerseLine extends NodeBase {
  type: 'verseLine'
  children: PhrasingContent[]
}

export interface List extends NodeBase {
  type: 'list'
  ordered: boolean
  /** First number of an ordered list. */
  start?: number
  children: ListItem[]
}

export interface ListItem extends NodeBase {
  type: 'listItem'
  children: BlockContent[]
}

/** An image standing as its own block, with an optional caption. */
export interface Figure extends NodeBase {
  type: 'figure'
  image: Image
  caption?: PhrasingContent[]
}

/** An author's note ("A/N: thanks for reading!"), set apart from the story. */
export interface Note extends NodeBase {
  type: 'note'
  /** Where it stood in the chapter. */
  placement: 'start' | 'end' | 'inline'
  children: BlockContent[]
}

export interface FootnoteDefinition extends NodeBase {
  type: 'footnoteDefinition'
  /** Normalised identifier, unique within the chapter, matched by `footnoteReference`. */
  identifier: string
  /** The label as written (`12`, `note`). */
  label?: string
  /**
   * The number its marker and back-link print, by first reference (set by the `footnoteNumbers`
   * transform; absent on a note nothing refers to).
   */
  number?: number
  children: BlockContent[]
}

/** Preformatted text. Typography never touches it. */
export interface CodeBlock extends NodeBase {
  type: 'codeBlock'
  lang?: string
  value: string
}

/**
 * A table (GFM pipe table, HTML `<table>`, Word table). Rows in `head` print as header rows (EPUB
 * `<thead>`, repeated at the top of each PDF page the table crosses).
 */
export interface Table extends NodeBase {
  type: 'table'
  /** Column alignment, one entry per column; `null` or absent means the default. */
  align?: Array<'left' | 'center' | 'right' | null>
  caption?: PhrasingContent[]
  children: TableRow[]
}

export interface TableRow extends NodeBase {
  type: 'tableRow'
  /** A header row (`<thead>`; the first row of a GFM table). */
  head?: boolean
  children: TableCell[]
}

export interface TableCell extends NodeBase {
  type: 'tableCell'
  /** A header cell (`<th>`): every cell of a head row, and row headers in the body. */
  header?: boolean
  /** Columns and rows this cell spans (HTML/Word); absent means 1. */
  colSpan?: number
  rowSpan?: number
  children: PhrasingContent[]
}

export type PhrasingContent =
  | Text
  | Emphasis
  | Strong
  | SmallCaps
  | Delete
  | Underline
  | Subscript
  | Superscript
  | Span
  | Link
  | Break
  | FootnoteReference
  | InlineCode
  | Image

export interface Text extends NodeBase {
  type: 'text'
  value: string
}

export interface Emphasis extends NodeBase {
  type: 'emphasis'
  children: PhrasingContent[]
}

export interface Strong extends NodeBase {
  type: 'strong'
  children: PhrasingContent[]
}

export interface SmallCaps extends NodeBase {
  type: 'smallCaps'
  children: PhrasingContent[]
}

/** Struck-through text (`~~x~~`, `<del>`, `<s>`, Word strikethrough). */
export interface Delete extends NodeBase {
  type: 'delete'
  children: PhrasingContent[]
}

/** Underlined text where the author means an underline (`<u>`, Word underline). */
export interface Underline extends NodeBase {
  type: 'underline'
  children: PhrasingContent[]
}

/** `H~2~O`, `<sub>`. */
export interface Subscript extends NodeBase {
  type: 'subscript'
  children: PhrasingContent[]
}

/** `x^2^`, `<sup>` (not a footnote reference). */
export interface Superscript extends NodeBase {
  type: 'superscript'
  children: PhrasingContent[]
}

/**
 * Text in another language or direction than what surrounds it (`[bonjour]{lang=fr}`,
 * `<i lang="la">`, a Word run proofed in German): the language of parts, which screen readers
 * switch voice for and the PDF leaves unhyphenated. A span has `lang`, `dir` or both.
 */
export interface Span extends NodeBase {
  type: 'span'
  /** BCP 47, canonical (`fr`, `pt-BR`). */
  lang?: string
  dir?: 'ltr' | 'rtl'
  children: PhrasingContent[]
}

export interface Link extends NodeBase {
  type: 'link'
  /** `http:`, `https:` or `mailto:` URL, or `#id` inside the book. Readers drop anything else. */
  url: string
  title?: string
  children: PhrasingContent[]
}

/** A forced line break inside a paragraph. */
export interface Break extends NodeBase {
  type: 'break'
}

export interface FootnoteReference extends NodeBase {
  type: 'footnoteReference'
  identifier: string
  label?: string
}

export interface InlineCode extends NodeBase {
  type: 'code'
  value: string
}

/** An image; a block image is wrapped in a `figure`. */
export interface Image extends NodeBase {
  type: 'image'
  /** Book-relative path, `/`-separated. Never a network URL. */
  url: string
  /** Alternative text; empty string means decorative, absent means missing (warned). */
  alt?: string
  title?: string
}

export type Parent =
  | Root
  | Part
  | Chapter
  | Heading
  | Paragraph
  | Blockquote
  | Verse
  | VerseLine
  | List
  | ListItem
  | Note
  | FootnoteDefinition
  | Emphasis
  | Strong
  | SmallCaps
  | Delete
  | Underline
  | Subscript
  | Superscript
  | Span
  | Link
  | Table
  | TableRow
  | TableCell

export type Node =
  | Root
  | Part
  | Chapter
  | BlockContent
  | VerseLine
  | ListItem
  | TableRow
  | TableCell
  | PhrasingContent

/** Map from node type name to node interface, for typed handler tables. */
export interface NodeMap {
  root: Root
  part: Part
  chapter: Chapter
  heading: Heading
  paragraph: Paragraph
  sceneBreak: SceneBreak
  blockquote: Blockquote
  verse: Verse
  verseLine: VerseLine
  list: List
  listItem: ListItem
  figure: Figure
  note: Note
  footnoteDefinition: FootnoteDefinition
  codeBlock: CodeBlock
  table: Table
  tableRow: TableRow
  tableCell: TableCell
  text: Text
  emphasis: Emphasis
  strong: Strong
  smallCaps: SmallCaps
  delete: Delete
  underline: Underline
  subscript: Subscript
  superscript: Superscript
  span: Span
  link: Link
  break: Break
  footnoteReference: FootnoteReference
  code: InlineCode
  image: Image
}

export type NodeType = keyof NodeMap
