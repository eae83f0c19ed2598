/** The text reader's scene-break lines: the recognizer every reader shares (shared/ornament.ts). */
export { sceneBreakMarker } from '../shared/ornament.js'
