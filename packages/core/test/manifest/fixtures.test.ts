/**
 * Golden fixtures: each folder under fixtures/manifest/<case>/ holds a tiny book (`book/`, or the
 * folders named in `args.json`) and `expected.json`, the plan and diagnostics `planBook` gives,
 * with the fixture's absolute path replaced by `<root>`. `UPDATE_FIXTURES=1` rewrites them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { type PlanOptions, planBook } from '../../src/manifest/index.js'
import { registeredFormats } from '../../src/pipeline/formats.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.join(here, '../fixtures/manifest')
const update = process.env.UPDATE_FIXTURES === '1'

interface Args {
  inputs?: string[]
  overrides?: PlanOptions
}

/** Run one case and return its result as JSON text, with machine paths replaced. */
export async function runCase(dir: string): Promise<string> {
  const argsFile = path.join(dir, 'args.json')
  const args: Args = existsSync(argsFile) ? JSON.parse(readFileSync(argsFile, 'utf8')) : {}
  const { plan, files } = await planBook(args.inputs ?? ['book'], {
    ...registeredFormats(),
    ...args.overrides,
    cwd: dir,
  })
  const diagnostics = files.flatMap((file) => file.messages)
  const json = JSON.stringify({ plan: plan ?? null, diagnostics }, null, 2)
  return `${json.split(dir).join('<root>')}\n`
}

describe('manifest fixtures', () => {
  const cases = readdirSync(fixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(20)
  })
  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(fixtures, name)
      const actual = await runCase(dir)
      const expectedFile = path.join(dir, 'expected.json')
      if (update || !existsSync(expectedFile)) writeFileSync(expectedFile, actual)
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'))
    })
  }
})
