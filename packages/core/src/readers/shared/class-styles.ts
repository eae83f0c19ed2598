/**
 * What a document's own style sheet says its classes mean, for the marks and alignment
 * `html-marks.ts` reads from a `style` attribute. Word processors and converters style by class:
 * a Google Docs export sets every italic as `<span class="c4">` with `.c4{font-style:italic}` in
 * its `<style>`, calibre's EPUBs as `.calibre7 {font-style: italic}` in stylesheet.css. Only rules
 * whose selectors are single classes (`.c4`, `span.italic`) count, resolved by the cascade's
 * order (a later rule wins, as every one has the same specificity); an element's own `style`
 * overrides them. Nothing is fetched: a sheet is text the caller already has.
 */

/** The declarations (property → value, lower-case) an element's classes give it. */
export interface ClassStyles {
  /** The `class` attribute's classes resolved, as a `style` attribute would write them. */
  styleOf(classAttr: string): string
}

interface Rule {
  order: number
  declarations: Array<[string, string]>
}

/** At most this many class rules are read (a hostile sheet is not read past them). */
const MAX_RULES = 20_000

/** A rule of a sheet that declares something: the single classes its selectors name, in order. */
export interface SheetRule {
  names: string[]
  declarations: Array<[string, string]>
}

/** A sheet's rules, parsed once: an EPUB's stylesheet.css serves every page that links it. */
export function sheetRules(sheet: string): SheetRule[] {
  const out: SheetRule[] = []
  for (const [selectors, body] of rules(sheet)) {
    const declarations = parseDeclarations(body)
    if (declarations.length === 0) continue
    const names: string[] = []
    for (const selector of selectors.split(',')) {
      const name = /^\s*(?:[a-z][a-z0-9]*)?\.(-?[_a-z][\w-]*)\s*$/i.exec(selector)?.[1]?.toLowerCase()
      if (name) names.push(name)
    }
    out.push({ names, declarations })
  }
  return out
}

/**
 * The class rules of `sheets`, in order (a document's `<style>` elements and linked sheets, as
 * they come in the document; each its text, or its rules from `sheetRules`). Undefined when they
 * style no class.
 */
export function classStyles(sheets: ReadonlyArray<string | readonly SheetRule[]>): ClassStyles | undefined {
  const byClass = new Map<string, Rule[]>()
  let order = 0
  read: for (const sheet of sheets) {
    for (const { names, declarations } of typeof sheet === 'string' ? sheetRules(sheet) : sheet) {
      if (order >= MAX_RULES) break read
      for (const name of names) {
        const list = byClass.get(name) ?? []
        list.push({ order: order++, declarations })
        byClass.set(name, list)
      }
    }
  }
  if (byClass.size === 0) return undefined
  const resolved = new Map<string, string>()
  return {
    styleOf(classAttr) {
      let style = resolved.get(classAttr)
      if (style !== undefined) return style
      const found: Rule[] = []
      for (const name of classAttr.toLowerCase().split(/\s+/)) {
        const list = name ? byClass.get(name) : undefined
        if (list) for (const rule of list) found.push(rule)
      }
      found.sort((a, b) => a.order - b.order)
      const merged = new Map<string, string>()
      for (const rule of found) for (const [property, value] of rule.declarations) merged.set(property, value)
      style = [...merged].map(([property, value]) => `${property}:${value}`).join(';')
      if (resolved.size < MAX_RULES) resolved.set(classAttr, style)
      return style
    },
  }
}

/**
 * `selectors { declarations }` pairs of a sheet, at its top level: comments dropped, at-rules
 * (`@import …;`, `@media {…}`, `@font-face {…}`) skipped whole. Linear: one scan.
 */
function* rules(sheet: string): Generator<[string, string]> {
  const css = sheet.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, ' ')
  let at = 0
  while (at < css.length) {
    const open = css.indexOf('{', at)
    if (open < 0) return
    let prelude = css.slice(at, open)
    // Statements like `@import url(x);` end before the block.
    const semi = prelude.lastIndexOf(';')
    if (semi >= 0) prelude = prelude.slice(semi + 1)
    // The block's end, nested blocks (an at-rule's) included.
    let depth = 1
    let close = open + 1
    while (close < css.length && depth > 0) {
      const c = css[close]
      if (c === '{') depth++
      else if (c === '}') depth--
      close++
    }
    // A block left open at the sheet's end is closed there, as CSS closes it.
    const body = css.slice(open + 1, depth === 0 ? close - 1 : close)
    if (!prelude.trim().startsWith('@')) yield [prelude, body]
    at = close
  }
}

/** `property: value` pairs of a declaration block, lower-case, `!important` dropped. */
export function parseDeclarations(body: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const part of body.split(';')) {
    const colon = part.indexOf(':')
    if (colon < 0) continue
    const property = part.slice(0, colon).trim().toLowerCase()
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase()
    if (/^[a-z-]+$/.test(property) && value) out.push([property, value])
  }
  return out
}
