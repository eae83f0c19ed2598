// Books the command benchmark (bench/cli.mjs) makes from the shared corpus, for what authors hold
// beside plain chapters: a whole novel saved as one HTML page, a book with figures (a photograph
// and a transparent drawing, as PNG), and a book set in the author's own font files given as
// WOFF2 (what a web font service hands out). Each is made once into the benchmark's work folder,
// the same bytes every time (the figures' pixels come from a fixed seed).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'
import { literataFiles } from './typst.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * A folder of Markdown chapters as one hand-written HTML page (`<h1>` per chapter, paragraphs,
 * emphasis), as an author exports a whole novel from a word processor or a site.
 */
export function htmlPage(dir, file) {
  if (existsSync(file)) return file
  const body = readdirSync(dir)
    .sort()
    .map((name) =>
      readFileSync(path.join(dir, name), 'utf8')
        .split(/\n{2,}/)
        .map((block) => block.trim())
        .filter(Boolean)
        .map((block) => {
          const heading = /^(#{1,6})\s+(.*)$/.exec(block)
          if (heading) return `<h${heading[1].length}>${escapeHtml(heading[2])}</h${heading[1].length}>`
          if (/^(\*\s*){3,}$/.test(block)) return '<hr>'
          const html = escapeHtml(block)
            .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
            .replace(/(^|[^\w])[*_](?=\S)(.+?)(?<=\S)[*_](?!\w)/g, '$1<em>$2</em>')
          return `<p>${html}</p>`
        })
        .join('\n'),
    )
    .join('\n')
  const page = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Benchmark</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`
  writeFileSync(file, page)
  return file
}

/** A PNG of `width` × `height`, RGB or RGBA (8 bits), its pixels made by `pixel(x, y, out)`. */
function png(width, height, alpha, pixel) {
  const channels = alpha ? 4 : 3
  const stride = width * channels + 1
  const raw = Buffer.alloc(stride * height)
  const px = new Uint8Array(4)
  for (let y = 0; y < height; y++) {
    let i = y * stride + 1
    for (let x = 0; x < width; x++) {
      pixel(x, y, px)
      for (let c = 0; c < channels; c++) raw[i++] = px[c]
    }
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'latin1')
    data.copy(out, 8)
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = alpha ? 6 : 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A small deterministic generator (mulberry32): the same numbers from the same seed. */
export function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Treasure Island's first four chapters with two figures: a photograph-like 4000×3000 RGB PNG
 * (gradients and grain, which compress as a photo's pixels do) in the first and a 3000×2000
 * drawing on a transparent ground (RGBA) in the third, as a phone's picture and a map an author
 * places. Returns the book's folder (chapters and `figures/`).
 */
export function figuresBook(corpus, dir) {
  if (existsSync(path.join(dir, 'figures/map.png'))) return dir
  mkdirSync(path.join(dir, 'figures'), { recursive: true })
  const next = random(20261204)
  writeFileSync(
    path.join(dir, 'figures/photo.png'),
    png(4000, 3000, false, (x, y, out) => {
      const grain = (next() - 0.5) * 24
      out[0] = Math.max(0, Math.min(255, (x / 4000) * 200 + 30 + grain))
      out[1] = Math.max(0, Math.min(255, (y / 3000) * 180 + 40 + grain))
      out[2] = Math.max(0, Math.min(255, 128 + 90 * Math.sin((x + y) / 400) + grain))
    }),
  )
  writeFileSync(
    path.join(dir, 'figures/map.png'),
    png(3000, 2000, true, (x, y, out) => {
      const line = (x % 150 < 4 || y % 150 < 4) && (x * y) % 7 !== 0
      const coast = Math.abs(Math.sin(x / 300) * 400 + 1000 - y) < 6
      out[0] = coast ? 40 : 90
      out[1] = coast ? 60 : 70
      out[2] = coast ? 140 : 50
      out[3] = line || coast ? 255 : 0
    }),
  )
  const chapters = readdirSync(corpus).sort().slice(0, 4)
  chapters.forEach((name, k) => {
    const blocks = readFileSync(path.join(corpus, name), 'utf8').split(/\n{2,}/)
    if (k === 0) blocks.splice(2, 0, '![The harbour at dawn, from the inn](figures/photo.png)')
    if (k === 2) blocks.splice(2, 0, '![A map of the island, drawn on a clear ground](figures/map.png)')
    writeFileSync(path.join(dir, name), blocks.join('\n\n'))
  })
  return dir
}

/**
 * Treasure Island set in the author's own files: Literata's four faces (the default face, so
 * the difference from ti-md-pdf is what the author's-files path costs) turned into WOFF2 by
 * Google's encoder (wawoff2, a dev dependency) and named in book.yaml. Returns the folder, or
 * undefined without wawoff2.
 */
export async function woff2Book(corpus, dir) {
  if (existsSync(path.join(dir, 'book.yaml'))) return dir
  let compress
  try {
    compress = createRequire(path.join(here, '../packages/core/package.json'))('wawoff2').compress
  } catch {
    return undefined
  }
  mkdirSync(path.join(dir, 'fonts'), { recursive: true })
  const styles = ['regular', 'italic', 'bold', 'boldItalic']
  const files = literataFiles()
  const lines = []
  for (let k = 0; k < styles.length; k++) {
    const name = `fonts/literata-${styles[k]}.woff2`
    writeFileSync(path.join(dir, name), await compress(readFileSync(files[k])))
    lines.push(`    ${styles[k]}: ${name}`)
  }
  for (const name of readdirSync(corpus))
    writeFileSync(path.join(dir, name), readFileSync(path.join(corpus, name)))
  writeFileSync(path.join(dir, 'book.yaml'), `pdf:\n  font:\n${lines.join('\n')}\n`)
  return dir
}
