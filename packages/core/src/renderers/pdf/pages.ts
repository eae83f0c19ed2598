/**
 * The page composer: fills pages from the top with boxes (lines, figures, rules) and the foot with
 * footnotes, and applies the page rules of book work: no widow or orphan lines, headings kept
 * with what follows, no hyphen ending a page when the paragraph can be re-broken without one, a
 * footnote on the page of its reference (the referencing line moves on otherwise; a long note
 * continues on the next page). It knows nothing of pdfkit: finished pages go to a sink, which
 * draws them (`draw.ts`) or, in the measuring pass, only counts them.
 */
import type { Line } from './layout/types.js'
import type { Settings } from './options.js'

/** A tagged-PDF structure element the composer asks for; `draw.ts` makes it when first drawn. */
export interface StructHandle {
  type: string
  parent?: StructHandle
  alt?: string
  title?: string
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
  dropCap?: { text: string; size: number; x: number; baseline: number }
  marker?: { text: string; size: number; x: number }
  /** A named destination at this line (a footnote's target). */
  dest?: string
  /** Make the whole line a link to this named destination (contents entries). */
  goTo?: string
  /**
   * Print the page label of a destination, right-aligned to `right` (from the text block's left
   * edge): contents entries. Filled in when the book is done, so no measuring pass is needed.
   */
  pageOf?: { dest: string; right: number; size: number }
  /** Structure elements that end with this line. */
  ends?: StructHandle[]
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

export type Box = LineBox | ImageBox | RuleBox

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
  /** Points the page runs long (one line, to take a widow back); the foot's notes move down too. */
  extra: number
  ends: StructHandle[]
  outline: OutlineEntry[]
  dests: Array<{ name: string; y: number }>
}

export interface PageStats {
  pages: number
  /** Pages that end earlier than they could to keep page rules (widows, orphans, headings). */
  shortPages: number
  /** Pages whose last line ends with a hyphen the re-break could not avoid. */
  hyphenAtPageEnd: number
  /** Paragraph splits where no rule-abiding split existed and a widow or orphan was let stand. */
  forcedSplits: number
  /** Pages run one line long to keep a widow with its paragraph. */
  longPages: number
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
  /**
   * Word space of each justified line but a paragraph's last, as drawn, over the font's normal
   * space (`Line.spaceRatio`), in placing order: for the benchmark's figures.
   */
  spaceRatios: number[]
}

export interface PlaceOptions {
  /** Lines that must stay together at the top of the run (drop caps; 2 by default for orphans). */
  minHead?: number
  /** Keep all the lines on one page when they fit on an empty one. */
  keepAll?: boolean
  /**
   * The same paragraph broken again: without hyphenation (a page would end in a hyphen), or one
   * line shorter or longer (TeX's looseness) to pull back a widow or push one more line over.
   */
  relayout?: (change: { hyphenate?: false; looseness?: -1 | 1 }) => LineBox[] | undefined
}

/** Space between the text and the footnote rule, and the rule's own line. */
const NOTE_GAP = 0.9

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
    hyphenAtPageEnd: 0,
    forcedSplits: 0,
    splitNotes: 0,
    orphans: 0,
    widows: 0,
    lines: 0,
    hyphenated: 0,
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

  constructor(
    readonly settings: Settings,
    private readonly sink: ((page: Page) => void) | undefined,
  ) {
    this.textHeight = settings.height - settings.top - settings.bottom
    this.textWidth = settings.width - settings.inside - settings.outside
    this.noteGap = settings.leading * NOTE_GAP
  }

  /** Height available on this page: the text block, plus a line when it runs long. */
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
    const index = this.count++
    const recto = index % 2 === 0
    const head =
      options.head && this.settings.runningHeads ? (recto ? this.heads.recto : this.heads.verso) : undefined
    const page: Page = {
      index,
      label: this.labelOf(index),
      folio: options.folio,
      boxes: [],
      notes: [],
      noteHeight: 0,
      extra: 0,
      ends: [],
      outline: [],
      dests: [],
    }
    if (head) page.head = head
    page.ends.push(...this.pendingEnds)
    this.pendingEnds = []
    this.page = page
    this.y = 0
    this.placeCarry()
    return page
  }

  /** Hand the current page to the sink. */
  finishPage(): void {
    const page = this.page
    if (!page) return
    this.page = undefined
    this.stats.pages++
    this.sink?.(page)
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
    return this.page ?? this.startPage(this.flow)
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

  /** End the page here if less than `height` is left (keep-with-next). */
  need(height: number): void {
    if (!this.empty && height > this.remaining + 0.01) {
      this.stats.shortPages++
      this.newPage()
    }
  }

  newPage(): void {
    this.finishPage()
    this.startPage(this.flow)
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
    const tried = new Set<string>()
    // Ask for another layout of the whole paragraph (only before any of it is placed).
    const retry = (
      change: { hyphenate?: false; looseness?: -1 | 1 },
      accept: (again: LineBox[]) => boolean,
    ): boolean => {
      const key = JSON.stringify(change)
      if (i !== 0 || !options.relayout || tried.has(key)) return false
      tried.add(key)
      const again = options.relayout(change)
      if (!again || again.length === 0 || !accept(again)) return false
      lines = again
      return true
    }
    while (i < lines.length) {
      this.ensurePage()
      const rest = lines.length - i
      const fit = this.countFit(lines, i)
      if (fit >= rest) {
        for (; i < lines.length; i++) this.placeLine(lines[i]!)
        break
      }
      const minHead = i === 0 ? Math.min(rest, Math.max(2, options.minHead ?? 2)) : 1
      if (!options.keepAll && rest - fit === 1 && fit >= minHead) {
        // A widow: one line shorter keeps the paragraph on this page; one longer carries two lines over.
        if (retry({ looseness: -1 }, (again) => again.length < lines.length)) continue
        if (retry({ looseness: 1 }, (again) => again.length > lines.length)) continue
        // Else run the page one line long, into the foot margin (the folio is in the head).
        const page = this.page!
        const line = lines[lines.length - 1]!
        if (
          this.settings.runningHeads &&
          page.extra === 0 &&
          line.height <= this.settings.bottom * 0.6 &&
          (!line.refs || line.refs.length === 0)
        ) {
          page.extra = line.height
          if (this.countFit(lines, i) >= rest) {
            this.stats.longPages++
            continue
          }
          page.extra = 0
        }
      }
      let take = fit
      if (options.keepAll && i === 0) take = 0
      if (rest - take === 1 && take > 0) take -= 1
      if (take < minHead) take = 0
      if (take > 0 && lines[i + take - 1]!.line.hyphenated) {
        const at = take
        const whole = (again: LineBox[]) => again.length - at >= 2 && !again[at - 1]!.line.hyphenated
        if (retry({ hyphenate: false }, whole)) continue
        if (retry({ hyphenate: false, looseness: 1 }, whole)) continue
        // Else end the page early at the nearest whole line (at most two hyphenated ends run
        // together, so it is one or two lines up) if that leaves no orphan, or else carry the
        // paragraph over whole: a short page is the lesser fault.
        let back = take - 1
        while (back > take - 3 && back >= minHead && lines[i + back - 1]!.line.hyphenated) back--
        if (back >= minHead && back > take - 3 && back > 0) take = back
        else if (i === 0 && !this.empty) take = 0 // the whole paragraph to the next page
        else this.stats.hyphenAtPageEnd++
      }
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
      if (i < lines.length) this.newPage()
    }
  }

  /** Place footnotes still waiting (a note longer than the page's foot) before a chapter ends. */
  flushNotes(): void {
    while (this.carry.length > 0) {
      this.newPage()
    }
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
      if (y + line.height + noteHeight + need <= this.limit + 0.01) {
        y += line.height
        noteHeight += need
        count++
        for (const anchor of line.refs ?? []) pending.add(anchor)
        continue
      }
      if (notes.length > 0) {
        const first = notes[0]!
        let min = noteHeight === 0 ? this.noteGap : 0
        for (const l of first.slice(0, 2)) min += l.height
        if (y + line.height + noteHeight + min <= this.limit + 0.01) count++
      }
      break
    }
    return count
  }

  private notesOf(line: LineBox, pending?: Set<string>): LineBox[][] {
    if (!line.refs) return []
    const out: LineBox[][] = []
    for (const anchor of line.refs) {
      if (this.placedNotes.has(anchor) || pending?.has(anchor)) continue
      const lines = this.footnote(anchor)
      if (lines.length > 0) out.push(lines)
    }
    return out
  }

  private placeLine(line: LineBox): void {
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
    if (box.line.hyphenated) stats.hyphenated++
    if (box.justified && !box.line.last && box.line.runs.some((run) => run.text.includes(' ')))
      stats.spaceRatios.push(box.line.spaceRatio)
  }

  private putNote(line: LineBox): void {
    const page = this.page!
    this.tally(line)
    if (page.noteHeight === 0) page.noteHeight = this.noteGap
    line.y = page.noteHeight - this.noteGap
    page.noteHeight += line.height
    page.notes.push(line)
    if (line.ends) page.ends.push(...line.ends)
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
    box.y = this.y
    this.y += box.height
    page.boxes.push(box)
    if (box.ends) page.ends.push(...box.ends)
  }

  /** Finish the book: pending notes, the last page. */
  finish(): PageStats {
    this.flushNotes()
    if (this.pendingEnds.length > 0) this.ensurePage().ends.push(...this.pendingEnds.splice(0))
    this.finishPage()
    return this.stats
  }
}
