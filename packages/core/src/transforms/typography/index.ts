/** STUB typography transform; replaced by the typography work. */
import type { Transform } from '../types.js'

export interface TypographyOptions {
  /** BCP 47 language whose quote table to use; default the book's language. */
  language?: string
}

/** Smarten quotes, dashes and ellipses in all text outside code. */
export function typography(_options: TypographyOptions = {}): Transform {
  return () => {}
}
