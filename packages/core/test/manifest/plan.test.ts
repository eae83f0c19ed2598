/**
 * planBook on books made in a temporary folder: symlinks (which git fixtures should not hold),
 * command-line inputs and overrides, and determinism.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src/diagnostics/file.js'
import { planBook } from '../../src/manifest/index.js'
import { registeredFormats } from '../../src/pipeline/formats.js'

let base: string

beforeAll(() => {
  base = realpathSync(mkdtempSync(path.join(tmpdir(), 'octavo-manifest-')))
})
afterAll(() => {
  rmSync(base, { recursive: true, force: true })
})

/** Make a book folder from a map of relative path → content (or `{ link: target }`). */
function makeBook(name: string, files: Record<string, string | { link: string }>): string {
  const root = path.join(base, name)
  for (const [file, content] of Object.entries(files)) {
    const abs = path.join(root, file)
    mkdirSync(path.dirname(abs), { recursive: true })
    if (typeof content === 'string') writeFileSync(abs, content)
    else symlinkSync(content.link, abs)
  }
  mkdirSync(root, { recursive: true })
  return root
}

const brief = (d: Diagnostic) => `${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.code} ${d.message}`

async function plan(inputs: string[], cwd: string, overrides = {}) {
  const result = await planBook(inputs, { cwd, ...registeredFormats(), ...overrides })
  return {
    plan: result.plan,
    chapters: result.plan?.chapters.map((c) => `${c.matter}:${c.file}`),
    diagnostics: result.files.flatMap((f) => f.messages).map(brief),
  }
}

describe('symlinks', () => {
  beforeAll(() => {
    makeBook('outside', { 'secret.md': 'secret', 'dir/deep.md': 'deep' })
  })

  it('reports a listed chapter that links out of the book', async () => {
    const root = makeBook('link-listed', {
      'book.yaml': 'title: T\nauthor: A\nchapters:\n  - one.md\n  - leak.md\n',
      'one.md': 'x',
      'leak.md': { link: path.join(base, 'outside/secret.md') },
    })
    const result = await plan([], root)
    expect(result.chapters).toEqual(['body:one.md'])
    expect(result.diagnostics).toEqual([
      'book.yaml:5:5 resource-outside-book "leak.md" is a link that leaves the book folder',
    ])
  })

  it('reports a glob match that links out, uses links that stay in, and never enters linked folders', async () => {
    const root = makeBook('link-glob', {
      'book.yaml': 'title: T\nauthor: A\nchapters: ["**/*.md"]\n',
      'a.md': 'x',
      'real/b.md': 'x',
      'inside.md': { link: 'real/b.md' },
      'leak.md': { link: path.join(base, 'outside/secret.md') },
      outdir: { link: path.join(base, 'outside/dir') },
      everything: { link: '/' },
      loop: { link: '.' },
    })
    // A link to `/` or to `.` would make an unguarded walk endless; finishing is the proof.
    const result = await plan([], root)
    expect(result.chapters).toEqual(['body:a.md', 'body:inside.md', 'body:real/b.md'])
    expect(result.diagnostics).toEqual([
      'book.yaml:3:12 resource-outside-book "leak.md" (matched by "**/*.md") is a link that leaves the book folder',
    ])
  })

  it('reports a zero-config chapter that links out', async () => {
    const root = makeBook('link-zero', {
      'chapter-1.md': 'x',
      'chapter-2.md': { link: path.join(base, 'outside/secret.md') },
    })
    const result = await plan(['.'], root, { title: 'T', authors: [{ name: 'A' }] })
    expect(result.chapters).toEqual(['body:chapter-1.md'])
    expect(result.diagnostics).toEqual([
      ':: resource-outside-book "chapter-2.md" is a link that leaves the book folder',
    ])
  })

  it('reports a command-line chapter that links out of the common folder', async () => {
    const root = makeBook('link-cli', {
      'book/a.md': 'x',
      'book/b.md': { link: path.join(base, 'outside/secret.md') },
    })
    const result = await plan(['book/a.md', 'book/b.md'], root, { title: 'T', authors: [{ name: 'A' }] })
    expect(result.plan?.root).toBe(path.join(root, 'book'))
    expect(result.chapters).toEqual(['body:a.md'])
    expect(result.diagnostics).toEqual([
      ':: resource-outside-book "b.md" is a link that leaves the book folder',
    ])
  })

  it('reports a cover that links out', async () => {
    const root = makeBook('link-cover', {
      'book.yaml': 'title: T\nauthor: A\ncover: cover.png\n',
      'a.md': 'x',
      'cover.png': { link: path.join(base, 'outside/secret.md') },
    })
    const result = await plan([], root)
    expect(result.plan?.metadata.cover).toBeUndefined()
    expect(result.diagnostics).toEqual([
      'book.yaml:3:8 resource-outside-book The cover "cover.png" is a link that leaves the book folder',
    ])
  })
})

describe('inputs and overrides', () => {
  it('lets command-line metadata win over book.yaml', async () => {
    const root = makeBook('overrides', {
      'book.yaml':
        'title: From YAML\nauthor: YAML Author\nlanguage: en\ndate: 2020\nidentifier: 9780141439518\n',
      'a.md': 'x',
    })
    const result = await plan([root], '/', {
      title: 'From CLI',
      authors: [{ name: 'CLI Author' }],
      language: 'de-ch',
      date: '2024-05',
      identifier: { scheme: 'uri', value: '978-0-14-143951-8' },
    })
    expect(result.diagnostics).toEqual([])
    expect(result.plan?.metadata).toMatchObject({
      title: 'From CLI',
      authors: [{ name: 'CLI Author' }],
      language: 'de-CH',
      date: '2024-05',
      identifier: { scheme: 'isbn', value: '9780141439518' },
    })
  })

  it('reports bad override values and keeps book.yaml values', async () => {
    const root = makeBook('bad-overrides', {
      'book.yaml': 'title: T\nauthor: A\nlanguage: fr\n',
      'a.md': 'x',
    })
    const result = await plan([], root, { language: 'french', date: 'soon', cover: '../c.png' })
    expect(result.plan?.metadata.language).toBe('fr')
    expect(result.diagnostics).toEqual([
      ':: book-input-invalid The language must be a BCP 47 language tag such as "en" or "pt-BR", got "french"',
      ':: book-input-invalid The date must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got "soon"',
      ':: resource-outside-book The cover "../c.png" leaves the book folder',
    ])
  })

  it('reads a book.yaml given by path, and book.yml in a folder', async () => {
    const root = makeBook('yml', { 'book.yml': 'title: Y\nauthor: A\n', 'a.md': 'x' })
    const byFolder = await plan(['yml'], base)
    const byPath = await plan(['yml/book.yml'], base)
    expect(byFolder.plan?.manifestPath).toBe('book.yml')
    expect(byPath.plan).toEqual(byFolder.plan)
    expect(byPath.plan?.root).toBe(root)
  })

  it('refuses book.yaml mixed with chapter files', async () => {
    const root = makeBook('mixed', { 'book.yaml': 'title: T\n', 'a.md': 'x' })
    const result = await plan(['book.yaml', 'a.md'], root)
    expect(result.plan).toBeUndefined()
    expect(result.diagnostics).toEqual([
      ':: book-input-invalid Give "book.yaml" on its own: a book.yaml lists the chapters itself, so it cannot be combined with other inputs',
    ])
  })

  it('reports a missing input', async () => {
    const result = await plan(['nope'], base)
    expect(result.plan).toBeUndefined()
    expect(result.diagnostics).toEqual([':: book-file-missing "nope" does not exist'])
  })

  it('treats a file name with glob characters as a file when it exists', async () => {
    const root = makeBook('brackets', {
      'book.yaml': 'title: T\nauthor: A\nchapters: ["chapter [1].md", "chapter-(2).md"]\n',
      'chapter [1].md': 'x',
      'chapter-(2).md': 'x',
    })
    const result = await plan([], root)
    expect(result.diagnostics).toEqual([])
    expect(result.chapters).toEqual(['body:chapter [1].md', 'body:chapter-(2).md'])
  })

  it('keeps a brace pattern inside the book', async () => {
    const root = makeBook('braces/book', {
      'book.yaml': 'title: T\nauthor: A\nchapters: ["{..,x}/*.md", "a.md"]\n',
      'a.md': 'x',
    })
    makeBook('braces', { 'outside.md': 'x' })
    const result = await plan([], root)
    expect(result.chapters).toEqual(['body:a.md'])
    // tinyglobby does not expand `..` out of cwd; BookFolder.glob would report it if it did.
    expect(result.diagnostics).toEqual([
      'book.yaml:3:12 book-glob-empty "{..,x}/*.md" matched no chapter file',
    ])
  })

  it('titles a book of one file named outright after the file, a folder or a glob after the folder', async () => {
    const root = makeBook('downloads', {
      'my-long_story.final.md': 'x',
      'other.md': 'y',
      'only/chapter-one.md': 'z',
    })
    const titled = async (inputs: string[]) => {
      const result = await plan(inputs, root)
      return [result.plan?.metadata.title, result.diagnostics.find((d) => d.includes('book-title-from'))]
    }
    expect(await titled(['my-long_story.final.md'])).toEqual([
      'My Long Story Final',
      ':: book-title-from-file Using "My Long Story Final" (from the file name) as the title; set a title in book.yaml or on the command line',
    ])
    // An order number is no part of it; a name that is only a number stays.
    makeBook('downloads', { '03 - the_last_road.md': 'x', '1984.md': 'y' })
    expect((await titled(['03 - the_last_road.md']))[0]).toBe('The Last Road')
    expect((await titled(['1984.md']))[0]).toBe('1984')
    // Two files, a glob that matched one, a folder: the folder's name, as before.
    expect((await titled(['my-long_story.final.md', 'other.md']))[0]).toBe('Downloads')
    expect((await titled(['only/*.md']))[0]).toBe('Only')
    expect((await titled(['only']))[0]).toBe('Only')
    // A title given wins, and no notice is given.
    const given = await plan(['other.md'], root, { title: 'Given' })
    expect(given.plan?.metadata.title).toBe('Given')
    expect(given.diagnostics.filter((d) => d.includes('book-title-from'))).toEqual([])
  })

  it('reports a chapter list that leaves nothing', async () => {
    const root = makeBook('nothing-left', { 'book.yaml': 'title: T\nauthor: A\nchapters: [gone.md]\n' })
    const result = await plan([], root)
    expect(result.plan).toBeUndefined()
    expect(result.diagnostics).toEqual([
      ':: book-no-chapters No chapter files to build',
      'book.yaml:3:12 book-file-missing "gone.md" does not exist',
    ])
  })

  it('gives the same plan every time', async () => {
    const root = makeBook('determinism', {
      'book.yaml': 'title: T\nauthor: A\nchapters: ["*.md", "**/*.txt"]\n',
      ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`ch-${(i * 37) % 60}.md`, 'x'])),
      ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`sub-${i % 3}/n-${i}.txt`, 'x'])),
    })
    const first = JSON.stringify(await planBook([], { cwd: root, ...registeredFormats() }))
    for (let i = 0; i < 3; i++)
      expect(JSON.stringify(await planBook([], { cwd: root, ...registeredFormats() }))).toBe(first)
    const chapters = (await plan([], root)).chapters!
    expect(chapters.slice(0, 3)).toEqual(['body:ch-0.md', 'body:ch-1.md', 'body:ch-2.md'])
    expect(chapters[59]).toBe('body:ch-59.md')
    expect(chapters.slice(60, 62)).toEqual(['body:sub-0/n-0.txt', 'body:sub-0/n-3.txt'])
  })

  it('plans a 10,000-character title end to end', async () => {
    const title = `<&>"'${'ש書😀'.repeat(2499)}`
    const root = makeBook('long-title', {
      'book.yaml': `title: ${JSON.stringify(title)}\nauthor: A\n`,
      'a.md': 'x',
    })
    const result = await plan([], root)
    expect(result.diagnostics).toEqual([])
    expect(result.plan?.metadata.title).toBe(title)
    expect(result.plan?.metadata.title.length).toBe(5 + 4 * 2499)
  })
  it('takes a Scrivener project folder by its binder, titled after the folder, as its binder named alone', async () => {
    const root = makeBook('Novel.scriv', {
      'project.scrivx': '<ScrivenerProject Version="1.0"/>',
      'Files/Docs/3.rtf': '{\\rtf1 Scene.}',
    })
    const folder = await plan([root], base)
    expect(folder.chapters).toEqual(['body:project.scrivx'])
    expect(folder.plan?.metadata.title).toBe('Novel')
    const named = await plan([path.join(root, 'project.scrivx')], base)
    expect(named.chapters).toEqual(['body:project.scrivx'])
    expect(named.plan?.metadata.title).toBe('Novel')
  })
  it('points to the Scrivener project in a folder that holds one and no chapters', async () => {
    makeBook('Writing/My Novel.scriv', { 'My Novel.scrivx': '<ScrivenerProject Version="2.0"/>' })
    const result = await plan([path.join(base, 'Writing')], base)
    expect(result.plan).toBeUndefined()
    expect(result.diagnostics).toHaveLength(1)
    expect(result.diagnostics[0]).toContain('"My Novel.scriv" is a Scrivener project')
    expect(result.diagnostics[0]).toContain('octavo build "My Novel.scriv"')
  })
})
