/**
 * The volume stage, between transform and render: a book with `volumes:` becomes several books,
 * decided once here so that every format of a volume holds the same chapters (the EPUBs of a
 * page-budget book split where its PDFs do). By parts and by chapter count the split is counted;
 * by page budget it is measured with the PDF renderer's `paginate` (layout only, nothing drawn):
 *
 * 1. the whole book is laid out once, giving the page each body chapter opens on, so the pages
 *    any run of chapters takes are known without laying it out again;
 * 2. each volume takes the chapters that fit the budget by those figures, then is laid out as a
 *    volume (its own front matter and contents) to get its real count: too long, it gives back
 *    chapters; room left, it takes more (a few rounds at most, ending on a count that fits);
 * 3. where a part begins in the second half of a volume, the volume ends before it.
 *
 * So a page-budget split costs about two layouts of the book before the render, whatever the
 * budget: for a 6,000-page serial, minutes not hours, and every volume's count is a real one.
 */

import type { SourceFile } from '../diagnostics/file.js'
import type { Env } from '../env.js'
import { volumeIdentifier } from '../manifest/metadata.js'
import { labelsFor } from '../model/labels.js'
import type { Chapter, Part, Root, Volumes } from '../model/types.js'
import { getRenderer, type Pagination } from '../renderers/index.js'
import { bodyChapters, countedStarts, volumeTree } from '../transforms/volumes.js'
import type { Book } from './book.js'

export interface SplitOptions {
  /**
   * The PDF options the volumes will be rendered with, over book.yaml's `pdf:` (the CLI's
   * `--trim`): a page budget is counted in those pages. Default: book.yaml's.
   */
  pdf?: Record<string, unknown>
}

/** Most layouts of one volume while fitting it to the budget. */
const MAX_ROUNDS = 4

/**
 * The book's volumes, each a `Book` to render like any other (same env, formats and files, so
 * diagnostics land where the book's do; each its own `Env.memo`); `[book]` itself when it has no `volumes:`. An empty list
 * when the split cannot be made: the error is among the book's diagnostics.
 *
 * @example
 *   for (const volume of await splitVolumes(book)) {
 *     const n = volume.tree.metadata.volume?.number
 *     await writeFile(`novel${n ? `-${n}` : ''}.epub`, await render(volume, 'epub'))
 *   }
 */
export async function splitVolumes(book: Book, options: SplitOptions = {}): Promise<Book[]> {
  const volumes = book.tree.metadata.volumes
  if (!volumes) return [book]
  const chapters = bodyChapters(book.tree)
  let starts: number[] | undefined
  if (volumes.maxPages) {
    const pdf = { ...book.formats.pdf, ...options.pdf }
    starts = await pagedStarts(book, volumes, volumes.maxPages, chapters, pdf)
    if (!starts) return []
  } else {
    starts = countedStarts(book.tree, volumes)
    if (!starts) {
      report(
        book,
        volumes,
        'volumes-no-parts',
        chapters.length === 0
          ? '`volumes:` on a book without body chapters: it is built as one book'
          : '`volumes: parts` on a book without parts: it is built as one book (or give `chapters: N`)',
      )
      return [book]
    }
  }
  const of = starts.length
  return starts.map((first, i) => {
    const tree = volumeTree(book.tree, {
      number: i + 1,
      of,
      chapters: new Set(chapters.slice(first, starts[i + 1] ?? chapters.length)),
      identifier: volumeIdentifier(book.tree.metadata.identifier, i + 1),
    })
    return { ...book, tree, env: volumeEnv(book.env, i + 1) }
  })
}

/**
 * The book's env for volume `number`, with a store of its own (`Env.memo`, watch mode) kept in
 * the book's: what a renderer keeps for one volume (layouts, compressed entries) is neither taken
 * nor dropped by another's build, and no renderer needs to know about volumes.
 */
function volumeEnv(env: Env, number: number): Env {
  if (!env.memo) return env
  const key = `volume:${number}`
  let memo = env.memo.get(key) as Map<string, unknown> | undefined
  if (!memo) {
    memo = new Map()
    env.memo.set(key, memo)
  }
  return { ...env, memo }
}

/** A diagnostic about `volumes:`, placed where book.yaml sets it. */
function report(book: Book, volumes: Volumes, code: Parameters<SourceFile['message']>[0], message: string) {
  const at = volumes.at
  book.env.file.messageIn(at?.file, code, message, at ? { line: at.line, column: at.column } : undefined)
}

/** Volume starts (indexes into `chapters`) for a page budget; undefined when none can be made. */
async function pagedStarts(
  book: Book,
  volumes: Volumes,
  budget: number,
  chapters: Chapter[],
  pdf: Record<string, unknown>,
): Promise<number[] | undefined> {
  const renderer = getRenderer('pdf')
  if (!renderer?.paginate) {
    report(
      book,
      volumes,
      'volumes-no-paged-format',
      '`volumes: {max-pages}` needs the PDF renderer to count pages',
    )
    return undefined
  }
  const paginate = (tree: Root): Promise<Pagination> => renderer.paginate!(tree, pdf, book.env)
  const n = chapters.length
  if (n === 0) return [0]
  const whole = await paginate(book.tree)
  const parts = new Map<Chapter, Part>()
  for (const child of book.tree.children)
    if (child.type === 'part') for (const chapter of child.children) parts.set(chapter, child)
  /** Whether chapter i is the first body chapter of its part (whose page then precedes it). */
  const opensPart = (i: number) =>
    parts.get(chapters[i]!)?.children.find((c) => c.matter === 'body') === chapters[i]
  // Where chapter i's pages begin in the whole book: at its part's page when it opens the part.
  const begin: number[] = chapters.map((chapter, i) => {
    const own = whole.starts.get(chapter) ?? 0
    return opensPart(i) ? (whole.starts.get(parts.get(chapter)!) ?? own) : own
  })
  begin.push(whole.bodyEnd)
  const back = whole.pages - whole.bodyEnd
  /** Pages of chapters a..b (inclusive) in the whole book, with the back matter after the last. */
  const body = (a: number, b: number) => begin[b + 1]! - begin[a]! + (b === n - 1 ? back : 0)
  /** A volume opening inside a part sets the part's page again. */
  const partPages = (a: number) => {
    const part = parts.get(chapters[a]!)
    if (!part || opensPart(a)) return 0
    const opener = part.children.find((c) => c.matter === 'body')!
    return (whole.starts.get(opener) ?? 0) - (whole.starts.get(part) ?? 0)
  }
  /** The real pagination of a volume of chapters a..b, made as `splitVolumes` will make it. */
  const measure = (a: number, b: number, number: number) =>
    paginate(
      volumeTree(book.tree, {
        number,
        // The last volume has the back matter: measured as the last when it ends the book.
        of: b === n - 1 ? number : number + 1,
        chapters: new Set(chapters.slice(a, b + 1)),
        identifier: volumeIdentifier(book.tree.metadata.identifier, number),
      }),
    )

  const starts: number[] = []
  const over: Chapter[] = []
  let front = whole.front
  let a = 0
  while (a < n) {
    const number = starts.length + 1
    starts.push(a)
    // Pages beyond the chapters' own: front matter, and the part page again when a part continues.
    const extra = front + partPages(a)
    let b = a
    while (b + 1 < n && extra + body(a, b + 1) <= budget) b++
    let fits: { b: number; pages: number } | undefined
    let alone: Pagination | undefined
    for (let round = 0; round < MAX_ROUNDS && !(fits && fits.b === b); round++) {
      const measured = await measure(a, b, number)
      const pages = measured.pages
      if (b === a) alone = measured
      if (pages <= budget) {
        fits = { b, pages }
        // Room for more by the whole book's figures: take it, and measure again.
        while (b + 1 < n && pages + body(fits.b + 1, b + 1) <= budget) b++
      } else if (fits || b === a) break
      else {
        // Give back chapters worth the overshoot.
        let less = b - 1
        while (less > a && body(a, b) - body(a, less) < pages - budget) less--
        b = less
      }
    }
    if (!fits) {
      // Not even one chapter fits: the front matter alone may be the trouble.
      alone ??= await measure(a, a, number)
      if (alone.front + 1 > budget) {
        report(
          book,
          volumes,
          'volumes-budget-too-small',
          `\`max-pages: ${budget}\` leaves no room for a chapter: a volume's front matter alone takes ${alone.front} pages`,
        )
        return undefined
      }
      if (alone.pages > budget) over.push(chapters[a]!)
      fits = { b: a, pages: alone.pages }
    }
    b = fits.b
    // End before a part that begins in the volume's second half, so parts are not split (unless
    // the volume already ends where a part or the book does).
    for (let k = b; k > a && b + 1 < n && !opensPart(b + 1); k--) {
      if (!opensPart(k)) continue
      if (body(a, k - 1) * 2 >= body(a, b)) b = k - 1
      break
    }
    front = Math.max(0, fits.pages - body(a, fits.b))
    a = b + 1
  }
  if (over.length > 0) {
    const { chapterLabel } = labelsFor(book.tree.metadata.language, book.tree.metadata.strings)
    const named = over.slice(0, 3).map((c) => `"${chapterLabel(c)}"${c.file ? ` (${c.file})` : ''}`)
    report(
      book,
      volumes,
      'volumes-chapter-over-budget',
      `${named.join(', ')}${over.length > 3 ? ` and ${over.length - 3} more chapters are` : over.length > 1 ? ' are' : ' is'} longer than \`max-pages: ${budget}\` with the front matter; each makes a volume of its own`,
    )
  }
  return starts
}
