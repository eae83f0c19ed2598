/**
 * The PDF's drawing of the pages the front-matter transform made (`root.pages`): half title,
 * title page, copyright page, an archive work's preface and update log, dedication, epigraph and
 * contents before the text (numbered in lower-case roman, without running heads), end notes,
 * about the author and also by after it. What each
 * page says was decided by the transform, so the PDF shows what the EPUB shows; this module only
 * sets it. Capitals are made with the book's language (`toLocaleUpperCase`: Turkish İ).
 */
import { pushAll } from '../../model/arrays.js'
import type {
  AboutAuthorPage,
  AlsoByPage,
  BlockContent,
  CopyrightPage,
  DedicationPage,
  EndNotesPage,
  EpigraphPage,
  HalfTitlePage,
  PhrasingContent,
  PrefacePage,
  TitlePage,
  UpdateLogPage,
} from '../../model/types.js'
import { visit } from '../../model/walk.js'
import { upper } from './case.js'
import { flatten, type InlineContext } from './inline.js'
import type { StyledRun } from './layout/types.js'
import type { LineBox, StructHandle } from './pages.js'
import { layoutLines, plain as runsOf, type Typesetter } from './typeset.js'
import { visible } from './visible.js'

const display = { folio: false, head: false }

/**
 * Lines of runs for text these pages set, without the invisible characters metadata may hold
 * (the typography transform's word joiner before a dash): drawn, each would be an empty glyph
 * from whichever face has one, a font subset embedded for nothing (`visible.ts`).
 */
function plain(text: string, style: StyledRun['style'], size: number): StyledRun[][] {
  return runsOf(visible(text), style, size)
}

function lines(
  ts: Typesetter,
  text: string,
  style: StyledRun['style'],
  size: number,
  struct: StructHandle,
  align: 'center' | 'left' | 'right' = 'center',
  leading = size * 1.3,
): LineBox[] {
  return layoutLines(ts, plain(text, style, size), {
    width: ts.composer.textWidth,
    left: 0,
    indent: 0,
    align,
    size,
    leading,
    hyphenate: false,
    struct,
  })
}

function height(boxes: LineBox[]): number {
  return boxes.reduce((sum, b) => sum + b.height, 0)
}

export function halfTitle(ts: Typesetter, page: HalfTitlePage, parent: StructHandle): void {
  const { composer } = ts
  composer.toRecto()
  composer.startPage(display)
  composer.space(composer.textHeight * 0.22, { force: true })
  composer.placeLines(lines(ts, page.title, 'regular', ts.settings.fontSize * 1.5, { type: 'P', parent }), {
    keepAll: true,
  })
  composer.finishPage()
}

export function titlePage(ts: Typesetter, page: TitlePage, parent: StructHandle): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  composer.toRecto()
  composer.startPage(display)
  composer.space(composer.textHeight * 0.18, { force: true })
  composer.placeLines(lines(ts, page.title, 'regular', s * 2.2, { type: 'H1', parent }), { keepAll: true })
  if (page.subtitle) {
    composer.space(settings.leading * 0.6)
    composer.placeLines(lines(ts, page.subtitle, 'italic', s * 1.25, { type: 'P', parent }), {
      keepAll: true,
    })
  }
  if (page.volume) {
    composer.space(settings.leading * 0.8)
    composer.placeLines(lines(ts, page.volume, 'regular', s * 1.4, { type: 'P', parent }), { keepAll: true })
  }
  if (page.authors.length > 0) {
    composer.space(settings.leading * 2.5)
    composer.placeLines(
      lines(ts, upper(page.authors.join('\n'), ts.language), 'regular', s * 1.1, { type: 'P', parent }),
      { keepAll: true },
    )
  }
  if (page.contributors.length > 0) {
    composer.space(settings.leading)
    composer.placeLines(lines(ts, page.contributors.join('\n'), 'italic', s, { type: 'P', parent }), {
      keepAll: true,
    })
  }
  if (page.series) {
    composer.space(settings.leading * 1.5)
    composer.placeLines(lines(ts, page.series, 'regular', s * 0.9, { type: 'P', parent }), { keepAll: true })
  }
  if (page.publisher) {
    const boxes = lines(ts, page.publisher, 'regular', s, { type: 'P', parent })
    composer.space(Math.max(0, composer.remaining - height(boxes)))
    composer.placeLines(boxes, { keepAll: true })
  }
  composer.finishPage()
}

/** Lines of the copyright page set together, a blank half line between groups. */
const COPYRIGHT_GROUP: Record<CopyrightPage['lines'][number]['kind'], number> = {
  title: 0,
  authors: 0,
  contributors: 0,
  copyright: 1,
  rights: 1,
  'public-domain': 1,
  edition: 2,
  date: 2,
  publisher: 2,
  isbn: 2,
  'made-with': 3,
}

/** The copyright page: its lines set small at the foot of the title page's verso, in groups. */
export function copyrightPage(ts: Typesetter, page: CopyrightPage, parent: StructHandle): void {
  const { composer, settings } = ts
  const size = settings.fontSize * 0.8
  const boxes: LineBox[] = []
  let group: number | undefined
  for (const line of page.lines) {
    const par = layoutLines(ts, plain(line.text, line.kind === 'title' ? 'italic' : 'regular', size), {
      width: composer.textWidth,
      left: 0,
      indent: 0,
      align: 'left',
      size,
      leading: size * 1.35,
      hyphenate: false,
      struct: { type: 'P', parent },
    })
    // A line box's extra height falls below its baseline: the gap goes on the group's last line.
    const last = boxes[boxes.length - 1]
    if (last && group !== COPYRIGHT_GROUP[line.kind]) last.height += size * 0.9
    group = COPYRIGHT_GROUP[line.kind]
    pushAll(boxes, par)
  }
  composer.startPage(display)
  composer.space(Math.max(0, composer.remaining - height(boxes)), { force: true })
  composer.placeLines(boxes, { keepAll: true })
  composer.finishPage()
}

export function dedicationPage(ts: Typesetter, page: DedicationPage, parent: StructHandle): void {
  const { composer, settings } = ts
  composer.toRecto()
  composer.startPage(display)
  composer.space(composer.textHeight * 0.28, { force: true })
  composer.placeLines(
    lines(ts, page.lines.join('\n'), 'italic', settings.fontSize * 1.05, { type: 'P', parent }),
    { keepAll: true },
  )
  composer.finishPage()
}

/** The epigraph: the quotation in italic in a narrower measure a third down a recto, its source ranged right under it. */
export function epigraphPage(ts: Typesetter, page: EpigraphPage, parent: StructHandle): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  const width = composer.textWidth * 0.7
  const left = (composer.textWidth - width) / 2
  const block = (
    text: string,
    style: StyledRun['style'],
    size: number,
    align: 'left' | 'right',
    struct: StructHandle,
  ) =>
    layoutLines(ts, plain(text, style, size), {
      width,
      left,
      indent: 0,
      align,
      size,
      leading: settings.leading,
      hyphenate: false,
      struct,
    })
  composer.toRecto()
  composer.startPage(display)
  composer.space(composer.textHeight * 0.28, { force: true })
  const quote: StructHandle = { type: 'BlockQuote', parent }
  composer.placeLines(block(page.lines.join('\n'), 'italic', s, 'left', { type: 'P', parent: quote }), {
    keepAll: true,
  })
  if (page.source) {
    composer.space(settings.leading * 0.4)
    composer.placeLines(
      block(`\u2014\u2009${page.source}`, 'regular', s * 0.9, 'right', { type: 'P', parent: quote }),
      {
        keepAll: true,
      },
    )
  }
  composer.endStruct(quote)
  composer.finishPage()
}

/**
 * A back page with a heading (about the author, also by): opens on a recto like a chapter. The
 * caller ends the page after closing its structure element, so the end lands on this page.
 */
function backPage(ts: Typesetter, title: string, parent: StructHandle, dest: string): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  composer.flushNotes()
  composer.toRecto()
  composer.heads = { verso: composer.heads.verso, recto: visible(title) }
  composer.flow = { folio: true, head: true }
  composer.startPage({ folio: false, head: false })
  composer.dest(dest)
  composer.outline({ title, key: dest })
  composer.space(composer.textHeight * 0.3, { force: true })
  composer.placeLines(lines(ts, title, 'regular', s * 1.6, { type: 'H1', parent }, 'center', s * 2), {
    keepAll: true,
  })
  composer.space(settings.leading * 2.5)
}

export function aboutAuthorPage(
  ts: Typesetter,
  page: AboutAuthorPage,
  parent: StructHandle,
  dest: string,
): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  backPage(ts, page.title, parent, dest)
  page.paragraphs.forEach((text, i) => {
    composer.placeLines(
      layoutLines(ts, plain(text, 'regular', s), {
        width: composer.textWidth,
        left: 0,
        indent: i === 0 ? 0 : s * 1.5,
        align: 'justify',
        size: s,
        leading: settings.leading,
        hyphenate: true,
        struct: { type: 'P', parent },
      }),
    )
  })
}

export function alsoByPage(ts: Typesetter, page: AlsoByPage, parent: StructHandle, dest: string): void {
  const { composer, settings } = ts
  backPage(ts, page.title, parent, dest)
  const list: StructHandle = { type: 'L', parent }
  for (const title of page.titles) {
    const item: StructHandle = { type: 'LI', parent: list }
    composer.placeLines(
      lines(
        ts,
        title,
        'italic',
        settings.fontSize,
        { type: 'LBody', parent: item },
        'center',
        settings.leading * 1.2,
      ),
    )
    composer.endStruct(item)
  }
  composer.endStruct(list)
}

/**
 * The author's formatted words on a generated page (an archive work's summary, notes, end
 * notes): running text, justified and hyphenated, indented after the first paragraph, with their italics, bold and links; quotes, notes and
 * lists indented (items with their bullet or number), verse line by line, headings in bold. A
 * link to a chapter goes to it; one to nowhere keeps its text.
 */
function formatted(ts: Typesetter, nodes: readonly BlockContent[], parent: StructHandle): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  const inline: InlineContext = {
    measurer: ts.measurer,
    footnote: () => undefined,
    missingGlyph: () => {},
    linkTarget: (url) => ts.dests.has(url.slice(1)),
  }
  const step = s * 1.5
  let indent = false
  const set = (content: PhrasingContent[], left: number, marker?: string) => {
    const runs = flatten(content, 'regular', s, inline)
    if (marker) runs[0]!.unshift({ text: marker, style: 'regular', size: s })
    composer.placeLines(
      layoutLines(ts, runs, {
        width: composer.textWidth - left,
        left,
        indent: indent && !marker ? step : 0,
        align: 'justify',
        size: s,
        leading: settings.leading,
        hyphenate: true,
        struct: { type: 'P', parent },
      }),
    )
    indent = true
  }
  const walk = (blocks: readonly BlockContent[], left: number, marker?: string): void => {
    for (const node of blocks) {
      if (node.type === 'paragraph') set(node.children, left, marker)
      else if (node.type === 'heading') {
        indent = false
        set([{ type: 'strong', children: node.children }], left, marker)
        indent = false
      } else if (node.type === 'blockquote' || node.type === 'note') {
        indent = false
        walk(node.children, Math.min(left + step, composer.textWidth / 3), marker)
        indent = false
      } else if (node.type === 'list') {
        node.children.forEach((item, i) => {
          indent = false
          const mark = node.ordered ? `${(node.start ?? 1) + i}. ` : '• '
          walk(item.children, Math.min(left + step, composer.textWidth / 3), mark)
        })
        indent = false
      } else if (node.type === 'verse') {
        for (const line of node.children) {
          indent = false
          set(line.children, left, marker)
        }
        indent = false
      } else if (node.type === 'sceneBreak') {
        composer.space(settings.leading)
        indent = false
      } else if (node.type !== 'footnoteDefinition') {
        let text = ''
        visit(node, (n) => {
          if (n.type === 'text' || n.type === 'code' || n.type === 'codeBlock')
            text += `${(n as { value: string }).value} `
        })
        text = text.trim()
        if (text) set([{ type: 'text', value: text }], left, marker)
      }
      marker = undefined
    }
  }
  walk(nodes, 0)
}

/**
 * An archive work's preface, as AO3 sets it: the title and authors, each tag row as a bold label
 * and its values (turnovers hang under the values), then the summary and notes under small heads.
 * It may run over several pages; it opens on a recto.
 */
export function prefacePage(ts: Typesetter, page: PrefacePage, parent: StructHandle): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  composer.toRecto()
  composer.startPage(display)
  composer.space(settings.leading * 2, { force: true })
  composer.placeLines(lines(ts, page.title, 'regular', s * 1.5, { type: 'H1', parent }), { keepAll: true })
  if (page.authors.length > 0) {
    composer.space(settings.leading * 0.5)
    composer.placeLines(lines(ts, page.authors.join('\n'), 'italic', s, { type: 'P', parent }), {
      keepAll: true,
    })
  }
  composer.space(settings.leading * 1.5)
  const size = s * 0.9
  for (const field of page.fields) {
    const runs: StyledRun[][] = [
      [
        { text: `${visible(field.label)}: `, style: 'bold', size },
        { text: visible(field.values.join(', ')).replace(/\s+/g, ' '), style: 'regular', size },
      ],
    ]
    composer.placeLines(
      layoutLines(ts, runs, {
        width: composer.textWidth,
        left: 0,
        indent: 0,
        align: 'left',
        size,
        leading: size * 1.35,
        hyphenate: false,
        struct: { type: 'P', parent },
        inset: [0, s],
      }),
    )
  }
  for (const section of page.sections) {
    composer.space(settings.leading)
    composer.placeLines(lines(ts, section.label, 'bold', s, { type: 'H2', parent }, 'left'), {
      keepAll: true,
    })
    composer.space(settings.leading * 0.3)
    formatted(ts, section.children, parent)
  }
  composer.finishPage()
}

/** The update log: its heading, then one line per entry. */
export function updateLogPage(ts: Typesetter, page: UpdateLogPage, parent: StructHandle): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  composer.toRecto()
  composer.startPage(display)
  composer.space(settings.leading * 2, { force: true })
  composer.placeLines(lines(ts, page.title, 'regular', s * 1.3, { type: 'H1', parent }), { keepAll: true })
  composer.space(settings.leading)
  const list: StructHandle = { type: 'L', parent }
  for (const line of page.lines) {
    const item: StructHandle = { type: 'LI', parent: list }
    composer.placeLines(lines(ts, line, 'regular', s, { type: 'LBody', parent: item }, 'left'))
    composer.endStruct(item)
  }
  composer.endStruct(list)
  composer.finishPage()
}

/** The work's end notes, after the last chapter, opening on a recto like a chapter. */
export function endNotesPage(ts: Typesetter, page: EndNotesPage, parent: StructHandle, dest: string): void {
  backPage(ts, page.title, parent, dest)
  formatted(ts, page.children, parent)
}

export interface ContentsEntry {
  text: string
  dest: string
  level: 0 | 1
  part?: boolean
}

/**
 * The contents. Its length does not depend on the page numbers (a column is kept for them), so
 * the numbers are drawn when the book is done, each into a form its entry already shows, inside
 * the entry's marked content: a `TOC` of `TOCI`s, each holding its `Link`, page number included.
 */
export function contents(
  ts: Typesetter,
  title: string,
  entries: ContentsEntry[],
  parent: StructHandle,
): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  composer.toRecto()
  composer.flow = { folio: true, head: false }
  composer.startPage({ folio: true, head: false })
  composer.dest('contents')
  composer.space(settings.leading * 3, { force: true })
  const toc: StructHandle = { type: 'TOC', parent }
  composer.placeLines(lines(ts, upper(title, ts.language), 'regular', s * 1.2, { type: 'H1', parent }), {
    keepAll: true,
  })
  composer.space(settings.leading * 1.5)
  const numberWidth = ts.measurer.width('0000', 'regular', s)
  for (const entry of entries) {
    const indent = entry.level * s * 1.2
    const item: StructHandle = { type: 'TOCI', parent: toc }
    const runs = plain(
      entry.part ? upper(entry.text, ts.language) : entry.text,
      'regular',
      entry.part ? s * 0.9 : s,
    )
    // Turnover lines hang under the first, clear of the page-number column.
    const boxes = layoutLines(ts, runs, {
      width: composer.textWidth - indent - numberWidth,
      left: indent,
      indent: 0,
      align: 'left',
      size: s,
      leading: settings.leading,
      hyphenate: false,
      struct: item,
      inset: [0, s],
    })
    const last = boxes[boxes.length - 1]
    if (last) last.pageOf = { dest: entry.dest, right: composer.textWidth, size: s }
    for (const box of boxes) {
      box.goTo = entry.dest
      box.measure = composer.textWidth - box.x
    }
    if (entry.part) composer.space(settings.leading * 0.5)
    composer.placeLines(boxes, { keepAll: true })
  }
  composer.endStruct(toc)
  composer.finishPage()
  composer.flow = { folio: true, head: true }
}
