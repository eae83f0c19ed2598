/**
 * The front matter a printed book opens with: half title, title page, copyright page, dedication
 * and contents (page numbers from the measuring pass, each entry a link), all numbered in
 * lower-case roman and without running heads.
 */

import { pushAll } from '../../model/arrays.js'
import type { Metadata } from '../../model/types.js'
import { upper } from './case.js'
import type { StyledRun } from './layout/types.js'
import type { LineBox, StructHandle } from './pages.js'
import { layoutLines, plain, type Typesetter } from './typeset.js'

const display = { folio: false, head: false }

function lines(
  ts: Typesetter,
  text: string,
  style: StyledRun['style'],
  size: number,
  struct: StructHandle,
  align: 'center' | 'left' = 'center',
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

export function halfTitle(ts: Typesetter, meta: Metadata, parent: StructHandle): void {
  const { composer } = ts
  composer.toRecto()
  composer.startPage(display)
  composer.space(composer.textHeight * 0.22, { force: true })
  composer.placeLines(lines(ts, meta.title, 'regular', ts.settings.fontSize * 1.5, { type: 'P', parent }), {
    keepAll: true,
  })
  composer.finishPage()
}

export function titlePage(ts: Typesetter, meta: Metadata, parent: StructHandle): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  composer.toRecto()
  composer.startPage(display)
  composer.space(composer.textHeight * 0.18, { force: true })
  composer.placeLines(lines(ts, meta.title, 'regular', s * 2.2, { type: 'H1', parent }), { keepAll: true })
  if (meta.subtitle) {
    composer.space(settings.leading * 0.6)
    composer.placeLines(lines(ts, meta.subtitle, 'italic', s * 1.25, { type: 'P', parent }), {
      keepAll: true,
    })
  }
  const authors = meta.authors.map((a) => a.name).join('\n')
  if (authors) {
    composer.space(settings.leading * 2.5)
    composer.placeLines(lines(ts, upper(authors, ts.language), 'regular', s * 1.1, { type: 'P', parent }), {
      keepAll: true,
    })
  }
  const translators = meta.contributors.filter((c) => c.role === 'translator').map((c) => c.name)
  if (translators.length > 0) {
    composer.space(settings.leading)
    composer.placeLines(
      lines(ts, `Translated by ${translators.join(' and ')}`, 'italic', s, { type: 'P', parent }),
      { keepAll: true },
    )
  }
  if (meta.publisher) {
    const boxes = lines(ts, meta.publisher, 'regular', s, { type: 'P', parent })
    composer.space(Math.max(0, composer.remaining - height(boxes)))
    composer.placeLines(boxes, { keepAll: true })
  }
  composer.finishPage()
}

/** Year of an ISO date, for the copyright line. */
function year(date: string | undefined): string | undefined {
  return date ? /^\d{4}/.exec(date)?.[0] : undefined
}

export function copyrightPage(ts: Typesetter, meta: Metadata, parent: StructHandle): void {
  const { composer, settings } = ts
  const size = settings.fontSize * 0.8
  const paragraphs: string[] = []
  const names = meta.authors.map((a) => a.name).join(', ')
  const y = year(meta.date)
  paragraphs.push(meta.title + (meta.subtitle ? `: ${meta.subtitle}` : ''))
  if (y || names) paragraphs.push(`Copyright © ${[y, names].filter(Boolean).join(' ')}`)
  if (meta.rights) paragraphs.push(meta.rights)
  if (meta.edition) paragraphs.push(meta.edition)
  if (meta.date) paragraphs.push(`Published ${meta.date}`)
  if (meta.publisher) paragraphs.push(`Published by ${meta.publisher}`)
  if (meta.identifier.scheme === 'isbn') paragraphs.push(`ISBN ${meta.identifier.value}`)
  else if (meta.identifier.value) paragraphs.push(`Identifier: ${meta.identifier.value}`)
  paragraphs.push('Typeset with Octavo.')
  const boxes: LineBox[] = []
  for (const text of paragraphs) {
    const par = layoutLines(ts, plain(text, 'regular', size), {
      width: composer.textWidth,
      left: 0,
      indent: 0,
      align: 'left',
      size,
      leading: size * 1.35,
      hyphenate: false,
      struct: { type: 'P', parent },
    })
    if (boxes.length > 0 && par[0]) par[0].height += size * 0.6
    pushAll(boxes, par)
  }
  composer.startPage(display)
  composer.space(Math.max(0, composer.remaining - height(boxes)), { force: true })
  composer.placeLines(boxes, { keepAll: true })
  composer.finishPage()
}

export function dedicationPage(ts: Typesetter, text: string, parent: StructHandle): void {
  const { composer, settings } = ts
  composer.toRecto()
  composer.startPage(display)
  composer.space(composer.textHeight * 0.28, { force: true })
  composer.placeLines(lines(ts, text, 'italic', settings.fontSize * 1.05, { type: 'P', parent }), {
    keepAll: true,
  })
  composer.finishPage()
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
export function contents(ts: Typesetter, entries: ContentsEntry[], parent: StructHandle): void {
  const { composer, settings } = ts
  const s = settings.fontSize
  composer.toRecto()
  composer.flow = { folio: true, head: false }
  composer.startPage({ folio: true, head: false })
  composer.dest('contents')
  composer.space(settings.leading * 3, { force: true })
  const toc: StructHandle = { type: 'TOC', parent }
  composer.placeLines(lines(ts, 'CONTENTS', 'regular', s * 1.2, { type: 'H1', parent }), { keepAll: true })
  composer.space(settings.leading * 1.5)
  const numberWidth = ts.measurer.width('0000', 'regular', s)
  for (const entry of entries) {
    const indent = entry.level * s * 1.2
    const item: StructHandle = { type: 'TOCI', parent: toc }
    const runs = plain(
      entry.part ? entry.text.toUpperCase() : entry.text,
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
