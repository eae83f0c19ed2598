/**
 * Inline-content utilities both readers share: merging text runs, collapsing HTML white space,
 * cutting a stretch of inline content by its plain-text offsets (how a chapter heading's title
 * keeps its italics once "Chapter 3:" is cut off the front), and the language of parts: which
 * stretch or paragraph is in another language or direction than the document around it.
 */
import { canonicalLanguage, differentLanguage, directionOf } from '../../language.js'
import type { Paragraph, PhrasingContent, Point, Position, Span, Text } from '../../model/types.js'
import { toText } from '../../model/walk.js'

/** Join adjacent text nodes (their positions joined too) and drop empty ones. */
export function mergeText(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.value === '') continue
      const prev = out[out.length - 1]
      if (prev?.type === 'text') {
        const joined: Text = { type: 'text', value: prev.value + node.value }
        const position = span(prev.position, node.position)
        if (position) joined.position = position
        out[out.length - 1] = joined
        continue
      }
    }
    out.push(node)
  }
  return out
}

/** The position running from the start of `a` to the end of `b`, when both are known. */
export function span(a: Position | undefined, b: Position | undefined): Position | undefined {
  if (!a || !b) return a ?? b
  return { start: a.start, end: b.end }
}

type Leaf = { node: Text; parent: PhrasingContent[] }

/**
 * What the collapsing walks: text, a line break, or an atom (a picture, a note's mark, code): an
 * atom stands between words as a word does, so the spaces on either side of it are kept.
 */
type Piece = Leaf | 'break' | 'atom'

/** White space that `normalizeSpace` changes: a tab, a line end, a form feed or two spaces. */
const spaceToCollapse = /[\t\n\r\f]| {2}/

/**
 * Collapse white space the way a browser lays out normal text: runs become one space, and none
 * is left at the start, the end, or around a line break. Empty inline wrappers are dropped.
 */
export function normalizeSpace(nodes: PhrasingContent[]): PhrasingContent[] {
  const leaves: Piece[] = []
  collect(nodes, leaves)
  let spaceBefore = true
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!
    if (leaf === 'break') {
      trimTrailing(leaves, i)
      spaceBefore = true
      continue
    }
    if (leaf === 'atom') {
      spaceBefore = false
      continue
    }
    // Most text has single spaces only (a saved page's paragraphs): left as it is, not rebuilt.
    let value = leaf.node.value
    if (spaceToCollapse.test(value)) value = value.replace(/[ \t\n\r\f]+/g, ' ')
    if (spaceBefore) value = value.replace(/^ /, '')
    if (value !== '') spaceBefore = value.endsWith(' ')
    leaf.node.value = value
  }
  trimTrailing(leaves, leaves.length)
  return prune(nodes)
}

function collect(nodes: PhrasingContent[], into: Piece[]): void {
  for (const node of nodes) {
    if (node.type === 'text') into.push({ node, parent: nodes })
    else if (node.type === 'break') into.push('break')
    else if ('children' in node) collect(node.children, into)
    else into.push('atom')
  }
}

function trimTrailing(leaves: Piece[], before: number): void {
  for (let j = before - 1; j >= 0; j--) {
    const leaf = leaves[j]!
    if (leaf === 'break' || leaf === 'atom') return
    leaf.node.value = leaf.node.value.replace(/ $/, '')
    if (leaf.node.value !== '') return
  }
}

/** Inline containers that mean nothing once empty. */
const MARKS = new Set([
  'emphasis',
  'strong',
  'smallCaps',
  'delete',
  'underline',
  'subscript',
  'superscript',
  'span',
])

function prune(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    if (node.type === 'text' && node.value === '') continue
    if (MARKS.has(node.type) && 'children' in node) {
      node.children = prune(node.children)
      if (node.children.length === 0) continue
    }
    if (node.type === 'link') node.children = prune(node.children)
    out.push(node)
  }
  return mergeText(out)
}

/** Trim white space at both ends of inline content (Markdown titles, front-matter strings). */
export function trimInline(nodes: PhrasingContent[]): PhrasingContent[] {
  const first = nodes[0]
  const last = nodes[nodes.length - 1]
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '')
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '')
  return prune(nodes)
}

/** The length a node adds to the plain text `toText` gives (a break counts as one space). */
function textLength(node: PhrasingContent): number {
  if (node.type === 'text' || node.type === 'code') return node.value.length
  if (node.type === 'break') return 1
  if ('children' in node) return node.children.reduce((n, c) => n + textLength(c), 0)
  return 0
}

/** Inline content between plain-text offsets `from` (inclusive) and `to` (exclusive). */
export function sliceInline(nodes: PhrasingContent[], from: number, to: number): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let at = 0
  for (const node of nodes) {
    const length = textLength(node)
    const end = at + length
    if (length === 0) {
      if (at >= from && at <= to && node.type !== 'break') out.push(node)
    } else if (end > from && at < to) {
      if (node.type === 'text' || node.type === 'code') {
        const a = Math.max(0, from - at)
        const b = Math.min(length, to - at)
        out.push(a === 0 && b === length ? node : cutText(node, a, b))
      } else if (node.type === 'break') {
        out.push(node)
      } else if ('children' in node) {
        out.push({ ...node, children: sliceInline(node.children, from - at, to - at) } as PhrasingContent)
      }
    }
    at = end
  }
  return out
}

function cutText<T extends PhrasingContent & { value: string }>(node: T, a: number, b: number): T {
  const cut = { ...node, value: node.value.slice(a, b) }
  const pos = node.position
  // Columns shift exactly only when the source held the value verbatim on one line.
  if (pos && pos.start.line === pos.end.line && pos.end.column - pos.start.column === node.value.length) {
    cut.position = { start: shift(pos.start, a), end: shift(pos.start, b) }
  }
  return cut
}

function shift(point: Point, by: number): Point {
  const moved: Point = { line: point.line, column: point.column + by }
  if (point.offset !== undefined) moved.offset = point.offset + by
  return moved
}

// ------------------------------------------------------------------ language of parts

/** A language and a direction a source declares (HTML's `lang` and `dir`, `{lang=fr}`): either may be absent. */
export interface LanguageAttributes {
  /** BCP 47, canonical. */
  lang?: string
  dir?: 'ltr' | 'rtl'
}

/** The language and writing direction text is in at some point of a document, as a reader walks it. */
export interface LanguageContext {
  /** BCP 47, canonical when the source gave a valid tag. */
  lang: string
  dir: 'ltr' | 'rtl'
}

/**
 * A document's scope: its language (canonical when it is a BCP 47 tag) and its direction, the one
 * given or else its language's (a Hebrew book reads right to left without saying so).
 */
export function documentScope(language: string, dir?: 'ltr' | 'rtl'): LanguageContext {
  const lang = canonicalLanguage(language) ?? language
  return { lang, dir: dir ?? directionOf(lang) }
}

/** The scope inside a part of `outer` that declares `declared`: what it does not declare it inherits. */
export function scopeWithin(outer: LanguageContext, declared: LanguageAttributes): LanguageContext {
  if (declared.lang === undefined && declared.dir === undefined) return outer
  return { lang: declared.lang ?? outer.lang, dir: declared.dir ?? outer.dir }
}

/**
 * What text in `inner` must say where the text around it is in `outer`: its language when that is
 * another language or script (`differentLanguage`: not a region alone), its direction when that
 * differs. Undefined when neither does, so most of a document makes nothing.
 */
export function languageChange(
  inner: LanguageContext,
  outer: LanguageContext,
): LanguageAttributes | undefined {
  if (inner === outer) return undefined
  const lang = inner.lang !== outer.lang && differentLanguage(inner.lang, outer.lang) ? inner.lang : undefined
  const dir = inner.dir !== outer.dir ? inner.dir : undefined
  if (lang === undefined && dir === undefined) return undefined
  return { ...(lang !== undefined ? { lang } : {}), ...(dir !== undefined ? { dir } : {}) }
}

/** A letter of any script: what a stretch needs to be in a language at all (`1984`, `—` are in none). */
const LETTER = /\p{L}/u

/**
 * `content` in `inner` where the text around it is in `outer`: inside a span saying what changes
 * (`languageChange`); as it is when nothing does, or when it holds no letter (a space or a
 * number typed under another proofing language is in no language).
 */
export function inLanguage(
  content: PhrasingContent[],
  inner: LanguageContext,
  outer: LanguageContext,
  position?: Position,
): PhrasingContent[] {
  const change = languageChange(inner, outer)
  if (!change || content.length === 0 || !LETTER.test(toText(content))) return content
  const span: Span = { type: 'span', ...change, children: content }
  if (position) span.position = position
  return [span]
}

/**
 * Give a paragraph in `scope`, in a document in `base`, the language and direction it has apart
 * from the document's, when it holds a letter. A span holding the whole paragraph (within marks
 * holding nothing else) is lifted onto it first: `<p><span lang="fr">…</span></p>`, as Word's web
 * pages write a French paragraph, is a French paragraph, set and hyphenated as one.
 */
export function paragraphLanguage(paragraph: Paragraph, scope: LanguageContext, base: LanguageContext): void {
  const whole = wholeSpan(paragraph)
  if (whole) whole.parent.children = whole.span.children
  const change = languageChange(whole ? scopeWithin(scope, whole.span) : scope, base)
  if (change && LETTER.test(toText(paragraph.children))) Object.assign(paragraph, change)
}

/** The span holding all of a paragraph, within marks holding nothing else, and what holds it. */
function wholeSpan(
  paragraph: Paragraph,
): { span: Span; parent: { children: PhrasingContent[] } } | undefined {
  let parent: { children: PhrasingContent[] } = paragraph
  for (;;) {
    const only = parent.children.length === 1 ? parent.children[0]! : undefined
    if (!only || !('children' in only) || only.type === 'link') return undefined
    if (only.type === 'span') return { span: only, parent }
    parent = only
  }
}
