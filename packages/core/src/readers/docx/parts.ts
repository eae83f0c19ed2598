/**
 * The parts of a Word file around its text: relationships (what `r:id` points at), styles
 * (what "Heading 1", "Title" or a character style mean, through their `basedOn` chains),
 * numbering (whether a list is numbered or bulleted), comments, and the document properties
 * (docProps/core.xml) that become the book's metadata.
 */
import type { Metadata, Person } from '../../model/types.js'
import { isAccountName, isPlaceholderAuthor } from '../shared/placeholders.js'
import type { RunLanguage } from '../shared/run-language.js'
import type { ReadResult } from '../types.js'
import { child, children, onOff, textOf, type XmlElement } from './xml.js'

/** One relationship: its target and whether it leaves the package (a web link, a linked image). */
export interface Relationship {
  target: string
  external: boolean
}

/** `r:id` → relationship, from a `_rels/*.rels` part. */
export function readRelationships(root: XmlElement | undefined): Map<string, Relationship> {
  const out = new Map<string, Relationship>()
  for (const rel of children(child(root, 'pr:Relationships'), 'pr:Relationship')) {
    const id = rel.attrs.Id
    const target = rel.attrs.Target
    if (id === undefined || target === undefined) continue
    out.set(id, { target, external: rel.attrs.TargetMode === 'External' })
  }
  return out
}

/**
 * Run formatting Octavo keeps, and the run's language and direction; undefined means "not said
 * here" (inherit).
 */
export interface RunProps extends RunLanguage {
  bold?: boolean
  italic?: boolean
  underline?: boolean
  strike?: boolean
  smallCaps?: boolean
  /** All caps (`w:caps`, `fo:text-transform: uppercase`): the text shows in capitals. */
  caps?: boolean
  vertAlign?: 'superscript' | 'subscript' | 'baseline'
  hidden?: boolean
  /** Font size in half-points. */
  size?: number
  /** The font's name, where a reader needs it (the OpenDocument reader's, for symbol fonts). */
  font?: string
}

/** Read a `w:rPr`. */
export function runProps(rPr: XmlElement | undefined): RunProps {
  const out: RunProps = {}
  if (!rPr) return out
  const set = <K extends keyof RunProps>(key: K, value: RunProps[K] | undefined) => {
    if (value !== undefined) out[key] = value
  }
  set('bold', onOff(child(rPr, 'w:b')))
  set('italic', onOff(child(rPr, 'w:i')))
  const u = child(rPr, 'w:u')
  if (u) set('underline', (u.attrs['w:val'] ?? 'single') !== 'none')
  const strike = onOff(child(rPr, 'w:strike'))
  const dstrike = onOff(child(rPr, 'w:dstrike'))
  if (strike !== undefined || dstrike !== undefined) set('strike', strike === true || dstrike === true)
  set('smallCaps', onOff(child(rPr, 'w:smallCaps')))
  set('caps', onOff(child(rPr, 'w:caps')))
  set('hidden', onOff(child(rPr, 'w:vanish')))
  const va = child(rPr, 'w:vertAlign')?.attrs['w:val']
  if (va === 'superscript' || va === 'subscript' || va === 'baseline') set('vertAlign', va)
  const sz = Number(child(rPr, 'w:sz')?.attrs['w:val'])
  if (Number.isFinite(sz) && sz > 0) set('size', sz)
  const lang = child(rPr, 'w:lang')
  set('lang', lang?.attrs['w:val'])
  set('langEastAsian', lang?.attrs['w:eastAsia'])
  set('langComplex', lang?.attrs['w:bidi'])
  set('rtl', onOff(child(rPr, 'w:rtl')))
  set('complexScript', onOff(child(rPr, 'w:cs')))
  set('noProof', onOff(child(rPr, 'w:noProof')))
  return out
}

/** Later props win where they say something. */
export function mergeProps<T extends object = RunProps>(...layers: T[]): T {
  const out = {} as T
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (out as Record<string, unknown>)[key] = value
    }
  }
  return out
}

/** Paragraph properties Octavo reads from a style or a paragraph. */
export interface ParaProps {
  /** 0-based outline level (0 = Heading 1). */
  outline?: number
  align?: string
  pageBreakBefore?: boolean
  /** `w:numPr`: the paragraph is a list item. */
  numId?: string
  /** `w:bidi`: a right-to-left paragraph. */
  bidi?: boolean
  /** `w:ind`: the left indent and the first line's further one (negative when hanging), twips. */
  left?: number
  first?: number
}

export function paraProps(pPr: XmlElement | undefined): ParaProps {
  const out: ParaProps = {}
  if (!pPr) return out
  const outline = Number(child(pPr, 'w:outlineLvl')?.attrs['w:val'])
  if (Number.isInteger(outline) && outline >= 0 && outline < 9) out.outline = outline
  const jc = child(pPr, 'w:jc')?.attrs['w:val']
  if (jc) out.align = jc
  const pb = onOff(child(pPr, 'w:pageBreakBefore'))
  if (pb !== undefined) out.pageBreakBefore = pb
  const numId = child(child(pPr, 'w:numPr'), 'w:numId')?.attrs['w:val']
  if (numId !== undefined) out.numId = numId
  const bidi = onOff(child(pPr, 'w:bidi'))
  if (bidi !== undefined) out.bidi = bidi
  const ind = child(pPr, 'w:ind')
  if (ind) {
    const twips = (name: string) => {
      const value = Number(ind.attrs[name])
      return ind.attrs[name] !== undefined && Number.isFinite(value) ? value : undefined
    }
    const left = twips('w:start') ?? twips('w:left')
    if (left !== undefined) out.left = left
    const hanging = twips('w:hanging')
    const first = hanging !== undefined ? -hanging : twips('w:firstLine')
    if (first !== undefined) out.first = first
  }
  return out
}

/** A style, resolved through its `basedOn` chain. */
export interface Style {
  /** Lower-cased name ("heading 1", "title", "normal", "toc 1"). */
  name: string
  /** Names of the style and its ancestors, lower-cased. */
  lineage: string[]
  para: ParaProps
  run: RunProps
}

export interface Styles {
  paragraph(id: string | undefined): Style
  character(id: string | undefined): Style | undefined
  /** Document-wide run defaults (`w:docDefaults`). */
  defaults: RunProps
  /** The default language of the text (`w:docDefaults`' `w:lang`), a BCP 47 tag. */
  language?: string
}

const EMPTY: Style = { name: '', lineage: [], para: {}, run: {} }

export function readStyles(root: XmlElement | undefined): Styles {
  const doc = child(root, 'w:styles')
  const defaultRun = child(child(child(doc, 'w:docDefaults'), 'w:rPrDefault'), 'w:rPr')
  const defaults = runProps(defaultRun)
  const language = languageTag(child(defaultRun, 'w:lang')?.attrs['w:val'])
  const raw = new Map<string, { type: string; el: XmlElement }>()
  let defaultPara: string | undefined
  for (const style of children(doc, 'w:style')) {
    const id = style.attrs['w:styleId']
    if (id === undefined) continue
    const type = style.attrs['w:type'] ?? 'paragraph'
    raw.set(`${type}:${id}`, { type, el: style })
    const isDefault = ['1', 'true', 'on'].includes((style.attrs['w:default'] ?? '').toLowerCase())
    if (type === 'paragraph' && isDefault) defaultPara = id
  }
  const resolved = new Map<string, Style>()
  const resolve = (key: string, depth: number): Style => {
    const done = resolved.get(key)
    if (done) return done
    const entry = raw.get(key)
    if (!entry || depth > 20) return EMPTY
    const basedOn = child(entry.el, 'w:basedOn')?.attrs['w:val']
    // A cycle or a missing parent ends the chain.
    const parent =
      basedOn && basedOn !== key.split(':')[1] ? resolve(`${entry.type}:${basedOn}`, depth + 1) : EMPTY
    const name = (child(entry.el, 'w:name')?.attrs['w:val'] ?? key.slice(key.indexOf(':') + 1)).toLowerCase()
    const style: Style = {
      name,
      lineage: [name, ...parent.lineage],
      para: { ...parent.para, ...definedOnly(paraProps(child(entry.el, 'w:pPr'))) },
      run: mergeProps(parent.run, runProps(child(entry.el, 'w:rPr'))),
    }
    resolved.set(key, style)
    return style
  }
  return {
    defaults,
    ...(language ? { language } : {}),
    paragraph: (id) => {
      const key = id ?? defaultPara
      if (key === undefined) return EMPTY
      if (raw.has(`paragraph:${key}`)) return resolve(`paragraph:${key}`, 0)
      // A style used but never defined: its id is all there is ("Subtitle", "Heading2").
      const name = key.replace(/^(heading)\s*(\d)$/i, '$1 $2').toLowerCase()
      return { ...EMPTY, name, lineage: [name] }
    },
    character: (id) => (id === undefined ? undefined : resolve(`character:${id}`, 0)),
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** Whether each `numId` is a numbered (ordered) list, from numbering.xml's first level. */
export function readNumbering(root: XmlElement | undefined): Map<string, boolean> {
  const doc = child(root, 'w:numbering')
  const abstract = new Map<string, boolean>()
  for (const a of children(doc, 'w:abstractNum')) {
    const lvl = children(a, 'w:lvl').find((l) => (l.attrs['w:ilvl'] ?? '0') === '0')
    const fmt = child(lvl, 'w:numFmt')?.attrs['w:val'] ?? 'bullet'
    abstract.set(a.attrs['w:abstractNumId'] ?? '', fmt !== 'bullet' && fmt !== 'none')
  }
  const out = new Map<string, boolean>()
  for (const num of children(doc, 'w:num')) {
    const id = num.attrs['w:numId']
    const ref = child(num, 'w:abstractNumId')?.attrs['w:val']
    if (id !== undefined && ref !== undefined) out.set(id, abstract.get(ref) ?? false)
  }
  return out
}

/** Comment id → who wrote it and its text, for the diagnostic. */
export function readComments(root: XmlElement | undefined): Map<string, { author: string; text: string }> {
  const out = new Map<string, { author: string; text: string }>()
  for (const c of children(child(root, 'w:comments'), 'w:comment')) {
    const id = c.attrs['w:id']
    if (id === undefined) continue
    out.set(id, { author: c.attrs['w:author'] ?? '', text: textOf(c).replace(/\s+/g, ' ').trim() })
  }
  return out
}

/** The book metadata docProps/core.xml states (title, authors, subjects, description). */
export function readCoreProperties(root: XmlElement | undefined): Partial<Metadata> {
  const props = child(root, 'cp:coreProperties')
  if (!props) return {}
  const text = (name: string) => propertyText(props, name)
  return documentProperties({
    title: text('dc:title'),
    creator: text('dc:creator'),
    subjects: [text('dc:subject'), ...(text('cp:keywords') ?? '').split(/\s*[,;]\s*/)],
    description: text('dc:description'),
  })
}

/**
 * A language as a book's metadata takes it (`de-DE`, `pt_BR` → `pt-BR`); undefined for what
 * names no language (`x-none`, `und`, `zxx`) or is not a tag at all.
 */
export function languageTag(value: string | undefined): string | undefined {
  const tag = value?.trim().replace(/_/g, '-')
  if (!tag || !/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag) || /^(?:x|und|zxx|mul)(?:-|$)/i.test(tag))
    return undefined
  return tag
}

/** A document property's text (`dc:title` in `container`), spaces collapsed; undefined when empty. */
export function propertyText(container: XmlElement, name: string): string | undefined {
  const el = child(container, name)
  const value = el ? textOf(el).replace(/\s+/g, ' ').trim() : ''
  return value === '' ? undefined : value
}

/**
 * The book metadata an office document's properties state (Word's core.xml, OpenDocument's
 * meta.xml): the creator's names (split at `;`, an account name a program filled in left out),
 * the subjects once each.
 */
export function documentProperties(said: {
  title: string | undefined
  creator: string | undefined
  subjects: Array<string | undefined>
  description: string | undefined
}): Partial<Metadata> {
  const out: Partial<Metadata> = {}
  if (said.title) out.title = said.title
  const authors: Person[] = (said.creator ?? '')
    .split(/\s*;\s*/)
    .map((name) => name.trim())
    .filter((name) => !isPlaceholderAuthor(name) && !isAccountName(name))
    .map((name) => ({ name }))
  if (authors.length > 0) out.authors = authors
  const subjects = said.subjects
    .filter((s): s is string => s !== undefined && s.trim() !== '')
    .filter((s, i, all) => all.indexOf(s) === i)
  if (subjects.length > 0) out.subjects = subjects
  if (said.description) out.description = said.description
  return out
}

/**
 * Resolve a relationship target against the folder of the part that names it (`word/` for
 * `media/image1.png`); undefined when it leaves the archive (`../../x`) or is absolute.
 */
export function resolvePart(base: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1)
  for (const segment of target.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (parts.length === 0) return undefined
      parts.pop()
    } else parts.push(segment)
  }
  return parts.join('/')
}

/**
 * Give a reader's result the classic summary fields (RTF's `\info`, Word 97–2003's
 * SummaryInformation) as the book's metadata, under what the text itself said (its Title style).
 */
export function adoptSummary(
  result: ReadResult,
  summary: { title?: string; author?: string; subject?: string; keywords?: string; comments?: string },
): void {
  const metadata: Partial<Metadata> = {
    ...documentProperties({
      title: summary.title,
      creator: summary.author,
      subjects: [summary.subject, ...(summary.keywords ?? '').split(/\s*[,;]\s*/)],
      description: summary.comments,
    }),
    ...result.metadata,
  }
  if (Object.keys(metadata).length > 0) result.metadata = metadata
}
