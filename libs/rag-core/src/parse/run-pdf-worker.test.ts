import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../test/parse/rejection.js';
import { DocumentError } from '../errors.js';
import type { PdfTask } from './pdf-worker-protocol.js';
import { runPdfWorker, type PdfWorkerOptions } from './run-pdf-worker.js';

const task: PdfTask = { kind: 'parse', bytes: new Uint8Array([1, 2, 3]), maxPages: 10 };
const base: PdfWorkerOptions = { timeoutMs: 20_000, maxHeapMb: 64 };

/** A stand-in worker written in JavaScript (eval'd worker scripts are CommonJS). */
function script(source: string): PdfWorkerOptions['script'] {
  return { filename: `const { parentPort, workerData } = require('node:worker_threads');\n${source}`, eval: true };
}

const spin = script('for (;;) {}');

describe('runPdfWorker', () => {
  it('delivers the task to the worker and its messages to the callbacks, in order', async () => {
    const seen: unknown[] = [];
    await runPdfWorker(task, {
      ...base,
      script: script(`
        parentPort.postMessage({ type: 'opened', pageCount: workerData.bytes.length });
        parentPort.postMessage({ type: 'page', page: { pageNumber: 1, text: workerData.kind, usable: true } });
        parentPort.postMessage({ type: 'finished' });
      `),
      onOpened: (pageCount) => seen.push(['opened', pageCount]),
      onPage: (page) => seen.push(['page', page]),
    });
    expect(seen).toEqual([
      ['opened', 3],
      ['page', { pageNumber: 1, text: 'parse', usable: true }],
    ]);
  });

  it('terminates a worker stuck in a synchronous loop with PARSE_TIMEOUT, and the caller keeps running', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const error = await rejectionOf(runPdfWorker(task, { ...base, timeoutMs: 300, script: spin }));
    clearInterval(ticker);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code).toBe('PARSE_TIMEOUT');
    expect((error as DocumentError).message).toBe('Reading this PDF took too long and was stopped.');
    // The event loop of the calling thread was never blocked by the worker.
    expect(ticks).toBeGreaterThan(5);
  });

  it('terminates a stuck worker when the signal aborts, rejecting with the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    setTimeout(() => controller.abort(reason), 100);
    expect(await rejectionOf(runPdfWorker(task, { ...base, signal: controller.signal, script: spin }))).toBe(reason);
  });

  it('rejects at once with the reason when the signal is already aborted', async () => {
    const reason = new Error('already');
    expect(await rejectionOf(runPdfWorker(task, { ...base, signal: AbortSignal.abort(reason), script: spin }))).toBe(reason);
  });

  it('turns a failed message into a DocumentError with its code, message and detail', async () => {
    const error = await rejectionOf(
      runPdfWorker(task, { ...base, script: script(`parentPort.postMessage({ type: 'failed', code: 'ENCRYPTED_PDF', message: 'Locked.', detail: 'PasswordException: No password given' });`) }),
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect(error).toMatchObject({ code: 'ENCRYPTED_PDF', message: 'Locked.', cause: 'PasswordException: No password given' });
  });

  it('fails a worker that exhausts its heap with CORRUPT_PDF, and the caller survives', async () => {
    const error = await rejectionOf(runPdfWorker(task, { ...base, maxHeapMb: 16, script: script('const hoard = []; for (;;) hoard.push(new Array(100_000).fill(hoard.length));') }));
    expect(error).toBeInstanceOf(DocumentError);
    expect(error).toMatchObject({ code: 'CORRUPT_PDF', message: 'This PDF needs more memory to read than is allowed; it may be damaged.' });
  });

  it('passes a crash of the worker itself on as a plain error (a fault to retry, not a verdict on the file)', async () => {
    const error = await rejectionOf(runPdfWorker(task, { ...base, script: script(`throw new Error('cannot load pdf.js');`) }));
    expect(error).not.toBeInstanceOf(DocumentError);
    expect((error as Error).message).toBe('cannot load pdf.js');
  });

  it('rejects when the worker exits without finishing', async () => {
    const error = await rejectionOf(runPdfWorker(task, { ...base, script: script(`parentPort.postMessage({ type: 'opened', pageCount: 1 });`) }));
    expect(error).not.toBeInstanceOf(DocumentError);
    expect((error as Error).message).toBe('The PDF worker exited (code 0) before it finished.');
  });

  it('stops and rejects with the error of a callback that throws', async () => {
    const thrown = new Error('progress store down');
    const error = await rejectionOf(
      runPdfWorker(task, {
        ...base,
        script: script(`parentPort.postMessage({ type: 'opened', pageCount: 1 }); for (;;) {}`),
        onOpened: () => {
          throw thrown;
        },
      }),
    );
    expect(error).toBe(thrown);
  });
});
