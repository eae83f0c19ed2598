/**
 * What the command sets in its own process before the core loads, for a build: the benchmark's
 * stage breakdown (bench/cli.mjs) sets the same from here, so it times the build as the command
 * runs it.
 */
export async function tuneProcess(): Promise<void> {
  const v8 = await import('node:v8')
  inlineLess(v8)
  noPretenuring(v8)
  purgeCoverMemory()
}

/** `node:v8`, imported only for a build: `--version` and the quick answers need none of it. */
type V8 = typeof import('node:v8')

/**
 * A build is a few seconds of work at most, and V8's optimising compiler is a large share of it:
 * War and Peace to a PDF spent some 1.8 s of CPU compiling (on the threads beside the main one,
 * which on two cores it slows) against 3.3 s of the main thread's own work. Inlining less into
 * each optimised function (a budget of 250 bytes of bytecode instead of 920) compiles less and
 * leaves the hot loops as fast: alternating runs, median of 5, on two cores, War and Peace md to
 * PDF 3.73 → 3.61 s (CPU 5.82 → 5.41 s), txt to PDF 3.38 → 3.28 s, Treasure Island to PDF
 * 1.28 → 1.18 s, the 2M-word serial to EPUB 0.97 → 0.92 s. Set before the core loads (Node does
 * not freeze V8's flags); the process's worker threads share it.
 */
function inlineLess(v8: V8): void {
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=250')
}

/**
 * V8 allocates the objects of an allocation site straight in the old generation once it has seen
 * most of them survive a young collection ("pretenuring"). The PDF's placed lines are made a
 * paragraph ahead and live until their page is drawn, and V8 took them for long-lived: ~32 MB of
 * a War and Peace PDF's lines were allocated old (the sampling heap profiler, the objects a minor
 * GC collected left out), where only the full collections free them, though a heap snapshot
 * mid-render finds 143 lines alive. Without pretenuring they die young. Alternating runs, median
 * of 5–7, two cores: War and Peace md to PDF 3.51 → 3.40 s (CPU 5.27 → 5.07 s, peak 304 → 275 MB),
 * txt 3.14 → 3.02 s (282 → 263 MB), Treasure Island 1.14 → 1.11 s (174 → 168 MB); on Node 22
 * 3.11 → 2.92 s (334 → 301 MB), on Node 24 2.92 → 2.83 s (425 → 397 MB); the EPUBs unchanged
 * (the serial 0.90 against 0.91 s, 219 against 221 MB; War and Peace md 0.59 against 0.58 s).
 * Set from inside it works as the command-line flag does (3.40 against 3.36 s).
 */
function noPretenuring(v8: V8): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring')
}

/**
 * The generated cover is drawn by resvg on a worker, and resvg allocates through mimalloc, which
 * hands memory back to the system only after a delay, on a later allocation: when the worker ends,
 * none comes, and the raster's 36 MB stayed resident for the rest of the build (a worker drawing
 * a blank 1600×2560 SVG: the process's RSS 42 MB before, 84 MB after it ended, 52 MB with this).
 * Purged at once instead, a build's peak falls by most of that (alternating runs: the 2M-word
 * serial to EPUB 253 → 222 MB, War and Peace md 163 → 146 MB; a one-chapter book, whose peak is
 * the drawing itself, 108 → 106 MB, its time unchanged). mimalloc reads the setting from the
 * environment when resvg loads; one the user set is kept (and programs the command starts, such
 * as `--open`'s viewer, inherit it: it changes only when memory goes back to the system).
 */
function purgeCoverMemory(): void {
  process.env.MIMALLOC_PURGE_DELAY ??= '0'
}
