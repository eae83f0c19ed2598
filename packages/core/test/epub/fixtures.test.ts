/**
 * Golden fixtures: `fixtures/epub/<case>/input.json` (a tree and options) beside `expected/`, the
 * text files of the EPUB it gives. Regenerate with UPDATE_FIXTURES=1 and review the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { richFiles, richTree, unzipText } from './helpers.js'

const root = path.resolve(import.meta.dirname, '../fixtures/epub')
const update = process.env.UPDATE_FIXTURES === '1'

if (update) {
  // The rich case's input is the helper's tree, so a change there shows up as a fixture diff.
  mkdirSync(path.join(root, 'rich'), { recursive: true })
  writeFileSync(
    path.join(root, 'rich', 'input.json'),
    `${JSON.stringify({ options: { generateCover: false }, tree: richTree({ cover: 'images/cover.png' }) }, null, 2)}\n`,
  )
}

describe('golden fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = path.join(root, name)
      const input = JSON.parse(readFileSync(path.join(dir, 'input.json'), 'utf8')) as {
        tree: Root
        options: object
      }
      const file = new SourceFile('')
      const env = createMemoryEnv(await richFiles(), { date: new Date(Date.UTC(2026, 0, 1)), file })
      const text = unzipText(await epubRenderer.render(input.tree, input.options, env))
      const actual: Record<string, string> = {}
      for (const [entry, body] of Object.entries(text))
        if (/\.(xhtml|opf|ncx|xml|css)$|mimetype$/.test(entry)) actual[entry] = body
      actual['diagnostics.json'] = `${JSON.stringify(file.messages, null, 2)}\n`
      const expectedDir = path.join(dir, 'expected')
      if (update) {
        rmSync(expectedDir, { recursive: true, force: true })
        for (const [entry, body] of Object.entries(actual)) {
          mkdirSync(path.dirname(path.join(expectedDir, entry)), { recursive: true })
          writeFileSync(path.join(expectedDir, entry), body)
        }
      }
      const listed = (d: string, prefix = ''): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? listed(path.join(d, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
        )
      expect(existsSync(expectedDir), `${expectedDir} (run with UPDATE_FIXTURES=1)`).toBe(true)
      expect(Object.keys(actual).sort()).toEqual(listed(expectedDir).sort())
      for (const [entry, body] of Object.entries(actual)) {
        expect(body, entry).toBe(readFileSync(path.join(expectedDir, entry), 'utf8'))
      }
    })
  }
})
