/**
 * Text laid out from the face's OpenType tables, where that provably equals what fontkit's
 * `layout` gives (with its default features, and `smcp` for the small-capitals model), so that
 * the pair model of `measure.ts` need not shape each character pair of a book, nor each word
 * with a ligature (shaping one costs tens of microseconds, and more while fontkit is cold). This
 * follows fontkit 2's shaping of a run (`LayoutEngine`, `OTLayoutEngine`, the default shaper,
 * `GSUBProcessor`, `GPOSProcessor`, `GlyphIterator`) for the lookups it can settle: single and
 * ligature substitutions, then pair adjustments (`PairPos`, their values read from the bytes),
 * lookup by lookup in fontkit's order, on glyphs that every other lookup of those features
 * provably leaves alone. Everything else is `undefined`, and the text is shaped as before:
 *
 * - a face laid out by other machinery than GSUB and GPOS (an AAT `morx` table, no GPOS, a
 *   legacy `kern` table that fontkit applies where a script's GPOS lists no `kern`), or without
 *   GDEF glyph classes (fontkit then tells marks by their characters), or whose scripts' default
 *   language systems list different pair adjustments (fontkit picks the script from the text),
 *   or a lookup type or format this does not read;
 * - a glyph, as the text is when fontkit reaches a lookup not followed, that the lookup may start
 *   from: in its first coverage (a ligature's only with its first component also in the text; a
 *   coverage-based context only where all its coverages match);
 * - a mark glyph, or a base or ligature glyph where a lookup followed skips those, and a fraction
 *   slash (fontkit turns the fraction features on around it).
 *
 * The test `pdf-speed/layout-tables.test.ts` compares it with fontkit's `layout` over every
 * pair of the common characters, and words with ligatures, in every built-in face.
 */

/** fontkit's decoded OpenType structures, as far as they are read here. */
interface Coverage {
  version: number
  glyphs?: number[]
  rangeRecords?: { start: number; end: number; startCoverageIndex: number }[]
}
interface ClassDef {
  version: number
  startGlyph?: number
  classValueArray?: number[]
  classRangeRecord?: { start: number; end: number; class: number }[]
}
interface Lazy<T> {
  length: number
  get(index: number): T | undefined
}
interface SubTable {
  version?: number
  lookupType?: number
  extension?: SubTable
  coverage?: Coverage
  coverages?: Coverage[]
  inputCoverage?: Coverage[]
  backtrackCoverage?: Coverage[]
  lookaheadCoverage?: Coverage[]
  markCoverage?: Coverage
  mark1Coverage?: Coverage
  ligatureSets?: Lazy<{ glyph?: number; components: number[] }[]>
  deltaGlyphID?: number
  substitute?: Lazy<number>
  classDef1?: ClassDef
  classDef2?: ClassDef
}
interface Lookup {
  lookupType: number
  flags: { flags: { ignoreBaseGlyphs?: boolean; ignoreLigatures?: boolean } }
  subTables: SubTable[]
}
interface LayoutTable {
  scriptList?: {
    tag: string
    script: { defaultLangSys: { featureIndexes: number[] } | null } | null
  }[]
  featureList?: { tag: string; feature: { lookupListIndexes: number[] } }[]
  lookupList?: Lazy<Lookup>
}
interface Tables {
  _getTableStream?(tag: string): { buffer: Uint8Array; pos: number } | null
  GSUB?: LayoutTable
  GPOS?: LayoutTable
  GDEF?: { glyphClassDef?: ClassDef }
  morx?: unknown
  kern?: unknown
  _variationProcessor?: unknown
}

/**
 * The features fontkit's default shaper (Latin, Greek, Cyrillic, and text of no script) turns
 * on for a left-to-right run with no features asked, all in one stage; the fraction features
 * (`local`) only on glyphs around a fraction slash.
 */
const FEATURES = [
  'rvrn',
  'ltra',
  'ltrm',
  'frac',
  'numr',
  'dnom',
  'ccmp',
  'locl',
  'rlig',
  'mark',
  'mkmk',
  'calt',
  'clig',
  'liga',
  'rclt',
  'curs',
  'kern',
]
const LOCAL = new Set(['frac', 'numr', 'dnom'])
/** A module constant: `Number.POSITIVE_INFINITY` is a property read, with feedback of its own. */
const POSITIVE_INFINITY = Number.POSITIVE_INFINITY
/** fontkit's scripts to fall back on for a script the face does not list. */
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn']

/** Coverage tables as maps from glyph to coverage index, made on first use. */
const coverageMaps = new WeakMap<Coverage, Map<number, number>>()

/** fontkit's `coverageIndex` (the first entry or range that holds the glyph), through a map. */
function coverageIndex(coverage: Coverage | undefined, glyph: number): number {
  if (!coverage) return -1
  let map = coverageMaps.get(coverage)
  if (!map) {
    map = new Map()
    if (coverage.version === 1) {
      const glyphs = coverage.glyphs!
      for (let i = 0; i < glyphs.length; i++) if (!map.has(glyphs[i]!)) map.set(glyphs[i]!, i)
    } else if (coverage.version === 2)
      for (const range of coverage.rangeRecords!)
        for (let g = range.start; g <= range.end; g++)
          if (!map.has(g)) map.set(g, range.startCoverageIndex + g - range.start)
    coverageMaps.set(coverage, map)
  }
  return map.get(glyph) ?? -1
}

/** fontkit's `getClassID` (0 for a glyph the class definition does not list). */
function classOf(glyph: number, classDef: ClassDef | undefined): number {
  if (!classDef) return 0
  if (classDef.version === 1) {
    const i = glyph - classDef.startGlyph!
    if (i >= 0 && i < classDef.classValueArray!.length) return classDef.classValueArray![i]!
  } else if (classDef.version === 2) {
    let map = classMaps.get(classDef)
    if (!map) {
      map = new Map()
      for (const range of classDef.classRangeRecord!)
        for (let g = range.start; g <= range.end; g++) if (!map.has(g)) map.set(g, range.class)
      classMaps.set(classDef, map)
    }
    return map.get(glyph) ?? 0
  }
  return 0
}

/** Class definitions by ranges as maps from glyph to class (the first range that holds it). */
const classMaps = new WeakMap<ClassDef, Map<number, number>>()

/** Whether a lookup is of this type (directly or through extensions). */
function isType(lookup: Lookup, type: number, extension: number): boolean {
  if (lookup.lookupType === type) return true
  return (
    lookup.lookupType === extension &&
    lookup.subTables.length > 0 &&
    lookup.subTables.every((t) => t.lookupType === type)
  )
}

/**
 * The lookups of the default features, sorted as fontkit applies them. fontkit picks the script
 * from the text, so every script's default language system is read, and the default scripts
 * fontkit falls back on must be there. `applied` are the lookups this follows, the same in every
 * script (a lookup twice where two features list it, as fontkit applies it twice): pair
 * adjustments for positioning, ligatures for substitution. `others` are the union of the rest,
 * which must not apply to the text (the fraction features' among them: fontkit applies those
 * near a fraction slash only). Undefined for positioning whose pair adjustments differ between
 * scripts; for substitution, ligatures that differ are taken among the others.
 */
function defaultLookups(
  table: LayoutTable | undefined,
  gpos: boolean,
  features: string[],
): { applied: Indexed[]; others: Indexed[] } | undefined {
  if (!table) return { applied: [], others: [] }
  const scripts = table.scriptList ?? []
  if (!scripts.some((s) => DEFAULT_SCRIPTS.includes(s.tag))) return undefined
  const lists: number[][] = []
  const all = new Set<number>()
  // The fraction features' lookups are left out: fontkit gives those features only to the
  // glyphs around a fraction slash, and `layout` leaves text with one to shaping.
  for (const entry of scripts) {
    const listed = new Map<string, { lookupListIndexes: number[] }>()
    for (const index of entry.script?.defaultLangSys?.featureIndexes ?? []) {
      const record = table.featureList?.[index]
      if (!record) return undefined
      listed.set(record.tag, record.feature)
    }
    const list: number[] = []
    for (const tag of features)
      for (const index of listed.get(tag)?.lookupListIndexes ?? []) {
        if (!table.lookupList?.get(index)) return undefined
        if (LOCAL.has(tag)) continue
        all.add(index)
        list.push(index)
      }
    lists.push(list.sort((a, b) => a - b))
  }
  const followed = (index: number) => {
    const lookup = table.lookupList!.get(index)!
    return gpos ? isType(lookup, 2, 9) : isType(lookup, 4, 7) || isType(lookup, 1, 7)
  }
  const applied = lists.map((list) => list.filter(followed))
  const first = applied[0] ?? []
  const same = (index: number) => {
    const count = first.filter((i) => i === index).length
    return applied.every((list) => list.filter((i) => i === index).length === count)
  }
  if (gpos && !first.every(same)) return undefined
  const kept = first.filter(same)
  const others = [...all].filter((index) => !kept.includes(index)).sort((a, b) => a - b)
  return {
    applied: kept.map((index) => ({ index, lookup: table.lookupList!.get(index)! })),
    others: others.map((index) => ({ index, lookup: table.lookupList!.get(index)! })),
  }
}

/** Whether every script's default language system lists a `kern` feature. */
function kernsEverywhere(table: LayoutTable): boolean {
  return (table.scriptList ?? []).every((entry) =>
    (entry.script?.defaultLangSys?.featureIndexes ?? []).some((i) => table.featureList?.[i]?.tag === 'kern'),
  )
}

/** A lookup and its index in the lookup list (fontkit applies a table's lookups by index). */
interface Indexed {
  index: number
  lookup: Lookup
}

/** A lookup's subtable with an extension unwrapped: its type and table. */
function unwrap(type: number, table: SubTable, extension: number): [number, SubTable] {
  return type === extension && table.extension ? [table.lookupType!, table.extension] : [type, table]
}

/** The coverage a substitution or positioning starts from (the glyph it is applied at). */
function firstCoverage(type: number, table: SubTable, gsub: boolean): Coverage | undefined | null {
  const context = gsub ? type === 5 || type === 6 : type === 7 || type === 8
  if (context) {
    if (table.version === 1 || table.version === 2) return table.coverage
    if (table.version === 3) return (type === (gsub ? 5 : 7) ? table.coverages : table.inputCoverage)?.[0]
    return null
  }
  if (gsub) return type >= 1 && type <= 4 ? table.coverage : null
  if (type === 1 || type === 2 || type === 3) return table.coverage
  if (type === 4 || type === 5) return table.markCoverage
  if (type === 6) return table.mark1Coverage
  return null
}

/** A glyph fontkit's layout gives: its id, the characters it stands for, its advance. */
export interface TableGlyph {
  id: number
  codePoints: number[]
  advanceWidth: number
}

/** A run as fontkit's `layout` returns it, as far as `measure.ts` reads it. */
export interface TableRun {
  glyphs: TableGlyph[]
  positions: { xAdvance: number; xOffset: number; yOffset: number }[]
  advanceWidth: number
}

/** A coverage-based context (format 3) of a lookup not followed. */
interface Context {
  index: number
  gsub: boolean
  backtrack: Coverage[]
  input: Coverage[]
  lookahead: Coverage[]
}

/** What may stop a glyph being set by the tables (see `LayoutTables.rule`). */
interface GlyphRule {
  /** A lookup may skip it, a positioning not followed may start at it, or a lookup unread. */
  blocked: boolean
  /** Indexes of the substitutions not followed that may start at it. */
  starts: number[]
  /** Ligatures not followed that start from it: the lookup's index, the first component. */
  next: { index: number; glyph: number }[]
  /** The contexts (`LayoutTables.contexts`) whose first input coverage holds it. */
  contexts: Context[]
  /** None of the above, and no substitution followed starts from it either. */
  plain: boolean
}

/** The layout tables of one face; see the module comment. */
export class LayoutTables {
  private readonly rules = new Map<number, GlyphRule>()
  /**
   * Coverage-based contexts (format 3) among the lookups not followed, told apart by all their
   * coverages (`contextAt`) instead of the first alone: a dotless i before an accent need not
   * stop every word with an i.
   */
  private readonly contexts: Context[] = []
  /** The GPOS table's bytes (a view from the table's start). */
  private bytes: DataView | undefined
  /** Each pair adjustment lookup's subtables (extensions unwrapped), with their byte offsets. */
  private readonly pairTables: PairSubtable[][] = []
  /**
   * Glyph advances by id, read once from fontkit's glyphs: those are of several shapes (a face's
   * TrueType or CFF outlines, and each gets fields as fontkit caches what is asked of it), and
   * `run` read at each new one was compiled again.
   */
  private readonly advances = new Map<number, number>()
  /** Pair sets read so far, by byte offset (`pairSet`). */
  private readonly pairSets = new Map<number, Map<number, number>>()
  /** Whether a lookup followed skips base glyphs, or ligature glyphs (GDEF classes 1, 2). */
  private readonly skipsBases: boolean
  private readonly skipsLigatures: boolean

  private constructor(
    private readonly font: Tables & { getGlyph(id: number, codePoints?: number[]): TableGlyph },
    /** Single and ligature substitutions, in fontkit's order. */
    private readonly ligatures: Indexed[],
    /** Pair adjustments, in fontkit's order. */
    private readonly pairs: Indexed[],
    /** Lookups that must not apply to the text: all but those above. */
    private readonly others: (Indexed & { gsub: boolean })[],
  ) {
    const followed = [...ligatures, ...pairs]
    this.skipsBases = followed.some((l) => l.lookup.flags.flags.ignoreBaseGlyphs)
    this.skipsLigatures = followed.some((l) => l.lookup.flags.flags.ignoreLigatures)
    for (const { index, lookup, gsub } of others) {
      if (!told(lookup)) continue
      for (const sub of lookup.subTables) {
        const [type, table] = unwrap(lookup.lookupType, sub, gsub ? 7 : 9)
        if (!isContext(type, table, gsub)) continue
        if (type === (gsub ? 5 : 7))
          this.contexts.push({ index, gsub, backtrack: [], input: table.coverages!, lookahead: [] })
        else
          this.contexts.push({
            index,
            gsub,
            backtrack: table.backtrackCoverage ?? [],
            input: table.inputCoverage!,
            lookahead: table.lookaheadCoverage ?? [],
          })
      }
    }
  }

  /**
   * The tables of a face when its layout (with the default features and `features`, as fontkit's
   * `layout(text, features)`) can be read from them (module comment), else undefined.
   */
  static of(font: unknown, features: string[] = []): LayoutTables | undefined {
    const f = font as LayoutTables['font']
    try {
      if (f.morx || !f.GPOS || f._variationProcessor || !f.GDEF?.glyphClassDef) return undefined
      const all = [...FEATURES, ...features.filter((tag) => !FEATURES.includes(tag))]
      const gsub = defaultLookups(f.GSUB, false, all)
      const gpos = defaultLookups(f.GPOS, true, all)
      if (!gsub || !gpos) return undefined
      // fontkit applies a legacy `kern` table when the script's GPOS features have no `kern`.
      if (f.kern && !kernsEverywhere(f.GPOS)) return undefined
      const others = [
        ...gsub.others.map((l) => ({ ...l, gsub: true })),
        ...gpos.others.map((l) => ({ ...l, gsub: false })),
      ]
      const tables = new LayoutTables(f, gsub.applied, gpos.applied, others)
      return tables.locate() ? tables : undefined
    } catch {
      return undefined
    }
  }

  /**
   * Find the pair adjustment subtables in the GPOS bytes (as fontkit's `_getTableStream` gives
   * them, a compressed container's inflated), checked against fontkit's decoding of them.
   */
  private locate(): boolean {
    const stream = this.font._getTableStream?.('GPOS')
    if (!stream?.buffer) return false
    const buffer = stream.buffer
    const view = new DataView(buffer.buffer, buffer.byteOffset + stream.pos, buffer.byteLength - stream.pos)
    this.bytes = view
    const list = view.getUint16(8)
    for (const { index, lookup } of this.pairs) {
      const start = list + view.getUint16(list + 2 + 2 * index)
      if (view.getUint16(start) !== lookup.lookupType) return false
      if (view.getUint16(start + 4) !== lookup.subTables.length) return false
      const subtables: PairSubtable[] = []
      for (let k = 0; k < lookup.subTables.length; k++) {
        let at = start + view.getUint16(start + 6 + 2 * k)
        const [, table] = unwrap(lookup.lookupType, lookup.subTables[k]!, 9)
        if (lookup.lookupType === 9) {
          if (view.getUint16(at + 2) !== 2) return false
          at += view.getUint32(at + 4)
        }
        if (view.getUint16(at) !== table.version) return false
        const format1 = view.getUint16(at + 4)
        const format2 = view.getUint16(at + 6)
        subtables.push({
          version: table.version!,
          coverage: table.coverage,
          classDef1: table.classDef1,
          classDef2: table.classDef2,
          at,
          format1,
          format2,
          size1: valueSize(format1),
          size2: valueSize(format2),
        })
      }
      this.pairTables.push(subtables)
    }
    return true
  }

  /**
   * fontkit's `layout` of text (with its default features) whose characters the cmap maps to
   * `ids`, each shaped alone being that glyph; undefined when the tables cannot settle it.
   */
  layout(text: string, ids: ArrayLike<number>): TableRun | undefined {
    try {
      return this.run(text, ids)
    } catch {
      return undefined
    }
  }

  private run(text: string, ids: ArrayLike<number>): TableRun | undefined {
    // A fraction slash turns on the fraction features around it (see `defaultLookups`).
    if (text.includes('\u2044')) return undefined
    const glyphs: number[] = []
    const chars: number[][] = []
    for (let i = 0; i < text.length; i++) {
      glyphs.push(ids[i]!)
      chars.push([text.charCodeAt(i)])
      // As fontkit's `glyphsForString` (a glyph keeps the characters it was first made for).
      this.font.getGlyph(ids[i]!, chars[i])
    }
    // Most text has no glyph any substitution (followed or not) starts from: nothing to do.
    let plain = true
    for (let i = 0; i < glyphs.length && plain; i++) plain = this.rule(glyphs[i]!).plain
    if (!plain && !this.substitute(glyphs, chars)) return undefined
    // Positions as fontkit's: each glyph's advance, then the pair adjustments, lookup by
    // lookup, at each glyph with the next (the first subtable that holds the pair applies).
    const out: TableGlyph[] = []
    const positions: Position[] = []
    for (let i = 0; i < glyphs.length; i++) {
      const id = glyphs[i]!
      const glyph = this.font.getGlyph(id, chars[i])
      out.push(glyph)
      positions.push({ xAdvance: this.advanceOf(id, glyph), xOffset: 0, yOffset: 0 })
    }
    for (const subtables of this.pairTables)
      for (let i = 0; i + 1 < glyphs.length; i++) {
        const a = glyphs[i]!
        const b = glyphs[i + 1]!
        for (const subtable of subtables) {
          const index = coverageIndex(subtable.coverage, a)
          if (index === -1) continue
          const held = this.adjust(subtable, index, a, b, positions[i]!, positions[i + 1]!)
          if (held === undefined) return undefined
          if (held) break
        }
      }
    let advanceWidth = 0
    for (const p of positions) advanceWidth += p.xAdvance
    return { glyphs: out, positions, advanceWidth }
  }

  /**
   * The ligatures and single substitutions of `run` formed in `glyphs` and `chars` (false where
   * the tables cannot settle it). A method apart: most text forms none (`rule(...).plain`), and
   * what `run` takes in for all text stays small.
   */
  private substitute(glyphs: number[], chars: number[][]): boolean {
    // Ligatures as fontkit's GSUBProcessor forms them: lookup by lookup, glyph by glyph, the
    // first subtable that forms one ends the lookup there, the first ligature of the set that
    // matches the glyphs after it is formed (no glyph is skipped: no marks, see `rule`). The
    // substitutions not followed come between, by index: each must not apply to the glyphs as
    // they are when fontkit reaches it.
    let from = -1
    for (const { index, lookup } of this.ligatures) {
      if (!this.quiet(glyphs, true, from, index)) return false
      from = index
      for (let i = 0; i < glyphs.length; i++)
        for (const sub of lookup.subTables) {
          const [type, table] = unwrap(lookup.lookupType, sub, 7)
          const at = coverageIndex(table.coverage, glyphs[i]!)
          if (at < 0) continue
          // A single substitution (fontkit's: a delta, or the glyph at the coverage index).
          if (type === 1) {
            if (table.version === 1) glyphs[i] = (glyphs[i]! + table.deltaGlyphID!) & 0xffff
            else if (table.version === 2) {
              const to = table.substitute!.get(at)
              if (to === undefined) return false
              glyphs[i] = to
            } else return false
            break
          }
          const set = table.ligatureSets!.get(at)
          if (!set) return false
          const ligature = set.find(
            (l) =>
              i + l.components.length < glyphs.length &&
              l.components.every((c, k) => glyphs[i + 1 + k] === c),
          )
          if (!ligature) continue
          const n = ligature.components.length + 1
          glyphs.splice(i, n, ligature.glyph!)
          chars.splice(i, n, chars.slice(i, i + n).flat())
          break
        }
    }
    return (
      this.quiet(glyphs, true, from, POSITIVE_INFINITY) && this.quiet(glyphs, false, -1, POSITIVE_INFINITY)
    )
  }

  /** A glyph's advance (fontkit's `advanceWidth`; the face has no variations, see `of`). */
  private advanceOf(id: number, glyph: TableGlyph): number {
    const known = this.advances.get(id)
    if (known !== undefined) return known
    const advance = glyph.advanceWidth
    this.advances.set(id, advance)
    return advance
  }

  /**
   * A pair adjustment subtable (at byte `at` of `bytes`) applied to a (at `index` of its
   * coverage) followed by b, as fontkit applies it: true when it holds the pair, false when
   * not (the next subtable is tried), undefined where fontkit's decoding would fail. The values
   * are read from the bytes: fontkit would decode each first glyph's whole pair set.
   */
  private adjust(
    { version, classDef1, classDef2, at, format1, format2, size1, size2 }: PairSubtable,
    index: number,
    a: number,
    b: number,
    first: Position,
    second: Position,
  ): boolean | undefined {
    const view = this.bytes!
    let record: number
    if (version === 1) {
      if (index >= view.getUint16(at + 8)) return undefined
      const offset = view.getUint16(at + 10 + 2 * index)
      if (offset === 0) return undefined
      const found = this.pairSet(at + offset, 2 + size1 + size2).get(b)
      if (found === undefined) return false
      record = found
    } else if (version === 2) {
      const class1 = classOf(a, classDef1)
      const class2 = classOf(b, classDef2)
      const count2 = view.getUint16(at + 14)
      if (class1 >= view.getUint16(at + 12) || class2 >= count2) return undefined
      record = at + 16 + (class1 * count2 + class2) * (size1 + size2)
    } else return undefined
    applyValue(view, record, format1, first)
    applyValue(view, record + size1, format2, second)
    return true
  }

  /**
   * A pair set (at byte `at`, records of `size` bytes) as a map from second glyph to its first
   * record's values (fontkit takes the first record that holds the glyph), made once.
   */
  private pairSet(at: number, size: number): Map<number, number> {
    let set = this.pairSets.get(at)
    if (!set) {
      set = new Map()
      const view = this.bytes!
      const count = view.getUint16(at)
      for (let r = 0; r < count; r++) {
        const second = view.getUint16(at + 2 + r * size)
        if (!set.has(second)) set.set(second, at + 4 + r * size)
      }
      this.pairSets.set(at, set)
    }
    return set
  }

  /**
   * Whether no lookup not followed, of substitution (`gsub`) or positioning, with an index
   * between `from` and `to`, may apply to these glyphs: none starts at one of them (`rule`),
   * no ligature of theirs finds its first component among them, no context matches.
   */
  private quiet(glyphs: number[], gsub: boolean, from: number, to: number): boolean {
    const within = (index: number) => index > from && index < to
    for (const glyph of glyphs) {
      const rule = this.rule(glyph)
      if (rule.blocked) return false
      if (!gsub) continue
      if (rule.starts.some(within)) return false
      if (rule.next.some((n) => within(n.index) && glyphs.includes(n.glyph))) return false
    }
    return !this.contextAt(glyphs, gsub, within)
  }

  /** Whether the glyphs hold one that some context starts from (most do not). */
  private anyContext(glyphs: number[]): boolean {
    for (const glyph of glyphs) if (this.rule(glyph).contexts.length) return true
    return false
  }

  /**
   * Whether a coverage-based context may match at some glyph of the sequence: as fontkit 2
   * matches it (the backtrack coverages in reading order, ending before the glyph) or as the
   * OpenType specification reads them (the first coverage nearest the glyph).
   */
  private contextAt(glyphs: number[], gsub: boolean, within: (index: number) => boolean): boolean {
    if (!this.anyContext(glyphs)) return false
    for (const { index, gsub: own, backtrack, input, lookahead } of this.contexts) {
      if (own !== gsub || !within(index)) continue
      for (let p = 0; p < glyphs.length; p++) {
        if (!input.every((c, k) => coverageIndex(c, glyphs[p + k]!) >= 0)) continue
        if (!lookahead.every((c, k) => coverageIndex(c, glyphs[p + input.length + k]!) >= 0)) continue
        const b = backtrack.length
        if (backtrack.every((c, k) => coverageIndex(c, glyphs[p - b + k]!) >= 0)) return true
        if (backtrack.every((c, k) => coverageIndex(c, glyphs[p - 1 - k]!) >= 0)) return true
      }
    }
    return false
  }

  /**
   * What lookups not followed may start at a glyph (it is in a lookup's first coverage; for a
   * ligature, whose next glyph must then be its first component), and whether a lookup followed
   * may skip it (a mark; a base or ligature glyph where a lookup skips those).
   */
  private rule(glyph: number): GlyphRule {
    let rule = this.rules.get(glyph)
    if (rule) return rule
    rule = { blocked: false, starts: [], next: [], contexts: [], plain: false }
    for (const context of this.contexts)
      if (coverageIndex(context.input[0], glyph) >= 0) rule.contexts.push(context)
    const kind = classOf(glyph, this.font.GDEF!.glyphClassDef)
    if (kind === 3 || (kind === 1 && this.skipsBases) || (kind === 2 && this.skipsLigatures))
      rule.blocked = true
    for (const { index, lookup, gsub } of this.others) {
      if (rule.blocked) break
      for (const sub of lookup.subTables) {
        const [type, table] = unwrap(lookup.lookupType, sub, gsub ? 7 : 9)
        // Coverage-based contexts are matched whole (`contextAt`).
        if (told(lookup) && isContext(type, table, gsub)) continue
        const coverage = firstCoverage(type, table, gsub)
        const at = coverage === null ? 0 : coverageIndex(coverage, glyph)
        if (at < 0) continue
        if (coverage === null || !gsub) {
          rule.blocked = true
          break
        }
        if (type !== 4) {
          rule.starts.push(index)
          continue
        }
        const set = table.ligatureSets!.get(at)
        if (!set || set.some((l) => l.components.length === 0)) rule.starts.push(index)
        else for (const ligature of set) rule.next.push({ index, glyph: ligature.components[0]! })
      }
    }
    let followed = false
    for (const { lookup } of this.ligatures)
      for (const sub of lookup.subTables)
        if (coverageIndex(unwrap(lookup.lookupType, sub, 7)[1].coverage, glyph) >= 0) followed = true
    rule.plain =
      !rule.blocked && !followed && !rule.starts.length && !rule.next.length && !rule.contexts.length
    this.rules.set(glyph, rule)
    return rule
  }
}

/** A lookup that skips no base or ligature glyph: its contexts can be matched glyph by glyph. */
function told(lookup: Lookup): boolean {
  return !lookup.flags.flags.ignoreBaseGlyphs && !lookup.flags.flags.ignoreLigatures
}

/** A coverage-based context (format 3) of substitution (`gsub`) or positioning. */
function isContext(type: number, table: SubTable, gsub: boolean): boolean {
  if (table.version !== 3) return false
  if (type === (gsub ? 5 : 7)) return table.coverages !== undefined
  return type === (gsub ? 6 : 8) && table.inputCoverage !== undefined
}

/**
 * A pair adjustment subtable: what `run` and `adjust` read of fontkit's decoding (its format,
 * coverage and class definitions), its byte offset, its value formats and sizes. Copied out into
 * one shape: fontkit decodes the two formats (and each face's) into objects of different shapes,
 * and `run`, read through them, was compiled again at each new one.
 */
interface PairSubtable {
  version: number
  coverage: Coverage | undefined
  classDef1: ClassDef | undefined
  classDef2: ClassDef | undefined
  at: number
  format1: number
  format2: number
  size1: number
  size2: number
}

/** A glyph's position in a run. */
interface Position {
  xAdvance: number
  xOffset: number
  yOffset: number
}

/** Bytes of a value record of this format (fontkit reads the eight defined fields, 2 bytes each). */
function valueSize(format: number): number {
  let size = 0
  for (let bit = 0; bit < 8; bit++) if (format & (1 << bit)) size += 2
  return size
}

/**
 * fontkit's `applyPositionValue` of the value record at `at` (no variations: `of` takes no
 * varied face, so device tables are not read): x and y placement, x advance, in that order.
 */
function applyValue(view: DataView, at: number, format: number, position: Position): void {
  let field = at
  if (format & 1) {
    position.xOffset += view.getInt16(field)
    field += 2
  }
  if (format & 2) {
    position.yOffset += view.getInt16(field)
    field += 2
  }
  if (format & 4) position.xAdvance += view.getInt16(field)
}
