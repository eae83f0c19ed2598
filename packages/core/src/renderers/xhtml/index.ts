/** XHTML output shared by EPUB and any HTML-like format: handlers, state, escaping. */
export { escapeAttr, escapeText } from '../../escape-xml.js'
export { handlers } from './handlers.js'
export { createState, type Handler, type Handlers, type Hooks, type State, startsRun } from './state.js'
