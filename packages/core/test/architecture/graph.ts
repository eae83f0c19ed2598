/**
 * The core's import graph and the layering rules it must keep: no circle (type-only imports
 * count, since a type circle ties two modules as firmly for a reader of the code and makes
 * a later runtime import a silent circle) and nothing importing upward. Pure functions over
 * file texts, so the test can plant violations in a made-up tree and see them caught.
 */

/** Module path relative to `src/` (`readers/html.ts`) → its source text. */
export type Sources = Map<string, string>

/** Module path → the in-tree modules it imports (relative to `src/`, with `.ts`). */
export type Graph = Map<string, string[]>

// `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`; comments are
// stripped first so an example in a doc comment is not an edge.
const SPECIFIER =
  /(?:\bimport|\bexport)\s*(?:type\s+)?(?:[\w*${}\s,]+?\s*from\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1')
}

function resolve(from: string, specifier: string, sources: Sources): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const parts = from.split('/').slice(0, -1)
  for (const segment of specifier.split('/')) {
    if (segment === '..') parts.pop()
    else if (segment !== '.') parts.push(segment)
  }
  const joined = parts.join('/')
  for (const candidate of [joined.replace(/\.js$/, '.ts'), `${joined}.ts`, `${joined}/index.ts`]) {
    if (sources.has(candidate)) return candidate
  }
  return undefined
}

export function buildGraph(sources: Sources): Graph {
  const graph: Graph = new Map()
  for (const [path, text] of sources) {
    const edges = new Set<string>()
    for (const match of stripComments(text).matchAll(SPECIFIER)) {
      const target = resolve(path, match[1] ?? match[2]!, sources)
      if (target && target !== path) edges.add(target)
    }
    graph.set(path, [...edges].sort())
  }
  return graph
}

/** Every strongly connected component of more than one module, each sorted (Tarjan, iterative). */
export function findCycles(graph: Graph): string[][] {
  let index = 0
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const out: string[][] = []
  for (const start of [...graph.keys()].sort()) {
    if (indices.has(start)) continue
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }]
    indices.set(start, index)
    low.set(start, index++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const frame = work.at(-1)!
      const edges = graph.get(frame.node) ?? []
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!
        if (!indices.has(to)) {
          indices.set(to, index)
          low.set(to, index++)
          stack.push(to)
          onStack.add(to)
          work.push({ node: to, next: 0 })
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, indices.get(to)!))
        continue
      }
      work.pop()
      const parent = work.at(-1)
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!))
      if (low.get(frame.node) === indices.get(frame.node)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        if (component.length > 1) out.push(component.sort())
      }
    }
  }
  return out
}

/** A layering rule: modules matching `from` must not import modules matching `to`. */
export interface Rule {
  name: string
  from: RegExp
  to: RegExp
}

/**
 * Nothing imports upward. The format modules are everything under `readers/` and `renderers/`
 * (a code table there belongs to its format); the code tables are leaves that import only
 * `diagnostics/types.ts`, so `diagnostics/` reaching one would be learning a format.
 */
export const RULES: Rule[] = [
  {
    name: 'model imports no reader, transform, renderer or manifest',
    from: /^model\//,
    to: /^(readers|transforms|renderers|manifest|pipeline)\//,
  },
  {
    name: 'readers import no renderer or manifest',
    from: /^readers\//,
    to: /^(renderers|manifest|pipeline)\//,
  },
  {
    name: 'transforms import no renderer or manifest',
    from: /^transforms\//,
    to: /^(renderers|manifest|pipeline)\//,
  },
  { name: 'the manifest imports no renderer module', from: /^manifest\//, to: /^(renderers|pipeline)\// },
  {
    name: 'diagnostics import no format module',
    from: /^diagnostics\//,
    to: /^(readers|renderers|transforms|manifest|pipeline|cover)\//,
  },
  { name: 'the diagnostics types module imports nothing', from: /^diagnostics\/types\.ts$/, to: /./ },
  {
    // A part several formats share (the generated cover, XML escaping, the resource limits) stands
    // below the renderers; only what assembles formats reaches into them.
    name: 'only the pipeline, platforms, plugins and public index import a renderer',
    from: /^(?!renderers\/|pipeline\/|platform\/|plugins\.ts$|index\.ts$)/,
    to: /^renderers\//,
  },
  {
    name: 'env imports no format, resource or pipeline module',
    from: /^env\.ts$/,
    to: /^(readers|renderers|transforms|manifest|pipeline|resources|cover|platform|import)\//,
  },
]

export interface Violation {
  rule: string
  from: string
  to: string
}

export function findViolations(graph: Graph, rules: Rule[] = RULES): Violation[] {
  const out: Violation[] = []
  for (const [from, edges] of graph) {
    for (const rule of rules) {
      if (!rule.from.test(from)) continue
      for (const to of edges) if (rule.to.test(to)) out.push({ rule: rule.name, from, to })
    }
  }
  return out
}

// `import './x.js'`: a module imported for its effect alone (comments stripped first).
const BARE_IMPORT = /(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g

/**
 * Modules imported for their effect alone (`import './codes.js'`), as `module → specifiers`. The
 * package declares `"sideEffects": false`, so a bundler (a browser build of the core) may drop
 * such an import, and whatever it registered (a code table) would then be missing: what a module
 * needs from another it imports by name.
 */
export function findBareImports(sources: Sources): Array<{ from: string; specifier: string }> {
  const out: Array<{ from: string; specifier: string }> = []
  for (const [path, text] of sources)
    for (const match of stripComments(text).matchAll(BARE_IMPORT))
      out.push({ from: path, specifier: match[1]! })
  return out
}
