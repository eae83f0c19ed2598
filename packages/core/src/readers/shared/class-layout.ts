/**
 * What a book's style sheets say about the layout of its blocks, where the markup says nothing:
 * publishers' and Sigil's or InDesign's EPUBs seldom write `<blockquote>` or `<hr>`, but
 * `<p class="extract">` with `.extract { margin-left: 2em }`, `<p class="center">`, `<div
 * class="space"></div>` with `height: 2em`, `<p class="space-break">` with `margin-top: 1em`, and
 * poems as `<p class="verse">` with a hanging indent. The sheets are parsed with css-tree and each
 * element's own layout resolved by the cascade (`class-styles.ts` reads the marks; this reads the
 * boxes): selectors of type and class compounds joined by descendant or child combinators
 * (`p.extract`, `.letter p`, `div.poem > p`), by specificity, then order; `!important` wins; a
 * `style` attribute over all. Selectors with ids, attributes, pseudo-classes or sibling
 * combinators are not read (they cannot be judged without the whole page's state), nor rules
 * under a media query other than `all` or `screen`, nor `@supports`.
 *
 * What a block's layout means is judged against the book's body paragraphs, measured over every
 * document first (`measure`, then `settle`): the left indent most of them have, and their margins.
 *
 * - A `p` or `div` indented from them by at least `QUOTE` (1.25em: 20px, 15pt, 5% of the measure)
 *   on every line is a quotation: the outermost such block, never one holding a heading, nor one
 *   inside a list, table, note or real `<blockquote>`. When such blocks would hold most of a
 *   document's paragraphs, the document's indentation is its own body's: none of them is quoted.
 * - Centred or right-aligned text by a selector the class reader cannot read (`.letter p`).
 * - An empty block (`<div class="space"/>`, `<p class="spacer">&nbsp;</p>`) whose class gives it
 *   a line's height or more (margins, padding, height), of a class that is more often empty than
 *   not in the book: a blank-line scene break, when it stands between two paragraphs.
 * - A paragraph of words whose class opens it with at least a blank line more than paragraphs
 *   are spaced (`p.space-break { margin-top: 1em }` where they are spaced 0): a scene break
 *   before it, when the class is used sparingly (on at most one in eight of the book's
 *   paragraphs, as breaks are; a class on more is the book's spacing) and the paragraph is
 *   neither centred nor right-aligned (a signature, a dateline) and follows a paragraph.
 * - Verse: lines (a `p` or leaf `div`) whose class gives a hanging indent, keeps line breaks
 *   (`white-space: pre-line`), or that stand in a class named for a poem (`poem`, `verse`,
 *   `stanza`, `poetry`) with a margin; the converter keeps them as verse only when they are short.
 *
 * Lengths are in ems: `em`, `rem` and `ch`/`ex` (½em) as they are, 16px and 12pt to the em, a
 * percentage of a 30em measure. Font sizes are not followed. Nothing is fetched.
 */
import { type CssNode, type List, parse } from 'css-tree'
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'

type Element = P5.Element
type ParentNode = P5.ParentNode

/** What a block element's classes make of it, for the HTML converter. */
export interface BlockVerdict {
  /** An indented block: a quotation (consecutive ones are one). */
  quote?: true
  /** An empty block giving a line's space or more: a blank-line scene break's place. */
  spacer?: true
  /** A paragraph opening with a blank line's space: a scene break's place before it. */
  spaceBefore?: true
  /** A line of verse, if the lines around it are short. */
  verse?: true
  /** Its text keeps its line breaks (`white-space: pre-line`). */
  pre?: true
  /** Its text's alignment, set by a selector the class reader does not read. */
  align?: 'center' | 'right'
}

/** The layout verdicts of a book's (or a page's) block elements. */
export interface BlockLayout {
  of(el: Element): BlockVerdict | undefined
}

/** A quotation is indented from the body by this much, at least (em). */
const QUOTE = 1.25
/** A blank line's height (em): the least space an empty block or a space-before must add. */
const LINE = 1
/** The measure a percentage is of (em). */
const MEASURE = 30
/** A space-before class is used sparingly: on at most this share of the book's paragraphs. */
const SPARING = 1 / 8
/** Quotations holding more than this share of a document's paragraphs are its body. */
const MOST = 0.6
/** Elements deeper than this are not measured (the converter flattens them to text). */
const MAX_DEPTH = 200
/** At most this many rules are read from a sheet (a hostile sheet is not read past them). */
const MAX_RULES = 20_000
/** At most this many compounds are matched for a document: past it, its sheets say no more. */
const MATCH_BUDGET = 5_000_000

/** A type and classes: `p.extract`, `.letter`, `div`; no tag matches any element. */
interface Compound {
  tag?: string
  classes: string[]
}

interface Selector {
  /** The compounds from the subject leftwards, with the combinator to the next: ' ' or '>'. */
  chain: Array<{ compound: Compound; combinator?: ' ' | '>' }>
  specificity: number
  /** It names a class: what a publisher's class says, not a page-wide element default. */
  classed: boolean
}

/** A value as read: lengths in em, keywords lower-case. */
type Value = number | string

/** A rule of a sheet as the layout reads it. */
export interface LayoutRule {
  selectors: Selector[]
  declarations: Array<{ property: string; values: Value[]; important: boolean }>
}

/** The properties read, longhands and shorthands. */
const PROPERTIES = new Set([
  'margin',
  'margin-left',
  'margin-right',
  'margin-top',
  'margin-bottom',
  'padding',
  'padding-left',
  'padding-right',
  'padding-top',
  'padding-bottom',
  'text-indent',
  'text-align',
  'white-space',
  'height',
  'min-height',
])

/**
 * A sheet's rules, parsed once with css-tree: an EPUB's stylesheet.css serves every page that
 * links it. Unreadable parts are skipped, as a browser skips them.
 */
export function layoutRules(sheet: string): LayoutRule[] {
  const out: LayoutRule[] = []
  let ast: CssNode
  try {
    ast = parse(sheet, { parseValue: true, parseAtrulePrelude: false, parseCustomProperty: false })
  } catch {
    return out
  }
  if (ast.type !== 'StyleSheet') return out
  // At-rules nest (a few levels at most are read); their rules are read in order.
  const walk = (list: List<CssNode>, depth: number) => {
    list.forEach((node) => {
      if (out.length >= MAX_RULES) return
      if (node.type === 'Rule') {
        const rule = readRule(node)
        if (rule) out.push(rule)
      } else if (node.type === 'Atrule' && node.block && depth < 8 && node.name.toLowerCase() === 'media') {
        const prelude = node.prelude?.type === 'Raw' ? node.prelude.value : ''
        if (forScreen(prelude)) walk(node.block.children, depth + 1)
      }
    })
  }
  walk(ast.children, 0)
  return out
}

/** A media query list that applies to a reading system's screen: `all`, `screen`, or none. */
function forScreen(prelude: string): boolean {
  return prelude
    .toLowerCase()
    .split(',')
    .some((query) => /^\s*(?:only\s+)?(?:all|screen)?\s*$/.test(query))
}

function readRule(rule: Extract<CssNode, { type: 'Rule' }>): LayoutRule | undefined {
  if (rule.prelude.type !== 'SelectorList') return undefined
  const declarations = readDeclarations(rule.block.children)
  if (declarations.length === 0) return undefined
  const selectors: Selector[] = []
  rule.prelude.children.forEach((node) => {
    if (node.type !== 'Selector') return
    const selector = readSelector(node.children)
    if (selector) selectors.push(selector)
  })
  return selectors.length > 0 ? { selectors, declarations } : undefined
}

function readDeclarations(list: List<CssNode>): LayoutRule['declarations'] {
  const declarations: LayoutRule['declarations'] = []
  list.forEach((node) => {
    if (node.type !== 'Declaration') return
    const property = node.property.toLowerCase()
    if (!PROPERTIES.has(property) || node.value.type !== 'Value') return
    const values: Value[] = []
    let readable = true
    node.value.children.forEach((part) => {
      const value = readValue(part)
      if (value === undefined) readable = false
      else values.push(value)
    })
    if (readable && values.length > 0) declarations.push({ property, values, important: !!node.important })
  })
  return declarations
}

/** Style attributes read, by their text: a page's paragraphs often share one. */
const inlineCache = new Map<string, LayoutRule['declarations']>()

/** The layout declarations of a `style` attribute. */
function inlineDeclarations(style: string): LayoutRule['declarations'] {
  let got = inlineCache.get(style)
  if (got) return got
  got = []
  try {
    const ast = parse(style, { context: 'declarationList', parseValue: true, parseCustomProperty: false })
    if (ast.type === 'DeclarationList') got = readDeclarations(ast.children)
  } catch {
    // Unreadable: nothing.
  }
  if (inlineCache.size > 5_000) inlineCache.clear()
  inlineCache.set(style, got)
  return got
}

/** A length in em, or a keyword; undefined for what is not read (`calc()`, `var()`). */
function readValue(node: CssNode): Value | undefined {
  switch (node.type) {
    case 'Identifier':
      return node.name.toLowerCase()
    case 'Number':
      return Number(node.value) === 0 ? 0 : undefined
    case 'Percentage':
      return (Number(node.value) / 100) * MEASURE
    case 'Dimension': {
      const n = Number(node.value)
      const unit = node.unit.toLowerCase()
      if (!Number.isFinite(n)) return undefined
      if (unit === 'em' || unit === 'rem') return n
      if (unit === 'ex' || unit === 'ch') return n / 2
      if (unit === 'px') return n / 16
      if (unit === 'pt') return n / 12
      if (unit === 'pc') return n
      if (unit === 'in') return n * 6
      if (unit === 'cm') return (n * 6) / 2.54
      if (unit === 'mm') return (n * 6) / 25.4
      // `line-height` multiples are not lengths here; other units are not read.
      return undefined
    }
    default:
      return undefined
  }
}

/** A selector of type and class compounds joined by descendant or child combinators; else undefined. */
function readSelector(children: List<CssNode>): Selector | undefined {
  const compounds: Compound[] = [{ classes: [] }]
  const combinators: Array<' ' | '>'> = []
  let ok = true
  let types = 0
  let classCount = 0
  children.forEach((node) => {
    if (!ok) return
    const current = compounds.at(-1)!
    switch (node.type) {
      case 'TypeSelector': {
        const name = node.name.toLowerCase()
        if (name.includes('|')) ok = false
        else if (name !== '*') {
          current.tag = name
          types++
        }
        break
      }
      case 'ClassSelector':
        current.classes.push(node.name.toLowerCase())
        classCount++
        break
      case 'Combinator':
        if (node.name === ' ' || node.name === '>') {
          combinators.push(node.name)
          compounds.push({ classes: [] })
        } else ok = false
        break
      default:
        // Ids, attributes, pseudo-classes and elements: not judged.
        ok = false
    }
  })
  if (!ok || compounds.length > 8) return undefined
  const chain: Selector['chain'] = []
  for (let i = compounds.length - 1; i >= 0; i--) {
    const link: Selector['chain'][number] = { compound: compounds[i]! }
    if (i > 0) link.combinator = combinators[i - 1]!
    chain.push(link)
  }
  return { chain, specificity: classCount * 100 + types, classed: classCount > 0 }
}

/** A browser's own margins, under every sheet. */
const DEFAULTS: Record<string, Array<[string, number]>> = {
  p: [
    ['margin-top', 1],
    ['margin-bottom', 1],
  ],
  blockquote: [
    ['margin-top', 1],
    ['margin-bottom', 1],
    ['margin-left', 2.5],
    ['margin-right', 2.5],
  ],
  figure: [
    ['margin-left', 2.5],
    ['margin-right', 2.5],
  ],
  dd: [['margin-left', 2.5]],
  ul: [['padding-left', 2.5]],
  ol: [['padding-left', 2.5]],
  body: [
    ['margin-left', 0.5],
    ['margin-right', 0.5],
  ],
}

/** Where a block stands: inside these, its indent is the container's business, not a quotation's. */
const ENCLOSING = new Set(['blockquote', 'li', 'td', 'th', 'dd', 'dt', 'table', 'figure', 'aside', 'pre'])
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
/** Elements that start a block: a `p` or `div` holding one is no line. */
const BLOCKS = new Set(
  `address article aside blockquote center dd div dl dt figure footer h1 h2 h3 h4 h5 h6 header hr
   li main nav ol p pre section table ul`.split(/\s+/),
)
const VERSE_NAME = /(?:^|[-_\d])(?:poem|poetry|verse|stanza)s?(?:$|[-_\d])/

/** One element's box as its sheets make it. */
interface Box {
  tag: string
  /** The class attribute, normalised: the name the book's counts go by. */
  key: string
  /** Left edge of its lines but the first, from the page's (em). */
  indent: number
  /** Left edge of its first line (em). */
  first: number
  top: number
  bottom: number
  /** What an empty one adds to the page besides its margins: padding and height (em). */
  fill: number
  /** A class (or its own style) sets its vertical margins, padding or height. */
  classSpace: boolean
  /** Its top margin is a class's or its own style's. */
  classTop: boolean
  /** Its own alignment, by a rule naming a class or its own style. */
  align?: 'center' | 'right'
  /** Its text's alignment, by whatever rule or attribute, its own or inherited. */
  alignment?: 'center' | 'right'
  hanging: boolean
  pre: boolean
  /** It, or a block it stands in, is named for a poem. */
  verseName: boolean
  enclosed: boolean
  /** Holds words (or a picture). */
  text: boolean
  heading: boolean
  block: boolean
  /** The body's paragraphs (leaves with words, not enclosed) it is or holds. */
  leaves: number
  parent?: Box
}

interface Frame {
  box: Box
  compound: Compound
  el: Element
  /** Inherited: text-indent, white-space. */
  textIndent: number
  pre: boolean
}

/**
 * A book's layout: `measure` each document with the rules of its sheets (in the order the
 * document has them), then `settle` once, then ask `of` for each element.
 */
export class BookLayout implements BlockLayout {
  private readonly verdicts = new WeakMap<Element, BlockVerdict>()
  private readonly measured: Array<Array<[Element, Box]>> = []
  private settled = false

  /** Measure a document's (or a fragment's) elements. `sheets`: its rules, in cascade order. */
  measure(root: ParentNode, sheets: ReadonlyArray<readonly LayoutRule[]>): void {
    const index = indexRules(sheets)
    if (!index) return
    const list: Array<[Element, Box]> = []
    this.measured.push(list)
    const frames: Frame[] = []
    type Step = { node: P5.ChildNode | ParentNode; exit?: Frame }
    const stack: Step[] = [{ node: root }]
    while (stack.length > 0) {
      const step = stack.pop()!
      if (step.exit) {
        const frame = frames.pop()!
        const box = frame.box
        if (isLeaf(box) && box.text && !box.enclosed) box.leaves++
        const parent = frames.at(-1)?.box
        if (parent) {
          if (box.text) parent.text = true
          if (box.heading || HEADINGS.has(box.tag)) parent.heading = true
          if (BLOCKS.has(box.tag)) parent.block = true
          parent.leaves += box.leaves
        }
        list.push([frame.el, box])
        continue
      }
      const node = step.node
      if (node.nodeName === '#text') {
        const parent = frames.at(-1)
        if (parent && /[^\s\u00a0]/.test((node as P5.TextNode).value)) parent.box.text = true
        continue
      }
      if (!('tagName' in node)) {
        if ('childNodes' in node)
          for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]! })
        continue
      }
      const el = node as Element
      if (frames.length >= MAX_DEPTH || el.tagName === 'head') continue
      if (el.tagName === 'img' || el.tagName === 'svg') {
        const parent = frames.at(-1)
        if (parent) parent.box.text = true
        continue
      }
      const frame = this.frameOf(el, frames, index)
      frames.push(frame)
      stack.push({ node: el, exit: frame })
      for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push({ node: el.childNodes[i]! })
    }
  }

  private frameOf(el: Element, frames: readonly Frame[], index: RuleIndex): Frame {
    const tag = el.tagName
    const classes = (attribute(el, 'class') ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    const compound: Compound = { tag, classes }
    const style = cascade(compound, frames, index, attribute(el, 'style'))
    const parent = frames.at(-1)
    const length = (property: string) => {
      const got = style.get(property)?.value
      return typeof got === 'number' ? got : 0
    }
    const fromClass = (property: string) => style.get(property)?.classed === true
    const indent = (parent?.box.indent ?? 0) + length('margin-left') + length('padding-left')
    const own = style.get('text-indent')?.value
    const textIndent = typeof own === 'number' ? own : (parent?.textIndent ?? 0)
    const whiteSpace = style.get('white-space')?.value
    const pre =
      typeof whiteSpace === 'string'
        ? ['pre', 'pre-wrap', 'pre-line', 'break-spaces'].includes(whiteSpace)
        : (parent?.pre ?? false)
    const declared = style.get('text-align')
    const attr = attribute(el, 'align')?.toLowerCase()
    const said = declared?.value ?? (tag === 'center' ? 'center' : attr)
    const alignment =
      said === undefined
        ? parent?.box.alignment
        : said === 'center'
          ? 'center'
          : said === 'right' || said === 'end'
            ? 'right'
            : undefined
    const box: Box = {
      tag,
      key: `${tag}.${[...classes].sort().join('.')}`,
      indent,
      first: indent + textIndent,
      top: length('margin-top'),
      bottom: length('margin-bottom'),
      fill:
        length('padding-top') + length('padding-bottom') + Math.max(length('height'), length('min-height')),
      classSpace: [
        'margin-top',
        'margin-bottom',
        'padding-top',
        'padding-bottom',
        'height',
        'min-height',
      ].some(fromClass),
      classTop: fromClass('margin-top'),
      hanging: textIndent < 0 && indent > 0,
      pre,
      verseName: classes.some((c) => VERSE_NAME.test(c)) || (parent?.box.verseName ?? false),
      enclosed: ENCLOSING.has(tag) || (parent?.box.enclosed ?? false),
      text: false,
      heading: false,
      block: false,
      leaves: 0,
    }
    if (alignment) box.alignment = alignment
    if (parent) box.parent = parent.box
    if (declared?.classed && (declared.value === 'center' || declared.value === 'right'))
      box.align = declared.value
    return { box, compound, el, textIndent, pre }
  }

  /** Judge every measured element against the book's body paragraphs. */
  settle(): void {
    if (this.settled) return
    this.settled = true
    const indents = new Map<number, number>()
    const tops = new Map<number, number>()
    const bottoms = new Map<number, number>()
    const textUses = new Map<string, number>()
    const emptyUses = new Map<string, number>()
    let paragraphs = 0
    for (const list of this.measured)
      for (const [, box] of list) {
        if (!isLeaf(box)) continue
        if (!box.text) {
          count(emptyUses, box.key)
          continue
        }
        count(textUses, box.key)
        if (box.enclosed) continue
        paragraphs++
        count(indents, round(box.indent))
        count(tops, round(box.top))
        count(bottoms, round(box.bottom))
      }
    if (paragraphs === 0) return
    const body = mode(indents)
    const gap = Math.max(mode(tops), mode(bottoms))
    const indented = (box: Box | undefined) => box !== undefined && box.indent - body >= QUOTE
    for (const list of this.measured) {
      const quotes: Element[] = []
      let docParagraphs = 0
      let quoted = 0
      for (const [el, box] of list) {
        if (isLeaf(box) && box.text && !box.enclosed) docParagraphs++
        if (box.tag !== 'p' && box.tag !== 'div') continue
        const verdict: BlockVerdict = {}
        if (box.align) verdict.align = box.align
        if (!box.enclosed && box.text && !box.heading && box.alignment !== 'center') {
          const lines = isLeaf(box) ? Math.min(box.indent, box.first) : box.indent
          if (lines - body >= QUOTE && !indented(box.parent)) {
            quotes.push(el)
            quoted += box.leaves
          }
        }
        if (isLeaf(box)) {
          const added = box.fill + Math.max(0, Math.max(box.top, box.bottom) - gap)
          if (
            !box.text &&
            box.classSpace &&
            added >= LINE &&
            (emptyUses.get(box.key) ?? 0) > (textUses.get(box.key) ?? 0)
          )
            verdict.spacer = true
          if (
            box.text &&
            !box.enclosed &&
            box.classTop &&
            !box.alignment &&
            box.top >= gap + LINE &&
            !indented(box) &&
            (textUses.get(box.key) ?? 0) <= paragraphs * SPARING
          )
            verdict.spaceBefore = true
          if (box.text && (box.hanging || box.pre || (box.verseName && box.indent > body)))
            verdict.verse = true
          if (box.pre) verdict.pre = true
        }
        if (Object.keys(verdict).length > 0) this.verdicts.set(el, verdict)
      }
      // Indented blocks holding most of a document are its body, set narrower.
      if (quoted <= docParagraphs * MOST)
        for (const el of quotes) {
          const verdict = this.verdicts.get(el) ?? {}
          verdict.quote = true
          this.verdicts.set(el, verdict)
        }
    }
    this.measured.length = 0
  }

  of(el: Element): BlockVerdict | undefined {
    if (!this.settled) this.settle()
    return this.verdicts.get(el)
  }
}

/** A block of lines: a `p`, or a `div` holding no block. */
const isLeaf = (box: Box) => (box.tag === 'p' || box.tag === 'div') && !box.block

function count<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

const round = (n: number) => Math.round(n * 100) / 100

/** The most common value; of equals, the least. */
function mode(counts: ReadonlyMap<number, number>): number {
  let best = 0
  let most = -1
  for (const [value, n] of counts) if (n > most || (n === most && value < best)) [best, most] = [value, n]
  return best
}

function attribute(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value
  return undefined
}

interface Indexed {
  selector: Selector
  declarations: LayoutRule['declarations']
  order: number
}

/** Rules by their subject's last class, its type, or neither. */
interface RuleIndex {
  byClass: Map<string, Indexed[]>
  byTag: Map<string, Indexed[]>
  any: Indexed[]
  /** Compound matches left for the document. */
  budget: number
}

function indexRules(sheets: ReadonlyArray<readonly LayoutRule[]>): RuleIndex | undefined {
  const index: RuleIndex = { byClass: new Map(), byTag: new Map(), any: [], budget: MATCH_BUDGET }
  let order = 0
  for (const sheet of sheets)
    for (const rule of sheet)
      for (const selector of rule.selectors) {
        const subject = selector.chain[0]!.compound
        const entry = { selector, declarations: rule.declarations, order: order++ }
        const cls = subject.classes.at(-1)
        if (cls) push(index.byClass, cls, entry)
        else if (subject.tag) push(index.byTag, subject.tag, entry)
        else index.any.push(entry)
      }
  return order === 0 ? undefined : index
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function matchesCompound(compound: Compound, el: Compound): boolean {
  if (compound.tag && compound.tag !== el.tag) return false
  for (const c of compound.classes) if (!el.classes.includes(c)) return false
  return true
}

/**
 * Whether `selector` matches an element `subject` with `frames` its ancestors, nearest last;
 * each compound tried is taken from `index.budget`.
 */
function matches(selector: Selector, subject: Compound, frames: readonly Frame[], index: RuleIndex): boolean {
  if (--index.budget < 0 || !matchesCompound(selector.chain[0]!.compound, subject)) return false
  let at = frames.length - 1
  for (let i = 1; i < selector.chain.length; i++) {
    const { compound } = selector.chain[i]!
    const combinator = selector.chain[i - 1]!.combinator
    if (combinator === '>') {
      if (at < 0 || !matchesCompound(compound, frames[at]!.compound)) return false
      at--
      continue
    }
    while (at >= 0 && --index.budget >= 0 && !matchesCompound(compound, frames[at]!.compound)) at--
    if (index.budget < 0) return false
    if (at < 0) return false
    at--
  }
  return true
}

/** A property's value as the cascade left it, and whether a class (or the element's own style) set it. */
interface Cascaded {
  value: Value
  classed: boolean
}

const SIDES = ['top', 'right', 'bottom', 'left'] as const

/** The element's own layout properties, longhands only, by the cascade. */
function cascade(
  subject: Compound,
  frames: readonly Frame[],
  index: RuleIndex,
  inline: string | undefined,
): Map<string, Cascaded> {
  const found: Indexed[] = []
  const consider = (list: readonly Indexed[] | undefined) => {
    if (list) for (const entry of list) if (matches(entry.selector, subject, frames, index)) found.push(entry)
  }
  for (const c of subject.classes) consider(index.byClass.get(c))
  if (subject.tag) consider(index.byTag.get(subject.tag))
  consider(index.any)
  const out = new Map<string, Cascaded>()
  for (const [property, value] of DEFAULTS[subject.tag ?? ''] ?? [])
    out.set(property, { value, classed: false })
  type Applied = { property: string; values: Value[]; classed: boolean; weight: number; order: number }
  const applied: Applied[] = []
  for (const entry of found)
    for (const d of entry.declarations)
      applied.push({
        property: d.property,
        values: d.values,
        classed: entry.selector.classed,
        weight: (d.important ? 2_000_000 : 0) + entry.selector.specificity,
        order: entry.order,
      })
  if (inline?.includes(':')) {
    for (const d of inlineDeclarations(inline))
      applied.push({
        property: d.property,
        values: d.values,
        classed: true,
        weight: (d.important ? 2_000_000 : 0) + 1_000_000,
        order: Number.MAX_SAFE_INTEGER,
      })
  }
  applied.sort((a, b) => a.weight - b.weight || a.order - b.order)
  for (const { property, values, classed } of applied) {
    if (property === 'margin' || property === 'padding') {
      if (values.length > 4) continue
      const [t, r = t, b = t, l = r] = values
      const four = [t, r, b, l]
      for (const [i, side] of SIDES.entries())
        out.set(`${property}-${side}`, { value: lengthOr0(four[i]), classed })
    } else if (property === 'text-align' || property === 'white-space') {
      if (values.length === 1 && typeof values[0] === 'string')
        out.set(property, { value: values[0], classed })
    } else if (values.length === 1) out.set(property, { value: lengthOr0(values[0]), classed })
  }
  return out
}

/** A length as a number (`auto` and keywords as 0). */
const lengthOr0 = (value: Value | undefined): number => (typeof value === 'number' ? value : 0)
