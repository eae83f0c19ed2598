/**
 * The layout a style sheet gives blocks by class (`readers/shared/class-layout.ts`) is an EPUB's:
 * a page read as HTML keeps reading by its markup, `<style>` or not (word processors' and sites'
 * classes mean other things: Google Docs indents list items by class). A space a class makes
 * (`SPACE`) is a scene break alone, but only between two paragraphs (`html/spacers.ts`).
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { SPACE, SPACER } from '../../src/readers/html/convert.js'
import { settleSpacers } from '../../src/readers/html/spacers.js'
import { htmlReader } from '../../src/readers/html.js'

const strip = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'position' ? undefined : v)))

describe('class layout on an HTML page', () => {
  it('is not read: the page reads as its markup says, with its <style> or without', () => {
    const body = `<h1>Chapter One</h1><p>Before.</p><p class="extract">Quoted.</p><p class="extract">More.</p><div class="space"></div><p class="centered-ish">After.</p>`
    const style = `<style>.extract { margin-left: 2em } div.space { height: 2em } .x .centered-ish { text-align: center }</style>`
    const read = (head: string) =>
      htmlReader.read(
        `<html><head>${head}</head><body class="x">${body}</body></html>`,
        new SourceFile('a.html'),
        {
          language: 'en',
        },
      )
    const styled = read(style)
    expect(strip(styled)).toEqual(strip(read('')))
    expect((styled.children[0] as Chapter).children.map((b) => b.type)).toEqual(Array(4).fill('paragraph'))
  })
})

describe('a space a class makes', () => {
  const p = (text: string): BlockContent => ({ type: 'paragraph', children: [{ type: 'text', value: text }] })
  const space: BlockContent = { type: 'sceneBreak', marker: SPACE }
  const spacer: BlockContent = { type: 'sceneBreak', marker: SPACER }
  const shape = (blocks: BlockContent[]) =>
    settleSpacers(blocks, 2).map((b) =>
      b.type === 'sceneBreak' ? `break ${b.marker}` : toText(b.type === 'paragraph' ? b.children : []),
    )

  it('is a scene break alone between paragraphs, with the empty lines beside it', () => {
    expect(shape([p('A'), space, p('B'), spacer, space, p('C')])).toEqual([
      'A',
      'break (blank)',
      'B',
      'break (blank)',
      'C',
    ])
  })

  it('is nothing after a heading or a quotation, or at an end', () => {
    const heading: BlockContent = { type: 'heading', depth: 2, children: [{ type: 'text', value: 'H' }] }
    const quote: BlockContent = { type: 'blockquote', children: [p('Q')] }
    expect(shape([space, p('A'), heading, space, p('B'), quote, space, p('C'), space])).toEqual([
      'A',
      '',
      'B',
      '',
      'C',
    ])
  })
})
