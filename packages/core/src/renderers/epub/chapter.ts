/**
 * One chapter → one or more XHTML files. The body is rendered by the shared XHTML handlers; this
 * module adds the chapter's section and heading, EPUB 3 popup footnotes, and the split of a long
 * chapter into files under `maxFileBytes` (at a scene break when one is near, else between
 * paragraphs). Footnotes go into the file holding their first reference, so a popup never has to
 * load another file; references are written as placeholders and resolved once the split is known.
 */

import { escapeAttr, escapeText } from '../../escape-xml.js'
import { pushAll } from '../../model/arrays.js'
import type { Chapter, FootnoteDefinition, Part } from '../../model/types.js'
import { holdsInlineOnly, visit } from '../../model/walk.js'
import { handlers } from '../xhtml/handlers.js'
import { createState, type Hooks, type State, startsRun } from '../xhtml/state.js'
import type { Context } from './context.js'
import { xhtmlDocument } from './document.js'
import { type ChapterEntry, chapterHead, hasContent, type PartEntry, partHead } from './plan.js'

export interface Piece {
  /** File name under `text/`. */
  file: string
  xhtml: string
}

/** `epub:type` and DPUB-ARIA role by chapter kind; both are valid on `section`. */
const SEMANTICS: Record<Chapter['kind'], [type: string, role: string] | undefined> = {
  chapter: ['chapter', 'doc-chapter'],
  prologue: ['prologue', 'doc-prologue'],
  epilogue: ['epilogue', 'doc-epilogue'],
  interlude: ['chapter', 'doc-chapter'],
  foreword: ['foreword', 'doc-foreword'],
  preface: ['preface', 'doc-preface'],
  introduction: ['introduction', 'doc-introduction'],
  afterword: ['afterword', 'doc-afterword'],
  acknowledgments: ['acknowledgments', 'doc-acknowledgments'],
  dedication: ['dedication', 'doc-dedication'],
  appendix: ['appendix', 'doc-appendix'],
  other: undefined,
}

const MATTER_TYPES = { front: 'frontmatter', body: 'bodymatter', back: 'backmatter' } as const

interface NoteInfo {
  def: FootnoteDefinition
  id: string
  refId: string
  label: string
  count: number
  /** Rendered `<aside>`, once referenced. */
  html?: string
  /** Notes referenced from inside this one. */
  refs: string[]
}

/** Placeholder for a footnote href: control characters never survive escaping, so no text can fake one. */
const NOTE_HREF = /\u0001([^\u0002]*)\u0002/g

function utf8Length(value: string): number {
  let n = value.length
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1
  }
  return n
}

function semantics(chapter: Chapter): [string, string] | undefined {
  const found = SEMANTICS[chapter.kind]
  if (found) return found
  return chapter.matter === 'body' ? ['chapter', 'doc-chapter'] : undefined
}

function sectionOpen(chapter: Chapter, attrs: string): string {
  const sem = semantics(chapter)
  return sem ? `<section epub:type="${sem[0]}" role="${sem[1]}"${attrs}>\n` : `<section${attrs}>\n`
}

export function renderChapter(entry: ChapterEntry, ctx: Context): Piece[] {
  const chapter = entry.node
  const notes = new Map<string, NoteInfo>()
  let defCount = 0
  // Definitions are blocks: the inline content of paragraphs and headings is not walked.
  visit(chapter, (node) => {
    if (node.type !== 'footnoteDefinition') return !holdsInlineOnly(node)
    defCount++
    if (notes.has(node.identifier)) {
      ctx.report(
        'epub-footnote-duplicate',
        `Footnote "${node.label ?? node.identifier}" is defined twice; the second is left out`,
        node,
        chapter.file,
      )
      return
    }
    const id = `fn-${entry.ordinal}-${defCount}`
    notes.set(node.identifier, {
      def: node,
      id,
      refId: `fnref-${entry.ordinal}-${defCount}`,
      // The number the footnote transform gave it, whatever the source called it ([^clear]);
      // a tree built without that transform numbers by definition order.
      label: String(node.number ?? notes.size + 1),
      count: 0,
      refs: [],
    })
  })

  let refs: string[] = []
  const hooks: Hooks = {
    imageHref: ctx.imageHref,
    linkHref(id, node) {
      const href = ctx.anchors.get(id)
      if (href === undefined)
        ctx.report(
          'epub-link-target-missing',
          `No part or chapter has the id "${id}"; the link is dropped`,
          node,
          chapter.file,
        )
      return href
    },
    noteRef(node) {
      const note = notes.get(node.identifier)
      if (!note) {
        ctx.report(
          'epub-footnote-missing',
          `Footnote "${node.label ?? node.identifier}" has no definition in this chapter`,
          node,
          chapter.file,
        )
        return escapeText(`[${node.label ?? node.identifier}]`)
      }
      note.count++
      refs.push(note.id)
      const id = note.count === 1 ? note.refId : `${note.refId}-${note.count}`
      // <sup> carries the raise, so reading systems that ignore our CSS still set a marker.
      return `<sup class="noteref"><a class="noteref" id="${id}" href="\u0001${note.id}\u0002" epub:type="noteref" role="doc-noteref">${escapeText(note.label)}</a></sup>`
    },
    noteLabel: ctx.strings.authorNote,
    direction: ctx.dir,
    headingId: (node) => sectionIds.get(node),
  }
  const sectionIds = new Map(entry.sections.map((section) => [section.node, section.anchor]))
  const state = createState(handlers, hooks)

  const titleId = `${entry.anchor}-title`
  const heading = renderHeading(chapter, state, titleId, entry.title)
  const headingRefs = refs
  refs = []

  const blocks: string[] = []
  const blockRefs: string[][] = []
  const breakable: boolean[] = []
  state.first = true
  for (const child of chapter.children) {
    if (child.type === 'footnoteDefinition') continue
    blocks.push(state.one(child))
    blockRefs.push(refs)
    breakable.push(child.type === 'sceneBreak')
    refs = []
    state.first = startsRun(child)
  }

  // Render every note that is referenced, including notes referenced only from other notes.
  for (let changed = true; changed; ) {
    changed = false
    for (const note of notes.values()) {
      if (note.count === 0 || note.html !== undefined) continue
      refs = []
      note.html = renderNote(note, state, ctx)
      note.refs = refs
      changed = true
    }
  }
  for (const note of notes.values()) {
    if (note.count === 0) {
      ctx.report(
        'epub-footnote-unused',
        `Footnote "${note.def.label ?? note.def.identifier}" is never referenced`,
        note.def,
        chapter.file,
      )
    }
  }

  const groups = split(blocks, blockRefs, breakable, notes, ctx.maxFileBytes - 2000 - heading.length)

  // Place each note in the first file that references it.
  const fileOf = (i: number) => (i === 0 ? `${entry.file}.xhtml` : `${entry.file}-${i + 1}.xhtml`)
  const placed = new Map<string, number>()
  const byId = new Map<string, NoteInfo>()
  for (const note of notes.values()) byId.set(note.id, note)
  const asides: string[][] = groups.map(() => [])
  const place = (ids: readonly string[], index: number) => {
    const queue = [...ids]
    while (queue.length > 0) {
      const id = queue.shift()!
      if (placed.has(id)) continue
      placed.set(id, index)
      const note = byId.get(id)!
      asides[index]!.push(note.html!)
      pushAll(queue, note.refs)
    }
  }
  place(headingRefs, 0)
  groups.forEach((group, index) => {
    for (const i of group) place(blockRefs[i]!, index)
  })

  const matter = MATTER_TYPES[chapter.matter]
  const pieces = groups.map((group, index) => {
    let body: string
    if (index === 0) {
      body = sectionOpen(chapter, ` id="${entry.anchor}" aria-labelledby="${titleId}"`) + heading
    } else {
      body = sectionOpen(chapter, ` aria-label="${escapeAttr(entry.title)}"`)
    }
    for (const i of group) body += blocks[i]
    body += '</section>\n'
    body += asides[index]!.join('')
    if (notes.size > 0) {
      body = body.replace(NOTE_HREF, (_, id: string) => {
        const at = placed.get(id) ?? 0
        return at === index ? `#${id}` : `${fileOf(at)}#${id}`
      })
    }
    return {
      file: fileOf(index),
      xhtml: xhtmlDocument({
        lang: ctx.lang,
        dir: ctx.dir,
        title: entry.title,
        css: ctx.css,
        bodyType: matter,
        body,
      }),
    }
  })
  for (const piece of pieces) {
    if (piece.xhtml.length * 3 > ctx.maxFileBytes && utf8Length(piece.xhtml) > ctx.maxFileBytes) {
      // Only a single block over the limit can leave a file this large: it cannot be cut further.
      ctx.report(
        'epub-file-too-large',
        `${piece.file} is over ${ctx.maxFileBytes} bytes: one block is too long to split`,
        chapter,
        chapter.file,
      )
    }
  }
  return pieces
}

function renderHeading(chapter: Chapter, state: State, id: string, fallback: string): string {
  const head = chapterHead(chapter)
  const parts: string[] = []
  if (head) parts.push(`<span class="chapter-label">${escapeText(head)}</span>`)
  if (hasContent(chapter.title)) parts.push(`<span class="chapter-title">${state.all(chapter.title)}</span>`)
  // Neither label nor title: the heading still names the section, for navigation and screen readers.
  if (parts.length === 0) parts.push(`<span class="chapter-title">${escapeText(fallback)}</span>`)
  let out = `<h1 id="${id}">${parts.join(' ')}</h1>\n`
  if (hasContent(chapter.subtitle)) out += `<p class="chapter-subtitle">${state.all(chapter.subtitle)}</p>\n`
  return out
}

function renderNote(note: NoteInfo, state: State, ctx: Context): string {
  const inner = state.blocks(note.def.children)
  const back = `<a class="footnote-back" href="#${note.refId}" role="doc-backlink" title="${escapeAttr(ctx.strings.backToText)}">${escapeText(note.label)}.</a> `
  // The back link leads the first paragraph, like a printed note number; other first blocks get their own line.
  const body = inner.startsWith('<p')
    ? inner.replace(/^<p([^>]*)>/, (open) => `${open}${back}`)
    : `<p class="first">${back}</p>\n${inner}`
  return `<aside class="footnote" epub:type="footnote" role="doc-footnote" id="${note.id}">\n${body}</aside>\n`
}

/**
 * Group block indexes into files whose size stays under `budget`. When a file would overflow, it
 * ends at its last scene break if that leaves it at least half full, else before the block that
 * overflows. Notes count toward the block that first references them.
 */
function split(
  blocks: readonly string[],
  blockRefs: readonly string[][],
  breakable: readonly boolean[],
  notes: Map<string, NoteInfo>,
  budget: number,
): number[][] {
  const all = blocks.map((_, i) => i)
  let total = 0
  for (const block of blocks) total += block.length
  for (const note of notes.values()) total += note.html?.length ?? 0
  // UTF-8 is at most three bytes per UTF-16 unit: most chapters need no measuring at all.
  if (total * 3 <= budget) return [all]

  const byId = new Map<string, NoteInfo>()
  for (const note of notes.values()) byId.set(note.id, note)
  const counted = new Set<string>()
  const sizes = blocks.map((block, i) => {
    let size = utf8Length(block)
    for (const id of blockRefs[i]!) {
      if (counted.has(id)) continue
      counted.add(id)
      size += utf8Length(byId.get(id)?.html ?? '')
    }
    return size
  })
  if (sizes.reduce((a, b) => a + b, 0) <= budget) return [all]

  const groups: number[][] = []
  let current: number[] = []
  let size = 0
  for (let i = 0; i < blocks.length; i++) {
    if (current.length > 0 && size + sizes[i]! > budget) {
      let cut = current.length
      let head = 0
      let best = -1
      for (let k = 0; k < current.length; k++) {
        if (k > 0 && breakable[current[k]!] && head >= budget / 2) best = k
        head += sizes[current[k]!]!
      }
      if (best > 0) cut = best
      groups.push(current.slice(0, cut))
      current = current.slice(cut)
      size = 0
      for (const j of current) size += sizes[j]!
    }
    current.push(i)
    size += sizes[i]!
  }
  if (current.length > 0 || groups.length === 0) groups.push(current)
  return groups
}

/** A part's title page. */
export function renderPart(entry: PartEntry, ctx: Context): Piece {
  const part: Part = entry.node
  const refsIgnored: Hooks = {
    imageHref: ctx.imageHref,
    linkHref: (id) => ctx.anchors.get(id),
    noteRef: (node) => escapeText(`[${node.label ?? node.identifier}]`),
    noteLabel: ctx.strings.authorNote,
    direction: ctx.dir,
  }
  const state = createState(handlers, refsIgnored)
  const head = partHead(part)
  const spans: string[] = []
  if (head) spans.push(`<span class="part-label">${escapeText(head)}</span>`)
  if (hasContent(part.title)) spans.push(`<span class="part-title">${state.all(part.title)}</span>`)
  if (spans.length === 0) spans.push(`<span class="part-title">${escapeText(entry.title)}</span>`)
  const titleId = `${entry.anchor}-title`
  const body = `<section epub:type="part" role="doc-part" id="${entry.anchor}" aria-labelledby="${titleId}">\n<h1 id="${titleId}">${spans.join(' ')}</h1>\n</section>\n`
  return {
    file: `${entry.file}.xhtml`,
    xhtml: xhtmlDocument({
      lang: ctx.lang,
      dir: ctx.dir,
      title: entry.title,
      css: ctx.css,
      bodyType: 'bodymatter',
      body,
    }),
  }
}
