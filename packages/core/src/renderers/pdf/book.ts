/**
 * The typesetting pass over the whole book: front matter, then parts and chapters in reading
 * order, each page drawn as soon as it is full. There is no measuring pass: the contents keeps
 * a column for page numbers, so its length is known before them, and the numbers are written
 * when the book is done (see `PdfWriter.finish`).
 */

import { chapterHead, chapterLabel, partHead, partLabel } from '../../model/labels.js'
import type { Chapter, Part, Root } from '../../model/types.js'
import { type ReadingOrder, readingOrder, readingSequence, toText } from '../../model/walk.js'
import { blocks } from './blocks.js'
import { ChapterNotes } from './footnotes.js'
import {
  type ContentsEntry,
  contents,
  copyrightPage,
  dedicationPage,
  halfTitle,
  titlePage,
} from './front-matter.js'
import { flatten, type InlineContext, smallCapsOf } from './inline.js'
import type { StructHandle } from './pages.js'
import { layoutLines, plain, report, type Typesetter } from './typeset.js'

export interface Destinations {
  chapters: Map<Chapter, string>
  parts: Map<Part, string>
  /** The order everything is typeset in (front matter first, back matter last). */
  order: ReadingOrder
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
  return { chapters, parts, order }
}

export async function typesetBook(tree: Root, ts: Typesetter, dests: Destinations): Promise<void> {
  const { composer } = ts
  const meta = tree.metadata
  for (const name of [...dests.chapters.values(), ...dests.parts.values()]) ts.dests.add(name)
  composer.heads = { verso: meta.title }
  const front: StructHandle = { type: 'Sect', title: 'Front matter' }
  if (ts.settings.halfTitle) halfTitle(ts, meta, front)
  titlePage(ts, meta, front)
  copyrightPage(ts, meta, front)
  if (meta.dedication) dedicationPage(ts, meta.dedication, front)
  if (ts.settings.toc) contents(ts, contentsEntries(dests), front)
  composer.endStruct(front)
  composer.finishPage()

  // Front matter first and back matter last, as in the EPUB (`readingOrder`).
  const { front: frontChapters, body, back } = dests.order
  let chapterIndex = 0
  for (const chapter of frontChapters)
    await typesetChapter(ts, chapter, dests.chapters.get(chapter)!, chapterIndex++, undefined, undefined)
  composer.startBody()
  for (const entry of body) {
    if (entry.type === 'part') {
      const name = dests.parts.get(entry.part)!
      const struct: StructHandle = { type: 'Part', title: partLabel(entry.part) }
      partPage(ts, entry.part, name, struct)
      for (const chapter of entry.chapters)
        await typesetChapter(ts, chapter, dests.chapters.get(chapter)!, chapterIndex++, struct, name)
      composer.endStruct(struct)
    } else await typesetChapter(ts, entry, dests.chapters.get(entry)!, chapterIndex++, undefined, undefined)
  }
  for (const chapter of back)
    await typesetChapter(ts, chapter, dests.chapters.get(chapter)!, chapterIndex++, undefined, undefined)
  composer.finish()
}

function contentsEntries(dests: Destinations): ContentsEntry[] {
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
function partPage(ts: Typesetter, part: Part, name: string, struct: StructHandle): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  composer.flushNotes()
  composer.toRecto()
  composer.startPage({ folio: false, head: false })
  composer.dest(name)
  composer.outline({ title: partLabel(part), key: name })
  composer.space(composer.textHeight * 0.28, { force: true })
  const heading: StructHandle = { type: 'H', parent: struct }
  const head = smallCapsOf({ text: partHead(part), style: 'regular', size: s * 1.2 }, ts.measurer)
  composer.placeLines(
    layoutLines(ts, [head], {
      width: composer.textWidth,
      left: 0,
      indent: 0,
      align: 'center',
      size: s * 1.2,
      leading: settings.leading * 1.3,
      hyphenate: false,
      struct: heading,
    }),
    { keepAll: true },
  )
  if (part.title && part.title.length > 0) {
    composer.space(settings.leading)
    const runs = flatten(part.title, 'regular', s * 1.8, silentInline(ts))
    composer.placeLines(
      layoutLines(ts, runs, {
        width: composer.textWidth,
        left: 0,
        indent: 0,
        align: 'center',
        size: s * 1.8,
        leading: s * 2.3,
        hyphenate: false,
        struct: heading,
      }),
      { keepAll: true },
    )
  }
  composer.finishPage()
  composer.toRecto()
}

function silentInline(ts: Typesetter): InlineContext {
  return { measurer: ts.measurer, footnote: () => undefined, missingGlyph: () => {} }
}

async function typesetChapter(
  ts: Typesetter,
  chapter: Chapter,
  name: string,
  index: number,
  part: StructHandle | undefined,
  partName: string | undefined,
): Promise<void> {
  const { composer, settings } = ts
  const s = settings.fontSize
  await ts.pause?.()
  composer.flushNotes()
  if (settings.openRight) composer.toRecto()
  const title = toText(chapter.title).trim()
  const head = chapterHead(chapter)
  composer.heads = { verso: composer.heads.verso, recto: title || head || chapterLabel(chapter) }
  composer.flow = { folio: true, head: true }
  composer.startPage({ folio: false, head: false })
  composer.dest(name)
  composer.outline({ title: chapterLabel(chapter), key: name, ...(partName ? { parent: partName } : {}) })

  const struct: StructHandle = { type: 'Sect', title: chapterLabel(chapter) }
  if (part) struct.parent = part
  let notes: ChapterNotes | undefined
  const inline: InlineContext = {
    measurer: ts.measurer,
    footnote: (node) => notes?.reference(node),
    missingGlyph: (char, node) => {
      if (ts.missing.has(char)) return
      ts.missing.add(char)
      const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
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
  composer.space(composer.textHeight * 0.3, { force: true })
  const h1: StructHandle = { type: 'H1', parent: struct }
  const titleSize = s * 1.6
  if (title && head) {
    const label = smallCapsOf({ text: head, style: 'regular', size: s * 1.05 }, ts.measurer)
    composer.placeLines(
      layoutLines(ts, [label], {
        width: composer.textWidth,
        left: 0,
        indent: 0,
        align: 'center',
        size: s,
        leading: settings.leading,
        hyphenate: false,
        struct: h1,
      }),
      { keepAll: true },
    )
    composer.space(settings.leading * 0.5)
  }
  const titleRuns = title
    ? flatten(chapter.title!, 'regular', titleSize, inline)
    : plain(head || chapterLabel(chapter), 'regular', titleSize)
  composer.placeLines(
    layoutLines(ts, titleRuns, {
      width: composer.textWidth,
      left: 0,
      indent: 0,
      align: 'center',
      size: titleSize,
      leading: titleSize * 1.25,
      hyphenate: false,
      struct: h1,
    }),
    { keepAll: true },
  )
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
  composer.flushNotes()
  notes.finish()
  composer.endStruct(struct)
  composer.footnote = () => []
}
