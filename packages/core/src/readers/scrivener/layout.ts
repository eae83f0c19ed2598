/**
 * The draft as Scrivener's compile lays it out: which items are parts, which chapters and which
 * of a chapter's documents are scenes or sections (see `index.ts`).
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { parseHeading } from '../heading.js'
import type { Binder, BinderItem } from './binder.js'
import { named, SOURCE } from './names.js'

/** A chapter of the compile: the item it is made from and the documents whose text it holds. */
export interface ChapterPlan {
  item: BinderItem
  documents: BinderItem[]
  /** A part's own text: a chapter only when there is some, and not titled after the part. */
  own?: boolean
  /** A run of scenes standing on their own (no chapter folder): one chapter, no scene's title. */
  run?: boolean
}

/** The draft as Scrivener would compile it: parts of chapters, and chapters. */
export type Layout = Array<{ part: BinderItem; chapters: ChapterPlan[] } | ChapterPlan>

/** Whether an item holds other items (a folder, or a document with documents under it). */
export const holds = (item: BinderItem) => item.children.length > 0

/**
 * Whether the compile takes something from the item: text (folders can hold text in Scrivener 3)
 * or a picture (an image document: a map, a chapter's illustration).
 */
export const textual = (item: BinderItem) =>
  item.type === 'Text' || item.type === 'Folder' || (item.type === 'Image' && item.media !== undefined)

export type Role = 'part' | 'chapter' | 'scene' | 'section'

/** What a section type's name says an item is ("Part Title", "Chapter Heading", "Scene", "Section"). */
export function roleNamed(name: string | undefined): Role | undefined {
  if (!name) return undefined
  if (/\bpart\b|\bbook\b|\bvolume\b/i.test(name)) return 'part'
  if (/chapter/i.test(name)) return 'chapter'
  if (/scene/i.test(name)) return 'scene'
  if (/section|heading/i.test(name)) return 'section'
  return undefined
}

/** The section type Scrivener gives an item that names none: by its kind and depth. */
export function levelRole(item: BinderItem, binder: Binder): Role | undefined {
  const levels =
    item.type === 'Folder'
      ? binder.levels.folders
      : holds(item)
        ? binder.levels.containers
        : binder.levels.files
  return roleNamed(levels[Math.min(item.trail.length, levels.length - 1)])
}

/** The draft's items as parts and chapters (see the module's comment). */
export function lay(binder: Binder, language: string, file: SourceFile): Layout {
  const layout: Layout = []
  const skipped: BinderItem[] = []
  /** The documents of a chapter made from `item`: its own text, then everything under it. */
  // A text is compiled once: a binder naming one file for two items (Scrivener never writes
  // one; a crafted binder could name one large file thousands of times) keeps the first.
  const taken = new Set<string>()
  const repeated: BinderItem[] = []
  const take = (item: BinderItem): boolean => {
    const where = item.type === 'Image' ? (item.media ?? item.text) : item.text
    if (!taken.has(where)) {
      taken.add(where)
      return true
    }
    repeated.push(item)
    return false
  }
  const documents = (item: BinderItem): BinderItem[] => {
    const out: BinderItem[] = []
    const stack = [item]
    while (stack.length > 0) {
      const next = stack.pop()!
      if (!textual(next)) skipped.push(next)
      else if (take(next)) out.push(next)
      for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!)
    }
    return out
  }
  /**
   * A chapter made from `item`; but a document its section type calls a scene, standing where
   * chapters stand, joins the scenes before it in one chapter, as Scrivener compiles it (no
   * chapter heading between them), unless its title reads as a chapter heading.
   */
  const add = (list: Array<ChapterPlan | Layout[number]>, item: BinderItem): void => {
    const scene =
      item.type === 'Text' &&
      !holds(item) &&
      (roleNamed(item.sectionType) ?? levelRole(item, binder)) === 'scene' &&
      parseHeading(item.title, language) === undefined
    const last = list.at(-1)
    if (scene && !take(item)) return
    if (scene && last && 'run' in last && last.run) last.documents.push(item)
    else if (scene) list.push({ item, documents: [item], run: true })
    else list.push({ item, documents: documents(item) })
  }
  // The item's own section type first; then its shape (chapter folders inside it) and its
  // title; then the type its level has by default, which a template sets and authors seldom change.
  const isPart = (item: BinderItem): boolean => {
    if (!holds(item)) return false
    const said = roleNamed(item.sectionType)
    if (said) return said === 'part'
    if (item.children.some((child) => child.type === 'Folder')) return true
    if (parseHeading(item.title, language)?.kind === 'part') return true
    return levelRole(item, binder) === 'part'
  }
  for (const item of binder.draft) {
    // An image or a PDF is left out, but not the documents someone put under it.
    if (!textual(item) && !holds(item)) {
      skipped.push(item)
      continue
    }
    if (textual(item) && isPart(item)) {
      const chapters: ChapterPlan[] = []
      // The part's own text, when it has some, is an untitled chapter before the others.
      if (take(item)) chapters.push({ item, documents: [item], own: true })
      for (const child of item.children) {
        if (!textual(child) && !holds(child)) skipped.push(child)
        else add(chapters, child)
      }
      layout.push({ part: item, chapters })
    } else add(layout, item)
  }
  if (repeated.length > 0)
    file.message(
      'scrivener-item-skipped',
      `Left out ${repeated.length === 1 ? '' : `${repeated.length} items, the first `}${named(repeated[0]!)}: it names the text of an item already in the book, which is compiled once`,
      { line: repeated[0]!.line, column: 1 },
      SOURCE,
    )
  if (skipped.length > 0) {
    const first = skipped[0]!
    file.message(
      'scrivener-item-skipped',
      `Left out ${skipped.length === 1 ? '' : `${skipped.length} items, the first `}${named(first)} (${first.type}): only text documents are compiled`,
      { line: first.line, column: 1 },
      SOURCE,
    )
  }
  return layout
}
