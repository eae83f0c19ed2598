/** How the Scrivener reader names binder items and places in the binder. */
import type { Position } from '../../model/types.js'
import type { BinderItem } from './binder.js'

/** Where the reader's diagnostics come from. */
export const SOURCE = 'scrivener'

/** Titles Scrivener gives a document nobody named. */
export const UNTITLED = /^(?:untitled(?: document)?(?: \d+)?|new (?:document|scene|folder|text))$/i

/** An item as a diagnostic names it. */
export const named = (item: BinderItem) =>
  item.title === '' || UNTITLED.test(item.title) ? 'an untitled document' : `"${item.title}"`

/** A binder line as a position in the binder file. */
export const at = (line: number): Position => ({ start: { line, column: 1 }, end: { line, column: 1 } })
