/**
 * A chapter headed by its number alone reads the same for one digit as for two: "7", "3." and
 * "3. The Storm" open chapters 7 and 3 as "12" and "12. The Storm" do, in text and Markdown.
 * Inside a chapter, a lone digit stays prose unless a run counts up from 1 (`text/split.ts`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadBook } from '../../src/index.js'
import { chaptersOf, toText } from '../../src/model/walk.js'

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-bare-numbers-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

async function chapters(files: Record<string, string>) {
  const { book } = await loadBook(folder(files), { metadata: { title: 'T', authors: [{ name: 'A' }] } })
  return chaptersOf(book!.tree).map((c) => [
    c.number,
    c.title ? toText(c.title) : undefined,
    c.children.length,
  ])
}

describe('chapters headed by a bare number', () => {
  it('reads one digit as it reads two, in text and in Markdown', async () => {
    expect(
      await chapters({
        'a.txt': '7\n\nSeven.',
        'b.txt': '8. The Storm\n\nRain.',
        'c.md': '# 9\n\nNine.',
        'd.md': '# 10. The Calm\n\nQuiet.',
        'e.txt': '11\n\nEleven.',
      }),
    ).toEqual([
      [7, undefined, 1],
      [8, 'The Storm', 1],
      [9, undefined, 1],
      [10, 'The Calm', 1],
      [11, undefined, 1],
    ])
  })

  it('keeps a countdown inside a chapter as prose', async () => {
    expect(await chapters({ 'a.txt': '5\n\nShe counted.\n\n3\n\n2\n\n1\n\nGo.' })).toEqual([
      [5, undefined, 5],
    ])
  })

  it('splits one file at a run of bare numbers counting up', async () => {
    expect(await chapters({ 'a.txt': '1\n\nOne.\n\n2\n\nTwo.\n\n3\n\nThree.' })).toEqual([
      [1, undefined, 1],
      [2, undefined, 1],
      [3, undefined, 1],
    ])
  })
})
