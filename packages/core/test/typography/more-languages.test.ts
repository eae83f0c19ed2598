/**
 * Quote tables for Portuguese (Brazil's and Portugal's), Dutch, Ukrainian, Turkish, Czech,
 * Arabic, Hebrew, Indonesian and Vietnamese, after CLDR's delimiters: a straight `"` becomes the
 * primary pair, a `'` the secondary one or an apostrophe.
 */
import { describe, expect, it } from 'vitest'
import { quoteTableFor, smarten, supportedLanguages } from '../../src/transforms/typography/index.js'

const tables: Record<string, Array<[string, string]>> = {
  pt: [
    ['"Olá," disse ela.', '“Olá,” disse ela.'],
    ['"Ele disse \'não\' ontem."', '“Ele disse ‘não’ ontem.”'],
    ["Copo d'água", 'Copo d’água'],
    ['"Espera--"', '“Espera\u2060—”'],
    ['-- Olá -- disse ele.', '— Olá\u00A0— disse ele.'],
  ],
  'pt-PT': [
    ['"Olá," disse ela.', '«Olá,» disse ela.'],
    ['"Ele disse \'não\' ontem."', '«Ele disse “não” ontem.»'],
    ["Copo d'água", 'Copo d’água'],
    ['Disse: "Sim."', 'Disse: «Sim.»'],
  ],
  'pt-AO': [['"Olá," disse ela.', '«Olá,» disse ela.']],
  nl: [
    ['"Hallo," zei ze.', '“Hallo,” zei ze.'],
    ['"Hij zei \'nee\' tegen me."', '“Hij zei ‘nee’ tegen me.”'],
    ["'s Avonds zag ik 'm.", '’s Avonds zag ik ’m.'],
    ["Het is 't beste, 'k weet het.", 'Het is ’t beste, ’k weet het.'],
    ["Ze zei 'nee'.", 'Ze zei ‘nee’.'],
    ["Anna's fiets", 'Anna’s fiets'],
  ],
  uk: [
    ['"Привіт," сказала вона.', '«Привіт,» сказала вона.'],
    ['"Він сказав \'ні\' мені."', '«Він сказав „ні“ мені.»'],
    ["П'ять м'ячів", 'П’ять м’ячів'],
    ['-- Так, -- сказав він.', '— Так,\u00A0— сказав він.'],
  ],
  tr: [
    ['"Merhaba," dedi.', '“Merhaba,” dedi.'],
    ['"Bana \'hayır\' dedi."', '“Bana ‘hayır’ dedi.”'],
    ["İstanbul'da Ali'nin evi", 'İstanbul’da Ali’nin evi'],
  ],
  cs: [
    ['"Ahoj," řekla.', '„Ahoj,“ řekla.'],
    ['"Řekl \'ne\' včera."', '„Řekl ‚ne‘ včera.“'],
    ['Řekl: "Ano."', 'Řekl: „Ano.“'],
  ],
  ar: [
    ['"مرحبا،" قالت.', '«مرحبا،» قالت.'],
    ['"قال لي \'لا\' أمس."', '«قال لي ”لا“ أمس.»'],
    ['قال: "نعم."', 'قال: «نعم.»'],
  ],
  he: [
    ['"שלום," אמרה.', '”שלום,” אמרה.'],
    ['"הוא אמר \'לא\' אתמול."', '”הוא אמר ’לא’ אתמול.”'],
    ['"א" ו"ב"', '”א” ו”ב”'],
  ],
  id: [
    ['"Halo," katanya.', '“Halo,” katanya.'],
    ['"Dia bilang \'tidak\' kemarin."', '“Dia bilang ‘tidak’ kemarin.”'],
  ],
  vi: [
    ['"Chào," cô nói.', '“Chào,” cô nói.'],
    ['"Anh ấy nói \'không\' hôm qua."', '“Anh ấy nói ‘không’ hôm qua.”'],
  ],
}

for (const [language, cases] of Object.entries(tables)) {
  describe(`${language} quotes`, () => {
    it.each(cases)('%s', (input, output) => {
      expect(smarten(input, language)).toBe(output)
    })
  })
}

describe('the tables', () => {
  it('are there for each language, with Portugal’s marks in every country but Brazil', () => {
    for (const language of ['pt', 'nl', 'uk', 'tr', 'cs', 'ar', 'he', 'id', 'vi'])
      expect(supportedLanguages, language).toContain(language)
    expect(quoteTableFor('pt')?.primary).toEqual(['“', '”'])
    expect(quoteTableFor('pt-BR')?.primary).toEqual(['“', '”'])
    for (const tag of ['pt-PT', 'pt-MZ', 'pt_AO', 'pt-Latn-PT'])
      expect(quoteTableFor(tag)?.primary, tag).toEqual(['«', '»'])
    expect(quoteTableFor('ar-EG')?.language).toBe('ar')
    expect(quoteTableFor('he-IL')?.primary).toEqual(['”', '”'])
  })
})
