#!/usr/bin/env node
/**
 * Run the test suite as a newcomer's machine would, without the external checkers (EPUBCheck,
 * qpdf, poppler-utils, Chromium, calibre, pandoc, LibreOffice) even where they are installed: PATH is rebuilt from
 * links to every other executable, and EPUBCheck's jar is pointed nowhere. Every test that needs
 * a checker must skip, and the run must pass. Extra arguments go to vitest.
 *
 *   node scripts/test-without-checkers.mjs [vitest args…]
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const HIDDEN = new Set([
  'qpdf',
  'pdftotext',
  'pdftoppm',
  'pdffonts',
  'pdfinfo',
  'pdfimages',
  'pdftocairo',
  'chromium',
  'chromium-browser',
  'ebook-convert',
  'pandoc',
  'soffice',
  'java',
])

const bin = mkdtempSync(path.join(tmpdir(), 'octavo-no-checkers-'))
const seen = new Set()
for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
  let names
  try {
    names = readdirSync(dir)
  } catch {
    continue
  }
  for (const name of names) {
    if (HIDDEN.has(name) || seen.has(name)) continue
    const file = path.join(dir, name)
    try {
      accessSync(file, constants.X_OK)
    } catch {
      continue
    }
    seen.add(name)
    symlinkSync(file, path.join(bin, name))
  }
}

const repo = path.resolve(import.meta.dirname, '..')
const vitest = path.join(repo, 'node_modules/vitest/vitest.mjs')
const run = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], {
  cwd: repo,
  stdio: 'inherit',
  env: {
    ...process.env,
    PATH: bin,
    OCTAVO_EPUBCHECK_JAR: path.join(bin, 'no-epubcheck.jar'),
    PUPPETEER_EXECUTABLE_PATH: '',
  },
})
rmSync(bin, { recursive: true, force: true })
process.exit(run.status ?? 1)
