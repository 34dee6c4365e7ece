import { Worker } from 'node:worker_threads';
import { DocumentError } from '../errors.js';
import type { OcrEvent } from './ocr/ocr-pages.js';
import type { PageResult } from './page-text.js';
import type { PdfTask, PdfTaskMessage } from './pdf-worker-protocol.js';
import { pdfWorkerScript, type WorkerScript } from './pdf-worker-script.js';

export interface PdfWorkerOptions {
  /** Hard bound for the whole task, worker start included; then the thread is terminated. */
  timeoutMs: number;
  /** Aborting terminates the thread and rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /** V8 old-generation heap limit of the thread. */
  maxHeapMb: number;
  onOpened?: (pageCount: number) => void;
  onPage?: (page: PageResult) => void;
  onOcr?: (event: OcrEvent) => void;
  /** The worker to run; tests substitute misbehaving ones. */
  script?: WorkerScript;
}

const outOfMemory = 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * Runs a {@link PdfTask} in a worker thread that is terminated when the time bound passes or
 * the signal aborts. pdf.js runs synchronous stretches (decoding, content parsing) in its
 * thread; only a separate thread that can be killed bounds them — a `Promise.race` timer in the
 * same thread would never get to run while pdf.js holds it.
 *
 * Resolves when the task finished. Rejects with {@link DocumentError} for input that cannot be
 * read (the worker's `failed` message, `PARSE_TIMEOUT`, a heap blow-up), with `signal.reason` on
 * abort, and with a plain `Error` when the worker itself could not run (a deployment fault
 * worth retrying, not a verdict on the document).
 */
export function runPdfWorker(task: PdfTask, options: PdfWorkerOptions): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const script = options.script ?? pdfWorkerScript();

  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(script.filename, {
      workerData: task,
      eval: script.eval ?? false,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
    });
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => settle(signal?.reason);
    const timer = setTimeout(() => settle(new DocumentError('PARSE_TIMEOUT')), options.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: PdfTaskMessage) => {
      // Messages already queued when the run settled (abort, timeout) must not reach the caller.
      if (settled) return;
      try {
        switch (message.type) {
          case 'opened':
            options.onOpened?.(message.pageCount);
            break;
          case 'page':
            options.onPage?.(message.page);
            break;
          case 'ocr-started':
          case 'ocr-page':
            options.onOcr?.(message);
            break;
          case 'finished':
            settle();
            break;
          case 'failed':
            settle(new DocumentError(message.code, message.message, { cause: message.detail }));
            break;
        }
      } catch (error) {
        // A caller's callback threw: stop reading and hand its error back.
        settle(error);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      settle(
        error.code === outOfMemory
          ? new DocumentError('CORRUPT_PDF', 'This PDF needs more memory to read than is allowed; it may be damaged.', { cause: error })
          : error,
      );
    });
    worker.on('exit', (exitCode) => settle(new Error(`The PDF worker exited (code ${exitCode}) before it finished.`)));
  });
}
