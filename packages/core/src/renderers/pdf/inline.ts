/**
 * Inline content → `StyledRun`s for the line breaker: one handler per phrasing node type, the
 * face chosen from emphasis/strong nesting, small capitals (the face's own, `smcp`, or made from
 * capitals at a smaller size when it has none), footnote references as superscript markers, the
 * author's sub- and superscripts at the face's own script size and offset, underline and
 * strike-through carried to the drawing as rules (`marks.ts`), and
 * characters no embedded face can print reported once each as `pdf-missing-glyph`.
 */

import { differentLanguage } from '../../language.js'
import { pushAll } from '../../model/arrays.js'
import type { Node, PhrasingContent } from '../../model/types.js'
import type { FontSet } from './fonts.js'
import { type Decoration, type FaceStyle, type StyledRun, spaceKind } from './layout/types.js'
import { type MarkMetrics, markMetrics } from './marks.js'
import type { FontMeasurer } from './measure.js'
import { visible } from './visible.js'

/** What small capitals need of the measurer: whether a face has its own. */
export type SmallCapsFaces = Pick<FontMeasurer, 'hasSmallCaps'>

export interface InlineContext {
  /** With `fonts`, sub- and superscripts take the face's own size and offset (`marks.ts`). */
  measurer: Pick<FontMeasurer, 'cover' | 'hasSmallCaps'> & { fonts?: FontSet }
  /** Number a footnote reference; undefined when it has no definition (reported by the caller). */
  footnote(
    node: Extract<PhrasingContent, { type: 'footnoteReference' }>,
  ): { marker: string; anchor: string; target: string } | undefined
  /** Report a character no face has, with the node it is in. */
  missingGlyph(char: string, node: Node): void
  /** Check an internal `#id` link; false drops the link (the text stays). */
  linkTarget?(url: string, node: Node): boolean
  /** The book's language, against which a span's is told apart; absent, every span's differs. */
  language?: string
}

interface State {
  /** The nearest node with a source position, for diagnostics. */
  at?: Node
  style: FaceStyle
  size: number
  smallCaps: boolean
  link?: string
  noHyphenate?: boolean
  /** Baseline shift in points (sub- and superscripts, nested ones added). */
  shift: number
  underline?: Decoration
  strike?: Decoration
  /** The language of the text around (a span's or the paragraph's), when not the book's. */
  language?: string
  /** Set on runs: `language`, once a span made it differ from the paragraph's. */
  lang?: string
}

/** Ratio of small capitals to full capitals; a little above x-height, as typefounders draw them. */
export const SMALL_CAPS = 0.78
/** Footnote marker size relative to the text. */
export const SUPERSCRIPT = 0.62

const italicOf: Record<FaceStyle, FaceStyle> = {
  regular: 'italic',
  italic: 'regular',
  bold: 'boldItalic',
  boldItalic: 'bold',
  mono: 'mono',
}
const boldOf: Record<FaceStyle, FaceStyle> = {
  regular: 'bold',
  italic: 'boldItalic',
  bold: 'bold',
  boldItalic: 'boldItalic',
  mono: 'mono',
}
/**
 * A run of white space that is not a lone U+0020, each made one space by `pushText` (as every run
 * of `[\t\n\r ]` would be): a text whose spaces are all single ones, as most are, matches nothing
 * and is kept as it is rather than copied (matching each word space made a new string of every text).
 */
const OTHER_WHITE = /[\t\n\r][\t\n\r ]*| [\t\n\r ]+/g

type Handler<T extends PhrasingContent['type']> = (
  node: Extract<PhrasingContent, { type: T }>,
  state: State,
  out: StyledRun[][],
  ctx: InlineContext,
) => void

const handlers: { [T in PhrasingContent['type']]: Handler<T> } = {
  text(node, state, out, ctx) {
    pushText(node.value, node, state, out, ctx)
  },
  code(node, state, out, ctx) {
    pushText(node.value, node, { ...state, style: 'mono', noHyphenate: true }, out, ctx)
  },
  emphasis(node, state, out, ctx) {
    walk(node.children, { ...state, style: italicOf[state.style] }, out, ctx)
  },
  strong(node, state, out, ctx) {
    walk(node.children, { ...state, style: boldOf[state.style] }, out, ctx)
  },
  smallCaps(node, state, out, ctx) {
    walk(node.children, { ...state, smallCaps: true }, out, ctx)
  },
  delete(node, state, out, ctx) {
    walk(node.children, { ...state, strike: { size: state.size, shift: state.shift } }, out, ctx)
  },
  underline(node, state, out, ctx) {
    walk(node.children, { ...state, underline: { size: state.size, shift: state.shift } }, out, ctx)
  },
  subscript(node, state, out, ctx) {
    walk(node.children, script(state, marksOf(ctx, state.style).subscript), out, ctx)
  },
  superscript(node, state, out, ctx) {
    walk(node.children, script(state, marksOf(ctx, state.style).superscript), out, ctx)
  },
  span(node, state, out, ctx) {
    const outer = state.language ?? ctx.language
    if (!node.lang || (outer !== undefined && !differentLanguage(node.lang, outer))) {
      walk(node.children, state, out, ctx)
      return
    }
    // Hyphenated by its own language's patterns (the breaker takes them from `lang`), or not at
    // all where it has none: by the patterns around it a foreign word would break wrongly.
    walk(node.children, { ...state, language: node.lang, lang: node.lang }, out, ctx)
  },
  link(node, state, out, ctx) {
    const internal = node.url.startsWith('#')
    if (internal && ctx.linkTarget && !ctx.linkTarget(node.url, node.position ? node : (state.at ?? node))) {
      walk(node.children, state, out, ctx)
      return
    }
    walk(node.children, { ...state, link: node.url }, out, ctx)
  },
  break(_node, _state, out) {
    out.push([])
  },
  footnoteReference(node, state, out, ctx) {
    const note = ctx.footnote(node)
    if (!note) return
    current(out).push({
      text: note.marker,
      style: state.style === 'mono' ? 'regular' : state.style,
      size: state.size * SUPERSCRIPT,
      superscript: true,
      anchor: note.anchor,
      link: note.target,
      noHyphenate: true,
    })
  },
  image(node, state, out, ctx) {
    // An inline image prints as its alternative text, in italics, so nothing is silently lost.
    if (node.alt) pushText(node.alt, node, { ...state, style: italicOf[state.style] }, out, ctx)
  },
}

/** The mark metrics of the face a style is set in; the common fallbacks without fonts (tests). */
function marksOf(ctx: InlineContext, style: FaceStyle): MarkMetrics {
  const face = ctx.measurer.fonts?.primary[style]
  return markMetrics(face ? face.font : { unitsPerEm: 1000, xHeight: 0 })
}

/** A script: smaller, its baseline moved by the face's offset at the size it is set on. */
function script(state: State, metrics: { scale: number; shift: number }): State {
  return {
    ...state,
    size: state.size * metrics.scale,
    shift: state.shift + metrics.shift * state.size,
    noHyphenate: true,
  }
}

function current(out: StyledRun[][]): StyledRun[] {
  return out[out.length - 1]!
}

function walk(nodes: readonly PhrasingContent[], state: State, out: StyledRun[][], ctx: InlineContext): void {
  for (const node of nodes) {
    // The table is keyed by type, so the handler found takes this node's type.
    const handler = handlers[node.type] as (
      node: PhrasingContent,
      state: State,
      out: StyledRun[][],
      ctx: InlineContext,
    ) => void
    handler(node, node.position ? { ...state, at: node } : state, out, ctx)
  }
}

/** Report each character of `text` that no face of `style` can print, at `node`. */
export function reportMissing(text: string, style: FaceStyle, node: Node, ctx: InlineContext): void {
  for (const char of text) {
    const cp = char.codePointAt(0)!
    // White space is never drawn from a glyph the face lacks (see `layout/types.ts`).
    if (cp > 0x7e && ctx.measurer.cover(cp, style) === 3 && (cp > 0xffff || spaceKind(cp) === 0))
      ctx.missingGlyph(char, node)
  }
}

function pushText(value: string, node: Node, state: State, out: StyledRun[][], ctx: InlineContext): void {
  // Invisible format characters the faces may lack: dropped rather than printed as boxes.
  const text = visible(value.replace(OTHER_WHITE, ' '))
  if (!text) return
  reportMissing(text, state.style, node.position ? node : (state.at ?? node), ctx)
  const run: StyledRun = { text, style: state.style, size: state.size }
  if (state.link) {
    run.link = state.link
    run.noHyphenate = true
  }
  if (state.noHyphenate) run.noHyphenate = true
  if (state.shift) run.shift = state.shift
  if (state.underline) run.underline = state.underline
  if (state.strike) run.strike = state.strike
  if (state.lang) run.lang = state.lang
  pushAll(current(out), state.smallCaps ? smallCapsOf(run, ctx.measurer) : [run])
}

/**
 * A run in small capitals: the face's own (`smcp`: one run, measured and drawn with the
 * feature) when it has them, else synthesized (`toSmallCaps`).
 */
export function smallCapsOf(run: StyledRun, faces: SmallCapsFaces): StyledRun[] {
  return faces.hasSmallCaps(run.style) ? [{ ...run, smallCaps: true }] : toSmallCaps(run)
}

/**
 * Small capitals synthesized from capitals, for a face without `smcp`: lower-case stretches
 * become runs drawn as capitals (`capitals`) at the small-caps size. The text keeps its case,
 * so the PDF can give it back to extraction (draw.ts wraps such runs in /ActualText).
 */
export function toSmallCaps(run: StyledRun): StyledRun[] {
  const out: StyledRun[] = []
  let buffer = ''
  let lower = false
  const flush = () => {
    if (!buffer) return
    // Capitals, figures and punctuation stay as written, at the full size.
    out.push(
      lower
        ? { ...run, text: buffer, size: run.size * SMALL_CAPS, capitals: true }
        : { ...run, text: buffer },
    )
    buffer = ''
  }
  for (const char of run.text) {
    const isLower = char !== char.toUpperCase()
    if (isLower !== lower && char !== ' ') {
      flush()
      lower = isLower
    }
    buffer += char
  }
  flush()
  return out
}

/**
 * Flatten inline content. The result has one run list per forced line break (`break` nodes),
 * each broken as its own paragraph so the line before a break is not justified. `language` is
 * the paragraph's own, when it has one: spans are told apart from it.
 */
export function flatten(
  content: readonly PhrasingContent[],
  style: FaceStyle,
  size: number,
  ctx: InlineContext,
  at?: Node,
  language?: string,
): StyledRun[][] {
  const out: StyledRun[][] = [[]]
  const state: State = {
    style,
    size,
    smallCaps: false,
    shift: 0,
    ...(at ? { at } : {}),
    ...(language ? { language } : {}),
  }
  walk(content, state, out, ctx)
  for (const runs of out) trimRuns(runs)
  return out
}

/** Drop leading and trailing spaces of a run list, which would shift or widen its lines. */
export function trimRuns(runs: StyledRun[]): void {
  while (runs.length > 0) {
    const first = runs[0]!
    first.text = first.text.replace(/^ +/, '')
    if (first.text) break
    runs.shift()
  }
  while (runs.length > 0) {
    const last = runs[runs.length - 1]!
    last.text = last.text.replace(/ +$/, '')
    if (last.text) break
    runs.pop()
  }
}

/**
 * Turn the first `words` words of a run list into small capitals (a chapter's opening), splitting
 * the run where the words end: the face's own where it has them (`smallCapsOf`).
 */
export function smallCapsOpening(runs: StyledRun[], words: number, faces: SmallCapsFaces): StyledRun[] {
  const out: StyledRun[] = []
  let left = words
  for (const run of runs) {
    if (left <= 0 || run.superscript) {
      out.push(run)
      continue
    }
    const parts = run.text.split(/( +)/)
    let consumed = ''
    for (const part of parts) {
      if (left <= 0) break
      consumed += part
      if (part && !part.startsWith(' ')) left--
    }
    const head = run.text.slice(0, consumed.length)
    const tail = run.text.slice(consumed.length)
    pushAll(out, smallCapsOf({ ...run, text: head }, faces))
    if (tail) out.push({ ...run, text: tail })
  }
  return out
}
