/** Documented exit codes, in a module of their own: parsing arguments loads nothing else. */
export const EXIT = {
  ok: 0,
  /** The book has errors, or output could not be written. */
  errors: 1,
  /** Bad command-line usage. */
  usage: 2,
  /** Warnings, under `--strict`. */
  strictWarnings: 3,
} as const
