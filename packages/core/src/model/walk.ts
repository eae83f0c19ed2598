/** Small tree utilities shared by transforms and renderers. */

import { pushAll } from './arrays.js'
import type { Chapter, Node, Part, PhrasingContent, Root } from './types.js'

/**
 * Visit every node depth-first, parents before children. Return `false` to skip a node's children.
 *
 * @example
 *   let images = 0
 *   visit(book.tree, (node) => {
 *     if (node.type === 'image') images++
 *   })
 */
export function visit(node: Node, visitor: (node: Node, parent: Node | undefined) => boolean | void): void {
  const stack: Array<[Node, Node | undefined]> = [[node, undefined]]
  // An explicit stack, not recursion: a 10,000-deep blockquote must not overflow.
  while (stack.length > 0) {
    const [current, parent] = stack.pop()!
    if (visitor(current, parent) === false) continue
    const kids = childrenOf(current)
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, current])
  }
}

/** Every child list a node has, including titles, captions and figure images. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = []
  if ('title' in node && Array.isArray(node.title)) pushAll(out, node.title)
  if ('subtitle' in node && Array.isArray(node.subtitle)) pushAll(out, node.subtitle)
  if (node.type === 'figure') {
    out.push(node.image)
    if (node.caption) pushAll(out, node.caption)
  }
  if ('children' in node && Array.isArray(node.children)) pushAll(out, node.children as Node[])
  return out
}

/**
 * The plain text of inline content (footnote references and images contribute nothing).
 *
 * @example
 *   const [first] = chaptersOf(book.tree)
 *   const title = toText(first?.title) // 'Dawn'
 */
export function toText(content: readonly PhrasingContent[] | undefined): string {
  if (!content) return ''
  let out = ''
  for (const node of content) {
    if (node.type === 'text' || node.type === 'code') out += node.value
    else if (node.type === 'break') out += ' '
    else if ('children' in node) out += toText(node.children)
  }
  return out
}

/**
 * All chapters in reading order, whether or not they sit inside parts.
 *
 * @example
 *   for (const chapter of chaptersOf(book.tree)) {
 *     console.log(chapter.file, chapter.children.length)
 *   }
 */
export function chaptersOf(root: Root): Chapter[] {
  const out: Chapter[] = []
  for (const child of root.children) {
    if (child.type === 'chapter') out.push(child)
    else pushAll(out, child.children)
  }
  return out
}

/** The part a chapter belongs to, if any. */
export function partOf(root: Root, chapter: Chapter): Part | undefined {
  for (const child of root.children)
    if (child.type === 'part' && child.children.includes(chapter)) return child
  return undefined
}

/** What a chapter of each kind is called when its heading names nothing else. */
const KIND_NAMES: Record<Chapter['kind'], string> = {
  chapter: 'Chapter',
  prologue: 'Prologue',
  epilogue: 'Epilogue',
  interlude: 'Interlude',
  foreword: 'Foreword',
  preface: 'Preface',
  introduction: 'Introduction',
  afterword: 'Afterword',
  acknowledgments: 'Acknowledgments',
  dedication: 'Dedication',
  appendix: 'Appendix',
  other: '',
}

/** Abbreviations authors write for the common labels, and what a book prints for them. */
const LABEL_WORDS: Record<string, string> = {
  ch: 'Chapter',
  chap: 'Chapter',
  chapter: 'Chapter',
  pt: 'Part',
  part: 'Part',
  bk: 'Book',
  book: 'Book',
  app: 'Appendix',
  appx: 'Appendix',
}

/**
 * A label as a book prints it: "CHAPTER", "ch." and "Chap" become "Chapter"; a label in
 * capitals ("CHAPITRE") is set in title case; anything else stays as the author wrote it.
 */
export function normalizeLabel(label: string): string {
  const word = label.trim().replace(/\.$/, '')
  const known = LABEL_WORDS[word.toLowerCase()]
  if (known) return known
  if (word === word.toUpperCase() && word !== word.toLowerCase())
    return word.charAt(0) + word.slice(1).toLowerCase()
  return word
}

const NUMBER_WORDS = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
  'Twenty',
]

/**
 * The line above a chapter's title, as every renderer prints it: "Chapter 23", "Prologue",
 * "Appendix 2", or "" for a chapter whose heading is its title alone (kind `other`).
 *
 * @example
 *   chapterHead({ type: 'chapter', kind: 'chapter', matter: 'body', label: 'CH.', number: 5, children: [] })
 *   // 'Chapter 5'
 */
export function chapterHead(chapter: Chapter): string {
  const numbered = chapter.number !== undefined && (chapter.kind === 'chapter' || chapter.kind === 'appendix')
  // An unnumbered chapter is not "Chapter": it is its title alone.
  const fallback = chapter.kind === 'chapter' && !numbered ? '' : KIND_NAMES[chapter.kind]
  const label = chapter.label?.trim() ? normalizeLabel(chapter.label) : fallback
  const head = [label, numbered ? String(chapter.number) : ''].filter(Boolean).join(' ')
  // A foreword titled "Foreword" is said once, by its title.
  return head.toLowerCase() === toText(chapter.title).replace(/\s+/g, ' ').trim().toLowerCase() ? '' : head
}

/**
 * A chapter's display title for contents, bookmarks and navigation: "Chapter 23: Truly All
 * Alone", "Prologue", "Chapter 5". Never empty.
 *
 * @example
 *   const labels = chaptersOf(book.tree).map(chapterLabel)
 *   // ['Prologue', 'Chapter 1: Dawn', 'Chapter 2']
 */
export function chapterLabel(chapter: Chapter): string {
  const title = toText(chapter.title).replace(/\s+/g, ' ').trim()
  const head = chapterHead(chapter)
  if (head && title) return `${head}: ${title}`
  return title || head || KIND_NAMES[chapter.kind] || 'Untitled'
}

/**
 * The line above a part's title: "Part One", "Book 3" ("Part" when the part has no number).
 * Numbers up to twenty are spelled out after an English label, as books do.
 */
export function partHead(part: Part): string {
  const label = part.label?.trim() ? normalizeLabel(part.label) : 'Part'
  if (part.number === undefined) return label
  const english = label === 'Part' || label === 'Book'
  return `${label} ${english ? (NUMBER_WORDS[part.number] ?? part.number) : part.number}`
}

/** A part's display title: "Part One: The Road", "Part Two". Never empty. */
export function partLabel(part: Part): string {
  const title = toText(part.title).replace(/\s+/g, ' ').trim()
  const head = partHead(part)
  return head && title ? `${head}: ${title}` : title || head
}

/** A part in reading order, with the body chapters it keeps there. */
export interface PartInOrder {
  type: 'part'
  part: Part
  chapters: Chapter[]
}

/** The book in reading order; see {@link readingOrder}. */
export interface ReadingOrder {
  front: Chapter[]
  body: Array<Chapter | PartInOrder>
  back: Chapter[]
}

/**
 * The book in reading order, the one every renderer follows: front-matter chapters first and
 * back-matter chapters last, wherever they stand in the tree (inside a part too), the body
 * between them with its parts. A part whose chapters are all front or back matter keeps its
 * place, empty.
 *
 * @example
 *   const { front, body, back } = readingOrder(book.tree)
 */
export function readingOrder(root: Root): ReadingOrder {
  const order: ReadingOrder = { front: [], body: [], back: [] }
  const place = (chapter: Chapter, body: Chapter[]) => {
    if (chapter.matter === 'front') order.front.push(chapter)
    else if (chapter.matter === 'back') order.back.push(chapter)
    else body.push(chapter)
  }
  for (const child of root.children) {
    if (child.type === 'part') {
      const entry: PartInOrder = { type: 'part', part: child, chapters: [] }
      for (const chapter of child.children) place(chapter, entry.chapters)
      order.body.push(entry)
    } else if (child.matter === 'body') order.body.push(child)
    else place(child, [])
  }
  return order
}

/** One step of the reading order: a part (before its chapters), or a chapter with its part. */
export type ReadingStep = { type: 'part'; part: Part } | { type: 'chapter'; chapter: Chapter; part?: Part }

/**
 * The reading order as one sequence, for walks that need no nesting: each part, then its
 * chapters (which carry it as `part`).
 *
 * @example
 *   for (const step of readingSequence(readingOrder(book.tree)))
 *     if (step.type === 'chapter') console.log(chapterLabel(step.chapter))
 */
export function* readingSequence(order: ReadingOrder): Generator<ReadingStep> {
  for (const chapter of order.front) yield { type: 'chapter', chapter }
  for (const entry of order.body) {
    if (entry.type === 'chapter') {
      yield { type: 'chapter', chapter: entry }
      continue
    }
    yield { type: 'part', part: entry.part }
    for (const chapter of entry.chapters) yield { type: 'chapter', chapter, part: entry.part }
  }
  for (const chapter of order.back) yield { type: 'chapter', chapter }
}
