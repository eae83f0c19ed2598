/**
 * One EPUBCheck for the whole test run. EPUBCheck is a Java program: each `java -jar` start costs
 * about 7 s of CPU on a two-page book (the JVM and EPUBCheck's schemas), a check in a warm JVM about
 * 0.2 s. The suite checks a few hundred EPUBs, so the global setup starts this service: a Unix
 * socket in the main vitest process, and behind it one JVM running `EpubcheckServer.java`, started
 * on the first request and kept until the run ends. Test files reach it through `runEpubcheck`
 * (run.ts); what a check prints and its exit code are those of `java -jar epubcheck.jar ARGS`.
 *
 * Where the JVM cannot run the server (a Java runtime without the compiler, that is before Java
 * 11 or a JRE without jdk.compiler), every request falls back to a JVM of its own: slower, same
 * answers.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { EPUBCHECK, EPUBCHECK_JAR } from '../tools.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The EPUBCheck service's socket (global-setup.ts), when it runs. */
    epubcheckSocket?: string
  }
}

/** What one EPUBCheck run gave: its exit code and what it printed. */
export interface EpubcheckRun {
  status: number | null
  stdout: string
  stderr: string
}

const SERVER = path.join(import.meta.dirname, 'EpubcheckServer.java')

/** `java` options shared by the one-off runs and the server: the quick compiler only (tools.ts). */
const JVM = EPUBCHECK.slice(0, EPUBCHECK.indexOf('-jar'))

/** Run EPUBCheck in a JVM of its own (`java -jar epubcheck.jar ...args`). */
export function epubcheckOnce(args: readonly string[]): Promise<EpubcheckRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', [...EPUBCHECK, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (status) =>
      resolve({
        status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    )
  })
}

interface Pending {
  args: readonly string[]
  resolve(run: EpubcheckRun): void
  reject(error: unknown): void
}

/**
 * One long-lived JVM answering requests in order. `undefined` from `start` means the server
 * could not start (no compiler in this Java): callers then use `epubcheckOnce`.
 */
class Server {
  private readonly queue: Pending[] = []
  private readonly child
  private ended = false

  private constructor(ready: (ok: boolean) => void) {
    this.child = spawn('java', [...JVM, '-XX:+UseSerialGC', '-cp', EPUBCHECK_JAR, SERVER], {
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let started = false
    const lines = createInterface({ input: this.child.stdout })
    lines.on('line', (line) => {
      if (!started) {
        started = line === 'ready'
        ready(started)
        return
      }
      const [status, out = '', err = ''] = line.split('\t')
      this.queue.shift()?.resolve({
        status: Number(status),
        stdout: Buffer.from(out, 'base64').toString('utf8'),
        stderr: Buffer.from(err, 'base64').toString('utf8'),
      })
    })
    this.child.stderr.resume() // compiler notes, if any; a check's own stderr comes in its answer
    this.child.stdin.on('error', () => undefined) // a JVM that died is handled on 'close'
    this.child.on('error', () => undefined)
    this.child.on('close', () => {
      this.ended = true
      if (!started) ready(false)
      // Anything still waiting is checked the slow way rather than lost.
      for (const pending of this.queue.splice(0))
        epubcheckOnce(pending.args).then(pending.resolve, pending.reject)
    })
  }

  static start(): Promise<Server | undefined> {
    return new Promise((resolve) => {
      const server: Server = new Server((ok) => resolve(ok ? server : undefined))
    })
  }

  check(args: readonly string[]): Promise<EpubcheckRun> {
    // A tab or line break inside an argument cannot be framed: run that one alone.
    if (this.ended || args.some((a) => /[\t\r\n]/.test(a))) return epubcheckOnce(args)
    return new Promise((resolve, reject) => {
      this.queue.push({ args, resolve, reject })
      this.child.stdin.write(`${args.join('\t')}\n`)
    })
  }

  stop(): void {
    this.child.stdin.end()
    setTimeout(() => this.child.kill(), 5000).unref()
  }
}

/**
 * Start the service: a socket path to give the test files, and `close` for the end of the run.
 * No JVM starts until a test asks for a check.
 */
export async function startEpubcheckService(): Promise<{ socket: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'octavo-epubcheck-'))
  const socket = path.join(dir, 'socket')
  let server: Promise<Server | undefined> | undefined
  const check = async (args: readonly string[]): Promise<EpubcheckRun> => {
    server ??= Server.start()
    const running = await server
    return running ? running.check(args) : epubcheckOnce(args)
  }
  const connections = new Set<Socket>()
  const listener = createServer((connection) => {
    connections.add(connection)
    connection.on('close', () => connections.delete(connection))
    connection.on('error', () => undefined)
    createInterface({ input: connection }).on('line', (line) => {
      const { id, args } = JSON.parse(line) as { id: number; args: string[] }
      check(args).then(
        (run) => connection.write(`${JSON.stringify({ id, run })}\n`),
        (error: unknown) => connection.write(`${JSON.stringify({ id, error: String(error) })}\n`),
      )
    })
  })
  await new Promise<void>((resolve) => listener.listen(socket, resolve))
  return {
    socket,
    async close() {
      for (const connection of connections) connection.destroy()
      await new Promise((resolve) => listener.close(resolve))
      ;(await server)?.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
