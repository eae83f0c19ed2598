/**
 * Finding a book's files on disk: one named file, a folder's chapter files, or a glob pattern,
 * always confined to the book folder. A path that exists only through a symlink pointing out of
 * the folder is reported, never read. Globs never descend into symlinked folders (a link to `/`
 * must not make `**` walk the whole disk); symlinked files they match are checked like any other.
 * Results are book-relative, `/`-separated and in natural order (`bookOrder`: prologue first).
 */
import type { Dirent } from 'node:fs'
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import nodePath from 'node:path'
import type * as Tinyglobby from 'tinyglobby'
import { bookOrder, comparePaths } from './natural.js'
import { toPosix } from './paths.js'

/** The glob matcher, loaded only when a pattern is given (a folder or named files need none). */
function globber(): Promise<typeof Tinyglobby> {
  return import('tinyglobby')
}

/**
 * Files that sit beside chapters without being chapters: repository furniture, notes, and the
 * `~$chapter.docx` lock files Word and LibreOffice leave while a document is open.
 */
const NOT_CHAPTERS = /^(?:readme|licen[cs]e|copying|changelog|contributing)(?:[-._]|$)|^[_.]|^~\$/i

/**
 * Whether a file name looks like a chapter: one of `extensions` (the registered readers', lower-case
 * with the dot) and not README, LICENSE, `_notes`….
 */
export function isChapterName(name: string, extensions: readonly string[]): boolean {
  if (NOT_CHAPTERS.test(name)) return false
  const dot = name.lastIndexOf('.')
  return dot > 0 && extensions.includes(name.slice(dot).toLowerCase())
}

/** What a book-relative path is, after following links that stay in the book. */
export type PathKind = 'file' | 'folder' | 'missing' | 'outside' | 'other'

/** What a folder listing or a glob found. */
export interface Found {
  /** Chapter files, book-relative, in natural order. */
  files: string[]
  /** Matches that are links leaving the book folder (reported, not used). */
  outside: string[]
  /** Matches left out because their names are not chapter names (images, README…). */
  skipped: number
}

/** The files of one book folder. Paths in and out are book-relative and `/`-separated. */
export class BookFolder {
  private realRoot: Promise<string | undefined> | undefined
  private folderLinks: Promise<string[]> | undefined
  private readonly folders = new Map<string, Promise<boolean | undefined>>()

  constructor(
    /** Absolute path of the book folder. */
    readonly root: string,
    readonly extensions: readonly string[],
  ) {}

  private abs(relative: string): string {
    return nodePath.join(this.root, ...relative.split('/'))
  }

  /** Whether the real location of an absolute path lies inside the book folder. */
  private async inside(abs: string): Promise<boolean | undefined> {
    this.realRoot ??= realpath(this.root).catch(() => undefined)
    const base = await this.realRoot
    let real: string
    try {
      real = await realpath(abs)
    } catch {
      return undefined
    }
    // The root itself (`/`, when chapters come from two top-level folders) ends in a separator.
    const prefix = base?.endsWith(nodePath.sep) ? base : base + nodePath.sep
    return base !== undefined && (real === base || real.startsWith(prefix))
  }

  /** `inside` for folders, remembered: a book has few folders and many files. */
  private folderInside(abs: string): Promise<boolean | undefined> {
    let known = this.folders.get(abs)
    if (!known) {
      known = this.inside(abs)
      this.folders.set(abs, known)
    }
    return known
  }

  /** Classify a book-relative path (already checked with `confinePath`). */
  async kind(relative: string): Promise<PathKind> {
    const abs = this.abs(relative)
    let info = await lstat(abs).catch(() => undefined)
    if (!info) return 'missing'
    // A plain file is where its folder is; only links need resolving one by one.
    const inside = info.isSymbolicLink()
      ? await this.inside(abs)
      : await this.folderInside(nodePath.dirname(abs))
    if (inside === undefined) return 'missing' // a dangling link
    if (!inside) return 'outside'
    if (info.isSymbolicLink()) info = await stat(abs)
    return info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'other'
  }

  /** Whether a pattern should be expanded as a glob (a file literally named `[1].md` is a file). */
  async isGlob(pattern: string): Promise<boolean> {
    const { isDynamicPattern } = await globber()
    return isDynamicPattern(pattern) && (await this.kind(pattern)) !== 'file'
  }

  /** The chapter files directly in a folder (not in its subfolders). */
  async list(folder: string): Promise<Found> {
    const found: Found = { files: [], outside: [], skipped: 0 }
    let entries: Dirent[]
    try {
      entries = await readdir(this.abs(folder), { withFileTypes: true })
    } catch {
      return found
    }
    for (const entry of entries) {
      const relative = folder === '' || folder === '.' ? entry.name : `${folder}/${entry.name}`
      if (entry.isDirectory()) continue
      if (!isChapterName(entry.name, this.extensions)) {
        if (entry.isFile()) found.skipped++
        continue
      }
      if (entry.isFile()) found.files.push(relative)
      else if (entry.isSymbolicLink()) {
        const kind = await this.kind(relative)
        if (kind === 'file') found.files.push(relative)
        else if (kind === 'outside') found.outside.push(relative)
      }
    }
    found.files = bookOrder(found.files)
    found.outside.sort(comparePaths)
    return found
  }

  /** The chapter files matching a glob, relative to the book folder. */
  async glob(pattern: string): Promise<Found> {
    const found: Found = { files: [], outside: [], skipped: 0 }
    const { escapePath, glob } = await globber()
    const ignore = (await this.linkedFolders()).flatMap((link) => [
      escapePath(link),
      `${escapePath(link)}/**`,
    ])
    const matches = await glob([pattern], {
      cwd: this.root,
      onlyFiles: true,
      // Followed so that symlinked files are seen and checked; symlinked folders are ignored above.
      followSymbolicLinks: true,
      expandDirectories: false,
      ignore,
    })
    const candidates: string[] = []
    for (const match of matches.sort(comparePaths)) {
      const relative = match.replace(/\\/g, '/')
      if (relative.startsWith('../') || nodePath.isAbsolute(relative)) found.outside.push(relative)
      else if (isChapterName(nodePath.posix.basename(relative), this.extensions)) candidates.push(relative)
      else found.skipped++
    }
    const kinds = await Promise.all(candidates.map((relative) => this.kind(relative)))
    candidates.forEach((relative, i) => {
      if (kinds[i] === 'outside') found.outside.push(relative)
      else if (kinds[i] === 'file') found.files.push(relative)
    })
    found.files = bookOrder(found.files)
    return found
  }

  /**
   * Symlinked folders anywhere in the book, which globs must not enter. Found by walking the
   * folder without following links, and bounded so a huge tree cannot stall a build.
   */
  private linkedFolders(): Promise<string[]> {
    this.folderLinks ??= (async () => {
      const links: string[] = []
      const queue = ['']
      let seen = 0
      while (queue.length > 0 && seen < MAX_SCAN) {
        const folder = queue.shift()!
        let entries: Dirent[]
        try {
          entries = await readdir(this.abs(folder), { withFileTypes: true })
        } catch {
          continue
        }
        for (const entry of entries) {
          seen++
          const relative = folder ? `${folder}/${entry.name}` : entry.name
          if (entry.isDirectory()) {
            if (entry.name !== '.git' && entry.name !== 'node_modules') queue.push(relative)
          } else if (entry.isSymbolicLink()) {
            const info = await stat(this.abs(relative)).catch(() => undefined)
            if (info?.isDirectory()) links.push(relative)
          }
        }
      }
      return links
    })()
    return this.folderLinks
  }
}

/** Entries the symlink scan looks at before giving up (a book folder has far fewer). */
const MAX_SCAN = 50_000

/** Expand command-line inputs (files, folders, globs relative to `cwd`) to absolute file paths. */
export async function expandInputs(
  inputs: string[],
  cwd: string,
  extensions: readonly string[],
): Promise<{ files: string[]; missing: string[]; empty: string[] }> {
  const files: string[] = []
  const missing: string[] = []
  const empty: string[] = []
  const seen = new Set<string>()
  const add = (abs: string) => {
    if (!seen.has(abs)) files.push(abs)
    seen.add(abs)
  }
  for (const input of inputs) {
    const abs = nodePath.resolve(cwd, input)
    const info = await stat(abs).catch(() => undefined)
    if (info?.isFile()) add(abs)
    else if (info?.isDirectory()) {
      const found = await new BookFolder(abs, extensions).list('')
      if (found.files.length === 0) empty.push(input)
      for (const file of found.files) add(nodePath.join(abs, file))
    } else {
      const pattern = input.replace(/\\/g, '/')
      const { isDynamicPattern, glob } = await globber()
      if (!isDynamicPattern(pattern)) {
        missing.push(input)
        continue
      }
      // Command-line patterns do not follow links at all: the book folder is not known yet.
      const matches = await glob([pattern], {
        cwd,
        onlyFiles: true,
        followSymbolicLinks: false,
        expandDirectories: false,
        absolute: true,
      })
      const chapters = bookOrder(
        matches
          .filter((m) => isChapterName(nodePath.basename(m), extensions))
          .map((m) => toPosix(nodePath.resolve(m))),
      ).map((m) => nodePath.normalize(m))
      if (chapters.length === 0) empty.push(input)
      chapters.forEach(add)
    }
  }
  return { files, missing, empty }
}
