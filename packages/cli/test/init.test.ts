/**
 * `octavo init` (issue 13, item 6): a sample book in an empty folder; in a folder that holds
 * chapters, a book.yaml listing them with their detected titles and nothing else added; never an
 * overwritten file; the title and author asked on a terminal (a pseudo-terminal made by Python's
 * `pty` module) or given as flags; no baked cover image, the cover generated at build time.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli, octavo, tempDir } from './helpers.js'

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`build the CLI first (npm run setup): ${cli} is missing`)
})

const python = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status === 0
if (!python)
  console.warn('init prompt tests skipped: install python3 (Debian package python3) for a pseudo-terminal')

/** Answers each `Label (…): ` question the CLI asks on the terminal with the next answer given. */
const PTY = `
import os, pty, sys, json
answers = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
out = b''
asked = 0
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if asked < len(answers) and out.count(b': ') > asked:
        os.write(fd, answers[asked].encode() + b'\\r')
        asked += 1
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`

function onTerminal(args: string[], cwd: string, answers: string[]) {
  const home = tempDir('octavo-pty-home-')
  const r = spawnSync('python3', ['-c', PTY, JSON.stringify(answers), process.execPath, cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      SOURCE_DATE_EPOCH: '1700000000',
      XDG_CONFIG_HOME: path.join(home, 'c'),
      XDG_STATE_HOME: path.join(home, 's'),
    },
    timeout: 600_000,
  })
  return { status: r.status, screen: r.stdout }
}

/** The OPF of the EPUB in `out`, and whether it carries a cover image. */
function epubIn(out: string): { opf: string; names: string[] } {
  const epub = readdirSync(out).find((name) => name.endsWith('.epub'))!
  const files = unzipSync(readFileSync(path.join(out, epub)))
  const names = Object.keys(files)
  return { opf: strFromU8(files[names.find((n) => n.endsWith('.opf'))!]!), names }
}

/** A folder holding an author's chapters, as they would have it before meeting Octavo. */
function authorsFolder(sub = ''): string {
  const dir = path.join(tempDir(), 'the-salt-road')
  mkdirSync(path.join(dir, sub), { recursive: true })
  writeFileSync(path.join(dir, sub, '01.md'), '# Chapter One: The Harbour\n\nThe boats were in.\n')
  writeFileSync(path.join(dir, sub, '02.md'), '# Chapter Two: "Low Tide"\n\nThe boats were out.\n')
  writeFileSync(path.join(dir, sub, '10.md'), '# Epilogue\n\nThe boats came home.\n')
  writeFileSync(path.join(dir, 'notes.jpg'), 'not a chapter')
  return dir
}

describe('octavo init in an empty folder', () => {
  it('writes a sample book that builds as it is, with no warnings and no baked cover', () => {
    const dir = path.join(tempDir(), 'my-book')
    const init = octavo(['init', dir])
    expect(init.code).toBe(0)
    expect(readdirSync(dir).sort()).toEqual(['book.yaml', 'chapters'])
    expect(readdirSync(path.join(dir, 'chapters'))).toHaveLength(3)
    // Every format's options are in the template, commented out, from the format's schema.
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    expect(yaml).toMatch(/^# epub:\n# {3}toc: true +# An in-book contents page$/m)
    expect(yaml).toMatch(/^# {3}running-heads: true +# Book and chapter titles at the top of pages$/m)
    expect(yaml).toMatch(/^# cover: /m)
    const out = tempDir()
    const build = octavo(['build', dir, '--out', out, '--strict'])
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'the-lighthouse-keepers-daughter.epub',
      'the-lighthouse-keepers-daughter.pdf',
    ])
  })

  it('makes the cover from the final book.yaml at build time, so an edited title is on it', () => {
    const dir = tempDir()
    expect(octavo(['init', dir, '--title', 'Draft', '--author', 'Ann Author']).code).toBe(0)
    const yaml = path.join(dir, 'book.yaml')
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^title: Draft$/m, 'title: The Final Title'))
    const out = tempDir()
    expect(octavo(['build', dir, '--out', out, '-f', 'epub']).code).toBe(0)
    const { opf, names } = epubIn(out)
    expect(opf).toContain('<dc:title id="title">The Final Title</dc:title>')
    expect(opf).toContain('Ann Author')
    // The generated cover is an image of its own in the package, made at this build.
    expect(opf).toMatch(/properties="cover-image"/)
    expect(names.some((name) => /cover/.test(name))).toBe(true)
  })

  it('refuses to overwrite an existing book.yaml, or a book.yml', () => {
    for (const name of ['book.yaml', 'book.yml']) {
      const dir = tempDir()
      writeFileSync(path.join(dir, name), 'title: Mine\n')
      const run = octavo(['init', dir])
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(`${name} already exists; nothing was changed`)
      expect(readdirSync(dir)).toEqual([name])
      expect(readFileSync(path.join(dir, name), 'utf8')).toBe('title: Mine\n')
    }
  })
})

describe('octavo init in a folder that has chapters', () => {
  it('lists them in reading order with their detected titles, and adds nothing else', () => {
    const dir = authorsFolder()
    const run = octavo(['init', dir, '--title', 'The Salt Road', '--author', 'Ann Author'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('3 chapters found')
    expect(readdirSync(dir).sort()).toEqual(['01.md', '02.md', '10.md', 'book.yaml', 'notes.jpg'])
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    expect(yaml).toMatch(/^title: The Salt Road$/m)
    expect(yaml).toMatch(/^author: Ann Author /m)
    const listed = yaml.match(/^ {2}- .*$/gm)
    expect(listed).toEqual([
      expect.stringMatching(/^ {2}- 01\.md +# Chapter One: The Harbour$/),
      expect.stringMatching(/^ {2}- 02\.md +# Chapter Two: "Low Tide"$/),
      expect.stringMatching(/^ {2}- 10\.md +# Epilogue$/),
    ])
    // The book.yaml builds the same chapters, with no warning.
    const out = tempDir()
    const build = octavo(['build', dir, '--out', out, '-f', 'epub', '--strict'])
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)
    expect(epubIn(out).opf).toContain('The Salt Road')
  })

  it('finds chapters in a subfolder such as manuscript/, and takes the title from the book folder', () => {
    const dir = authorsFolder('manuscript')
    const run = octavo(['init', dir, '--author', 'Ann Author'])
    expect(run.code).toBe(0)
    expect(existsSync(path.join(dir, 'chapters'))).toBe(false)
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    expect(yaml).toMatch(/^title: The Salt Road$/m)
    expect(yaml.match(/^ {2}- \S+/gm)).toEqual([
      '  - manuscript/01.md',
      '  - manuscript/02.md',
      '  - manuscript/10.md',
    ])
    const out = tempDir()
    expect(octavo(['build', dir, '--out', out, '-f', 'epub', '--strict']).code).toBe(0)
  })

  it('lists a Scrivener project in the folder by its binder, not by its documents', () => {
    const dir = tempDir()
    const project = path.join(dir, 'The Salt Road.scriv')
    const scene = (text: string) => `{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639 ${text}\\par}`
    const files: Record<string, string> = {
      'The Salt Road.scrivx': `<?xml version="1.0" encoding="UTF-8"?>
<ScrivenerProject Version="2.0" Creator="SCRMAC-3.3.1-15696"><Binder>
<BinderItem UUID="D" Type="DraftFolder"><Title>Manuscript</Title><Children>
<BinderItem UUID="C1" Type="Folder"><Title>The Harbour</Title><Children>
<BinderItem UUID="S1" Type="Text"><Title>Scene</Title></BinderItem>
<BinderItem UUID="S2" Type="Text"><Title>Scene</Title></BinderItem>
</Children></BinderItem>
<BinderItem UUID="C2" Type="Text"><Title>Low Tide</Title></BinderItem>
</Children></BinderItem></Binder></ScrivenerProject>`,
      'Files/Data/S1/content.rtf': scene('The boats came in.'),
      'Files/Data/S2/content.rtf': scene('Night fell on the quay.'),
      'Files/Data/C2/content.rtf': scene('The water went out.'),
    }
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(project, name)), { recursive: true })
      writeFileSync(path.join(project, name), text)
    }
    const run = octavo(['init', dir, '--author', 'Ann Author'])
    expect(run.code).toBe(0)
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    expect(yaml.match(/^ {2}- .*$/gm)).toEqual([
      expect.stringMatching(
        /^ {2}- The Salt Road\.scriv\/The Salt Road\.scrivx +# 2 chapters: Chapter 1: The Harbour … Chapter 2: Low Tide$/,
      ),
    ])
    const out = tempDir()
    expect(octavo(['build', dir, '--out', out, '-f', 'epub', '--strict']).code).toBe(0)
    // A finding in a document names its file and its place in the binder.
    writeFileSync(path.join(project, 'Files/Data/S2/content.rtf'), scene('Night fell "on the quay.'))
    const check = octavo(['check', dir])
    expect(check.stderr).toMatch(
      /^The Salt Road\.scriv\/Files\/Data\/S2\/content\.rtf:1:1 \(The Harbour › Scene\) {2}warning {2}the quotation opened here is not closed/m,
    )
  })

  it('never adds sample chapters beside chapters/ files that clash, and quotes odd file names', () => {
    const dir = tempDir()
    mkdirSync(path.join(dir, 'chapters'))
    writeFileSync(path.join(dir, 'chapters', '01-the-light.txt'), 'Chapter One: Mine\n\nMy own words.\n')
    writeFileSync(path.join(dir, 'chapters', '02: yes #2.txt'), 'Chapter Two\n\nMore.\n')
    const run = octavo(['init', dir, '--title', 'Mine', '--author', 'Me'])
    expect(run.code).toBe(0)
    expect(readdirSync(path.join(dir, 'chapters')).sort()).toEqual(['01-the-light.txt', '02: yes #2.txt'])
    expect(readFileSync(path.join(dir, 'chapters', '01-the-light.txt'), 'utf8')).toContain('My own words.')
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    expect(yaml).toContain('  - chapters/01-the-light.txt')
    expect(yaml).toContain('  - "chapters/02: yes #2.txt"')
    expect(octavo(['build', dir, '--out', tempDir(), '-f', 'epub', '--strict']).code).toBe(0)
  })
})

describe.skipIf(!python)('octavo init on a terminal', () => {
  it('asks for the title and author, offering what it detected', () => {
    const dir = authorsFolder()
    const run = onTerminal(['init'], dir, ['', 'Ann Author'])
    expect(run.status, run.screen).toBe(0)
    expect(run.screen).toContain('Title (The Salt Road): ')
    expect(run.screen).toContain('Author: ')
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    expect(yaml).toMatch(/^title: The Salt Road$/m)
    expect(yaml).toMatch(/^author: Ann Author /m)
  })

  it('asks only for what the flags leave out', () => {
    const dir = authorsFolder()
    const run = onTerminal(['init', '--title', 'Given'], dir, ['Bea Writer'])
    expect(run.status, run.screen).toBe(0)
    expect(run.screen).not.toContain('Title')
    const yaml = readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    expect(yaml).toMatch(/^title: Given$/m)
    expect(yaml).toMatch(/^author: Bea Writer /m)
  })
})
