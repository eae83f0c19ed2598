/** `octavo init [dir]`: a sample book that builds as it is, with every book.yaml field explained. */
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import nodePath from 'node:path'
import type { AnyRenderer, optionRows as OptionRows } from '@octavo/core'
import { type CommonArgs, reporterFor } from '../common.js'
import { EXIT } from '../report.js'
import { trustFolder } from '../trust.js'

/**
 * Each output format's book.yaml section, commented out, from the format's own option schema:
 * a new renderer's options appear here without this file knowing it.
 */
function formatSections(renderers: AnyRenderer[], optionRows: typeof OptionRows): string {
  const lines: string[] = []
  for (const renderer of renderers) {
    if (!renderer.options) continue
    lines.push(`# ${renderer.name}:`)
    for (const row of optionRows(renderer.options)) {
      const setting = `#   ${row.key}:${row.sample === undefined ? '' : ` ${row.sample}`}`
      lines.push(`${setting.padEnd(37)} # ${row.description}`)
    }
  }
  return lines.map((line) => `${line}\n`).join('')
}

/** The commented book.yaml `init` writes; the format sections come from the registered renderers. */
export function bookYaml(renderers: AnyRenderer[], optionRows: typeof OptionRows): string {
  return `# book.yaml: everything Octavo needs to know about your book.
# Only \`title\` and \`author\` matter to start; every other key is optional.

title: The Lighthouse Keeper's Daughter
# subtitle: A Novel
author: Your Name                     # or a list: authors: [{ name: Ana Díaz, file-as: "Díaz, Ana" }]
language: en                          # BCP 47: en, en-GB, fr, de, es, it, ru, pl, sv…
# identifier: 978-3-16-148410-0       # ISBN or UUID; default: a stable UUID from title + authors
# publisher: Small Press
date: "2026-01-01"                    # publication date (YYYY, YYYY-MM or YYYY-MM-DD)
description: A short sample book made by \`octavo init\`. Replace it with your own blurb.
subjects: [Fiction, Fantasy]          # or tags:
# series: { name: The Coast Cycle, number: 1 }
rights: All rights reserved.          # or a licence, e.g. CC BY 4.0
# contributors:
#   - { name: Sam Editor, role: editor }
#   - { name: Tam Translator, role: translator }
cover: cover.png                      # leave out to get a typographic cover generated for you
# dedication: For everyone who kept a light on.
# edition: First edition

chapters:                             # files and globs, in reading order; natural sort within a glob
  - chapters/*.txt
# chapters:                           # with parts:
#   - part: "Part One: The Shore"
#     chapters: [chapters/01-*.txt, chapters/02-*.txt]
# front-matter: [foreword.md]
# back-matter: [afterword.md]

${formatSections(renderers, optionRows)}# typography: false                   # keep straight quotes and -- as typed
# typography:                         # or turn single rules off (all on by default):
#   word-joiners: false               #   no U+2060 before em dashes (for a Kindle conversion)
#   no-break-spaces: false            #   Mr. Darcy, 10 a.m., 5 km may break after the space
#   hair-spaces: false                #   no hair space between touching quotes (“ ‘)
# plugins: [./my-renderer.mjs]
`
}

export const SAMPLE_CHAPTERS: Record<string, string> = {
  '01-the-light.txt': `Chapter One: The Light

Mara had kept the lamp for eleven winters, and she had never once let it go out.

"You'll freeze up there," her brother said, the night the storm came in. "It's only a light, Mara."

"It's never only a light." She pulled on her father's coat--the one with the torn pocket--and climbed.

* * *

By midnight the sea was white to the horizon. She trimmed the wick, wiped the salt from the glass, and waited...

A/N: Thanks for reading the sample! Edit chapters/*.txt and run \`octavo build\` again.
`,
  '02-the-ship.txt': `Chapter Two: The Ship

The ship came out of the dark at two in the morning, listing hard, her foremast gone.

Mara counted the lanterns on her deck. _Three._ Then two. Then one.

"Hold on," she whispered, as if they could hear her. "Hold on, 'til the tide turns."
`,
  '03-morning.txt': `Chapter Three: Morning

In the morning there were fourteen strangers in the kitchen, and every one of them was alive.

The captain, a tall woman with a bandaged hand, stood at the window a long time before she spoke. "We saw your light," she said at last. "We'd have been on the rocks without it."

Mara only nodded. Outside, the sea had gone quiet, grey and flat as slate.
`,
}

export async function initCommand(argv: CommonArgs & { dir?: string }): Promise<number> {
  const reporter = reporterFor(argv)
  const dir = nodePath.resolve(argv.dir ?? '.')
  await mkdir(dir, { recursive: true })
  const existing = await readdir(dir)
  // A book.yml beside a new book.yaml would be ambiguous (and the new one would win): refuse.
  const manifests = existing.filter((name) => /^book\.ya?ml$/.test(name))
  if (manifests.length > 0) {
    reporter.notice(
      `${manifests.map((name) => nodePath.join(dir, name)).join(' and ')} already exist${manifests.length === 1 ? 's' : ''}; nothing was changed`,
    )
    return EXIT.errors
  }
  // Everything is checked before anything is written, so a clash never leaves half a book.
  const sample = ['cover.png', ...Object.keys(SAMPLE_CHAPTERS).map((name) => `chapters/${name}`)]
  const chapters = await readdir(nodePath.join(dir, 'chapters')).catch(() => [] as string[])
  const clashes = sample.filter((path) =>
    path.startsWith('chapters/') ? chapters.includes(path.slice(9)) : existing.includes(path),
  )
  if (clashes.length > 0) {
    reporter.notice(
      `${clashes.map((path) => nodePath.join(dir, path)).join(', ')} already exist${clashes.length === 1 ? 's' : ''}; nothing was changed`,
    )
    return EXIT.errors
  }
  const { completeMetadata, generateCover, listRenderers, optionRows } = await import('@octavo/core')
  await mkdir(nodePath.join(dir, 'chapters'), { recursive: true })
  await writeFile(nodePath.join(dir, 'book.yaml'), bookYaml(listRenderers(), optionRows), { flag: 'wx' })
  for (const [name, text] of Object.entries(SAMPLE_CHAPTERS)) {
    await writeFile(nodePath.join(dir, 'chapters', name), text, { flag: 'wx' })
  }
  const cover = await generateCover(
    completeMetadata({ title: "The Lighthouse Keeper's Daughter", author: 'Your Name', language: 'en' }),
  )
  await writeFile(nodePath.join(dir, 'cover.png'), cover, { flag: 'wx' })
  // This user made the folder, so its plugins (once book.yaml names some) run without asking.
  await trustFolder(dir)
  reporter.info(
    `created a sample book in ${nodePath.relative(process.cwd(), dir) || '.'}: book.yaml, chapters/, cover.png`,
  )
  reporter.info(`build it with: octavo build ${nodePath.relative(process.cwd(), dir) || '.'}`)
  return EXIT.ok
}
