/**
 * The rendering state the XHTML handlers share, after mdast-util-to-hast's `State`: the handler
 * table, `one`/`all` to recurse, and the hooks an output format fills in (where images live, where
 * `#id` links point, how footnote references are written). Handlers stay format-agnostic; EPUB
 * supplies the hooks.
 */
import type {
  Blockquote,
  FootnoteReference,
  Heading,
  Image,
  Link,
  Node,
  NodeMap,
  NodeType,
} from '../../model/types.js'
import { isStanzas } from './stanzas.js'

/** A handler turns one node into XHTML markup. */
export type Handler<N extends Node = Node> = (node: N, state: State) => string

/** One handler per node type; unknown types are dropped (their text kept when they have children). */
export type Handlers = { [K in NodeType]?: Handler<NodeMap[K]> }

/** What an output format tells the handlers. */
export interface Hooks {
  /** Href of a book image from the current document, or `undefined` when it was left out. */
  imageHref(node: Image): string | undefined
  /** Href for a `#id` link inside the book, or `undefined` when no such target exists. */
  linkHref(id: string, node: Link): string | undefined
  /** Markup for a footnote reference (EPUB: a `noteref` link; a missing note: its label as text). */
  noteRef(node: FootnoteReference): string
  /** Visible label of an author's note, e.g. "Author's Note". */
  noteLabel: string
  /** The element id of a heading the navigation links to; none when absent or undefined. */
  headingId?(node: Heading): string | undefined
  /**
   * The writing direction of the text being rendered: the book's at the start (default `ltr`),
   * a span's or paragraph's inside it, so that `dir` is written only where it changes.
   */
  direction?: 'ltr' | 'rtl'
}

export interface State extends Hooks {
  handlers: Handlers
  /** Render one node. */
  one(node: Node): string
  /** Render inline children, concatenated. */
  all(nodes: readonly Node[] | undefined): string
  /** Render block children, marking the first paragraph of the run and the one after a break. */
  blocks(nodes: readonly Node[]): string
  /**
   * True while the next paragraph starts a run of text (start of a container, after a heading,
   * scene break, author's note, table, verse, poem or figure): it gets class `first`, so it is not
   * indented even where `h1 + p` fails (the first paragraph of a split file, readers that ignore
   * adjacent selectors).
   */
  first: boolean
  /**
   * Footnote references met inside a link, written after it (XHTML allows no link inside a
   * link, and a note reference is one); `undefined` outside links.
   */
  linkNotes: string[] | undefined
}

/**
 * After these blocks the text starts afresh, so the next paragraph is not indented: a verse, a
 * poem typed as a block quote or a figure stands apart from the prose as a heading does, and an
 * indent under it looks like a slip.
 */
const RUN_STARTERS: ReadonlySet<string> = new Set([
  'heading',
  'sceneBreak',
  'note',
  'table',
  'verse',
  'figure',
])

export function startsRun(node: Node): boolean {
  return RUN_STARTERS.has(node.type) || (node.type === 'blockquote' && isStanzas(node as Blockquote))
}

export function createState(handlers: Handlers, hooks: Hooks): State {
  const state: State = {
    ...hooks,
    handlers,
    first: true,
    linkNotes: undefined,
    one(node) {
      const handler = handlers[node.type as NodeType] as Handler | undefined
      if (handler) return handler(node, state)
      return 'children' in node && Array.isArray(node.children) ? state.all(node.children as Node[]) : ''
    },
    all(nodes) {
      if (!nodes) return ''
      let out = ''
      for (const node of nodes) out += state.one(node)
      return out
    },
    blocks(nodes) {
      let out = ''
      state.first = true
      for (const node of nodes) {
        if (node.type === 'footnoteDefinition') continue
        out += state.one(node)
        state.first = startsRun(node)
      }
      return out
    },
  }
  return state
}
