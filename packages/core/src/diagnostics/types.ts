/**
 * The types every diagnostic shares, in a module that imports nothing, so that any area (a
 * reader, a renderer, the manifest) can declare its codes without reaching into another.
 *
 * `Code` stays a closed union of literal codes (a typo is a type error) without this module
 * knowing any area: each code table adds itself to `CodeTables` by declaration merging, next to
 * the table, and the union is read off the merged interface.
 */

export type Level = 'error' | 'warning' | 'info'

/** One entry of a code table. */
export interface CodeInfo {
  level: Level
  /** One sentence for the README's table of codes. */
  description: string
}

/** A table of codes as an area declares it: code → level and description. */
export type CodeTable = Record<string, CodeInfo>

/**
 * Every area's code table, by area name. Empty here; a table's module adds itself:
 *
 * @example
 *   declare module '../diagnostics/types.js' {
 *     interface CodeTables { fountain: typeof fountainCodes }
 *   }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, see above
export interface CodeTables {}

/** Every diagnostic code Octavo can raise: the keys of every table in `CodeTables`. */
export type Code = { [Area in keyof CodeTables]: keyof CodeTables[Area] & string }[keyof CodeTables]
