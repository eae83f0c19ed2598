/** Where the team's shared/ folder is: beside the repository (as in CI), or OCTAVO_SHARED. */
import path from 'node:path'

export const SHARED = process.env.OCTAVO_SHARED ?? path.resolve(import.meta.dirname, '../../../../shared')
