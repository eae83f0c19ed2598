/**
 * Every Markdown chapter of the shared corpus reads with the chapter number and title meta.yaml
 * lists, no diagnostics, War and Peace's footnotes counted per chapter, and emphasis kept.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter, Node } from '../../src/model/types.js'
import { toText, visit } from '../../src/model/walk.js'
import { markdownReader } from '../../src/readers/markdown.js'
import { SHARED } from '../shared.js'

const corpus = `${SHARED}/corpus`
const slugs = ['alices-adventures-in-wonderland', 'pride-and-prejudice', 'war-and-peace']

interface Meta {
  language: string
  chapters: Array<{ n: number; file: string; title: string | null; footnotes: number }>
}

const count = (node: Node, type: string) => {
  let n = 0
  visit(node, (x) => {
    if (x.type === type) n++
  })
  return n
}

describe.skipIf(!existsSync(corpus))('corpus Markdown', () => {
  for (const slug of slugs) {
    it(`reads ${slug}`, () => {
      const meta = parse(readFileSync(`${corpus}/${slug}/meta.yaml`, 'utf8')) as Meta
      let emphasis = 0
      let sceneBreaks = 0
      for (const entry of meta.chapters) {
        const path = `md/${entry.file}.md`
        const file = new SourceFile(path)
        const result = markdownReader.read(readFileSync(`${corpus}/${slug}/${path}`), file, {
          language: meta.language,
        })
        expect(file.messages, path).toEqual([])
        expect(result.children).toHaveLength(1)
        const chapter = result.children[0] as Chapter
        expect(chapter.type).toBe('chapter')
        expect(chapter.number, path).toBe(entry.n)
        expect(chapter.title ? toText(chapter.title) : null, path).toBe(entry.title)
        expect(count(chapter, 'footnoteDefinition'), path).toBe(entry.footnotes)
        // Every definition is referenced at least once.
        expect(count(chapter, 'footnoteReference') >= entry.footnotes, path).toBe(true)
        expect(
          chapter.children.some((c) => c.type === 'heading'),
          path,
        ).toBe(false)
        emphasis += count(chapter, 'emphasis')
        sceneBreaks += count(chapter, 'sceneBreak')
      }
      expect(emphasis).toBeGreaterThan(10)
      if (slug === 'war-and-peace') expect(sceneBreaks).toBeGreaterThan(0)
    })
  }
})
