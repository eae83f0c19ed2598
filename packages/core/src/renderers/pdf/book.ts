/**
 * The typesetting pass over the whole book: front matter, then parts and chapters in reading
 * order, each page drawn as soon as it is full. There is no measuring pass: the contents keeps
 * a column for page numbers, so its length is known before them, and the numbers are written
 * when the book is done (see `PdfWriter.finish`).
 */

import { type Labels, labelsFor } from '../../model/labels.js'
import type { Chapter, Part, Root } from '../../model/types.js'
import { type ReadingOrder, readingOrder, readingSequence, toText } from '../../model/walk.js'
import { pagesOf } from '../../transforms/front-matter.js'
import { blocks } from './blocks.js'
import { ChapterNotes } from './footnotes.js'
import {
  aboutAuthorPage,
  alsoByPage,
  type ContentsEntry,
  contents,
  copyrightPage,
  dedicationPage,
  endNotesPage,
  epigraphPage,
  halfTitle,
  prefacePage,
  titlePage,
  updateLogPage,
} from './front-matter.js'
import { flatten, type InlineContext, smallCapsOf } from './inline.js'
import { forPrint, PAPERBACK_PAGES, volumeBudget } from './options.js'
import type { LineBox, StructHandle } from './pages.js'
import { layoutLines, plain, report, type Typesetter } from './typeset.js'
import { isInvisible, visible } from './visible.js'

export interface Destinations {
  chapters: Map<Chapter, string>
  parts: Map<Part, string>
  /** The order everything is typeset in (front matter first, back matter last). */
  order: ReadingOrder
  /** The labels every chapter and part is printed with, in the book's language. */
  labels: Labels
}

/** Name every chapter and part for links, bookmarks and the contents; ids when the tree has them. */
export function destinations(tree: Root): Destinations {
  const chapters = new Map<Chapter, string>()
  const parts = new Map<Part, string>()
  const used = new Set<string>()
  const name = (id: string | undefined, fallback: string) => {
    let n = id && !used.has(id) ? id : fallback
    while (used.has(n)) n += '_'
    used.add(n)
    return n
  }
  let c = 0
  let p = 0
  const order = readingOrder(tree)
  for (const step of readingSequence(order)) {
    if (step.type === 'part') parts.set(step.part, name(step.part.id, `part-${++p}`))
    else chapters.set(step.chapter, name(step.chapter.id, `chapter-${++c}`))
  }
  return { chapters, parts, order, labels: labelsFor(tree.metadata.language, tree.metadata.strings) }
}

export async function typesetBook(tree: Root, ts: Typesetter, dests: Destinations): Promise<void> {
  const { composer } = ts
  const meta = tree.metadata
  for (const name of [...dests.chapters.values(), ...dests.parts.values()]) ts.dests.add(name)
  checkGenerated(ts, tree, dests)
  composer.heads = { verso: visible(meta.title) }
  // The pages the front-matter transform decided on, in its order (see transforms/front-matter.ts).
  const pages = pagesOf(tree)
  const front: StructHandle = { type: 'Sect', title: 'Front matter' }
  for (const page of pages) {
    if (page.matter !== 'front') continue
    if (page.type === 'halfTitlePage') {
      if (ts.settings.halfTitle) halfTitle(ts, page, front)
    } else if (page.type === 'titlePage') titlePage(ts, page, front)
    else if (page.type === 'copyrightPage') copyrightPage(ts, page, front)
    else if (page.type === 'dedicationPage') dedicationPage(ts, page, front)
    else if (page.type === 'epigraphPage') epigraphPage(ts, page, front)
    else if (page.type === 'prefacePage') prefacePage(ts, page, front)
    else if (page.type === 'updateLogPage') updateLogPage(ts, page, front)
    else if (page.type === 'contentsPage') {
      if (ts.settings.toc) contents(ts, page.title, contentsEntries(dests), front)
    }
  }
  composer.endStruct(front)
  composer.finishPage()

  // Front matter first and back matter last, as in the EPUB (`readingOrder`).
  const { front: frontChapters, body, back } = dests.order
  let chapterIndex = 0
  for (const chapter of frontChapters)
    await typesetChapter(ts, chapter, dests, chapterIndex++, undefined, undefined)
  composer.startBody()
  for (const entry of body) {
    if (entry.type === 'part') {
      const name = dests.parts.get(entry.part)!
      const struct: StructHandle = { type: 'Part', title: dests.labels.partLabel(entry.part) }
      partPage(ts, entry.part, name, struct, dests.labels)
      for (const chapter of entry.chapters)
        await typesetChapter(ts, chapter, dests, chapterIndex++, struct, name)
      composer.endStruct(struct)
    } else await typesetChapter(ts, entry, dests, chapterIndex++, undefined, undefined)
  }
  for (const chapter of back) await typesetChapter(ts, chapter, dests, chapterIndex++, undefined, undefined)
  for (const page of pages) {
    if (page.matter !== 'back') continue
    const struct: StructHandle = { type: 'Sect', title: page.label }
    const dest = backPageDest(ts, BACK_DESTS[page.type] ?? 'also-by')
    if (page.type === 'aboutAuthorPage') aboutAuthorPage(ts, page, struct, dest)
    else if (page.type === 'endNotesPage') endNotesPage(ts, page, struct, dest)
    else if (page.type === 'alsoByPage') alsoByPage(ts, page, struct, dest)
    composer.endStruct(struct)
    composer.finishPage()
  }
  composer.finish()
  endBook(ts)
  const more = missingGlyphs.get(ts)?.more
  if (more && more.length > 0) {
    const shown = more.slice(0, 40).map((char) => `"${char}" (U+${hex(char)})`)
    report(
      ts,
      'pdf-missing-glyph-more',
      `${more.length} more characters have no glyph in any embedded face and print as empty boxes: ${shown.join(', ')}${more.length > shown.length ? ', …' : ''}`,
      undefined,
    )
  }
}

/**
 * The book's last pages, once the text is done. A print file (`forPrint`) ends on a verso, with a
 * blank page (no folio, no head) when the text ends on a recto: printers bind leaves, not pages,
 * and IngramSpark refuses an odd page count. A book longer than KDP prints a paperback
 * (`PAPERBACK_PAGES`) is one warning naming the count and the volumes setting that would fit it.
 */
function endBook(ts: Typesetter): void {
  const { composer, settings } = ts
  if (forPrint(settings) && composer.index % 2 === 1) {
    // `finish` has handed every page on; this one follows them the same way.
    composer.startPage({ folio: false, head: false })
    composer.finish()
  }
  const pages = composer.index
  const { kdp, ingramSpark } = PAPERBACK_PAGES
  if (pages > kdp)
    report(
      ts,
      'pdf-page-count',
      `The PDF has ${pages} pages, more than KDP prints in a paperback (at most ${kdp}; IngramSpark ${ingramSpark.toLocaleString('en')}): split it into volumes with \`volumes: {max-pages: ${volumeBudget(kdp)}}\` in book.yaml`,
      undefined,
    )
}

/**
 * Check every character the PDF's own pages set (half title and title page, copyright and
 * dedication, contents, running heads, part and chapter openings) as chapter text is checked: a
 * character no face can show is one `pdf-generated-glyph` warning naming it and where it comes
 * from, not a silent empty box. Each character is reported once (with the chapters' own).
 */
function checkGenerated(ts: Typesetter, tree: Root, dests: Destinations): void {
  const meta = tree.metadata
  const sources: Array<[string, string | undefined]> = [
    ['the book title (half title, title page, running heads)', meta.title],
    ['the subtitle (title page)', meta.subtitle],
    ...meta.authors.map((a): [string, string] => ['an author’s name (title page)', a.name]),
    ...meta.contributors.map((c): [string, string] => ['a contributor’s name (title page)', c.name]),
    ['the publisher (title page)', meta.publisher],
    ['the series (title page)', meta.series?.name],
    ['the edition (copyright page)', meta.edition],
    ['the copyright line (copyright page)', meta.copyright],
    ['the rights (copyright page)', meta.rights],
    ['the dedication', meta.dedication],
  ]
  const { chapterHead, chapterLabel, partLabel } = dests.labels
  for (const step of readingSequence(dests.order)) {
    if (step.type === 'part')
      sources.push([
        `the title of part "${partLabel(step.part)}" (part page, contents)`,
        partLabel(step.part),
      ])
    else {
      const label = chapterLabel(step.chapter)
      sources.push([
        `the heading of "${label}" (contents, running heads)`,
        `${label} ${chapterHead(step.chapter)}`,
      ])
    }
  }
  for (const [where, text] of sources) {
    if (!text) continue
    for (const char of text) {
      const code = char.codePointAt(0)!
      if (
        /\s/u.test(char) ||
        isInvisible(code) ||
        ts.missing.has(char) ||
        ts.measurer.hasGlyph(code, 'regular')
      )
        continue
      ts.missing.add(char)
      report(
        ts,
        'pdf-generated-glyph',
        `No embedded face has a glyph for "${char}" (U+${hex(char)}) in ${where}; it prints as an empty box`,
        undefined,
      )
    }
  }
}

/** Characters reported one warning each; the rest are listed in one `pdf-missing-glyph-more`. */
const MAX_GLYPH_REPORTS = 10
/** Per render: characters reported one warning each, and the rest in the order met. */
const missingGlyphs = new WeakMap<Typesetter, { reported: number; more: string[] }>()

function hex(char: string): string {
  return char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
}

/** A destination name for a back page that no chapter id already uses. */
/** Named destinations of the back pages. */
const BACK_DESTS: Partial<Record<string, string>> = {
  aboutAuthorPage: 'about-the-author',
  endNotesPage: 'end-notes',
}

function backPageDest(ts: Typesetter, wanted: string): string {
  let name = wanted
  while (ts.dests.has(name)) name += '_'
  ts.dests.add(name)
  return name
}

function contentsEntries(dests: Destinations): ContentsEntry[] {
  const { chapterLabel, partLabel } = dests.labels
  return Array.from(
    readingSequence(dests.order),
    (step): ContentsEntry =>
      step.type === 'part'
        ? { text: partLabel(step.part), dest: dests.parts.get(step.part)!, level: 0, part: true }
        : {
            text: chapterLabel(step.chapter),
            dest: dests.chapters.get(step.chapter)!,
            level: step.part ? 1 : 0,
          },
  )
}

/** A part's own recto page, its back left blank so the first chapter opens on a recto. */
function partPage(ts: Typesetter, part: Part, name: string, struct: StructHandle, labels: Labels): void {
  const { composer, settings } = ts
  const { partHead, partLabel } = labels
  const s = settings.fontSize
  composer.flushNotes()
  composer.toRecto()
  composer.startPage({ folio: false, head: false })
  composer.dest(name)
  composer.outline({ title: partLabel(part), key: name })
  const heading: StructHandle = { type: 'H', parent: struct }
  const hasTitle = part.title !== undefined && part.title.length > 0
  const head = smallCapsOf({ text: visible(partHead(part)), style: 'regular', size: s * 1.2 }, ts.measurer)
  const headLines = layoutLines(ts, [head], {
    width: composer.textWidth,
    left: 0,
    indent: 0,
    align: 'center',
    size: s * 1.2,
    leading: settings.leading * 1.3,
    hyphenate: false,
    struct: heading,
    endStruct: !hasTitle,
  })
  const titleLines = hasTitle
    ? layoutLines(ts, flatten(part.title!, 'regular', s * 1.8, silentInline(ts)), {
        width: composer.textWidth,
        left: 0,
        indent: 0,
        align: 'center',
        size: s * 1.8,
        leading: s * 2.3,
        hyphenate: false,
        struct: heading,
      })
    : []
  const gap = hasTitle ? settings.leading : 0
  composer.space(sink(composer.textHeight * 0.28, composer.textHeight, [headLines, titleLines], gap), {
    force: true,
  })
  composer.placeLines(headLines, { keepAll: true })
  if (hasTitle) {
    composer.space(gap)
    composer.placeLines(titleLines, { keepAll: true })
  }
  composer.finishPage()
  composer.toRecto()
}

/**
 * The space an opening is sunk by: `preferred`, less whatever its lines need to stay on the
 * opening page, down to none. A title of a few hundred words then starts at the top rather than
 * leaving its label alone on a sunk page; one longer than a page breaks across pages.
 */
function sink(preferred: number, textHeight: number, runs: LineBox[][], gaps: number): number {
  let height = gaps
  for (const lines of runs) for (const line of lines) height += line.height
  return Math.max(0, Math.min(preferred, textHeight - height))
}

function silentInline(ts: Typesetter): InlineContext {
  return { measurer: ts.measurer, footnote: () => undefined, missingGlyph: () => {} }
}

async function typesetChapter(
  ts: Typesetter,
  chapter: Chapter,
  dests: Destinations,
  index: number,
  part: StructHandle | undefined,
  partName: string | undefined,
): Promise<void> {
  if (ts.share && !ts.share.chapter(index)) return
  const { composer, settings } = ts
  const name = dests.chapters.get(chapter)!
  const { chapterHead, chapterLabel } = dests.labels
  const s = settings.fontSize
  await ts.pause?.()
  composer.flushNotes()
  if (settings.openRight) composer.toRecto()
  // Running heads and the opening's label are set from text, as the flattened title is not.
  const title = visible(toText(chapter.title)).trim()
  const head = visible(chapterHead(chapter))
  composer.heads = { verso: composer.heads.verso, recto: title || head || visible(chapterLabel(chapter)) }
  composer.flow = { folio: true, head: true }
  composer.startPage({ folio: false, head: false })
  composer.dest(name)
  composer.outline({ title: chapterLabel(chapter), key: name, ...(partName ? { parent: partName } : {}) })

  const struct: StructHandle = { type: 'Sect', title: chapterLabel(chapter) }
  if (part) struct.parent = part
  let notes: ChapterNotes | undefined
  const inline: InlineContext = {
    measurer: ts.measurer,
    language: ts.language,
    footnote: (node) => notes?.reference(node),
    missingGlyph: (char, node) => {
      if (ts.missing.has(char)) return
      ts.missing.add(char)
      const glyphs = missingGlyphs.get(ts) ?? { reported: 0, more: [] }
      missingGlyphs.set(ts, glyphs)
      if (glyphs.reported >= MAX_GLYPH_REPORTS) {
        glyphs.more.push(char)
        return
      }
      glyphs.reported++
      const code = hex(char)
      report(
        ts,
        'pdf-missing-glyph',
        `No embedded face has a glyph for "${char}" (U+${code}); it prints as an empty box`,
        chapter,
        node,
      )
    },
    linkTarget: (url, node) => {
      if (ts.dests.has(url.slice(1))) return true
      report(
        ts,
        'pdf-link-target-missing',
        `Link to "${url}" points to no chapter or part of the book; it is not clickable`,
        chapter,
        node,
      )
      return false
    },
  }
  notes = new ChapterNotes(ts, chapter, String(index + 1), struct, () => inline)
  composer.footnote = (anchor) => notes!.lines(anchor)

  // The opening: sunk a third down the page, the label in small capitals, then the title.
  const h1: StructHandle = { type: 'H1', parent: struct }
  const titleSize = s * 1.6
  const labelLines =
    title && head
      ? layoutLines(ts, [smallCapsOf({ text: head, style: 'regular', size: s * 1.05 }, ts.measurer)], {
          width: composer.textWidth,
          left: 0,
          indent: 0,
          align: 'center',
          size: s,
          leading: settings.leading,
          hyphenate: false,
          struct: h1,
          // The title that follows is the same H1, and may start on the next page.
          endStruct: false,
        })
      : []
  const titleRuns = title
    ? flatten(chapter.title!, 'regular', titleSize, inline)
    : plain(head || visible(chapterLabel(chapter)), 'regular', titleSize)
  const titleLines = layoutLines(ts, titleRuns, {
    width: composer.textWidth,
    left: 0,
    indent: 0,
    align: 'center',
    size: titleSize,
    leading: titleSize * 1.25,
    hyphenate: false,
    struct: h1,
  })
  const gap = labelLines.length > 0 ? settings.leading * 0.5 : 0
  composer.space(sink(composer.textHeight * 0.3, composer.textHeight, [labelLines, titleLines], gap), {
    force: true,
  })
  if (labelLines.length > 0) {
    composer.placeLines(labelLines, { keepAll: true })
    composer.space(gap)
  }
  composer.placeLines(titleLines, { keepAll: true })
  if (chapter.subtitle && chapter.subtitle.length > 0) {
    composer.space(settings.leading * 0.3)
    const sub: StructHandle = { type: 'P', parent: struct }
    composer.placeLines(
      layoutLines(ts, flatten(chapter.subtitle, 'italic', s * 1.1, inline), {
        width: composer.textWidth,
        left: 0,
        indent: 0,
        align: 'center',
        size: s * 1.1,
        leading: settings.leading * 1.1,
        hyphenate: false,
        struct: sub,
      }),
      { keepAll: true },
    )
  }
  composer.space(settings.leading * 2.5)

  await blocks(chapter.children, {
    ts,
    chapter,
    notes,
    inline,
    left: 0,
    width: composer.textWidth,
    size: s,
    leading: settings.leading,
    struct,
    noIndent: true,
    opening: true,
    sections: { chapter: name, open: [], count: 0 },
  })
  composer.endChapter()
  composer.flushNotes()
  notes.finish()
  composer.endStruct(struct)
  composer.footnote = () => []
}
