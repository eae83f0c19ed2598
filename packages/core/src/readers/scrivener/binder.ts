/**
 * A Scrivener project's binder (`Novel.scrivx`): the tree of the manuscript's folders and
 * documents, with what Scrivener's compiler needs of each (its title, whether it is included,
 * its section type) and where its text is kept. Two layouts are known:
 *
 * - Scrivener 3 (format 2.0, Mac and Windows): items have a `UUID`, and a document's text is
 *   `Files/Data/<UUID>/content.rtf`;
 * - Scrivener 2 for Mac and 1 for Windows (format 1.0): items have a numeric `ID`, and the text
 *   is `Files/Docs/<ID>.rtf`.
 *
 * Only the Draft folder (its title is often "Manuscript") is the book: research, trash and
 * templates are not. Nothing here reads a file but the binder. The book's title and author are
 * the project's properties (Project > Project Properties), else the `Author` Scrivener 3 signs
 * the project with.
 */
import { attribute, element, elements, parseXml, textOf, type XmlElement } from '../shared/xml.js'

/** One item of the draft: a folder, or a document (which can hold documents of its own). */
export interface BinderItem {
  /** `Folder`, `Text`, or a kind compiled as nothing here (`Image`, `PDF`, `WebArchive`…). */
  type: string
  title: string
  /** Where its text would be, relative to the project folder (a folder may have none). */
  text: string
  /** Where its file is, for an item that is a file of its own (a picture): with its extension. */
  media?: string
  /** Its section type's name ("Chapter Heading", "Scene"), when the project gives one. */
  sectionType?: string
  children: BinderItem[]
  /** The titles of the folders and documents it stands in, from the draft's top down: its depth. */
  trail: string[]
  /** Line of its `<BinderItem>` in the binder, for diagnostics. */
  line: number
}

export interface Binder {
  /** The draft's included items, in binder order (items set not to compile are left out). */
  draft: BinderItem[]
  /** How many items were left out because they are set not to be compiled. */
  excluded: number
  /** The project's title and author (Project > Project Properties), when set. */
  title?: string
  author?: string
  /**
   * The section type Scrivener assigns by structure when an item names none, by kind and
   * depth: `folders[0]` for a folder at the draft's top level, and so on (the last repeats).
   */
  levels: { folders: string[]; containers: string[]; files: string[] }
}

/** What reading the binder gave: the binder, or why there is none. */
export type BinderResult =
  | { binder: Binder; problems: Array<{ message: string; line: number; column: number }> }
  | { error: string; problems: Array<{ message: string; line: number; column: number }> }

/** Read a `.scrivx`. Never throws. */
export function readBinder(xml: string): BinderResult {
  const { root, problems } = parseXml(xml)
  if (root?.local !== 'ScrivenerProject')
    return { error: 'it is not a Scrivener binder (no <ScrivenerProject> element)', problems }
  const binder = element(root, 'Binder')
  const draft =
    binder && elements(binder, 'BinderItem').find((item) => attribute(item, 'Type') === 'DraftFolder')
  if (!draft) return { error: 'its binder has no Draft (manuscript) folder', problems }

  const types = new Map<string, string>()
  const sections = element(root, 'SectionTypes')
  const definitions = sections && element(sections, 'TypeDefinitions')
  for (const type of definitions ? elements(definitions, 'Type') : []) {
    const id = attribute(type, 'ID')
    if (id) types.set(id, textOf(type))
  }
  const levelTypes = sections && element(sections, 'LevelTypes')
  const level = (local: string) => {
    const list = levelTypes && element(levelTypes, local)
    return (list ? elements(list, 'Type') : []).map((t) => types.get(textOf(t)) ?? '')
  }

  let excluded = 0
  const v3 = (root.attributes.Version ?? '').startsWith('2')
  const read = (item: XmlElement, trail: string[]): BinderItem | undefined => {
    const meta = element(item, 'MetaData')
    const include = meta && element(meta, 'IncludeInCompile')
    if (include && /^no$/i.test(textOf(include))) {
      excluded++
      return undefined
    }
    const uuid = attribute(item, 'UUID')
    const id = attribute(item, 'ID')
    const title = element(item, 'Title')
    const out: BinderItem = {
      type: attribute(item, 'Type') ?? 'Text',
      title: title ? textOf(title) : '',
      text: uuid && (v3 || !id) ? `Files/Data/${uuid}/content.rtf` : `Files/Docs/${id ?? uuid}.rtf`,
      children: [],
      trail,
      line: item.line,
    }
    const extension = meta && element(meta, 'FileExtension')
    const ext = extension && textOf(extension).toLowerCase()
    if (ext && /^[a-z0-9]{1,5}$/.test(ext) && ext !== 'rtf')
      out.media =
        uuid && (v3 || !id) ? `Files/Data/${uuid}/content.${ext}` : `Files/Docs/${id ?? uuid}.${ext}`
    const sectionType = meta && element(meta, 'SectionType')
    const named = sectionType && types.get(textOf(sectionType))
    if (named) out.sectionType = named
    const children = element(item, 'Children')
    for (const child of children ? elements(children, 'BinderItem') : []) {
      const kid = read(child, [...trail, out.title])
      if (kid) out.children.push(kid)
    }
    return out
  }
  const draftChildren = element(draft, 'Children')
  const top: BinderItem[] = []
  for (const child of draftChildren ? elements(draftChildren, 'BinderItem') : []) {
    const item = read(child, [])
    if (item) top.push(item)
  }
  const properties = element(root, 'ProjectProperties')
  const property = (local: string) => {
    const found = properties && element(properties, local)
    return found ? textOf(found) || undefined : undefined
  }
  const result: Binder = {
    draft: top,
    excluded,
    levels: { folders: level('Folders'), containers: level('Containers'), files: level('Files') },
  }
  const title = property('ProjectTitle')
  // Project Properties' author first; else the name Scrivener 3 signs the project with.
  const author =
    property('FullName') ??
    ([property('FirstName'), property('LastName')].filter(Boolean).join(' ') || undefined) ??
    (root.attributes.Author?.trim() || undefined)
  if (title) result.title = title
  if (author) result.author = author
  return { binder: result, problems }
}
