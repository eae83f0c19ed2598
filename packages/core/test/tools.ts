/**
 * The external checkers the tests use (EPUBCheck, qpdf, poppler's tools, Chromium for Ace,
 * calibre), looked up once, and the one way a test asks for them. A test that needs a missing
 * checker is skipped where it asks (`need('qpdf')`), and the run prints one line per missing
 * checker naming the Debian package that brings it (global-setup.ts). No test fails because a
 * checker is absent, and none pretends to have run one.
 */
import { accessSync, constants, existsSync } from 'node:fs'
import path from 'node:path'
import { TestRunner } from 'vitest'

export const EPUBCHECK_JAR =
  process.env.OCTAVO_EPUBCHECK_JAR ?? process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar'

/**
 * `java` arguments that run EPUBCheck: the JVM's quick compiler only, which halves the CPU a
 * short check costs (most of a run on a small book is the JVM warming up); then the jar.
 */
export const EPUBCHECK: readonly string[] = ['-XX:TieredStopAtLevel=1', '-jar', EPUBCHECK_JAR]

/** The repository's root, for binaries installed by the workspace (`node_modules/.bin`). */
const REPO = path.resolve(import.meta.dirname, '../../..')

/** An executable on PATH, found without spawning a shell. */
export function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, command)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

interface Checker {
  /** What to install (Debian package names). */
  install: string
  find(): string | undefined
}

const poppler = (command: string): Checker => ({ install: 'poppler-utils', find: () => onPath(command) })

function chromium(): string | undefined {
  const given = process.env.PUPPETEER_EXECUTABLE_PATH
  if (given && existsSync(given)) return given
  return onPath('chromium') ?? onPath('chromium-browser')
}

const CHECKERS = {
  epubcheck: {
    install: 'epubcheck (and a Java runtime)',
    find: () => (existsSync(EPUBCHECK_JAR) && onPath('java') ? EPUBCHECK_JAR : undefined),
  },
  qpdf: { install: 'qpdf', find: () => onPath('qpdf') },
  pdftotext: poppler('pdftotext'),
  pdftoppm: poppler('pdftoppm'),
  pdffonts: poppler('pdffonts'),
  pdfinfo: poppler('pdfinfo'),
  pdfimages: poppler('pdfimages'),
  chromium: { install: 'chromium', find: chromium },
  ace: {
    install: 'chromium (Ace by DAISY runs in it; @daisy/ace-cli comes with `npm run setup`)',
    find: () => {
      const bin = path.join(REPO, 'node_modules/.bin/ace-cli')
      return existsSync(bin) && chromium() ? bin : undefined
    },
  },
  'ebook-convert': { install: 'calibre', find: () => onPath('ebook-convert') },
  python3: { install: 'python3', find: () => onPath('python3') },
  pandoc: { install: 'pandoc', find: () => onPath('pandoc') },
  soffice: { install: 'libreoffice-writer-nogui', find: () => onPath('soffice') },
} satisfies Record<string, Checker>

export type CheckerName = keyof typeof CHECKERS

const found = new Map<CheckerName, string | undefined>()

/** Where a checker is (its path), or undefined when it is not installed. */
export function locate(name: CheckerName): string | undefined {
  if (!found.has(name)) found.set(name, CHECKERS[name].find())
  return found.get(name)
}

/** Whether a checker is installed. */
export function has(name: CheckerName): boolean {
  return locate(name) !== undefined
}

/** The line that says what to install for a checker. */
export function installHint(name: CheckerName): string {
  return `${name} is not installed (apt-get install ${CHECKERS[name].install})`
}

/**
 * Skip the running test unless every checker named is installed. Call it at the top of a test,
 * or from a helper that runs the checker: the test stops there, marked skipped with the reason.
 */
export function need(...names: CheckerName[]): void {
  const absent = names.find((name) => !has(name))
  if (absent === undefined) return
  const test = TestRunner.getCurrentTest()
  if (!test)
    throw new Error(
      `${installHint(absent)}: need() works inside a test; in a hook, use describe.skipIf(!has(...))`,
    )
  test.context.skip(installHint(absent))
}

/** What is missing, one line per package to install: "poppler-utils (pdftotext, pdffonts)". */
export function missingCheckers(): string[] {
  const byPackage = new Map<string, CheckerName[]>()
  for (const name of Object.keys(CHECKERS) as CheckerName[]) {
    if (has(name)) continue
    const install = CHECKERS[name].install
    byPackage.set(install, [...(byPackage.get(install) ?? []), name])
  }
  return [...byPackage].map(([install, names]) => `${names.join(', ')}: apt-get install ${install}`)
}

/** Whether `command` is one of the checkers this module knows. */
export function isChecker(command: string): command is CheckerName {
  return Object.hasOwn(CHECKERS, command)
}
