/**
 * Chapter and part numbers spelled in the book's language: "Chapitre premier : Le Départ",
 * "Kapitel dreiundzwanzig", "Capítulo primero", "Capitolo terzo", "Partie deuxième". English and
 * Russian words are read in every book as before; another language's words only in a book in it,
 * where "Chapitre un" is no sentence.
 */
import { describe, expect, test } from 'vitest'
import { parseHeading } from '../../src/readers/heading.js'

describe('number words in the book’s language', () => {
  test.each([
    ['Chapitre premier : Le Départ', 'fr', 1, 'premier', 'Le Départ'],
    ['Chapitre deux : L’Arrivée', 'fr', 2, 'deux', 'L’Arrivée'],
    ['Chapitre vingt-trois', 'fr', 23, 'vingt-trois', undefined],
    ['Chapitre vingt et un — La Fin', 'fr', 21, 'vingt et un', 'La Fin'],
    ['Kapitel dreiundzwanzig: Allein', 'de', 23, 'dreiundzwanzig', 'Allein'],
    ['Kapitel Eins', 'de-AT', 1, 'Eins', undefined],
    ['Capítulo primero: El viaje', 'es', 1, 'primero', 'El viaje'],
    ['Capítulo veintitrés', 'es', 23, 'veintitrés', undefined],
    ['Capitolo terzo', 'it', 3, 'terzo', undefined],
    ['Kapitel tjugotre', 'sv', 23, 'tjugotre', undefined],
  ])('%s (%s)', (line, language, number, numeral, title) => {
    const heading = parseHeading(line, language)
    expect(heading?.kind).toBe('chapter')
    expect(heading?.number).toBe(number)
    expect(heading?.numeral).toBe(numeral)
    expect(heading?.title).toBe(title)
  })

  test('a part spelled as French sets it, after the word', () => {
    expect(parseHeading('Partie deuxième', 'fr')).toMatchObject({ kind: 'part', number: 2 })
  })

  test('English number words still read in any book, and other words only in their language', () => {
    expect(parseHeading('Chapter Twenty-Three', 'fr')?.number).toBe(23)
    expect(parseHeading('Chapitre premier', 'en')).toBeUndefined()
    // A word that is no number keeps the line no heading, as before.
    expect(parseHeading('Chapitre premièrement vu', 'fr')).toBeUndefined()
  })
})
