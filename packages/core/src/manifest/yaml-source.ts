/**
 * Where things are in book.yaml. Validation works on the plain data YAML gives; this maps a
 * path into that data (`['series', 'number']`) back to the YAML node it came from, for line and
 * column, and to the scalar's text as written (`0141439513` stays an ISBN with its leading zero
 * even though YAML reads it as a number). Aliases are followed, so a path through `*anchor`
 * points into the anchored node.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml'
import type { Point } from '../model/types.js'

export type DataPath = ReadonlyArray<string | number>

export class YamlSource {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Line and column (1-based) of a character offset in the text. */
  point(offset: number): Point {
    const { line, col } = this.lines.linePos(offset)
    return { line, column: col }
  }

  /** The node at `path`, or the deepest node on the way there when the rest is missing. */
  private walk(path: DataPath): { node: Node | undefined; pair?: Pair; complete: boolean; empty?: boolean } {
    let node = this.resolve(this.doc.contents as Node | null)
    let pair: Pair | undefined
    for (const segment of path) {
      let next: Node | undefined
      pair = undefined
      if (isMap(node)) {
        pair = node.items.find((item) => keyText(item.key) === String(segment)) as Pair | undefined
        next = this.resolve(pair?.value as Node | null | undefined)
        // A key with no value (`title:`) has no value node: point at the key.
        if (pair && !next) return { node: pair.key as Node, pair, complete: true, empty: true }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = this.resolve(node.items[segment] as Node | null | undefined)
      }
      if (!next) return { node, complete: false }
      node = next
    }
    return { node, ...(pair ? { pair } : {}), complete: true }
  }

  private resolve(node: Node | null | undefined): Node | undefined {
    let current = node ?? undefined
    // Bounded: an alias resolves to an anchored node that came before it, never to an alias loop,
    // but a malformed document should not be able to spin here.
    for (let i = 0; i < 16 && current && isAlias(current); i++) {
      current = (current.resolve(this.doc) as Node | undefined) ?? undefined
    }
    return current
  }

  /** Where the value at `path` starts (or the nearest enclosing node when it is missing). */
  place(path: DataPath): Point | undefined {
    const { node } = this.walk(path)
    return node?.range ? this.point(node.range[0]) : undefined
  }

  /** Where the key of the last segment of `path` is written (for "unknown key" and duplicates). */
  keyPlace(path: DataPath): Point | undefined {
    const { pair, complete } = this.walk(path)
    const key = complete ? (pair?.key as Node | undefined) : undefined
    return key?.range ? this.point(key.range[0]) : this.place(path.slice(0, -1))
  }

  /** The text of a plain scalar as written, for values YAML turned into numbers or booleans. */
  raw(path: DataPath): string | undefined {
    const { node, complete, empty } = this.walk(path)
    if (!complete || empty || !isScalar(node)) return undefined
    return typeof node.source === 'string' ? node.source : undefined
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value)
  return undefined
}
