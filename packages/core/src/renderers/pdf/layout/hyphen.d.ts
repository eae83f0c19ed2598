/** The part of `hyphen` (untyped upstream) the line breaker uses: its synchronous hyphenator. */
declare module 'hyphen/hyphen.js' {
  export default function createHyphenator(
    patterns: unknown,
    options: { hyphenChar: string; minWordLength: number; html: boolean; async?: false },
  ): (text: string) => string
}

/** A pattern set (`hyphen/patterns/en-us.js`): what `Assets.hyphenation` hands over in a browser. */
declare module 'hyphen/patterns/*' {
  const patterns: unknown
  export default patterns
}
