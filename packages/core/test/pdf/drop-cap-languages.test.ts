/**
 * A drop cap whatever the opening punctuation of the book's language: French guillemets with
 * their narrow no-break space, German „…“ and »…«, Spanish ¿ ¡ and the dialogue dash, Russian
 * «…» and — with a space. The punctuation stays beside the letter at text size, the letter is
 * the cap, and the first word still reads whole.
 */
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { has } from '../tools.js'
import { em, metadata, p, t, tempPdf, tool } from './helpers.js'

const tail = {
  fr: ' dit-elle en refermant la porte derrière elle, car le vent du large soufflait depuis le matin et personne au village ne se souvenait d’un hiver aussi long, ni d’une mer aussi grise sous un ciel aussi bas.',
  de: ' sagte sie und schloss die Tür hinter sich, denn der Wind vom Meer wehte seit dem Morgen, und niemand im Dorf erinnerte sich an einen so langen Winter, an ein so graues Meer unter einem so tiefen Himmel.',
  es: ' preguntó ella al cerrar la puerta, porque el viento del mar soplaba desde la mañana y nadie en el pueblo recordaba un invierno tan largo, ni un mar tan gris bajo un cielo tan bajo como aquel.',
  ru: ' сказала она, закрывая за собой дверь, потому что ветер с моря дул с самого утра, и никто в деревне не помнил такой долгой зимы, такого серого моря под таким низким небом.',
}

/** Each opening, the letter its cap is, and the start of the text as read back (the word whole). */
const openings: Array<[string, string, string]> = [
  [`«\u202FOui\u202F»,${tail.fr}`, 'O', '«\u202FOui'],
  [`— Bonjour,${tail.fr}`, 'B', '— Bonjour'],
  [`„Nein“,${tail.de}`, 'N', '„Nein'],
  [`»Ja«,${tail.de}`, 'J', '»Ja'],
  [`‹Vielleicht›,${tail.de}`, 'V', '‹Vielleicht'],
  [`¿Qué quieres?${tail.es}`, 'Q', '¿Qué'],
  [`¡Vamos!${tail.es}`, 'V', '¡Vamos'],
  [`—Ya voy —${tail.es}`, 'Y', '—Ya'],
  [`– Да,${tail.ru}`, 'Д', '– Да'],
  [`— Нет, —${tail.ru}`, 'Н', '— Нет'],
  [`«Может быть», —${tail.ru}`, 'М', '«Может'],
]

function book(paragraphs: Root['children'][number]['children']): Root {
  return {
    type: 'root',
    metadata: metadata({ dedication: undefined }),
    children: paragraphs.map((paragraph, i) => ({
      type: 'chapter',
      matter: 'body',
      kind: 'chapter',
      number: i + 1,
      label: 'Chapter',
      file: `chapters/${i + 1}.md`,
      children: [paragraph as never],
    })),
  } as Root
}

async function render(tree: Root) {
  const env = createMemoryEnv({}, { file: new SourceFile('') })
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { dropCap: true, halfTitle: false, toc: false }, env))
    chunks.push(chunk)
  return { path: tempPdf(Buffer.concat(chunks)), messages: env.file.messages }
}

/** How many times text is drawn at cap size (over 40 pt: the title page's largest is 23). */
function caps(path: string): number {
  const qdf = tool('qpdf', ['--qdf', '--object-streams=disable', path, '-'])
  return [...qdf.matchAll(/ ([\d.]+) Tf/g)].filter((m) => Number(m[1]) > 40).length
}

/** How far each chapter's second line (beside the cap) is indented from its last line. */
function secondLines(path: string): number[] {
  const bbox = tool('pdftotext', ['-bbox', path, '-'])
  const lines: number[] = []
  for (const page of bbox.split('<page ').slice(1)) {
    const words = [
      ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g),
    ]
    const heading = words.some((m) => m[4] === 'Chapter' && Number(m[3]) - Number(m[2]) > 20)
    if (!heading) continue
    // Text lines (the heading is taller), top to bottom.
    const text = words.filter((m) => Number(m[3]) - Number(m[2]) < 20)
    const tops = [...new Set(text.map((m) => Number(m[2])))].sort((a, b) => a - b)
    const left = (top: number) =>
      Math.min(...text.filter((m) => Number(m[2]) === top).map((m) => Number(m[1])))
    // Indented past the cap: from the line's own start below the cap (recto and verso differ).
    lines.push(left(tops[1]!) - left(tops[tops.length - 1]!))
  }
  return lines
}

describe.skipIf(!has('pdftotext'))('drop caps in other languages', () => {
  test('French, German, Spanish and Russian openings keep their cap', async () => {
    const { path, messages } = await render(book(openings.map(([text]) => p(text))))
    expect(messages).toEqual([])
    const text = tool('pdftotext', [path, '-'])
    for (const [, , start] of openings) expect(text).toContain(start)
    // One cap per chapter, and the lines beside it indented past it.
    expect(caps(path)).toBe(openings.length)
    const second = secondLines(path)
    expect(second).toHaveLength(openings.length)
    // The cap and its punctuation push the lines beside it on by the cap's width.
    for (const x of second) expect(x).toBeGreaterThan(20)
  }, 120_000)

  test('punctuation in a run of its own before an emphasised first word', async () => {
    const { path } = await render(
      book([
        { type: 'paragraph', children: [t('«\u202F'), em('Jamais'), t(`\u202F»,${tail.fr}`)] },
        { type: 'paragraph', children: [t('¿'), em('Dónde'), t(`?${tail.es}`)] },
      ]),
    )
    expect(caps(path)).toBe(2)
  }, 60_000)

  test('no cap where no letter follows the opening punctuation', async () => {
    const { path } = await render(book([p(`…${tail.fr}`), p(`§ 3${tail.de}`), p(`« …${tail.fr}`)]))
    expect(caps(path)).toBe(0)
  }, 60_000)
})
