import { describe, expect, it } from 'vitest'
import { smarten } from '../../src/transforms/typography/index.js'

// [input, expected] in English (en table: “ ” outer, ‘ ’ inner, ’ apostrophe).
const cases: Array<[string, string]> = [
  // Plain double and single quotes
  ['"Hello," she said.', '“Hello,” she said.'],
  ["'Hello,' she said.", '‘Hello,’ she said.'],
  ['She said, "Hello."', 'She said, “Hello.”'],
  ['"Yes!" "No?" "Maybe."', '“Yes!” “No?” “Maybe.”'],
  ['He called it "rubbish".', 'He called it “rubbish”.'],
  ['"Oh dear! Oh dear! I shall be late!" (when', '“Oh dear! Oh dear! I shall be late!” (when'],
  ['said: "Well then"', 'said: “Well then”'],
  ['said:"Well then"', 'said:“Well then”'],
  ['"Stop"; and then "go"', '“Stop”; and then “go”'],
  ['"Which way? Which way?", holding', '“Which way? Which way?”, holding'],
  ['"', '“'],
  ['""', '“”'],
  ["'", '‘'],
  ['" "', '“ ”'],
  ['"\nverse line"', '“\nverse line”'],
  ['line one\n"line two"', 'line one\n“line two”'],
  ['Under the date "5" was entered', 'Under the date “5” was entered'],
  ['He wrote "800 rubles" on a card', 'He wrote “800 rubles” on a card'],
  // Apostrophes in words
  ["I don't know.", 'I don’t know.'],
  ["It's the dog's bone.", 'It’s the dog’s bone.'],
  ["O'Brien's cat", 'O’Brien’s cat'],
  ["y'all and ma'am", 'y’all and ma’am'],
  ["rock'n'roll", 'rock’n’roll'],
  ["I'd've gone", 'I’d’ve gone'],
  ["the cat's-paw", 'the cat’s-paw'],
  // Possessive plurals and word-final elisions
  ["the Joneses' house", 'the Joneses’ house'],
  ["the Apráksins'. Read", 'the Apráksins’. Read'],
  ["his (Nikoláy') sheaves", 'his (Nikoláy’) sheaves'],
  ["runnin' and jumpin'", 'runnin’ and jumpin’'],
  ["their sisters', and", 'their sisters’, and'],
  ["'The Joneses' dog,' he said", '‘The Joneses’ dog,’ he said'],
  // Word-initial elisions
  ["'Tis the season.", '’Tis the season.'],
  ["'tis love, 'tis love", '’tis love, ’tis love'],
  ["'Twas brillig.", '’Twas brillig.'],
  ["As 'twas growing dark", 'As ’twas growing dark'],
  ["'Twere better", '’Twere better'],
  ["Give 'em hell.", 'Give ’em hell.'],
  ["put 'em up", 'put ’em up'],
  ["'Cause I said so.", '’Cause I said so.'],
  ["'Course not.", '’Course not.'],
  ["'til the end", '’til the end'],
  ["rock 'n' roll", 'rock ’n’ roll'],
  ["rock 'n roll", 'rock ’n roll'],
  ["I did, 'pon my word", 'I did, ’pon my word'],
  ["'Bout time", '’Bout time'],
  ["'Nuff said", '’Nuff said'],
  ["'Tisn't fair", '’Tisn’t fair'],
  ['"\'Tis so," said the Duchess', '“’Tis so,” said the Duchess'],
  ["repeat ''Tis the voice'", 'repeat ‘’Tis the voice’'],
  ["General ------'s regiment", 'General ⸻’s regiment'],
  // Opening quotes that look like elisions but are not
  ["'Twinkle, twinkle'", '‘Twinkle, twinkle’'],
  ["'Emma,' he said", '‘Emma,’ he said'],
  ["'Tissue?' she asked", '‘Tissue?’ she asked'],
  ["I say, 'is not done by man'", 'I say, ‘is not done by man’'],
  ["'Till then,' she said", '‘Till then,’ she said'],
  // Decades and years
  ["back in the '90s", 'back in the ’90s'],
  ["the '90s' music", 'the ’90s’ music'],
  ["in '05, or so", 'in ’05, or so'],
  ["it was '42", 'it was ’42'],
  ["'1984' is a novel", '‘1984’ is a novel'],
  // Quotes next to dashes
  ['"--and then"', '“—and then”'],
  ['"Wait--"', '“Wait—”'],
  ['"Wait--" she said', '“Wait—” she said'],
  ['an angry voice--the Rabbit\'s--"Pat! Pat!"', 'an angry voice—the Rabbit’s—“Pat! Pat!”'],
  ['"Hello"--she said', '“Hello”—she said'],
  ['"That is a failing indeed!"--cried Elizabeth.', '“That is a failing indeed!”—cried Elizabeth.'],
  ['seeing Bingley;--"and I doubt"', 'seeing Bingley;—“and I doubt”'],
  ['How did I do it?"--"Because you', 'How did I do it?”—“Because you'],
  ['"say \'How doth the little--\'" and she', '“say ‘How doth the little—’” and she'],
  ["and the moral of that is--'Oh, 'tis love'", 'and the moral of that is—‘Oh, ’tis love’'],
  ["his Normans--' How are you", 'his Normans—’ How are you'],
  ["'--said I could not swim--' you", '‘—said I could not swim—’ you'],
  ['"\'--found it advisable"', '“‘—found it advisable”'],
  ["somebody else'--but, oh dear!", 'somebody else’—but, oh dear!'],
  ["'It's wobbewy!'--'Wobbewy,' I say", '‘It’s wobbewy!’—‘Wobbewy,’ I say'],
  ['Prince Ippolit "--so dull--."', 'Prince Ippolit “—so dull—.”'],
  // Quotes next to ellipses
  ['"...what?"', '“…what?”'],
  ['"What...?"', '“What…?”'],
  ['you were pitied...."', 'you were pitied.…”'],
  ['"Oh, little countess!"... and the count', '“Oh, little countess!”… and the count'],
  ['friends..." he considered "... of my youth"', 'friends…” he considered “… of my youth”'],
  ["'Sergéy Kuzmích...' Poor", '‘Sergéy Kuzmích…’ Poor'],
  ['"Dry Madeira"... "Hungarian"...', '“Dry Madeira”… “Hungarian”…'],
  // Nested quotes
  ['"He said \'no\' to me."', '“He said ‘no’ to me.”'],
  ['\'"Hello," she said.\'', '‘“Hello,” she said.’'],
  ['"Repeat, \'you are old, Father William,\'" said', '“Repeat, ‘you are old, Father William,’” said'],
  ['"\'Miss Alice! Come here directly\'"', '“‘Miss Alice! Come here directly’”'],
  ['"Did you say \'What a pity!\'?" the Rabbit asked.', '“Did you say ‘What a pity!’?” the Rabbit asked.'],
  ['"I said \'What for?\'"', '“I said ‘What for?’”'],
  // Brackets
  ['("which certainly was not here before," said', '(“which certainly was not here before,” said'],
  ["['Hello']", '[‘Hello’]'],
  ['(He pronounced it "arrum.")', '(He pronounced it “arrum.”)'],
  ['said "No, never") "--so you', 'said “No, never”) “—so you'],
  // Stranded and ambiguous quotes fall back on what is open
  ['"Hello" world "again"', '“Hello” world “again”'],
  ['said "Hello"world', 'said “Hello”world'],
  ['" spaced "', '“ spaced ”'],
  // Emphasis marks left in plain text are looked through
  ['"*Hello*," she said', '“*Hello*,” she said'],
  ['"_Hello_," she said', '“_Hello_,” she said'],
  ["repeat ''*Tis the voice*,'\"", 'repeat ‘’*Tis the voice*,’”'],
  ['sang: "*Malbrook s\'en va.*"[^15]', 'sang: “*Malbrook s’en va.*”[^15]'],
  ["said *'no'* to", 'said *‘no’* to'],
  // Already curly text is left alone and read as context
  ['“Hello," she said.', '“Hello,” she said.'],
  ['She said—"yes"', 'She said—“yes”'],
  ['already “smart” and ‘smart’', 'already “smart” and ‘smart’'],
  // Dashes
  ['distance--but then', 'distance—but then'],
  ['word -- word', 'word — word'],
  ['three---hyphens', 'three—hyphens'],
  ['the ----shire', 'the ⸺shire'],
  ['N---- N---- received', 'N⸺ N⸺ received'],
  ['Lord ------, and', 'Lord ⸻, and'],
  ['a rule ----------', 'a rule ----------'],
  ['well-known rabbit-hole', 'well-known rabbit-hole'],
  ['f-f-flop!', 'f-f-flop!'],
  ['the winter of 1805-6 Pierre', 'the winter of 1805–6 Pierre'],
  ['New Year’s Eve, 1809-10 an old', 'New Year’s Eve, 1809–10 an old'],
  ['pages 10-20', 'pages 10–20'],
  ['on 2024-05-01 at', 'on 2024-05-01 at'],
  ['call 1-800-555-0199', 'call 1-800-555-0199'],
  ['a B-52 and COVID-19', 'a B-52 and COVID-19'],
  ['this - that', 'this – that'],
  ['- list-like', '- list-like'],
  ['minus -5 degrees', 'minus -5 degrees'],
  // Ellipses
  ['Wait...', 'Wait…'],
  ['just one.... Whom', 'just one.… Whom'],
  ['soft... f-f-flop', 'soft… f-f-flop'],
  ['Wait. . . what?', 'Wait… what?'],
  ['Wait.\u00A0.\u00A0. what?', 'Wait… what?'],
  ['. . . ...', '. . . …'],
  ['Two.. dots', 'Two.. dots'],
  ['Five..... dots', 'Five..... dots'],
  ['left... left... left.', 'left… left… left.'],
  ['Mr. Darcy. Dr. Who.', 'Mr. Darcy. Dr. Who.'],
]

describe('smarten: English', () => {
  it('has a large table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100)
  })
  it.each(cases)('%j', (input, expected) => {
    expect(smarten(input, 'en')).toBe(expected)
  })
  it.each(cases)('is idempotent on %j', (input) => {
    const once = smarten(input, 'en')
    expect(smarten(once, 'en')).toBe(once)
  })
  it('uses the en table for region variants and by default', () => {
    expect(smarten('"a \'b\' c"', 'en-GB')).toBe('“a ‘b’ c”')
    expect(smarten('"a \'b\' c"', 'en-US')).toBe('“a ‘b’ c”')
    expect(smarten('"a \'b\' c"')).toBe('“a ‘b’ c”')
  })
  it('reads context around the string without changing it', () => {
    expect(smarten('" she said', 'en', { before: '“Hello,' })).toBe('” she said')
    expect(smarten('Hello', 'en', { before: '"' })).toBe('Hello')
    expect(smarten('"', 'en', { before: 'word ', after: 'Next' })).toBe('“')
    expect(smarten('"', 'en', { before: 'word', after: ' next' })).toBe('”')
  })
  it('can turn each kind of replacement off', () => {
    const s = '"a--b..." \'c\''
    expect(smarten(s, 'en', {}, { quotes: false })).toBe('"a—b…" \'c\'')
    expect(smarten(s, 'en', {}, { dashes: false })).toBe('“a--b…” ‘c’')
    expect(smarten(s, 'en', {}, { ellipses: false })).toBe('“a—b...” ‘c’')
  })
})
