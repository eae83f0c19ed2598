/**
 * The words a label is made of when the source names none come from the book's language: a
 * French book's bare-numbered chapter is "Chapitre 3", its numbered part "Partie 2", its
 * prologue "Prologue"; an English book's tree is left exactly as read; `strings: kinds` wins.
 */
import { describe, expect, it } from 'vitest'
import { createBook } from '../../src/index.js'
import { chapterLabel, partLabel } from '../../src/model/labels.js'
import type { Chapter, Part } from '../../src/model/types.js'

const chapters = [
  { markdown: '---\nnumber: 3\ntitle: Le départ\n---\n\nIl partit.' },
  { markdown: '---\nnumber: 4\n---\n\nIl revint.' },
]

async function labelsOf(language: string, strings?: Record<string, unknown>) {
  const { book } = await createBook({
    metadata: { title: 'Livre', author: 'A', language, ...(strings ? { strings } : {}) },
    chapters,
  })
  const kids = book!.tree.children as Chapter[]
  return kids.map((c) => chapterLabel(c))
}

describe('labels in the book’s language', () => {
  it('a French book’s bare numbers are labelled “Chapitre”', async () => {
    expect(await labelsOf('fr')).toEqual(['Chapitre 3: Le départ', 'Chapitre 4'])
  })

  it('a German book’s are “Kapitel”; an English book’s tree keeps no generated label', async () => {
    expect(await labelsOf('de')).toEqual(['Kapitel 3: Le départ', 'Kapitel 4'])
    const { book } = await createBook({ metadata: { title: 'Book', author: 'A' }, chapters })
    expect((book!.tree.children as Chapter[]).map((c) => c.label)).toEqual([undefined, undefined])
    expect((book!.tree.children as Chapter[]).map((c) => chapterLabel(c))).toEqual([
      'Chapter 3: Le départ',
      'Chapter 4',
    ])
  })

  it('book strings override the table', async () => {
    expect(await labelsOf('fr', { kinds: { chapter: 'Épisode' } })).toEqual([
      'Épisode 3: Le départ',
      'Épisode 4',
    ])
  })

  it('a numbered part without a label takes the language’s word', async () => {
    const { book } = await createBook({
      metadata: { title: 'Livre', author: 'A', language: 'fr' },
      chapters: [{ markdown: '# Partie 2\n' }, { markdown: '# Chapitre 1\n\nTexte.' }],
    })
    const part = book!.tree.children.find((c): c is Part => c.type === 'part')
    if (part) expect(partLabel(part)).toMatch(/^Partie/)
  })
})
