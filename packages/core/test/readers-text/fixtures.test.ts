/**
 * Golden fixtures for the plain-text reader: each `fixtures/readers-text/<case>/input.txt` (raw
 * bytes, any encoding) is read and compared, tree and diagnostics, with `expected.json`.
 * `UPDATE_FIXTURES=1` rewrites the expected files; review them as a diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { textReader } from '../../src/readers/text/index.js'

const root = join(import.meta.dirname, '../fixtures/readers-text')
const update = process.env.UPDATE_FIXTURES === '1'

describe('text reader golden fixtures', () => {
  const cases = readdirSync(root).sort()
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(30)
  })
  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name)
      const input = new Uint8Array(readFileSync(join(dir, 'input.txt')))
      const optionsPath = join(dir, 'options.json')
      const options = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {}
      const file = new SourceFile(`${name}.txt`)
      const result = textReader.read(input, file, { language: 'en', ...options })
      const actual = { result, messages: file.messages }
      const expectedPath = join(dir, 'expected.json')
      if (update || !existsSync(expectedPath)) {
        writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`)
      }
      expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')))
    })
  }
})
