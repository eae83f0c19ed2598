/**
 * Draws composed pages with pdfkit: text runs (split by face for fallback glyphs, each word
 * encoded as the measurer measured it, justified by widening spaces and by letter-spacing, PDF's
 * `Tc`), drop caps, list markers, figures, rules, footnotes, running heads and
 * folios (as pagination artifacts), links, named destinations, bookmarks, page boxes for bleed,
 * and the tagged-PDF structure the composer asked for. Pages are ended as soon as they are drawn
 * (`bufferPages: false`), so the document streams.
 *
 * Text keeps what extraction and assistive technology need: small capitals drawn with the face's
 * `smcp` glyphs map back to their letters (ToUnicode), synthesized ones carry the source text as
 * /ActualText; every link annotation is the object of a `Link` structure element (an OBJR, the
 * annotation's /StructParent pointing back) that also holds the link's marked text.
 *
 * The contents' page numbers are known only when the book is done: each is a form XObject painted
 * inside its entry's marked content (the entry's `Link`, in its `TOCI`), so it is read as part of
 * the entry (ISO 32000-1 §14.7.4.3: a form painted inside a marked-content sequence is content of
 * that sequence's element), and filled in by `finish`. Running heads are set in the face's small
 * capitals throughout (`c2sc` and `smcp`), letter-spaced, when it has both.
 */
import type PDFDocument from 'pdfkit'
import { ByteWriter } from '../../bytes.js'
import { lower as lowerCase, upper } from './case.js'
import type { Face, FontSet } from './fonts.js'
import { SMALL_CAPS } from './inline.js'
import { openingWordEnd } from './layout/cjk.js'
import {
  type Decoration,
  type Letterforms,
  letterformsOf,
  type PlacedRun,
  spaceKind,
} from './layout/types.js'
import { markMetrics, type RuleMetrics } from './marks.js'
import { type FontMeasurer, metrics } from './measure.js'
import { type DrawMemo, type DrawnText, drawnWith } from './memo.js'
import type { Settings } from './options.js'
import type { Box, GridBox, ImageBox, LineBox, Page, StructHandle } from './pages.js'
import { fitRunningHead } from './running-head.js'

type Doc = PDFKit.PDFDocument
type StructElement = PDFKit.PDFStructureElement
type StructContent = PDFKit.PDFStructureContent
type OutlineItem = PDFKit.PDFOutline

/**
 * pdfkit 0.20's annotation options beyond its typings: `structParent` makes the annotation an
 * OBJR child of that element and gives it a /StructParent; `Contents` must be a String object
 * (pdfkit writes plain strings as names).
 */
type Annotate = (
  x: number,
  y: number,
  w: number,
  h: number,
  target: string,
  options: { structParent?: StructElement; Contents: object },
) => Doc

/** A `Link` structure element being drawn: its text's marked content is open. */
interface OpenLink {
  /** The run's `link`, or the contents line's destination: consecutive runs with it join. */
  key: string
  element: StructElement
  content: StructContent
}

/** A link area on the line being drawn, annotated when the line's link changes or it ends. */
interface LinkArea {
  url: string
  x: number
  width: number
  size: number
  text: string
}

interface PageDictionary {
  data: Record<string, unknown>
}

export interface WriterHooks {
  /** Named destination for an internal `#id` link, or undefined when the book has no such id. */
  linkTarget(url: string): string | undefined
  /** An image pdfkit could not decode while drawing. */
  imageFailed(box: ImageBox, error: Error): void
  /** The book's language, whose case rules make capitals (Turkish i → İ). */
  language?: string
}

interface Reference {
  data: Record<string, unknown>
  end(chunk?: string): void
}

interface Embedded {
  id: string
  ref(): Reference
  encode(text: string): [string[], Array<{ xAdvance: number }>]
}

/** A contents page number shown before it is known: drawn into its form when the book is done. */
interface PendingForm {
  form: Reference
  height: number
  dest: string
  right: number
  baseline: number
  size: number
}

/**
 * OpenType features a stretch is drawn with beyond the defaults: the face's small capitals
 * (`smcp`), or small capitals throughout, capitals included (`c2sc` with `smcp`).
 */
type Features = 'smcp' | 'allSmallCaps'

/** fontkit's feature list (a fresh array each time: fontkit fills what it is given). */
function featureList(features: Features): string[] {
  return features === 'smcp' ? ['smcp'] : ['c2sc', 'smcp']
}

/** Words encoded by `encode` (each distinct word once per face and features; tests). */
export const drawStats = { encoded: 0 }

/** Longest bookmark title, characters: a reader's bookmarks panel shows one or two lines of it. */
export const MAX_OUTLINE_TITLE = 200

/**
 * A bookmark's title: a heading of thousands of characters is cut at the last word boundary
 * before `MAX_OUTLINE_TITLE`, never inside a surrogate pair, and ends with an ellipsis.
 */
export function outlineTitle(title: string): string {
  const chars = Array.from(title)
  if (chars.length <= MAX_OUTLINE_TITLE) return title
  const head = chars.slice(0, MAX_OUTLINE_TITLE - 1).join('')
  const space = head.search(/\s\S*$/)
  return `${(space > MAX_OUTLINE_TITLE / 2 ? head.slice(0, space) : head).trimEnd()}…`
}

/** Letter-spacing of a running head in small capitals, ems (Bringhurst: 5 to 10 per cent). */
const HEAD_TRACKING = 0.06

/** A running head as fitted to its measure and drawn on every page that shows it. */
interface FittedHead {
  text: string
  width: number
  size: number
  /** Letter-spacing, points (Tc). */
  letters: number
  /** Set in the face's small capitals throughout; else synthesized (capitals, smaller). */
  allSmallCaps: boolean
}

export class PdfWriter {
  private readonly pending: PendingForm[] = []
  /** The resources every page-number form shares (its font, set by `finish`). */
  private numberResources: Reference | undefined
  private readonly document: StructElement
  private readonly outlineItems = new Map<string, OutlineItem>()
  /**
   * Per features (none, `smcp`, `allSmallCaps` for small capitals) and pdfkit font id: word → its
   * piece of a TJ operand (`encode`); null when pdfkit must draw the word. By features first,
   * each made at the start, rather than a key joined from both: the small capitals, first met
   * after `glyphs` was compiled, sent it back to the interpreter, to join strings or make a map.
   */
  private readonly encoded = new Map<Features | undefined, Map<string, WordTable>>([
    [undefined, new Map()],
    ['smcp', new Map()],
    ['allSmallCaps', new Map()],
  ])
  /**
   * pdfkit's font of each face, by face name (pdfkit keeps one per registered name), and the
   * font resources of the page being drawn, once `glyphs` has asked: read from pdfkit's
   * document once rather than by each `glyphs`. The document changes shape as pdfkit gives it
   * fields, and each new one sent `glyphs`, which read it, back to the interpreter.
   */
  private readonly faceFonts = new Map<string, EmbeddedFace>()
  private pageFonts: Record<string, unknown> | undefined
  /** The page's content as it is drawn (see `page`). */
  private readonly out = new ByteWriter()
  /** A page is being drawn: what is written to `out` is its content. */
  private drawing = false
  /**
   * The text state the page's content has set (`glyphs`), as written: font (empty when unknown)
   * and size (thousandths of a point, -1 when unknown), letter-spacing (Tc, in hundred-thousandths)
   * and horizontal scaling (Tz). It outlives ET, so a line sets only what differs from the line
   * before; anything else drawn finds the default (`settle`).
   */
  private readonly textState = { font: '', size: -1, tc: 0, tz: 100 }
  /** Each face's subset as `subsetState` last saw it (watch mode). */
  private readonly subsets = new Map<EmbeddedFace, SubsetState>()
  /** Running heads as fitted to their measure, by head text (one per chapter at most). */
  private readonly fittedHeads = new Map<string, FittedHead>()
  /** The structure element whose content is being drawn, and its open marked content if any. */
  private open: StructHandle | undefined
  private content: StructContent | undefined
  private openLink: OpenLink | undefined

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontSet,
    private readonly measurer: FontMeasurer,
    private readonly settings: Settings,
    private readonly hooks: WriterHooks,
    /** The last render's drawn text, and this one's for the next (watch mode). */
    private readonly drawn?: DrawMemo,
  ) {
    this.document = doc.struct('Document')
    doc.addStructure(this.document)
  }

  page(page: Page): void {
    const { doc, settings } = this
    const b = settings.bleed
    doc.addPage({ size: [settings.width + 2 * b, settings.height + 2 * b], margin: 0 })
    this.pageFonts = undefined
    // pdfkit turns every content operator written into a Buffer of its own: collect the page's
    // operators as bytes, each with the line end pdfkit adds, in the same order (the text lines
    // are written there directly, `glyphs`), and write them as one chunk when the page is drawn.
    const out = this.out
    out.truncate(0)
    const state = this.textState
    state.font = ''
    state.size = -1
    state.tc = 0
    state.tz = 100
    const write = doc.addContent
    doc.addContent = (data: string) => {
      // Marked content leaves the text state alone; anything else finds it as PDF sets it.
      if (!(data === 'EMC' || data.endsWith(' BDC') || data.endsWith(' BMC'))) this.settle()
      out.text(data)
      out.byte(10)
      return doc
    }
    this.drawing = true
    try {
      this.drawPage(page)
    } finally {
      this.drawing = false
      doc.addContent = write
      if (out.length > 0) doc.addContent(out.take() as unknown as string)
    }
    for (const handle of page.ends) {
      const element = handle.element as StructElement | undefined
      element?.end()
    }
  }

  private drawPage(page: Page): void {
    const { doc, settings } = this
    const b = settings.bleed
    const dictionary = (doc.page as unknown as { dictionary: PageDictionary }).dictionary
    if (b > 0) {
      dictionary.data.TrimBox = [b, b, b + settings.width, b + settings.height]
      dictionary.data.BleedBox = [0, 0, settings.width + 2 * b, settings.height + 2 * b]
    }
    const recto = page.index % 2 === 0
    const left = b + (recto ? settings.inside : settings.outside)
    const top = b + settings.top
    const textWidth = settings.width - settings.inside - settings.outside
    const textHeight = settings.height - settings.top - settings.bottom

    for (const entry of page.outline) {
      const parent = entry.parent ? this.outlineItems.get(entry.parent) : undefined
      const item = (parent ?? doc.outline).addItem(outlineTitle(entry.title))
      this.outlineItems.set(entry.key, item)
    }
    for (const dest of page.dests) doc.addNamedDestination(dest.name, 'XYZ', left, top + dest.y, null)

    this.pagination(page, left, top, textWidth, textHeight, recto)

    const close = () => this.closeStruct()
    const draw = (box: Box, x0: number, y0: number) => {
      if (box.kind === 'rule') {
        close()
        doc.markContent('Artifact', { type: 'Layout' })
        const y = y0 + box.y! + box.height / 2
        doc
          .save()
          .lineWidth(0.4)
          .moveTo(x0 + box.x, y)
          .lineTo(x0 + box.x + box.width, y)
          .stroke()
          .restore()
        doc.endMarkedContent()
        return
      }
      if (box.kind === 'grid') {
        this.grid(box, x0, y0, draw)
        return
      }
      if (box.struct !== this.open) {
        close()
        if (box.struct) {
          this.open = box.struct
          this.element(box.struct)
        }
      }
      if (box.kind === 'image') {
        this.linkTo(undefined)
        this.image(box, x0, y0)
      } else this.line(box, x0, y0)
    }
    for (const box of page.boxes) draw(box, left, top)
    close()
    if (page.notes.length > 0) {
      const notesTop = top + textHeight + page.extra - page.noteHeight
      doc.markContent('Artifact', { type: 'Layout' })
      const ruleY = notesTop + settings.leading * 0.35
      doc
        .save()
        .lineWidth(0.4)
        .moveTo(left, ruleY)
        .lineTo(left + textWidth / 4, ruleY)
        .stroke()
        .restore()
      doc.endMarkedContent()
      const linesTop = notesTop + settings.leading * 0.9
      for (const line of page.notes) {
        if (line.dest) doc.addNamedDestination(line.dest, 'XYZ', left, linesTop + line.y!, null)
        draw(line, left, linesTop)
      }
      close()
    }
  }

  /**
   * Paint the form that will hold a contents entry's page number, inside the entry's marked
   * content (its `Link`), so the number is read with the entry; `finish` fills the form.
   */
  private pageNumber(pageOf: NonNullable<LineBox['pageOf']>, right: number, baseline: number): void {
    const { doc } = this
    const height = this.settings.height + 2 * this.settings.bleed
    const ref = (doc as unknown as { ref(data: unknown): Reference }).ref.bind(doc)
    this.numberResources ??= ref({})
    const form = ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, this.settings.width + 2 * this.settings.bleed, height],
      Resources: this.numberResources,
    })
    const name = `Pn${this.pending.length + 1}`
    ;(doc.page as unknown as { xobjects: Record<string, Reference> }).xobjects[name] = form
    // pdfkit's page space is flipped (y down); the form is written in PDF's own space.
    doc.addContent(`q 1 0 0 -1 0 ${height} cm /${name} Do Q`)
    this.pending.push({ form, height, dest: pageOf.dest, right, baseline, size: pageOf.size })
  }

  /** Write the contents' page numbers, now that every destination has its page. */
  finish(labels: Map<string, string>): void {
    const { doc } = this
    doc.font('regular')
    const font = (doc as unknown as { _font: Embedded })._font
    for (const n of this.pending) {
      const label = labels.get(n.dest) ?? ''
      let content = ''
      if (label) {
        const width = this.measurer.width(label, 'regular', n.size)
        const [glyphs] = font.encode(label)
        content = `BT /${font.id} ${n.size} Tf 1 0 0 1 ${(n.right - width).toFixed(3)} ${(n.height - n.baseline).toFixed(3)} Tm <${glyphs.join('')}> Tj ET`
      }
      n.form.end(content)
    }
    if (this.numberResources) {
      this.numberResources.data.Font = { [font.id]: font.ref() }
      this.numberResources.end()
      this.numberResources = undefined
    }
    this.pending.length = 0
  }

  /** Running head and folio, marked as pagination artifacts so they stay out of the reading order. */
  private pagination(
    page: Page,
    left: number,
    top: number,
    width: number,
    height: number,
    recto: boolean,
  ): void {
    const { doc, settings } = this
    const size = settings.fontSize * 0.85
    const headBaseline = top - settings.leading * 1.4
    if (page.head || page.folio) doc.markContent('Artifact', { type: 'Pagination' })
    if (page.head) {
      // Long titles are cut rather than allowed to run into the folio; each head is fitted once.
      let head = this.fittedHeads.get(page.head)
      if (head === undefined) {
        head = this.fitHead(page.head, width * 0.7, size)
        this.fittedHeads.set(page.head, head)
      }
      const x = left + (width - head.width) / 2
      if (head.allSmallCaps) {
        // The glyphs of small capitals map back to lower case (see `include`): the head's own
        // case is given as /ActualText.
        doc.markContent('Span', { actual: head.text })
        this.text(
          head.text,
          this.fonts.primary.regular,
          head.size,
          0,
          x,
          headBaseline,
          head.letters,
          'allSmallCaps',
        )
        doc.endMarkedContent()
      } else {
        const run: PlacedRun = {
          text: head.text,
          style: 'regular',
          size: head.size,
          x: 0,
          width: 0,
          wordSpacing: 0,
        }
        this.run(run, x, headBaseline)
      }
      if (page.folio) {
        const fw = this.measurer.width(page.label, 'regular', size)
        this.run(
          { text: page.label, style: 'regular', size, x: 0, width: fw, wordSpacing: 0 },
          recto ? left + width - fw : left,
          headBaseline,
        )
      }
    } else if (page.folio) {
      const fw = this.measurer.width(page.label, 'regular', size)
      const footBaseline = top + height + settings.leading * 1.8
      this.run(
        { text: page.label, style: 'regular', size, x: 0, width: fw, wordSpacing: 0 },
        left + (width - fw) / 2,
        footBaseline,
      )
    }
    if (page.head || page.folio) doc.endMarkedContent()
  }

  /**
   * A running head fitted to `maxWidth` (`fitRunningHead`, measured as drawn): in the face's small
   * capitals throughout, letter-spaced, when it has `c2sc` and `smcp` and every glyph of the head
   * (every word drawn as one TJ); else synthesized, upper-cased at the small-capitals size.
   */
  private fitHead(head: string, maxWidth: number, size: number): FittedHead {
    const face = this.fonts.primary.regular
    const available = face.font.availableFeatures
    if (
      available.includes('c2sc') &&
      available.includes('smcp') &&
      this.measurer.segments(head, 'regular').every((segment) => segment.face === face)
    ) {
      const letters = size * HEAD_TRACKING
      const widthOf = (s: string) => allSmallCapsWidth(face, s, size, letters)
      const text = fitRunningHead(head, maxWidth, widthOf)
      const font = (this.doc.font(face.name) as unknown as { _font: EmbeddedFace })._font
      const words = text.split(/\s+/).filter((w) => w !== '')
      if (words.every((w) => this.encode(font, face, w, 'allSmallCaps') !== undefined))
        return { text, width: widthOf(text), size, letters, allSmallCaps: true }
    }
    const capitals = size * SMALL_CAPS
    const widthOf = (s: string) => this.measurer.width(s, 'regular', capitals)
    const text = fitRunningHead(upper(head, this.hooks.language), maxWidth, widthOf)
    return { text, width: widthOf(text), size: capitals, letters: 0, allSmallCaps: false }
  }

  /**
   * Make `key` the link being drawn: end the open link if it differs (its element ends on this
   * page, so pdfkit writes its OBJRs with this page's /Pg), then open a `Link` element inside the
   * current one, or, for no link, the current element's own marked content (opened lazily, so
   * nothing empty is marked). Outside any structure element nothing is marked.
   */
  private linkTo(key: string | undefined): void {
    const { doc } = this
    if (this.openLink && this.openLink.key !== key) this.endLink()
    if (!this.open) return
    if (key === undefined) {
      if (!this.content) this.content = doc.markStructureContent(this.open.type)
      return
    }
    if (this.openLink) return
    const parent = this.element(this.open)
    if (this.content) {
      doc.endMarkedContent()
      parent.add(this.content)
      this.content = undefined
    }
    const element = doc.struct('Link')
    parent.add(element)
    this.openLink = { key, element, content: doc.markStructureContent('Link') }
  }

  /** End the open link's marked content and its element. */
  private endLink(): void {
    const link = this.openLink
    if (!link) return
    this.openLink = undefined
    this.doc.endMarkedContent()
    link.element.add(link.content)
    link.element.end()
  }

  /** End the marked content of the current structure element (and of its open link). */
  private closeStruct(): void {
    this.endLink()
    if (this.open && this.content) {
      this.doc.endMarkedContent()
      this.element(this.open).add(this.content)
    }
    this.open = undefined
    this.content = undefined
  }

  private element(handle: StructHandle): StructElement {
    if (!handle.element) {
      const options: { alt?: string; title?: string; lang?: string } = {}
      if (handle.alt !== undefined) options.alt = handle.alt
      if (handle.title !== undefined) options.title = handle.title
      if (handle.lang !== undefined) options.lang = handle.lang
      const element = this.doc.struct(handle.type, options)
      // pdfkit has no option for attributes; plain strings in its objects are written as names.
      if (handle.attributes)
        (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
          ...handle.attributes,
        }
      const parent = handle.parent ? this.element(handle.parent) : this.document
      parent.add(element)
      handle.element = element
    }
    return handle.element as StructElement
  }

  private line(box: LineBox, x0: number, y0: number): void {
    const baseline = y0 + box.y! + box.ascent
    const lineX = x0 + box.x
    // The drop cap and the list marker come first in the content, as they are read.
    if (box.dropCap || box.marker) this.linkTo(undefined)
    let runs = box.line.runs
    if (box.dropCap) {
      const cap = box.dropCap
      // Cap, punctuation and the rest of the first word in one span read as the word whole
      // (else copy and search give "T his"); a link or capitals span there keeps its own.
      const first = runs[0]
      const word = first ? first.text.slice(0, openingWordEnd(first.text)) : ''
      const next = word === first?.text ? runs[1] : undefined
      const whole =
        cap.actual !== undefined &&
        (!first ||
          (!first.link &&
            letterformsOf(first) !== 'capitals' &&
            cap.actual.endsWith(word) &&
            (!next || /^\s/u.test(next.text))))
      if (whole) this.doc.markContent('Span', { actual: cap.actual })
      if (cap.quote) {
        const q = cap.quote
        this.run(
          { text: q.text, style: 'regular', size: q.size, x: 0, width: 0, wordSpacing: 0 },
          x0 + q.x,
          y0 + box.y! + q.baseline,
        )
      }
      this.run(
        { text: cap.text, style: 'regular', size: cap.size, x: 0, width: 0, wordSpacing: 0 },
        x0 + cap.x,
        y0 + box.y! + cap.baseline,
      )
      if (whole && first) {
        const [head, tail] = this.splitWord(first)
        if (head) this.run(head, lineX + head.x, baseline)
        runs = tail ? [tail, ...runs.slice(1)] : runs.slice(1)
      }
      if (whole) this.doc.endMarkedContent()
    }
    if (box.marker) {
      const m = box.marker
      this.run(
        { text: m.text, style: 'regular', size: m.size, x: 0, width: 0, wordSpacing: 0 },
        x0 + m.x,
        baseline,
      )
    }
    // A contents line is one link to its chapter; elsewhere runs with a link whose target exists.
    const goTo = box.goTo && this.open ? `\u0000${box.goTo}` : undefined
    let area: LinkArea | undefined
    for (const run of runs) {
      const url = run.link && this.target(run.link) ? run.link : undefined
      if (area && area.url !== url) {
        this.annotate(area, baseline)
        area = undefined
      }
      this.linkTo(goTo ?? url)
      let y = baseline
      if (run.superscript) y -= (run.size / 0.62) * 0.36
      // pdfkit's page space runs down: a raised script is drawn above the baseline.
      if (run.shift) y -= run.shift
      const draw = () => {
        this.run(run, lineX + run.x, y, true)
        if (run.underline || run.strike) this.decorate(run, lineX + run.x, baseline)
      }
      // A marked run outside a link is a Span saying what its look means (PDF/UA), or its language.
      if (this.open && !this.openLink && (run.underline || run.strike || run.shift || run.lang))
        this.span(run, draw)
      else draw()
      if (!url) continue
      if (area) {
        area.width = run.x + run.width - (area.x - lineX)
        area.size = Math.max(area.size, run.size)
        area.text += run.text
      } else area = { url, x: lineX + run.x, width: run.width, size: run.size, text: run.text }
    }
    if (area) this.annotate(area, baseline)
    if (box.pageOf) {
      // In the entry's marked content: a contents line is one link, number included.
      this.linkTo(goTo)
      this.pageNumber(box.pageOf, x0 + box.pageOf.right, baseline)
    }
    if (box.goTo) {
      const text = box.line.runs.map((run) => run.text).join('')
      const options = this.annotationOptions(text, box.goTo)
      const goToLink = this.doc.goTo as unknown as Annotate
      goToLink.call(this.doc, lineX, baseline - box.ascent, box.measure, box.height, box.goTo, options)
    }
  }

  /**
   * A band of table rows: the cell frames as layout artifacts, then the cells' lines in reading
   * order, each in its cell's structure element (`TH`/`TD` in `TR`s), or all as one pagination
   * artifact for head rows repeated on a later page.
   */
  private grid(box: GridBox, x0: number, y0: number, draw: (box: Box, x0: number, y0: number) => void): void {
    const { doc } = this
    const top = y0 + box.y!
    this.closeStruct()
    doc.markContent('Artifact', { type: 'Layout' })
    doc.save().lineWidth(0.5)
    for (const f of box.frames) doc.rect(x0 + f.x, top + f.y, f.width, f.height).stroke()
    if (box.headRule !== undefined && box.frames.length > 0) {
      const left = Math.min(...box.frames.map((f) => f.x))
      const right = Math.max(...box.frames.map((f) => f.x + f.width))
      doc
        .lineWidth(1.2)
        .moveTo(x0 + left, top + box.headRule)
        .lineTo(x0 + right, top + box.headRule)
        .stroke()
    }
    doc.restore()
    doc.endMarkedContent()
    if (box.artifact) {
      doc.markContent('Artifact', { type: 'Pagination' })
      for (const line of box.lines) this.line(line, x0, top)
      this.endLink()
      doc.endMarkedContent()
      return
    }
    for (const line of box.lines) draw(line, x0, top)
    this.closeStruct()
  }

  /**
   * Draw a marked run as a `Span` of the current element, with the Layout attributes PDF/UA asks
   * for: `TextDecorationType` (`LineThrough` wins over `Underline`: there is one value) and
   * `BaselineShift` in points, and its `/Lang` when its language is not its paragraph's. The
   * element's own marked content resumes after it.
   */
  private span(run: PlacedRun, draw: () => void): void {
    const { doc } = this
    const parent = this.element(this.open!)
    if (this.content) {
      doc.endMarkedContent()
      parent.add(this.content)
      this.content = undefined
    }
    const element = doc.struct('Span', run.lang ? { lang: run.lang } : {})
    if (run.underline || run.strike || run.shift) {
      // pdfkit writes plain strings as names, which is what these attribute values are.
      const attributes: Record<string, string | number> = { O: 'Layout' }
      if (run.strike) attributes.TextDecorationType = 'LineThrough'
      else if (run.underline) attributes.TextDecorationType = 'Underline'
      if (run.shift) attributes.BaselineShift = Math.round(run.shift * 1000) / 1000
      ;(element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A =
        attributes
    }
    parent.add(element)
    const content = doc.markStructureContent('Span')
    draw()
    doc.endMarkedContent()
    element.add(content)
    element.end()
  }

  /**
   * The author's underline and strike-through under or through a run as drawn: filled rules at
   * the face's own position and thickness (`marks.ts`), measured at the size and baseline of the
   * text the mark was set on, so a rule stays level across a raised figure. The rules are part of
   * the run's content (the text's structure element), not artifacts: they are what the mark means.
   */
  private decorate(run: PlacedRun, x: number, baseline: number): void {
    const face = this.fonts.primary[run.style]
    const metrics = markMetrics(face.font)
    const rules: Array<[Decoration, RuleMetrics]> = []
    if (run.underline) rules.push([run.underline, metrics.underline])
    if (run.strike) rules.push([run.strike, metrics.strike])
    // A run's trailing spaces at a line's end are not drawn, so neither is their rule.
    const width = run.text.endsWith(' ') && run.text.trim() === '' ? 0 : run.width
    if (width <= 0) return
    this.doc.save()
    for (const [at, rule] of rules) {
      const thickness = Math.max(0.25, rule.thickness * at.size)
      const centre = baseline - at.shift - rule.centre * at.size
      this.doc.rect(x, centre - thickness / 2, width, thickness).fill()
    }
    this.doc.restore()
  }

  /** Where a run's link goes: a named destination for `#id` (undefined when missing), or the URL. */
  private target(url: string): string | undefined {
    return url.startsWith('#') ? this.hooks.linkTarget(url) : url
  }

  /**
   * Annotate a link area: a GoTo to a named destination or a URI, with its text (or, for text
   * that is blank, the target) as /Contents and, inside a structure element, as an OBJR of the
   * open `Link` element.
   */
  private annotate(area: LinkArea, baseline: number): void {
    const target = this.target(area.url)
    if (!target) return
    const top = baseline - area.size * 0.9
    const options = this.annotationOptions(area.text, target)
    const annotate = (area.url.startsWith('#') ? this.doc.goTo : this.doc.link) as unknown as Annotate
    annotate.call(this.doc, area.x, top, area.width, area.size * 1.2, target, options)
  }

  /** /Contents (the alternate description PDF/UA asks of a link) and the `Link` element. */
  private annotationOptions(text: string, target: string): Parameters<Annotate>[5] {
    const contents = text.replace(/\s+/g, ' ').trim() || target
    return this.openLink
      ? { structParent: this.openLink.element, Contents: new String(contents) }
      : { Contents: new String(contents) }
  }

  /**
   * A run cut after its first word: the word (measured as the breaker did, each word shaped
   * alone, with the run's `Tc` after each glyph) and the rest from the space on.
   */
  private splitWord(run: PlacedRun): [PlacedRun | undefined, PlacedRun | undefined] {
    const word = run.text.slice(0, openingWordEnd(run.text))
    if (!word) return [undefined, run]
    if (word.length === run.text.length) return [run, undefined]
    const forms = letterformsOf(run)
    const cs = run.characterSpacing ?? 0
    const width =
      this.measurer.width(word, run.style, run.size, forms) * (run.expansion ?? 1) +
      (cs ? this.measurer.glyphCount(word, run.style, forms) * cs : 0)
    return [
      { ...run, text: word, width },
      { ...run, text: run.text.slice(word.length), x: run.x + width, width: run.width - width },
    ]
  }

  /**
   * Draw one run at its baseline, face by face; x advances as the measurer measured. With
   * letter-spacing (`characterSpacing`, PDF `Tc`) every glyph drawn, each word space included, is
   * followed by the Tc, as the breaker counted: a stretch advances by its natural width plus
   * `gaps * (wordSpacing + cs) + glyphs * cs`. Synthesized small capitals (`capitals`) are drawn
   * upper-cased inside a /Span whose /ActualText is the text as written. `laidOut`: one of a
   * paragraph layout's own runs (not made for this page, as a folio is), which the next render
   * may draw again (`DrawMemo`).
   */
  private run(run: PlacedRun, x: number, baseline: number, laidOut = false): void {
    const forms = letterformsOf(run)
    const actual = forms === 'capitals' && run.text.trim() !== ''
    if (actual) this.doc.markContent('Span', { actual: run.text })
    const segments = this.measurer.segments(run.text, run.style)
    const cs = run.characterSpacing ?? 0
    const scale = run.expansion ?? 1
    let cursor = x
    for (let k = 0; k < segments.length; k++) {
      const segment = segments[k]!
      const face = metrics(segment.face)
      let text = segment.text
      // Only the first stretch can start with white space (it stays with the stretch before).
      let lead = 0
      while (lead < text.length && spaceKind(text.charCodeAt(lead)) === 1) lead++
      if (lead) {
        cursor += lead * (face.space * run.size + run.wordSpacing + cs)
        text = text.slice(lead)
      }
      // Capitals by the book's language's rules (Turkish i → İ), measured as drawn.
      const shown = forms === 'capitals' ? upper(text, this.hooks.language) : text
      const shownForms = forms === 'capitals' ? undefined : forms
      // A lone segment's width is the run's, as the breaker measured it; others are measured here.
      // Expanded glyphs are `scale` times as wide; word spaces are not (see `PlacedRun.expansion`).
      const width =
        segments.length === 1 && !lead
          ? run.width
          : segmentWidth(face, run, text, shown, shownForms, scale, cs)
      if (text.trim()) {
        const features = forms === 'smallCaps' && face.smcp ? 'smcp' : undefined
        // A laid-out run drawn whole in one face is known by itself to the next render.
        const whole = laidOut && segments.length === 1 && !lead && shown === run.text ? run : undefined
        this.text(
          shown,
          segment.face,
          run.size,
          run.wordSpacing,
          cursor,
          baseline,
          cs,
          features,
          scale,
          whole,
        )
      }
      cursor += width
    }
    if (actual) this.doc.endMarkedContent()
  }

  /**
   * Draw one stretch in one face: as one TJ (`glyphs`), or, when a glyph needs offsets only
   * pdfkit's own path writes, word by word through pdfkit's `_fragment` (the step of `text()`
   * that writes glyphs) at the places the measurer gives. `wordSpacing` and `letters` are as
   * shown on the page; with font expansion (`scale`, PDF `Tz`, which scales Tc, Tw and TJ
   * shifts as well as the glyphs) the operands written are divided back, and the word spaces
   * given back what the scale adds to them.
   */
  private text(
    text: string,
    face: Face,
    size: number,
    wordSpacing: number,
    x: number,
    baseline: number,
    letters: number,
    features: Features | undefined,
    scale = 1,
    run?: PlacedRun,
  ): void {
    this.doc.font(face.name).fontSize(size)
    // Tz as written (four decimals of a percent), and the Tc and word spacing that, scaled by it,
    // show as asked: a word space is (space + Tw + Tc) × scale on the page.
    const tz = scale === 1 ? 100 : Math.round(scale * 1e6) / 1e4
    const z = tz / 100
    const space = metrics(face).space * size
    const pdfLetters = z === 1 ? letters : letters / z
    const pdfWordSpacing = z === 1 ? wordSpacing : (space + wordSpacing) / z - space
    if (this.glyphs(text, face, size, pdfWordSpacing, x, baseline, pdfLetters, features, tz, run)) return
    const doc = this.doc as unknown as Doc & {
      _fragment(text: string, x: number, y: number, options: object): void
    }
    const m = metrics(face)
    const forms: Letterforms | undefined = features === 'smcp' ? 'smallCaps' : undefined
    const options = {
      baseline: 'alphabetic',
      characterSpacing: pdfLetters,
      ...(tz !== 100 ? { horizontalScaling: tz } : {}),
      ...(features ? { features: featureList(features) } : {}),
    }
    let wx = x
    let start = 0
    for (let i = 0; i <= text.length; i++) {
      const kind = i === text.length ? 3 : spaceKind(text.charCodeAt(i))
      if (kind === 0) continue
      if (i > start) {
        const word = text.slice(start, i)
        doc._fragment(word, wx, baseline, options)
        const shaped = features === 'allSmallCaps' ? shapeAllSmallCaps(face, word) : undefined
        wx += shaped
          ? shaped.width * size * z + shaped.glyphs * letters
          : m.word(word, forms) * size * z + m.glyphCount(word, forms) * letters
      }
      if (kind === 1) wx += m.space * size + wordSpacing + letters
      else if (kind === 2) wx += m.fixedSpace(text.charCodeAt(i)).width * size * z
      start = i + 1
    }
  }

  /**
   * Write one stretch of text as a single TJ with the current face: each word as measured (the
   * pair model of `measure.ts`, or pdfkit's shaping of the word, with `smcp` for small capitals),
   * word spaces as real space glyphs (so text extraction sees words) at the face's space advance
   * widened by the justification, fixed spaces at their fixed width with the Tc after them taken
   * back. `wordSpacing` and `letters` are the operands written, before `tz` (PDF `Tz`, percent)
   * scales them. False when a glyph needs an offset pdfkit handles.
   *
   * Glyphs with no shift between them share one string, across words and spaces too (`(…␀␁…)`
   * where a space and its neighbours were `(…) (␀␁) (…)`): a TJ string's glyphs are
   * placed one after the other exactly as in strings side by side, so the page is the same.
   */
  private glyphs(
    text: string,
    face: Face,
    size: number,
    wordSpacing: number,
    x: number,
    baseline: number,
    letters: number,
    features: Features | undefined,
    tz = 100,
    run?: PlacedRun,
  ): boolean {
    // The face's font, which `text` has just made pdfkit's current font.
    const font = this.faceFonts.get(face.name) ?? this.currentFont(face.name)
    // Rebuilding (watch mode): the text as the last render drew it, when drawing it now would
    // write the same bytes (`drawsAsKept`; see `DrawMemo`).
    const memo = run ? this.drawn : undefined
    const subset = memo ? this.subsetState(font) : undefined
    const count = subset ? subset.count : 0
    const subsetHash = subset ? subset.hash : 0
    const subsetMix = subset ? subset.mix : 0
    const ways = memo?.find(run!)
    let kept: DrawnText | undefined
    if (ways) {
      for (const drawn of ways) {
        if (
          drawnWith(drawn, text, face.name, features, size, wordSpacing, letters) &&
          this.drawsAsKept(font, drawn, count, subsetHash, subsetMix)
        ) {
          kept = drawn
          break
        }
      }
    }
    // The word space's glyph is added first, drawn or not, kept or not, as it always was.
    const space = this.encode(font, face, ' ', undefined)
    if (space === undefined) return false
    const out = this.out
    if (!this.drawing) this.settle()
    const mark = out.length
    // pdfkit's page space runs y down; the text matrix flips it back for upright glyphs.
    // Letter spacing (Tc), font expansion (Tz), font and size are text state, which outlives ET:
    // each is written where it differs from what the page's content has set (`textState`).
    // Tc is added after each of some sixty glyphs a line: five decimals keep the sum exact.
    // Numbers are kept in whole units of their last place and written as bytes (`decimal`): as
    // strings, each line made some ten of them for the collector.
    const state = this.textState
    const tc = letters ? Math.round(letters * 1e5) : 0
    const fontSize = Math.round(size * 1000)
    out.text('BT ')
    if (tc !== state.tc) {
      out.decimal(tc, 1e5)
      out.text(' Tc ')
    }
    if (tz !== state.tz) {
      // `tz` is a whole number of ten-thousandths (`text`): written as `String(tz)` would be.
      out.decimal(Math.round(tz * 1e4), 1e4)
      out.text(' Tz ')
    }
    out.text('1 0 0 -1 ')
    out.decimal(Math.round(x * 1000), 1000)
    out.byte(SPACE)
    out.decimal(Math.round(baseline * 1000), 1000)
    out.text(' Tm')
    if (font.id !== state.font || fontSize !== state.size) {
      out.text(' /')
      out.text(font.id)
      out.byte(SPACE)
      out.decimal(fontSize, 1000)
      out.text(' Tf')
    }
    out.text(' [(')
    // Then the TJ's operand up to its last `)`: words as `encode` keeps them, in which a shift
    // closes the string and opens the next (`…) 15 (…`).
    const body = out.length
    if (kept) {
      memo!.taken(run!, kept)
      this.replay(font, kept)
      out.bytes(kept.chunk, kept.at, kept.length)
    } else if (!this.encodeLine(text, font, face, size, wordSpacing, letters, features, space, mark))
      return false
    else if (memo)
      memo.made(
        run!,
        memo.keeping
          ? this.drawnText(
              text,
              font,
              face,
              size,
              wordSpacing,
              letters,
              features,
              count,
              subsetHash,
              subsetMix,
              body,
            )
          : undefined,
      )
    if (out.length === body) {
      out.truncate(mark)
      return true
    }
    const fonts = this.pageFonts ?? this.fontsOfPage()
    if (fonts[font.id] == null) fonts[font.id] = font.ref()
    // A shift last leaves an empty string open (`… 6 (`): it is dropped, not written as `()`.
    // (A glyph's own `(` byte is escaped, `\(`: an open one after a space is always a shift's.)
    if (out.peek(1) === OPEN && out.peek(2) === SPACE) out.truncate(out.length - 2)
    else out.byte(CLOSE)
    out.text('] TJ ET\n')
    state.tc = tc
    state.tz = tz
    state.font = font.id
    state.size = fontSize
    // Drawn outside a page (not done today): written at once, the text state put back.
    if (!this.drawing) {
      this.settle()
      this.doc.addContent(out.take() as unknown as string)
    }
    return true
  }

  /**
   * The body of a line of `glyphs`: its words as `encode` keeps them, word spaces widened by the
   * justification, other spaces as `otherSpace` writes them. False (the line's bytes taken
   * back to `mark`) when a word needs what only pdfkit's own path draws.
   */
  private encodeLine(
    text: string,
    font: EmbeddedFace,
    face: Face,
    size: number,
    wordSpacing: number,
    letters: number,
    features: Features | undefined,
    space: Uint8Array,
    mark: number,
  ): boolean {
    const out = this.out
    const stretch = round3((-wordSpacing * 1000) / size)
    // A word space is its glyph and, in a justified line, the shift after it: one piece of
    // bytes for the line, written at each space in one call.
    const spaceRun = stretch === '0' ? space : withShift(space, stretch)
    // Most words were encoded before: found here by their characters in the text (hashed on the
    // way), `encode` only the new ones.
    const table = this.encodedFor(font, features)
    let start = 0
    let hash = HASH_SEED
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 0
      const kind = i === text.length ? 3 : spaceKind(c)
      if (kind === 0) {
        hash = Math.imul(hash ^ c, HASH_PRIME)
        continue
      }
      if (i > start) {
        const at = table.find(text, start, i, hash)
        const word =
          at >= 0
            ? (table.value(at) ?? undefined)
            : this.encode(font, face, text.slice(start, i), features, hash)
        if (word === undefined) {
          out.truncate(mark)
          return false
        }
        out.bytes(word)
      }
      if (kind === 1 && c === 32) {
        out.bytes(spaceRun)
      } else if (kind !== 3) this.otherSpace(font, face, c, kind, size, wordSpacing, letters)
      start = i + 1
      hash = HASH_SEED
    }
    return true
  }

  /**
   * Where a subset stands (watch mode): its glyph count and two hashes of its glyph ids in order,
   * brought up to date with the glyphs added since it was last asked (by `include`, and by
   * pdfkit's own drawing, which `glyphs` leaves some words to).
   */
  private subsetState(font: EmbeddedFace): SubsetState {
    let state = this.subsets.get(font)
    if (!state) {
      state = { count: 0, hash: HASH_SEED, mix: 0 }
      this.subsets.set(font, state)
    }
    const glyphs = font.subset.glyphs
    while (state.count < glyphs.length) {
      const id = glyphs[state.count++]!
      state.hash = Math.imul(state.hash ^ id, HASH_PRIME)
      state.mix = mixIn(state.mix, id)
    }
    return state
  }

  /** A line `glyphs` has just drawn (its body from `body`), for the next render (`DrawMemo`). */
  private drawnText(
    text: string,
    font: EmbeddedFace,
    face: Face,
    size: number,
    wordSpacing: number,
    letters: number,
    features: Features | undefined,
    count: number,
    hash: number,
    mix: number,
    body: number,
  ): DrawnText {
    const out = this.out
    const { chunk, at } = this.drawn!.keepBytes(out.since(body))
    const added = font.subset.glyphs.length > count ? font.subset.glyphs.slice(count) : NONE
    const widths: number[] = added.length > 0 ? [] : NONE
    const unicode: number[][] = added.length > 0 ? [] : NO_CODE_POINTS
    for (let gid = count; gid < count + added.length; gid++) {
      widths.push(font.widths[gid]!)
      unicode.push(font.unicode[gid]!)
    }
    return {
      text,
      face: face.name,
      features,
      size,
      wordSpacing,
      letters,
      count,
      hash,
      mix,
      added,
      widths,
      unicode,
      subset: font.subset.glyphs,
      chunk,
      at,
      length: out.length - body,
    }
  }

  /**
   * Whether a kept line drawn now writes its kept bytes: the subset is as it was when the line
   * was drawn (the glyphs it added then are added again, `replay`), or every glyph it shows is
   * in the subset with the code it had (then drawing it adds none of them: the word space's
   * glyph, which `glyphs` adds first whether a space shows or not, is added before).
   */
  private drawsAsKept(
    font: EmbeddedFace,
    drawn: DrawnText,
    count: number,
    hash: number,
    mix: number,
  ): boolean {
    if (drawn.count === count && drawn.hash === hash && drawn.mix === mix) return true
    const glyphs = font.subset.glyphs
    drawn.codes ??= glyphCodes(drawn.chunk.subarray(drawn.at, drawn.at + drawn.length), drawn.subset)
    const codes = drawn.codes
    for (let k = 0; k < codes.length; k += 2) if (glyphs[codes[k]!] !== codes[k + 1]) return false
    return true
  }

  /**
   * Add to the subset the glyphs a kept line added when it was drawn, in their order, with the
   * width and code points each was given: the subset, as it was when the line was drawn, ends
   * as drawing the line would leave it.
   */
  private replay(font: EmbeddedFace, drawn: DrawnText): void {
    for (let k = 0; k < drawn.added.length; k++) {
      const gid = font.subset.includeGlyph(drawn.added[k]!)
      if (font.widths[gid] == null) font.widths[gid] = drawn.widths[k]!
      if (font.unicode[gid] == null) font.unicode[gid] = drawn.unicode[k]!
    }
  }

  /**
   * A space of `glyphs` other than U+0020 (`kind` as `spaceKind` gives), written to the line:
   * another word space (NBSP…), its own glyph if the face has one, at the space's width; a fixed
   * space at its fixed width. A method apart, and one for both: a branch of `glyphs` first taken after it was
   * compiled sent it back to the interpreter, and these come rarely (one of each is enough).
   */
  private otherSpace(
    font: EmbeddedFace,
    face: Face,
    c: number,
    kind: number,
    size: number,
    wordSpacing: number,
    letters: number,
  ): void {
    const m = metrics(face)
    if (kind === 1) {
      const id = face.font.glyphForCodePoint(c).id
      const advance = m.space * 1000 + (wordSpacing * 1000) / size
      this.place(font, id || face.font.glyphForCodePoint(32).id, id ? c : 32, advance)
      return
    }
    const fixed = m.fixedSpace(c)
    // Tc is added after every glyph; a fixed space takes it back, so its width never varies.
    const advance = fixed.width * 1000 - (letters * 1000) / size
    this.place(font, fixed.glyph || face.font.glyphForCodePoint(32).id, fixed.glyph ? c : 32, advance)
  }

  /** pdfkit's current font, for `glyphs`: that of the face named (see `faceFonts`). */
  private currentFont(name: string): EmbeddedFace {
    const font = (this.doc as unknown as { _font: EmbeddedFace })._font
    this.faceFonts.set(name, font)
    return font
  }

  /** The font resources of the page being drawn (pdfkit makes them on first asking). */
  private fontsOfPage(): Record<string, unknown> {
    const fonts = (this.doc.page as unknown as { fonts: Record<string, unknown> }).fonts
    this.pageFonts = fonts
    return fonts
  }

  /**
   * Put the text state back to PDF's default before content that is not a line of `glyphs`
   * (pdfkit's text, a rule, an image, a form painted on the page: a page number's form inherits
   * the state), and forget the font (that content may set its own).
   */
  private settle(): void {
    const state = this.textState
    if (state.tc !== 0 || state.tz !== 100) {
      const reset = state.tc !== 0 && state.tz !== 100 ? '0 Tc 100 Tz' : state.tc !== 0 ? '0 Tc' : '100 Tz'
      this.out.text(`${reset}\n`)
      state.tc = 0
      state.tz = 100
    }
    state.font = ''
    state.size = -1
  }

  /**
   * One glyph written to the line as a TJ piece (the form `encode` gives words) with the advance
   * asked (thousandths of an em; the Tc after it comes on top), as a shift after it where that
   * differs from its /W width.
   */
  private place(font: EmbeddedFace, id: number, codePoint: number, advance: number): void {
    const gid = this.include(font, id, codePoint)
    writeGlyph(this.out, gid, round3(font.widths[gid]! - advance))
  }

  /**
   * Put a glyph in the document's subset of the face, with its /W width and ToUnicode entry.
   * The first use maps it: a small capital `e.sc` reached through `smcp` carries the code point
   * of its `e`, so the text comes back in its own case; one reached from a capital through
   * `c2sc` (`lower`) is mapped to the lower-case letter too, as its `smcp` use would be (one
   * glyph, one mapping: whatever draws it first must not change how the other reads; text drawn
   * so carries its own case as /ActualText).
   */
  private include(
    font: EmbeddedFace,
    id: number,
    codePoints: number | readonly number[],
    lower = false,
  ): number {
    const gid = font.subset.includeGlyph(id)
    if (font.widths[gid] == null) font.widths[gid] = font.font.getGlyph(id).advanceWidth * font.scale
    if (font.unicode[gid] == null) {
      const cps = typeof codePoints === 'number' ? [codePoints] : [...codePoints]
      font.unicode[gid] = lower
        ? toCodePoints(lowerCase(String.fromCodePoint(...cps), this.hooks.language))
        : cps
    }
    return gid
  }

  /** The encoded words of a face with these features (see `encoded`). */
  private encodedFor(font: EmbeddedFace, features: Features | undefined): WordTable {
    const tables = this.encoded.get(features)!
    let table = tables.get(font.id)
    if (!table) {
      table = new WordTable()
      tables.set(font.id, table)
    }
    return table
  }

  /**
   * A word's glyphs in this document's subset of the face, as a piece of a TJ array's operand
   * between its first `(` and last `)` (`glyphs` joins a line's words with nothing between):
   * glyph ids as two bytes each, escaped where a literal string needs it (`LITERAL_ESCAPES`), and
   * after each glyph whose advance differs from its width in the font's /W array, the shift
   * (thousandths of an em) closing the string and opening the next: `…) 15 (…` (`writeGlyph`).
   * Fast-path words (see `measure.ts`) are encoded from the pair model that measured them (the
   * small capitals' own, for `smcp`); others, and all small capitals, from shaping with the
   * features. Cached per face, features and word;
   * undefined when a glyph needs an offset (marks), which only pdfkit's own path draws.
   */
  private encode(
    font: EmbeddedFace,
    face: Face,
    word: string,
    features: Features | undefined,
    hash = hashOf(word),
  ): Uint8Array | undefined {
    const table = this.encodedFor(font, features)
    const at = table.find(word, 0, word.length, hash)
    if (at >= 0) return table.value(at) ?? undefined
    // Written as bytes into one buffer for every word: built as a string, glyph by glyph, each
    // word made some 900 bytes of strings for the collector.
    const out = encodedBytes
    out.truncate(0)
    const glyph = (id: number, advance: number, codePoints: number | readonly number[], lower = false) => {
      const gid = this.include(font, id, codePoints, lower)
      writeGlyph(out, gid, round3(font.widths[gid]! - advance))
    }
    const m = metrics(face, features)
    // All small capitals (the running heads) are always drawn as shaped (`shapeWord`): few words,
    // each drawn where its width was measured from the same shaping.
    const all = features === 'allSmallCaps'
    let ok = true
    if (!all && m.sets(word)) {
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i)
        let advance = m.advance[c]!
        if (i + 1 < word.length) advance += m.pair(c, word.charCodeAt(i + 1))
        if (i > 0) advance += m.late(word.charCodeAt(i - 1), c)
        glyph(m.glyph[c]!, advance * 1000, c)
      }
    } else {
      // The measurer's shaping of the word (which measured it, with the same features; from the
      // face's tables where they settle it): pdfkit's `layoutRun` would shape it again, to
      // positions scaled by the font's `scale`. CJK punctuation in a row is set closer, as
      // measured (`cjkSqueeze`, in the advances).
      const shaped = m.shapeWord(word)
      const { ids, advances, codePoints } = shaped
      const end = shaped.firstOffset < 0 ? ids.length : shaped.firstOffset
      for (let i = 0; i < end; i++) {
        const points = codePoints[i]!
        // A small capital made from a capital (not the capital's own glyph, which `c2sc` leaves
        // where the face has no small form) is mapped as its lower-case letter.
        const lower = all && points.length === 1 && face.font.glyphForCodePoint(points[0]!).id !== ids[i]
        glyph(ids[i]!, advances[i]! * font.scale, points, lower)
      }
      if (shaped.firstOffset >= 0) ok = false
    }
    const result = ok ? out.take() : null
    drawStats.encoded++
    if (table.size >= ENCODED_LIMIT) table.clear()
    table.add(word, hash, result)
    return result ?? undefined
  }

  private image(box: ImageBox, x0: number, y0: number): void {
    try {
      this.doc.image(box.bytes as unknown as Buffer, x0 + box.x, y0 + box.y!, {
        width: box.width,
        height: box.height,
      })
    } catch (error) {
      this.hooks.imageFailed(box, error as Error)
    }
  }
}

/** No glyphs added (most lines'): one array for all, never written to. */
const NONE: number[] = []
const NO_CODE_POINTS: number[][] = []

/**
 * A subset's glyph count and two hashes of its glyph ids in order (`subsetState`): 64 bits, so
 * that two subsets are never taken for the same by their hashes.
 */
interface SubsetState {
  count: number
  hash: number
  mix: number
}

/** The second hash of a subset's glyph ids (murmur3's mixing of a 32-bit block). */
function mixIn(mix: number, id: number): number {
  let k = Math.imul(id, 0xcc9e2d51)
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593)
  const h = mix ^ k
  return (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0
}

interface EmbeddedFace {
  id: string
  scale: number
  font: { getGlyph(id: number): { advanceWidth: number } }
  subset: { includeGlyph(id: number): number; glyphs: number[] }
  widths: number[]
  unicode: number[][]
  ref(): unknown
  /** Shaping, positions in thousandths of an em (pdfkit's `layout` with features calls it). */
  layoutRun(text: string, features?: string[]): ShapedRun
}

/** pdfkit's shaped run: positions in thousandths of an em. */
interface ShapedRun {
  glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>
  positions: Array<{ xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }>
}

const SPACE = 0x20
const HASH_SEED = 0x811c9dc5 | 0
const HASH_PRIME = 0x01000193

/** A word's hash as `glyphs` computes it while it reads the text (FNV-1a on UTF-16 units). */
function hashOf(word: string): number {
  let hash = HASH_SEED
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), HASH_PRIME)
  return hash
}

/**
 * Encoded words by their text, found from a stretch of a longer text without cutting it out
 * (a `Map` would need each word as a string of its own, made and hashed on every lookup): open
 * addressing on the hash `glyphs` computes as it reads, each candidate compared character by
 * character.
 */
class WordTable {
  private keys: Array<string | undefined> = new Array(1024).fill(undefined)
  private values: Array<Uint8Array | null> = new Array(1024).fill(null)
  private hashes = new Int32Array(1024)
  size = 0

  /** The slot holding `text.slice(start, end)`, or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const { keys, hashes } = this
    const mask = keys.length - 1
    const length = end - start
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const key = keys[slot]
      if (key === undefined) return -1
      if (hashes[slot] !== hash || key.length !== length) continue
      let i = 0
      while (i < length && key.charCodeAt(i) === text.charCodeAt(start + i)) i++
      if (i === length) return slot
    }
  }

  value(slot: number): Uint8Array | null {
    return this.values[slot]!
  }

  /** Add a word not in the table. */
  add(word: string, hash: number, value: Uint8Array | null): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow()
    const mask = this.keys.length - 1
    let slot = hash & mask
    while (this.keys[slot] !== undefined) slot = (slot + 1) & mask
    this.keys[slot] = word
    this.values[slot] = value
    this.hashes[slot] = hash
    this.size++
  }

  clear(): void {
    this.keys.fill(undefined)
    this.values.fill(null)
    this.size = 0
  }

  private grow(): void {
    const { keys, values, hashes } = this
    const capacity = keys.length * 2
    this.keys = new Array(capacity).fill(undefined)
    this.values = new Array(capacity).fill(null)
    this.hashes = new Int32Array(capacity)
    this.size = 0
    for (let slot = 0; slot < keys.length; slot++)
      if (keys[slot] !== undefined) this.add(keys[slot]!, hashes[slot]!, values[slot]!)
  }
}
const OPEN = 0x28
const CLOSE = 0x29
const BACKSLASH = 0x5c

/** Where `encode` writes a word's TJ piece, for every word (`take` copies it out). */
const encodedBytes = new ByteWriter(256)

/**
 * Glyph ids are written as literal strings, two bytes a glyph: half the bytes of hex strings, so
 * less to write, hand to the compression thread and deflate (War and Peace's streams: 28 MB
 * before deflating, 21.6 MB; 5% smaller deflated). Escaped inside one, for each byte value that
 * needs it, the byte after the backslash (else 0): the parentheses and the backslash, which would
 * end the string or start an escape, and the line ends, which would be read back as LF whatever
 * they were (PDF 32000-1, 7.3.4.2).
 */
const LITERAL_ESCAPES = new Uint8Array(256)
LITERAL_ESCAPES[OPEN] = OPEN
LITERAL_ESCAPES[CLOSE] = CLOSE
LITERAL_ESCAPES[BACKSLASH] = BACKSLASH
LITERAL_ESCAPES[0x0a] = 0x6e // \n
LITERAL_ESCAPES[0x0d] = 0x72 // \r

/** A TJ shift (thousandths of an em) between two strings: it closes one and opens the next. */
function shifted(shift: string): string {
  return `) ${shift} (`
}

/**
 * A glyph id as the two bytes of a literal string, escaped (`LITERAL_ESCAPES`), and the shift
 * after it unless it is '0' (`round3`).
 */
function writeGlyph(out: ByteWriter, gid: number, shift: string): void {
  literalByte(out, gid >> 8)
  literalByte(out, gid & 255)
  if (shift !== '0') out.text(shifted(shift))
}

/**
 * The glyphs a TJ operand's body shows (as `glyphs` writes it: two bytes a glyph in literal
 * strings, escaped as `literalByte` escapes them, strings closed around a shift, `…) 15 (…`),
 * each once, as pairs of its code and the glyph id the subset (`glyphs`, by code) has for it.
 */
function glyphCodes(body: Uint8Array, glyphs: readonly number[]): Uint16Array {
  const seen = new Set<number>()
  let high = -1
  for (let i = 0; i < body.length; i++) {
    let byte = body[i]!
    if (byte === CLOSE) {
      // A shift: on to the next string's first byte.
      while (i < body.length && body[i] !== OPEN) i++
      continue
    }
    if (byte === BACKSLASH) {
      const escaped = body[++i]!
      byte = escaped === 110 ? 10 : escaped === 114 ? 13 : escaped
    }
    if (high < 0) high = byte
    else {
      seen.add((high << 8) | byte)
      high = -1
    }
  }
  const codes = new Uint16Array(seen.size * 2)
  let k = 0
  for (const code of seen) {
    codes[k++] = code
    codes[k++] = glyphs[code]!
  }
  return codes
}

/** A glyph's bytes (a word space's, as `encode` gives them) and a shift after it, as bytes. */
function withShift(glyph: Uint8Array, shift: string): Uint8Array {
  const piece = shifted(shift)
  const out = new Uint8Array(glyph.length + piece.length)
  out.set(glyph)
  for (let i = 0; i < piece.length; i++) out[glyph.length + i] = piece.charCodeAt(i)
  return out
}

/** One byte of a glyph id into a literal string (`LITERAL_ESCAPES`). */
function literalByte(out: ByteWriter, byte: number): void {
  const escaped = LITERAL_ESCAPES[byte]!
  if (escaped !== 0) out.byte(BACKSLASH)
  out.byte(escaped !== 0 ? escaped : byte)
}

/** A TJ shift, thousandths of an em to 3 decimals; '0' when it moves nothing visible. */
function round3(n: number): string {
  return Math.abs(n) < 0.0005 ? '0' : String(Math.round(n * 1000) / 1000)
}

/** Encoded words kept per face before the cache starts again (a long book's vocabulary). */
const ENCODED_LIMIT = 100_000

function toCodePoints(text: string): number[] {
  return Array.from(text, (char) => char.codePointAt(0)!)
}

/**
 * A space-free word shaped with `c2sc` and `smcp`, as `encode` draws it: its width at size 1 and
 * its glyph count (the small capitals' model keeps it, per font).
 */
function shapeAllSmallCaps(face: Face, word: string): { width: number; glyphs: number } {
  return metrics(face, 'allSmallCaps').shapeWord(word)
}

/**
 * Width in points of text in all small capitals as `glyphs` draws it: words shaped, word spaces
 * at the face's space, fixed spaces at their width, `letters` (Tc) after every glyph but fixed
 * spaces, less the last glyph's, which is past the ink.
 */
function allSmallCapsWidth(face: Face, text: string, size: number, letters: number): number {
  const m = metrics(face)
  let width = 0
  let glyphs = 0
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    const kind = i === text.length ? 3 : spaceKind(text.charCodeAt(i))
    if (kind === 0) continue
    if (i > start) {
      const shaped = shapeAllSmallCaps(face, text.slice(start, i))
      width += shaped.width * size
      glyphs += shaped.glyphs
    }
    if (kind === 1) {
      width += m.space * size
      glyphs++
    } else if (kind === 2) width += m.fixedSpace(text.charCodeAt(i)).width * size
    start = i + 1
  }
  return width + Math.max(0, glyphs - 1) * letters
}

/**
 * The width of one of a run's stretches in one face (`segments`), as drawn: its glyphs, expanded
 * by `scale` (word spaces are not), its word spaces widened as the run's, `cs` after each glyph.
 */
function segmentWidth(
  face: ReturnType<typeof metrics>,
  run: PlacedRun,
  text: string,
  shown: string,
  forms: Letterforms | undefined,
  scale: number,
  cs: number,
): number {
  const spaces = countWordSpaces(text)
  const glyphs = face.width(shown, forms)
  return (
    (scale === 1
      ? glyphs * run.size
      : (glyphs - spaces * face.space) * run.size * scale + spaces * face.space * run.size) +
    spaces * run.wordSpacing +
    (cs ? face.glyphs(shown, forms) * cs : 0)
  )
}

/** Word spaces in text, each a justified gap (fixed spaces are not). */
function countWordSpaces(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (spaceKind(text.charCodeAt(i)) === 1) n++
  return n
}

export type { PDFDocument }
