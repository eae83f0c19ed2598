/**
 * `octavo import`: a book read from any input (an EPUB, a whole-manuscript file, a download)
 * turned into a book folder the author can edit and rebuild: one Markdown file per chapter
 * (`chapters/`, `front/`, `back/`), the images it carried (`images/`), and a `book.yaml` holding
 * every piece of metadata found, commented. Pure: it returns the files; the caller writes them
 * (the CLI never overwrites one). Reading the folder back gives the same chapters and words.
 */
import { stringify } from 'yaml'
import type { Env } from '../env.js'
import { numberedLabel, titledLabel } from '../model/labels.js'
import type { Chapter, Metadata, Part, Root } from '../model/types.js'
import { toText } from '../model/walk.js'
import { chapterMarkdown, headingText } from './markdown.js'

export interface ImportedFile {
  /** Path inside the book folder, `/`-separated. */
  path: string
  content: string | Uint8Array
}

export interface ImportResult {
  /** A folder name for the book: its title's slug. */
  slug: string
  files: ImportedFile[]
}

/**
 * The files of a book folder for `tree` (a read book's tree; images are read through `env`).
 *
 * @example
 *   const { book } = await loadBook(['novel.epub'])
 *   const { slug, files } = await importBook(book.tree, book.env)
 */
export async function importBook(tree: Root, env: Pick<Env, 'readFile'>): Promise<ImportResult> {
  const files: ImportedFile[] = []
  const images = new Map<string, string>()
  const taken = new Set<string>()
  const imagePath = (url: string): string => {
    let known = images.get(url)
    if (!known) {
      const base = url.slice(url.lastIndexOf('/') + 1).replace(/[^\w.-]+/g, '-') || 'image'
      known = `images/${base}`
      for (let n = 2; taken.has(known); n++) known = `images/${base.replace(/(\.\w+)?$/, `-${n}$1`)}`
      taken.add(known)
      images.set(url, known)
    }
    return known
  }
  const yamlEntries: unknown[] = []
  const front: string[] = []
  const back: string[] = []
  let count = 0
  const write = (chapter: Chapter): string => {
    count++
    const folder = chapter.matter === 'front' ? 'front' : chapter.matter === 'back' ? 'back' : 'chapters'
    const name = `${folder}/${String(count).padStart(3, '0')}-${slugOf(headingText(chapter)) || 'chapter'}.md`
    files.push({ path: name, content: chapterMarkdown(chapter, (url) => `../${imagePath(url)}`) })
    return name
  }
  for (const node of tree.children) {
    if (node.type === 'part') {
      const chapters = node.children.map(write)
      yamlEntries.push({
        part: partTitle(node),
        ...(node.number !== undefined ? { number: node.number } : {}),
        chapters,
      })
    } else {
      const name = write(node)
      if (node.matter === 'front') front.push(name)
      else if (node.matter === 'back') back.push(name)
      else yamlEntries.push(name)
    }
  }
  const cover = tree.metadata.cover ? imagePath(tree.metadata.cover) : undefined
  for (const [url, path] of images) {
    try {
      files.push({ path, content: await env.readFile(url, 'image') })
    } catch {
      // An image the input named but did not carry stays a reference the build will report.
    }
  }
  files.push({ path: 'book.yaml', content: bookYaml(tree.metadata, yamlEntries, front, back, cover) })
  return { slug: slugOf(tree.metadata.title) || 'book', files }
}

function partTitle(part: Part): string {
  const lead = part.label ? numberedLabel(part.label, part.numeral) : (part.numeral ?? '')
  const title = part.title ? toText(part.title) : ''
  return lead && title ? titledLabel(lead, title) : lead || title || 'Part'
}

/** A commented book.yaml: each key found, with a line saying what it is. */
function bookYaml(
  m: Metadata,
  chapters: unknown[],
  front: string[],
  back: string[],
  cover: string | undefined,
): string {
  const lines = ['# book.yaml written by `octavo import`: edit anything, then run `octavo build`.', '']
  const key = (comment: string, value: Record<string, unknown>) => {
    lines.push(`# ${comment}`, stringify(value, { lineWidth: 0 }).trimEnd(), '')
  }
  key('The title as it is printed.', { title: m.title })
  if (m.subtitle) key('Subtitle.', { subtitle: m.subtitle })
  if (m.authors.length > 0)
    key('Authors: a name, or {name, file-as} for how it sorts.', {
      authors: m.authors.map((a) => (a.fileAs ? { name: a.name, 'file-as': a.fileAs } : a.name)),
    })
  key('Language (BCP 47).', { language: m.language })
  key("The source's identifier (ISBN, UUID or URI); keep it to keep the book's identity.", {
    identifier: m.identifier.scheme === 'uuid' ? `urn:uuid:${m.identifier.value}` : m.identifier.value,
  })
  if (m.publisher) key('Publisher.', { publisher: m.publisher })
  if (m.date) key('Publication date.', { date: m.date })
  if (m.description) key('Description (blurb).', { description: m.description })
  if (m.subjects.length > 0) key('Subjects or tags.', { subjects: m.subjects })
  if (m.series)
    key('Series and the number in it.', {
      series:
        m.series.number !== undefined ? { name: m.series.name, number: m.series.number } : m.series.name,
    })
  if (m.rights) key('Rights or licence.', { rights: m.rights })
  if (m.contributors.length > 0)
    key('Contributors with their roles (translator, editor, illustrator or a MARC code).', {
      contributors: m.contributors.map((c) => ({
        name: c.name,
        role: c.role,
        ...(c.fileAs ? { 'file-as': c.fileAs } : {}),
      })),
    })
  if (cover) key('Cover image.', { cover })
  for (const field of ['dedication', 'edition', 'copyright'] as const)
    if (m[field]) key(`${field}.`, { [field]: m[field] })
  if (front.length > 0) key('Front matter, in order.', { 'front-matter': front })
  key('Chapters, in order (and parts).', { chapters })
  if (back.length > 0) key('Back matter, in order.', { 'back-matter': back })
  return `${lines.join('\n').trimEnd()}\n`
}

/** Lower-case words joined by hyphens, in any script; empty when nothing is left. */
function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
}
