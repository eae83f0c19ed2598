/**
 * The typography rules as a book sees them: the switches in book.yaml and `createBook`, and the
 * quotes the evidence leaves open, reported at their place in the chapter's file.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { parseManifest } from '../../src/manifest/parse.js'
import { chaptersOf, toText } from '../../src/model/walk.js'
import { createBook } from '../../src/pipeline/book.js'
import { smarten } from '../../src/transforms/typography/index.js'

async function paragraphs(text: string, typography?: boolean | object) {
  const { book, diagnostics } = await createBook({
    metadata: { title: 'T', author: 'A' },
    chapters: [{ text, file: 'chapters/one.txt' } as { text: string }],
    ...(typography === undefined ? {} : { typography }),
  })
  const blocks = chaptersOf(book!.tree)[0]!.children
  return { texts: blocks.map((b) => (b.type === 'paragraph' ? toText(b.children) : '')), diagnostics }
}

describe('typography rules in a book', () => {
  it('sets Standard Ebooks spacing by default', async () => {
    const { texts } = await paragraphs('Mr. Darcy came at 10 a.m.--late. "\'Tis so," said he.')
    expect(texts[0]).toBe('Mr.\u00A0Darcy came at 10\u00A0a.m.\u2060—late. “\u200A’Tis so,” said he.')
  })

  it('turns single rules off and keeps the rest', async () => {
    const { texts } = await paragraphs('Mr. Darcy--late. "\'Tis so."', {
      wordJoiners: false,
      hairSpaces: false,
    })
    expect(texts[0]).toBe('Mr.\u00A0Darcy—late. “’Tis so.”')
  })

  it('reads the rules from book.yaml, kebab-case, and refuses unknown ones', () => {
    const file = new SourceFile('book.yaml')
    const ok = parseManifest('title: T\ntypography:\n  word-joiners: false\n  no-break-spaces: no\n', file)
    expect(ok?.options.typography).toEqual({ wordJoiners: false, noBreakSpaces: false })
    const bad = new SourceFile('book.yaml')
    parseManifest('title: T\ntypography:\n  word-joiner: false\n', bad)
    expect(bad.messages.map((m) => m.code)).toContain('manifest-unknown-key')
  })

  it('reports a quote the evidence leaves open, at its line and column, and still sets it', async () => {
    const text = "Chapter 1\n\nThey say Plátov took 'Poleon himself twice. But he didn't know the charm.\n"
    const { texts, diagnostics } = await paragraphs(text)
    expect(texts[0]).toContain('took ‘Poleon')
    const found = diagnostics.filter((d) => d.code === 'typography-ambiguous-quote')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ level: 'info', line: 3, column: 22 })
    expect(found[0]!.message).toContain("`'Poleon`")
  })

  it('reports nothing where the evidence decides', async () => {
    const text =
      "Chapter 1\n\n\"'Tain't much good now, is it? I'm cap'n here by 'lection,\" he said. \"It's marked 'poison' or not.\"\n"
    const { texts, diagnostics } = await paragraphs(text)
    expect(texts[0]).toBe(
      '“\u200A’Tain’t much good now, is it? I’m cap’n here by ’lection,” he said. “It’s marked ‘poison’ or not.”',
    )
    expect(diagnostics.filter((d) => d.code === 'typography-ambiguous-quote')).toEqual([])
  })

  it('looks ahead in one pass: half a megabyte of unclosable quotes is linear', () => {
    // Each word-initial quote looks for a closing one; the pointers only move forward, so a
    // quadratic search (10^12 steps) could not finish within the suite's timeout.
    for (const p of ["'x ", "'x. ", "x' 'y ", '"a \'b ', "'Ab, "]) {
      const s = p.repeat(100_000)
      const once = smarten(s, 'en')
      expect(smarten(once, 'en')).toBe(once)
    }
  })
})
