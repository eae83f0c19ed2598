import { describe, expect, it } from 'vitest'
import { type SmartenOptions, smarten } from '../../src/transforms/typography/index.js'

// The marks alone: the spacing rules (no-break and hair spaces, word joiners) are tested below.
const MARKS_ONLY: SmartenOptions = { noBreakSpaces: false, hairSpaces: false, wordJoiners: false }

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
  // Word-initial elisions decided by evidence: nothing closes the quote, so it is an apostrophe
  // (Treasure Island, whose sailors drop letters; the words are in no list).
  ["bless his old 'art, to be sure.", 'bless his old ’art, to be sure.'],
  [
    "\"I'm cap'n here by 'lection. You won't fight, as gentlemen o' fortune should.\"",
    '“I’m cap’n here by ’lection. You won’t fight, as gentlemen o’ fortune should.”',
  ],
  // … and by the list, where a closing shape follows (`natur'`).
  ["\"'Tain't in natur'.\"", '“’Tain’t in natur’.”'],
  ["He's a bad 'un; there's worse.", 'He’s a bad ’un; there’s worse.'],
  ["if one of the wild 'uns knew it, where 'ud I be?", 'if one of the wild ’uns knew it, where ’ud I be?'],
  ["we'd 'a' been aboard", 'we’d ’a’ been aboard'],
  ["\"He can't 'a' found the treasure,\" said", '“He can’t ’a’ found the treasure,” said'],
  ["the letter 'a' is a vowel", 'the letter ‘a’ is a vowel'],
  ["'S okay, 'kay?", '’S okay, ’kay?'],
  ["y'all'd know", 'y’all’d know'],
  // A closing shape within the sentence makes it a quotation (scare quotes, titles, letters).
  ["whether it's marked 'poison' or not", 'whether it’s marked ‘poison’ or not'],
  ["\"Don't you mean 'purpose'?\" said Alice.", '“Don’t you mean ‘purpose’?” said Alice.'],
  ["his 'Deposed'--that's it", 'his ‘Deposed’—that’s it'],
  // A quotation that runs on past the paragraph: after a clause or at the start.
  [
    "he writes to the Emperor, 'I have got a saddle sore which",
    'he writes to the Emperor, ‘I have got a saddle sore which',
  ],
  [
    "said a whiting to a snail. 'There's a porpoise close behind us",
    'said a whiting to a snail. ‘There’s a porpoise close behind us',
  ],
  ["'Tom went down to the sea", '‘Tom went down to the sea'],
  // Primes after numbers: minutes and seconds, feet and inches.
  ['as "62° 17\' 20", 19° 2\' 40"."', 'as “62° 17′ 20″, 19° 2′ 40″.”'],
  ['He is 5\' 10" tall', 'He is 5′ 10″ tall'],
  // Feet alone, where only a measure is followed by the word: a prime; a year ending a quotation is not.
  ["He was 6' tall, the room 10' long.", 'He was 6′ tall, the room 10′ long.'],
  ["A 3' x 5' card", 'A 3′ x 5′ card'],
  ["'I was born in 1986' she said.", '‘I was born in 1986’ she said.'],
]

// Standard Ebooks' spacing, each rule on by default and each switchable.
const spacing: Array<[string, string, keyof SmartenOptions]> = [
  ['Mr. Darcy and Mrs. Bennet', 'Mr.\u00A0Darcy and Mrs.\u00A0Bennet', 'noBreakSpaces'],
  ['Dr. Watson at St. Paul’s', 'Dr.\u00A0Watson at St.\u00A0Paul’s', 'noBreakSpaces'],
  ['at 10 a.m. and 5 p.m.', 'at 10\u00A0a.m. and 5\u00A0p.m.', 'noBreakSpaces'],
  ['a 5 km walk, 20 kg, 3 mph', 'a 5\u00A0km walk, 20\u00A0kg, 3\u00A0mph', 'noBreakSpaces'],
  ['"\'Tis so," said', '“\u200A’Tis so,” said', 'hairSpaces'],
  ['"I said \'What for?\'"', '“I said ‘What for?’\u200A”', 'hairSpaces'],
  ['distance--but then', 'distance\u2060—but then', 'wordJoiners'],
  ['"Wait--" she said', '“Wait\u2060—” she said', 'wordJoiners'],
  ['to B---- to warn', 'to B\u2060⸺ to warn', 'wordJoiners'],
  ['already set—here', 'already set\u2060—here', 'wordJoiners'],
  // A dash set off by spaces is tied to the word before it: no line begins with a dash.
  ['word -- word', 'word\u00A0— word', 'noBreakSpaces'],
  ['so, – he said', 'so,\u00A0– he said', 'noBreakSpaces'],
]
// … and where they must not apply.
const noSpacing: string[] = [
  'Mr.Darcy', // no space to keep
  'Mr. and Mrs. are titles', // a lower-case word follows
  'Hammer. Tongs.', // not a title
  'in 5 minutes and 10 miles', // not units
  '"--and then"', // a dash that begins a quotation is not joined to the quote
  '-- a dialogue dash begins the paragraph', // nothing before it to tie to
]

describe('smarten: Standard Ebooks spacing', () => {
  it.each(spacing)('%j', (input, expected, rule) => {
    expect(smarten(input, 'en')).toBe(expected)
    expect(smarten(expected, 'en')).toBe(expected)
    // Each rule can be turned off alone.
    const off = smarten(input, 'en', {}, { [rule]: false })
    expect(off).toBe(expected.replace(/[\u00A0]/g, ' ').replace(/[\u200A\u2060]/g, ''))
  })
  it.each(noSpacing)('not %j', (input) => {
    expect(smarten(input, 'en')).toBe(smarten(input, 'en', {}, MARKS_ONLY))
  })
})

describe('smarten: English', () => {
  it('has a large table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100)
  })
  it.each(cases)('%j', (input, expected) => {
    expect(smarten(input, 'en', {}, MARKS_ONLY)).toBe(expected)
  })
  it.each(cases)('is idempotent on %j', (input) => {
    const once = smarten(input, 'en', {}, MARKS_ONLY)
    expect(smarten(once, 'en', {}, MARKS_ONLY)).toBe(once)
    const all = smarten(input, 'en')
    expect(smarten(all, 'en')).toBe(all)
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
    expect(smarten(s, 'en', {}, { ...MARKS_ONLY, quotes: false })).toBe('"a—b…" \'c\'')
    expect(smarten(s, 'en', {}, { ...MARKS_ONLY, dashes: false })).toBe('“a--b…” ‘c’')
    expect(smarten(s, 'en', {}, { ...MARKS_ONLY, ellipses: false })).toBe('“a—b...” ‘c’')
  })
})
