/**
 * A small picture is not blown up to half the measure: it prints at its size at 300 pixels an
 * inch, enlarged towards half the measure only as far as 150 (a 120 px picture: 0.8 in at 150
 * ppi, not 2.25 in at 53), centred; a large one is as before, never wider than the measure.
 */
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import { ENLARGE_PPI, figureWidth, PRINT_PPI } from '../../src/renderers/pdf/images.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { has } from '../tools.js'
import { picture, sampleBook, tempPdf, tool } from './helpers.js'

const IN = 72
/** The 6x9 book's measure: 432 pt less its 63 pt and 45 pt margins. */
const MEASURE = 324

describe('figure width', () => {
  test('a picture’s pixels decide its size: 300 ppi, enlarged to at most half the measure at 150', () => {
    // 120 px: 0.4 in at 300 ppi, enlarged to 0.8 in (150 ppi), not to half the measure.
    expect(figureWidth(120, MEASURE)).toBeCloseTo((120 / ENLARGE_PPI) * IN, 6)
    // 300 px: 1 in at 300 ppi, 2 in at 150: still under half the 4.5 in measure.
    expect(figureWidth(300, MEASURE)).toBeCloseTo(2 * IN, 6)
    // 600 px: half the measure (2.25 in) is 267 ppi, above the floor: as before.
    expect(figureWidth(600, MEASURE)).toBeCloseTo(MEASURE / 2, 6)
    // 1,200 px: 4 in at 300 ppi. 3,000 px: the measure, at 667 ppi.
    expect(figureWidth(1200, MEASURE)).toBeCloseTo((1200 / PRINT_PPI.min) * IN, 6)
    expect(figureWidth(3000, MEASURE)).toBe(MEASURE)
    for (let px = 1; px < 5000; px += 37) {
      const width = figureWidth(px, MEASURE)
      expect(width).toBeLessThanOrEqual(MEASURE)
      // Never enlarged below 150 ppi; never drawn smaller than at 300.
      expect((px * IN) / width).toBeGreaterThanOrEqual(ENLARGE_PPI - 1e-9)
      expect(width).toBeGreaterThanOrEqual(Math.min(MEASURE, (px * IN) / PRINT_PPI.min) - 1e-9)
    }
  })
})

describe.skipIf(!has('pdfimages'))('a small figure in the PDF', () => {
  test('prints at 150 ppi, centred, with the warning saying how large an image would be sharp', async () => {
    const env = createMemoryEnv({ 'images/tower.png': picture(120) }, { file: new SourceFile('') })
    const chunks: Uint8Array[] = []
    for await (const chunk of renderPdf(sampleBook({ url: 'images/tower.png' }), {}, env)) chunks.push(chunk)
    const path = tempPdf(Buffer.concat(chunks))
    const list = tool('pdfimages', ['-list', path]).split('\n').slice(2).filter(Boolean)
    expect(list).toHaveLength(1)
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    const columns = list[0]!.trim().split(/\s+/)
    expect(Number(columns[12])).toBe(ENLARGE_PPI)
    expect(env.file.messages.map((m) => m.message)).toEqual([
      'Image "images/tower.png" prints at 150 pixels per inch (120 px across 0.80 in); print wants 300: it will look soft (an image 240 px across would print sharp at this size)',
    ])
  }, 60_000)
})
