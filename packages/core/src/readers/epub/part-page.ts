/**
 * A part's own page in an EPUB: a spine document whose heading reads as a part ("Part One") or
 * which says it is one (`epub:type="part"`), holding no chapter text, only what dresses a part
 * page: a subtitle (`<h2>`, `<p class="part-subtitle">`), an epigraph. It is the part, not a
 * chapter: the reader returns it empty and the chapters that follow go into it. A part holds a
 * title and no text (model/spec.md), so its subtitle is its title when its heading gives none
 * (else the contents' label does: "Part One: Above Ground"); what it cannot hold (an epigraph)
 * opens its first chapter, so no word is lost.
 */
import type { BlockContent, Chapter, Node, Part, PhrasingContent } from '../../model/types.js'
import { toText, visit } from '../../model/walk.js'
import { headingFields, makePart } from '../shared/chapter.js'

/** At most this many characters of text besides the heading: a subtitle and an epigraph, not a chapter. */
const PART_PAGE_TEXT = 600
/** At most this long, the page's first line is its subtitle. */
const SUBTITLE = 150
/** Blocks a part page is made of. */
const DRESSING = new Set<BlockContent['type']>(['heading', 'paragraph', 'blockquote', 'verse'])

export interface PartPage {
  /** The part, empty: the chapters that follow go into it. */
  part: Part
  /** What the part cannot hold (an epigraph), for its first chapter to open with; positions removed. */
  carried: BlockContent[]
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase()

/**
 * `nodes` (what the HTML reader made of one whole document) as a part page, or undefined when
 * they are not one. `typed`: the document says it is a part; `label`: its contents entry's.
 */
export function partPage(
  nodes: ReadonlyArray<Part | Chapter>,
  typed: boolean,
  label: string | undefined,
  language: string,
): PartPage | undefined {
  if (nodes.length !== 1) return undefined
  const only = nodes[0]!
  let part: Part
  let blocks: BlockContent[] = []
  let subtitle: PhrasingContent[] | undefined
  if (only.type === 'part') {
    if (only.children.length > 1) return undefined
    const chapter = only.children[0]
    // A chapter with its own heading ("Chapter 1") under the part's is a chapter.
    if (
      chapter &&
      (chapter.label !== undefined || chapter.number !== undefined || chapter.kind !== 'chapter')
    )
      return undefined
    part = { ...only, children: [] }
    blocks = chapter?.children ?? []
    subtitle = chapter?.title
  } else if (typed) {
    part = makePart({
      kind: 'part',
      ...(only.label !== undefined ? { label: only.label } : {}),
      ...(only.number !== undefined ? { number: only.number } : {}),
      ...(only.numeral !== undefined ? { numeral: only.numeral } : {}),
      ...(only.title ? { title: only.title } : {}),
      ...(only.position ? { position: only.position } : {}),
    })
    blocks = only.children
    subtitle = only.subtitle
  } else return undefined
  if (!blocks.every((b) => DRESSING.has(b.type))) return undefined
  let length = 0
  for (const block of blocks)
    visit(block as Node, (n) => {
      if (n.type === 'text') length += n.value.length
    })
  if (length > PART_PAGE_TEXT) return undefined
  const rest = [...blocks]
  // The page's first line, a heading or a short paragraph, is its subtitle.
  const first = rest[0]
  const fromBlock =
    !subtitle &&
    (first?.type === 'heading' || first?.type === 'paragraph') &&
    toText(first.children).trim().length <= SUBTITLE
  if (fromBlock) subtitle = (first as { children: PhrasingContent[] }).children
  // The contents' label: "Part One: Above Ground" names the part and titles it.
  const named = label ? headingFields([{ type: 'text', value: label }], language) : undefined
  if (
    named?.kind === 'part' &&
    (named.number === undefined || part.number === undefined || named.number === part.number)
  ) {
    if (named.title && !part.title) part.title = named.title
    // The label's number, for a page titled alone ("Above Ground") the label names so.
    const same = !named.title || squash(toText(named.title)) === squash(toText(part.title ?? []))
    if (part.number === undefined && named.number !== undefined && same) {
      part.number = named.number
      if (named.numeral !== undefined) part.numeral = named.numeral
      if (named.label !== undefined) part.label = named.label
    }
  }
  if (subtitle) {
    const taken = !part.title || squash(toText(subtitle)) === squash(toText(part.title))
    if (!part.title) part.title = subtitle
    if (taken && fromBlock) rest.shift()
    // A subtitle besides the part's title: the part cannot hold it; it stays with the text.
    else if (!taken && !fromBlock) rest.unshift({ type: 'paragraph', children: subtitle })
  }
  for (const block of rest)
    visit(block as Node, (n) => {
      delete n.position
    })
  return { part, carried: rest }
}
