/**
 * `--encoding` as a user types it: a KOI8-R book read right, and an unknown name an error that
 * names it, with nothing written.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { octavo, tempDir } from '../helpers.js'

const RUSSIAN = 'Привет, мир. Ёлка стоит во дворе.'

/** KOI8-R by its table: ю а б ц … ъ at 0xC0–0xDF, capitals 0x20 above, ё 0xA3, Ё 0xB3. */
function koi8r(text: string): Uint8Array {
  const order = 'юабцдефгхийклмнопярстужвьызшэщчъ'
  return Uint8Array.from([...text], (c) => {
    const lower = order.indexOf(c)
    if (lower >= 0) return 0xc0 + lower
    const upper = order.indexOf(c.toLowerCase())
    if (upper >= 0) return 0xe0 + upper
    if (c === 'ё') return 0xa3
    if (c === 'Ё') return 0xb3
    if (c.charCodeAt(0) < 0x80) return c.charCodeAt(0)
    throw new Error(`no KOI8-R byte for ${c}`)
  })
}

function koi8Book(): string {
  const dir = tempDir('octavo-cli-encoding-')
  writeFileSync(path.join(dir, 'book.yaml'), 'title: Т\nauthor: А\nlanguage: ru\n')
  writeFileSync(path.join(dir, 'ch-1.txt'), koi8r(`Глава 1\n\n${RUSSIAN}\n`))
  return dir
}

describe('octavo --encoding', () => {
  it('reads the chapter files in the encoding given, without a warning', () => {
    const dir = koi8Book()
    const run = octavo(['stats', dir, '--encoding', 'KOI8-R', '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).not.toMatch(/warning/)
    const chapter = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((l) => l.type === 'chapter')
    expect(chapter.words).toBe(6)
  })

  it('an unknown encoding is an error naming it, and nothing is written', () => {
    const dir = koi8Book()
    const out = tempDir('octavo-cli-encoding-out-')
    const run = octavo(['build', dir, '--encoding', 'klingon-8', '-f', 'epub', '--out', out])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('klingon-8')
    expect(run.stderr).toMatch(/error/)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })
})
