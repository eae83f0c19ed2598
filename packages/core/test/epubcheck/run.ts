/**
 * The one way a test runs EPUBCheck: `runEpubcheck(['/tmp/book.epub', '--json', '-'])` gives what
 * `java -jar epubcheck.jar /tmp/book.epub --json -` would (exit code, stdout, stderr), through the
 * run's shared JVM (service.ts) when the global setup started one, else through a JVM of its own.
 * Give files as absolute paths: the service's JVM runs in the folder vitest was started from.
 */
import { createConnection } from 'node:net'
import { createInterface } from 'node:readline'
import { inject } from 'vitest'
import { type EpubcheckRun, epubcheckOnce } from './service.js'

export type { EpubcheckRun }

type Check = (args: readonly string[]) => Promise<EpubcheckRun>

/** A connection to the service at `socket`; undefined when nothing answers there. */
export function connectEpubcheck(socket: string): Promise<Check | undefined> {
  const waiting = new Map<number, { resolve(run: EpubcheckRun): void; reject(error: Error): void }>()
  let next = 0
  return new Promise((resolve) => {
    const client = createConnection(socket)
    client.once('error', () => resolve(undefined))
    client.on('close', () => {
      for (const [, pending] of waiting) pending.reject(new Error('the EPUBCheck service closed'))
      waiting.clear()
    })
    client.once('connect', () => {
      // An idle connection must not keep the test worker alive; a pending answer does.
      client.unref()
      createInterface({ input: client }).on('line', (line) => {
        const answer = JSON.parse(line) as { id: number; run?: EpubcheckRun; error?: string }
        const pending = waiting.get(answer.id)
        waiting.delete(answer.id)
        if (waiting.size === 0) client.unref()
        if (answer.run) pending?.resolve(answer.run)
        else pending?.reject(new Error(`EPUBCheck service: ${answer.error}`))
      })
      resolve(
        (args) =>
          new Promise((done, fail) => {
            const id = next++
            waiting.set(id, { resolve: done, reject: fail })
            client.ref()
            client.write(`${JSON.stringify({ id, args })}\n`)
          }),
      )
    })
  })
}

let shared: Promise<Check | undefined> | undefined

/** Run EPUBCheck with these arguments (those that follow `java -jar epubcheck.jar`). */
export async function runEpubcheck(args: readonly string[]): Promise<EpubcheckRun> {
  const socket = inject('epubcheckSocket')
  shared ??= socket ? connectEpubcheck(socket) : Promise.resolve(undefined)
  const check = await shared
  return check ? check(args) : epubcheckOnce(args)
}
