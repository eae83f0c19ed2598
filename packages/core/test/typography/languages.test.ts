import { describe, expect, it } from 'vitest'
import { quoteTableFor, smarten } from '../../src/transforms/typography/index.js'

const N = '\u202F' // narrow no-break space

const tables: Record<string, Array<[string, string]>> = {
  fr: [
    ['"Bonjour", dit-il.', `«${N}Bonjour${N}», dit-il.`],
    ['" Bonjour ", dit-il.', `«${N}Bonjour${N}», dit-il.`],
    ['Il a dit : "Oui !"', `Il a dit${N}: «${N}Oui${N}!${N}»`],
    ['Quoi?', `Quoi${N}?`],
    ['Quoi ?', `Quoi${N}?`],
    ['Quoi ?!', `Quoi${N}?!`],
    ['Attention; danger', `Attention${N}; danger`],
    ["C'est l'homme d'aujourd'hui.", 'C’est l’homme d’aujourd’hui.'],
    ['Il est 10:30.', 'Il est 10:30.'],
    ['Voir https://example.com', 'Voir https://example.com'],
    ['« Déjà là »', `«${N}Déjà là${N}»`],
    ['«Déjà là»', `«${N}Déjà là${N}»`],
    ["\"Il m'a dit 'non' hier.\"", `«${N}Il m’a dit “non” hier.${N}»`],
    ['-- Bonjour, dit-il.', '— Bonjour, dit-il.'],
    ['Et alors...', 'Et alors…'],
    ['"Vraiment?" demanda-t-il.', `«${N}Vraiment${N}?${N}» demanda-t-il.`],
    ['"Non"!', `«${N}Non${N}»${N}!`],
  ],
  de: [
    ['"Hallo," sagte sie.', '„Hallo,“ sagte sie.'],
    ['"Er sagte \'nein\' zu mir."', '„Er sagte ‚nein‘ zu mir.“'],
    ["Das ist Peters' Buch.", 'Das ist Peters’ Buch.'],
    ["Wie geht's?", 'Wie geht’s?'],
    ['"\'Nein\', sagte er."', '„‚Nein‘, sagte er.“'],
    ['"Warte--"', '„Warte\u2060—“'],
    ["So 'ne Frage, und 's ist gut.", 'So ’ne Frage, und ’s ist gut.'],
    ["Er kam 'rein und ging.", 'Er kam ’rein und ging.'],
    ['"...und dann?"', '„…und dann?“'],
    ['Die Jahre 1914-18', 'Die Jahre 1914–18'],
    ['Er rief: "Halt!" und lief.', 'Er rief: „Halt!“ und lief.'],
    ["'s ist gut, so 'n Ding", '’s ist gut, so ’n Ding'],
    ["Sie sagte 'Stopp'.", 'Sie sagte ‚Stopp‘.'],
    ['("Klammer")', '(„Klammer“)'],
  ],
  'de-CH': [
    ['"Grüezi," sagte sie.', '«Grüezi,» sagte sie.'],
    ['"Er sagte \'nein\'."', '«Er sagte ‹nein›.»'],
    ["Peters' Buch", 'Peters’ Buch'],
    ['"Warte--"', '«Warte\u2060—»'],
    ['Das ist "gut".', 'Das ist «gut».'],
    ["Wie geht's?", 'Wie geht’s?'],
    ['"...und?"', '«…und?»'],
    ['"A" und "B"', '«A» und «B»'],
    ['("Klammer")', '(«Klammer»)'],
    ['"\'Nein\', sagte er."', '«‹Nein›, sagte er.»'],
  ],
  es: [
    ['"Hola," dijo ella.', '«Hola,» dijo ella.'],
    ['"Me dijo \'no\' ayer."', '«Me dijo “no” ayer.»'],
    ['¿"Qué"?', '¿«Qué»?'],
    ['¡"Basta"!', '¡«Basta»!'],
    ['--Hola --dijo él.', '—Hola\u00A0—dijo él.'],
    ['"Espera..."', '«Espera…»'],
    ['"...y entonces"', '«…y entonces»'],
    ['los años 1936-39', 'los años 1936–39'],
    ['Dijo: "Sí."', 'Dijo: «Sí.»'],
    ['("entre paréntesis")', '(«entre paréntesis»)'],
  ],
  it: [
    ['"Ciao," disse lei.', '«Ciao,» disse lei.'],
    ['"Mi disse \'no\' ieri."', '«Mi disse “no” ieri.»'],
    ["L'uomo e l'anima", 'L’uomo e l’anima'],
    ["po' di pane", 'po’ di pane'],
    ['"Aspetta--"', '«Aspetta\u2060—»'],
    ['"Aspetta..."', '«Aspetta…»'],
    ['Disse: "Sì."', 'Disse: «Sì.»'],
    ['gli anni 1915-18', 'gli anni 1915–18'],
    ['"A" e "B"', '«A» e «B»'],
    ['("tra parentesi")', '(«tra parentesi»)'],
    // Word-initial elisions by evidence, as in English: nothing closes the quote, so no “.
    ["Ho letto 'sto libro.", 'Ho letto ’sto libro.'],
    ['"È \'na cosa seria," disse.', '«È ’na cosa seria,» disse.'],
    ["Era 'bello' davvero.", 'Era “bello” davvero.'],
  ],
  ru: [
    ['"Привет," сказала она.', '«Привет,» сказала она.'],
    ['"Он сказал \'нет\' мне."', '«Он сказал „нет“ мне.»'],
    ['"Подожди--"', '«Подожди\u2060—»'],
    ['-- Да, -- сказал он.', '— Да,\u00A0— сказал он.'],
    ['"Ну..."', '«Ну…»'],
    ['"...и потом?"', '«…и потом?»'],
    ['в 1812-13 годах', 'в 1812–13 годах'],
    ['Он сказал: "Да."', 'Он сказал: «Да.»'],
    ['"А" и "Б"', '«А» и «Б»'],
    ['("в скобках")', '(«в скобках»)'],
  ],
  pl: [
    ['"Cześć," powiedziała.', '„Cześć,” powiedziała.'],
    ['"Powiedział \'nie\' wczoraj."', '„Powiedział «nie» wczoraj.”'],
    ['"Czekaj--"', '„Czekaj\u2060—”'],
    ['"Cóż..."', '„Cóż…”'],
    ['"...i potem?"', '„…i potem?”'],
    ['w latach 1918-39', 'w latach 1918–39'],
    ['Powiedział: "Tak."', 'Powiedział: „Tak.”'],
    ['"A" i "B"', '„A” i „B”'],
    ['("w nawiasie")', '(„w nawiasie”)'],
    ['-- Tak -- odparł.', '— Tak\u00A0— odparł.'],
  ],
  sv: [
    ['"Hej," sa hon.', '”Hej,” sa hon.'],
    ['"Han sa \'nej\' till mig."', '”Han sa ’nej’ till mig.”'],
    ["Peters' bok", 'Peters’ bok'],
    ['"Vänta--"', '”Vänta\u2060—”'],
    ['"Nåja..."', '”Nåja…”'],
    ['"...och sedan?"', '”…och sedan?”'],
    ['åren 1914-18', 'åren 1914–18'],
    ['Han sa: "Ja."', 'Han sa: ”Ja.”'],
    ['"A" och "B"', '”A” och ”B”'],
    ['("inom parentes")', '(”inom parentes”)'],
  ],
}

for (const [language, cases] of Object.entries(tables)) {
  describe(`smarten: ${language}`, () => {
    it('has at least 10 cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(10)
    })
    it.each(cases)('%j', (input, expected) => {
      expect(smarten(input, language)).toBe(expected)
    })
    it.each(cases)('is idempotent on %j', (input) => {
      const once = smarten(input, language)
      expect(smarten(once, language)).toBe(once)
    })
  })
}

describe('quote tables', () => {
  it('falls back from a region variant to the base language', () => {
    expect(quoteTableFor('en-GB')?.language).toBe('en')
    expect(quoteTableFor('fr-CA')?.primary).toEqual(['«', '»'])
    expect(quoteTableFor('de-AT')?.primary).toEqual(['„', '“'])
    expect(quoteTableFor('pt-BR')?.primary).toEqual(['“', '”'])
    expect(quoteTableFor('fi-FI')).toBeUndefined()
  })
  it('knows region tables and tolerates case, underscores and scripts', () => {
    expect(quoteTableFor('de-CH')?.primary).toEqual(['«', '»'])
    expect(quoteTableFor('DE_ch')?.primary).toEqual(['«', '»'])
    expect(quoteTableFor('de-Latn-CH')?.primary).toEqual(['«', '»'])
    expect(quoteTableFor('sr-Latn')).toBeUndefined()
    expect(quoteTableFor('EN')?.language).toBe('en')
  })
  it('uses English for a language it does not know', () => {
    expect(smarten('"a"', 'xx')).toBe('“a”')
  })
})
