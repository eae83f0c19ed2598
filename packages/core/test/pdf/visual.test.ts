/**
 * Visual regression: pages of the sample book and of a corpus chapter rendered with pdftoppm at
 * 50 dpi and compared with reference PNGs (pixelmatch, as pdfkit's own visual tests do). The
 * references were looked at by eye; regenerate them with UPDATE_FIXTURES=1 and look again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import nodePath from 'node:path'
import pixelmatch from 'pixelmatch'
import { beforeAll, describe, expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import { pdfRenderer } from '../../src/renderers/pdf/index.js'
import { SHARED } from '../shared.js'
import { has } from '../tools.js'
import { corpusBook, picture, sampleBook, tempPdf, tool } from './helpers.js'

const require = createRequire(import.meta.url)
const { PNG } = require('pngjs') as typeof import('pngjs')

const fixtures = nodePath.join(import.meta.dirname, '../fixtures/pdf/visual')
const update = process.env.UPDATE_FIXTURES === '1'

function pages(pdf: string, first: number, last: number): Map<number, Buffer> {
  const dir = nodePath.dirname(pdf)
  tool('pdftoppm', [
    '-png',
    '-r',
    '50',
    '-f',
    String(first),
    '-l',
    String(last),
    pdf,
    nodePath.join(dir, 'page'),
  ])
  const out = new Map<number, Buffer>()
  for (const file of readdirSync(dir).filter((f) => f.startsWith('page-')))
    out.set(Number(/(\d+)\.png$/.exec(file)![1]), readFileSync(nodePath.join(dir, file)))
  return out
}

function compare(name: string, png: Buffer): void {
  const path = nodePath.join(fixtures, `${name}.png`)
  if (update || !existsSync(path)) {
    mkdirSync(fixtures, { recursive: true })
    writeFileSync(path, png)
    if (!update)
      throw new Error(`reference ${name}.png was missing and has been written; look at it, then run again`)
    return
  }
  const actual = PNG.sync.read(png)
  const expected = PNG.sync.read(readFileSync(path))
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height])
  const diff = pixelmatch(actual.data, expected.data, undefined, actual.width, actual.height, {
    threshold: 0.1,
  })
  // Anti-aliasing may wobble between poppler builds; a moved line is thousands of pixels.
  expect(diff).toBeLessThan(actual.width * actual.height * 0.002)
}

describe.skipIf(!has('pdftoppm'))('sample book pages', () => {
  let rendered: Map<number, Buffer>
  beforeAll(async () => {
    const bytes = await pdfRenderer.render(
      sampleBook({ url: 'light.png' }),
      { dropCap: 3 },
      createMemoryEnv({ 'light.png': picture() }),
    )
    rendered = pages(tempPdf(bytes), 1, 16)
  })
  const names: Record<number, string> = {
    3: 'title-page',
    4: 'copyright-page',
    7: 'contents',
    9: 'chapter-opening',
    10: 'verso-body',
    11: 'part-page',
    13: 'verse-list-figure',
    14: 'code-note',
    15: 'drop-cap-quote',
  }
  for (const [page, name] of Object.entries(names)) {
    test(name, () => compare(`sample-${name}`, rendered.get(Number(page))!))
  }
})

describe('corpus page', () => {
  test('Alice, chapter 1, a full body page', async () => {
    const tree = corpusBook(`${SHARED}/corpus/alices-adventures-in-wonderland/ref`, 1, {
      title: 'Alice’s Adventures in Wonderland',
      authors: [{ name: 'Lewis Carroll' }],
    })
    const bytes = await pdfRenderer.render(tree, { halfTitle: false }, createMemoryEnv({}))
    const out = pages(tempPdf(bytes), 1, 8)
    compare('alice-body', out.get(7)!)
  })
})
