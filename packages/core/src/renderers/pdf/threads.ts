/**
 * When the PDF renderer hands its page streams to the compression thread (`Env.threads`): a
 * module of its own, read by the renderer's entry (`index.ts`, loaded with the registry) and by
 * its engine (`render.ts`, loaded on the first PDF render).
 */

/**
 * Pages drawn before page streams are compressed on another thread (`Env.threads`): a short
 * document is done before a thread would have started.
 */
export const THREADS_FROM_PAGE = 16

/**
 * Chapters (or chapter files, `pdfRenderer.prepare`) from which a book is taken to run past
 * `THREADS_FROM_PAGE` pages, each chapter opening a page of its own: the compression thread is
 * started ahead, while the book loads or as the render starts, not at that page. A thread takes
 * 100 ms or more to start on a busy machine, and until it answers its jobs are deflated here
 * (`Threads.deflate`): War and Peace's first 3 to 6 page streams were, when the thread started at
 * page 16, and V8 then compiled the deflate a second time, for this thread.
 */
export const THREADS_AHEAD_CHAPTERS = 8
