/**
 * Golden fixtures: each `fixtures/readers-md/<case>/input.md` is read and compared with
 * `expected.json` (the reader's result and its diagnostics, positions included). Regenerate with
 * UPDATE_FIXTURES=1 and review the diff by eye. `options.json` may set `path` (default
 * `chapters/<case>.md`, which matters for image paths), `language` and `matter`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { markdownReader } from '../../src/readers/markdown.js'

const root = join(import.meta.dirname, '../fixtures/readers-md')
const update = process.env.UPDATE_FIXTURES === '1'

describe('markdown golden fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const dir = join(root, name)
      const optionsPath = join(dir, 'options.json')
      const options = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {}
      const file = new SourceFile(options.path ?? `chapters/${name}.md`)
      const result = markdownReader.read(readFileSync(join(dir, 'input.md')), file, {
        language: options.language ?? 'en',
        ...(options.matter ? { matter: options.matter } : {}),
      })
      // Files the text carried (data: pictures) as their sizes: the tree is what is compared.
      const { resources, ...tree } = result
      const carried = resources
        ? Object.fromEntries(Object.entries(resources).map(([path, bytes]) => [path, bytes.length]))
        : undefined
      const actual = `${JSON.stringify({ result: tree, ...(carried ? { resources: carried } : {}), messages: file.messages }, null, 2)}\n`
      const expectedPath = join(dir, 'expected.json')
      if (update) writeFileSync(expectedPath, actual)
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'))
      // Every tree survives a JSON round trip.
      expect(JSON.parse(actual).result).toEqual(tree)
    })
  }
})
