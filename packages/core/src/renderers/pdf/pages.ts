/**
 * The page composer: fills pages from the top with boxes (lines, figures, rules) and the foot with
 * footnotes, and applies the page rules of book work: no widow or orphan lines, headings kept
 * with what follows, no hyphen ending a page when the paragraph can be re-broken without one, a
 * footnote on the page of its reference (the referencing line moves on otherwise; a long note
 * continues on the next page), pages full (a page a rule would end a line short or run a line
 * long is filled by breaking a paragraph above its foot a line looser or tighter; see
 * `Composer.reflow`), facing pages balanced: the two pages of a spread end on the
 * same line (a finished verso is held back while its recto is composed; see `Composer.endPage`),
 * and a chapter's last page holding at least four lines (`Composer.endChapter`).
 * In the body, text lines keep to a grid: a line of the body's leading starts a whole number of
 * lines below the top of the text block, moved down to the next line of the grid when the space
 * above it (a heading's, a figure's, half a line around a verse) would leave it between two
 * (`Composer.gridTop`), as a book set on a baseline grid is. Every page of text then ends on a
 * line of the grid, so facing pages end level and the remedies above count in whole lines; a
 * display line (a heading, an ornament) is set where its spaces put it, and a heading's spaces
 * round its block to whole lines (`blocks.ts`).
 * It knows nothing of pdfkit: finished pages go to a sink, which draws them (`draw.ts`) or, in the
 * measuring pass, only counts them.
 */

import { pushAll } from '../../model/arrays.js'
import type { Line } from './layout/types.js'
import type { Settings } from './options.js'

/** A tagged-PDF structure element the composer asks for; `draw.ts` makes it when first drawn. */
export interface StructHandle {
  type: string
  parent?: StructHandle
  alt?: string
  title?: string
  /** `/Lang`: the element's language, when it is not the book's. */
  lang?: string
  /**
   * Standard structure attributes (`/A`), values written as PDF names (strings) or numbers: a
   * table cell's `{ O: 'Table', Scope: 'Column', RowSpan: 2 }`.
   */
  attributes?: Record<string, string | number>
  /** Set by the writer. */
  element?: unknown
}

export interface LineBox {
  kind: 'line'
  line: Line
  height: number
  /** Baseline distance from the top of the box. */
  ascent: number
  /** Left edge of the line's measure, from the text block's left edge. */
  x: number
  /** Width of the measure (for right-aligned additions such as contents page numbers). */
  measure: number
  y?: number
  struct?: StructHandle
  /** Footnote anchors referenced on this line. */
  refs?: string[]
  /** Set by a justified paragraph (for the word-space figures). */
  justified?: boolean
  /**
   * The drop cap drawn beside the first lines: its letter at `size`, `x` from the text block's
   * left edge, `baseline` below the line's top; opening punctuation at text size beside it on the
   * first line; `actual`, the paragraph's first word whole (`/ActualText` over cap and word).
   */
  dropCap?: {
    text: string
    size: number
    x: number
    baseline: number
    actual?: string
    quote?: { text: string; size: number; x: number; baseline: number }
  }
  marker?: { text: string; size: number; x: number }
  /** A named destination at this line (a footnote's target). */
  dest?: string
  /** A bookmark to add on the page this line lands on (a heading listed down to `toc-depth`). */
  outline?: OutlineEntry
  /** Make the whole line a link to this named destination (contents entries). */
  goTo?: string
  /**
   * Print the page label of a destination, right-aligned to `right` (from the text block's left
   * edge): contents entries. Filled in when the book is done, so no measuring pass is needed.
   */
  pageOf?: { dest: string; right: number; size: number }
  /** Structure elements that end with this line. */
  ends?: StructHandle[]
  /**
   * A display line (a heading, an ornament, a caption: a run placed `keepAll`): set where its
   * spaces put it, off the grid the text lines keep (`Composer.gridTop`).
   */
  display?: true
}

export interface ImageBox {
  kind: 'image'
  x: number
  width: number
  height: number
  y?: number
  bytes: Uint8Array
  struct?: StructHandle
  ends?: StructHandle[]
}

export interface RuleBox {
  kind: 'rule'
  x: number
  width: number
  height: number
  y?: number
  ends?: StructHandle[]
}

/**
 * A band of table rows (`table.ts`): the cells' lines and ruled frames set side by side, placed
 * as one box that is never split (the table splits a band taller than a page itself).
 */
export interface GridBox {
  kind: 'grid'
  height: number
  y?: number
  /** The cells' lines: `x` from the text block's left edge, `y` from the band's top. */
  lines: LineBox[]
  /** Cell frames, stroked: `x` from the text block's left edge, `y` from the band's top. */
  frames: Array<{ x: number; y: number; width: number; height: number }>
  /** A heavier rule under the band at this depth (below the head rows). */
  headRule?: number
  /** Head rows repeated on a later page: drawn as a pagination artifact, outside the tag tree. */
  artifact?: boolean
  /** Footnote anchors referenced in the band. */
  refs?: string[]
  ends?: StructHandle[]
}

export type Box = LineBox | ImageBox | RuleBox | GridBox

export interface OutlineEntry {
  title: string
  /** The entry it nests under (a part's), by key. */
  parent?: string
  key: string
}

export interface Page {
  index: number
  /** Page label as printed and written to /PageLabels: `vii`, `12`. */
  label: string
  folio: boolean
  head?: string
  boxes: Box[]
  notes: LineBox[]
  noteHeight: number
  /**
   * Points the page's foot sits below the text block's: one line when the page runs long (to take
   * a widow back, or beside a verso that does), minus some lines when it is set short to match
   * the other page of its spread. The foot's notes move with it.
   */
  extra: number
  ends: StructHandle[]
  outline: OutlineEntry[]
  dests: Array<{ name: string; y: number }>
}

export interface PageStats {
  pages: number
  /**
   * Pages that end earlier than they could to keep page rules (widows, orphans, headings), or a
   * verso that gave its last line to a recto kept by them (a recto set short to match is not one).
   */
  shortPages: number
  /**
   * Pages that a rule would have ended a line short or run a line long (or, a recto, off the depth
   * of its verso), kept full instead by breaking a paragraph above their foot a line looser or
   * tighter (`Composer.reflow`).
   */
  rebalancedPages: number
  /** Pages whose last line ends with a hyphen the re-break could not avoid. */
  hyphenAtPageEnd: number
  /** Paragraph splits where no rule-abiding split existed and a widow or orphan was let stand. */
  forcedSplits: number
  /**
   * Pages run one line long to keep a widow with its paragraph, or a verso that took the first
   * line of a recto kept by the rules (a recto run long to match is not one).
   */
  longPages: number
  /**
   * Spreads whose two pages end at different depths (a line or more apart): a verso and the recto
   * beside it, both text pages that the text runs on from (the last page of a chapter is shorter
   * by nature and not counted), where no remedy kept the recto at the verso's depth.
   */
  unbalancedSpreads: number
  /** Footnotes that continue on the next page. */
  splitNotes: number
  /** Paragraphs whose first line ends a page alone (let stand only when no split obeys the rules). */
  orphans: number
  /** Paragraphs whose last line starts a page alone. */
  widows: number
  /** Lines placed in the text block (footnotes included). */
  lines: number
  /** Of those, lines ending with an inserted hyphen. */
  hyphenated: number
  /** Of those, lines that break a word starting with a capital ("Eliza-beth"). */
  hyphenatedCapitals: number
  /**
   * Paragraphs whose last line holds a single word or the end of a hyphenated one (a runt), of
   * the justified paragraphs longer than a line.
   */
  runts: number
  /**
   * Pages, as printed, whose last line of text ends with a hyphen (the page-rule figures above
   * count the ones the rules let stand; this counts what the reader sees).
   */
  pageEndHyphens: number
  /**
   * Chapters whose last page holds fewer than `MIN_LAST_PAGE_LINES` lines (a chapter of one page
   * is not counted) after `endChapter` tried to pull them back or push more over.
   */
  shortLastPages: number
  /** Chapters whose short last page was mended by `endChapter`. */
  mendedLastPages: number
  /**
   * Word space of each justified line but a paragraph's last, as drawn, over the font's normal
   * space (`Line.spaceRatio`), in placing order (a paragraph broken again on its page comes
   * last): for the benchmark's figures.
   */
  spaceRatios: number[]
}

export interface PlaceOptions {
  /** Lines that must stay together at the top of the run (drop caps; 2 by default for orphans). */
  minHead?: number
  /**
   * A short block set line by line (an address, a stanza): moved whole to the next page rather
   * than split, unless that leaves a recto short of the verso beside it with no remedy (`refill`)
   * where splitting it as prose (`minHead`) ends the recto level: the spread comes first.
   */
  whole?: boolean
  /**
   * Keep all the lines on one page when they fit on an empty one. Such a run is a display (a
   * heading, an ornament, a caption): its lines are set where its spaces put them, off the grid.
   */
  keepAll?: boolean
  /**
   * The same paragraph broken again: without hyphenation (a page would end in a hyphen), or one
   * line shorter or longer (TeX's looseness) to pull back a widow or push one more line over;
   * also, once placed whole, a line shorter or longer to fill the page below it (`reflow`).
   * Undefined when no such layout keeps within the breaker's bounds, or, with `lineCount`, when
   * it does not have that many lines (then its lines are not built).
   */
  relayout?: (change: { hyphenate?: false; looseness?: -1 | 1 }, lineCount?: number) => LineBox[] | undefined
}

/** Space between the text and the footnote rule, and the rule's own line. */
const NOTE_GAP = 0.9

/**
 * Most lines a recto is set short to match a short verso. A verso ends a few lines short when a
 * heading and its first lines move on; a bigger hole (a figure that did not fit) is not copied
 * onto the facing page: that spread is counted unbalanced instead.
 */
const MAX_MATCH = 4

/** Most lines a verso may end short after giving its last line to the recto (`shortenVerso`). */
const MAX_SHORTEN = 2

/**
 * Fewest lines the last page of a chapter may hold (a chapter of one page is free): a page with
 * one to three lines alone looks like an accident. `endChapter` pulls them back onto the page
 * before or pushes lines over to them.
 */
export const MIN_LAST_PAGE_LINES = 4

/**
 * Pages kept from the sink after they are given up, so the end of a chapter can still change
 * them: the page before the last (its paragraphs re-broken) and the spread before that (re-cut
 * a line long or short, both pages alike; `Composer.recut`).
 */
const LAG_PAGES = 2

/** A capitalised word broken at the line's end. */
const CAPITAL_BREAK = /(?:^|[^\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*-$/u
/** The lines of one `placeLines` call (a paragraph, a verse, a heading) and how they may split. */
interface Run {
  lines: LineBox[]
  minHead: number
  keepAll: boolean
}

/**
 * Boxes other than plain lines between two plain lines of a page `recut` moves whole (a scene
 * break's ornament and its space, a verse): they move as one, a whole number of lines deep.
 */
interface Group {
  kind: 'group'
  boxes: Box[]
  /** Each box's top below the foot of the line above the group. */
  offsets: number[]
  /** From the foot of the line above to the top of the line below, in lines. */
  units: number
}

/** What `recut` cuts into pages: plain lines, and groups between them. */
type Item = LineBox | Group

const unitsOf = (item: Item): number => (item.kind === 'group' ? item.units : 1)

/** A paragraph placed whole on the page being filled, which `reflow` may break again. */
interface Placed {
  run: Run
  /** Index of its first line in `page.boxes`. */
  from: number
  relayout: PlaceOptions['relayout']
  /** Its layout now: as first broken (0), a line looser (1) or tighter (-1). */
  looseness: -1 | 0 | 1
  /** Its layouts by looseness, once asked (0: as first broken): the page may try them again. */
  layouts: Map<-1 | 0 | 1, LineBox[] | undefined>
}

/**
 * A placed paragraph's lines one more or one fewer (`step`): its re-break at the looseness that
 * many lines, asked once and kept (`layouts`), told the count it must have (`relayout`'s
 * `lineCount`); undefined when it cannot be broken again so or breaks into another count.
 */
function stepped(entry: Placed, step: -1 | 1): LineBox[] | undefined {
  const looseness = entry.looseness + step
  if (!entry.relayout || (looseness !== -1 && looseness !== 0 && looseness !== 1)) return undefined
  const wanted = entry.run.lines.length + step
  if (looseness !== 0 && !entry.layouts.has(looseness))
    entry.layouts.set(looseness, entry.relayout({ looseness }, wanted))
  const again = entry.layouts.get(looseness)
  return again?.length === wanted ? again : undefined
}

/** What a line prints, to tell lines a re-break left alone from those it changed. */
function printed(box: LineBox): string {
  const line = box.line
  return `${line.runs.map((run) => run.text).join('')}${line.hyphenated ? '-' : ''}${line.last ? '|' : ''}`
}

/**
 * How many lines of a paragraph's new layout differ from the old: a re-break leaves the lines
 * before its first changed break as they were, and often those after it meets the old breaks again.
 */
function changedLines(old: LineBox[], again: LineBox[]): number {
  const n = Math.min(old.length, again.length)
  let head = 0
  while (head < n && printed(old[head]!) === printed(again[head]!)) head++
  let tail = 0
  while (tail < n - head && printed(old[old.length - 1 - tail]!) === printed(again[again.length - 1 - tail]!))
    tail++
  return again.length - head - tail
}

/** A justified line with word spaces, not a paragraph's last: its word space counts in the figures. */
function spaced(box: LineBox): boolean {
  return box.justified === true && !box.line.last && box.line.runs.some((run) => run.text.includes(' '))
}

/** A line that breaks a word starting with a capital ("Eliza-beth"). */
function capitalBreak(box: LineBox): boolean {
  const runs = box.line.runs
  return CAPITAL_BREAK.test(runs[runs.length - 1]?.text ?? '')
}

/**
 * The last line of a justified paragraph of more than one line, holding one word or the end of
 * a hyphenated one. A paragraph's other lines start at the measure's edge or after its indent;
 * only a first line starts further in, so a last line at the edge is not its first.
 */
function runt(box: LineBox): boolean {
  const line = box.line
  if (!box.justified || !line.last || line.runs.length === 0 || line.runs[0]!.x > 0.01) return false
  return !/\S\s+\S/.test(
    line.runs
      .map((run) => run.text)
      .join('')
      .trim(),
  )
}

/**
 * A line that may cross the fold: no footnote reference (its note would have to move with it),
 * no structure element or destination ending there.
 */
function movable(box: LineBox): boolean {
  return !box.refs?.length && !box.ends?.length && !box.dest
}

/**
 * The page rules at a page end, one predicate for every place that cuts pages: as the text is
 * placed (`Composer.placeLines`, `Composer.plan`) and when a chapter's end is mended
 * (`Composer.pushLines`, `Composer.recut`). A paragraph split with `head` of its lines before
 * the cut and `tail` after keeps at least `minHead` at the foot (no orphan; more beside a drop
 * cap) and two at the next page's top (no widow); a cut between paragraphs (`head` or `tail` 0)
 * always keeps. A hyphen at the cut is the callers' to weigh: the placing pass tries remedies
 * before it lets one stand, the mending passes never make one.
 */
function splitKeeps(head: number, tail: number, minHead = 2): boolean {
  return head === 0 || tail === 0 || (head >= minHead && tail >= 2)
}

/** The most lines, up to `fit` of a paragraph's `rest`, a page may end with (`splitKeeps`). */
function keptTake(fit: number, rest: number, minHead: number): number {
  let take = Math.min(fit, rest)
  while (take > 0 && !splitKeeps(take, rest - take, minHead)) take--
  return take
}

/** Take the last occurrence of a value out of an array. */
function remove<T>(array: T[], value: T): void {
  const at = array.lastIndexOf(value)
  if (at >= 0) array.splice(at, 1)
}

export function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ]
  let out = ''
  for (const [value, letters] of table) {
    while (n >= value) {
      out += letters
      n -= value
    }
  }
  return out
}

export class Composer {
  readonly textHeight: number
  readonly textWidth: number
  readonly stats: PageStats = {
    pages: 0,
    shortPages: 0,
    longPages: 0,
    rebalancedPages: 0,
    unbalancedSpreads: 0,
    hyphenAtPageEnd: 0,
    forcedSplits: 0,
    splitNotes: 0,
    orphans: 0,
    widows: 0,
    lines: 0,
    hyphenated: 0,
    hyphenatedCapitals: 0,
    runts: 0,
    pageEndHyphens: 0,
    shortLastPages: 0,
    mendedLastPages: 0,
    spaceRatios: [],
  }
  /** Page label of each named destination (chapters, parts), for the contents. */
  readonly labels = new Map<string, string>()
  /** Index of the first body page (arabic 1); undefined while in the front matter. */
  bodyStart: number | undefined
  /** Running heads for continuation pages: book title on versos, chapter title on rectos. */
  heads: { verso?: string; recto?: string } = {}
  /** Whether continuation pages get running heads and folios. */
  flow = { head: true, folio: true }
  /** Lays out a footnote's lines when its reference is first placed. */
  footnote: (anchor: string) => LineBox[] = () => []

  private page: Page | undefined
  private count = 0
  private y = 0
  private carry: LineBox[] = []
  private placedNotes = new Set<string>()
  private readonly noteGap: number
  private pendingEnds: StructHandle[] = []
  /**
   * A finished verso the text runs on from, not yet handed to the sink: its recto is being
   * composed to end at the same depth, and a line may still cross the fold (`rebalance`).
   */
  private held: Page | undefined
  /** The current page was started on purpose (a chapter opening, a display page): not balanced. */
  private opening = false
  /** A remedy already moved this recto's foot (a line crosses the fold once per spread). */
  private rebalanced = false
  /** The paragraph that runs across the fold into the page being filled, if one does. */
  private crossing: Run | undefined
  /** The paragraphs placed whole on the current page, in order. */
  private placed: Placed[] = []
  /** A paragraph on the current page was broken again to fill it (counted once a page). */
  private reflowed = false
  /**
   * The last pages given up, not yet handed to the sink (`LAG_PAGES` at most): pages reach it
   * late, so the end of a chapter can still re-break the page before its last or re-cut the
   * spread before that (`endChapter`). Memory stays flat.
   */
  private lagged: Page[] = []
  /** The page the text ran on from into the current one, and its paragraphs placed whole. */
  private prev: { page: Page; placed: Placed[] } | undefined
  /**
   * The last pages the text ran on through into the current one, oldest first (at most
   * `LAG_PAGES + 1`): those still held or lagged may be re-cut when a chapter ends (`recut`).
   */
  private chain: Array<{ page: Page; placed: Placed[] }> = []

  constructor(
    readonly settings: Settings,
    private readonly sink: ((page: Page) => void) | undefined,
  ) {
    this.textHeight = settings.height - settings.top - settings.bottom
    this.textWidth = settings.width - settings.inside - settings.outside
    this.noteGap = settings.leading * NOTE_GAP
  }

  /** Height available on this page: the text block, a line more or some lines less (`Page.extra`). */
  private get limit(): number {
    return this.textHeight + (this.page?.extra ?? 0)
  }

  /** Physical index of the page being filled, or of the next one. */
  get index(): number {
    return this.page ? this.page.index : this.count
  }

  get empty(): boolean {
    return !this.page || (this.y === 0 && this.page.boxes.length === 0)
  }

  /** Space left for body text on the current page. */
  get remaining(): number {
    if (!this.page) return this.textHeight
    return this.limit - this.y - this.page.noteHeight
  }

  labelOf(index: number): string {
    if (this.bodyStart === undefined || index < this.bodyStart) return roman(index + 1)
    return String(index - this.bodyStart + 1)
  }

  /** Start a page; `folio`/`head` say whether it shows them (openings and display pages do not). */
  startPage(options: { folio: boolean; head: boolean }): Page {
    this.finishPage()
    const page = this.openPage(options)
    this.opening = true
    return page
  }

  private openPage(options: { folio: boolean; head: boolean }): Page {
    const index = this.count++
    const recto = index % 2 === 0
    const head =
      options.head && this.settings.runningHeads ? (recto ? this.heads.recto : this.heads.verso) : undefined
    const page: Page = {
      index,
      label: this.labelOf(index),
      folio: options.folio,
      // Present on every page (one shape for the composer's reads), undefined without a head.
      head: head || undefined,
      boxes: [],
      notes: [],
      noteHeight: 0,
      extra: 0,
      ends: [],
      outline: [],
      dests: [],
    }
    // The recto of a held verso: its foot at the verso's depth.
    if (this.held) page.extra = this.match(this.held)
    this.rebalanced = false
    this.reflowed = false
    this.opening = false
    pushAll(page.ends, this.pendingEnds)
    this.pendingEnds = []
    this.page = page
    this.y = 0
    this.placeCarry()
    return page
  }

  /**
   * Hand the current page to the sink: the text does not run on to the next page (a chapter or
   * display page ends), so a verso held for balancing goes too, unbalanced by nature.
   */
  finishPage(): void {
    this.endPage(false)
  }

  /**
   * End the current page; `runsOn` when the text continues on the next page. A verso the text
   * runs on from is held until its recto is done (one page at most: memory stays flat), so the
   * recto can be set to its depth (`match`) or take its last line (`shortenVerso`); pages still
   * reach the sink once each and in order.
   */
  private endPage(runsOn: boolean): void {
    const page = this.page
    const held = this.held
    this.prev = page && runsOn ? { page, placed: this.placed } : undefined
    if (page && runsOn) {
      this.chain.push({ page, placed: this.placed })
      if (this.chain.length > LAG_PAGES + 1) this.chain.shift()
    } else this.chain = []
    this.page = undefined
    this.held = undefined
    this.placed = []
    this.crossing = undefined
    if (page) this.stats.pages++
    if (held) {
      if (page && runsOn && !this.balance(held, page)) this.stats.unbalancedSpreads++
      this.emit(held)
    }
    if (!page) return
    if (!held && runsOn && !this.opening && page.index % 2 === 1 && this.bodyStart !== undefined)
      this.held = page
    else this.emit(page)
  }

  /** A page is done: the one before it goes to the sink (see `lag`). */
  private emit(page: Page): void {
    this.lagged.push(page)
    if (this.lagged.length > LAG_PAGES) this.deliver(this.lagged.shift()!)
  }

  /** Hand a page to the sink, counting what the reader will see of it. */
  private deliver(page: Page): void {
    const last = page.boxes[page.boxes.length - 1]
    if (last?.kind === 'line' && last.line.hyphenated) this.stats.pageEndHyphens++
    this.sink?.(page)
  }

  /**
   * Whether the two pages of a spread end on the same line: within a line of each other, the
   * slack of a page that ends when the next line does not fit. A page with footnotes ends at its
   * foot, where the notes sit.
   */
  private balance(verso: Page, recto: Page): boolean {
    return Math.abs(this.depth(verso) - this.depth(recto)) < this.settings.leading - 0.01
  }

  /** Where the page's last line ends, from the top of the text block. */
  private depth(page: Page): number {
    if (page.notes.length > 0) return this.textHeight + page.extra
    const last = page.boxes[page.boxes.length - 1]
    return last ? last.y! + last.height : 0
  }

  /**
   * The recto's `extra` beside this verso: one line long beside a long verso, k lines short
   * beside a verso that ends k whole lines short (up to MAX_MATCH), else the full page.
   */
  private match(verso: Page): number {
    const depth = this.depth(verso)
    if (depth > this.textHeight + 0.01) return verso.extra
    const short = Math.floor((this.textHeight - depth) / this.settings.leading + 0.01)
    return short >= 1 && short <= MAX_MATCH ? -short * this.settings.leading : 0
  }

  /** Make sure the next page started is a recto, adding a blank verso when needed. */
  toRecto(): void {
    this.finishPage()
    if (this.count % 2 === 1) {
      this.startPage({ folio: false, head: false })
      this.finishPage()
    }
  }

  /** Start the arabic-numbered body on the next recto. */
  startBody(): void {
    this.flushNotes()
    this.toRecto()
    this.bodyStart = this.count
  }

  private ensurePage(): Page {
    if (this.page) return this.page
    this.finishPage()
    return this.openPage(this.flow)
  }

  /** Vertical space; dropped at the top of a page, and it ends the page when it does not fit. */
  space(height: number, options: { force?: boolean } = {}): void {
    const page = this.ensurePage()
    if (this.y === 0 && page.boxes.length === 0 && !options.force) return
    if (height > this.remaining + 0.01) {
      this.newPage()
      return
    }
    this.y += height
  }

  /**
   * End the page here unless `height` more fits, and then `lines` text lines on the grid
   * (keep-with-next: a heading and the two lines after it, a salutation and the letter's first
   * lines). A page that would end a line or more short for it is first mended as a page a rule
   * ends short is (`refill`): a paragraph above set a line tighter so the block fits after all,
   * or a line looser so the page ends full; on a recto, a line across the fold.
   */
  need(height: number, lines = 0): void {
    if (this.empty || this.fitsAfter(height, lines)) return
    if (!this.full()) {
      if (!this.remedy(() => this.fitsAfter(height, lines) || this.full())) this.stats.shortPages++
      else if (this.fitsAfter(height, lines)) return
    }
    this.newPage()
  }

  /** Whether `height` more, then `lines` text lines on the grid, fit on the current page. */
  private fitsAfter(height: number, lines: number): boolean {
    const end = this.y + height
    const top = lines > 0 && this.bodyStart !== undefined ? this.gridUp(end) : end
    return top + lines * this.settings.leading + this.page!.noteHeight <= this.limit + 0.01
  }

  /** Whether no text line fits below what the current page holds: it ends at its foot. */
  private full(): boolean {
    const page = this.page!
    const last = page.boxes[page.boxes.length - 1]
    const end = last ? last.y! + last.height : 0
    const top = this.bodyStart !== undefined ? this.gridUp(end) : end
    return top + this.settings.leading + page.noteHeight > this.limit + 0.01
  }

  /** The text runs on to a new page. */
  private newPage(): void {
    this.endPage(true)
    this.openPage(this.flow)
  }

  dest(name: string): void {
    const page = this.ensurePage()
    page.dests.push({ name, y: this.y })
    this.labels.set(name, page.label)
  }

  outline(entry: OutlineEntry): void {
    this.ensurePage().outline.push(entry)
  }

  /** End a structure element once what is drawn so far is drawn (on the next page if none is open). */
  endStruct(handle: StructHandle): void {
    if (this.page) this.page.ends.push(handle)
    else this.pendingEnds.push(handle)
  }

  /**
   * Place a band of table rows whole, with the footnotes its cells refer to (a band that does
   * not fit starts a new page; the table has cut any band taller than a page).
   */
  placeGrid(box: GridBox): void {
    this.ensurePage()
    if (box.height > this.remaining + 0.01 && !this.empty) {
      this.stats.shortPages++
      this.newPage()
    }
    this.placeLine(box)
  }

  /** Place a figure, rule or other unbreakable box, moving to a new page when it does not fit. */
  placeBox(box: ImageBox | RuleBox): void {
    this.ensurePage()
    if (box.height > this.remaining + 0.01 && !this.empty) {
      this.stats.shortPages++
      this.newPage()
    }
    this.put(box)
  }

  /** Place a paragraph's lines, splitting across pages by the rules above. */
  placeLines(input: LineBox[], options: PlaceOptions = {}): void {
    let lines = input
    let i = 0
    const keepAll = options.keepAll === true
    if (keepAll) for (const box of input) box.display = true
    // A block kept whole keeps all its lines at its head until it is let split (`whole`).
    let head = Math.max(2, options.minHead ?? 2)
    if (options.whole) head = Math.max(head, lines.length)
    const run: Run = { lines, minHead: head, keepAll }
    const tried = new Set<string>()
    // The layout `lines` is (`Placed.looseness`); undefined once broken without hyphenation,
    // which `reflow` does not ask for.
    let looseness: -1 | 0 | 1 | undefined = 0
    // Ask for another layout of the whole paragraph (only before any of it is placed).
    const retry = (
      change: { hyphenate?: false; looseness?: -1 | 1; withinTolerance?: true },
      accept: (again: LineBox[]) => boolean,
    ): boolean => {
      const key = JSON.stringify(change)
      if (i !== 0 || !options.relayout || tried.has(key)) return false
      tried.add(key)
      const again = options.relayout(change)
      if (!again || again.length === 0 || !accept(again)) return false
      lines = again
      run.lines = again
      looseness = change.hyphenate === false ? undefined : (change.looseness ?? 0)
      return true
    }
    while (i < lines.length) {
      this.ensurePage()
      const rest = lines.length - i
      const fit = this.countFit(lines, i)
      if (fit >= rest) {
        if (i === 0 && !keepAll)
          this.placed.push({
            run,
            from: this.page!.boxes.length,
            relayout: looseness === undefined ? undefined : options.relayout,
            looseness: looseness ?? 0,
            layouts: new Map([
              [0, input],
              [looseness ?? 0, lines],
            ]),
          })
        for (; i < lines.length; i++) this.placeLine(lines[i]!)
        break
      }
      const minHead = i === 0 ? Math.min(rest, run.minHead) : 1
      if (!options.keepAll && rest - fit === 1 && fit >= minHead) {
        // A widow: one line shorter keeps the paragraph on this page; one longer carries two lines over.
        if (retry({ looseness: -1 }, (again) => again.length < lines.length)) continue
        if (retry({ looseness: 1 }, (again) => again.length > lines.length)) continue
        // Else break a paragraph above a line looser or tighter; on a recto, else end both pages
        // of the spread a line short or long, when the verso beside it can give a line or take one.
        if (this.refill(lines, i, minHead, keepAll)) continue
        // Else run the page one line long, into the foot margin (the folio is in the head).
        const page = this.page!
        const line = lines[lines.length - 1]!
        if (
          this.settings.runningHeads &&
          page.extra === 0 &&
          line.height <= this.settings.bottom * 0.6 &&
          // No footnote reference (a line has none or a list of them, never an empty one; its
          // length, read only here, was first read after this was compiled).
          !line.refs
        ) {
          page.extra = line.height
          if (this.countFit(lines, i) >= rest) {
            this.stats.longPages++
            continue
          }
          page.extra = 0
        }
      }
      let take = options.keepAll && i === 0 ? 0 : keptTake(fit, rest, minHead)
      let hyphenEnd = false
      if (take > 0 && lines[i + take - 1]!.line.hyphenated) {
        const at = take
        const whole = (again: LineBox[]) => again.length - at >= 2 && !again[at - 1]!.line.hyphenated
        // Unhyphenated, but not at any price: a layout past the tolerance is worse than the hyphen.
        if (retry({ hyphenate: false, withinTolerance: true }, whole)) continue
        if (retry({ hyphenate: false, looseness: 1, withinTolerance: true }, whole)) continue
        // Else end the page early at the nearest whole line (at most two hyphenated ends run
        // together, so it is one or two lines up) if that leaves no orphan, or else carry the
        // paragraph over whole: a short page is the lesser fault.
        let back = take - 1
        while (back > take - 3 && back >= minHead && lines[i + back - 1]!.line.hyphenated) back--
        if (back >= minHead && back > take - 3 && back > 0) take = back
        else if (i === 0 && !this.empty)
          take = 0 // the whole paragraph to the next page
        else hyphenEnd = true
      }
      // A rule (or a note that did not fit) ends this page short (a recto, above the verso beside it).
      if (!this.empty && this.endsShort(lines, i, take)) {
        if (this.refill(lines, i, minHead, keepAll)) continue
        // A block kept whole that leaves a recto short of its verso splits as prose, if that ends it level.
        const prose = Math.max(2, options.minHead ?? 2)
        if (i === 0 && run.minHead > prose && this.held && this.fills(lines, i, prose, keepAll)()) {
          run.minHead = prose
          continue
        }
      }
      if (hyphenEnd) this.stats.hyphenAtPageEnd++
      if (take === 0 && this.empty) {
        // Nothing can move to a fresh page: let the rule go rather than loop.
        take = Math.max(1, Math.min(fit, rest))
        this.stats.forcedSplits++
      }
      if (take < fit) this.stats.shortPages++
      if (take > 0 && !options.keepAll) {
        if (i === 0 && take === 1) this.stats.orphans++
        if (rest - take === 1) this.stats.widows++
      }
      for (let j = 0; j < take; j++) this.placeLine(lines[i + j]!)
      i += take
      if (i < lines.length) {
        this.newPage()
        this.crossing = run
      }
    }
  }

  /**
   * Where a page ends in lines placed from `lines[i]` when `fit` of them fit and no relayout is
   * asked: the split rules alone (no widow, no orphan, no hyphen at the end), or -1 when only a
   * hyphenated end is left.
   */
  private plan(lines: LineBox[], i: number, fit: number, minHead: number, keepAll: boolean): number {
    const rest = lines.length - i
    if (fit >= rest) return rest
    const take = keepAll && i === 0 ? 0 : keptTake(fit, rest, minHead)
    return take > 0 && lines[i + take - 1]!.line.hyphenated ? -1 : take
  }

  /**
   * Whether the page would end with room for another line after `take` more lines from
   * `lines[from]` (their notes included): a rule or a footnote ends it early.
   */
  private endsShort(lines: LineBox[], from: number, take: number): boolean {
    const next = lines[from + take]
    if (!next) return false
    let y = this.y
    let noteHeight = this.page!.noteHeight
    const pending = new Set<string>()
    for (let j = from; j < from + take; j++) {
      const line = lines[j]!
      for (const note of this.notesOf(line, pending)) {
        if (noteHeight === 0) noteHeight = this.noteGap
        for (const l of note) noteHeight += l.height
      }
      for (const anchor of line.refs ?? []) pending.add(anchor)
      y = this.gridTop(line, y) + line.height
    }
    return this.gridTop(next, y) + next.height + noteHeight <= this.limit + 0.01
  }

  /**
   * The page would end a line short or run a line long by the rules, placing `lines[i]` on:
   * break a paragraph above its foot a line looser or tighter so it ends full (`reflow`). A
   * recto beside a held verso has its own remedies (`rebalance`).
   */
  private refill(lines: LineBox[], i: number, minHead: number, keepAll: boolean): boolean {
    return this.remedy(this.fills(lines, i, minHead, keepAll))
  }

  /** The remedies of `refill` for a page that `accept` says is mended: `reflow`, or `rebalance` on a recto. */
  private remedy(accept: () => boolean): boolean {
    if (this.held) return this.rebalance(accept)
    return this.reflow(accept)
  }

  /** Whether the page, placing `lines[i]` on by the split rules, ends full (at its own foot). */
  private fills(lines: LineBox[], i: number, minHead: number, keepAll: boolean): () => boolean {
    return () => {
      const take = this.plan(lines, i, this.countFit(lines, i), minHead, keepAll)
      return take >= 0 && !this.endsShort(lines, i, take)
    }
  }

  /**
   * The recto being composed would end above or below its target (the depth of the verso beside
   * it), a rule or a footnote deciding its foot. Remedies, in order, the first that lets the
   * recto end at its target by the rules wins (a line crosses the fold once per spread; later
   * on the same recto only `reflow` is tried):
   * - break a paragraph above on the recto a line longer or shorter (`reflow`): the pages keep
   *   their depth;
   * - move the verso's last line to the top of the recto, both ending a line higher
   *   (`shortenVerso`);
   * - move the recto's first line to the foot of the verso, both ending a line lower
   *   (`lengthenVerso`).
   * The held verso is not drawn yet, so it can still change. Only a line from the middle of a
   * paragraph that runs across the fold moves, and never one with a footnote reference: its note
   * would have to move too (the notes already on the verso stay, its foot moving with its last
   * line). No orphan, widow or hyphen at a page end comes of it.
   */
  private rebalance(accept: () => boolean): boolean {
    const verso = this.held
    if (!verso) return false
    // A line crosses the fold once a spread; a paragraph on the recto may be re-broken again.
    if (this.rebalanced) return this.reflow(accept)
    this.rebalanced =
      this.reflow(accept) || this.shortenVerso(verso, accept) || this.lengthenVerso(verso, accept)
    return this.rebalanced
  }

  /**
   * Break one of the last paragraphs on this page a line longer or shorter (TeX's looseness), so
   * what follows meets the foot at another line and the page ends full (`accept`): no page set a
   * line short or run a line long, a recto at the depth of its verso. Of the re-breaks that do,
   * the one that changes the fewest lines (the nearest the foot when equal); failing one, two or
   * three of them (`reflowMany`). Every paragraph on
   * the page is tried, two layouts each at most, kept for the page: the cost is bounded by the
   * page's own lines, and the memory too (the page is let go when it ends). Only paragraphs
   * follow it down to the foot (a heading or figure was placed by its own keep rules), no
   * destination below its top moves, and it has no footnote reference (its notes would have to
   * move). A paragraph already broken again may go back to its first layout, never two lines
   * off it.
   */
  private reflow(accept: () => boolean): boolean {
    const page = this.page!
    let best: { k: number; lines: LineBox[]; looseness: -1 | 0 | 1; changed: number } | undefined
    let end = page.boxes.length
    const eligible: number[] = []
    for (let k = this.placed.length - 1; k >= 0; k--) {
      const placed = this.placed[k]!
      const old = placed.run.lines
      if (placed.from + old.length !== end) break
      end = placed.from
      if (page.dests.some((dest) => dest.y > old[0]!.y! + 0.01)) break
      if (!placed.relayout || old.some((box) => box.refs?.length || box.dest)) continue
      eligible.push(k)
      for (const step of [1, -1] as const) {
        const again = stepped(placed, step)
        if (!again || again.some((box) => box.refs?.length || box.dest)) continue
        // One `stepped` could re-break at.
        const looseness = (placed.looseness + step) as -1 | 0 | 1
        const changed = changedLines(old, again)
        if (best && changed >= best.changed) continue
        this.swap(k, again)
        if (this.y + page.noteHeight <= this.limit + 0.01 && accept())
          best = { k, lines: again, looseness, changed }
        this.swap(k, old)
      }
    }
    if (best) {
      this.swap(best.k, best.lines)
      this.placed[best.k]!.looseness = best.looseness
    } else if (!this.reflowMany(eligible, accept)) return false
    if (!this.reflowed) this.stats.rebalancedPages++
    this.reflowed = true
    return true
  }

  /**
   * `reflow` with two or three of the paragraphs it may re-break (`eligible`, by index in
   * `placed`) each set a line looser, or each a line tighter: the ones whose re-break changes
   * fewest lines. It mends a page that a block kept whole (a heading and its lines, a stanza)
   * would leave two or three lines short. Bounded: four trials, on layouts `reflow` has asked for.
   */
  private reflowMany(eligible: number[], accept: () => boolean): boolean {
    const page = this.page!
    for (const step of [1, -1] as const) {
      const options: Array<{ k: number; lines: LineBox[]; changed: number }> = []
      for (const k of eligible) {
        const placed = this.placed[k]!
        const again = stepped(placed, step)
        if (!again || again.some((box) => box.refs?.length || box.dest)) continue
        options.push({ k, lines: again, changed: changedLines(placed.run.lines, again) })
      }
      options.sort((a, b) => a.changed - b.changed || b.k - a.k)
      for (const count of [2, 3]) {
        if (options.length < count) break
        const undo = this.apply(options.slice(0, count), step)
        if (this.y + page.noteHeight <= this.limit + 0.01 && accept()) return true
        undo()
      }
    }
    return false
  }

  /** Replace a paragraph's lines on the current page with another layout of it. */
  private swap(index: number, into: LineBox[]): void {
    const page = this.page!
    const placed = this.placed[index]!
    const out = placed.run.lines
    // The new lines' structure ends take the old ones' place: the page's ends stay in drawing order.
    let at = page.ends.length
    for (const box of out) {
      this.untally(box)
      for (const end of box.ends ?? []) {
        const k = page.ends.lastIndexOf(end)
        if (k < 0) continue
        page.ends.splice(k, 1)
        at = Math.min(at, k)
      }
    }
    const top = out[0]!.y!
    const y = this.y
    const tail = page.boxes.splice(placed.from)
    tail.splice(0, out.length)
    this.y = top
    const mark = page.ends.length
    for (const box of into) this.put(box)
    page.ends.splice(at, 0, ...page.ends.splice(mark))
    const dy = this.y - (out[out.length - 1]!.y! + out[out.length - 1]!.height)
    for (const box of tail) {
      box.y! += dy
      page.boxes.push(box)
    }
    for (const dest of page.dests) if (dest.y > top + 0.01) dest.y += dy
    this.y = y + dy
    for (const later of this.placed.slice(index + 1)) later.from += into.length - out.length
    placed.run.lines = into
  }

  /** Shift the recto's content down by `by` points (up when negative), a line in or out at its top. */
  private shiftRecto(by: number): void {
    const page = this.page!
    for (const placed of this.placed) placed.from += Math.sign(by)
    for (const box of page.boxes) box.y! += by
    for (const dest of page.dests) dest.y += by
    this.y += by
  }

  /** The verso's last line to the top of the recto; see `rebalance`. */
  private shortenVerso(verso: Page, accept: () => boolean): boolean {
    const page = this.page!
    const run = this.crossing
    if (!run || run.keepAll) return false
    const n = verso.boxes.length
    const moved = verso.boxes[n - 1] as LineBox
    const at = run.lines.indexOf(moved)
    const before = run.lines[at - 1]
    if (at < 1 || !before || before !== verso.boxes[n - 2] || before.line.hyphenated || !movable(moved))
      return false
    // It moves above the paragraph's next line, never alone (a widow).
    if (!page.boxes[0] || run.lines[at + 1] !== page.boxes[0]) return false
    // The paragraph's lines left on the verso: at least its head when it starts there.
    let kept = 1
    while (kept < at && run.lines[at - 1 - kept] === verso.boxes[n - 2 - kept]) kept++
    if (at === kept && kept < run.minHead) return false
    const h = moved.height
    if (this.depth(verso) - h < this.textHeight - (MAX_SHORTEN + 0.99) * this.settings.leading) return false
    if (verso.dests.some((d) => d.y > moved.y! - 0.01)) return false
    if (this.y + h + page.noteHeight > this.limit - h + 0.01) return false
    const y = moved.y!
    const full = page.extra >= 0
    verso.boxes.pop()
    verso.extra -= h
    this.shiftRecto(h)
    page.extra -= h
    moved.y = 0
    page.boxes.unshift(moved)
    if (accept()) {
      if (full) this.stats.shortPages++
      return true
    }
    page.boxes.shift()
    page.extra += h
    this.shiftRecto(-h)
    moved.y = y
    verso.extra += h
    verso.boxes.push(moved)
    return false
  }

  /** The recto's first line to the foot of the verso, which may run a line long; see `rebalance`. */
  private lengthenVerso(verso: Page, accept: () => boolean): boolean {
    const page = this.page!
    const run = this.crossing
    if (!run || run.keepAll) return false
    const pulled = page.boxes[0] as LineBox
    const at = run.lines.indexOf(pulled)
    if (at < 1 || pulled.line.hyphenated || !movable(pulled)) return false
    // What stays on the recto must not be the paragraph's last line alone (a widow).
    const last = verso.boxes[verso.boxes.length - 1]
    if (run.lines[at - 1] !== last || run.lines[at + 1] !== page.boxes[1] || at + 2 >= run.lines.length)
      return false
    const h = pulled.height
    if (page.dests.some((d) => d.y < h - 0.01)) return false
    const bottom = last!.y! + last!.height
    const grow = bottom + h + verso.noteHeight > this.textHeight + verso.extra + 0.01 ? h : 0
    if (grow > 0 && (!this.settings.runningHeads || verso.extra !== 0 || h > this.settings.bottom * 0.6))
      return false
    const extra = page.extra
    page.boxes.shift()
    this.shiftRecto(-h)
    pulled.y = bottom
    verso.boxes.push(pulled)
    verso.extra += grow
    page.extra = this.match(verso)
    if (this.y + page.noteHeight <= this.limit + 0.01 && accept()) {
      if (grow > 0) this.stats.longPages++
      return true
    }
    page.extra = extra
    verso.extra -= grow
    verso.boxes.pop()
    pulled.y = 0
    this.shiftRecto(h)
    page.boxes.unshift(pulled)
    return false
  }

  /**
   * The chapter's text has ended. A last page with fewer than `MIN_LAST_PAGE_LINES` lines is
   * mended on the page before it, still open to change (`lagged`, `held`): its paragraphs are
   * broken a line tighter so the last lines come back to it (`pullBack`; the chapter ends a page
   * sooner), or else a line looser so enough lines go over (`pushForward`). That page keeps its
   * depth, so its spread stays level; only a verso facing the chapter's last page may end up to
   * two lines short, its spread ending short anyway. Failing both, the last pages are re-cut
   * (`recut`): the spread before runs a line long or short, both pages alike. Only what the page
   * rules allow moves: no footnote, no destination, no widow, orphan or hyphen at the page's end.
   * Bounded work: the page's paragraphs, two layouts each; `recut`'s bounds are its own.
   */
  endChapter(): void {
    const page = this.page
    if (!page || this.opening || this.carry.length > 0) return
    let lines = 0
    for (const box of page.boxes) {
      if (box.kind !== 'line') return
      lines++
    }
    if (lines === 0 || lines >= MIN_LAST_PAGE_LINES) return
    const prev = this.prev
    if (
      prev &&
      prev.page.index === page.index - 1 &&
      (prev.page === this.held || this.lagged.includes(prev.page))
    ) {
      if (this.pullBack(prev) || this.pushForward(prev, MIN_LAST_PAGE_LINES - lines)) {
        this.stats.mendedLastPages++
        return
      }
    }
    if (this.recut()) {
      this.stats.mendedLastPages++
      return
    }
    this.stats.shortLastPages++
  }

  /** Lines of an ordinary text block. */
  private fullLines(): number {
    return Math.floor(this.textHeight / this.settings.leading + 0.01)
  }

  /**
   * How many lines the page ends short of its text block (as a negative number, 0 when full),
   * when it is one `recut` may re-cut: not run long, no deeper than its foot, and at most
   * `MAX_MATCH` lines short (a page set short by the page rules, or a recto matched to it).
   */
  private slack(p: Page): number | undefined {
    const depth = this.depth(p)
    if (p.extra > 0 || depth > this.textHeight + 0.01) return undefined
    const short = Math.floor((this.textHeight - depth + 0.01) / this.settings.leading)
    if (short === 0) return p.extra === 0 ? 0 : undefined
    return short <= MAX_MATCH ? -short : undefined
  }

  /** A line that may be re-cut onto another page as it stands (`recut`). */
  private plainLine(box: Box): box is LineBox {
    return (
      box.kind === 'line' &&
      box.justified === true &&
      Math.abs(box.height - this.settings.leading) < 0.01 &&
      !box.refs?.length &&
      !box.dest &&
      !box.dropCap &&
      !box.outline &&
      !box.goTo &&
      !box.pageOf &&
      !box.marker
    )
  }

  /**
   * The lines at the foot of a page that `recut` may move: justified text lines of one leading,
   * set one under the other, no footnote, destination or drop cap, and nothing ending on the page
   * after them but what they end. On a page `whole` (the chapter's last, or a page in the
   * middle), that is every box from the top, with no destination or bookmark; on the first
   * page of the run (the chapter's opening page, say) the lines below its last other box, which
   * stays. Returns the index of the first such line, or -1.
   */
  private tailOf(page: Page, whole: boolean): number {
    const leading = this.settings.leading
    const boxes = page.boxes
    if (page.notes.length > 0 || page.noteHeight > 0) return -1
    if (whole && (page.dests.length > 0 || page.outline.length > 0)) return -1
    let from = boxes.length
    while (from > 0 && this.plainLine(boxes[from - 1]!)) from--
    if (whole ? from > 0 : boxes.length - from < 2) return -1
    const top = whole ? 0 : boxes[from]!.y!
    const ends: StructHandle[] = []
    for (let j = from; j < boxes.length; j++) {
      if (Math.abs(boxes[j]!.y! - top - (j - from) * leading) > 0.01) return -1
      pushAll(ends, boxes[j]!.ends ?? [])
    }
    if (page.dests.some((dest) => dest.y > top + 0.01)) return -1
    const prefix = page.ends.length - ends.length
    if (prefix < 0 || (whole && prefix > 0) || ends.some((end, j) => page.ends[prefix + j] !== end)) return -1
    return from
  }

  /**
   * A page `recut` may re-cut whole, as plain lines and the groups between them (`Group`): no
   * footnote, destination or bookmark on it, its lines one under the other, and each group a
   * whole number of lines deep with a plain line above it, made of boxes that belong to no
   * paragraph (no justified line) and carry no footnote reference. Undefined for another page.
   */
  private itemsOf(page: Page): Item[] | undefined {
    const leading = this.settings.leading
    if (page.notes.length > 0 || page.noteHeight > 0 || page.dests.length > 0 || page.outline.length > 0)
      return undefined
    const out: Item[] = []
    const ends: StructHandle[] = []
    let y = 0
    let group: Box[] = []
    for (const box of page.boxes) {
      pushAll(ends, box.ends ?? [])
      if (!this.plainLine(box)) {
        if (out.length === 0) return undefined
        // (`plainLine` narrows `box` to what is not a line, which a line of another kind still is.)
        const other = box as Box
        if (other.kind === 'line' && (other.justified || other.refs?.length || other.dest || other.outline))
          return undefined
        if (other.kind === 'grid' && other.refs?.length) return undefined
        group.push(other)
        continue
      }
      if (group.length > 0) {
        const units = Math.round((box.y! - y) / leading)
        if (units < 1 || Math.abs(box.y! - y - units * leading) > 0.01) return undefined
        out.push({ kind: 'group', boxes: group, offsets: group.map((b) => b.y! - y), units })
        group = []
      } else if (Math.abs(box.y! - y) > 0.01) return undefined
      out.push(box)
      y = box.y! + box.height
    }
    if (group.length > 0 || ends.length !== page.ends.length || ends.some((end, j) => page.ends[j] !== end))
      return undefined
    return out
  }

  /**
   * The chapter's last pages re-cut, when its last page holds too few lines and
   * `pullBack`/`pushForward` found no paragraph on the page before to re-break: as books do, a
   * spread before it runs a line long (pulling lines back, so the chapter ends a page sooner) or
   * a line short (sending lines over), both its pages alike so they stay level; the page facing
   * the last page may run a line long or end up to `MAX_SHORTEN` lines short (that spread ends
   * short anyway); and one paragraph wholly on these pages may be broken a line looser or
   * tighter, so that a page end the rules forbid (a widow, an orphan, a hyphen) moves. Only pages
   * still held or lagged, their lines at the foot plain (`tailOf`): below a scene break, a
   * heading or a figure on the first of them, which stays; on the pages after it, a scene break
   * (or other boxes a whole number of lines deep, no paragraph's) between two lines moves with
   * them, never to a page's edge (`itemsOf`). A page need not be full: one set
   * short by the rules (a paragraph's first line sent on past a scene break, say) or matched to
   * its short verso is re-cut from its own length, a line longer (to full) or shorter, both pages
   * of its spread alike (`slack`). Fewest changes win (a page's length against its own, or a
   * paragraph re-broken, one each), then fewest lines re-broken, then the fewest pages. Bounded
   * work: at most three pages and five lengths each, against each of their paragraphs' two other
   * layouts.
   */
  private recut(): boolean {
    const page = this.page!
    const leading = this.settings.leading
    if (this.tailOf(page, true) !== 0) return false
    const window: Array<{ page: Page; placed: Placed[] }> = []
    for (let k = this.chain.length - 1; k >= 0; k--) {
      const entry = this.chain[k]!
      if (entry.page.index !== (window[0]?.page ?? page).index - 1) break
      if (entry.page !== this.held && !this.lagged.includes(entry.page)) break
      window.unshift(entry)
    }
    // Pages of plain lines, the first of them from its tail, each full or set short by the page
    // rules (a paragraph's first line moved on, a recto matched to its verso); `slack` says by
    // how many lines.
    while (
      window.length > 0 &&
      !window.every(
        ({ page: p }, k) =>
          this.slack(p) !== undefined &&
          (k === 0 ? this.tailOf(p, false) >= 0 : this.itemsOf(p) !== undefined),
      )
    )
      window.shift()
    if (window.length === 0) return false
    const pages = [...window.map((entry) => entry.page), page]
    const from = pages.map((p, k) => (k === 0 ? this.tailOf(p, false) : 0))
    const items = pages.map((p, k) => (k === 0 ? (p.boxes.slice(from[0]) as LineBox[]) : this.itemsOf(p)!))
    const lines = items.flat()
    // Each page's length as it stands, in lines against a full page (the last page: full).
    const slack = pages.map((p, k) => (k === pages.length - 1 ? 0 : this.slack(p)!))
    // Lines each page holds when full (the last page: a full page's), a group counting its depth.
    const base = pages.map((_, k) =>
      k === pages.length - 1
        ? this.fullLines()
        : items[k]!.reduce((n, item) => n + unitsOf(item), 0) - slack[k]!,
    )
    const long = this.settings.runningHeads && leading <= this.settings.bottom * 0.6
    // The lengths each page may take, in lines against a full page, its own first; NaN: its verso's.
    const choices = pages.slice(0, -1).map((p, k): number[] => {
      const own = slack[k]!
      const partner = p.index % 2 === 1 ? p.index + 1 : p.index - 1
      const out = [own]
      const add = (d: number) => {
        if (!out.includes(d)) out.push(d)
      }
      if (partner === page.index) {
        add(0)
        for (let d = 1; d <= MAX_SHORTEN; d++) add(-d)
        if (long) add(1)
      } else if (partner === p.index + 1) {
        // A spread a line shorter or longer than it stands, both pages alike.
        if (own - 1 >= -MAX_MATCH) add(own - 1)
        if (own + 1 <= (long ? 1 : 0)) add(own + 1)
      } else if (k > 0 && pages[k - 1]!.index === partner) return [Number.NaN]
      return out
    })
    // The flows to cut: the lines as they are, and with one or two paragraphs wholly here
    // re-broken (a line looser or tighter each).
    interface Change {
      entry: Placed
      at: number
      again: LineBox[]
      looseness: -1 | 0 | 1
      changed: number
    }
    interface Variant {
      lines: Item[]
      changes: Change[]
      changed: number
      /** The item each depth (in lines from the flow's top) starts, where one does. */
      at: Map<number, number>
      /** The flow's depth in lines. */
      total: number
    }
    const singles: Change[] = []
    for (const entry of [...window.flatMap((w) => w.placed), ...this.placed]) {
      const old = entry.run.lines
      const at = lines.indexOf(old[0]!)
      if (!entry.relayout || at < 0 || old.some((box, j) => lines[at + j] !== box)) continue
      for (const step of [-1, 1] as const) {
        const again = stepped(entry, step)
        if (!again?.every((box) => this.plainLine(box))) continue
        const looseness = (entry.looseness + step) as -1 | 0 | 1
        singles.push({ entry, at, again, looseness, changed: changedLines(old, again) })
      }
    }
    const flowOf = (changes: Change[]): Variant => {
      const out: Item[] = []
      let pos = 0
      for (const change of changes) {
        for (; pos < change.at; pos++) out.push(lines[pos]!)
        pushAll(out, change.again)
        pos += change.entry.run.lines.length
      }
      for (; pos < lines.length; pos++) out.push(lines[pos]!)
      const at = new Map<number, number>()
      let total = 0
      out.forEach((item, j) => {
        at.set(total, j)
        total += unitsOf(item)
      })
      at.set(total, out.length)
      return { lines: out, changes, changed: changes.reduce((n, c) => n + c.changed, 0), at, total }
    }
    singles.sort((a, b) => a.at - b.at)
    const variants: Variant[] = [flowOf([])]
    for (const one of singles) variants.push(flowOf([one]))
    singles.forEach((one, k) => {
      for (const two of singles.slice(k + 1)) if (two.entry !== one.entry) variants.push(flowOf([one, two]))
    })
    // A cut before `flow[c]` by the page rules (`splitKeeps`), the paragraph's lines on each
    // side counted up to the two the rule asks (the flow's first line may continue a paragraph
    // from above the tail: it counts alone, never left at a foot).
    // A group stays between lines of one page.
    const open = (item: Item | undefined): item is LineBox => item?.kind === 'line' && !item.line.last
    // A paragraph that keeps more than two lines at its head (`Run.minHead`: one kept whole, as
    // a short address is) keeps them here too, in any of its layouts.
    const heads = new Map<LineBox, number>()
    for (const entry of [...window.flatMap((w) => w.placed), ...this.placed]) {
      if (entry.run.minHead <= 2) continue
      for (const layout of [entry.run.lines, ...entry.layouts.values()])
        for (const box of layout ?? []) heads.set(box, entry.run.minHead)
    }
    const valid = (flow: Item[], c: number): boolean => {
      const before = flow[c - 1]!
      if (before.kind === 'group' || flow[c]!.kind === 'group' || before.line.hyphenated) return false
      const minHead = heads.get(before) ?? 2
      let head = 1
      while (head < minHead && c - head > 0 && open(flow[c - head - 1])) head++
      let tail = 1
      while (tail < 2 && c + tail < flow.length && open(flow[c + tail - 1])) tail++
      return before.line.last || splitKeeps(head, tail, minHead)
    }
    let best: { d: number[]; final: number; cost: number; variant: Variant } | undefined
    const better = (cost: number, variant: Variant, final: number) =>
      !best ||
      cost < best.cost ||
      (cost === best.cost &&
        (variant.changed < best.variant.changed ||
          (variant.changed === best.variant.changed && final < best.final)))
    const d: number[] = []
    const evaluate = (variant: Variant) => {
      const flow = variant.lines
      let used = 0
      let pos = 0
      for (let i = 0; i < pages.length; i++) {
        const cap = base[i]! + (d[i] ?? 0)
        const rest = variant.total - used
        if (rest <= cap) {
          if (i < pages.length - 2) return
          let count = 0
          for (let j = pos; j < flow.length && count < MIN_LAST_PAGE_LINES; j++)
            if (flow[j]!.kind === 'line') count++
          if (count < MIN_LAST_PAGE_LINES) return
          const cost = d.reduce((sum, x, k) => sum + Math.abs(x - slack[k]!), variant.changes.length)
          if (better(cost, variant, i)) best = { d: [...d], final: i, cost, variant }
          return
        }
        used += cap
        // A cut inside a group, or a page left empty, is none.
        const next = variant.at.get(used)
        if (next === undefined || next <= pos || next >= flow.length || !valid(flow, next)) return
        pos = next
      }
    }
    const search = (k: number, variant: Variant) => {
      if (k === choices.length) return evaluate(variant)
      for (const choice of choices[k]!) {
        d[k] = Number.isNaN(choice) ? d[k - 1]! : choice
        search(k + 1, variant)
      }
      d.length = k
    }
    for (const variant of variants) search(0, variant)
    if (!best) return false
    const { d: lengths, final, variant } = best
    for (const change of variant.changes) {
      for (const box of change.entry.run.lines) this.untally(box)
      for (const box of change.again) this.tally(box)
      change.entry.run.lines = change.again
      change.entry.looseness = change.looseness
    }
    const flow = variant.lines
    let pos = 0
    let used = 0
    for (let i = 0; i <= final; i++) {
      const p = pages[i]!
      const kept = p.boxes.slice(0, from[i])
      const top = from[i]! > 0 ? p.boxes[from[i]!]!.y! : 0
      let moving = 0
      for (const box of p.boxes.slice(from[i])) moving += box.ends?.length ?? 0
      const ends = p.ends.slice(0, p.ends.length - moving)
      const take = i === final ? variant.total - used : base[i]! + (lengths[i] ?? 0)
      used += take
      const end = variant.at.get(used)!
      const tail: Box[] = []
      let depth = 0
      for (const item of flow.slice(pos, end)) {
        if (item.kind === 'group') {
          item.boxes.forEach((box, j) => {
            box.y = top + depth * leading + item.offsets[j]!
            tail.push(box)
          })
        } else {
          item.y = top + depth * leading
          tail.push(item)
        }
        depth += unitsOf(item)
      }
      pos = end
      for (const box of tail) pushAll(ends, box.ends ?? [])
      p.boxes = [...kept, ...tail]
      p.ends = ends
      if (p !== page && (i === final || lengths[i] !== slack[i])) {
        // The last page ends where its lines do: long only when they reach past its foot.
        const change = i === final ? Math.max(0, take - base[i]!) : lengths[i]!
        p.extra = change * leading
        if (change > 0) this.stats.longPages++
        if (change < Math.min(0, slack[i]!)) this.stats.shortPages++
      }
    }
    this.placed = []
    this.crossing = undefined
    this.prev = undefined
    this.chain = []
    if (final < pages.length - 1) return this.dropPage()
    page.extra = 0
    const last = page.boxes[page.boxes.length - 1]!
    this.y = last.y! + last.height
    return true
  }

  /**
   * Run `f` with the page before the current one as the page being filled (its paragraphs
   * placed, its foot), so `swap` can re-break them; the current page is restored after.
   */
  private onPrevious<T>(prev: { page: Page; placed: Placed[] }, f: () => T): T {
    const saved = { page: this.page, placed: this.placed, y: this.y }
    const last = prev.page.boxes[prev.page.boxes.length - 1]
    this.page = prev.page
    this.placed = prev.placed
    this.y = last ? last.y! + last.height : 0
    try {
      return f()
    } finally {
      this.page = saved.page
      this.placed = saved.placed
      this.y = saved.y
    }
  }

  /**
   * Of the paragraphs placed whole on `placed`'s page, the `count` whose layout `step` lines
   * longer (or shorter) changes fewest lines; undefined when there are not enough.
   */
  private choose(
    placed: Placed[],
    step: -1 | 1,
    count: number,
  ): Array<{ k: number; lines: LineBox[] }> | undefined {
    const options: Array<{ k: number; lines: LineBox[]; changed: number }> = []
    placed.forEach((entry, k) => {
      const old = entry.run.lines
      if (old.some((box) => box.refs?.length || box.dest)) return
      const again = stepped(entry, step)
      if (!again || again.some((box) => box.refs?.length || box.dest)) return
      options.push({ k, lines: again, changed: changedLines(old, again) })
    })
    if (options.length < count) return undefined
    options.sort((a, b) => a.changed - b.changed || b.k - a.k)
    return options.slice(0, count)
  }

  /** Apply re-breaks on the page `onPrevious` set; returns how to undo them. */
  private apply(picks: Array<{ k: number; lines: LineBox[] }>, step: -1 | 1): () => void {
    const undo: Array<{ k: number; lines: LineBox[]; looseness: -1 | 0 | 1 }> = []
    for (const pick of picks) {
      const placed = this.placed[pick.k]!
      undo.push({ k: pick.k, lines: placed.run.lines, looseness: placed.looseness })
      this.swap(pick.k, pick.lines)
      placed.looseness = (placed.looseness + step) as -1 | 0 | 1
    }
    return () => {
      for (const u of undo.reverse()) {
        this.swap(u.k, u.lines)
        this.placed[u.k]!.looseness = u.looseness
      }
    }
  }

  /** The chapter's last lines back onto the page before, its paragraphs set tighter; see `endChapter`. */
  private pullBack(prev: { page: Page; placed: Placed[] }): boolean {
    const page = this.page!
    const before = prev.page
    if (page.notes.length > 0 || page.dests.length > 0 || page.outline.length > 0) return false
    const boxes = page.boxes as LineBox[]
    const top = boxes[0]!.y!
    const height = this.y - top
    const leading = this.settings.leading
    // A verso may also run a line long, as for a widow: the recto beside it opens the next chapter.
    const long =
      before === this.held &&
      before.extra === 0 &&
      this.settings.runningHeads &&
      leading <= this.settings.bottom * 0.6
    return this.onPrevious(prev, () => {
      const depth = this.y
      let picks: Array<{ k: number; lines: LineBox[] }> | undefined
      let extra = 0
      for (const grow of long ? [0, leading] : [0]) {
        const room = this.textHeight + before.extra + grow - before.noteHeight - depth
        const save = Math.max(0, Math.ceil((height - room) / leading - 0.01))
        if (save > MIN_LAST_PAGE_LINES - 1) continue
        picks = save > 0 ? this.choose(prev.placed, -1, save) : []
        extra = grow
        if (picks) break
      }
      if (!picks) return false
      const undo = this.apply(picks, -1)
      if (this.y + height + before.noteHeight > this.textHeight + before.extra + extra + 0.01) {
        undo()
        return false
      }
      if (extra > 0) {
        before.extra += extra
        this.stats.longPages++
      }
      // Tighter lines change the stats of the page's spread nothing: its depth is the text's end.
      const shift = this.y - top
      for (const box of boxes) {
        box.y! += shift
        before.boxes.push(box)
      }
      pushAll(before.ends, page.ends)
      this.y += height
      return true
    })
      ? this.dropPage()
      : false
  }

  /** The current page's lines all went to the page before: it is no page at all. */
  private dropPage(): true {
    this.page = undefined
    this.count--
    this.y = 0
    this.placed = []
    this.crossing = undefined
    this.prev = undefined
    return true
  }

  /**
   * More lines over to the chapter's last page, paragraphs above set looser; see `endChapter`.
   * When the page before is the verso facing that last page (held), it may also end up to
   * `MAX_SHORTEN` lines short: the spread ends on a short page anyway, so nothing is seen
   * out of level, and it mends the chapter whose verso has too few paragraphs that can be set
   * looser, where moving only the lines they push over would leave a paragraph's first line alone.
   */
  private pushForward(prev: { page: Page; placed: Placed[] }, count: number): boolean {
    const page = this.page!
    const before = prev.page
    const run = this.crossing
    const shortest = before === this.held ? MAX_SHORTEN : 0
    // A line more than needed may go over when the paragraph at the foot would keep one alone.
    const moved = this.onPrevious(prev, (): { lines: LineBox[]; short: number } | false => {
      for (let short = 0; short <= shortest; short++) {
        for (let n = count; n < count + 3; n++) {
          if (n - short < 0) continue
          const lines = this.pushLines(prev, n - short, short, run, page)
          if (lines) return { lines, short }
        }
      }
      return false
    })
    if (!moved) return false
    if (moved.short > 0) this.stats.shortPages++
    const top = moved.lines[0]!.y!
    const height = moved.lines.reduce((sum, box) => sum + box.height, 0)
    for (const box of page.boxes) box.y! += height
    for (const dest of page.dests) dest.y += height
    for (const entry of this.placed) entry.from += moved.lines.length
    this.y += height
    for (const box of moved.lines) {
      box.y! -= top
      for (const end of box.ends ?? []) {
        remove(before.ends, end)
        page.ends.push(end)
      }
    }
    page.boxes.unshift(...moved.lines)
    return true
  }

  /**
   * On the page `onPrevious` set: `count` paragraphs a line looser, and the lines pushed past the
   * page's old foot taken off it with `short` more above them, when the page rules allow the
   * split; undone otherwise.
   */
  private pushLines(
    prev: { page: Page; placed: Placed[] },
    count: number,
    short: number,
    run: Run | undefined,
    next: Page,
  ): LineBox[] | false {
    const before = prev.page
    const depth = this.y
    const picks = count > 0 ? this.choose(prev.placed, 1, count) : []
    if (!picks) return false
    const undo = this.apply(picks, 1)
    const boxes = before.boxes
    let cut = boxes.length
    while (cut > 0 && boxes[cut - 1]!.y! + boxes[cut - 1]!.height > depth + 0.01) cut--
    const foot = cut
    cut -= short
    const moved = boxes.slice(Math.max(0, cut))
    const last = boxes[cut - 1]
    const ok =
      cut > 0 &&
      moved.length > 0 &&
      moved.every((box) => box.kind === 'line' && box.justified === true && movable(box)) &&
      last?.kind === 'line' &&
      last.justified === true &&
      !last.line.hyphenated &&
      foot > 0 &&
      Math.abs(boxes[foot - 1]!.y! + boxes[foot - 1]!.height - depth) < 0.01 &&
      !before.dests.some((dest) => dest.y > last.y! + 0.01) &&
      this.splitsAt(last, moved as LineBox[], run, prev.placed, next)
    if (!ok) {
      undo()
      return false
    }
    boxes.splice(cut)
    return moved as LineBox[]
  }

  /**
   * Whether a page may end after `last`, the `moved` lines going over to the top of `next` (the
   * chapter's last page), by the page rules (`splitKeeps`): the paragraph's lines after the cut
   * are those moved and those already on `next`.
   */
  private splitsAt(
    last: LineBox,
    moved: LineBox[],
    crossing: Run | undefined,
    placed: Placed[],
    next: Page,
  ): boolean {
    if (last.line.last) return true
    const run = [crossing, ...placed.map((p) => p.run)].find((r) => r?.lines.includes(last))
    if (!run) return false
    const at = run.lines.indexOf(last)
    let after = 0
    for (let j = at + 1; j < run.lines.length; j++) {
      if (moved.includes(run.lines[j]!) || next.boxes.includes(run.lines[j]!)) after++
    }
    return splitKeeps(at + 1, after, run.minHead)
  }

  /** Place footnotes still waiting (a note longer than the page's foot) before a chapter ends. */
  flushNotes(): void {
    // The chapter's text has ended: these pages are not balanced against anything.
    while (this.carry.length > 0) this.startPage(this.flow)
    this.placedNotes.clear()
  }

  /** How many lines from `from` fit on the current page, footnotes included. */
  private countFit(lines: LineBox[], from: number): number {
    const page = this.ensurePage()
    let y = this.y
    let noteHeight = page.noteHeight
    let count = 0
    const pending = new Set<string>()
    for (let j = from; j < lines.length; j++) {
      const line = lines[j]!
      const notes = this.notesOf(line, pending)
      let need = 0
      for (const note of notes) for (const l of note) need += l.height
      if (notes.length > 0 && noteHeight === 0) need += this.noteGap
      const top = this.gridTop(line, y)
      if (top + line.height + noteHeight + need <= this.limit + 0.01) {
        y = top + line.height
        noteHeight += need
        count++
        for (const anchor of line.refs ?? []) pending.add(anchor)
        continue
      }
      if (notes.length > 0) {
        const first = notes[0]!
        let min = noteHeight === 0 ? this.noteGap : 0
        for (const l of first.slice(0, 2)) min += l.height
        if (top + line.height + noteHeight + min <= this.limit + 0.01) count++
      }
      break
    }
    return count
  }

  private notesOf(line: Pick<LineBox, 'refs'>, pending?: Set<string>): LineBox[][] {
    if (!line.refs) return []
    const out: LineBox[][] = []
    for (const anchor of line.refs) {
      if (this.placedNotes.has(anchor) || pending?.has(anchor)) continue
      const lines = this.footnote(anchor)
      if (lines.length > 0) out.push(lines)
    }
    return out
  }

  private placeLine(line: LineBox | GridBox): void {
    const page = this.ensurePage()
    const notes = this.notesOf(line)
    for (const anchor of line.refs ?? []) this.placedNotes.add(anchor)
    this.put(line)
    for (const note of notes) {
      for (const noteLine of note) {
        const gap = page.noteHeight === 0 ? this.noteGap : 0
        if (
          this.carry.length === 0 &&
          this.y + page.noteHeight + gap + noteLine.height <= this.limit + 0.01
        ) {
          this.putNote(noteLine)
        } else {
          if (this.carry.length === 0) this.stats.splitNotes++
          this.carry.push(noteLine)
        }
      }
    }
  }

  /** Figures of a placed line (see `PageStats`). */
  private tally(box: LineBox): void {
    const stats = this.stats
    stats.lines++
    if (box.line.hyphenated) {
      stats.hyphenated++
      if (capitalBreak(box)) stats.hyphenatedCapitals++
    }
    if (runt(box)) stats.runts++
    if (spaced(box)) stats.spaceRatios.push(box.line.spaceRatio)
  }

  /** Take a line's figures back out (a paragraph broken again). */
  private untally(box: LineBox): void {
    const stats = this.stats
    stats.lines--
    if (box.line.hyphenated) {
      stats.hyphenated--
      if (capitalBreak(box)) stats.hyphenatedCapitals--
    }
    if (runt(box)) stats.runts--
    if (spaced(box)) remove(stats.spaceRatios, box.line.spaceRatio)
  }

  private putNote(line: LineBox): void {
    const page = this.page!
    this.tally(line)
    if (page.noteHeight === 0) page.noteHeight = this.noteGap
    line.y = page.noteHeight - this.noteGap
    page.noteHeight += line.height
    page.notes.push(line)
    if (line.ends) pushAll(page.ends, line.ends)
  }

  /** A new page's foot takes the lines of a note continued from the page before, up to half the page. */
  private placeCarry(): void {
    while (this.carry.length > 0) {
      const line = this.carry[0]!
      const gap = this.page!.noteHeight === 0 ? this.noteGap : 0
      if (this.page!.noteHeight + gap + line.height > this.textHeight / 2 && this.page!.notes.length > 0)
        break
      this.carry.shift()
      this.putNote(line)
    }
  }

  private put(box: Box): void {
    const page = this.page!
    if (box.kind === 'line') this.tally(box)
    box.y = this.gridTop(box, this.y)
    this.y = box.y + box.height
    page.boxes.push(box)
    if (box.kind === 'line' && box.outline) page.outline.push(box.outline)
    if (box.ends) pushAll(page.ends, box.ends)
  }

  /**
   * Where a box placed at `y` starts: a text line of the body's leading on the next line of the
   * grid (a whole number of lines below the text block's top) when `y` falls between two; any
   * other box (a display line, a figure, a footnote-sized line), or any box before the body, at `y`.
   */
  private gridTop(box: Box, y: number): number {
    const leading = this.settings.leading
    if (this.bodyStart === undefined || box.kind !== 'line' || box.display) return y
    if (Math.abs(box.height - leading) > 0.01) return y
    return this.gridUp(y)
  }

  /** `y` moved down to the next line of the grid (where it is, within a hundredth of a point). */
  private gridUp(y: number): number {
    const leading = this.settings.leading
    const at = Math.ceil((y - 0.01) / leading) * leading
    return Math.abs(at - y) <= 0.01 ? y : at
  }

  /** Finish the book: pending notes, the last page. */
  finish(): PageStats {
    this.flushNotes()
    if (this.pendingEnds.length > 0) pushAll(this.ensurePage().ends, this.pendingEnds.splice(0))
    this.finishPage()
    for (const page of this.lagged.splice(0)) this.deliver(page)
    return this.stats
  }
}
