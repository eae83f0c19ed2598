/**
 * The registry's Markdown reader loads micromark only with a first file the fast parser
 * declines, the YAML parser with a first file that has front matter, and the HTML reader (parse5)
 * with a first file that holds a `<`: a book whose files the fast parser reads, without front
 * matter or raw HTML, loads none of them (some 960 KB of modules). Proved twice:
 * by the packages its static imports reach, and by the reader's own record of what it loaded;
 * its answers equal those of the reader that loads both up front.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { lazyMarkdownReader } from '../../src/readers/markdown/lazy.js'
import { modulesLoaded } from '../../src/readers/markdown/read.js'
import { markdownReader } from '../../src/readers/markdown.js'

const SRC = join(import.meta.dirname, '../../src')

/** The packages a module reaches through static, non-type imports, in-tree modules followed. */
function staticPackages(start: string): Set<string> {
  const packages = new Set<string>()
  const seen = new Set<string>()
  const queue = [join(SRC, start)]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
      const spec = m[1]!
      if (spec.startsWith('.')) queue.push(join(dirname(file), spec.replace(/\.js$/, '.ts')))
      else if (!spec.startsWith('#')) packages.add(spec)
    }
  }
  return packages
}

const MICROMARK = /^(micromark|mdast-util-(from-markdown|gfm|frontmatter)|yaml$|parse5$)/

/**
 * Read `source` with the lazy reader and with the one that loads everything up front: the same
 * tree and the same messages. Returns the lazy reader's first answer as it came (a promise while
 * a module loads; the up-front reader records nothing in `modulesLoaded`) and the tree.
 */
async function readBoth(source: string, name: string) {
  const file = new SourceFile(name)
  const first = lazyMarkdownReader.read(source, file, { language: 'en' })
  const eagerFile = new SourceFile(name)
  const eager = markdownReader.read(source, eagerFile, { language: 'en' })
  expect(await first).toEqual(eager)
  expect(file.messages).toEqual(eagerFile.messages)
  return { first, eager }
}

describe('the registry Markdown reader loads micromark, YAML and parse5 lazily', () => {
  it('reaches none of micromark, YAML and parse5 through static imports; the up-front reader does', () => {
    const lazy = [...staticPackages('readers/markdown/lazy.ts')]
    const eager = [...staticPackages('readers/markdown.ts')]
    expect(lazy.filter((p) => MICROMARK.test(p))).toEqual([])
    expect(eager.filter((p) => MICROMARK.test(p))).toContain('yaml')
    expect(eager.filter((p) => MICROMARK.test(p))).toContain('mdast-util-from-markdown')
    expect(eager.filter((p) => MICROMARK.test(p))).toContain('parse5')
  })

  it('answers a file the fast parser reads at once, without loading micromark', async () => {
    const source = '# One\n\nIt was *early*, she said.[^1]\n\n[^1]: A note.\n'
    const { first } = await readBoth(source, 'one.md')
    expect(first).not.toBeInstanceOf(Promise)
    expect(modulesLoaded()).toEqual({ micromark: false, yaml: false, html: false })
  })

  it('loads the HTML reader with the first file that holds raw HTML, not micromark', async () => {
    // Inline HTML the fast parser reads: an underline, and an image tag with a dangerous sibling.
    const source = '# Three\n\nIt was <u>early</u>, <img src="dawn.png" alt="Dawn"> <script>x()</script>.\n'
    const { first, eager } = await readBoth(source, 'three.md')
    expect(first).toBeInstanceOf(Promise)
    expect(JSON.stringify(eager)).toContain('"underline"')
    expect(JSON.stringify(eager)).toContain('dawn.png')
    expect(modulesLoaded()).toEqual({ micromark: false, yaml: false, html: true })
    expect(lazyMarkdownReader.read(source, new SourceFile('four.md'), { language: 'en' })).not.toBeInstanceOf(
      Promise,
    )
  })

  it('loads micromark with the first file that needs it, then answers at once', async () => {
    // A table and raw HTML: the fast parser declines both.
    const table = '# Two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>raw</div>\n'
    const { first } = await readBoth(table, 'two.md')
    expect(first).toBeInstanceOf(Promise)
    expect(modulesLoaded()).toEqual({ micromark: true, yaml: false, html: true })
    const again = lazyMarkdownReader.read(table, new SourceFile('three.md'), { language: 'en' })
    expect(again).not.toBeInstanceOf(Promise)
  })

  it('loads the YAML reader with the first file that has front matter', async () => {
    const source = '---\ntitle: Dawn\nnumber: 4\n---\n\nIt was early.\n'
    const { first, eager } = await readBoth(source, 'four.md')
    expect(first).toBeInstanceOf(Promise)
    expect(eager.children[0]).toMatchObject({ number: 4 })
    expect(modulesLoaded().yaml).toBe(true)
    expect(lazyMarkdownReader.read(source, new SourceFile('five.md'), { language: 'en' })).not.toBeInstanceOf(
      Promise,
    )
  })
})
