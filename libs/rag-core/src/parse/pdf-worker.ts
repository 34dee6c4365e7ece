/**
 * Entry point of the PDF worker thread (see docs/decisions: PDF parsing in a worker thread, and
 * OCR in the parse worker). Bundlers must emit it as `pdf-worker.js` beside the bundle that
 * calls `parsePdf`; it is exported as `@student-helper/rag-core/pdf-worker` for that purpose.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createOcrEngine } from './ocr/ocr-engine.js';
import type { PdfTask } from './pdf-worker-protocol.js';
import { runPdfTask } from './pdf-task.js';

if (!parentPort) throw new Error('pdf-worker runs only as a worker thread (new Worker(...)).');
const port = parentPort;
const task = workerData as PdfTask;
const ocr = task.ocr ? createOcrEngine(task.ocr) : undefined;
try {
  await runPdfTask(task, (message) => port.postMessage(message), ocr);
} finally {
  await ocr?.close();
}
