#!/usr/bin/env node
// Typst as a peer of Octavo's PDF: a simple Markdown -> Typst conversion (headings, paragraphs,
// emphasis, scene breaks; everything else escaped) and a compile through the npm package
// `@myriaddreamin/typst-ts-node-compiler` (a root devDependency; prebuilt native binaries), set
// as Octavo's default PDF is: 6x9 in, margins 0.75 in top, 0.8 in bottom, 0.875 in inside,
// 0.625 in outside, Literata 10.5 pt on 14.175 pt (1.35) baselines, justified and hyphenated,
// paragraphs indented without space between them. Typst is given the very Literata files Octavo
// embeds (from node_modules), so nothing is fetched and no system font is used.
//
//   node bench/typst.mjs INPUT.md OUTPUT.pdf     (what bench/cli.mjs times)
//   node bench/typst.mjs --watch DIR EDITS.json  (what bench/watch.mjs --pdf times beside
//                                                 `octavo build --watch`)
//
// --watch is Typst's own watch mode as its compiler does it: one compiler kept between builds
// (Typst memoises its layout, as `typst watch` does), the book compiled once from DIR's chapters
// (sorted, each converted, joined as bench/cli.mjs joins them), then again after each edit in
// EDITS.json (`[[chapter file, text appended], ...]`, applied in order), each PDF exported in
// full. Prints one JSON line: the first build's and each rebuild's milliseconds (the chapters
// converted and joined again, the compile and the export), and the PDFs' sizes.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

/** Markdown to Typst markup: headings, emphasis, strong, scene breaks, figures; everything else escaped. */
export function toTypst(md) {
  const esc = (s) => s.replace(/[\\#$@<>[\]`~=+/-]/g, (c) => `\\${c}`)
  return md
    .split('\n')
    .map((line) => {
      // A figure alone on its line, as wide as the text (Octavo's default).
      const image = /^!\[[^\]]*\]\(([^)\s]+)\)$/.exec(line.trim())
      if (image) return `#figure(image("${image[1]}", width: 100%))`
      const heading = /^(#{1,6})\s+(.*)$/.exec(line)
      if (heading)
        return `${'='.repeat(heading[1].length)} ${esc(heading[2]).replace(/[*_]/g, (c) => `\\${c}`)}`
      if (/^\s*(\*\s*){3,}$/.test(line)) return '#align(center)[\\* \\* \\*]'
      // Octavo's typography makes `--` an em dash; Typst would make it an en dash.
      return esc(line.replace(/--/g, '\u2014'))
        .replace(/\*\*(.+?)\*\*/g, '#strong[$1]')
        .replace(/(^|[^\w\\])[*_](?=\S)(.+?)(?<=\S)[*_](?!\w)/g, '$1#emph[$2]')
        .replace(/[*_]/g, (c) => `\\${c}`)
    })
    .join('\n')
}

/** Octavo's default PDF settings for 6x9 in (renderers/pdf/options.ts), in Typst. */
export const PREAMBLE = [
  '#set page(width: 6in, height: 9in, margin: (top: 0.75in, bottom: 0.8in, inside: 0.875in, outside: 0.625in))',
  // Lines without height, so that `leading` is the distance from baseline to baseline.
  '#set text(font: "Literata", size: 10.5pt, lang: "en", hyphenate: true, top-edge: "baseline", bottom-edge: "baseline")',
  '#set par(justify: true, leading: 14.175pt, spacing: 14.175pt, first-line-indent: 1em)',
  '#show heading: it => { pagebreak(weak: true); v(2em); it; v(1em) }',
  '',
].join('\n')

/** The Literata faces Octavo's PDF embeds (renderers/pdf/fonts.ts), from its own dependency. */
export function literataFiles() {
  const require = createRequire(path.join(here, '../packages/core/package.json'))
  return ['400Regular', '400Regular_Italic', '700Bold', '700Bold_Italic'].map((face) =>
    require.resolve(`@expo-google-fonts/literata/${face}/Literata_${face}.ttf`),
  )
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) &&
  process.argv[2] === '--watch'
) {
  const [dir, editsFile] = process.argv.slice(3)
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler')
  const names = readdirSync(dir)
    .filter((name) => /\.(md|txt)$/.test(name))
    .sort()
  const texts = new Map(names.map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]))
  const compile = (compiler) => {
    const t = performance.now()
    const main = PREAMBLE + names.map((name) => toTypst(texts.get(name))).join('\n\n')
    const pdf = compiler.pdf({ mainFileContent: main })
    return { ms: performance.now() - t, bytes: pdf.length }
  }
  const t0 = performance.now()
  const compiler = NodeCompiler.create({
    workspace: path.resolve(dir),
    fontArgs: [{ fontBlobs: literataFiles().map((file) => readFileSync(file)) }],
  })
  const first = compile(compiler)
  const result = { firstMs: Math.round(performance.now() - t0), rebuildsMs: [], bytes: [first.bytes] }
  for (const [name, text] of JSON.parse(readFileSync(editsFile, 'utf8'))) {
    texts.set(name, texts.get(name) + text)
    const again = compile(compiler)
    result.rebuildsMs.push(Math.round(again.ms))
    result.bytes.push(again.bytes)
  }
  console.log(JSON.stringify(result))
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // ROOT: where the book's figures are found (the input's folder by default).
  const [input, output, root = path.dirname(path.resolve(input))] = process.argv.slice(2)
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler')
  const source = readFileSync(input, 'utf8')
  const main = PREAMBLE + (input.endsWith('.typ') ? source : toTypst(source))
  const compiler = NodeCompiler.create({
    workspace: path.resolve(root),
    fontArgs: [{ fontBlobs: literataFiles().map((file) => readFileSync(file)) }],
  })
  const pdf = compiler.pdf({ mainFileContent: main })
  writeFileSync(output, pdf)
}
