/**
 * The PDF draws the archive pages too: the preface's rows, summary and notes before the chapters,
 * the end notes after them, read back with pdftotext.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { loadBook, render } from '../../src/index.js'
import { need } from '../tools.js'
import { ao3Download } from './pages.js'

it('sets the preface and end notes of an AO3 download', async () => {
  need('pdftotext')
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-archive-pdf-'))
  writeFileSync(path.join(dir, 'work.html'), ao3Download())
  const { book } = await loadBook(dir)
  const bytes = await render(book!, 'pdf')
  const file = path.join(dir, 'work.pdf')
  writeFileSync(file, bytes)
  const text = spawnSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ')
  const at = (s: string) => text.indexOf(s)
  for (const s of [
    'Rating: Teen And Up Audiences',
    'Archive Warnings: No Archive Warnings Apply',
    'Series: Part 2 of Baker Street Letters',
    'Summary',
    'Written for the Baker Street exchange.',
    'End Notes',
    'Thank you for reading!',
  ])
    expect(at(s), s).toBeGreaterThan(-1)
  expect(at('Rating: Teen')).toBeLessThan(at('Chapter 1 opens at the station'))
  expect(at('Thank you for reading!')).toBeGreaterThan(at('the story of chapter 2 goes on'))
}, 120_000)
