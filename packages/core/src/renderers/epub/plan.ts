/**
 * The reading order and naming plan: which file each part and chapter goes to, the element id it
 * gets, and where an internal `#id` link lands. Front-matter chapters move before the body and
 * back-matter chapters after it, wherever they stood. File names and manifest ids come from
 * order alone (`chapter-001`), never from user text, so they are always safe; element ids keep
 * the tree's id when it is a usable XML name, and a chapter without one gets `ch-001`.
 */

import { cleanText } from '../../escape-xml.js'
import {
  type Labels,
  labelsFor,
  chapterHead as modelChapterHead,
  partHead as modelPartHead,
} from '../../model/labels.js'
import type { Chapter, Heading, Part, PhrasingContent, Root } from '../../model/types.js'
import { readingOrder, toText } from '../../model/walk.js'

export interface ChapterEntry {
  type: 'chapter'
  node: Chapter
  /** 1-based position in the reading order, over all chapters. */
  ordinal: number
  /** File base name under `text/`, without `.xhtml`. */
  file: string
  /** Element id of the chapter's section. */
  anchor: string
  /** Plain-text title for the TOC, NCX and `<title>`. */
  title: string
  /** Headings the navigation lists under the chapter (`toc`), in order, with their element ids. */
  sections: SectionEntry[]
}

/** A heading inside a chapter that the navigation lists. */
export interface SectionEntry {
  node: Heading
  /** Element id, unique in the book. */
  anchor: string
  /** Plain text for the nav and NCX. */
  title: string
}

export interface PartEntry {
  type: 'part'
  node: Part
  ordinal: number
  file: string
  anchor: string
  title: string
  /** Its body-matter chapters. */
  chapters: ChapterEntry[]
}

export interface Plan {
  front: ChapterEntry[]
  body: Array<PartEntry | ChapterEntry>
  back: ChapterEntry[]
  /** Every chapter in reading order. */
  chapters: ChapterEntry[]
  /** Tree id → href from a file in `text/` (`chapter-003.xhtml#id`). */
  anchors: Map<string, string>
}

/** "Chapter 23", "Prologue", or "" when the title stands alone (see `model/labels.ts`). */
export function chapterHead(chapter: Chapter): string {
  return cleanText(modelChapterHead(chapter))
}

/**
 * A display title as plain text (`cleanText`), but for the narrow no-break space a language may
 * join its head and title with ("Chapitre 1\u202F: L’aube"): a contents line does not break
 * before the colon.
 */
function labelText(label: string): string {
  return label.split('\u202F').map(cleanText).filter(Boolean).join('\u202F')
}

/** "Chapter 23: Truly All Alone", "Prologue", "Truly All Alone"; never empty. */
export function chapterTitle(chapter: Chapter, labels: Labels = labelsFor('en')): string {
  return labelText(labels.chapterLabel(chapter)) || 'Untitled'
}

export function partHead(part: Part): string {
  return cleanText(modelPartHead(part))
}

export function partTitle(part: Part, labels: Labels = labelsFor('en')): string {
  return labelText(labels.partLabel(part)) || 'Part'
}

/** True when some inline content has visible text. */
export function hasContent(content: readonly PhrasingContent[] | undefined): boolean {
  return !!content && cleanText(toText(content)) !== ''
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

/** A usable XML id (NCName) made from a tree id, or undefined when nothing usable is left. */
function toXmlId(id: string): string | undefined {
  const cleaned = id.replace(/[^\w.-]/g, '-')
  if (!/[A-Za-z0-9]/.test(cleaned)) return undefined
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `id-${cleaned}`
}

export function planBook(tree: Root): Plan {
  const order = readingOrder(tree)
  const { front, back } = order
  const bodyNodes = order.body
  // Titles joined as the book's language joins them ("Chapitre 1 : Le Départ").
  const labels = labelsFor(tree.metadata.language, tree.metadata.strings)

  let chapterCount = front.length + back.length
  let partCount = 0
  for (const node of bodyNodes) {
    if (node.type === 'part') {
      partCount++
      chapterCount += node.chapters.length
    } else chapterCount++
  }
  const chapterWidth = Math.max(3, String(chapterCount).length)
  const partWidth = Math.max(2, String(partCount).length)

  // Ids are unique in the book: a clash (two chapters with one id) gets a numeric suffix.
  const used = new Set<string>()
  const anchors = new Map<string, string>()
  const chapters: ChapterEntry[] = []
  const claim = (wanted: string | undefined, fallback: string): string => {
    let id = (wanted && toXmlId(wanted)) ?? fallback
    if (/^(fn|fnref)-/.test(id) && id !== fallback) id = fallback
    let n = 2
    const base = id
    while (used.has(id)) id = `${base}-${n++}`
    used.add(id)
    return id
  }
  const register = (treeId: string | undefined, href: string) => {
    if (treeId !== undefined && !anchors.has(treeId)) anchors.set(treeId, href)
  }

  const makeChapter = (node: Chapter): ChapterEntry => {
    const ordinal = chapters.length + 1
    const file = `chapter-${pad(ordinal, chapterWidth)}`
    const anchor = claim(node.id, `ch-${pad(ordinal, chapterWidth)}`)
    register(node.id, `${file}.xhtml#${anchor}`)
    const sections: SectionEntry[] = []
    for (const block of node.children) {
      if (block.type !== 'heading' || !block.toc) continue
      const title = cleanText(toText(block.children))
      // A heading with no words (an ornament) has nothing to list.
      if (!title) continue
      // Not registered as a link target: the chapter may be split, and which file holds the
      // heading is known only once it is rendered (see package.ts).
      const id = claim(block.id, `${anchor}-s${sections.length + 1}`)
      sections.push({ node: block, anchor: id, title })
    }
    const entry: ChapterEntry = {
      type: 'chapter',
      node,
      ordinal,
      file,
      anchor,
      title: chapterTitle(node, labels),
      sections,
    }
    chapters.push(entry)
    return entry
  }

  const frontEntries = front.map(makeChapter)
  const body: Array<PartEntry | ChapterEntry> = []
  let partOrdinal = 0
  for (const node of bodyNodes) {
    if (node.type === 'chapter') {
      body.push(makeChapter(node))
      continue
    }
    const part = node.part
    partOrdinal++
    const file = `part-${pad(partOrdinal, partWidth)}`
    const anchor = claim(part.id, `part-${pad(partOrdinal, partWidth)}`)
    register(part.id, `${file}.xhtml#${anchor}`)
    const entry: PartEntry = {
      type: 'part',
      node: part,
      ordinal: partOrdinal,
      file,
      anchor,
      title: partTitle(part, labels),
      chapters: [],
    }
    body.push(entry)
    for (const chapter of node.chapters) entry.chapters.push(makeChapter(chapter))
  }
  const backEntries = back.map(makeChapter)
  return { front: frontEntries, body, back: backEntries, chapters, anchors }
}
