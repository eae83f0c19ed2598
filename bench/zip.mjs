// Zip engine benchmark for the EPUB packager: jszip vs fflate on the 2M-word serial's chapter XHTML.
// Usage: node bench/zip.mjs [serial-dir]   (make the serial with
//   node /work/shared/tools/gen-serial.mjs --out /tmp/serial-epub --formats txt)
// Prints wall time and compressed size per engine and per deflate level. Figures are rough on a
// shared machine; each case runs 3 times and the best is kept.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(new URL('../packages/core/package.json', import.meta.url))
const JSZip = require('jszip')
const { zipSync, strToU8 } = require('fflate')
const dir = process.argv[2] ?? '/tmp/serial-epub'
const txtDir = path.join(dir, 'txt')
const names = readdirSync(txtDir)
  .filter((n) => n.endsWith('.txt'))
  .sort()

const esc = (s) => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
const files = names.map((name, i) => {
  const [head, ...paras] = readFileSync(path.join(txtDir, name), 'utf8').split(/\n\s*\n/)
  const body = paras.map((p) => `<p>${esc(p.trim())}</p>`).join('\n')
  const xhtml = `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en"><head><title>${esc(head)}</title></head><body><section><h1>${esc(head)}</h1>\n${body}\n</section></body></html>\n`
  return [`OEBPS/text/ch-${String(i + 1).padStart(4, '0')}.xhtml`, xhtml]
})
const total = files.reduce((n, [, s]) => n + Buffer.byteLength(s), 0)
console.log(`${files.length} chapter files, ${(total / 1e6).toFixed(1)} MB of XHTML`)

const mtime = new Date(2000, 0, 1)
// Wall time and CPU time (user + system, less disturbed when other jobs share the cores).
async function best(label, fn) {
  let ms = Infinity
  let cpuMs = Infinity
  let size = 0
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const cpu = process.cpuUsage()
    const out = await fn()
    const used = process.cpuUsage(cpu)
    ms = Math.min(ms, performance.now() - t)
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000)
    size = out.length
  }
  console.log(
    `${label.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms wall ${cpuMs.toFixed(0).padStart(6)} ms CPU  ${(size / 1e6).toFixed(2)} MB`,
  )
}

for (const level of [6]) {
  await best(`jszip level ${level}`, async () => {
    const zip = new JSZip()
    zip.file('mimetype', 'application/epub+zip', { compression: 'STORE', date: mtime })
    for (const [name, s] of files) zip.file(name, s, { date: mtime })
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level } })
  })
}
for (const level of [1, 6, 9]) {
  await best(`fflate zipSync level ${level}`, async () => {
    const entries = { mimetype: [strToU8('application/epub+zip'), { level: 0 }] }
    for (const [name, s] of files) entries[name] = strToU8(s)
    return zipSync(entries, { level, mtime })
  })
}

// Octavo's own writer (deterministic DOS time, stored mimetype) on fflate's raw deflate, as shipped.
const dist = process.env.OCTAVO_DIST ?? new URL('../packages/core/dist', import.meta.url).pathname
try {
  const { zip } = await import(path.join(dist, 'renderers/epub/zip.js'))
  const encoder = new TextEncoder()
  for (const level of [1, 3, 6, 9]) {
    await best(`octavo zip (fflate) level ${level}`, async () =>
      zip(
        [
          { path: 'mimetype', data: encoder.encode('application/epub+zip'), store: true },
          ...files.map(([name, s]) => ({ path: name, data: encoder.encode(s) })),
        ],
        new Date(Date.UTC(2000, 0, 1)),
        level,
      ),
    )
  }
} catch (error) {
  console.log(`octavo zip: not built (${error.message}); run pnpm -C packages/core build or set OCTAVO_DIST`)
}
