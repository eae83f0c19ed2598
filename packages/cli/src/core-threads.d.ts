/**
 * The core's Node threads module (packages/core/src/platform/threads.ts), which the bundle
 * (scripts/bundle.mjs) lets the command's entry import on its own, before the rest of the core:
 * not part of `@octavo/core`'s public API, and only ever imported by the bundled entry.
 */
declare module '@octavo/core/internal/threads' {
  export const nodeThreads: { prepareCover?(): void }
}
