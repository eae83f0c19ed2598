import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildGraph, findBareImports, findCycles, findViolations, type Sources } from './graph.js'

const SRC = join(import.meta.dirname, '../../src')

function readSources(): Sources {
  const sources: Sources = new Map()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts'))
        sources.set(relative(SRC, full).split('\\').join('/'), readFileSync(full, 'utf8'))
    }
  }
  walk(SRC)
  return sources
}

describe('the core import graph', () => {
  const graph = buildGraph(readSources())

  it('sees the real edges', () => {
    expect(graph.get('index.ts')).toContain('readers/index.ts')
    expect(graph.size).toBeGreaterThan(100)
  })

  it('has no circle, type-only imports included', () => {
    expect(findCycles(graph)).toEqual([])
  })

  it('imports nothing upward', () => {
    expect(findViolations(graph)).toEqual([])
  })

  it('imports no module for its effect alone (the package has no side effects)', () => {
    expect(findBareImports(readSources())).toEqual([])
  })
})

describe('the bare-import check', () => {
  it('catches a planted bare import, and not a named or commented-out one', () => {
    const planted: Sources = new Map([
      [
        'readers/docx/index.ts',
        "import { a } from './a.js'\nimport '../archive-codes.js'\n// import './no.js'",
      ],
      ['readers/x.ts', "import type { T } from './t.js'; import './codes.js'"],
    ])
    expect(findBareImports(planted)).toEqual([
      { from: 'readers/docx/index.ts', specifier: '../archive-codes.js' },
      { from: 'readers/x.ts', specifier: './codes.js' },
    ])
  })
})

describe('the checker', () => {
  const planted: Sources = new Map([
    ['diagnostics/types.ts', 'export type Level = "error"'],
    [
      'diagnostics/file.ts',
      "import type { Level } from './types.js'\nimport { x } from '../readers/html-codes.js'",
    ],
    ['readers/html-codes.ts', "import type { Level } from '../diagnostics/types.js'"],
    [
      'readers/html.ts',
      "import { f } from './html/a.js'\nimport type { R } from '../renderers/epub/index.js'",
    ],
    [
      'readers/html/a.ts',
      "// import { no } from '../../manifest/parse.js'\nimport type { H } from '../html.js'",
    ],
    ['renderers/epub/index.ts', "export * from '../../readers/html.js'"],
    ['manifest/parse.ts', "const m = await import('../renderers/epub/index.js')"],
  ])
  const graph = buildGraph(planted)

  it('catches a planted circle, type-only edges included', () => {
    expect(findCycles(graph)).toEqual([['readers/html.ts', 'readers/html/a.ts', 'renderers/epub/index.ts']])
  })

  it('catches planted upward imports, and not commented-out ones', () => {
    const onlyAssemblers = 'only the pipeline, platforms, plugins and public index import a renderer'
    expect(findViolations(graph)).toEqual([
      {
        rule: 'diagnostics import no format module',
        from: 'diagnostics/file.ts',
        to: 'readers/html-codes.ts',
      },
      {
        rule: 'readers import no renderer or manifest',
        from: 'readers/html.ts',
        to: 'renderers/epub/index.ts',
      },
      { rule: onlyAssemblers, from: 'readers/html.ts', to: 'renderers/epub/index.ts' },
      {
        rule: 'the manifest imports no renderer module',
        from: 'manifest/parse.ts',
        to: 'renderers/epub/index.ts',
      },
      { rule: onlyAssemblers, from: 'manifest/parse.ts', to: 'renderers/epub/index.ts' },
    ])
  })

  it('catches a shared part reaching into a renderer, and env reaching up', () => {
    const shared = buildGraph(
      new Map([
        ['renderers/xhtml/escape.ts', 'export const e = 1'],
        ['cover/generate.ts', "import { e } from '../renderers/xhtml/escape.js'"],
        ['resources/limits.ts', 'export const l = 1'],
        ['env.ts', "import { l } from './resources/limits.js'"],
        ['pipeline/render.ts', "import { e } from '../renderers/xhtml/escape.js'"],
        ['index.ts', "export * from './renderers/xhtml/escape.js'"],
      ]),
    )
    expect(findViolations(shared)).toEqual([
      {
        rule: 'only the pipeline, platforms, plugins and public index import a renderer',
        from: 'cover/generate.ts',
        to: 'renderers/xhtml/escape.ts',
      },
      {
        rule: 'env imports no format, resource or pipeline module',
        from: 'env.ts',
        to: 'resources/limits.ts',
      },
    ])
  })
})
