/**
 * Draws composed pages with pdfkit: text runs (split by face for fallback glyphs, each word
 * encoded as the measurer measured it, justified by widening spaces and by letter-spacing, PDF's
 * `Tc`), drop caps, list markers, figures, rules, footnotes, running heads and
 * folios (as pagination artifacts), links, named destinations, bookmarks, page boxes for bleed,
 * and the tagged-PDF structure the composer asked for. Pages are ended as soon as they are drawn
 * (`bufferPages: false`), so the document streams.
 */
import type PDFDocument from 'pdfkit'
import type { Face, FontSet } from './fonts.js'
import { SMALL_CAPS } from './inline.js'
import type { PlacedRun } from './layout/types.js'
import { type FontMeasurer, metrics } from './measure.js'
import type { Settings } from './options.js'
import type { Box, ImageBox, LineBox, Page, StructHandle } from './pages.js'

type Doc = PDFKit.PDFDocument
type StructElement = PDFKit.PDFStructureElement
type OutlineItem = PDFKit.PDFOutline

interface PageDictionary {
  data: Record<string, unknown>
}

export interface WriterHooks {
  /** Named destination for an internal `#id` link, or undefined when the book has no such id. */
  linkTarget(url: string): string | undefined
  /** An image pdfkit could not decode while drawing. */
  imageFailed(box: ImageBox, error: Error): void
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

/** Page numbers a page shows before they are known: drawn into its form when the book is done. */
interface PendingForm {
  form: Reference
  height: number
  numbers: Array<{ dest: string; right: number; baseline: number; size: number }>
}

export class PdfWriter {
  private readonly pending: PendingForm[] = []
  private readonly document: StructElement
  private readonly outlineItems = new Map<string, OutlineItem>()
  /** Per pdfkit font id: word → TJ pieces (`encode`); null when pdfkit must draw the word. */
  private readonly encoded = new Map<string, Map<string, string[] | null>>()

  constructor(
    private readonly doc: Doc,
    private readonly fonts: FontSet,
    private readonly measurer: FontMeasurer,
    private readonly settings: Settings,
    private readonly hooks: WriterHooks,
  ) {
    this.document = doc.struct('Document')
    doc.addStructure(this.document)
  }

  page(page: Page): void {
    const { doc, settings } = this
    const b = settings.bleed
    doc.addPage({ size: [settings.width + 2 * b, settings.height + 2 * b], margin: 0 })
    // pdfkit turns every content operator written into a Buffer of its own: collect the page's
    // operators and write them as one string, in the same order, when the page is drawn.
    const ops: string[] = []
    const write = doc.addContent
    doc.addContent = (data: string) => {
      ops.push(data)
      return doc
    }
    try {
      this.drawPage(page)
    } finally {
      doc.addContent = write
      if (ops.length > 0) doc.addContent(ops.join('\n'))
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
      const item = (parent ?? doc.outline).addItem(entry.title)
      this.outlineItems.set(entry.key, item)
    }
    for (const dest of page.dests) doc.addNamedDestination(dest.name, 'XYZ', left, top + dest.y, null)

    this.pagination(page, left, top, textWidth, textHeight, recto)

    let open: StructHandle | undefined
    let content: PDFKit.PDFStructureContent | undefined
    const close = () => {
      if (open && content) {
        doc.endMarkedContent()
        this.element(open).add(content)
      }
      open = undefined
      content = undefined
    }
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
      if (box.struct !== open) {
        close()
        if (box.struct) {
          open = box.struct
          this.element(box.struct)
          content = doc.markStructureContent(box.struct.type)
        }
      }
      if (box.kind === 'image') this.image(box, x0, y0)
      else this.line(box, x0, y0)
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
    this.deferNumbers(page, left, top)
  }

  /** Show a form holding this page's contents numbers; `finish` fills it. */
  private deferNumbers(page: Page, left: number, top: number): void {
    const numbers: PendingForm['numbers'] = []
    for (const box of page.boxes) {
      if (box.kind === 'line' && box.pageOf)
        numbers.push({
          dest: box.pageOf.dest,
          right: left + box.pageOf.right,
          baseline: top + box.y! + box.ascent,
          size: box.pageOf.size,
        })
    }
    if (numbers.length === 0) return
    const { doc } = this
    const height = this.settings.height + 2 * this.settings.bleed
    const form = (doc as unknown as { ref(data: unknown): Reference }).ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, this.settings.width + 2 * this.settings.bleed, height],
      Resources: { Font: {} },
    })
    const name = `Pn${this.pending.length + 1}`
    ;(doc.page as unknown as { xobjects: Record<string, Reference> }).xobjects[name] = form
    // pdfkit's page space is flipped (y down); the form is written in PDF's own space.
    doc.addContent(`q 1 0 0 -1 0 ${height} cm /${name} Do Q`)
    this.pending.push({ form, height, numbers })
  }

  /** Write the contents' page numbers, now that every destination has its page. */
  finish(labels: Map<string, string>): void {
    const { doc } = this
    doc.font('regular')
    const font = (doc as unknown as { _font: Embedded })._font
    for (const { form, height, numbers } of this.pending) {
      const lines: string[] = []
      for (const n of numbers) {
        const label = labels.get(n.dest) ?? ''
        if (!label) continue
        const width = this.measurer.width(label, 'regular', n.size)
        const [glyphs] = font.encode(label)
        lines.push(
          `BT /${font.id} ${n.size} Tf 1 0 0 1 ${(n.right - width).toFixed(3)} ${(height - n.baseline).toFixed(3)} Tm <${glyphs.join('')}> Tj ET`,
        )
      }
      ;(form.data.Resources as { Font: Record<string, Reference> }).Font[font.id] = font.ref()
      form.end(lines.join('\n'))
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
      const text = page.head.toUpperCase()
      const runs: PlacedRun[] = [
        { text, style: 'regular', size: size * SMALL_CAPS, x: 0, width: 0, wordSpacing: 0 },
      ]
      const w = this.measurer.width(text, 'regular', size * SMALL_CAPS)
      const maxWidth = width * 0.7
      // Long titles are cut rather than allowed to run into the folio.
      let shown = text
      if (w > maxWidth) {
        while (shown.length > 4 && this.measurer.width(`${shown}…`, 'regular', size * SMALL_CAPS) > maxWidth)
          shown = shown.slice(0, -1)
        shown = `${shown.trimEnd()}…`
        runs[0]!.text = shown
      }
      const sw = this.measurer.width(shown, 'regular', size * SMALL_CAPS)
      this.run(runs[0]!, left + (width - sw) / 2, headBaseline)
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

  private element(handle: StructHandle): StructElement {
    if (!handle.element) {
      const options: { alt?: string; title?: string } = {}
      if (handle.alt !== undefined) options.alt = handle.alt
      if (handle.title !== undefined) options.title = handle.title
      const element = this.doc.struct(handle.type, options)
      const parent = handle.parent ? this.element(handle.parent) : this.document
      parent.add(element)
      handle.element = element
    }
    return handle.element as StructElement
  }

  private line(box: LineBox, x0: number, y0: number): void {
    const baseline = y0 + box.y! + box.ascent
    const lineX = x0 + box.x
    for (const run of box.line.runs) {
      let y = baseline
      if (run.superscript) y -= (run.size / 0.62) * 0.36
      this.run(run, lineX + run.x, y)
      if (run.link) this.link(run.link, lineX + run.x, baseline, run.width, run.size)
    }
    if (box.dropCap) {
      const cap = box.dropCap
      this.run(
        { text: cap.text, style: 'regular', size: cap.size, x: 0, width: 0, wordSpacing: 0 },
        x0 + cap.x,
        y0 + box.y! + cap.baseline,
      )
    }
    if (box.marker) {
      const m = box.marker
      this.run(
        { text: m.text, style: 'regular', size: m.size, x: 0, width: 0, wordSpacing: 0 },
        x0 + m.x,
        baseline,
      )
    }
    if (box.goTo) {
      this.doc.goTo(lineX, baseline - box.ascent, box.measure, box.height, box.goTo)
    }
  }

  private link(url: string, x: number, baseline: number, width: number, size: number): void {
    const top = baseline - size * 0.9
    if (url.startsWith('#')) {
      const name = this.hooks.linkTarget(url)
      if (name) this.doc.goTo(x, top, width, size * 1.2, name)
    } else {
      this.doc.link(x, top, width, size * 1.2, url)
    }
  }

  /**
   * Draw one run at its baseline, face by face; x advances as the measurer measured. With
   * letter-spacing (`characterSpacing`, PDF `Tc`) every glyph drawn, each space included, is
   * followed by the Tc, as the breaker counted: a stretch advances by its natural width plus
   * `spaces * (wordSpacing + cs) + glyphs * cs`.
   */
  private run(run: PlacedRun, x: number, baseline: number): void {
    const segments = this.measurer.segments(run.text, run.style)
    const cs = run.characterSpacing ?? 0
    let cursor = x
    for (let k = 0; k < segments.length; k++) {
      const segment = segments[k]!
      const face = metrics(segment.face)
      let text = segment.text
      const lead = text.charCodeAt(0) === 32 ? (/^ +/.exec(text)?.[0].length ?? 0) : 0
      if (lead) {
        cursor += lead * (face.space * run.size + run.wordSpacing + cs)
        text = text.slice(lead)
      }
      const spaces = countSpaces(text)
      const single = segments.length === 1 && !lead
      // A lone segment's width is the run's, as the breaker measured it; others are measured here.
      const width = single
        ? run.width
        : face.width(text) * run.size + spaces * run.wordSpacing + (cs ? face.glyphs(text) * cs : 0)
      if (text.trim())
        this.text(text, segment.face, run.size, run.wordSpacing, cursor, baseline, width, spaces, cs)
      cursor += width
    }
  }

  /**
   * Draw one stretch in one face: as one TJ (`glyphs`), or through pdfkit's `_fragment` (the step
   * of `text()` that writes glyphs; `text()` itself would measure the string twice more) when a
   * glyph needs offsets or the stretch holds white space other than U+0020.
   */
  private text(
    text: string,
    face: Face,
    size: number,
    wordSpacing: number,
    x: number,
    baseline: number,
    width: number,
    spaces: number,
    letters: number,
  ): void {
    const doc = this.doc as unknown as Doc & {
      _fragment(text: string, x: number, y: number, options: object): void
    }
    doc.font(face.name).fontSize(size)
    const otherSpace = /[^\S ]/.test(text)
    if (!otherSpace && this.glyphs(text, face, size, wordSpacing, x, baseline, letters)) return
    if ((wordSpacing || letters) && otherSpace) {
      // pdfkit stretches every kind of white space its own way; the breaker counted each stretch
      // of white space (NBSP included) as one justified space: place words one by one.
      const m = metrics(face)
      let wx = x
      for (const word of text.split(/\s+/)) {
        if (word) doc._fragment(word, wx, baseline, { baseline: 'alphabetic', characterSpacing: letters })
        wx += (m.width(word) + m.space) * size + wordSpacing + (m.glyphs(word) + 1) * letters
      }
      return
    }
    doc._fragment(text, x, baseline, {
      baseline: 'alphabetic',
      wordSpacing,
      textWidth: width,
      wordCount: spaces + 1,
      characterSpacing: letters,
    })
  }

  /**
   * Write one stretch of text as a single TJ with the current face: each word as measured (the
   * pair model of `measure.ts`, or pdfkit's shaping of the word), spaces as real space glyphs
   * (so text extraction sees words) widened by the justification. False when a glyph needs an
   * offset pdfkit handles.
   */
  private glyphs(
    text: string,
    face: Face,
    size: number,
    wordSpacing: number,
    x: number,
    baseline: number,
    letters: number,
  ): boolean {
    const doc = this.doc as unknown as Doc & { _font: EmbeddedFace; page: { fonts: Record<string, unknown> } }
    const font = doc._font
    const parts: string[] = []
    const stretch = round3((-wordSpacing * 1000) / size)
    const space = this.encode(font, face, ' ')
    if (!space) return false
    let start = 0
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && text.charCodeAt(i) !== 32) continue
      if (i > start) {
        const word = this.encode(font, face, i - start === text.length ? text : text.slice(start, i))
        if (!word) return false
        for (let k = 0; k < word.length; k++) parts.push(word[k]!)
      }
      if (i < text.length) {
        for (let k = 0; k < space.length; k++) parts.push(space[k]!)
        if (stretch !== '0') parts.push(stretch)
      }
      start = i + 1
    }
    if (parts.length === 0) return true
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref()
    // pdfkit's page space runs y down; the text matrix flips it back for upright glyphs.
    // Letter spacing (Tc) is graphics state that outlives ET: set it only around this text.
    // Tc is added after each of some sixty glyphs a line: five decimals keep the sum exact.
    const tc = letters ? [`${Math.round(letters * 1e5) / 1e5} Tc `, ' 0 Tc'] : ['', '']
    doc.addContent(
      `BT ${tc[0]}1 0 0 -1 ${num(x)} ${num(baseline)} Tm /${font.id} ${num(size)} Tf [${parts.join(' ')}] TJ${tc[1]} ET`,
    )
    return true
  }

  /**
   * A word's TJ pieces in this document's subset of the face: `<hex>` glyph ids, with a shift
   * (in thousandths of an em) after each glyph whose advance differs from its width in the font's
   * /W array: [`<hex>`, shift, `<hex>`…]. Fast-path words (see `measure.ts`) are encoded from
   * the pair model that measured them; others from pdfkit's shaping. Cached per face and word;
   * undefined when a glyph needs an offset (marks), which only pdfkit's own path draws.
   */
  private encode(font: EmbeddedFace, face: Face, word: string): string[] | undefined {
    let cache = this.encoded.get(font.id)
    if (!cache) {
      cache = new Map()
      this.encoded.set(font.id, cache)
    }
    const hit = cache.get(word)
    if (hit !== undefined) return hit ?? undefined
    const out: string[] = []
    let hex = ''
    const glyph = (id: number, advance: number, codePoints: () => number[]) => {
      const gid = font.subset.includeGlyph(id)
      hex += `0000${gid.toString(16)}`.slice(-4)
      if (font.widths[gid] == null) font.widths[gid] = font.font.getGlyph(id).advanceWidth * font.scale
      if (font.unicode[gid] == null) font.unicode[gid] = codePoints()
      const shift = round3(font.widths[gid]! - advance)
      if (shift !== '0') {
        out.push(`<${hex}>`, shift)
        hex = ''
      }
    }
    const m = metrics(face)
    let result: string[] | null = out
    if (!Number.isNaN(m.fast(word))) {
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i)
        let advance = m.advance[c]!
        if (i + 1 < word.length) advance += m.pair(c, word.charCodeAt(i + 1))
        if (i > 0) advance += m.late(word.charCodeAt(i - 1), c)
        glyph(m.glyph[c]!, advance * 1000, () => [c])
      }
    } else {
      const run = font.layoutCached(word)
      for (let i = 0; i < run.glyphs.length; i++) {
        const position = run.positions[i]!
        if (position.xOffset || position.yOffset) {
          result = null
          break
        }
        const g = run.glyphs[i]!
        glyph(g.id, position.xAdvance, () => g.codePoints)
      }
    }
    if (result && hex) out.push(`<${hex}>`)
    if (cache.size >= ENCODED_LIMIT) cache.clear()
    cache.set(word, result)
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

interface EmbeddedFace {
  id: string
  scale: number
  font: { getGlyph(id: number): { advanceWidth: number } }
  subset: { includeGlyph(id: number): number }
  widths: number[]
  unicode: number[][]
  ref(): unknown
  layoutCached(text: string): {
    glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>
    positions: Array<{ xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }>
  }
}

function num(n: number): string {
  return String(Math.round(n * 1000) / 1000)
}

/** A TJ shift, thousandths of an em to 3 decimals; '0' when it moves nothing visible. */
function round3(n: number): string {
  return Math.abs(n) < 0.0005 ? '0' : String(Math.round(n * 1000) / 1000)
}

/** Encoded words kept per face before the cache starts again (a long book's vocabulary). */
const ENCODED_LIMIT = 100_000

function countSpaces(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) n++
  return n
}

export type { PDFDocument }
