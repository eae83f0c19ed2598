/**
 * A Scrivener project zipped (File > Back Up, Scrivener's automatic backups): the binder nearest
 * the archive's top read as the project, its documents opened from the archive.
 */
import { SourceFile } from '../../diagnostics/file.js'
import { normalize } from '../../posix-path.js'
import { isArchiveProblem, openArchive } from '../shared/archive.js'
import type { ReaderOptions, ReadResult } from '../types.js'
import { SOURCE } from './names.js'
import { readProject } from './project.js'

export async function readBackup(
  input: Uint8Array | string,
  file: SourceFile,
  options: ReaderOptions,
): Promise<ReadResult> {
  const archive = typeof input === 'string' ? undefined : openArchive(input)
  if (!archive || isArchiveProblem(archive)) {
    file.message(
      'scrivener-invalid',
      `"${file.path}" is not a zip archive${archive ? ` (${archive.message})` : ''}; a .zip is read as a Scrivener project's backup`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  for (const problem of archive.problems)
    file.message(problem.code, `${file.path}: ${problem.message}`, undefined, SOURCE)
  // The binder nearest the archive's top: the project, not one kept inside it.
  const binder = archive.entries
    .filter((e) => !e.directory && /\.scrivx$/i.test(e.name) && !e.name.startsWith('__MACOSX/'))
    .sort((a, b) => a.name.split('/').length - b.name.split('/').length || a.name.localeCompare(b.name))[0]
  if (!binder) {
    file.message(
      'scrivener-invalid',
      `"${file.path}" holds no Scrivener project (no .scrivx binder in it): Octavo reads a .zip only as a Scrivener project's backup`,
      undefined,
      SOURCE,
    )
    return { children: [] }
  }
  const bytes = archive.read(binder.name)
  if (isArchiveProblem(bytes)) {
    file.message(bytes.code, `${file.path}: ${bytes.message}`, undefined, SOURCE)
    return { children: [] }
  }
  const base = binder.name.slice(0, binder.name.lastIndexOf('/') + 1)
  const inner = new SourceFile(`${file.path}/${binder.name}`)
  const result = await readProject(bytes, inner, {
    ...options,
    open: async (path) => {
      const name = normalize(`${base}${path}`)
      if (!archive.has(name)) return undefined
      const got = archive.read(name)
      if (isArchiveProblem(got)) throw new Error(got.message)
      return got
    },
  })
  for (const message of inner.messages) file.messages.push(message)
  // Named after the project inside, not the backup's file ("Novel.bak2.zip").
  const project = /([^/]+)\.scriv\/[^/]+$/i.exec(binder.name)?.[1]
  if (project && !result.metadata?.title) result.metadata = { ...result.metadata, title: project }
  return result
}
