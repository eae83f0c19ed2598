/**
 * `octavo init [dir]`: a book.yaml with every field explained. In a folder that already holds
 * chapters it adopts them: book.yaml lists each chapter file with the titles Octavo detects in it,
 * and nothing else is added. In an empty folder it writes a sample book that builds as it is.
 * Either way it never overwrites a file, asks for the title and author on a terminal (`--title`,
 * `--author` for scripts), and writes no cover image: without `cover:` one is generated from the
 * metadata at every build, so it follows every later edit of book.yaml.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import nodePath from 'node:path'
import type { AnyRenderer, Book, Chapter, optionRows as OptionRows, Root } from '@octavo/core'
import { type CommonArgs, reporterFor } from '../common.js'
import { EXIT } from '../report.js'
import { trustFolder } from '../trust.js'

/**
 * Each output format's book.yaml section, commented out, from the format's own option schema:
 * a new renderer's options appear here without this file knowing it.
 */
function formatSections(renderers: AnyRenderer[], optionRows: typeof OptionRows): string {
  const lines: string[] = []
  for (const renderer of renderers) {
    if (!renderer.options) continue
    lines.push(`# ${renderer.name}:`)
    for (const row of optionRows(renderer.options)) {
      const setting = `#   ${row.key}:${row.sample === undefined ? '' : ` ${row.sample}`}`
      lines.push(`${setting.padEnd(37)} # ${row.description}`)
    }
  }
  return lines.map((line) => `${line}\n`).join('')
}

/** What `init` knows about the book it writes a book.yaml for. */
export interface InitBook {
  title: string
  /** Absent: the author line is left commented out (the build then warns `book-no-author`). */
  author?: string
  language: string
  /** The `chapters:` section, already indented, each line ending in a newline. */
  chapters: string
  description?: string
}

/** The sample book's metadata and chapters (in `chapters/`). */
export const SAMPLE_BOOK: InitBook = {
  title: "The Lighthouse Keeper's Daughter",
  author: 'Your Name',
  language: 'en',
  description: 'A short sample book made by `octavo init`. Replace it with your own blurb.',
  chapters: `  - chapters/*.txt
# chapters:                           # with parts:
#   - part: "Part One: The Shore"
#     chapters: [chapters/01-*.txt, chapters/02-*.txt]
`,
}

/** A YAML scalar: plain when that reads back as the same string, else double-quoted (JSON's form is valid YAML). */
export function yamlString(value: string): string {
  return /^[\p{L}\p{N}_/(][\p{L}\p{N}_ ./(),'’!?&-]*$/u.test(value) &&
    !/[ ]$|: | #|^(?:true|false|yes|no|on|off|null|~)$/i.test(value) &&
    !/^[\d.+-]+$/.test(value)
    ? value
    : JSON.stringify(value)
}

/** One line of the template: `setting` padded to the comment column, then `# note`. */
const noted = (setting: string, note: string) => `${setting.padEnd(37)} # ${note}`

/** The commented book.yaml `init` writes; the format sections come from the registered renderers. */
export function bookYaml(renderers: AnyRenderer[], optionRows: typeof OptionRows, book: InitBook): string {
  const author =
    book.author === undefined
      ? noted('# author: Your Name', 'or a list: authors: [{ name: Ana Díaz, file-as: "Díaz, Ana" }]')
      : noted(
          `author: ${yamlString(book.author)}`,
          'or a list: authors: [{ name: Ana Díaz, file-as: "Díaz, Ana" }]',
        )
  const description =
    book.description === undefined
      ? '# description: The blurb for stores and reading apps.'
      : `description: ${yamlString(book.description)}`
  return `# book.yaml: everything Octavo needs to know about your book.
# Only \`title\` and \`author\` matter to start; every other key is optional.

title: ${yamlString(book.title)}
# subtitle: A Novel
${author}
${noted(`language: ${yamlString(book.language)}`, 'BCP 47: en, en-GB, fr, de, es, it, ru, pl, sv…')}
# identifier: 978-3-16-148410-0       # ISBN or UUID; default: a stable UUID from title + authors
# publisher: Small Press
# date: "2026-01-01"                  # publication date (YYYY, YYYY-MM or YYYY-MM-DD)
${description}
# subjects: [Fiction, Fantasy]        # or tags:
# series: { name: The Coast Cycle, number: 1 }
rights: All rights reserved.          # or a licence, e.g. CC BY 4.0
# contributors:
#   - { name: Sam Editor, role: editor }
#   - { name: Tam Translator, role: translator }
# cover: cover.jpg                   # your cover image; without one, a typographic cover is made
#                                     # from the title and author at every build
# dedication: For everyone who kept a light on.
# edition: First edition

chapters:                             # files and globs, in reading order; natural sort within a glob
${book.chapters}# front-matter: [foreword.md]
# back-matter: [afterword.md]

${formatSections(renderers, optionRows)}# typography: false                   # keep straight quotes and -- as typed
# typography:                         # or turn single rules off (all on by default):
#   word-joiners: false               #   no U+2060 before em dashes (for a Kindle conversion)
#   no-break-spaces: false            #   Mr. Darcy, 10 a.m., 5 km may break after the space
#   hair-spaces: false                #   no hair space between touching quotes (“ ‘)
# plugins: [./my-renderer.mjs]
`
}

export const SAMPLE_CHAPTERS: Record<string, string> = {
  '01-the-light.txt': `Chapter One: The Light

Mara had kept the lamp for eleven winters, and she had never once let it go out.

"You'll freeze up there," her brother said, the night the storm came in. "It's only a light, Mara."

"It's never only a light." She pulled on her father's coat--the one with the torn pocket--and climbed.

* * *

By midnight the sea was white to the horizon. She trimmed the wick, wiped the salt from the glass, and waited...

A/N: Thanks for reading the sample! Edit chapters/*.txt and run \`octavo build\` again.
`,
  '02-the-ship.txt': `Chapter Two: The Ship

The ship came out of the dark at two in the morning, listing hard, her foremast gone.

Mara counted the lanterns on her deck. _Three._ Then two. Then one.

"Hold on," she whispered, as if they could hear her. "Hold on, 'til the tide turns."
`,
  '03-morning.txt': `Chapter Three: Morning

In the morning there were fourteen strangers in the kitchen, and every one of them was alive.

The captain, a tall woman with a bandaged hand, stood at the window a long time before she spoke. "We saw your light," she said at last. "We'd have been on the rocks without it."

Mara only nodded. Outside, the sea had gone quiet, grey and flat as slate.
`,
}

export interface InitArgs extends CommonArgs {
  /** Folder to write the book.yaml in (default: the current one). */
  dir?: string
}

/** Whether to ask: a person at a terminal, and not a program reading `--json`. */
const interactive = (argv: InitArgs) => Boolean(process.stdin.isTTY && process.stderr.isTTY && !argv.json)

/**
 * Ask for the title and author on the terminal, each with the value Octavo would use as its
 * default (Enter keeps it). The questions go to stderr, so stdout stays the command's output.
 */
async function ask(
  questions: { label: string; value: string | undefined }[],
): Promise<(string | undefined)[]> {
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answers: (string | undefined)[] = []
    for (const { label, value } of questions) {
      const answer = (await rl.question(`${label}${value ? ` (${value})` : ''}: `)).trim()
      answers.push(answer || value)
    }
    return answers
  } finally {
    rl.close()
  }
}

/** One `chapters:` line per chapter file, commented with the chapter titles Octavo detects in it. */
function chapterLines(
  book: Book,
  chapterLabel: (chapter: Chapter) => string,
  chaptersOf: (tree: Root) => Chapter[],
): string {
  const titles = new Map<string, string[]>()
  for (const chapter of chaptersOf(book.tree)) {
    if (chapter.file === undefined) continue
    const list = titles.get(chapter.file) ?? []
    if (list.length === 0) titles.set(chapter.file, list)
    list.push(chapterLabel(chapter))
  }
  const lines: string[] = []
  for (const [file, list] of titles) {
    const note =
      list.length === 1 ? list[0]! : `${list.length} chapters: ${list[0]} … ${list[list.length - 1]}`
    lines.push(noted(`  - ${yamlString(file)}`, note.replace(/\s+/g, ' ')))
  }
  return lines.map((line) => `${line}\n`).join('')
}

/** Folders that never hold an author's chapters. */
const NOT_BOOK = /^(?:node_modules|dist|build|out)$|^[._]/

/**
 * The subfolders (book-relative, at most three levels down) holding chapter files, for a book
 * whose chapters are neither in its folder nor in `chapters/` (say `manuscript/`). Sample
 * chapters must never be added beside them.
 */
async function chapterFolders(dir: string, extensions: readonly string[], depth = 3): Promise<string[]> {
  const out: string[] = []
  const walk = async (relative: string, level: number): Promise<void> => {
    const entries = await readdir(nodePath.join(dir, relative), { withFileTypes: true }).catch(() => [])
    let has = false
    for (const entry of entries) {
      if (entry.isFile() && extensions.includes(nodePath.extname(entry.name).toLowerCase())) has = true
    }
    if (has && relative !== '') out.push(relative)
    if (level >= depth) return
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))) {
      if (entry.isDirectory() && !NOT_BOOK.test(entry.name))
        await walk(nodePath.join(relative, entry.name), level + 1)
    }
  }
  await walk('', 0)
  return out
}

/** The chapters a build of these inputs would read, each file's path made relative to `dir`. */
async function loadChapters(core: typeof import('@octavo/core'), dir: string, inputs: string[]) {
  const found = await core.loadBook(inputs, { typography: false, cwd: dir })
  const book = found.book
  if (!book || !core.chaptersOf(book.tree).some((chapter) => chapter.file !== undefined)) return undefined
  // Chapter paths are relative to the book's root: the folder given, or the inputs' common folder.
  const folders = inputs.map((input) => nodePath.resolve(dir, input))
  let root = folders[0]!
  if (folders.length > 1) {
    while (!folders.every((folder) => folder === root || folder.startsWith(root + nodePath.sep))) {
      root = nodePath.dirname(root)
    }
  }
  const prefix = nodePath.relative(dir, root).split(nodePath.sep).join('/')
  for (const chapter of core.chaptersOf(book.tree)) {
    if (chapter.file !== undefined && prefix) chapter.file = `${prefix}/${chapter.file}`
  }
  // A title made from the name of the chapters' folder (`manuscript/`) is the book folder's.
  const metadata = book.tree.metadata
  if (prefix && metadata.title === core.titleFromName(nodePath.basename(root))) {
    metadata.title = core.titleFromName(nodePath.basename(dir)) || metadata.title
  }
  return book
}

export async function initCommand(argv: InitArgs): Promise<number> {
  const reporter = reporterFor({ ...argv, inputs: [argv.dir ?? '.'] })
  const dir = nodePath.resolve(argv.dir ?? '.')
  await mkdir(dir, { recursive: true })
  const existing = await readdir(dir)
  // A book.yml beside a new book.yaml would be ambiguous (and the new one would win): refuse.
  const manifests = existing.filter((name) => /^book\.ya?ml$/.test(name))
  if (manifests.length > 0) {
    reporter.notice(
      `${manifests.map((name) => nodePath.join(dir, name)).join(' and ')} already exist${manifests.length === 1 ? 's' : ''}; nothing was changed`,
    )
    return EXIT.errors
  }
  const core = await import('@octavo/core')
  // The chapters a build of this folder would read (its own files, or those of chapters/), with
  // the titles the readers detect: adopting them is the point of running init in such a folder.
  const extensions = [...new Set(core.listReaders().flatMap((reader) => reader.extensions))]
  let found = await loadChapters(core, dir, ['.'])
  if (!found) {
    const folders = await chapterFolders(dir, extensions)
    if (folders.length > 0) found = await loadChapters(core, dir, folders)
  }
  const adopted = found !== undefined
  const where = nodePath.relative(process.cwd(), dir) || '.'
  let book: InitBook
  if (adopted) {
    const metadata = found!.tree.metadata
    book = {
      title: metadata.title,
      ...(metadata.authors[0] ? { author: metadata.authors.map((person) => person.name).join(' & ') } : {}),
      language: metadata.language,
      chapters: chapterLines(found!, core.chapterLabel, core.chaptersOf),
    }
  } else {
    // No chapters: a sample book. Everything is checked before anything is written, so a clash
    // never leaves half a book.
    const chapters = await readdir(nodePath.join(dir, 'chapters')).catch(() => [] as string[])
    const clashes = Object.keys(SAMPLE_CHAPTERS).filter((name) => chapters.includes(name))
    if (clashes.length > 0) {
      reporter.notice(
        `${clashes.map((name) => nodePath.join(dir, 'chapters', name)).join(', ')} already exist${clashes.length === 1 ? 's' : ''}; nothing was changed`,
      )
      return EXIT.errors
    }
    book = { ...SAMPLE_BOOK }
  }
  if (argv.lang) book.language = argv.lang
  const flagAuthor = argv.author?.length ? argv.author.join(' & ') : undefined
  if (argv.title) book.title = argv.title
  if (flagAuthor) book.author = flagAuthor
  if (interactive(argv) && (!argv.title || !flagAuthor)) {
    const [title, author] = await ask([
      ...(argv.title ? [] : [{ label: 'Title', value: book.title }]),
      ...(flagAuthor ? [] : [{ label: 'Author', value: book.author }]),
    ])
    if (!argv.title) book.title = title ?? book.title
    const answer = argv.title ? title : author
    if (!flagAuthor && answer) book.author = answer
  }
  const yaml = bookYaml(core.listRenderers(), core.optionRows, book)
  if (!adopted) {
    await mkdir(nodePath.join(dir, 'chapters'), { recursive: true })
    for (const [name, text] of Object.entries(SAMPLE_CHAPTERS)) {
      await writeFile(nodePath.join(dir, 'chapters', name), text, { flag: 'wx' })
    }
  }
  // `wx`: a book.yaml that appeared while the questions were asked is kept, not replaced.
  try {
    await writeFile(nodePath.join(dir, 'book.yaml'), yaml, { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    reporter.notice(`${nodePath.join(dir, 'book.yaml')} already exists; nothing was changed`)
    return EXIT.errors
  }
  // This user made the folder, so its plugins (once book.yaml names some) run without asking.
  await trustFolder(dir)
  if (adopted) {
    const count = core.chaptersOf(found!.tree).length
    reporter.info(
      `wrote ${nodePath.join(where, 'book.yaml')}: ${count} chapter${count === 1 ? '' : 's'} found, listed in reading order`,
    )
  } else {
    reporter.info(`created a sample book in ${where}: book.yaml and chapters/`)
  }
  reporter.info(`build it with: octavo build ${where}`)
  return EXIT.ok
}
